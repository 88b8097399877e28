// EXIF/XMP orientation: the parsers on their own, then all 8 orientations
// end to end, checking pixel by pixel where a marked corner lands.
#include "core/intake/exif.h"

#include <gtest/gtest.h>

#include "core/intake/photo.h"
#include "tests/core/test_images.h"

namespace smp {
namespace {

using Bytes = std::vector<std::uint8_t>;

// An upright test card: red block top-left, green block top-right, so any
// mirror or rotation moves a colour somewhere it should not be.
Image card(int w, int h) {
  Image img = test::gradient(w, h);  // red top-left block
  for (int y = 0; y < h / 8; ++y)
    for (int x = w - w / 6; x < w; ++x) {
      img.at(x, y)[0] = 0; img.at(x, y)[1] = 255; img.at(x, y)[2] = 0;
    }
  return img;
}

TEST(Exif, ReadsOrientationInBothByteOrders) {
  for (bool le : {true, false})
    for (int o = 1; o <= 8; ++o) {
      Bytes t = test::exif_block(o, le);
      EXPECT_EQ(exif_orientation(t.data(), t.size()), o) << (le ? "II " : "MM ") << o;
    }
}

TEST(Exif, MalformedBlocksReadAsNoOrientation) {
  Bytes t = test::exif_block(6, true);
  EXPECT_EQ(exif_orientation(t.data(), 10), 0);          // cut inside IFD0
  EXPECT_EQ(exif_orientation(t.data(), 0), 0);
  Bytes bad_value = test::exif_block(9, false);
  EXPECT_EQ(exif_orientation(bad_value.data(), bad_value.size()), 0);
  Bytes bad_magic = t;
  bad_magic[2] = 43;
  EXPECT_EQ(exif_orientation(bad_magic.data(), bad_magic.size()), 0);
  Bytes far_ifd = t;
  far_ifd[4] = 0xF0; far_ifd[7] = 0x7F;                  // IFD offset beyond the block
  EXPECT_EQ(exif_orientation(far_ifd.data(), far_ifd.size()), 0);
  Bytes wrong_type = t;
  wrong_type[8 + 2 + 12 + 2] = 4;                        // LONG instead of SHORT
  EXPECT_EQ(exif_orientation(wrong_type.data(), wrong_type.size()), 0);
}

TEST(Exif, ReadsXmpOrientationInBothForms) {
  EXPECT_EQ(xmp_orientation("<rdf:Description tiff:Orientation=\"6\"/>"), 6);
  EXPECT_EQ(xmp_orientation("<tiff:Orientation>3</tiff:Orientation>"), 3);
  EXPECT_EQ(xmp_orientation("<tiff:Orientation>12</tiff:Orientation>"), 0);
  EXPECT_EQ(xmp_orientation("<exif:PixelXDimension>626</exif:PixelXDimension>"), 0);
}

// All 8 orientations x PNG eXIf chunk x both byte orders: lossless, so the
// upright result must equal the card exactly, pixel for pixel.
TEST(Exif, AllEightOrientationsInPngArePixelExact) {
  const Image upright = card(96, 72);
  for (bool le : {true, false})
    for (int o = 1; o <= 8; ++o) {
      Image stored = test::transformed(upright, o);
      Bytes png = test::with_png_chunk(test::encode_png(stored), test::png_chunk("eXIf", test::exif_block(o, le)));
      Result<Photo> p = decode_photo(png.data(), png.size());
      ASSERT_TRUE(p.ok()) << p.error().message;
      EXPECT_EQ(p->orientation, o);
      ASSERT_EQ(p->original_width, 96) << "orientation " << o;
      ASSERT_EQ(p->original_height, 72) << "orientation " << o;
      // The marked corners, explicitly, then every pixel.
      EXPECT_EQ(p->working.at(0, 0)[0], 255) << o;
      EXPECT_EQ(p->working.at(0, 0)[1], 0) << o;
      EXPECT_EQ(p->working.at(95, 0)[1], 255) << o;
      EXPECT_EQ(p->working.pixels, upright.pixels) << "orientation " << o << (le ? " II" : " MM");
    }
}

// The same through a JPEG APP1 segment (lossy: check where the corners land).
TEST(Exif, AllEightOrientationsInJpegPutTheCornerTopLeft) {
  const Image upright = card(128, 96);
  for (bool le : {true, false})
    for (int o = 1; o <= 8; ++o) {
      Bytes jpeg = test::with_jpeg_exif(test::encode_jpeg(test::transformed(upright, o), 95),
                                        test::exif_block(o, le));
      Result<Photo> p = decode_photo(jpeg.data(), jpeg.size());
      ASSERT_TRUE(p.ok()) << p.error().message;
      EXPECT_EQ(p->orientation, o);
      ASSERT_EQ(p->working.width, 128) << o;
      const std::uint8_t* tl = p->working.at(4, 4);
      EXPECT_GT(tl[0], 200) << o; EXPECT_LT(tl[1], 60) << o;
      const std::uint8_t* tr = p->working.at(123, 4);
      EXPECT_LT(tr[0], 60) << o; EXPECT_GT(tr[1], 200) << o;
      const std::uint8_t* bl = p->working.at(4, 91);  // gradient, not a marker
      EXPECT_LT(bl[0], 60) << o; EXPECT_GT(bl[1], 180) << o;
    }
}

TEST(Exif, OrientationAppliesAfterDownscaleWithSwappedSize) {
  const Image upright = card(400, 300);
  Bytes jpeg = test::with_jpeg_exif(test::encode_jpeg(test::transformed(upright, 6), 95), test::exif_block(6, false));
  DecodeOptions opt;
  opt.max_working_side = 200;
  Result<Photo> p = decode_photo(jpeg.data(), jpeg.size(), opt);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->original_width, 400);
  EXPECT_EQ(p->original_height, 300);
  EXPECT_EQ(p->working.width, 200);
  EXPECT_EQ(p->working.height, 150);
  EXPECT_DOUBLE_EQ(p->scale, 2.0);
  EXPECT_GT(p->working.at(3, 3)[0], 200);
}

TEST(Exif, PngXmpOrientationCountsAndExifWins) {
  const Image upright = card(96, 72);
  // iTXt: keyword, NUL, uncompressed, method 0, empty language and
  // translated keyword (two NULs), then the packet.
  std::string itxt_text = std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) +
      "<x:xmpmeta><rdf:Description><tiff:Orientation>3</tiff:Orientation></rdf:Description></x:xmpmeta>";
  Bytes itxt(itxt_text.begin(), itxt_text.end());
  Bytes png = test::with_png_chunk(test::encode_png(test::transformed(upright, 3)), test::png_chunk("iTXt", itxt));
  Result<Photo> p = decode_photo(png.data(), png.size());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->orientation, 3);
  EXPECT_EQ(p->working.pixels, upright.pixels);
  // With an eXIf chunk saying 1 as well, EXIF is believed.
  Bytes both = test::with_png_chunk(png, test::png_chunk("eXIf", test::exif_block(1, true)));
  Result<Photo> q = decode_photo(both.data(), both.size());
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->orientation, 1);
}

TEST(Exif, BrokenExifDoesNotStopThePhoto) {
  Bytes junk = {'M', 'M', 0, 42, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3};
  Bytes jpeg = test::with_jpeg_exif(test::encode_jpeg(card(96, 72)), junk);
  Result<Photo> p = decode_photo(jpeg.data(), jpeg.size());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->orientation, 1);
}

}  // namespace
}  // namespace smp

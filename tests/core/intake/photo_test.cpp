// Photo intake over a corpus the suite builds itself: every supported
// format and variant, every way a file can be broken, the size limits and
// the working-size downscale. Real photos from ../shared run at the end.
#include "core/intake/photo.h"

#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "tests/core/test_images.h"

namespace smp {
namespace {

using Bytes = std::vector<std::uint8_t>;

Result<Photo> decode(const Bytes& b, const DecodeOptions& o = {}) {
  return decode_photo(b.data(), b.size(), o);
}

std::string code_of(const Result<Photo>& p) { return p.ok() ? "ok" : p.error().code; }

// Expects an error with this code and a real sentence.
template <class T>
void expect_error(const Result<T>& p, const std::string& code) {
  ASSERT_FALSE(p.ok()) << "expected " << code;
  EXPECT_EQ(p.error().code, code) << p.error().message;
  EXPECT_GT(p.error().message.size(), 15u);
  EXPECT_EQ(p.error().message.back(), '.');
}

Image solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Image img(w, h, 3);
  for (int i = 0; i < w * h; ++i) {
    img.pixels[i * 3] = r;
    img.pixels[i * 3 + 1] = g;
    img.pixels[i * 3 + 2] = b;
  }
  return img;
}

// ---- formats and variants ---------------------------------------------------

TEST(Photo, DecodesPngSizeAndPixels) {
  Image src = test::gradient(200, 120);
  Bytes png = test::encode_png(src);
  Result<Photo> p = decode(png);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->original_width, 200);
  EXPECT_EQ(p->original_height, 120);
  EXPECT_EQ(p->working.channels, 3);
  EXPECT_EQ(p->format, "png");
  EXPECT_EQ(p->orientation, 1);
  EXPECT_EQ(p->working.pixels, src.pixels);  // lossless round trip
}

TEST(Photo, DecodesJpegAndBmp) {
  Image src = test::gradient(97, 131);
  std::map<std::string, Bytes> files = {{"jpeg", test::encode_jpeg(src)}, {"bmp", test::encode_bmp(src)}};
  for (const auto& [format, bytes] : files) {
    Result<Photo> p = decode(bytes);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->format, format);
    EXPECT_EQ(p->original_width, 97);
    EXPECT_EQ(p->original_height, 131);
    EXPECT_GT(p->working.at(2, 2)[0], 200);  // the red corner survives
    EXPECT_LT(p->working.at(2, 2)[1], 60);
  }
}

TEST(Photo, Decodes16BitPngToItsHighBytes) {
  const int w = 80, h = 70;
  Bytes raw;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) {
        std::uint16_t v = static_cast<std::uint16_t>((x * 800 + y * 300 + c * 9000) & 0xFFFF);
        raw.push_back(v >> 8);
        raw.push_back(v & 0xFF);
      }
  Result<Photo> p = decode(test::encode_png_raw(w, h, 2, 16, raw));
  ASSERT_TRUE(p.ok()) << p.error().message;
  for (int y = 0; y < h; y += 7)
    for (int x = 0; x < w; x += 5)
      for (int c = 0; c < 3; ++c) {
        int v16 = (x * 800 + y * 300 + c * 9000) & 0xFFFF;
        EXPECT_NEAR(p->working.at(x, y)[c], v16 / 257.0, 1.0) << x << "," << y;
      }
}

TEST(Photo, DecodesPalettePngWithTransparencyOnWhite) {
  const int w = 64, h = 64;
  Bytes palette = {255, 0, 0, /**/ 0, 0, 255, /**/ 10, 200, 30};
  Bytes trns = {0};  // index 0 (red) fully transparent -> white
  Bytes idx;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) idx.push_back(static_cast<std::uint8_t>(x < 16 ? 0 : (y < 32 ? 1 : 2)));
  Result<Photo> p = decode(test::encode_png_raw(w, h, 3, 8, idx, palette, trns));
  ASSERT_TRUE(p.ok()) << p.error().message;
  const std::uint8_t* white = p->working.at(3, 3);
  EXPECT_EQ(white[0], 255); EXPECT_EQ(white[1], 255); EXPECT_EQ(white[2], 255);
  const std::uint8_t* blue = p->working.at(40, 5);
  EXPECT_EQ(blue[0], 0); EXPECT_EQ(blue[1], 0); EXPECT_EQ(blue[2], 255);
  const std::uint8_t* green = p->working.at(40, 50);
  EXPECT_EQ(green[0], 10); EXPECT_EQ(green[1], 200); EXPECT_EQ(green[2], 30);
}

TEST(Photo, GreyscaleAndOneBitPngBecomeRgb) {
  const int w = 96, h = 64;
  Bytes grey, bits((w / 8) * h, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      grey.push_back(static_cast<std::uint8_t>(x * 2));
      if ((x / 8 + y / 8) % 2) bits[y * (w / 8) + x / 8] |= 0x80 >> (x % 8);
    }
  Result<Photo> g = decode(test::encode_png_raw(w, h, 0, 8, grey));
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->working.channels, 3);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(g->working.at(50, 10)[c], 100);
  Result<Photo> b = decode(test::encode_png_raw(w, h, 0, 1, bits));
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->working.at(1, 1)[0], 0);
  EXPECT_EQ(b->working.at(9, 1)[0], 255);
}

TEST(Photo, AlphaIsCompositedOnWhite) {
  const int w = 64, h = 64;
  Bytes rgba, ga;
  for (int i = 0; i < w * h; ++i) {
    std::uint8_t a = i < w * h / 2 ? 0 : 128;
    rgba.insert(rgba.end(), {0, 0, 0, a});
    ga.insert(ga.end(), {0, a});
  }
  for (const Bytes& png : {test::encode_png_raw(w, h, 6, 8, rgba), test::encode_png_raw(w, h, 4, 8, ga)}) {
    Result<Photo> p = decode(png);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->working.at(5, 5)[0], 255);            // transparent black -> white
    EXPECT_NEAR(p->working.at(5, 60)[1], 127, 1);      // half-transparent black -> mid grey
  }
}

TEST(Photo, DecodesGreyscaleOneComponentJpeg) {
  Image grey(96, 72, 1);
  for (int y = 0; y < 72; ++y)
    for (int x = 0; x < 96; ++x) grey.at(x, y)[0] = static_cast<std::uint8_t>(x < 8 && y < 8 ? 250 : 40 + (x / 8) * 15);
  Bytes jpeg = test::encode_jpeg_dc(grey, false);
  for (std::size_t i = 0; i + 9 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) ASSERT_EQ(jpeg[i + 9], 1);  // SOF: one component
  Result<Photo> p = decode(jpeg);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->format, "jpeg");
  EXPECT_EQ(p->original_width, 96);
  EXPECT_NEAR(p->working.at(3, 3)[0], 250, 2);
  EXPECT_NEAR(p->working.at(50, 40)[0], 40 + 6 * 15, 2);
  EXPECT_EQ(p->working.at(50, 40)[0], p->working.at(50, 40)[2]);  // grey stays grey in RGB
}

TEST(Photo, DecodesProgressiveJpeg) {
  Image src = test::gradient(120, 96);  // red corner block is 15 x 12 px
  Bytes jpeg = test::encode_jpeg_dc(src, true);
  bool sof2 = false;
  for (std::size_t i = 0; i + 1 < jpeg.size(); ++i) sof2 |= jpeg[i] == 0xFF && jpeg[i + 1] == 0xC2;
  ASSERT_TRUE(sof2);
  Result<Photo> p = decode(jpeg);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->original_width, 120);
  EXPECT_EQ(p->original_height, 96);
  const std::uint8_t* corner = p->working.at(3, 3);
  EXPECT_GT(corner[0], 200);
  EXPECT_LT(corner[1], 50);
  EXPECT_LT(corner[2], 50);
  EXPECT_NEAR(p->working.at(100, 80)[2], 128, 12);  // gradient's constant blue
}

TEST(Photo, DecodesProgressiveJpegWith420Chroma) {
  Image src = test::gradient(160, 128);  // red corner block is 20 x 16 px
  Result<Photo> p = decode(test::encode_jpeg_dc(src, true, true));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->original_width, 160);
  const std::uint8_t* corner = p->working.at(4, 4);
  EXPECT_GT(corner[0], 190);
  EXPECT_LT(corner[1], 60);
  EXPECT_NEAR(p->working.at(120, 100)[2], 128, 14);
}

TEST(Photo, DecodesGifFirstFrame) {
  Image src = solid(100, 80, 0, 0, 255);
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 10; ++x) std::copy_n(std::array<std::uint8_t, 3>{255, 0, 0}.data(), 3, src.at(x, y));
  Result<Photo> p = decode(test::encode_gif(src));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->format, "gif");
  EXPECT_EQ(p->original_width, 100);
  EXPECT_EQ(p->working.at(2, 2)[0], 255);
  EXPECT_EQ(p->working.at(2, 2)[2], 0);
  EXPECT_EQ(p->working.at(50, 50)[2], 255);
}

// ---- broken and hostile files -----------------------------------------------

TEST(Photo, EmptyInputIsAnError) {
  expect_error(decode_photo(nullptr, 0), "empty_file");
  std::uint8_t byte = 0;
  expect_error(decode_photo(&byte, 0), "empty_file");
}

TEST(Photo, TextRenamedJpgIsNotAnImage) {
  std::string text = "this is not a photo, just some words in a file saved as holiday.jpg\n";
  expect_error(decode_photo(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), "not_an_image");
}

TEST(Photo, RandomBytesAreNotAnImage) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 50; ++i) {
    Bytes noise(64 + rng() % 4000);
    for (auto& b : noise) b = static_cast<std::uint8_t>(rng());
    if (noise[0] == 0xFF || noise[0] == 0x89 || noise[0] == 'G' || noise[0] == 'B') noise[0] = 0;
    expect_error(decode(noise), "not_an_image");
  }
}

TEST(Photo, RandomBytesBehindARealSignatureAreRejectedCleanly) {
  std::mt19937 rng(99);
  const std::vector<Bytes> magics = {{0xFF, 0xD8}, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                                     {'G', 'I', 'F', '8', '9', 'a'}, {'B', 'M'}};
  for (const Bytes& magic : magics)
    for (int i = 0; i < 40; ++i) {
      Bytes f = magic;
      for (int k = 0; k < 2000; ++k) f.push_back(static_cast<std::uint8_t>(rng()));
      Result<Photo> p = decode(f);
      EXPECT_FALSE(p.ok() && p->working.empty());
      if (!p.ok()) EXPECT_FALSE(p.error().message.empty());
    }
}

TEST(Photo, TruncatedFilesOfEveryFormatSayTruncated) {
  Image src = test::gradient(160, 120);
  std::map<std::string, Bytes> files = {
      {"jpeg", test::encode_jpeg(src)},       {"progressive jpeg", test::encode_jpeg_dc(src, true)},
      {"png", test::encode_png(src)},         {"gif", test::encode_gif(src)},
      {"bmp", test::encode_bmp(src)}};
  for (const auto& [name, bytes] : files) {
    ASSERT_TRUE(decode(bytes).ok()) << name;
    for (double frac : {0.01, 0.1, 0.3, 0.5, 0.9}) {
      std::size_t cut = std::max<std::size_t>(4, static_cast<std::size_t>(bytes.size() * frac));
      expect_error(decode_photo(bytes.data(), cut), "truncated");
    }
    // The end cut off (JPEG: half the EOI marker; PNG: inside IEND). A GIF
    // is whole once its first frame is, so cut into that frame's terminator.
    std::size_t tail = name == "gif" ? 2 : 1;
    expect_error(decode_photo(bytes.data(), bytes.size() - tail), "truncated");
  }
}

TEST(Photo, TruncatedJpegMessageIsClear) {
  Bytes jpeg = test::encode_jpeg(test::gradient(256, 256));
  Result<Photo> p = decode_photo(jpeg.data(), jpeg.size() / 2);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("incomplete"), std::string::npos) << p.error().message;
}

TEST(Photo, PngWithBadCrcIsCorrupt) {
  Bytes png = test::encode_png(test::gradient(100, 100));
  Bytes bad = png;
  bad[bad.size() - 12 - 6] ^= 0x55;  // a byte inside the last IDAT
  Result<Photo> p = decode(bad);
  expect_error(p, "corrupt");
  EXPECT_NE(p.error().message.find("checksum"), std::string::npos);
  // A damaged ancillary chunk is skipped, as libpng does: the photo loads.
  Bytes text = test::png_chunk("tEXt", {'C', 'o', 'm', 'm', 'e', 'n', 't', 0, 'h', 'i'});
  text[10] ^= 1;
  EXPECT_TRUE(decode(test::with_png_chunk(png, text)).ok());
}

TEST(Photo, HeaderClaimingHugeSizeIsTooLargeBeforeDecoding) {
  // Only a header: nothing could be decoded, so reaching the limit check is
  // the proof that it runs on the header alone.
  Bytes ihdr = {0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 2, 0, 0, 0};  // 100000 x 100000
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  for (const Bytes& c : {test::png_chunk("IHDR", ihdr), test::png_chunk("IEND", {})}) png.insert(png.end(), c.begin(), c.end());
  Result<Photo> p = decode(png);
  expect_error(p, "too_large");
  EXPECT_NE(p.error().message.find("100000 x 100000"), std::string::npos);
  // The same header on a file cut right after IHDR is still "too_large".
  expect_error(decode_photo(png.data(), 33), "too_large");
  // JPEG: SOF of 65535 x 65535.
  Bytes jpeg = test::encode_jpeg(test::gradient(64, 64));
  for (std::size_t i = 0; i + 8 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) { jpeg[i + 5] = jpeg[i + 6] = jpeg[i + 7] = jpeg[i + 8] = 0xFF; break; }
  expect_error(decode(jpeg), "too_large");
}

TEST(Photo, SideAndPixelLimitsAreSeparate) {
  DecodeOptions o;
  o.max_pixels = 10'000;
  o.max_side = 150;
  expect_error(decode(test::encode_png(test::gradient(120, 120)), o), "too_large");  // 14400 px
  expect_error(decode(test::encode_png(test::gradient(160, 64)), o), "too_large");   // side
  EXPECT_TRUE(decode(test::encode_png(test::gradient(100, 100)), o).ok());
}

TEST(Photo, OnePixelImageIsTooSmall) {
  for (const Bytes& b : {test::encode_png(solid(1, 1, 9, 9, 9)), test::encode_jpeg(solid(1, 1, 9, 9, 9)),
                         test::encode_bmp(solid(1, 1, 9, 9, 9))})
    expect_error(decode(b), "too_small");
  expect_error(decode(test::encode_png(test::gradient(32, 200))), "too_small");
}

TEST(Photo, FileOver40MbIsRejectedBeforeParsing) {
  Bytes big(40u * 1024 * 1024 + 1, 0);
  big[0] = 0xFF;
  big[1] = 0xD8;
  Result<Photo> p = decode(big);
  expect_error(p, "file_too_large");
  EXPECT_NE(p.error().message.find("40.0 MB"), std::string::npos) << p.error().message;
}

TEST(Photo, FormatsStbCannotReadAreUnsupportedNotGarbage) {
  auto with = [](std::string head) {
    Bytes b(head.begin(), head.end());
    b.resize(200, 0);
    return b;
  };
  const std::vector<std::pair<Bytes, std::string>> cases = {
      {with(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "WebP"},
      {with(std::string("\0\0\0\x18" "ftypheic", 12)), "HEIC"},
      {with(std::string("\0\0\0\x1c" "ftypavif", 12)), "AVIF"},
      {with(std::string("II*\0", 4)), "TIFF"}};
  for (const auto& [bytes, name] : cases) {
    Result<Photo> p = decode(bytes);
    expect_error(p, "unsupported_format");
    EXPECT_NE(p.error().message.find(name), std::string::npos) << p.error().message;
  }
  // CMYK JPEG: stb would guess at the colours; the browser has the ICC path.
  Bytes jpeg = test::encode_jpeg_dc(test::gradient(64, 64), false);
  for (std::size_t i = 0; i + 9 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) { jpeg[i + 9] = 4; break; }
  Result<Photo> cmyk = decode(jpeg);
  expect_error(cmyk, "unsupported_format");
  EXPECT_NE(cmyk.error().message.find("CMYK"), std::string::npos);
  // Arithmetic-coded JPEG (SOF9).
  jpeg = test::encode_jpeg_dc(test::gradient(64, 64), false);
  for (std::size_t i = 0; i + 1 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) { jpeg[i + 1] = 0xC9; break; }
  expect_error(decode(jpeg), "unsupported_format");
}

// Offset of the first segment with this marker (the 0xFF byte), or 0.
std::size_t find_marker(const Bytes& jpeg, std::uint8_t marker) {
  for (std::size_t i = 2; i + 1 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == marker) return i;
  return 0;
}

// stb_image 2.27 trusts the Huffman tables; these would overflow its arrays
// or make it read tables that were never defined (found by the fuzzer).
TEST(Photo, JpegWithBadHuffmanTablesIsCorrupt) {
  const Bytes good = test::encode_jpeg_dc(test::gradient(64, 64), false);
  std::size_t dht = find_marker(good, 0xC4);
  ASSERT_GT(dht, 0u);
  // DC table counts: 16 x 17 = 272 codes (> 256), symbols padded to fit.
  Bytes many(good.begin(), good.begin() + dht);
  Bytes table = {0x00};
  table.insert(table.end(), 16, 17);
  table.resize(table.size() + 272, 0);
  many.insert(many.end(), {0xFF, 0xC4, static_cast<std::uint8_t>((table.size() + 2) >> 8),
                           static_cast<std::uint8_t>((table.size() + 2) & 0xFF)});
  many.insert(many.end(), table.begin(), table.end());
  std::size_t dht_len = (good[dht + 2] << 8) | good[dht + 3];
  many.insert(many.end(), good.begin() + dht + 2 + dht_len, good.end());
  Result<Photo> p = decode(many);
  expect_error(p, "corrupt");
  EXPECT_NE(p.error().message.find("Huffman"), std::string::npos) << p.error().message;
  // Three codes of length 1 cannot exist.
  Bytes lengths = good;
  lengths[dht + 5] = 3;
  expect_error(decode(lengths), "corrupt");
  // The scan asks for DC table 2, which was never defined.
  Bytes undefined = good;
  std::size_t sos = find_marker(undefined, 0xDA);
  ASSERT_GT(sos, 0u);
  undefined.at(sos + 6) = 0x20;
  expect_error(decode(undefined), "corrupt");
}

TEST(Photo, RleBmpIsUnsupported) {
  Bytes bmp = test::encode_bmp(test::gradient(64, 64));
  bmp[30] = 1;  // BI_RLE8
  expect_error(decode(bmp), "unsupported_format");
}

// ---- working size -----------------------------------------------------------

TEST(Photo, DownscalesToWorkingSizeAndKeepsScale) {
  Image src = test::gradient(800, 400);
  Bytes png = test::encode_png(src);
  DecodeOptions o;
  o.max_working_side = 200;
  Result<Photo> p = decode(png, o);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->working.width, 200);
  EXPECT_EQ(p->working.height, 100);
  EXPECT_DOUBLE_EQ(p->scale, 4.0);
  EXPECT_EQ(p->original_width, 800);
}

TEST(Photo, DownscaleAveragesAreasInsteadOfSampling) {
  // One-pixel stripes alias to solid black or white under point sampling;
  // area averaging gives their mean, also at a non-integer ratio (3:2).
  Image stripes(300, 90, 3);
  for (int y = 0; y < 90; ++y)
    for (int x = 0; x < 300; ++x) std::fill_n(stripes.at(x, y), 3, x % 2 ? 255 : 0);
  DecodeOptions o;
  o.min_side = 16;
  for (int target : {150, 200}) {
    o.max_working_side = target;
    Result<Photo> p = decode(test::encode_png(stripes), o);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->working.width, target);
    for (int x = 1; x < target - 1; x += 7) EXPECT_NEAR(p->working.at(x, 10)[0], 127.5, 43) << x;
    double sum = 0;
    for (int x = 0; x < target; ++x) sum += p->working.at(x, 10)[0];
    EXPECT_NEAR(sum / target, 127.5, 1.5);  // brightness preserved
  }
}

TEST(Photo, DefaultWorkingSideIs1600) {
  Bytes jpeg = test::encode_jpeg(test::gradient(2000, 1000), 80);
  Result<Photo> p = decode(jpeg);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->working.width, 1600);
  EXPECT_EQ(p->working.height, 800);
  EXPECT_DOUBLE_EQ(p->scale, 1.25);
}

TEST(Photo, FromRgbaCompositesAndChecksLimits) {
  std::vector<std::uint8_t> rgba(100 * 80 * 4, 0);
  for (std::size_t i = 0; i < rgba.size(); i += 4) { rgba[i] = 200; rgba[i + 3] = i < rgba.size() / 2 ? 255 : 0; }
  Result<Photo> p = photo_from_rgba(rgba.data(), 100, 80);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->format, "rgba");
  EXPECT_EQ(p->working.at(5, 5)[0], 200);
  EXPECT_EQ(p->working.at(5, 5)[1], 0);
  EXPECT_EQ(p->working.at(5, 70)[1], 255);  // transparent -> white
  expect_error(photo_from_rgba(rgba.data(), 10, 800), "too_small");
  expect_error(photo_from_rgba(nullptr, 100, 80), "empty_file");
}

TEST(Photo, PlanGivesTheUprightAndWorkingSizesWithoutDecoding) {
  // Stored 2000 x 1000 with orientation 6 (a quarter turn): upright 1000 x 2000.
  Bytes jpeg = test::with_jpeg_exif(test::encode_jpeg(test::gradient(2000, 1000), 80), test::exif_block(6, true));
  Result<PhotoPlan> plan = plan_photo(jpeg.data(), jpeg.size());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->format, "jpeg");
  EXPECT_EQ(plan->width, 1000);
  EXPECT_EQ(plan->height, 2000);
  EXPECT_EQ(plan->working_width, 800);
  EXPECT_EQ(plan->working_height, 1600);
  // The decode agrees with the plan.
  Result<Photo> p = decode(jpeg);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->working.width, plan->working_width);
  EXPECT_EQ(p->working.height, plan->working_height);
  // The same refusals as decoding, before any pixel is decoded.
  expect_error(plan_photo(jpeg.data(), jpeg.size() / 2), "truncated");
  expect_error(plan_photo(nullptr, 0), "empty_file");
}

TEST(Photo, ReducedPixelsMapBackToTheStatedOriginal) {
  const Image small = test::gradient(800, 600);
  std::vector<std::uint8_t> rgba(std::size_t(800) * 600 * 4, 255);
  for (int y = 0; y < 600; ++y)
    for (int x = 0; x < 800; ++x)
      for (int c = 0; c < 3; ++c) rgba[(std::size_t(y) * 800 + x) * 4 + c] = small.at(x, y)[c];
  DecodeOptions o;
  o.max_working_side = 800;
  Result<Photo> p = photo_from_reduced_rgba(rgba.data(), 800, 600, 4000, 3000, o);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->original_width, 4000);
  EXPECT_EQ(p->original_height, 3000);
  EXPECT_DOUBLE_EQ(p->scale, 5.0);
  EXPECT_EQ(p->working.width, 800);
  EXPECT_EQ(p->working.at(400, 300)[0], small.at(400, 300)[0]);  // kept as given, not resampled
  // Pixels that are not the original's working size are refused, as is an original over the limits.
  expect_error(photo_from_reduced_rgba(rgba.data(), 800, 600, 4000, 1000, o), "invalid_argument");
  expect_error(photo_from_reduced_rgba(rgba.data(), 800, 600, 40000, 30000, o), "too_large");
  expect_error(photo_from_reduced_rgba(nullptr, 800, 600, 4000, 3000, o), "empty_file");
}

TEST(Photo, InvalidOptionsAreAnError) {
  Bytes png = test::encode_png(test::gradient(100, 100));
  DecodeOptions o;
  o.max_working_side = 0;
  expect_error(decode(png, o), "invalid_option");
}

// ---- every real photo in ../shared/photos -------------------------------------

// Upright sizes from misc/MANIFEST.tsv (file -> w, h); hairloss/README says
// every export there is 640 x 640.
std::map<std::string, std::pair<int, int>> manifest_sizes() {
  std::map<std::string, std::pair<int, int>> sizes;
  // Columns: file origin license width height ...
  for (const auto& f : test::read_tsv("misc/MANIFEST.tsv"))
    if (f.size() > 4) sizes[f[0]] = {std::stoi(f[3]), std::stoi(f[4])};
  return sizes;
}

TEST(SharedPhotos, EveryPhotoDecodesUprightAtItsManifestSize) {
  std::string misc = test::shared_photo("misc");
  if (misc.empty()) GTEST_SKIP() << "../shared/photos is absent";
  std::filesystem::path root = std::filesystem::path(misc).parent_path();
  auto sizes = manifest_sizes();
  ASSERT_GT(sizes.size(), 30u);
  int decoded = 0, checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string ext = entry.path().extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(c));
    if (ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".gif" && ext != ".bmp") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Result<Photo> p = decode(bytes);
    ASSERT_TRUE(p.ok()) << entry.path() << ": " << p.error().message;
    ++decoded;
    std::string name = entry.path().filename().string();
    std::string folder = entry.path().parent_path().filename().string();
    if (auto it = sizes.find(name); folder == "misc" && it != sizes.end()) {
      EXPECT_EQ(p->original_width, it->second.first) << name;
      EXPECT_EQ(p->original_height, it->second.second) << name;
      ++checked;
    } else if (folder == "hairloss") {
      EXPECT_EQ(p->original_width, 640) << name;
      EXPECT_EQ(p->original_height, 640) << name;
      ++checked;
    }
    EXPECT_LE(std::max(p->working.width, p->working.height), 1600) << name;
  }
  EXPECT_GT(decoded, 150);
}

TEST(SharedPhotos, Group3_28IsTurnedUpright) {
  std::string path = test::shared_photo("misc/baldness_est__og_group3_28.png");
  if (path.empty()) GTEST_SKIP() << "../shared/photos is absent";
  std::ifstream in(path, std::ios::binary);
  Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<Photo> p = decode(bytes);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->orientation, 3);
  // Compared with the raw stored pixels (stb alone, no orientation):
  // upright (x, y) must be stored (w-1-x, h-1-y).
  int w = 0, h = 0, n = 0;
  stbi_uc* raw = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &n, 4);
  ASSERT_NE(raw, nullptr);
  int mismatches = 0;
  for (int y = 0; y < h; y += 3)
    for (int x = 0; x < w; x += 3) {
      const stbi_uc* s = raw + ((static_cast<std::size_t>(h - 1 - y) * w) + (w - 1 - x)) * 4;
      if (s[3] == 255 && std::abs(int(s[0]) - p->working.at(x, y)[0]) > 0) ++mismatches;
    }
  stbi_image_free(raw);
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace smp

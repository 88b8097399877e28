#include "core/photo.h"

#include <gtest/gtest.h>

#include "test_images.h"

namespace smp {
namespace {

TEST(Photo, DecodesPngSizeAndPixels) {
  Image src = test::gradient(200, 120);
  std::vector<std::uint8_t> png = test::encode_png(src);
  Result<Photo> p = decode_photo(png.data(), png.size());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->original_width, 200);
  EXPECT_EQ(p->original_height, 120);
  EXPECT_EQ(p->working.channels, 3);
  EXPECT_EQ(p->working.pixels, src.pixels);  // lossless round trip
}

TEST(Photo, DecodesJpegAndBmp) {
  Image src = test::gradient(97, 131);
  for (const auto& bytes : {test::encode_jpeg(src), test::encode_bmp(src)}) {
    Result<Photo> p = decode_photo(bytes.data(), bytes.size());
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->original_width, 97);
    EXPECT_EQ(p->original_height, 131);
    EXPECT_GT(p->working.at(2, 2)[0], 200);  // the red corner survives
    EXPECT_LT(p->working.at(2, 2)[1], 60);
  }
}

TEST(Photo, EmptyInputIsAnError) {
  Result<Photo> p = decode_photo(nullptr, 0);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "empty_file");
}

TEST(Photo, TextIsNotAnImage) {
  std::string text = "this is not a photo, just some words in a file";
  Result<Photo> p = decode_photo(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "not_an_image");
}

TEST(Photo, TruncatedJpegIsAnErrorNotACrash) {
  std::vector<std::uint8_t> jpeg = test::encode_jpeg(test::gradient(256, 256));
  for (std::size_t cut : {std::size_t(20), jpeg.size() / 3, jpeg.size() / 2}) {
    Result<Photo> p = decode_photo(jpeg.data(), cut);
    // stb_image may fill a truncated scan with grey; what matters is no crash
    // and either an error or a correctly sized image.
    if (!p.ok()) EXPECT_FALSE(p.error().message.empty());
    else EXPECT_EQ(p->original_width, 256);
  }
}

TEST(Photo, DownscalesToWorkingSizeAndKeepsScale) {
  Image src = test::gradient(800, 400);
  std::vector<std::uint8_t> png = test::encode_png(src);
  DecodeOptions o;
  o.max_working_side = 200;
  Result<Photo> p = decode_photo(png.data(), png.size(), o);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->working.width, 200);
  EXPECT_EQ(p->working.height, 100);
  EXPECT_DOUBLE_EQ(p->scale, 4.0);
}

TEST(Photo, TooSmallIsRejected) {
  std::vector<std::uint8_t> png = test::encode_png(test::gradient(32, 32));
  Result<Photo> p = decode_photo(png.data(), png.size());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "too_small");
}

}  // namespace
}  // namespace smp

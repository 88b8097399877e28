// make_seeds.cpp - writes the fuzz seeds in tests/fuzz/seeds-photo_fuzz/:
// one small file per format variant intake handles, made with the suite's own
// encoders (tests/core/test_images.h), never from ../shared. Re-create with
//   g++ -std=c++20 -I. -DSMP_SHARED_DIR='""' \
//     tests/fuzz/make_seeds.cpp tests/core/test_images.cpp -o /tmp/make_seeds &&
//   /tmp/make_seeds tests/fuzz/seeds-photo_fuzz
#include <fstream>
#include <string>
#include <vector>

#include "tests/core/test_images.h"

using Bytes = std::vector<std::uint8_t>;
using namespace smp;

namespace {

void write(const std::string& dir, const std::string& name, const Bytes& b) {
  std::ofstream(dir + "/" + name, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), b.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::string dir = argv[1];
  Image img = test::gradient(24, 20);
  Image grey(24, 20, 1);
  for (std::size_t i = 0; i < grey.pixels.size(); ++i) grey.pixels[i] = static_cast<std::uint8_t>(i * 7);
  Bytes raw16, idx;
  for (int i = 0; i < 24 * 20 * 3; ++i) { raw16.push_back(static_cast<std::uint8_t>(i)); raw16.push_back(0x80); }
  for (int i = 0; i < 24 * 20; ++i) idx.push_back(static_cast<std::uint8_t>(i % 3));
  write(dir, "rgb.png", test::encode_png(img));
  write(dir, "rgb16.png", test::encode_png_raw(24, 20, 2, 16, raw16));
  write(dir, "palette_trns.png", test::encode_png_raw(24, 20, 3, 8, idx, {255, 0, 0, 0, 255, 0, 0, 0, 255}, {0, 128}));
  write(dir, "grey.png", test::encode_png(grey));
  write(dir, "exif6_ii.png", test::with_png_chunk(test::encode_png(img), test::png_chunk("eXIf", test::exif_block(6, true))));
  std::string x = std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) + "<tiff:Orientation>3</tiff:Orientation>";
  write(dir, "xmp3.png", test::with_png_chunk(test::encode_png(img), test::png_chunk("iTXt", Bytes(x.begin(), x.end()))));
  write(dir, "baseline.jpg", test::encode_jpeg(img, 80));
  write(dir, "exif8_mm.jpg", test::with_jpeg_exif(test::encode_jpeg(img, 60), test::exif_block(8, false)));
  write(dir, "grey_dc.jpg", test::encode_jpeg_dc(grey, false));
  write(dir, "progressive_dc.jpg", test::encode_jpeg_dc(img, true));
  write(dir, "first_frame.gif", test::encode_gif(img));
  write(dir, "rgb.bmp", test::encode_bmp(img));
  return 0;
}

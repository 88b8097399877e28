// intake_memory.cpp - writes the 12-megapixel JPEGs that intake_memory.sh
// measures `smp info` on.
//   usage: intake_memory OUT.jpg WIDTH HEIGHT KIND
// KIND: baseline420 / baseline444 - smooth photo-like shading plus fine noise
//         (realistic entropy-coded size), encoded by stb_image_write (via test_images); 4:2:0
//         chroma is what phones write, 4:4:4 is the decoder's worst baseline case.
//       progressive420 / progressive444 - progressive (SOF2) files from the
//         suite's DC-only encoder (tests/core/test_images.h): the decoder's
//         buffers depend only on the size and sampling, not on the content.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "tests/core/test_images.h"

namespace {

smp::Image shaded(int w, int h) {
  smp::Image img(w, h, 3);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> noise(-12, 12);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      double u = static_cast<double>(x) / w, v = static_cast<double>(y) / h;
      double head = std::exp(-((u - 0.5) * (u - 0.5) + (v - 0.45) * (v - 0.45)) * 12.0);
      std::uint8_t* p = img.at(x, y);
      int n = noise(rng);
      p[0] = static_cast<std::uint8_t>(std::clamp(60 + 150 * head + n, 0.0, 255.0));
      p[1] = static_cast<std::uint8_t>(std::clamp(50 + 110 * head + n, 0.0, 255.0));
      p[2] = static_cast<std::uint8_t>(std::clamp(45 + 90 * head + 30 * u + n, 0.0, 255.0));
    }
  return img;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s OUT.jpg WIDTH HEIGHT baseline420|baseline444|progressive420|progressive444\n", argv[0]);
    return 2;
  }
  const int w = std::atoi(argv[2]), h = std::atoi(argv[3]);
  const std::string kind = argv[4];
  smp::Image img = shaded(w, h);
  std::vector<std::uint8_t> jpeg;
  if (kind == "baseline420" || kind == "baseline444")
    jpeg = smp::test::encode_jpeg(img, kind == "baseline420" ? 85 : 95);  // stb subsamples at <= 90
  else if (kind == "progressive420" || kind == "progressive444")
    jpeg = smp::test::encode_jpeg_dc(img, true, kind == "progressive420");
  else
    return 2;
  std::ofstream(argv[1], std::ios::binary).write(reinterpret_cast<const char*>(jpeg.data()), jpeg.size());
  return 0;
}

// intake_memory.cpp - writes the 12-megapixel JPEG that intake_memory.sh
// measures `smp info` on: smooth photo-like shading plus fine noise (so the
// entropy-coded data is realistic in size), encoded by stb_image_write.
//   usage: intake_memory OUT.jpg WIDTH HEIGHT QUALITY
// QUALITY <= 90 gives 4:2:0 chroma (what phones write), above 90 gives 4:4:4
// (the decoder's worst case: three full-size component planes).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s OUT.jpg WIDTH HEIGHT QUALITY\n", argv[0]);
    return 2;
  }
  const int w = std::atoi(argv[2]), h = std::atoi(argv[3]), q = std::atoi(argv[4]);
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w) * h * 3);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> noise(-12, 12);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      double u = static_cast<double>(x) / w, v = static_cast<double>(y) / h;
      double head = std::exp(-((u - 0.5) * (u - 0.5) + (v - 0.45) * (v - 0.45)) * 12.0);
      std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
      int n = noise(rng);
      p[0] = static_cast<std::uint8_t>(std::clamp(60 + 150 * head + n, 0.0, 255.0));
      p[1] = static_cast<std::uint8_t>(std::clamp(50 + 110 * head + n, 0.0, 255.0));
      p[2] = static_cast<std::uint8_t>(std::clamp(45 + 90 * head + 30 * u + n, 0.0, 255.0));
    }
  if (!stbi_write_jpg(argv[1], w, h, 3, rgb.data(), q)) return 1;
  return 0;
}

// intake_memory.cpp - writes the 12-megapixel JPEGs that intake_memory.sh
// measures `smp info` on.
//   usage: intake_memory OUT.jpg WIDTH HEIGHT KIND
//          intake_memory time FILE REPS   (speed: decode_photo vs stb alone)
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

#include <stb/stb_image.h>

#include <chrono>

#include "core/intake/photo.h"
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

double best_ms(int reps, const auto& fn) {
  double best = 1e30;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

// Best-of-N times of the whole intake (walk, decode, downscale, upright) and
// of stb's decode alone on the same bytes: the ratio is intake's overhead.
int time_file(const char* path, int reps) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool ok = true;
  double stb = best_ms(reps, [&] {
    int w, h, n;
    stbi_uc* p = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &n, 0);
    ok &= p != nullptr;
    stbi_image_free(p);
  });
  double intake = best_ms(reps, [&] { ok &= smp::decode_photo(bytes.data(), bytes.size()).ok(); });
  if (!ok) return 1;
  std::printf("stb decode alone %.1f ms, decode_photo %.1f ms (x%.2f)", stb, intake, intake / stb);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "time") return time_file(argv[2], std::atoi(argv[3]));
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

#include "core/render/ink_stats.h"

#include <algorithm>
#include <cmath>

#include "core/base/lab.h"
#include "core/base/plane.h"

namespace smp {

InkStats ink_stats(const Image& rgb, const std::vector<std::uint8_t>& region, double px_per_mm) {
  InkStats s;
  const int w = rgb.width, h = rgb.height;
  if (w <= 0 || h <= 0 || rgb.channels < 3 || region.size() != std::size_t(w) * h) return s;
  Plane lightness(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = rgb.at(x, y);
      lightness.at(x, y) = float(srgb_to_lab(p[0], p[1], p[2])[0]);
    }
  const int radius = std::max(1, int(std::lround(px_per_mm)));  // a window about 2 mm across
  const Plane local = box_blur(lightness, radius);
  double sum[3] = {0, 0, 0}, sq = 0, tex = 0, n = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (region[std::size_t(y) * w + x] < 200) continue;
      const std::uint8_t* p = rgb.at(x, y);
      const auto lab = srgb_to_lab(p[0], p[1], p[2]);
      for (int c = 0; c < 3; ++c) sum[c] += lab[std::size_t(c)];
      sq += double(lab[0]) * lab[0];
      const double d = lightness.at(x, y) - local.at(x, y);
      tex += d * d;
      n += 1;
    }
  if (n == 0) return s;
  for (int c = 0; c < 3; ++c) s.lab[std::size_t(c)] = sum[c] / n;
  s.l_spread = std::sqrt(std::max(0.0, sq / n - s.lab[0] * s.lab[0]));
  s.texture = std::sqrt(tex / n);
  s.pixels = n;
  return s;
}

double delta_e(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

}  // namespace smp

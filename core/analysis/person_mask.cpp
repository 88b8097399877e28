#include "core/analysis/person_mask.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/guided_filter.h"

namespace smp {
namespace {

constexpr int kSide = 256;  // the network's input side

// The photo at kSide x kSide, RGB in [0, 1]: each cell is the mean of the
// photo's pixels it covers (fractional edges included), so a 1600-pixel
// photo is not aliased and a small one is simply stretched.
std::vector<float> network_input(const Image& rgb) {
  std::vector<float> out(std::size_t(kSide) * kSide * 3, 0.0f);
  const double sx = double(rgb.width) / kSide, sy = double(rgb.height) / kSide;
  for (int y = 0; y < kSide; ++y) {
    const double y0 = y * sy, y1 = (y + 1) * sy;
    for (int x = 0; x < kSide; ++x) {
      const double x0 = x * sx, x1 = (x + 1) * sx;
      double acc[3] = {0, 0, 0}, area = 0;
      for (int py = int(y0); py < std::min(rgb.height, int(std::ceil(y1))); ++py) {
        const double wy = std::min(y1, py + 1.0) - std::max(y0, double(py));
        for (int px = int(x0); px < std::min(rgb.width, int(std::ceil(x1))); ++px) {
          const double w = wy * (std::min(x1, px + 1.0) - std::max(x0, double(px)));
          if (w <= 0) continue;
          const std::uint8_t* p = rgb.at(px, py);
          for (int c = 0; c < 3; ++c) acc[c] += w * p[c];
          area += w;
        }
      }
      float* o = &out[(std::size_t(y) * kSide + x) * 3];
      for (int c = 0; c < 3; ++c) o[c] = area > 0 ? float(acc[c] / area / 255.0) : 0.0f;
    }
  }
  return out;
}

}  // namespace

Result<Plane> person_probability(const infer::Model& selfie, const Image& rgb,
                                 const std::vector<std::uint32_t>* taps, std::vector<infer::Tensor>* tapped) {
  if (rgb.empty() || rgb.channels < 3 || rgb.pixels.size() < std::size_t(rgb.width) * rgb.height * rgb.channels)
    return Error{"invalid_image", "The photo has no pixels to segment."};
  Image three = rgb;
  if (rgb.channels != 3) {  // drop alpha: the network reads RGB
    three = Image(rgb.width, rgb.height, 3);
    for (std::size_t i = 0, n = std::size_t(rgb.width) * rgb.height; i < n; ++i)
      std::copy_n(&rgb.pixels[i * rgb.channels], 3, &three.pixels[i * 3]);
  }
  infer::Tensor input({1, kSide, kSide, 3}, network_input(three));
  Result<infer::Tensor> out = taps && tapped ? infer::run(selfie, std::move(input), *taps, *tapped)
                                             : infer::run(selfie, std::move(input));
  if (!out.ok()) return out.error();
  if (out->size() != std::size_t(kSide) * kSide) return Error{"bad_model", "The person segmentation's output has the wrong size."};
  Plane p(kSide, kSide);
  p.v = std::move(out->data);
  return p;
}

Result<Plane> person_mask_at(const Plane& probability, const Image& guide) {
  if (probability.w <= 0 || probability.h <= 0) return Error{"invalid_mask", "The person mask is empty."};
  const float cell = float(std::max(guide.width, guide.height)) / float(std::max(probability.w, probability.h));
  const int radius = std::max(1, int(std::lround(2.0f * cell)));
  return guided_upsample(guide, probability, radius, 1e-3f);
}

}  // namespace smp

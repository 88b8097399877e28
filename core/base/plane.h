// plane.h - a single-channel float image and the few filters the analysis
// needs. The analysis works on a reduced copy of the photo (a few hundred
// pixels on the long side) so that every pass stays well under a millisecond.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/base/image.h"

namespace smp {

struct Plane {
  int w = 0, h = 0;
  std::vector<float> v;

  Plane() = default;
  Plane(int width, int height, float fill = 0) : w(width), h(height), v(std::size_t(width) * height, fill) {}
  float& at(int x, int y) { return v[std::size_t(y) * w + x]; }
  float at(int x, int y) const { return v[std::size_t(y) * w + x]; }
  // Clamped read, so filters need no border cases.
  float get(int x, int y) const {
    return at(std::clamp(x, 0, w - 1), std::clamp(y, 0, h - 1));
  }
};

// Three planes holding R, G, B in 0..255.
struct RgbPlanes {
  Plane r, g, b;
  int w() const { return r.w; }
  int h() const { return r.h; }
};

// Area-averaged reduction by an integer factor (>= 1).
RgbPlanes shrink(const Image& rgb, int factor);

// Separable box blur with the given radius (a cheap Gaussian stand-in).
Plane box_blur(const Plane& p, int radius);

// Mask helpers on 0/1 byte masks of size w*h.
using Mask = std::vector<std::uint8_t>;
Mask dilate(const Mask& m, int w, int h, int radius);
Mask erode(const Mask& m, int w, int h, int radius);
// Keeps the connected component (4-connected) with the most pixels, weighting
// each pixel by `weight` (e.g. nearness to the centre); empty when none.
Mask largest_component(const Mask& m, int w, int h, const Plane* weight = nullptr);
// Labels 4-connected components (1..n, 0 = not in the mask); returns n.
int label_components(const Mask& m, int w, int h, std::vector<int>* labels);
// Sets every 0 pixel not connected to the border to 1.
Mask fill_holes(const Mask& m, int w, int h);

// A w x h row-major grid turned clockwise by `quarter_turns` x 90 degrees
// (any integer; negative turns counter-clockwise). Odd turns swap w and h.
template <class T>
std::vector<T> turned(const std::vector<T>& v, int w, int h, int quarter_turns) {
  const int q = ((quarter_turns % 4) + 4) % 4;
  if (q == 0) return v;
  std::vector<T> out(v.size());
  const int ow = q % 2 ? h : w;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int tx = q == 1 ? h - 1 - y : q == 2 ? w - 1 - x : y;
      const int ty = q == 1 ? x : q == 2 ? h - 1 - y : w - 1 - x;
      out[std::size_t(ty) * ow + tx] = v[std::size_t(y) * w + x];
    }
  return out;
}

// Distance in pixels from each set pixel of `m` to the nearest unset pixel
// (beyond the frame counts as unset); 0 outside the mask. A 3-4 chamfer
// distance: within 8 % of Euclidean and the same under quarter turns and
// mirroring, which the analysis must be indifferent to.
Plane distance_to_outside(const Mask& m, int w, int h);

// Everything reachable from the frame's edge through `pass` pixels
// (4-connected).
Mask reach_from_border(const Mask& pass, int w, int h);

// Centre of mass of a mask's set pixels and how many there are (x, y are 0
// when none are set).
struct Centroid {
  double x = 0, y = 0, n = 0;
};
Centroid mask_centroid(const Mask& m, int w);

// The frame's border band: the outer twentieth of the shorter side (at
// least 2 pixels) along every edge, where the background shows.
Mask frame_border(int w, int h);

}  // namespace smp

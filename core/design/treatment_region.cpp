#include "core/design/treatment_region.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/geometric.hpp>

#include "core/base/hash_noise.h"

namespace smp {
namespace {

// Per-pixel nearest distance (squared) to a polyline and the arc length there,
// computed only inside a band around it: each segment stamps its own box, so
// the cost follows the line's length, not the image's area.
struct Band {
  int w = 0, h = 0;
  std::vector<float> dist2;
  std::vector<float> arc;
};

Band stamp_band(int w, int h, const std::vector<glm::vec2>& line, float band, bool closed) {
  Band b{w, h, std::vector<float>(static_cast<std::size_t>(w) * h, band * band), {}};
  b.arc.assign(b.dist2.size(), 0.f);
  float s0 = 0;
  std::size_t n = line.size();
  std::size_t segs = closed ? n : n - 1;
  for (std::size_t i = 0; i < segs; ++i) {
    const glm::vec2 a = line[i], full = line[(i + 1) % n] - a;
    const float full_len = glm::length(full);
    // Only the part of the segment within `band` of the image can be nearest
    // to a pixel within `band` (a closed curve's far extensions run
    // thousands of pixels off the image): clipped to the image grown by
    // `band` (Liang-Barsky), the arc length still counted from the start.
    float t0 = 0, t1 = 1;
    const float lo[2] = {-band, -band}, hi[2] = {w + band, h + band};
    for (int axis = 0; axis < 2 && t0 <= t1; ++axis) {
      const float p = a[axis], dp = full[axis];
      if (dp == 0) {
        if (p < lo[axis] || p > hi[axis]) t0 = 1, t1 = 0;
        continue;
      }
      float ta = (lo[axis] - p) / dp, tb = (hi[axis] - p) / dp;
      if (ta > tb) std::swap(ta, tb);
      t0 = std::max(t0, ta), t1 = std::min(t1, tb);
    }
    if (t0 > t1) {
      s0 += full_len;
      continue;
    }
    const float s_start = s0 + t0 * full_len;
    glm::vec2 p0 = a + t0 * full, p1 = a + t1 * full;
    glm::vec2 d = p1 - p0;
    float len2 = glm::dot(d, d), len = std::sqrt(len2);
    int x0 = std::max(0, static_cast<int>(std::floor(std::min(p0.x, p1.x) - band)));
    int x1 = std::min(w - 1, static_cast<int>(std::ceil(std::max(p0.x, p1.x) + band)));
    int y0 = std::max(0, static_cast<int>(std::floor(std::min(p0.y, p1.y) - band)));
    int y1 = std::min(h - 1, static_cast<int>(std::ceil(std::max(p0.y, p1.y) + band)));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        glm::vec2 c(x + 0.5f, y + 0.5f);
        float t = len2 > 0 ? std::clamp(glm::dot(c - p0, d) / len2, 0.f, 1.f) : 0.f;
        glm::vec2 q = p0 + t * d - c;
        float dd = glm::dot(q, q);
        std::size_t k = static_cast<std::size_t>(y) * w + x;
        if (dd < b.dist2[k]) {
          b.dist2[k] = dd;
          b.arc[k] = s_start + t * len;
        }
      }
    s0 += full_len;
  }
  return b;
}

}  // namespace

std::vector<std::uint8_t> fill_polygon(int w, int h, const std::vector<glm::vec2>& poly) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(w) * h, 0);
  const std::size_t n = poly.size();
  if (n < 3) return out;
  std::vector<float> xs;
  for (int y = 0; y < h; ++y) {
    float cy = y + 0.5f;
    xs.clear();
    for (std::size_t i = 0; i < n; ++i) {
      glm::vec2 a = poly[i], b = poly[(i + 1) % n];
      if ((a.y <= cy) == (b.y <= cy)) continue;  // half-open rule: no double counts
      xs.push_back(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x));
    }
    std::sort(xs.begin(), xs.end());
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
      // pixel x is inside when its centre x + 0.5 lies in [xs[i], xs[i+1])
      int xa = std::max(0, static_cast<int>(std::ceil(xs[i] - 0.5f)));
      int xb = std::min(w - 1, static_cast<int>(std::ceil(xs[i + 1] - 0.5f)) - 1);
      for (int x = xa; x <= xb; ++x) out[static_cast<std::size_t>(y) * w + x] = 1;
    }
  }
  return out;
}

float distance_to_polyline(const std::vector<glm::vec2>& line, glm::vec2 p, float* arc) {
  float best = std::numeric_limits<float>::max(), best_arc = 0, s0 = 0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    glm::vec2 d = line[i + 1] - line[i];
    float len2 = glm::dot(d, d), len = std::sqrt(len2);
    float t = len2 > 0 ? std::clamp(glm::dot(p - line[i], d) / len2, 0.f, 1.f) : 0.f;
    float dist = glm::length(line[i] + t * d - p);
    if (dist < best) {
      best = dist;
      best_arc = s0 + t * len;
    }
    s0 += len;
  }
  if (line.size() == 1) best = glm::length(line[0] - p);
  if (arc) *arc = best_arc;
  return best;
}

std::vector<std::uint8_t> region_behind_curve(int w, int h, const std::vector<glm::vec2>& curve,
                                              glm::vec2 behind, const FeatherParams& f) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(w) * h, 0);
  if (curve.size() < 2 || w <= 0 || h <= 0) return out;
  // Close the open curve far away on the behind side: extend both ends along
  // the chord, then go round through two points far behind.
  glm::vec2 chord = curve.back() - curve.front();
  if (glm::length(chord) < 1e-3f) chord = glm::vec2(1, 0);
  chord = glm::normalize(chord);
  behind = glm::length(behind) > 0 ? glm::normalize(behind) : glm::vec2(0, -1);
  const float far = 4.0f * (w + h);
  std::vector<glm::vec2> line;
  line.push_back(curve.front() - chord * far);
  line.insert(line.end(), curve.begin(), curve.end());
  line.push_back(curve.back() + chord * far);
  std::vector<glm::vec2> poly = line;
  poly.push_back(line.back() + behind * far);
  poly.push_back(line.front() + behind * far);
  std::vector<std::uint8_t> inside = fill_polygon(w, h, poly);

  for (std::size_t k = 0; k < out.size(); ++k) out[k] = inside[k] ? 255 : 0;
  if (f.width_px <= 0.5f) return out;

  // Only the part of the extended line near the image matters for the band.
  std::vector<glm::vec2> near = line;
  near.front() = curve.front() - chord * static_cast<float>(w + h);
  near.back() = curve.back() + chord * static_cast<float>(w + h);
  // The arc origin moves with the clipped extension; offset so it is stable.
  Band band = stamp_band(w, h, near, f.width_px, false);
  const float wl = std::max(4.f, f.wavelength_px);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::size_t k = static_cast<std::size_t>(y) * w + x;
      if (inside[k] || band.dist2[k] >= f.width_px * f.width_px) continue;
      float d = std::sqrt(band.dist2[k]);
      // Local depth of the band: varies smoothly along the line (two octaves).
      float s = band.arc[k] / wl;
      float n = 0.65f * value_noise1(f.seed, s) + 0.35f * value_noise1(f.seed + 7, s * 2.7f);
      float depth = f.width_px * (1.0f - f.irregularity * n);
      float cov = 1.0f - d / std::max(1.0f, depth);
      if (f.clumping > 0) {
        float c = value_noise2(f.seed + 13, x / (0.5f * wl), y / (0.5f * wl));
        cov *= 1.0f - f.clumping * c;
      }
      if (cov > 0) out[k] = static_cast<std::uint8_t>(std::lround(std::min(1.f, cov) * 255.f));
    }
  return out;
}

std::vector<std::uint8_t> region_around_polygon(int w, int h, const std::vector<glm::vec2>& polygon,
                                                float margin_px, float feather_px) {
  std::vector<std::uint8_t> out = fill_polygon(w, h, polygon);
  for (auto& v : out) v = v ? 255 : 0;
  if (polygon.size() < 2) return out;
  const float reach = margin_px + feather_px;
  Band band = stamp_band(w, h, polygon, reach, true);
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k] || band.dist2[k] >= reach * reach) continue;
    float d = std::sqrt(band.dist2[k]);
    float cov = d <= margin_px ? 1.f : 1.f - (d - margin_px) / std::max(1.f, feather_px);
    if (cov > 0) out[k] = static_cast<std::uint8_t>(std::lround(cov * 255.f));
  }
  return out;
}

}  // namespace smp

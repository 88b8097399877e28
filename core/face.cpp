#include "face.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <glm/geometric.hpp>

namespace smp {
namespace {

struct Blob {
  int x = 0, y = 0;
  float darkness = 0;  // how much darker than its surroundings
};

struct Pair {
  Blob a, b;  // a left of b
  float score = 0;
  float ipd() const { return float(b.x - a.x); }
  glm::vec2 mid() const { return glm::vec2(0.5f * (a.x + b.x), 0.5f * (a.y + b.y)); }
};

// Darker-than-surroundings map at one blob scale (a difference of boxes).
Plane dark_map(const Plane& lum, int r) {
  const Plane small = box_blur(lum, r), big = box_blur(lum, 3 * r);
  Plane d(lum.w, lum.h);
  for (std::size_t i = 0; i < d.v.size(); ++i) d.v[i] = std::max(0.0f, big.v[i] - small.v[i]);
  return d;
}

// Local maxima of `d` inside `inside`, strongest first.
std::vector<Blob> dark_blobs(const Plane& d, const Mask& inside, float threshold, int limit) {
  std::vector<Blob> out;
  for (int y = 1; y + 1 < d.h; ++y)
    for (int x = 1; x + 1 < d.w; ++x) {
      const float v = d.at(x, y);
      if (v < threshold || !inside[std::size_t(y) * d.w + x]) continue;
      bool peak = true;
      for (int dy = -1; dy <= 1 && peak; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if ((dx || dy) && d.at(x + dx, y + dy) > v) peak = false;
      if (peak) out.push_back({x, y, v});
    }
  std::sort(out.begin(), out.end(), [](const Blob& p, const Blob& q) { return p.darkness > q.darkness; });
  if (int(out.size()) > limit) out.resize(limit);
  return out;
}

// Share of skin-coloured, hair-free pixels in a box (clipped to the image).
float skin_share(const Segmentation& s, float x0, float y0, float x1, float y1, int* counted) {
  int n = 0, k = 0;
  for (int y = std::max(0, int(y0)); y <= std::min(s.h - 1, int(y1)); ++y)
    for (int x = std::max(0, int(x0)); x <= std::min(s.w - 1, int(x1)); ++x) {
      ++n;
      k += s.skin.at(x, y) > 0.3f && s.hair.at(x, y) < 0.5f;
    }
  if (counted) *counted = n;
  return n ? float(k) / float(n) : 0;
}

// Scores a candidate eye pair: both dark, level, the bridge between them
// brighter skin, and skin on the cheeks (or forehead when cut off).
float pair_score(const Segmentation& s, const Blob& a, const Blob& b, float face_w) {
  const float d = float(b.x - a.x);
  if (d < 0.22f * face_w || d > 0.7f * face_w || d < 4) return 0;
  const float tilt = std::fabs(float(b.y - a.y)) / d;
  if (tilt > 0.2f) return 0;
  const float my = 0.5f * (a.y + b.y), mx = 0.5f * (a.x + b.x);
  const float bridge = s.lum.get(int(mx), int(my));
  const float eyes = 0.5f * (s.lum.get(a.x, a.y) + s.lum.get(b.x, b.y));
  if (bridge < eyes + 0.05f * s.model.y_median) return 0;
  int area = 0;
  const float cheeks = skin_share(s, mx - 0.7f * d, my + 0.35f * d, mx + 0.7f * d, my + 0.8f * d, &area);
  const float nose = skin_share(s, mx - 0.15f * d, my - 0.1f * d, mx + 0.15f * d, my + 0.6f * d, nullptr);
  const float around = area > 4 ? std::max(cheeks, 0.0f) : nose;
  if (nose < 0.4f || around < 0.4f) return 0;
  const float balance = std::min(a.darkness, b.darkness) / std::max(a.darkness, b.darkness);
  return (a.darkness + b.darkness) * (1 - tilt / 0.2f * 0.5f) * (0.5f + 0.5f * balance) * around * nose;
}

// A horizontal dark band above the eyes (the brows), or a typical offset.
float find_brow(const Segmentation& s, const Pair& p) {
  const float d = p.ipd();
  const glm::vec2 m = p.mid();
  float best = -1, best_y = m.y - 0.35f * d;
  for (int y = int(m.y - 0.55f * d); y <= int(m.y - 0.18f * d); ++y) {
    if (y < 0 || y >= s.h) continue;
    float sum = 0;
    int n = 0;
    for (int side = -1; side <= 1; side += 2)
      for (int x = int(m.x + side * 0.3f * d); x != int(m.x + side * 0.75f * d); x += side)
        if (x >= 0 && x < s.w) sum += s.lum.at(x, y), ++n;
    if (!n) continue;
    const float darkness = s.model.y_median - sum / n;
    if (darkness > best) best = darkness, best_y = float(y);
  }
  return best_y;
}

FaceFinding build(const Segmentation& s, const Pair& p) {
  FaceFinding f;
  const float d = p.ipd();
  const glm::vec2 m = p.mid();
  Landmarks& l = f.landmarks;
  l.eyes[0] = glm::vec2(p.a.x, p.a.y);
  l.eyes[1] = glm::vec2(p.b.x, p.b.y);
  const glm::vec2 across = glm::normalize(l.eyes[1] - l.eyes[0]);
  l.eye_outer[0] = l.eyes[0] - across * (0.22f * d);
  l.eye_outer[1] = l.eyes[1] + across * (0.22f * d);
  l.brow_y = find_brow(s, p);
  l.glabella = glm::vec2(m.x, l.brow_y);
  l.chin = glm::vec2(m.x, m.y + 1.8f * d);  // pupils to chin ~ 11.5 cm
  const float top = m.y - 1.3f * d;          // up to a typical hairline
  f.box = Box{m.x - 1.1f * d, top, 2.2f * d, l.chin.y - top};
  f.eyes_found = true;
  f.full_face = l.chin.y < s.h * 1.03f && f.box.x > -0.1f * d && f.box.x + f.box.w < s.w + 0.1f * d;
  f.confidence = std::clamp(p.score / (0.4f * s.model.y_median), 0.2f, 1.0f);
  return f;
}

}  // namespace

std::optional<FaceFinding> find_face(const Segmentation& s) {
  const std::size_t n = s.lum.v.size();
  const float ys = s.model.y_median;
  Mask skin(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    skin[i] = s.skin.v[i] > 0.3f && s.hair.v[i] < 0.5f && s.lum.v[i] > 0.3f * ys;
  skin = dilate(erode(skin, s.w, s.h, 1), s.w, s.h, 1);
  std::vector<int> labels;
  const int count = label_components(skin, s.w, s.h, &labels);

  Pair best;
  for (int c = 1; c <= count; ++c) {
    int x0 = s.w, x1 = -1, y0 = s.h, y1 = -1, area = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (labels[i] == c) {
        const int x = int(i % s.w), y = int(i / s.w);
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        ++area;
      }
    if (area < int(n / 300) || x1 - x0 < 12) continue;
    Mask comp(n, 0);
    for (std::size_t i = 0; i < n; ++i) comp[i] = labels[i] == c;
    comp = fill_holes(comp, s.w, s.h);  // eyes and brows are holes in the skin
    const float face_w = float(x1 - x0 + 1);
    const int r = std::clamp(int(std::lround(face_w / 45)), 1, 4);
    const Plane dark = dark_map(s.lum, r);
    const std::vector<Blob> blobs = dark_blobs(dark, comp, 0.05f * ys, 40);
    for (std::size_t i = 0; i < blobs.size(); ++i)
      for (std::size_t j = 0; j < blobs.size(); ++j) {
        if (blobs[i].x >= blobs[j].x) continue;
        const float sc = pair_score(s, blobs[i], blobs[j], face_w);
        if (sc > best.score) best = Pair{blobs[i], blobs[j], sc};
      }
  }
  if (best.score <= 0) return std::nullopt;
  return build(s, best);
}

}  // namespace smp

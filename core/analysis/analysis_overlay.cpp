#include "core/analysis/analysis_overlay.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace smp {
namespace {

void blend(std::uint8_t* p, const std::uint8_t c[3], float t) {
  for (int k = 0; k < 3; ++k) p[k] = std::uint8_t(std::lround(p[k] * (1 - t) + c[k] * t));
}

void dot(Image& img, int x, int y, int r, const std::uint8_t c[3]) {
  for (int dy = -r; dy <= r; ++dy)
    for (int dx = -r; dx <= r; ++dx) {
      const int px = x + dx, py = y + dy;
      if (px >= 0 && py >= 0 && px < img.width && py < img.height) blend(img.at(px, py), c, 1);
    }
}

void line(Image& img, glm::vec2 a, glm::vec2 b, int r, const std::uint8_t c[3]) {
  const int steps = std::max(1, int(std::ceil(std::max(std::fabs(b.x - a.x), std::fabs(b.y - a.y)))));
  for (int i = 0; i <= steps; ++i) {
    const glm::vec2 p = a + (b - a) * (float(i) / steps);
    dot(img, int(p.x), int(p.y), r, c);
  }
}

void cross(Image& img, glm::vec2 p, float size, int r, const std::uint8_t c[3]) {
  line(img, p - glm::vec2(size, 0), p + glm::vec2(size, 0), r, c);
  line(img, p - glm::vec2(0, size), p + glm::vec2(0, size), r, c);
}

}  // namespace

Image draw_analysis(const Photo& photo, const Analysis& a) {
  Image img = photo.working;
  const std::uint8_t hair[3] = {40, 90, 255}, bare[3] = {255, 40, 40}, other[3] = {150, 150, 150},
                     outline[3] = {255, 230, 0}, green[3] = {0, 255, 60}, cyan[3] = {0, 230, 255},
                     magenta[3] = {255, 0, 230};
  const int thick = std::max(1, std::max(a.width, a.height) / 400);
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      const std::size_t i = std::size_t(y) * a.width + x;
      std::uint8_t* p = img.at(x, y);
      if (a.labels[i] == kHair) blend(p, hair, 0.15f + 0.35f * a.hair_density[i] / 255.0f);
      if (a.scalp_mask[i]) blend(p, bare, 0.35f);
      if (a.labels[i] == kOther) blend(p, other, 0.3f);
      if (a.labels[i] == kBackground) blend(p, other, 0.45f);
      const bool edge = a.head_mask[i] && (x == 0 || y == 0 || x + 1 == a.width ||
                                           y + 1 == a.height || !a.head_mask[i - 1] ||
                                           !a.head_mask[i + 1] || !a.head_mask[i - a.width] ||
                                           !a.head_mask[i + a.width]);
      if (edge) dot(img, x, y, thick / 2, outline);
    }
  for (std::size_t k = 1; k < a.hairline.size(); ++k)
    if (glm::length(a.hairline[k] - a.hairline[k - 1]) < 0.1f * a.width)
      line(img, a.hairline[k - 1], a.hairline[k], thick, green);
  if (a.face) {
    const Box& b = *a.face;
    const glm::vec2 c[4] = {{b.x, b.y}, {b.x + b.w, b.y}, {b.x + b.w, b.y + b.h}, {b.x, b.y + b.h}};
    for (int k = 0; k < 4; ++k) line(img, c[k], c[(k + 1) % 4], thick / 2, cyan);
  }
  if (a.landmarks) {
    const Landmarks& l = *a.landmarks;
    const float size = 0.08f * glm::length(l.eyes[1] - l.eyes[0]) + 3;
    for (int k = 0; k < 2; ++k) cross(img, l.eyes[k], size, thick / 2, magenta);
    for (int k = 0; k < 2; ++k) dot(img, int(l.eye_outer[k].x), int(l.eye_outer[k].y), thick, magenta);
    cross(img, l.glabella, size, thick / 2, green);
    cross(img, l.chin, size, thick / 2, magenta);
    line(img, {l.eyes[0].x, l.brow_y}, {l.eyes[1].x, l.brow_y}, 0, cyan);
  }
  if (a.tilted_face) {  // the brow line a bent head's face was cut at, and a tick toward the crown
    const TiltedFace& t = *a.tilted_face;
    const glm::vec2 across = glm::vec2(-t.up.y, t.up.x) * t.half_width;
    line(img, t.brow - across, t.brow + across, thick, cyan);
    line(img, t.brow, t.brow + t.up * (0.3f * t.half_width), thick, cyan);
  }
  return img;
}

}  // namespace smp

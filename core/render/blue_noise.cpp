#include "core/render/blue_noise.h"

#include <algorithm>
#include <cmath>

#include "core/base/hash_noise.h"

namespace smp {

std::vector<glm::vec2> poisson_tile(std::uint32_t seed, int target) {
  target = std::clamp(target, 16, 1 << 16);
  // Bridson with k = 30 fills the plane at about 0.63 points per r^2, so the
  // tile holds ~0.9 x target points (the exact count sets the tile size).
  const float r = std::sqrt(0.7f / target);
  // Cells no wider than r / sqrt(2) hold at most one point each.
  const int g = std::max(5, static_cast<int>(std::ceil(std::sqrt(2.0f) / r)));
  std::vector<int> grid(static_cast<std::size_t>(g) * g, -1);
  std::vector<glm::vec2> pts;
  std::vector<int> active;
  std::uint32_t counter = 0;
  auto rnd = [&] { return unit(hash32(seed, counter++)); };
  auto wrap = [](float v) { return v - std::floor(v); };
  auto cell_of = [&](glm::vec2 p) {
    int cx = std::min(g - 1, static_cast<int>(p.x * g)), cy = std::min(g - 1, static_cast<int>(p.y * g));
    return std::pair<int, int>(cx, cy);
  };
  auto fits = [&](glm::vec2 p) {
    auto [cx, cy] = cell_of(p);
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx) {
        int nx = (cx + dx + g) % g, ny = (cy + dy + g) % g;
        int j = grid[static_cast<std::size_t>(ny) * g + nx];
        if (j < 0) continue;
        glm::vec2 d = pts[j] - p;
        d.x -= std::round(d.x);  // toroidal distance
        d.y -= std::round(d.y);
        if (d.x * d.x + d.y * d.y < r * r) return false;
      }
    return true;
  };
  auto add = [&](glm::vec2 p) {
    auto [cx, cy] = cell_of(p);
    grid[static_cast<std::size_t>(cy) * g + cx] = static_cast<int>(pts.size());
    active.push_back(static_cast<int>(pts.size()));
    pts.push_back(p);
  };
  add({rnd(), rnd()});
  while (!active.empty()) {
    std::size_t pick = std::min(active.size() - 1, static_cast<std::size_t>(rnd() * active.size()));
    glm::vec2 base = pts[active[pick]];
    bool placed = false;
    for (int k = 0; k < 30 && !placed; ++k) {
      float ang = rnd() * 6.2831853f, rad = r * (1.0f + rnd());
      glm::vec2 p(wrap(base.x + rad * std::cos(ang)), wrap(base.y + rad * std::sin(ang)));
      if (fits(p)) {
        add(p);
        placed = true;
      }
    }
    if (!placed) {
      active[pick] = active.back();
      active.pop_back();
    }
  }
  return pts;
}

}  // namespace smp

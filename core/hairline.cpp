// PLACEHOLDER (issue 5 replaces this): a straight line across the top third.
#include "hairline.h"

namespace smp {

Result<Design> design_from_points(const Analysis& a, const DesignOptions& o,
                                  std::vector<glm::vec2> points) {
  (void)o;
  Design d;
  d.control_points = std::move(points);
  d.curve = d.control_points;
  d.region.assign(static_cast<std::size_t>(a.width) * a.height, 0);
  return d;
}

Result<Design> design_hairline(const Analysis& a, const DesignOptions& o) {
  float y = a.height / 3.0f;
  return design_from_points(a, o, {{a.width * 0.25f, y}, {a.width * 0.5f, y}, {a.width * 0.75f, y}});
}

}  // namespace smp

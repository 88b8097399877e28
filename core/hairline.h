// hairline.h - hairline design and the treatment region.
//
// Positions are working-image pixels. A Design is a smooth curve through a
// handful of control points (ordered left to right) plus the region to dot.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "analysis.h"
#include "status.h"

namespace smp {

struct DesignOptions {
  std::string style = "mature";   // juvenile | mature | broken | soft
  std::string shape = "rounded";  // straight | rounded | widows_peak
  std::string goal = "full";      // full | density | scar
  bool symmetric = true;
  float height_cm = 0;            // mid-frontal above glabella; 0 = style default
  std::vector<glm::vec2> scar_outline;  // goal == scar: polygon, working px
};

struct Design {
  std::vector<glm::vec2> control_points;  // user-movable, left to right
  std::vector<glm::vec2> curve;           // dense smooth polyline
  std::vector<std::uint8_t> region;       // 0..255 coverage per working pixel
  double area_cm2 = 0;                    // treated area (0 without a scale)
  double area_px = 0;
};

// Proposes a hairline from the analysis.
Result<Design> design_hairline(const Analysis& a, const DesignOptions& o);

// Rebuilds the design from control points the user moved.
Result<Design> design_from_points(const Analysis& a, const DesignOptions& o,
                                  std::vector<glm::vec2> points);

}  // namespace smp

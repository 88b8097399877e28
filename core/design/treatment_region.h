// treatment_region.h - coverage masks for the area to dot.
//
// A coverage mask is one byte per working pixel: 255 = dot at full density,
// 0 = no dots, values between thin the dots out (the feathered front edge,
// thinning hair). The dot placer accepts a candidate with probability
// coverage / 255, so density follows the mask exactly on average.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec2.hpp>

namespace smp {

struct FeatherParams {
  float width_px = 0;        // density reaches zero this far in front of the line (at most)
  float irregularity = 0.3f; // 0 = even band; 1 = the band's depth varies strongly along the line
  float clumping = 0;        // > 0 breaks the band into clumps (the "broken" style)
  float wavelength_px = 40;  // scale of the irregularity along the line
  std::uint32_t seed = 1;
};

// Everything on the `behind` side of the open curve (extended beyond its ends
// along its chord) gets 255; a feathered band in front falls to 0 with a
// depth that varies along the line, never a hard edge.
std::vector<std::uint8_t> region_behind_curve(int width, int height,
                                              const std::vector<glm::vec2>& curve,
                                              glm::vec2 behind, const FeatherParams& feather);

// The polygon's inside, plus a margin (full density up to `margin_px`,
// feathered to zero over `feather_px` beyond it): scar camouflage.
std::vector<std::uint8_t> region_around_polygon(int width, int height,
                                                const std::vector<glm::vec2>& polygon,
                                                float margin_px, float feather_px);

// Even-odd fill of a closed polygon at pixel centres (1 inside).
std::vector<std::uint8_t> fill_polygon(int width, int height, const std::vector<glm::vec2>& polygon);

// Distance from p to the polyline, and the arc length of the nearest point.
float distance_to_polyline(const std::vector<glm::vec2>& line, glm::vec2 p, float* arc = nullptr);

}  // namespace smp

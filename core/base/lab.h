// lab.h - sRGB <-> linear light and CIE L*a*b* (D65), for pigment blending
// and for comparing a preview's colour with a real result.
#pragma once

#include <array>
#include <cstdint>

namespace smp {

float srgb_to_linear(float v);  // v in [0, 1]
float linear_to_srgb(float v);

// L* in [0, 100], a* and b* roughly [-128, 127].
std::array<float, 3> srgb_to_lab(std::uint8_t r, std::uint8_t g, std::uint8_t b);

}  // namespace smp

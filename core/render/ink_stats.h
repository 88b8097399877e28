// ink_stats.h - how a treated area looks, in numbers, to compare a preview
// with a real SMP result: its mean colour (CIE L*a*b*), the spread of its
// lightness, and its fine-scale texture energy (the lightness left after
// removing its local mean over about 2 mm: the dots and stubble, not the
// head's shading).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/base/image.h"

namespace smp {

struct InkStats {
  std::array<double, 3> lab{0, 0, 0};  // mean L*, a*, b*
  double l_spread = 0;                 // standard deviation of L*
  double texture = 0;                  // RMS of L* minus its local 2 mm mean
  double pixels = 0;                   // pixels measured (0: none, all else 0)
};

// Over the pixels of `rgb` (3 or 4 channels) where `region` (one byte per
// pixel) is at least 200, at `px_per_mm` pixels per millimetre.
InkStats ink_stats(const Image& rgb, const std::vector<std::uint8_t>& region, double px_per_mm);

// CIE76 colour difference between two mean colours.
double delta_e(const std::array<double, 3>& a, const std::array<double, 3>& b);

}  // namespace smp

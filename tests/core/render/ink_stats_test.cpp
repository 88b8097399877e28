// The treated-area statistics on images whose answers are known: a flat
// colour, fine dots, a smooth gradient, and no region at all.
#include "core/render/ink_stats.h"

#include <gtest/gtest.h>

#include "core/base/lab.h"

namespace smp {
namespace {

Image filled(int w, int h, std::uint8_t v) {
  Image img(w, h, 3);
  std::fill(img.pixels.begin(), img.pixels.end(), v);
  return img;
}

TEST(InkStats, FlatColourHasItsLabAndNoSpreadOrTexture) {
  const Image img = filled(40, 30, 128);
  const InkStats s = ink_stats(img, std::vector<std::uint8_t>(40 * 30, 255), 2.0);
  const auto lab = srgb_to_lab(128, 128, 128);
  EXPECT_NEAR(s.lab[0], lab[0], 1e-3);
  EXPECT_NEAR(s.l_spread, 0, 1e-3);
  EXPECT_NEAR(s.texture, 0, 1e-3);
  EXPECT_EQ(s.pixels, 40 * 30);
}

TEST(InkStats, FineDotsCarryTextureAndASmoothGradientDoesNot) {
  Image dots = filled(60, 60, 180), ramp(60, 60, 3);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 60; ++x) {
      if (x % 4 == 0 && y % 4 == 0) std::fill_n(dots.at(x, y), 3, std::uint8_t(60));
      std::fill_n(ramp.at(x, y), 3, std::uint8_t(100 + x));
    }
  const std::vector<std::uint8_t> all(60 * 60, 255);
  const InkStats d = ink_stats(dots, all, 2.0), r = ink_stats(ramp, all, 2.0);
  EXPECT_GT(d.texture, 5.0);
  EXPECT_GT(r.l_spread, 5.0);                 // the gradient spreads lightness ...
  EXPECT_LT(r.texture, 0.2 * r.l_spread);     // ... but at the scale of the head, not of dots
}

TEST(InkStats, OnlyTheRegionCountsAndNoRegionMeasuresNothing) {
  Image img = filled(20, 20, 200);
  std::vector<std::uint8_t> region(20 * 20, 0);
  for (int x = 0; x < 20; ++x) {
    std::fill_n(img.at(x, 0), 3, std::uint8_t(20));
    region[std::size_t(x)] = 255;
  }
  EXPECT_NEAR(ink_stats(img, region, 1.0).lab[0], srgb_to_lab(20, 20, 20)[0], 1e-3);
  EXPECT_EQ(ink_stats(img, std::vector<std::uint8_t>(20 * 20, 100), 1.0).pixels, 0);
  EXPECT_EQ(ink_stats(img, {1, 2}, 1.0).pixels, 0);  // a region of the wrong size
  EXPECT_NEAR(delta_e({50, 10, -10}, {53, 14, -10}), 5.0, 1e-9);
}

}  // namespace
}  // namespace smp

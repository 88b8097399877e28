// Guided upsampling of a low-resolution mask: transitions snap to the guide's
// edges (far closer than plain bilinear), constants stay constant, the output
// stays a probability, texture below eps is ignored, a mask's influence ends
// at the windows' reach, bad inputs are errors, and odd or non-square sizes
// and mask aspect ratios other than the guide's work.
#include "core/analysis/guided_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace smp {
namespace {

// A deterministic value in 0..255 per pixel and seed, so tests do not depend
// on a standard library's random distributions.
int noise(int x, int y, int seed) {
  std::uint32_t h = std::uint32_t(x) * 73856093u ^ std::uint32_t(y) * 19349663u ^ std::uint32_t(seed) * 83492791u;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return int(h & 255u);
}

// Two colours split at column `edge` (or row `edge` when `rows`), with a
// little sensor-like noise so the guide is not perfectly flat.
Image two_tone(int w, int h, int edge, bool rows = false) {
  Image img(w, h, 3);
  const int left[3] = {60, 90, 160}, right[3] = {200, 150, 120};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int* c = (rows ? y : x) < edge ? left : right;
      for (int k = 0; k < 3; ++k) img.at(x, y)[k] = std::uint8_t(c[k] + noise(x, y, k) % 7 - 3);
    }
  return img;
}

// A pw x ph mask over a W-wide frame whose soft (24 px) transition sits
// near `edge` in frame pixels, off by up to 10 px in a different direction
// on each mask row, as a coarse network's outline is.
Plane jagged_mask(int pw, int ph, int W, int edge) {
  Plane p(pw, ph);
  for (int v = 0; v < ph; ++v) {
    const float off = 10.0f * float((v * 7) % 5 - 2) / 2.0f;
    for (int u = 0; u < pw; ++u) {
      const float x = (u + 0.5f) * W / pw;
      p.at(u, v) = std::clamp(0.5f + (x - edge - off) / 24.0f, 0.0f, 1.0f);
    }
  }
  return p;
}

// The farthest any pixel lies from `edge` (in pixels, centre at x + 0.5)
// while on the wrong side of 0.5; 0 when every pixel is on its side.
float worst_misplacement(const Plane& q, int edge, bool rows = false) {
  float worst = 0;
  for (int y = 0; y < q.h; ++y)
    for (int x = 0; x < q.w; ++x) {
      const float c = (rows ? y : x) + 0.5f;
      if ((q.at(x, y) >= 0.5f) != (c > edge)) worst = std::max(worst, std::fabs(c - edge));
    }
  return worst;
}

TEST(GuidedFilter, TransitionFollowsTheGuideEdgeOnEveryRow) {
  const int W = 960, H = 720, edge = 485;  // not on a grid-cell boundary
  const Image guide = two_tone(W, H, edge);
  const Plane p = jagged_mask(64, 64, W, edge);  // square mask, 4:3 frame
  const Result<Plane> q = guided_upsample(guide, p, 24, 1e-3f);
  ASSERT_TRUE(q.ok()) << q.error().message;
  ASSERT_EQ(q->w, W);
  ASSERT_EQ(q->h, H);
  const float guided = worst_misplacement(q.value(), edge);
  const float bilinear = worst_misplacement(resize_bilinear(p, W, H), edge);
  EXPECT_LE(guided, 1.5f);
  EXPECT_GE(bilinear, 6.0f);
  // Away from the edge the output is decisive, not a blur of the two sides.
  for (int y = 0; y < H; y += 7) {
    EXPECT_LT(q->at(edge - 30, y), 0.1f) << y;
    EXPECT_GT(q->at(edge + 30, y), 0.9f) << y;
  }
}

TEST(GuidedFilter, ConstantMaskStaysConstant) {
  // Busy colours, busy greys (a singular colour covariance) and a flat guide
  // (no variance at all): eps keeps each fit defined, and a flat mask has
  // nothing to follow.
  Image busy(517, 389, 3), grey(517, 389, 3), flat(517, 389, 3);
  for (int y = 0; y < busy.height; ++y)
    for (int x = 0; x < busy.width; ++x)
      for (int k = 0; k < 3; ++k) {
        busy.at(x, y)[k] = std::uint8_t(noise(x, y, k));
        grey.at(x, y)[k] = std::uint8_t(noise(x, y, 0));
        flat.at(x, y)[k] = 128;
      }
  for (const Image* guide : {&busy, &grey, &flat})
    for (float v : {0.0f, 0.37f, 1.0f}) {
      const Result<Plane> q = guided_upsample(*guide, Plane(23, 41, v), 12, 1e-4f);
      ASSERT_TRUE(q.ok());
      for (float x : q->v) ASSERT_NEAR(x, v, 1e-4f);
    }
}

TEST(GuidedFilter, OutputStaysInUnitRange) {
  // The mask rises with the guide's brightness, so the fitted model follows
  // it; applied to scattered black and white pixels, which the reduced grid
  // averages away, it would reach well past 0 and 1.
  const int W = 1024, H = 768;
  Image guide(W, H, 4);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const int n = noise(x, y, 7);
      const std::uint8_t v = n == 0 ? 0 : n == 255 ? 255 : std::uint8_t(60 + 140 * x / W);
      guide.at(x, y)[0] = guide.at(x, y)[1] = guide.at(x, y)[2] = v;
      guide.at(x, y)[3] = 255;
    }
  Plane p(64, 48);
  for (int y = 0; y < p.h; ++y)
    for (int x = 0; x < p.w; ++x) p.at(x, y) = (x + 0.5f) / p.w;
  const Result<Plane> q = guided_upsample(guide, p, 16, 1e-5f);
  ASSERT_TRUE(q.ok());
  const auto [lo, hi] = std::minmax_element(q->v.begin(), q->v.end());
  EXPECT_GE(*lo, 0.0f);
  EXPECT_LE(*hi, 1.0f);
  EXPECT_EQ(*lo, 0.0f);  // the specks do reach both ends
  EXPECT_EQ(*hi, 1.0f);
}

TEST(GuidedFilter, TextureWeakerThanEpsIsSmoothedOver) {
  // Faint noise (a few grey levels) under the mask's transition: with eps
  // well above its variance the output rises once along each row; with a
  // tiny eps it follows the noise up and down.
  const int W = 640, H = 480, edge = 320;
  Image guide(W, H, 3);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      for (int k = 0; k < 3; ++k) guide.at(x, y)[k] = std::uint8_t(120 + noise(x, y, 3) % 7);
  const Plane p = jagged_mask(64, 48, W, edge);
  auto worst_row_variation = [&](float eps) {
    const Plane q = guided_upsample(guide, p, 24, eps).value();
    float worst = 0;
    for (int y = 0; y < H; ++y) {
      float tv = 0;
      for (int x = 1; x < W; ++x) tv += std::fabs(q.at(x, y) - q.at(x - 1, y));
      worst = std::max(worst, tv);
    }
    return worst;
  };
  EXPECT_LT(worst_row_variation(1e-2f), 1.05f);
  EXPECT_GT(worst_row_variation(1e-7f), 1.5f);
}

TEST(GuidedFilter, MaskReachesOnlyAsFarAsTheWindows) {
  // A small blob: pixels beyond two windows (plus a mask cell and a grid
  // cell of interpolation) from it see no trace of it, whatever the guide.
  const int W = 600, H = 400, radius = 20;
  Image guide(W, H, 3);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      for (int k = 0; k < 3; ++k) guide.at(x, y)[k] = std::uint8_t(noise(x, y, k + 20));
  Plane p(60, 40);  // 10 guide pixels per mask pixel
  for (int y = 2; y < 6; ++y)
    for (int x = 10; x < 16; ++x) p.at(x, y) = 1;
  const Plane q = guided_upsample(guide, p, radius, 1e-3f).value();
  const float reach = 2 * radius + 10 + 2 + 2;
  float inside = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const float dx = std::max({100.0f - (x + 0.5f), (x + 0.5f) - 160.0f, 0.0f});
      const float dy = std::max({20.0f - (y + 0.5f), (y + 0.5f) - 60.0f, 0.0f});
      if (dx == 0 && dy == 0) inside = std::max(inside, q.at(x, y));
      if (std::max(dx, dy) > reach) {
        ASSERT_LT(q.at(x, y), 1e-6f) << x << "," << y;
      }
    }
  EXPECT_GT(inside, 0.5f);
}

TEST(GuidedFilter, BadInputsAreErrors) {
  const Image guide = two_tone(50, 40, 20);
  const Plane p(10, 8, 0.5f);
  auto code = [](const Result<Plane>& r) { return r.ok() ? std::string("ok") : r.error().code; };
  EXPECT_EQ(code(guided_upsample(Image(), p, 4, 1e-3f)), "invalid_image");
  EXPECT_EQ(code(guided_upsample(Image(50, 40, 1), p, 4, 1e-3f)), "invalid_image");
  EXPECT_EQ(code(guided_upsample(Image(50, 40, 5), p, 4, 1e-3f)), "invalid_image");
  Image short_buffer = guide;
  short_buffer.pixels.pop_back();
  EXPECT_EQ(code(guided_upsample(short_buffer, p, 4, 1e-3f)), "invalid_image");
  EXPECT_EQ(code(guided_upsample(guide, Plane(), 4, 1e-3f)), "invalid_mask");
  Plane bad = p;
  bad.w = 11;  // values no longer match the size
  EXPECT_EQ(code(guided_upsample(guide, bad, 4, 1e-3f)), "invalid_mask");
  EXPECT_EQ(code(guided_upsample(guide, p, 0, 1e-3f)), "invalid_option");
  EXPECT_EQ(code(guided_upsample(guide, p, 4, 0.0f)), "invalid_option");
  EXPECT_EQ(code(guided_upsample(guide, p, 4, std::numeric_limits<float>::quiet_NaN())), "invalid_option");
  EXPECT_EQ(code(guided_upsample(guide, p, 4, 1e-3f)), "ok");

  EXPECT_TRUE(resize_bilinear(Plane(), 5, 5).v.empty());
  EXPECT_TRUE(resize_bilinear(p, 0, 5).v.empty());
  EXPECT_TRUE(resize_bilinear(bad, 5, 5).v.empty());
}

TEST(GuidedFilter, OddAndNonSquareSizes) {
  // Wide and tall frames with odd sides, each with an edge across its long
  // axis, so a swapped x and y would misplace it.
  const Result<Plane> wide = guided_upsample(two_tone(1001, 333, 501), jagged_mask(31, 11, 1001, 501), 24, 1e-3f);
  ASSERT_TRUE(wide.ok());
  ASSERT_EQ(wide->w, 1001);
  ASSERT_EQ(wide->h, 333);
  EXPECT_LE(worst_misplacement(wide.value(), 501), 1.5f);

  Plane tall_mask(11, 31);  // the wide mask turned: transition along y
  const Plane wm = jagged_mask(31, 11, 1001, 501);
  for (int y = 0; y < 31; ++y)
    for (int x = 0; x < 11; ++x) tall_mask.at(x, y) = wm.at(y, x);
  const Result<Plane> tall = guided_upsample(two_tone(333, 1001, 501, true), tall_mask, 24, 1e-3f);
  ASSERT_TRUE(tall.ok());
  ASSERT_EQ(tall->w, 333);
  ASSERT_EQ(tall->h, 1001);
  EXPECT_LE(worst_misplacement(tall.value(), 501, true), 1.5f);

  // Degenerate frames and masks still give a full-size probability.
  for (auto [w, h] : {std::pair{1, 1}, {7, 3}, {3, 1601}, {1601, 2}}) {
    const Result<Plane> q = guided_upsample(two_tone(w, h, w / 2), Plane(1, 1, 0.25f), 5, 1e-3f);
    ASSERT_TRUE(q.ok()) << w << "x" << h;
    ASSERT_EQ(q->w, w);
    ASSERT_EQ(q->h, h);
    for (float v : q->v) ASSERT_NEAR(v, 0.25f, 1e-4f);
  }
}

TEST(GuidedFilter, ResizeBilinearUsesHalfPixelCentres) {
  Plane p(2, 1);
  p.at(1, 0) = 1;
  const Plane up = resize_bilinear(p, 4, 1);
  ASSERT_EQ(up.v.size(), 4u);
  const float want[4] = {0.0f, 0.25f, 0.75f, 1.0f};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(up.v[i], want[i]) << i;

  // An odd, non-square case against the rule written out directly.
  Plane src(3, 2);
  for (int i = 0; i < 6; ++i) src.v[i] = float(i * i);
  const Plane out = resize_bilinear(src, 5, 7);
  ASSERT_EQ(out.w, 5);
  ASSERT_EQ(out.h, 7);
  for (int y = 0; y < 7; ++y)
    for (int x = 0; x < 5; ++x) {
      const double fx = std::clamp((x + 0.5) * 3 / 5 - 0.5, 0.0, 2.0), fy = std::clamp((y + 0.5) * 2 / 7 - 0.5, 0.0, 1.0);
      const int x0 = int(fx), y0 = int(fy), x1 = std::min(x0 + 1, 2), y1 = std::min(y0 + 1, 1);
      const double tx = fx - x0, ty = fy - y0;
      const double top = src.at(x0, y0) + (src.at(x1, y0) - src.at(x0, y0)) * tx;
      const double bottom = src.at(x0, y1) + (src.at(x1, y1) - src.at(x0, y1)) * tx;
      EXPECT_NEAR(out.at(x, y), top + (bottom - top) * ty, 1e-5) << x << "," << y;
    }
}

}  // namespace
}  // namespace smp

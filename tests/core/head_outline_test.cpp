// The exported head outline (core/head_outline.h): background joined to the
// head is cut, the head itself is kept. Synthetic scenes drawn here, and -
// when ../shared is present - real photos whose outlines leaked.
#include "core/head_outline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/photo.h"
#include "core/segmentation.h"
#include "test_images.h"

namespace smp {
namespace {

struct Rgb {
  float r, g, b;
};

// A head (skin ellipse with a strand-textured hair cap over its top) in
// front of a light wall, with a smooth patch of `patch` colour covering
// `patch_box` (x0, y0, x1, y1; may touch the head). The patch is as smooth
// as a painted wall in a compressed photo (+-1 grey level of noise): in the
// dark, the +-3 of the rest would already read as strand texture.
struct Wall {
  int w = 320, h = 400;
  float cx = 190, cy = 230, rx = 90, ry = 115;
  Rgb skin{205, 158, 132}, hair{52, 38, 30}, light{180, 186, 196}, patch{48, 40, 34};
  int patch_box[4] = {0, 0, 0, 0};
};

bool in_head(const Wall& s, float x, float y) {
  const float dx = (x - s.cx) / s.rx, dy = (y - s.cy) / s.ry;
  return dx * dx + dy * dy <= 1;
}

bool in_patch(const Wall& s, int x, int y) {
  return x >= s.patch_box[0] && y >= s.patch_box[1] && x < s.patch_box[2] && y < s.patch_box[3];
}

Image draw(const Wall& s) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> noise(-3, 3), fine(-1, 1), shade(-45, 45);
  std::vector<float> strand(s.w + s.h);
  for (float& v : strand) v = shade(rng);
  Image img(s.w, s.h, 3);
  for (int y = 0; y < s.h; ++y)
    for (int x = 0; x < s.w; ++x) {
      Rgb c = in_patch(s, x, y) ? s.patch : s.light;
      bool smooth = in_patch(s, x, y);
      if (in_head(s, x, y)) {
        smooth = false;
        const float lit = 1.0f - 0.12f * (y - s.cy) / s.ry;
        c = {s.skin.r * lit, s.skin.g * lit, s.skin.b * lit};
        if (y < s.cy - 0.3f * s.ry) {  // hair cap: brightness varies across strands
          const float o = strand[(x + y / 6) % strand.size()];
          c = {s.hair.r + o, s.hair.g + o * 0.8f, s.hair.b + o * 0.7f};
        }
      }
      auto& n = smooth ? fine : noise;
      std::uint8_t* p = img.at(x, y);
      p[0] = std::uint8_t(std::clamp(c.r + n(rng), 0.0f, 255.0f));
      p[1] = std::uint8_t(std::clamp(c.g + n(rng), 0.0f, 255.0f));
      p[2] = std::uint8_t(std::clamp(c.b + n(rng), 0.0f, 255.0f));
    }
  return img;
}

// Share of the drawn head's pixels and of the patch's (outside the head)
// pixels that a reduced-size mask keeps.
struct Kept {
  double head = 0, patch = 0;
};

Kept kept(const Wall& s, const Segmentation& seg, const Mask& m) {
  double head = 0, head_in = 0, patch = 0, patch_in = 0;
  for (int y = 0; y < seg.h; ++y)
    for (int x = 0; x < seg.w; ++x) {
      const float px = (x + 0.5f) * seg.factor, py = (y + 0.5f) * seg.factor;
      const bool in = m[std::size_t(y) * seg.w + x];
      if (in_head(s, px, py)) head += 1, head_in += in;
      else if (in_patch(s, int(px), int(py))) patch += 1, patch_in += in;
    }
  return {head > 0 ? head_in / head : 0, patch > 0 ? patch_in / patch : 0};
}

// A dark smooth wall as wide as the head, joined to its side and reaching
// the frame's edge: the colour model takes it for hair (far darker than
// skin), so the head outline swallows it; the exported outline does not.
TEST(HeadOutline, CutsADarkSmoothWallJoinedToTheHead) {
  Wall s;
  s.patch_box[0] = 0, s.patch_box[1] = 0, s.patch_box[2] = 115, s.patch_box[3] = 300;
  const Segmentation seg = segment_head(draw(s), 320);
  const Kept before = kept(s, seg, seg.head);
  ASSERT_GT(before.patch, 0.5) << "the scene no longer leaks: it tests nothing";
  const Kept after = kept(s, seg, head_outline(seg, nullptr));
  EXPECT_LT(after.patch, 0.1);
  EXPECT_GT(after.head, 0.97 * before.head);
}

// A wall in a skin-like tone (deeper and redder than the skin, as red
// curtains) next to a face-on head: the skin model takes it in; with the
// face known, what lies beyond the head's reach and matches the border goes.
TEST(HeadOutline, CutsASkinToneWallBesideAKnownFace) {
  Wall s;
  s.patch = {180, 120, 95};
  s.patch_box[0] = 0, s.patch_box[1] = 0, s.patch_box[2] = 110, s.patch_box[3] = 300;
  const Segmentation seg = segment_head(draw(s), 320);
  const Kept before = kept(s, seg, seg.head);
  ASSERT_GT(before.patch, 0.5) << "the scene no longer leaks: it tests nothing";
  // Forehead to chin, cheek to cheek, in reduced pixels.
  const float f = float(seg.factor);
  const Box face{(s.cx - 0.8f * s.rx) / f, (s.cy - 0.35f * s.ry) / f, 1.6f * s.rx / f, 1.3f * s.ry / f};
  const Kept after = kept(s, seg, head_outline(seg, &face));
  EXPECT_LT(after.patch, 0.1);
  EXPECT_GT(after.head, 0.97 * before.head);
}

// A close-up: the head fills the frame and its hair and bare skin run off
// every edge. The border is head, not background: nothing is cut.
TEST(HeadOutline, KeepsAHeadThatFillsTheFrame) {
  Wall s;
  s.rx = 230, s.ry = 260, s.cx = 160, s.cy = 240;
  const Segmentation seg = segment_head(draw(s), 320);
  const Mask out = head_outline(seg, nullptr);
  const Kept k = kept(s, seg, out), before = kept(s, seg, seg.head);
  ASSERT_GT(before.head, 0.85);
  EXPECT_GT(k.head, 0.98 * before.head);
}

// A face box the colours do not back (a false face on a crown seen from
// above, small against its head) must not shrink the head to the face.
TEST(HeadOutline, IgnoresAFaceFarSmallerThanItsHead) {
  Wall s;
  s.patch_box[0] = 0, s.patch_box[1] = 0, s.patch_box[2] = 115, s.patch_box[3] = 300;
  const Segmentation seg = segment_head(draw(s), 320);
  const Box tiny{s.cx / seg.factor, (s.cy + 0.5f * s.ry) / seg.factor, 6, 8};
  const Kept k = kept(s, seg, head_outline(seg, &tiny)), before = kept(s, seg, seg.head);
  EXPECT_GT(k.head, 0.97 * before.head);
}

// Degenerate input: an empty outline stays empty, a uniform frame does not
// crash.
TEST(HeadOutline, HandlesEmptyAndFlatInput) {
  Image flat(64, 64, 3);
  std::fill(flat.pixels.begin(), flat.pixels.end(), 120);
  Segmentation seg = segment_head(flat, 320);
  const Mask a = head_outline(seg, nullptr);
  EXPECT_EQ(a.size(), seg.head.size());
  std::fill(seg.head.begin(), seg.head.end(), 0);
  const Mask b = head_outline(seg, nullptr);
  EXPECT_EQ(std::count(b.begin(), b.end(), 1), 0);
  // A face box off the frame or of no size changes nothing of that.
  const Box off{-500, -500, 40, 50}, none{10, 10, 0, 0};
  const Mask c = head_outline(seg, &off);
  EXPECT_EQ(std::count(c.begin(), c.end(), 1), 0);
  EXPECT_EQ(head_outline(seg, &none).size(), seg.head.size());
}

// A face box wholly off the frame (or empty) on a real scene: the head is
// judged as without a face, not lost.
TEST(HeadOutline, AFaceOffTheFrameFallsBackToTheHeadAlone) {
  Wall s;
  s.patch_box[0] = 0, s.patch_box[1] = 0, s.patch_box[2] = 115, s.patch_box[3] = 300;
  const Segmentation seg = segment_head(draw(s), 320);
  const Box off{-400, -400, 30, 40}, none{20, 20, 0, 0};
  const Mask plain = head_outline(seg, nullptr);
  EXPECT_EQ(head_outline(seg, &off), plain);
  EXPECT_EQ(head_outline(seg, &none), plain);
}

// --- real photos from ../shared (skipped when absent) -----------------------

Result<Analysis> analyse_shared(const std::string& relative) {
  Result<Photo> p = test::load_shared(relative);
  if (!p.ok()) return p.error();
  return analyze(p.value());
}

double share(const std::vector<std::uint8_t>& m) {
  return std::count(m.begin(), m.end(), 1) / double(std::max<std::size_t>(1, m.size()));
}

// Curtains, flags and the suit joined Obama's outline (81 % of the frame);
// the exported outline is his head, holding his face.
TEST(HeadOutlineRealPhotos, CurtainsAndFlagsAreNotHead) {
  if (test::shared_photo("misc/face_recognition__obama.jpg").empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Analysis> r = analyse_shared("misc/face_recognition__obama.jpg");
  ASSERT_TRUE(r.ok());
  const Analysis& a = r.value();
  ASSERT_TRUE(a.face && a.landmarks);
  EXPECT_LT(share(a.head_mask), 0.3);
  const Box& f = *a.face;
  EXPECT_LT(share(a.head_mask) * a.width * a.height, 4.0 * f.w * f.h);
  const auto at = [&](float x, float y) { return a.head_mask[std::size_t(y) * a.width + std::size_t(x)]; };
  EXPECT_EQ(at(a.landmarks->glabella.x, a.landmarks->glabella.y), 1);
  EXPECT_EQ(at(f.x + 0.5f * f.w, f.y + 0.05f * f.h), 1);   // forehead
  EXPECT_EQ(at(f.x + 0.5f * f.w, f.y - 0.1f * f.h), 1);    // hair above it
  EXPECT_EQ(at(0.05f * a.width, 0.3f * a.height), 0);      // flag
  EXPECT_EQ(at(0.9f * a.width, 0.3f * a.height), 0);       // curtain
}

// Close-ups of hair loss: the head fills most of the frame and runs off its
// edges. The exported outline keeps nearly all of the measured outline (a
// few lose a sweater, a wall or a floor joined to it).
TEST(HeadOutlineRealPhotos, HairLossCloseUpsKeepTheirHead) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  double sum = 0;
  int n = 0;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    const std::string& file = row[0];
    Result<Analysis> r = analyse_shared("hairloss/" + file);
    ASSERT_TRUE(r.ok()) << file;
    const double kept = share(r.value().head_mask) / std::max(1e-6, double(r.value().head_fraction));
    EXPECT_GT(kept, 0.5) << file;
    sum += kept;
    n += 1;
  }
  ASSERT_GT(n, 100);
  EXPECT_GT(sum / n, 0.93);
}

}  // namespace
}  // namespace smp

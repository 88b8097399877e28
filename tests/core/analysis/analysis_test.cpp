// Head analysis: the colour model on scenes the suite draws itself (a head
// with a textured hair cap, a bald head, a face with eyes and brows, grey and
// rotated copies) given the head the learned models would find, pictures
// without a person, bad input, the JSON contract, and - when ../shared is
// present - the whole analysis on real portraits and hair-loss photos.
#include "core/analysis/analysis.h"
#include "core/analysis/analysis_overlay.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <random>

#include "core/base/json_value.h"
#include "core/intake/photo.h"
#include "core/base/plane.h"
#include "core/base/resize.h"
#include "core/analysis/scalp.h"
#include "core/analysis/segmentation.h"
#include "tests/core/test_images.h"

namespace smp {
namespace {

struct Rgb {
  float r, g, b;
};

// A photo-like scene: plain background, an elliptical head of skin with soft
// shading, hair (strand-textured) where `hair(x, y)` says so, and optional
// face features. Noise keeps it from being unnaturally flat.
struct Scene {
  int w = 400, h = 500;
  float cx = 200, cy = 260, rx = 100, ry = 130;
  Rgb skin{205, 158, 132}, hair{52, 38, 30}, background{178, 186, 196};
  bool face = false;
  float eye_y = 250, eye_dx = 45;
  std::function<bool(float, float)> hair_at = [](float, float) { return false; };
};

bool in_ellipse(const Scene& s, float x, float y, float grow = 1) {
  const float dx = (x - s.cx) / (s.rx * grow), dy = (y - s.cy) / (s.ry * grow);
  return dx * dx + dy * dy <= 1;
}

Image draw(const Scene& s, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> noise(-3, 3);
  std::vector<float> strand(s.w + s.h);
  std::uniform_real_distribution<float> shade(-45, 45);
  for (float& v : strand) v = shade(rng);
  Image img(s.w, s.h, 3);
  for (int y = 0; y < s.h; ++y)
    for (int x = 0; x < s.w; ++x) {
      Rgb c = s.background;
      const bool head = in_ellipse(s, x, y);
      if (head) {
        const float light = 1.0f - 0.12f * (y - s.cy) / s.ry;  // lit from above
        c = {s.skin.r * light, s.skin.g * light, s.skin.b * light};
      }
      if (s.face && head) {
        auto blob = [&](float ex, float ey, float rx, float ry) {
          const float dx = (x - ex) / rx, dy = (y - ey) / ry;
          return dx * dx + dy * dy <= 1;
        };
        for (int side = -1; side <= 1; side += 2) {
          if (blob(s.cx + side * s.eye_dx, s.eye_y, 11, 7)) c = {35, 28, 26};
          if (blob(s.cx + side * s.eye_dx, s.eye_y - 24, 22, 5)) c = {70, 50, 40};  // brow
        }
        if (blob(s.cx, s.eye_y + 82, 30, 7)) c = {120, 60, 60};  // mouth
        if (blob(s.cx, s.eye_y + 48, 10, 5)) c = {150, 105, 90};  // nostrils' shade
      }
      if ((head || in_ellipse(s, x, y, 1.04f)) && s.hair_at(float(x), float(y))) {
        // Strands: brightness varies across them, slowly along them.
        const float o = strand[(x + y / 6) % strand.size()];
        c = {s.hair.r + o, s.hair.g + o * 0.8f, s.hair.b + o * 0.7f};
      }
      std::uint8_t* p = img.at(x, y);
      p[0] = std::uint8_t(std::clamp(c.r + noise(rng), 0.0f, 255.0f));
      p[1] = std::uint8_t(std::clamp(c.g + noise(rng), 0.0f, 255.0f));
      p[2] = std::uint8_t(std::clamp(c.b + noise(rng), 0.0f, 255.0f));
    }
  return img;
}

using test::grey;
using test::photo_of;

Analysis analyse(const Image& img, AnalysisOptions o = {}) {
  Result<Analysis> a = analyze(photo_of(img), o);
  EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
  return a.ok() ? a.value() : Analysis{};
}

Scene portrait() {
  Scene s;
  s.face = true;
  s.hair_at = [s](float x, float y) { return y < 168 && in_ellipse(s, x, y, 1.04f); };
  return s;
}

// A head seen from above: the hair covers everything outside a bare
// ellipse of the given relative size (0 = full hair, 1 = bald).
Scene crown(float bare) {
  Scene s;
  s.w = s.h = 400;
  s.cx = s.cy = 200;
  s.rx = s.ry = 150;
  s.hair_at = [s, bare](float x, float y) {
    const float dx = (x - s.cx) / (s.rx * bare + 1e-3f), dy = (y - s.cy) / (s.ry * bare + 1e-3f);
    return dx * dx + dy * dy > 1 && in_ellipse(s, x, y, 1.04f);
  };
  return s;
}

double head_share(const Analysis& a) {
  return std::count(a.head_mask.begin(), a.head_mask.end(), 1) / double(a.head_mask.size());
}

// --- the colour model inside a known head -----------------------------------
// The person network does not take a drawing for a person, so these scenes
// hand the colour model the head the learned models give it on a photo: the
// drawn head itself.

constexpr int kReducedSide = 320;  // the long side the analysis reduces photos to

// 1 where the drawing shows head (skin, or hair out to its rim), as a
// one-channel image of the drawing's size so it can be turned with it.
Image head_of(const Scene& s) {
  Image m(s.w, s.h, 1);
  for (int y = 0; y < s.h; ++y)
    for (int x = 0; x < s.w; ++x)
      m.at(x, y)[0] = in_ellipse(s, x, y) || (in_ellipse(s, x, y, 1.04f) && s.hair_at(float(x), float(y)));
  return m;
}

// The prior for `img` at the size the colour model reduces it to: a reduced
// pixel is head when the working pixel at its middle is, and the person is
// the head.
HeadPrior prior_for(const Image& img, const Image& head) {
  const int f = reduction_factor(img, kReducedSide);
  const RgbPlanes reduced = shrink(img, f);
  HeadPrior p;
  p.head.assign(std::size_t(reduced.w()) * reduced.h(), 0);
  for (int y = 0; y < reduced.h(); ++y)
    for (int x = 0; x < reduced.w(); ++x)
      p.head[std::size_t(y) * reduced.w() + x] = head.at(x * f + f / 2, y * f + f / 2)[0];
  p.person = p.head;
  return p;
}

// What the analysis measures of a head: the segmentation, the scalp region
// (the head above `brow_y`, in working pixels, when a face is known), its
// pattern and the Ludwig grade read from it (the Norwood stage comes from the
// learned model, tested on real photos below).
struct Measured {
  Segmentation s;
  Mask region;
  HairPattern pattern;
  Stage ludwig;
  // Reduced-pixel value of `p` at a working-pixel position.
  float at(const Plane& p, int x, int y) const { return p.at(x / s.factor, y / s.factor); }
};

Measured measure(const Image& img, const Image& head, std::optional<float> brow_y = std::nullopt) {
  Measured m;
  const HeadPrior prior = prior_for(img, head);
  m.s = segment_head(img, kReducedSide, &prior);
  std::optional<float> brow;
  if (brow_y) brow = *brow_y / float(m.s.factor) - 0.5f;
  m.region = scalp_region(m.s, brow);
  m.pattern = measure_pattern(m.s, m.region);
  m.ludwig = ludwig_grade(m.pattern);
  return m;
}

Measured measure(const Scene& s) { return measure(draw(s), head_of(s)); }

// The current hairline of a drawn face-on portrait in working pixels, found
// as the analysis looks for it: the scalp is the head above the glabella (a
// third of the eyes' distance above them), scanned from a quarter of that
// distance higher (the brows' hairs are not the hairline) across the face.
std::vector<glm::vec2> hairline_of(const Scene& s) {
  const float ipd = 2 * s.eye_dx, glabella = s.eye_y - 0.33f * ipd;
  const Measured m = measure(draw(s), head_of(s), glabella);
  const float f = float(m.s.factor);
  std::vector<glm::vec2> out;
  for (glm::vec2 p : current_hairline(m.s, m.region, (glabella - 0.25f * ipd) / f - 0.5f,
                                      int((s.cx - 0.9f * s.rx) / f), int((s.cx + 0.9f * s.rx) / f)))
    out.push_back(p * f);
  return out;
}

TEST(Analysis, WithoutAFaceABrowSizedBandBelowTheForeheadIsNotTheHairline) {
  // A bent head seen from the front: hair over the top down to row 234, bare
  // forehead below, and a band of dark strands 7 % of the head tall lower
  // down where brows and lashes would be. No face is known, so the scan
  // starts at the bottom of the head.
  Scene s;
  const float edge = s.cy - 0.2f * s.ry, band = s.cy + 0.5f * s.ry;
  s.hair_at = [=](float, float y) { return y < edge || (y > band && y < band + 0.14f * s.ry); };
  const Measured m = measure(draw(s), head_of(s));
  const float f = float(m.s.factor);
  auto median_y = [&](bool face_known) {
    std::vector<float> ys;
    for (glm::vec2 p : current_hairline(m.s, m.region, float(m.s.h - 1), 0, m.s.w - 1, face_known)) ys.push_back(p.y * f);
    if (ys.empty()) return -1.0f;
    std::nth_element(ys.begin(), ys.begin() + ys.size() / 2, ys.end());
    return ys[ys.size() / 2];
  };
  EXPECT_NEAR(median_y(false), edge, 12.0f);
  // The shorter run a face-anchored scan needs takes the band: what the face
  // (the scan starting above the brows) otherwise rules out.
  EXPECT_GT(median_y(true), band - 12.0f);
}

TEST(Analysis, WithoutAFaceABareScalpAboveADarkBandHasNoHairline) {
  // A bald bent head seen from the front: bare to the top, with a dark band
  // a fifth of the head tall near its bottom (brows and lashes, a beard or
  // a collar). Above the band is bare scalp, so without a face it is no
  // hairline.
  Scene s;
  const float band = s.cy + 0.45f * s.ry;
  s.hair_at = [=](float, float y) { return y > band && y < band + 0.4f * s.ry; };
  const Measured m = measure(draw(s), head_of(s));
  EXPECT_TRUE(current_hairline(m.s, m.region, float(m.s.h - 1), 0, m.s.w - 1, false).empty());
  // Control: the band is lasting hair with skin below it, which a scan
  // anchored on a face would take.
  EXPECT_FALSE(current_hairline(m.s, m.region, float(m.s.h - 1), 0, m.s.w - 1, true).empty());
}

TEST(Analysis, SegmentsHairCapAndBareScalpInsideTheHead) {
  const Scene s = crown(0.55f);
  const Image img = draw(s);
  const Measured m = measure(img, head_of(s));
  // The learned models' head is kept as the outline, and off their person is background.
  EXPECT_EQ(m.s.head, prior_for(img, head_of(s)).head);
  EXPECT_EQ(m.s.background[0], 1);
  EXPECT_EQ(m.s.background[std::size_t(m.s.h / 2) * m.s.w + m.s.w / 2], 0);
  // Dense where the hair is, bare in the middle.
  EXPECT_GT(m.at(m.s.hair, 200 - 120, 200), 150 / 255.0f);  // in the hair ring
  EXPECT_LT(m.at(m.s.hair, 200, 200), 60 / 255.0f);         // bare centre
  EXPECT_GT(m.at(m.s.skin, 200, 200), 0.5f);
  EXPECT_LT(m.at(m.s.skin, 200 - 120, 200), m.at(m.s.skin, 200, 200));
  EXPECT_EQ(bare_scalp(m.s, m.region)[std::size_t(100 / m.s.factor) * m.s.w + 200 / m.s.factor], 0);
  EXPECT_EQ(bare_scalp(m.s, m.region)[std::size_t(200 / m.s.factor) * m.s.w + 200 / m.s.factor], 1);
  // Bare share of the drawn head is 0.55^2 = 0.30.
  EXPECT_NEAR(m.pattern.bald_fraction, 0.30, 0.1);
  // Typical colours come back close to the drawn ones.
  EXPECT_NEAR(m.s.hair_rgb[0], s.hair.r, 30);
  EXPECT_NEAR(m.s.hair_rgb[1], s.hair.g, 30);
  EXPECT_NEAR(m.s.skin_rgb[0], s.skin.r, 30);
  EXPECT_NEAR(m.s.skin_rgb[1], s.skin.g, 30);
}

// Skin seeds from a detected face fit the skin model to that face even
// when most of the head is hair.
TEST(Analysis, FaceSkinSeedsAnchorTheSkinModel) {
  const Scene s = crown(0.2f);
  const Image img = draw(s);
  HeadPrior prior = prior_for(img, head_of(s));
  const Segmentation plain = segment_head(img, kReducedSide, &prior);
  const int f = reduction_factor(img, kReducedSide), w = img.width / f;
  prior.skin_seeds.assign(prior.head.size(), 0);
  for (int y = 190 / f; y < 210 / f; ++y)
    for (int x = 190 / f; x < 210 / f; ++x) prior.skin_seeds[std::size_t(y) * w + x] = 1;
  const Segmentation seeded = segment_head(img, kReducedSide, &prior);
  EXPECT_NEAR(seeded.skin_rgb[0], s.skin.r, 20);
  EXPECT_NEAR(seeded.skin_rgb[1], s.skin.g, 20);
  EXPECT_NEAR(seeded.skin_rgb[2], s.skin.b, 20);
  EXPECT_GT(seeded.skin.at(200 / f, 200 / f), 0.5f);
  EXPECT_EQ(seeded.head, plain.head);
}

TEST(Analysis, StageRisesWithTheBareArea) {
  const Measured full = measure(crown(0.0f));
  const Measured half = measure(crown(0.6f));
  const Measured bald = measure(crown(0.97f));
  EXPECT_LT(full.pattern.bald_fraction, 0.15f);
  EXPECT_GT(bald.pattern.bald_fraction, 0.8f);
  EXPECT_LT(full.pattern.bald_fraction, half.pattern.bald_fraction);
  EXPECT_LT(half.pattern.bald_fraction, bald.pattern.bald_fraction);
  EXPECT_EQ(full.ludwig.stage, 1);
  EXPECT_EQ(bald.ludwig.stage, 3);
  EXPECT_LE(full.ludwig.stage, half.ludwig.stage);
  EXPECT_LE(half.ludwig.stage, bald.ludwig.stage);
  // The hair thins from a cap to a ring: it lies less deep.
  EXPECT_GT(full.pattern.hair_depth, 0.5f);
  EXPECT_GT(full.pattern.hair_depth, half.pattern.hair_depth);
  EXPECT_LT(bald.pattern.hair_depth, 0.1f);
  // Almost hairless skin is part of the bare share and grows with it.
  EXPECT_LT(full.pattern.clear_bare, half.pattern.clear_bare);
  EXPECT_LT(half.pattern.clear_bare, bald.pattern.clear_bare);
  for (const Measured* m : {&full, &half, &bald}) {
    EXPECT_LE(m->pattern.clear_bare, m->pattern.bald_fraction + 1e-6f);
    EXPECT_GE(m->ludwig.confidence, 0.0f);
    EXPECT_LE(m->ludwig.confidence, 1.0f);
  }
}

// Thin hair the scalp shows through: single strands with skin between
// them. Strand texture reads it as hair much like a dense cap, so see_through
// (strand pixels about as bright as the skin) must tell them apart, and a
// grade of little loss read through such hair is doubted.
TEST(Analysis, HairTheScalpShowsThroughLowersTheConfidenceOfALowGrade) {
  const Scene dense = crown(0.35f);  // a small bare crown shows the skin's own colour
  Scene sparse = dense;
  sparse.hair_at = [cap = dense.hair_at](float x, float y) { return int(x + y / 6) % 4 == 0 && cap(x, y); };
  const Measured a = measure(dense), b = measure(sparse);
  EXPECT_LT(a.pattern.see_through, 0.45f);
  EXPECT_GT(b.pattern.see_through, 0.55f);
  HairPattern little_loss = a.pattern;  // a clearly low grade, well away from the cuts
  little_loss.bald_fraction = 0.1f;
  HairPattern seen_through = little_loss;
  seen_through.see_through = b.pattern.see_through;
  EXPECT_EQ(ludwig_grade(seen_through).stage, 1);
  EXPECT_LT(ludwig_grade(seen_through).confidence, 0.5f * ludwig_grade(little_loss).confidence);
}

// Hairs scattered over a bald top add to the hair share but form no mass:
// hair depth reads them as thin, so the scalp counts as hairless rather than
// thinning under a cap.
TEST(Analysis, HairScatteredOverABaldTopIsThinNotACap) {
  Scene scattered = crown(0.97f);
  scattered.hair_at = [ring = scattered.hair_at](float x, float y) {
    return ring(x, y) || ((int(x) / 4 + int(y) / 4) % 5 == 0 && int(x) % 4 < 2 && int(y) % 4 < 2);
  };
  const Measured bald = measure(crown(0.97f)), a = measure(scattered);
  const Measured cap = measure(crown(0.0f));
  EXPECT_GT(a.pattern.mean_density, bald.pattern.mean_density + 0.05f);
  EXPECT_LT(a.pattern.hair_depth, 0.1f);
  EXPECT_LT(a.pattern.hair_depth, 0.2f * cap.pattern.hair_depth);
  EXPECT_GT(shows_through(a.pattern), 0.9f);
}

// Strands brighter than the skin (grey, white or blond hair) are what the
// hair model tells from scalp least well, and see_through no longer means
// "the scalp shows through" there: whatever grade they give is doubted.
TEST(Analysis, LightStrandsLowerTheConfidence) {
  const Scene dark = crown(0.8f);
  Scene light = dark;
  light.hair = {238, 232, 226};
  const Measured a = measure(dark), b = measure(light);
  EXPECT_LT(a.pattern.see_through, 0.95f);
  EXPECT_GT(b.pattern.see_through, 1.1f);
  HairPattern light_read = a.pattern;  // the same bare share, read through light strands
  light_read.see_through = b.pattern.see_through;
  EXPECT_LT(ludwig_grade(light_read).confidence, 0.5f * ludwig_grade(a.pattern).confidence);
}

TEST(Analysis, PatternMeasuresDoNotDependOnRotation) {
  Scene s = crown(0.6f);
  s.w = 480;  // an off-centre head in a wide frame, so the turn moves it
  const Image img = draw(s), head = head_of(s);
  const Measured a = measure(img, head);
  const Measured b = measure(test::transformed(img, 8), test::transformed(head, 8));  // a quarter turn
  EXPECT_EQ(b.s.w, a.s.h);
  EXPECT_NEAR(a.pattern.bald_fraction, b.pattern.bald_fraction, 0.05);
  EXPECT_NEAR(a.pattern.mean_density, b.pattern.mean_density, 0.05);
  EXPECT_NEAR(a.pattern.clear_bare, b.pattern.clear_bare, 0.05);
  EXPECT_NEAR(a.pattern.hair_depth, b.pattern.hair_depth, 0.02);
  EXPECT_NEAR(a.pattern.best_half_hair, b.pattern.best_half_hair, 0.05);
  EXPECT_NEAR(a.pattern.worst_half_hair, b.pattern.worst_half_hair, 0.05);
  EXPECT_EQ(a.ludwig.stage, b.ludwig.stage);
}

// BlazeFace finds the drawn face (the person network does not find the
// drawn person, which leaves the head and the scalp measures empty).
// A drawn face the face detector may take for a face, in a picture the
// person network does not take for a person: no head, so no face either,
// and nothing measured or staged with any confidence.
TEST(Analysis, ADrawnFaceWithoutAPersonIsNotReported) {
  const Scene s = portrait();
  const Analysis a = analyse(draw(s));
  EXPECT_EQ(std::count(a.head_mask.begin(), a.head_mask.end(), 1), 0);
  EXPECT_FALSE(a.face.has_value());
  EXPECT_FALSE(a.landmarks.has_value());
  EXPECT_EQ(a.face_evidence, 0.0f);
  EXPECT_EQ(a.view, View::unknown);
  EXPECT_EQ(a.norwood_confidence, 0.0f);
  EXPECT_EQ(a.confidence, 0.0f);
  EXPECT_TRUE(a.hairline.empty());
}

TEST(Analysis, CurrentHairlineRunsAlongTheDrawnBoundary) {
  const std::vector<glm::vec2> line = hairline_of(portrait());
  ASSERT_GE(line.size(), 10u);
  for (std::size_t k = 1; k < line.size(); ++k) EXPECT_GT(line[k].x, line[k - 1].x);
  int near = 0, middle = 0;
  for (glm::vec2 p : line)
    if (std::fabs(p.x - 200) < 60) ++middle, near += std::fabs(p.y - 168) < 12;
  ASSERT_GT(middle, 5);
  EXPECT_GE(near, middle * 8 / 10) << "hairline off the hair/forehead boundary";
}

// A textured patch on the forehead (wrinkles, a lock of a fringe) with skin
// between it and the hair reads as "hair above skin" in its columns; it is
// cut off from the hairline by a jump and must not pull the line down to it.
TEST(Analysis, ForeheadPatchIsNotPartOfTheHairline) {
  Scene s = portrait();
  s.cy = 270, s.ry = 150, s.eye_y = 320;  // a high forehead, so the patch has skin around it
  s.hair_at = [s](float x, float y) {
    const bool patch = x >= 130 && x < 170 && y >= 215 && y < 237;
    return (y < 168 || patch) && in_ellipse(s, x, y, 1.04f);
  };
  const std::vector<glm::vec2> line = hairline_of(s);
  ASSERT_GE(line.size(), 10u);
  int beside = 0;
  for (glm::vec2 p : line) {
    EXPECT_LT(std::fabs(p.y - 168), 14) << "hairline point at " << p.x << ", " << p.y;
    beside += p.x >= 180;
  }
  EXPECT_GT(beside, 5);
}

TEST(Analysis, FullyBaldHeadHasNoHairline) {
  Scene s = portrait();
  s.hair_at = [](float, float) { return false; };
  const std::vector<glm::vec2> line = hairline_of(s);
  EXPECT_TRUE(line.empty()) << line.size() << " points";
  // The same head with its hair finds one, so the empty line is the baldness.
  EXPECT_GE(hairline_of(portrait()).size(), 10u);
}

TEST(Analysis, GrayscaleDrawingStillTellsHairFromScalp) {
  const Measured m = measure(grey(draw(crown(0.55f))), head_of(crown(0.55f)));
  EXPECT_TRUE(m.s.model.grayscale);
  EXPECT_GT(m.pattern.bald_fraction, 0.1f);
  EXPECT_LT(m.pattern.bald_fraction, 0.6f);
  EXPECT_FALSE(measure(crown(0.55f)).s.model.grayscale);
}

// A photo with no head in it (a colour gradient) is staged, but the stage
// must not come with confidence: no view was recognised.
TEST(Analysis, NoHeadMeansNoConfidentStage) {
  const Analysis a = analyse(smp::test::gradient(96, 80));
  EXPECT_EQ(a.view, View::unknown);
  EXPECT_LE(a.norwood_confidence, 0.2f);
  EXPECT_LE(a.confidence, 0.2f);
}

// Pictures without a person (a gradient, a flat skin-coloured wall, noise)
// have no head: nothing may be designed or dotted on them.
TEST(Analysis, PicturesWithoutAPersonHaveNoHead) {
  Image wall(300, 240, 3), noise(300, 240, 3);
  for (std::size_t i = 0; i < wall.pixels.size(); i += 3)
    wall.pixels[i] = 190, wall.pixels[i + 1] = 150, wall.pixels[i + 2] = 130;
  std::mt19937 rng(11);
  for (auto& v : noise.pixels) v = std::uint8_t(rng());
  for (const Image& img : {smp::test::gradient(320, 240), wall, noise}) {
    const Analysis a = analyse(img);
    ASSERT_EQ(a.head_mask.size(), std::size_t(img.width) * img.height);
    EXPECT_EQ(std::count(a.head_mask.begin(), a.head_mask.end(), 1), 0);
    EXPECT_EQ(std::count(a.scalp_mask.begin(), a.scalp_mask.end(), 1), 0);
    EXPECT_EQ(a.head_fraction, 0.0f);
    EXPECT_EQ(a.view, View::unknown);
    EXPECT_FALSE(a.face.has_value());
    EXPECT_FALSE(a.landmarks.has_value());
    EXPECT_FALSE(a.tilted_face.has_value());
    EXPECT_LE(a.confidence, 0.2f);
  }
}

TEST(Analysis, LudwigGradeWhenTheUserSaysFemale) {
  const Measured thin = measure(crown(0.75f));
  const Measured full = measure(crown(0.0f));
  EXPECT_GE(thin.ludwig.stage, 2);
  EXPECT_LE(thin.ludwig.stage, 3);
  EXPECT_EQ(full.ludwig.stage, 1);
  AnalysisOptions o;
  o.female = true;
  const Image img = draw(crown(0.75f));
  const Analysis a = analyse(img, o);
  EXPECT_GE(a.ludwig_grade, 1);
  EXPECT_NE(analysis_json(a, photo_of(img)).find("\"ludwig\": {\"grade\""), std::string::npos);
  EXPECT_EQ(analyse(img).ludwig_grade, 0);
  EXPECT_NE(analysis_json(analyse(img), photo_of(img)).find("\"ludwig\": null"), std::string::npos);
}

TEST(Analysis, RejectsImagesWithoutPixelsClearly) {
  Photo empty;
  Result<Analysis> a = analyze(empty);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "invalid_image");
  Result<Analysis> tiny = analyze(photo_of(Image(20, 20, 3)));
  ASSERT_FALSE(tiny.ok());
  EXPECT_EQ(tiny.error().code, "too_small");
  Photo broken = photo_of(Image(100, 100, 3));
  broken.working.pixels.resize(10);  // inconsistent buffer
  EXPECT_FALSE(analyze(broken).ok());
}

TEST(Analysis, FlatAndNoiseImagesDoNotCrashAndReadAsUncertain) {
  Image flat(300, 200, 3);
  std::fill(flat.pixels.begin(), flat.pixels.end(), 128);
  Image noise(300, 200, 3);
  std::mt19937 rng(3);
  for (auto& v : noise.pixels) v = std::uint8_t(rng());
  for (const Image* img : {&flat, &noise}) {
    const Analysis a = analyse(*img);
    EXPECT_LT(a.confidence, 0.5f);
    EXPECT_GE(a.norwood_stage, 1);
    EXPECT_LE(a.norwood_stage, 7);
  }
}

TEST(Analysis, ExtremeShapesAndSizesAnalyseWithinBounds) {
  std::mt19937 rng(5);
  for (auto [w, h] : {std::pair{32, 32}, {33, 1600}, {1600, 33}, {641, 479}, {1600, 1600}}) {
    Image img(w, h, 3);
    for (auto& v : img.pixels) v = std::uint8_t(rng() % 64 + 96);
    const Analysis a = analyse(img);
    ASSERT_EQ(a.labels.size(), std::size_t(w) * h) << w << "x" << h;
    ASSERT_EQ(a.hair_density.size(), std::size_t(w) * h);
    for (glm::vec2 p : a.hairline) {
      EXPECT_GE(p.x, 0);
      EXPECT_LE(p.x, w);
      EXPECT_GE(p.y, 0);
      EXPECT_LE(p.y, h);
    }
    EXPECT_GE(a.bald_fraction, 0.0f);
    EXPECT_LE(a.bald_fraction, 1.0f);
  }
}

// analysis_json reports positions and the scale in the original photo's
// pixels (here twice the working size) under the documented field names.
TEST(Analysis, JsonUsesOriginalPixelsAndTheIssueFieldNames) {
  Analysis a;
  a.width = 400, a.height = 500;
  a.view = View::portrait;
  a.face = Box{110, 150, 180, 230};
  Landmarks l;
  l.eyes[0] = {155, 250}, l.eyes[1] = {245, 252};
  l.eye_outer[0] = {135, 250}, l.eye_outer[1] = {265, 252};
  l.glabella = {200, 221};
  l.brow_y = 221;
  l.chin = {201, 395};
  a.landmarks = l;
  a.scale_px_per_cm = 14.3f;
  a.scale_method = "interpupillary";
  a.hairline = {{120, 171}, {200, 160}, {280, 172}};
  a.norwood_stage = 3;
  a.timings_ms = {{"person", 4.0}, {"total", 9.5}};
  const Photo photo = photo_of(Image(400, 500, 3), 2.0);  // the original was twice the working size
  Result<JsonValue> j = parse_json(analysis_json(a, photo));
  ASSERT_TRUE(j.ok()) << j.error().message;
  const JsonValue& o = j.value();
  for (const char* key : {"view", "image", "face", "landmarks", "scale_px_per_cm", "hairline", "scalp",
                          "norwood", "confidence", "timings_ms"})
    EXPECT_FALSE(o[key].is_null()) << key;
  EXPECT_EQ(o["view"].as_string(), "portrait");
  EXPECT_EQ(o["image"]["width"].as_number(), 800);
  EXPECT_EQ(o["image"]["height"].as_number(), 1000);
  EXPECT_NEAR(o["face"]["x"].as_number(), 220, 1e-3);
  EXPECT_NEAR(o["face"]["h"].as_number(), 460, 1e-3);
  ASSERT_EQ(o["landmarks"]["eyes"].items().size(), 2u);
  EXPECT_NEAR(o["landmarks"]["eyes"].items()[0].items()[0].as_number(), 310, 1e-3);
  EXPECT_NEAR(o["landmarks"]["eyes"].items()[1].items()[1].as_number(), 504, 1e-3);
  EXPECT_NEAR(o["landmarks"]["eye_outer"].items()[1].items()[0].as_number(), 530, 1e-3);
  EXPECT_NEAR(o["landmarks"]["glabella"].items()[1].as_number(), 442, 1e-3);
  EXPECT_NEAR(o["landmarks"]["brow_y"].as_number(), 442, 1e-3);
  EXPECT_NEAR(o["landmarks"]["chin"].items()[0].as_number(), 402, 1e-3);
  EXPECT_NEAR(o["scale_px_per_cm"].as_number(), 7.15, 1e-3);
  EXPECT_EQ(o["scale_method"].as_string(), "interpupillary");
  const auto& line = o["hairline"]["current"].items();
  ASSERT_EQ(line.size(), 3u);
  EXPECT_NEAR(line[0].items()[0].as_number(), 240, 1e-3);
  EXPECT_NEAR(line[2].items()[1].as_number(), 344, 1e-3);
  EXPECT_TRUE(o["scalp"]["bald_fraction"].is_number());
  EXPECT_EQ(o["norwood"]["stage"].as_number(), 3);
  EXPECT_NEAR(o["timings_ms"]["total"].as_number(), 9.5, 1e-9);
  EXPECT_EQ(o["upside_down"].as_bool(), false);
  EXPECT_EQ(o["turn_to_upright"].as_number(), 0);
  a.upside_down = true;
  a.turn_to_upright = 2;
  a.face.reset();
  a.landmarks.reset();
  a.scale_px_per_cm.reset();
  Result<JsonValue> turned = parse_json(analysis_json(a, photo));
  ASSERT_TRUE(turned.ok());
  EXPECT_EQ(turned.value()["upside_down"].as_bool(), true);
  EXPECT_EQ(turned.value()["turn_to_upright"].as_number(), 2);
  for (const char* key : {"face", "landmarks", "scale_px_per_cm"}) {
    EXPECT_TRUE(turned.value().has(key)) << key;
    EXPECT_TRUE(turned.value()[key].is_null()) << key;
  }
}

// Whatever analyze() finds, its JSON parses and has every key: on a drawn
// portrait (a face, no person) and on a picture without either.
TEST(Analysis, JsonOfAnAnalysisHasAllItsKeys) {
  for (const Image& img : {draw(portrait()), smp::test::gradient(320, 240)}) {
    const Photo photo = photo_of(img, 1.5);
    const Analysis a = analyse(img);
    Result<JsonValue> j = parse_json(analysis_json(a, photo));
    ASSERT_TRUE(j.ok()) << j.error().message;
    const JsonValue& o = j.value();
    for (const char* key : {"view", "view_confidence", "face_evidence", "upside_down", "turn_to_upright", "image",
                            "face", "landmarks", "scale_px_per_cm", "scale_method", "hairline", "scalp", "norwood",
                            "ludwig", "confidence", "segmentation_quality", "hair_rgb", "skin_rgb", "timings_ms"})
      EXPECT_TRUE(o.has(key)) << key;
    for (const char* key : {"bald_fraction", "area_cm2", "head_fraction", "mean_density", "see_through", "hair_depth"})
      EXPECT_TRUE(o["scalp"].has(key)) << key;
    EXPECT_EQ(o["view"].as_string(), view_name(a.view));
    EXPECT_EQ(o["face"].is_null(), !a.face.has_value());
    EXPECT_EQ(o["landmarks"].is_null(), !a.landmarks.has_value());
    EXPECT_EQ(o["hairline"]["current"].items().size(), a.hairline.size());
    EXPECT_NEAR(o["scalp"]["head_fraction"].as_number(), a.head_fraction, 1e-6);
    EXPECT_EQ(o["image"]["width"].as_number(), std::lround(img.width * 1.5));
    EXPECT_TRUE(o["timings_ms"]["total"].is_number());
  }
}

// labels_at resamples by nearest neighbour: every output pixel takes the
// label of the working pixel under its centre.
TEST(Analysis, LabelsAtResamplesByNearestNeighbour) {
  Analysis a;
  a.width = 5, a.height = 3;
  a.labels = {kBackground, kSkin,  kHair,  kOther, kSkin,   //
              kHair,       kHair,  kSkin,  kSkin,  kOther,  //
              kOther,      kSkin,  kBackground, kHair, kHair};
  const std::vector<std::uint8_t> up = labels_at(a, 15, 6);  // 3x across, 2x down
  ASSERT_EQ(up.size(), 15u * 6);
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 15; ++x) ASSERT_EQ(up[std::size_t(y) * 15 + x], a.labels[std::size_t(y / 2) * 5 + x / 3]) << x << "," << y;
  // Down to 2 x 1: the centres (1.25, 1.5) and (3.75, 1.5) fall on columns 1 and 3 of row 1.
  EXPECT_EQ(labels_at(a, 2, 1), (std::vector<std::uint8_t>{kHair, kSkin}));
  EXPECT_EQ(labels_at(a, 5, 3), a.labels);
  EXPECT_TRUE(labels_at(a, 0, 3).empty());
  EXPECT_TRUE(labels_at(a, 5, -1).empty());
  Analysis broken = a;
  broken.labels.pop_back();
  EXPECT_TRUE(labels_at(broken, 10, 6).empty());
  EXPECT_TRUE(labels_at(Analysis{}, 10, 6).empty());
}

// The sliding-count morphology equals the definition: max/min over the
// square window clipped at the image's edge.
TEST(Plane, MorphologyMatchesItsDefinition) {
  const int w = 37, h = 23;
  std::mt19937 rng(7);
  Mask m(std::size_t(w) * h);
  for (auto& v : m) v = rng() % 3 != 0;
  for (int r : {1, 2, 5, 30}) {
    const Mask d = dilate(m, w, h, r), e = erode(m, w, h, r);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        int any = 0, all = 1;
        for (int yy = std::max(0, y - r); yy <= std::min(h - 1, y + r); ++yy)
          for (int xx = std::max(0, x - r); xx <= std::min(w - 1, x + r); ++xx)
            any |= m[std::size_t(yy) * w + xx], all &= m[std::size_t(yy) * w + xx];
        ASSERT_EQ(d[std::size_t(y) * w + x], any) << r << " " << x << "," << y;
        ASSERT_EQ(e[std::size_t(y) * w + x], all) << r << " " << x << "," << y;
      }
  }
}

// The chamfer distance stays within 8 % of the true Euclidean distance to
// the nearest unset pixel (the frame's outside counts as unset), and is the
// same on a mask turned by a quarter.
TEST(Plane, DistanceToOutsideIsNearEuclideanAndTurnFree) {
  const int w = 41, h = 29;
  std::mt19937 rng(3);
  Mask m(std::size_t(w) * h, 1), t(m.size());
  for (int k = 0; k < 12; ++k) m[rng() % m.size()] = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) t[std::size_t(x) * h + (h - 1 - y)] = m[std::size_t(y) * w + x];
  const Plane d = distance_to_outside(m, w, h), dt = distance_to_outside(t, h, w);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float got = d.at(x, y);
      ASSERT_FLOAT_EQ(got, dt.at(h - 1 - y, x));
      if (!m[std::size_t(y) * w + x]) {
        ASSERT_EQ(got, 0);
        continue;
      }
      double best = std::min({x + 1, y + 1, w - x, h - y});
      for (int yy = 0; yy < h; ++yy)
        for (int xx = 0; xx < w; ++xx)
          if (!m[std::size_t(yy) * w + xx]) best = std::min(best, std::hypot(xx - x, yy - y));
      ASSERT_NEAR(got, best, 0.08 * best + 1e-4) << x << "," << y;
    }
}

// A head outline with a door frame hanging on it: the thin strip goes, the
// round head stays whole (its top not squared off).
TEST(Plane, HeadOutlineDropsThinPartsButKeepsTheDome) {
  const int w = 200, h = 200;
  Mask head(std::size_t(w) * h, 0);
  int disc = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool in_disc = std::hypot(x - 100.0, y - 110.0) < 60;
      const bool strip = x >= 150 && x < 155 && y < 110;  // 5 px wide, to the frame's top
      head[std::size_t(y) * w + x] = in_disc || strip;
      disc += in_disc;
    }
  const Mask out = trim_thin_parts(head, w, h);
  int kept = 0, strip_left = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool in_disc = std::hypot(x - 100.0, y - 110.0) < 60;
      kept += in_disc && out[std::size_t(y) * w + x];
      strip_left += !in_disc && out[std::size_t(y) * w + x];
    }
  EXPECT_GT(kept, int(0.98 * disc));  // the dome survives
  EXPECT_LT(strip_left, 5 * 12);       // at most a stub of the strip
  EXPECT_EQ(out[std::size_t(5) * w + 152], 0);
}

// The debug image shows where a bent head's face was cut: its brow line in
// cyan across the face's width, a tick toward the crown, nothing elsewhere.
TEST(Analysis, DebugImageDrawsTheTiltedFacesCut) {
  const Image img = draw(portrait());
  const Photo photo = photo_of(img);
  Analysis a = analyse(img);
  a.face.reset();
  a.landmarks.reset();
  const Image plain = draw_analysis(photo, a);
  a.tilted_face = TiltedFace{glm::vec2(200, 300), glm::vec2(1, 0), 40};  // face on the left
  const Image cut = draw_analysis(photo, a);
  const std::uint8_t* on = cut.at(200, 270);  // on the line, 30 px from its middle
  EXPECT_LT(on[0], 40);
  EXPECT_GT(on[2], 200);
  const std::uint8_t* tick = cut.at(210, 300);  // on the tick, toward the crown (right)
  EXPECT_GT(tick[2], 200);
  int changed = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (std::abs(x - 200) > 3 && (std::abs(y - 300) > 3 || x < 200 || x > 216) &&
          std::memcmp(cut.at(x, y), plain.at(x, y), 3) != 0)
        ++changed;
  EXPECT_EQ(changed, 0) << "pixels drawn away from the cut";
}

// --- real photos from ../shared (skipped when absent) -----------------------

// The manifest's face-on portraits: its "front" photos outside the hair-loss
// clinic set (those are forward-tilted heads).
std::vector<std::string> face_on_portraits() {
  std::vector<std::string> names;
  for (const auto& row : test::read_tsv("misc/MANIFEST.tsv"))
    if (row.size() >= 6 && row[5] == "front" && row[0].rfind("baldness_est", 0) != 0) names.push_back(row[0]);
  return names;
}

// Every face-on portrait gets its eyes, glabella and scale from the face
// detector, inside the face's box and the head outline.
TEST(AnalysisRealPhotos, FindsEyesAndGlabellaOnFaceOnPortraits) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int portraits = 0, found = 0;
  std::string missing;
  for (const std::string& name : face_on_portraits()) {
    ++portraits;
    Result<Photo> p = test::load_shared("misc/" + name);
    ASSERT_TRUE(p.ok()) << name;
    Result<Analysis> a = analyze(p.value());
    ASSERT_TRUE(a.ok()) << name;
    if (!a->landmarks || !a->face) {
      missing += " " + name;
      continue;
    }
    ++found;
    const Landmarks& l = *a->landmarks;
    const Box& f = *a->face;
    const float ipd = glm::length(l.eyes[1] - l.eyes[0]);
    EXPECT_LT(std::fabs(l.eyes[1].y - l.eyes[0].y), 0.3f * ipd) << name;
    EXPECT_LT(l.glabella.y, 0.5f * (l.eyes[0].y + l.eyes[1].y)) << name;
    EXPECT_GT(l.glabella.x, l.eyes[0].x) << name;
    EXPECT_LT(l.glabella.x, l.eyes[1].x) << name;
    for (glm::vec2 e : l.eyes) {
      EXPECT_GT(e.x, f.x) << name;
      EXPECT_LT(e.x, f.x + f.w) << name;
      EXPECT_GT(e.y, f.y) << name;
      EXPECT_LT(e.y, f.y + f.h) << name;
    }
    EXPECT_GT(l.chin.y, l.glabella.y + ipd) << name;
    ASSERT_EQ(a->head_mask.size(), std::size_t(a->width) * a->height) << name;
    EXPECT_EQ(a->head_mask[std::size_t(l.glabella.y) * a->width + std::size_t(l.glabella.x)], 1) << name;
    EXPECT_EQ(a->view, View::portrait) << name;
    EXPECT_EQ(a->scale_method, "interpupillary") << name;
  }
  EXPECT_EQ(portraits, 17);
  EXPECT_EQ(found, 17) << "no face on:" << missing;
}

// A portrait whose orientation was lost (turned by k quarter turns) has its
// face found in the turn that brings it upright: turn_to_upright undoes k,
// a half turn reads as upside down, and the face is not reported (the design
// works in the photo's own frame) but kept as a tilted face at the same
// place of the photo, its up turned with it.
TEST(AnalysisRealPhotos, TurnedPortraitsReportTheTurnThatBringsThemUpright) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  // A point of a w x h frame after k clockwise quarter turns (pixel centres at +0.5).
  auto turned_point = [](glm::vec2 p, int k, float w, float h) {
    for (int i = 0; i < k; ++i) p = glm::vec2(h - p.y, p.x), std::swap(w, h);
    return p;
  };
  int checked = 0, right = 0, right_at[4] = {0, 0, 0, 0};
  std::string off;
  for (const std::string& name : face_on_portraits()) {
    Result<Photo> p = test::load_shared("misc/" + name);
    ASSERT_TRUE(p.ok()) << name;
    const Analysis upright = analyse(p->working);
    if (!upright.landmarks) continue;  // FindsEyesAndGlabellaOnFaceOnPortraits says which
    const Landmarks& l = *upright.landmarks;
    const float ipd = glm::length(l.eyes[1] - l.eyes[0]);
    for (int k = 1; k < 4; ++k) {
      Result<Analysis> a = analyze(turn_photo(p.value(), k));
      ASSERT_TRUE(a.ok()) << name;
      ++checked;
      const glm::vec2 brow = turned_point(l.glabella, k, float(upright.width), float(upright.height));
      const glm::vec2 up = turned_point(glm::vec2(0, -1), k, 0, 0);
      const bool ok = a->turn_to_upright == (4 - k) % 4 && a->upside_down == (k == 2) && !a->face &&
                      !a->landmarks && a->tilted_face && glm::length(a->tilted_face->brow - brow) < 0.1f * ipd &&
                      glm::dot(a->tilted_face->up, up) > 0.9f;
      right += ok, right_at[k] += ok;
      if (!ok) off += " " + name + "@" + std::to_string(k) + "->" + std::to_string(a->turn_to_upright);
    }
  }
  ASSERT_GE(checked, 45);
  EXPECT_GE(right, checked * 85 / 100) << off;
  for (int k = 1; k < 4; ++k) EXPECT_GE(right_at[k], checked / 3 * 3 / 4) << "turned by " << k << ":" << off;
}

// Heads photographed from above show a bald or thinning top where the face
// detector can see a weak face; most must not be read as face-on portraits.
TEST(AnalysisRealPhotos, TopViewsAreMostlyNotTakenForPortraits) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int tops = 0, portraits = 0;
  std::string as_portrait;
  for (const auto& row : test::read_tsv("misc/MANIFEST.tsv")) {
    if (row.size() < 6 || row[5] != "top") continue;
    Result<Photo> p = test::load_shared("misc/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Result<Analysis> a = analyze(p.value());
    ASSERT_TRUE(a.ok()) << row[0];
    ++tops;
    if (a->view == View::portrait) ++portraits, as_portrait += " " + row[0];
  }
  ASSERT_GE(tops, 10);
  EXPECT_LE(2 * portraits, tops) << as_portrait;
}

// The person network outlines the head on hair-loss photos in colour and in
// grey alike: a head, neither nothing nor the whole frame.
TEST(AnalysisRealPhotos, HairLossPhotosGetAHeadOutlineInColourAndGrey) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int n = 0, photos = 0, colour = 0, grey_too = 0;
  std::string off;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    if (row.size() < 3 || ++n % 3) continue;  // every third photo keeps the default run fast
    Result<Photo> p = test::load_shared("hairloss/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    const Analysis a = analyse(p->working), g = analyse(grey(p->working));
    ++photos;
    auto outlined = [](const Analysis& x) { return head_share(x) > 0.05 && head_share(x) < 0.95; };
    colour += outlined(a);
    grey_too += outlined(g);
    if (!outlined(a) || !outlined(g)) off += " " + row[0].substr(0, 12);
    EXPECT_NEAR(a.head_fraction, head_share(a), 0.01) << row[0];  // measured on the reduced head
  }
  ASSERT_GT(photos, 30);
  EXPECT_GE(colour, photos * 9 / 10) << off;
  EXPECT_GE(grey_too, photos * 85 / 100) << off;
}

// Without colour the stage rests on luminance alone (staged 1.66x as far off
// on the hair-loss photos turned grey): a grey copy must come with less
// confidence than the photo in colour.
TEST(AnalysisRealPhotos, GrayscaleLowersTheStageConfidence) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int n = 0, photos = 0, lower = 0;
  double colour = 0, grey_sum = 0;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    if (row.size() < 3 || ++n % 4) continue;  // every fourth photo keeps the default run fast
    Result<Photo> p = test::load_shared("hairloss/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    const Analysis c = analyse(p->working), g = analyse(grey(p->working));
    ++photos;
    lower += g.confidence < c.confidence;
    colour += c.norwood_confidence, grey_sum += g.norwood_confidence;
  }
  ASSERT_GT(photos, 20);
  EXPECT_GE(lower, photos * 85 / 100);
  EXPECT_LE(grey_sum, 0.7 * colour);
}

// The shipped stage model read back on a sample of the photos it was fitted
// on, through the whole analysis: the features computed at run time must be
// the ones it was trained on. (How it holds for people it has not seen is
// measured by scripts/train_stage.py's person-grouped cross-validation.)
TEST(AnalysisRealPhotos, StageModelReadsBackItsTrainingPhotos) {
  if (test::shared_photo("hairloss-train/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  std::map<int, std::pair<double, int>> stage_by_label;
  int n = 0, photos = 0;
  double error = 0;
  for (const auto& row : test::read_tsv("hairloss-train/labels.tsv")) {
    if (row.size() < 4 || ++n % 6) continue;  // every sixth photo keeps the default run fast
    Result<Photo> p = test::load_shared("hairloss-train/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Result<Analysis> a = analyze(p.value());
    ASSERT_TRUE(a.ok()) << row[0];
    EXPECT_GE(a->norwood_stage, 1);
    EXPECT_LE(a->norwood_stage, 7);
    EXPECT_GE(a->norwood_confidence, 0.0f);
    EXPECT_LE(a->norwood_confidence, 1.0f);
    const int label = std::stoi(row[2]);
    auto& s = stage_by_label[label];
    s.first += a->norwood_stage, s.second += 1;
    error += std::abs(a->norwood_stage - label), ++photos;
  }
  ASSERT_GT(photos, 100);
  ASSERT_TRUE(stage_by_label.count(2) && stage_by_label.count(7));
  const double mean2 = stage_by_label[2].first / stage_by_label[2].second;
  const double mean7 = stage_by_label[7].first / stage_by_label[7].second;
  EXPECT_GT(mean7, mean2 + 2.5) << "label 2 -> " << mean2 << ", label 7 -> " << mean7;
  EXPECT_LT(error / photos, 0.8);
}

// The same photo at 640 px and brought down to 320 px (area-averaged, as a
// small upload would be) reads the same hair. Strand texture measured at a
// coarser scale is stronger on hair, so the thresholds follow the scale
// (segmentation.cpp, kCoarserTexture); the stage model sees the photo at the
// network's own 256 pixels either way.
TEST(AnalysisRealPhotos, PhotoSizeDoesNotChangeTheHairRead) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int n = 0, photos = 0, same = 0;
  double bald_full = 0, bald_half = 0;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    if (row.size() < 3 || ++n % 4) continue;  // every fourth photo keeps the default run fast
    Result<Photo> p = test::load_shared("hairloss/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    const Image& full = p->working;
    const Image half = area_resample_to_rgb(full.pixels.data(), full.width, full.height, 3, full.width / 2,
                                            full.height / 2);
    const Analysis a = analyse(full), b = analyse(half);
    // Without a head in either copy the stage is no reading of hair (its confidence is capped).
    if (a.head_fraction == 0 || b.head_fraction == 0) continue;
    ++photos;
    same += a.norwood_stage == b.norwood_stage;
    bald_full += a.bald_fraction, bald_half += b.bald_fraction;
    EXPECT_LE(std::abs(a.norwood_stage - b.norwood_stage), 2) << row[0];
  }
  ASSERT_GT(photos, 20);
  EXPECT_GE(same, photos * 3 / 4);
  EXPECT_NEAR(bald_half / photos, bald_full / photos, 0.03);
}

// A colour cast (a cool light: red down, blue up by a tenth) changes no
// hair on the head: the stage stays within a level on most photos.
TEST(AnalysisRealPhotos, ColourCastKeepsTheStage) {
  if (test::shared_photo("hairloss-train/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int n = 0, photos = 0, within_one = 0;
  for (const auto& row : test::read_tsv("hairloss-train/labels.tsv")) {
    if (row.size() < 4 || ++n % 12) continue;  // every twelfth photo keeps the default run fast
    Result<Photo> p = test::load_shared("hairloss-train/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Image cool = p->working;
    for (std::size_t i = 0; i < cool.pixels.size(); i += 3) {
      cool.pixels[i] = std::uint8_t(std::lround(cool.pixels[i] * 0.9));
      cool.pixels[i + 2] = std::uint8_t(std::min(255L, std::lround(cool.pixels[i + 2] * 1.1)));
    }
    const Analysis a = analyse(p->working), b = analyse(cool);
    ++photos;
    within_one += std::abs(a.norwood_stage - b.norwood_stage) <= 1;
  }
  ASSERT_GT(photos, 40);
  EXPECT_GE(within_one, photos * 9 / 10);
}

// A bent head photographed from above and turned upside down shows its face
// upside down, and a cut at that face's brow line would keep only the strip
// of head above the eyes: turning a photo by 180 degrees must not move the
// stage by more than a level on most photos (the person network outlines an
// upside-down person less well, which moves the rest).
TEST(AnalysisRealPhotos, TurnedForwardTiltedHeadsKeepTheirStage) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int n = 0, pairs = 0, within_one = 0;
  std::string off;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    if (row.size() < 3 || row[1] != "Front" || ++n % 2) continue;  // half the Front photos
    Result<Photo> p = test::load_shared("hairloss/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Result<Analysis> a = analyze(p.value());
    Photo turned = p.value();
    turned.working = test::transformed(turned.working, 3);  // half a turn
    Result<Analysis> b = analyze(turned);
    ASSERT_TRUE(a.ok() && b.ok()) << row[0];
    ++pairs;
    if (std::abs(a->norwood_stage - b->norwood_stage) <= 1)
      ++within_one;
    else
      off += " " + row[0].substr(0, 8) + ":" + std::to_string(a->norwood_stage) + "/" + std::to_string(b->norwood_stage);
  }
  ASSERT_GT(pairs, 20);
  EXPECT_GE(within_one, pairs * 3 / 4) << off;
}

// Clinic photos are mostly backs and bare crowns under a cape, which the
// person network, trained on people upright, can miss as they come: the
// analysis then looks a quarter turn away. The before halves of the real
// results (before on the left) must nearly all get a head.
TEST(AnalysisRealPhotos, ClinicBeforePhotosGetAHead) {
  const std::string dir = test::shared_photo("smp-results");
  if (dir.empty() || !std::filesystem::exists(dir)) GTEST_SKIP() << "no ../shared/photos";
  int photos = 0, headed = 0;
  std::string missed;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".jpg") continue;
    Result<Photo> p = test::load_shared("smp-results/" + entry.path().filename().string());
    ASSERT_TRUE(p.ok()) << entry.path();
    const Image& whole = p->working;
    Image before(whole.width / 2, whole.height, 3);
    for (int y = 0; y < before.height; ++y)
      std::memcpy(before.at(0, y), whole.at(0, y), std::size_t(before.width) * 3);
    const Analysis a = analyse(before);
    ++photos;
    const bool ok = head_share(a) > 0.05 && head_share(a) < 0.95;
    headed += ok;
    if (!ok) missed += " " + entry.path().stem().string();
  }
  ASSERT_GE(photos, 8);
  EXPECT_GE(headed * 10, photos * 8) << missed;
}

}  // namespace
}  // namespace smp

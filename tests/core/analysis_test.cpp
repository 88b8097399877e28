// Head analysis on scenes the suite draws itself (a head with a textured
// hair cap, a bald head, a face with eyes and brows, grey and rotated
// copies), bad input, the JSON contract, and - when ../shared is present -
// the real portraits and hair-loss photos.
#include "core/analysis.h"
#include "core/analysis_overlay.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <random>

#include "core/json_value.h"
#include "core/plane.h"
#include "core/resize.h"
#include "core/segmentation.h"
#include "test_images.h"

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

TEST(Analysis, SegmentsHairCapAndBareScalpOnASyntheticHead) {
  const Scene s = crown(0.55f);
  const Image img = draw(s);
  const Analysis a = analyse(img);
  ASSERT_EQ(a.labels.size(), std::size_t(img.width) * img.height);
  // The head outline matches the drawn ellipse (area within 15%).
  const double truth = M_PI * s.rx * s.ry / (img.width * img.height);
  EXPECT_NEAR(head_share(a), truth, 0.15 * truth);
  // Dense where the hair is, bare in the middle, background outside.
  EXPECT_GT(a.hair_density[std::size_t(200) * img.width + 200 - 120], 150);  // in the hair ring
  EXPECT_LT(a.hair_density[std::size_t(200) * img.width + 200], 60);         // bare centre
  EXPECT_EQ(a.labels[std::size_t(200) * img.width + 200], kSkin);
  EXPECT_EQ(a.labels[5], kBackground);
  EXPECT_EQ(a.scalp_mask[std::size_t(200) * img.width + 200], 1);
  // Bare share of the drawn head is 0.55^2 = 0.30.
  EXPECT_NEAR(a.bald_fraction, 0.30, 0.1);
  // Typical colours come back close to the drawn ones.
  EXPECT_NEAR(a.hair_rgb[0], s.hair.r, 30);
  EXPECT_NEAR(a.hair_rgb[1], s.hair.g, 30);
  EXPECT_NEAR(a.skin_rgb[0], s.skin.r, 30);
  EXPECT_NEAR(a.skin_rgb[1], s.skin.g, 30);
}

TEST(Analysis, StageRisesWithTheBareArea) {
  const Analysis full = analyse(draw(crown(0.0f)));
  const Analysis half = analyse(draw(crown(0.6f)));
  const Analysis bald = analyse(draw(crown(0.97f)));
  EXPECT_LT(full.bald_fraction, 0.15f);
  EXPECT_GT(bald.bald_fraction, 0.8f);
  EXPECT_LT(full.bald_fraction, half.bald_fraction);
  EXPECT_LT(half.bald_fraction, bald.bald_fraction);
  EXPECT_LE(full.norwood_stage, 3);
  EXPECT_GE(bald.norwood_stage, 6);
  EXPECT_LE(full.norwood_stage, half.norwood_stage);
  EXPECT_LE(half.norwood_stage, bald.norwood_stage);
  // The hair thins from a cap to a ring: it lies less deep.
  EXPECT_GT(full.pattern.hair_depth, 0.5f);
  EXPECT_GT(full.pattern.hair_depth, half.pattern.hair_depth);
  EXPECT_LT(bald.pattern.hair_depth, 0.1f);
  // Almost hairless skin is part of the bare share and grows with it.
  EXPECT_LT(full.pattern.clear_bare, half.pattern.clear_bare);
  EXPECT_LT(half.pattern.clear_bare, bald.pattern.clear_bare);
  for (const Analysis* a : {&full, &half, &bald}) {
    EXPECT_LE(a->pattern.clear_bare, a->bald_fraction + 1e-6f);
    EXPECT_GE(a->norwood_confidence, 0.0f);
    EXPECT_LE(a->norwood_confidence, 1.0f);
    EXPECT_EQ(a->ludwig_grade, 0);
  }
}

// Thin hair the scalp shows through: single strands with skin between
// them. Strand texture reads it as hair much like a dense cap, so its low
// stage must come with less confidence than the dense cap's, through
// see_through (strand pixels about as bright as the skin).
TEST(Analysis, HairTheScalpShowsThroughLowersTheConfidenceOfALowStage) {
  const Scene dense = crown(0.35f);  // a small bare crown shows the skin's own colour
  Scene sparse = dense;
  sparse.hair_at = [cap = dense.hair_at](float x, float y) { return int(x + y / 6) % 4 == 0 && cap(x, y); };
  const Analysis a = analyse(draw(dense)), b = analyse(draw(sparse));
  std::cout << "[ see-through ] dense " << a.pattern.see_through << " (bald " << a.bald_fraction << ", stage "
            << a.norwood_stage << " @ " << a.norwood_confidence << "), sparse " << b.pattern.see_through
            << " (bald " << b.bald_fraction << ", stage " << b.norwood_stage << " @ " << b.norwood_confidence
            << ")\n";
  EXPECT_LT(a.pattern.see_through, 0.45f);
  EXPECT_GT(b.pattern.see_through, 0.55f);
  EXPECT_LE(b.norwood_stage, 4);  // the failure this guards: thin hair read as little loss ...
  EXPECT_LT(b.norwood_confidence, 0.5f * a.norwood_confidence);  // ... but not trusted
}

// Hairs scattered over a bald top add to the hair share but form no mass:
// hair depth reads them as thin, so the stage stays that of a bald top
// rather than falling with the hair share.
TEST(Analysis, HairScatteredOverABaldTopIsThinNotACap) {
  Scene scattered = crown(0.97f);
  scattered.hair_at = [ring = scattered.hair_at](float x, float y) {
    return ring(x, y) || ((int(x) / 4 + int(y) / 4) % 5 == 0 && int(x) % 4 < 2 && int(y) % 4 < 2);
  };
  const Analysis bald = analyse(draw(crown(0.97f))), a = analyse(draw(scattered));
  const Analysis cap = analyse(draw(crown(0.0f)));
  std::cout << "[ scattered ] density " << a.pattern.mean_density << " (bald " << bald.pattern.mean_density
            << "), depth " << a.pattern.hair_depth << " (cap " << cap.pattern.hair_depth << "), stage "
            << a.norwood_stage << "\n";
  EXPECT_GT(a.pattern.mean_density, bald.pattern.mean_density + 0.05f);
  EXPECT_LT(a.pattern.hair_depth, 0.1f);
  EXPECT_LT(a.pattern.hair_depth, 0.2f * cap.pattern.hair_depth);
  EXPECT_GE(a.norwood_stage, 6);
}

// Strands brighter than the skin (grey, white or blond hair) are what the
// hair model tells from scalp least well, and see_through no longer means
// "the scalp shows through" there: whatever stage they give is doubted.
// (The light crown reads far too bald; without the doubt at confidence 0.62.)
TEST(Analysis, LightStrandsLowerTheConfidence) {
  const Scene dark = crown(0.8f);
  Scene light = dark;
  light.hair = {238, 232, 226};
  const Analysis a = analyse(draw(dark)), b = analyse(draw(light));
  std::cout << "[ light strands ] dark see_through " << a.pattern.see_through << " stage " << a.norwood_stage
            << " @ " << a.norwood_confidence << ", light " << b.pattern.see_through << " stage "
            << b.norwood_stage << " @ " << b.norwood_confidence << "\n";
  EXPECT_LT(a.pattern.see_through, 0.95f);
  EXPECT_GT(b.pattern.see_through, 1.1f);
  EXPECT_LT(b.norwood_confidence, 0.3f);
}

TEST(Analysis, PatternMeasuresDoNotDependOnRotation) {
  const Image img = draw(crown(0.6f));
  const Analysis a = analyse(img), b = analyse(test::transformed(img, 8));  // a quarter turn clockwise
  EXPECT_NEAR(a.bald_fraction, b.bald_fraction, 0.05);
  EXPECT_NEAR(a.pattern.mean_density, b.pattern.mean_density, 0.05);
  EXPECT_NEAR(a.pattern.clear_bare, b.pattern.clear_bare, 0.05);
  EXPECT_NEAR(a.pattern.hair_depth, b.pattern.hair_depth, 0.02);
  EXPECT_EQ(a.norwood_stage, b.norwood_stage);
}

TEST(Analysis, FindsFaceEyesGlabellaAndScaleOnASyntheticPortrait) {
  const Scene s = portrait();
  const Analysis a = analyse(draw(s));
  ASSERT_TRUE(a.face.has_value());
  ASSERT_TRUE(a.landmarks.has_value());
  EXPECT_EQ(a.view, View::portrait);
  const float ipd = 2 * s.eye_dx;
  for (int k = 0; k < 2; ++k) {
    const glm::vec2 truth(s.cx + (k ? 1 : -1) * s.eye_dx, s.eye_y);
    EXPECT_LT(glm::length(a.landmarks->eyes[k] - truth), 0.2f * ipd) << "eye " << k;
  }
  EXPECT_NEAR(a.landmarks->glabella.x, s.cx, 0.1f * ipd);
  EXPECT_LT(a.landmarks->glabella.y, s.eye_y);               // above the eyes
  EXPECT_GT(a.landmarks->glabella.y, s.eye_y - 0.6f * ipd);  // below the hairline
  EXPECT_GT(a.landmarks->chin.y, s.eye_y + ipd);
  EXPECT_GT(a.face->w, 1.5f * ipd);
  EXPECT_EQ(a.scale_method, "interpupillary");
  ASSERT_TRUE(a.scale_px_per_cm.has_value());
  EXPECT_NEAR(*a.scale_px_per_cm, ipd / 6.3f, 0.2f * ipd / 6.3f);
  ASSERT_TRUE(a.area_cm2.has_value());
  EXPECT_GE(*a.area_cm2, 0.0f);
}

TEST(Analysis, CurrentHairlineRunsAlongTheDrawnBoundary) {
  const Analysis a = analyse(draw(portrait()));
  ASSERT_GE(a.hairline.size(), 10u);
  for (std::size_t k = 1; k < a.hairline.size(); ++k) EXPECT_GT(a.hairline[k].x, a.hairline[k - 1].x);
  int near = 0, middle = 0;
  for (glm::vec2 p : a.hairline)
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
  const Analysis a = analyse(draw(s));
  ASSERT_GE(a.hairline.size(), 10u);
  int beside = 0;
  for (glm::vec2 p : a.hairline) {
    EXPECT_LT(std::fabs(p.y - 168), 14) << "hairline point at " << p.x << ", " << p.y;
    beside += p.x >= 180;
  }
  EXPECT_GT(beside, 5);
}

TEST(Analysis, FullyBaldHeadHasNoHairline) {
  Scene s = portrait();
  s.hair_at = [](float, float) { return false; };
  const Analysis a = analyse(draw(s));
  EXPECT_TRUE(a.hairline.empty()) << a.hairline.size() << " points";
}

TEST(Analysis, GrayscalePhotoStillFindsTheHead) {
  const Analysis a = analyse(grey(draw(crown(0.55f))));
  EXPECT_GT(head_share(a), 0.2);
  EXPECT_GT(a.bald_fraction, 0.1f);
  EXPECT_LT(a.bald_fraction, 0.6f);
}

// A photo with no head in it (a colour gradient) is staged, but the stage
// must not come with confidence: no view was recognised.
TEST(Analysis, NoHeadMeansNoConfidentStage) {
  const Analysis a = analyse(smp::test::gradient(96, 80));
  EXPECT_EQ(a.view, View::unknown);
  EXPECT_LE(a.norwood_confidence, 0.2f);
  EXPECT_LE(a.confidence, 0.2f);
}

// Without colour the stage rests on luminance alone (staged 1.66x as far off
// on the hair-loss photos turned grey): it must not come with the
// confidence of the same photo in colour.
TEST(Analysis, GrayscaleLowersTheStageConfidence) {
  const Image colour = draw(crown(0.55f));
  const Analysis c = analyse(colour);
  const Analysis g = analyse(grey(colour));
  ASSERT_GT(c.norwood_confidence, 0.2f);
  EXPECT_LE(g.norwood_confidence, 0.6f * c.norwood_confidence + 0.02f)
      << "colour " << c.norwood_confidence << ", grey " << g.norwood_confidence;
  EXPECT_LT(g.confidence, c.confidence);
}

TEST(Analysis, LudwigGradeWhenTheUserSaysFemale) {
  AnalysisOptions o;
  o.female = true;
  const Analysis thin = analyse(draw(crown(0.75f)), o);
  const Analysis full = analyse(draw(crown(0.0f)), o);
  EXPECT_GE(thin.ludwig_grade, 2);
  EXPECT_LE(thin.ludwig_grade, 3);
  EXPECT_EQ(full.ludwig_grade, 1);
  EXPECT_NE(analysis_json(thin, photo_of(draw(crown(0.75f)))).find("\"ludwig\": {\"grade\""), std::string::npos);
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

TEST(Analysis, JsonUsesOriginalPixelsAndTheIssueFieldNames) {
  const Image img = draw(portrait());
  const Photo photo = photo_of(img, 2.0);  // the original was twice the working size
  Result<Analysis> a = analyze(photo);
  ASSERT_TRUE(a.ok());
  Result<JsonValue> j = parse_json(analysis_json(a.value(), photo));
  ASSERT_TRUE(j.ok()) << j.error().message;
  const JsonValue& o = j.value();
  for (const char* key : {"view", "image", "face", "landmarks", "scale_px_per_cm", "hairline", "scalp",
                          "norwood", "confidence", "timings_ms"})
    EXPECT_FALSE(o[key].is_null()) << key;
  EXPECT_EQ(o["view"].as_string(), "portrait");
  EXPECT_EQ(o["image"]["width"].as_number(), 800);
  EXPECT_EQ(o["image"]["height"].as_number(), 1000);
  ASSERT_EQ(o["landmarks"]["eyes"].items().size(), 2u);
  EXPECT_NEAR(o["landmarks"]["eyes"].items()[0].items()[0].as_number(), 2 * a->landmarks->eyes[0].x, 1e-3);
  EXPECT_NEAR(o["landmarks"]["glabella"].items()[1].as_number(), 2 * a->landmarks->glabella.y, 1e-3);
  EXPECT_NEAR(o["scale_px_per_cm"].as_number(), *a->scale_px_per_cm / 2, 1e-3);
  const auto& line = o["hairline"]["current"].items();
  ASSERT_EQ(line.size(), a->hairline.size());
  EXPECT_NEAR(line[0].items()[0].as_number(), 2 * a->hairline[0].x, 1e-3);
  EXPECT_TRUE(o["scalp"]["bald_fraction"].is_number());
  EXPECT_TRUE(o["norwood"]["stage"].is_number());
  EXPECT_TRUE(o["timings_ms"]["total"].is_number());
  EXPECT_EQ(o["upside_down"].as_bool(), false);
  EXPECT_EQ(o["turn_to_upright"].as_number(), 0);
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

// --- real photos from ../shared (skipped when absent) -----------------------

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

TEST(AnalysisRealPhotos, FindsEyesAndGlabellaOnFaceOnPortraits) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int portraits = 0, found = 0;
  std::string missing;
  for (const auto& row : test::read_tsv("misc/MANIFEST.tsv")) {
    // Face-on portraits: the manifest's "front" photos outside the hair-loss
    // clinic set (those are forward-tilted heads).
    if (row.size() < 6 || row[5] != "front" || row[0].rfind("baldness_est", 0) == 0) continue;
    ++portraits;
    Result<Photo> p = test::load_shared("misc/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Result<Analysis> a = analyze(p.value());
    ASSERT_TRUE(a.ok()) << row[0];
    if (!a->landmarks) {
      missing += " " + row[0];
      continue;
    }
    ++found;
    const Landmarks& l = *a->landmarks;
    const float ipd = glm::length(l.eyes[1] - l.eyes[0]);
    EXPECT_LT(std::fabs(l.eyes[1].y - l.eyes[0].y), 0.3f * ipd) << row[0];
    EXPECT_LT(l.glabella.y, 0.5f * (l.eyes[0].y + l.eyes[1].y)) << row[0];
    EXPECT_GT(l.glabella.x, l.eyes[0].x) << row[0];
    EXPECT_LT(l.glabella.x, l.eyes[1].x) << row[0];
    EXPECT_EQ(a->scale_method, "interpupillary") << row[0];
  }
  EXPECT_EQ(portraits, 17);
  // Every one since the side-lit search (alex-lacamoire is lit from one side).
  EXPECT_EQ(found, 17) << "no face on:" << missing;
  std::cout << "[ portraits ] face found on " << found << " of " << portraits << ";" << missing << "\n";
}

// A head photographed from above can show its face upside down
// (hairloss/19-Front, turned by half a turn): the face finder fits it, eyes
// on the eyes. Used, its "brow line" cut the head at the mouth and the
// hairline was designed on the upper lip. With the brows below the eyes and
// the mouth above them, the face must not be used; and no upright portrait
// may lose its face to that check.
TEST(AnalysisRealPhotos, UpsideDownFaceIsNotUsed) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int checked = 0;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    if (row[0].rfind("19-Front_jpg.rf.f736", 0) != 0) continue;
    Result<Photo> p = test::load_shared("hairloss/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Result<Analysis> a = analyze(p.value());
    ASSERT_TRUE(a.ok()) << row[0];
    EXPECT_FALSE(a->landmarks.has_value()) << row[0];
    EXPECT_TRUE(a->upside_down) << row[0];
    EXPECT_EQ(a->turn_to_upright, 2) << row[0];
    EXPECT_GT(a->face_evidence, 0.4f) << "the finder no longer fits this face: the test checks nothing";
    ++checked;
  }
  EXPECT_EQ(checked, 1);
}

// The best-fitting face window of this portrait sits on nose and mouth and is
// rejected; a runner-up window must then find the real eyes, not the
// nostrils (below 0.42 of the height here) nor a window on one eye.
TEST(AnalysisRealPhotos, RunnerUpWindowFindsTheEyesNotTheNostrils) {
  if (test::shared_photo("misc/deepface__img18.jpg").empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared("misc/deepface__img18.jpg");
  ASSERT_TRUE(p.ok());
  Result<Analysis> a = analyze(p.value());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->landmarks.has_value());
  const float w = float(p->working.width), h = float(p->working.height);  // landmarks are working pixels
  const Landmarks& l = *a->landmarks;
  for (int k = 0; k < 2; ++k) {
    EXPECT_GT(l.eyes[k].y, 0.3f * h);
    EXPECT_LT(l.eyes[k].y, 0.42f * h);
  }
  const float ipd = glm::length(l.eyes[1] - l.eyes[0]);
  EXPECT_GT(ipd, 0.12f * w);  // the face spans about a third of the frame
  EXPECT_LT(ipd, 0.22f * w);
  EXPECT_GT(l.glabella.x, 0.4f * w);
  EXPECT_LT(l.glabella.x, 0.56f * w);
}

// Shading on a bald top seen from above fits the face pattern weakly; a
// runner-up window there must not become a face.
TEST(AnalysisRealPhotos, NoRunnerUpFaceOnABaldTopFromAbove) {
  if (test::shared_photo("misc/baldness_est__og_group4_22.jpg").empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared("misc/baldness_est__og_group4_22.jpg");
  ASSERT_TRUE(p.ok());
  Result<Analysis> a = analyze(p.value());
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->landmarks.has_value());
  EXPECT_NE(a->view, View::portrait);
}

// A head bent toward the camera, its face looking down below a thinning top
// (hairloss 14-Front, Norwood 2), in three copies: as taken, and turned by a
// quarter turn either way. Each time the face is found as tilted (upright,
// or in the turn that brings the head's least-haired side down) and kept
// out of the scalp measure: 0.56-0.60 bare, against 0.69-0.70 with the face
// counted as scalp (Norwood 3). It is not reported: its eyes sit at about
// half their distance, so it gives no scale and no design anchor, and the
// view stays "front".
// The face lies below the crown as taken, on the right after a quarter turn
// clockwise, on the left after a quarter turn back: Analysis::tilted_face
// points from it toward the crown, and its brow line is the same line of the
// photo in all three (the design keeps dots off the face below it), and
// turn_to_upright says how to bring the face to the bottom.
TEST(AnalysisRealPhotos, TiltedFaceKeepsItselfOutOfTheScalpButIsNotReported) {
  const struct {
    const char* name;
    glm::vec2 up;
    int turn;  // quarter turns clockwise that bring the face to the bottom
  } copies[] = {{"hairloss/14-Front_jpg.rf.19a5132db814676a2fed2fe5c4434d56.jpg", {0, -1}, 0},
                {"hairloss/14-Front_jpg.rf.4bbcf24da1a0ee7424631a29d466c33e.jpg", {-1, 0}, 1},
                {"hairloss/14-Front_jpg.rf.6ab361c3c24dd5d2847587d37a270055.jpg", {1, 0}, 3}};
  for (const auto& [name, up, turn] : copies) {
    if (test::shared_photo(name).empty()) GTEST_SKIP() << "no ../shared/photos";
    Result<Photo> p = test::load_shared(name);
    ASSERT_TRUE(p.ok()) << name;
    const Analysis a = analyse(p->working);
    EXPECT_FALSE(a.face.has_value()) << name;
    EXPECT_FALSE(a.landmarks.has_value()) << name;
    EXPECT_FALSE(a.scale_px_per_cm.has_value()) << name;
    EXPECT_EQ(a.view, View::front) << name;
    EXPECT_LT(a.bald_fraction, 0.64f) << name << ": the face was counted as bare scalp";
    EXPECT_LE(a.norwood_stage, 3) << name;
    ASSERT_TRUE(a.tilted_face.has_value()) << name;
    EXPECT_NEAR(a.tilted_face->up.x, up.x, 1e-6f) << name;
    EXPECT_NEAR(a.tilted_face->up.y, up.y, 1e-6f) << name;
    // The brows lie about 435 px down the upright 640 px copy (read by
    // hand), 115 px from the middle toward the face; as far in the turned
    // copies.
    const glm::vec2 from_centre = a.tilted_face->brow - glm::vec2(a.width, a.height) * 0.5f;
    EXPECT_NEAR(glm::dot(from_centre, -up), 120.0f, 25.0f) << name;
    EXPECT_EQ(a.turn_to_upright, turn) << name;
  }
}

// The tilted-face search scans a grid that is not symmetric, so a face it
// finds in a photo may be missed in its mirror image. Such a face is not
// cut: on 18-Front a brow line found on one side only would have cut a
// third of the head from one copy and not from the other. Mirrored copies
// of bent heads must measure the same scalp.
TEST(AnalysisRealPhotos, MirroredBentHeadsMeasureTheSameScalp) {
  for (const char* name : {"hairloss/18-Front_jpg.rf.32e64642dda178787a6aed4f43d5aa81.jpg",
                           "hairloss/18-Front_jpg.rf.6da89b38dbe06ceb6c2c3a23f1d9e323.jpg",
                           "hairloss/14-Front_jpg.rf.19a5132db814676a2fed2fe5c4434d56.jpg",
                           "hairloss/12-Front_jpg.rf.27c0e575c1f3bd3e34e7b0de89cddfb4.jpg"}) {
    if (test::shared_photo(name).empty()) GTEST_SKIP() << "no ../shared/photos";
    Result<Photo> p = test::load_shared(name);
    ASSERT_TRUE(p.ok()) << name;
    const Analysis a = analyse(p->working);
    const Analysis m = analyse(test::transformed(p->working, 2));
    EXPECT_NEAR(a.bald_fraction, m.bald_fraction, 0.03f) << name;
    EXPECT_EQ(a.norwood_stage, m.norwood_stage) << name;
  }
}

TEST(AnalysisRealPhotos, HairLossStagesFollowTheLabels) {
  if (test::shared_photo("hairloss/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  std::map<int, std::pair<double, int>> stage_by_label;
  int n = 0;
  for (const auto& row : test::read_tsv("hairloss/labels.tsv")) {
    if (row.size() < 3 || ++n % 3) continue;  // every third photo keeps the default run fast
    Result<Photo> p = test::load_shared("hairloss/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    Result<Analysis> a = analyze(p.value());
    ASSERT_TRUE(a.ok()) << row[0];
    EXPECT_GE(a->norwood_stage, 1);
    EXPECT_LE(a->norwood_stage, 7);
    EXPECT_GE(a->confidence, 0.0f);
    EXPECT_LE(a->confidence, 1.0f);
    auto& s = stage_by_label[std::stoi(row[2])];
    s.first += a->norwood_stage, s.second += 1;
  }
  ASSERT_TRUE(stage_by_label.count(2) && stage_by_label.count(7));
  const double mean2 = stage_by_label[2].first / stage_by_label[2].second;
  const double mean7 = stage_by_label[7].first / stage_by_label[7].second;
  EXPECT_GT(mean7, mean2 + 2.0) << "label 2 -> " << mean2 << ", label 7 -> " << mean7;
}

// The same photo at 640 px and brought down to 320 px (area-averaged, as a
// small upload would be) reads the same hair. Strand texture measured at a
// coarser scale is stronger on hair, so the thresholds follow the scale
// (segmentation.cpp, kCoarserTexture). With fixed thresholds the half-size
// copies read more hair: the stage stayed on 47 of the 117 hair-loss photos
// and fell by two levels on 25; now it stays on 99.
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
    ++photos;
    same += a.norwood_stage == b.norwood_stage;
    bald_full += a.bald_fraction, bald_half += b.bald_fraction;
    EXPECT_LE(std::abs(a.norwood_stage - b.norwood_stage), 2) << row[0];
  }
  std::cout << "[ size ] 640 -> 320 px: same stage on " << same << " of " << photos << ", mean bald share "
            << bald_full / photos << " -> " << bald_half / photos << "\n";
  EXPECT_GE(same, photos * 3 / 4);
  EXPECT_NEAR(bald_half / photos, bald_full / photos, 0.03);
}

// A pale bald head under a cool colour cast falls outside the textbook skin
// box, while a table at the frame's edge falls inside it: the skin model
// must come from the head filling the middle. Hair-loss 6-Top-Down (label
// 7) with red x0.9 and blue x1.1: before the colour-cast check no head was
// found in it (bare share 0, stage 2). (Drawn scenes did not reproduce
// this: their flat backgrounds never seeded the model.)
TEST(AnalysisRealPhotos, CoolCastBaldTopKeepsItsStage) {
  const std::string name = "hairloss/6-Top-Down_jpg.rf.3c062e20c186ce64cdef7c8c2aa03999.jpg";
  if (test::shared_photo(name).empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared(name);
  ASSERT_TRUE(p.ok());
  Image cool = p->working;
  for (std::size_t i = 0; i < cool.pixels.size(); i += 3) {
    cool.pixels[i] = std::uint8_t(std::lround(cool.pixels[i] * 0.9));
    cool.pixels[i + 2] = std::uint8_t(std::min(255L, std::lround(cool.pixels[i + 2] * 1.1)));
  }
  const Analysis a = analyse(p->working), b = analyse(cool);
  EXPECT_GT(b.bald_fraction, 0.8f);
  EXPECT_LE(std::abs(a.norwood_stage - b.norwood_stage), 1) << a.norwood_stage << " -> " << b.norwood_stage;
}

// A head photographed from above and turned upside down shows its face
// upside down: the face finder may lock onto it, and a cut at its "brow
// line" would keep only the strip of head above the eyes. Turning a photo by
// 180 degrees must not move the stage by more than a level.
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
  std::cout << "[ turned ] stage within one level after a half turn: " << within_one << " of " << pairs << ";" << off << "\n";
  EXPECT_GE(within_one, pairs * 9 / 10) << off;
}

}  // namespace
}  // namespace smp

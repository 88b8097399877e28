// Hairline design: practitioner rules with a face, the hair border without
// one, symmetric editing, scale fallbacks and the treatment region per goal.
// Every Analysis here is synthetic, built to known measurements.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "core/design/design.h"
#include "core/design/treatment_region.h"

namespace smp {
namespace {

constexpr int kW = 800, kH = 900;
constexpr float kScale = 40.0f;  // px per cm
const glm::vec2 kGlabella(400, 560);

// A face-on portrait: eyes 6.4 cm apart, outer corners 4.5 cm off the
// midline, head 15 cm wide, hair above y = 300.
Analysis portrait() {
  Analysis a;
  a.width = kW;
  a.height = kH;
  a.view = View::portrait;
  const std::size_t n = static_cast<std::size_t>(kW) * kH;
  a.labels.assign(n, kBackground);
  a.head_mask.assign(n, 0);
  a.hair_density.assign(n, 0);
  a.scalp_mask.assign(n, 0);
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      float dx = (x - 400.f) / (7.5f * kScale), dy = (y - 500.f) / (11.f * kScale);
      if (dx * dx + dy * dy > 1) continue;
      std::size_t k = static_cast<std::size_t>(y) * kW + x;
      a.head_mask[k] = 1;
      a.labels[k] = y < 300 ? kHair : kSkin;
      a.hair_density[k] = y < 300 ? 200 : 0;
    }
  Landmarks l;
  l.glabella = kGlabella;
  l.eyes[0] = kGlabella + glm::vec2(-3.2f * kScale, 0.6f * kScale);
  l.eyes[1] = kGlabella + glm::vec2(3.2f * kScale, 0.6f * kScale);
  l.eye_outer[0] = kGlabella + glm::vec2(-4.5f * kScale, 0.6f * kScale);
  l.eye_outer[1] = kGlabella + glm::vec2(4.5f * kScale, 0.6f * kScale);
  l.brow_y = kGlabella.y;
  l.chin = kGlabella + glm::vec2(0, 11 * kScale);
  a.landmarks = l;
  a.face = Box{400 - 7 * kScale, 300, 14 * kScale, 1.3f * 14 * kScale};  // average proportions
  a.scale_px_per_cm = kScale;
  a.scale_method = "interpupillary";
  return a;
}

float height_above_glabella_cm(glm::vec2 p) { return (kGlabella.y - p.y) / kScale; }

float angle_deg(glm::vec2 at, glm::vec2 a, glm::vec2 b) {
  glm::vec2 u = glm::normalize(a - at), v = glm::normalize(b - at);
  return std::acos(std::clamp(glm::dot(u, v), -1.f, 1.f)) * 57.29578f;
}

std::uint8_t cov(const Design& d, int x, int y) { return d.region[static_cast<std::size_t>(y) * kW + x]; }

TEST(Hairline, FaceRulesPlaceTheMidFrontalPointAndTemples) {
  Analysis a = portrait();
  DesignOptions o;
  o.style = "broken";  // 8 cm, the textbook default
  Result<Design> d = design_hairline(a, o);
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->control_points.size(), 7u);
  EXPECT_EQ(d->basis, "face");
  EXPECT_FALSE(d->scale_assumed);
  const auto& p = d->control_points;
  // The juvenile point, taken onto the sloping forehead (7.5 cm radius),
  // raised 1 cm there and seen face-on again.
  const float juvenile_seen = kJuvenileFaceMeasures * face_measure_px(*a.landmarks) / kScale;
  const float juvenile_skin = 7.5f * std::asin(juvenile_seen / 7.5f);
  EXPECT_NEAR(d->height_cm, juvenile_skin + 1, 0.01);
  EXPECT_NEAR(height_above_glabella_cm(p[3]), 7.5f * std::sin((juvenile_skin + 1) / 7.5f), 0.05);
  EXPECT_NEAR(p[3].x, kGlabella.x, 0.5);
  // Frontotemporal points on the verticals through the outer eye corners.
  EXPECT_NEAR(p[1].x, a.landmarks->eye_outer[0].x, 0.5);
  EXPECT_NEAR(p[5].x, a.landmarks->eye_outer[1].x, 0.5);
  // ...and further back (higher) than the centre: the temples recede.
  EXPECT_GT(height_above_glabella_cm(p[1]), height_above_glabella_cm(p[3]) + 0.5f);
  // Temporal peaks lateral and below, with an open angle at the temple.
  EXPECT_LT(p[0].x, p[1].x);
  EXPECT_GT(p[0].y, p[1].y + kScale);
  float angle = angle_deg(p[1], p[0], p[2]);
  EXPECT_GT(angle, 70.f);
  EXPECT_LT(angle, 150.f) << "the frontotemporal angle is flattened";
}

TEST(Hairline, StylesShapesAndAgeMoveTheLine) {
  Analysis a = portrait();
  auto mid = [&](DesignOptions o) { return height_above_glabella_cm(design_hairline(a, o)->control_points[3]); };
  DesignOptions juvenile, mature;
  juvenile.style = "juvenile";
  mature.style = "mature";
  // Mature: centre 1 to 2 cm higher on the skin, and visibly higher face-on.
  float rise = design_hairline(a, mature)->height_cm - design_hairline(a, juvenile)->height_cm;
  EXPECT_GE(rise, 1.0f);
  EXPECT_LE(rise, 2.0f);
  EXPECT_GT(mid(mature) - mid(juvenile), 0.4f);
  // Mature temples recede more than juvenile ones.
  auto recession = [&](DesignOptions o) {
    auto p = design_hairline(a, o)->control_points;
    return height_above_glabella_cm(p[1]) - height_above_glabella_cm(p[3]);
  };
  EXPECT_GT(recession(mature), recession(juvenile) + 0.5f);
  DesignOptions peak = mature, rounded = mature;
  peak.shape = "widows_peak";
  EXPECT_LT(mid(peak), mid(rounded) - 0.5f);
  DesignOptions older = mature;
  older.age = 62;
  EXPECT_GT(mid(older), mid(mature));
  DesignOptions bold = mature, conservative = mature;
  bold.height_cm = 7;
  conservative.height_cm = 10;
  EXPECT_LT(mid(bold), mid(conservative));
}

// The juvenile mid-frontal point lies kJuvenileFaceMeasures of the face's
// own length above the glabella, face-on, whatever the scale: a longer face
// gets a proportionally higher line, a rolled face the same line turned.
TEST(Hairline, JuvenileLineFollowsTheFacesOwnLength) {
  DesignOptions juvenile;
  juvenile.style = "juvenile";
  auto with_chin = [](float cm) {
    Analysis a = portrait();
    a.landmarks->chin = kGlabella + glm::vec2(0, cm * kScale);
    return a;
  };
  auto mid = [&](const Analysis& a) { return design_hairline(a, juvenile)->control_points[3]; };
  const Analysis a = with_chin(14);  // 14 cm: longer than two eye spacings (12.8 cm)
  EXPECT_NEAR(face_measure_px(*a.landmarks), 14 * kScale, 0.01);
  EXPECT_NEAR(glm::length(mid(a) - kGlabella), kJuvenileFaceMeasures * 14 * kScale, 0.5);
  EXPECT_NEAR(mid(a).x, kGlabella.x, 0.5);
  EXPECT_LT(mid(a).y, kGlabella.y);
  const Analysis longer = with_chin(15.4f);  // 10 % longer
  EXPECT_NEAR(kGlabella.y - mid(longer).y, 1.1f * (kGlabella.y - mid(a).y), 0.5);
  // The line is in the face's measure: another scale moves the temples'
  // centimetres, not the centre.
  Analysis rescaled = a;
  rescaled.scale_px_per_cm = 0.8f * kScale;
  EXPECT_NEAR(mid(rescaled).y, mid(a).y, 0.5);
  // A face rolled by 12 degrees about its glabella: the same distance, along its own up.
  Analysis rolled = a;
  const float t = 12 * 3.14159265f / 180, c = std::cos(t), sn = std::sin(t);
  auto turn = [&](glm::vec2 p) {
    const glm::vec2 d = p - kGlabella;
    return kGlabella + glm::vec2(c * d.x - sn * d.y, sn * d.x + c * d.y);
  };
  Landmarks& l = *rolled.landmarks;
  for (glm::vec2* p : {&l.eyes[0], &l.eyes[1], &l.eye_outer[0], &l.eye_outer[1], &l.chin}) *p = turn(*p);
  EXPECT_NEAR(glm::length(mid(rolled) - kGlabella), glm::length(mid(a) - kGlabella), 0.5);
  EXPECT_NEAR(glm::distance(mid(rolled), turn(mid(a))), 0, 1.0);
}

// A face tipped toward or away from the camera is foreshortened vertically,
// its eye spacing is not: it measures at least two eye spacings.
TEST(Hairline, AForeshortenedFaceIsMeasuredByItsEyeSpacing) {
  Analysis a = portrait();
  const float ipd = glm::length(a.landmarks->eyes[1] - a.landmarks->eyes[0]);
  a.landmarks->chin = kGlabella + glm::vec2(0, 6 * kScale);  // half a face's length
  EXPECT_NEAR(face_measure_px(*a.landmarks), 2 * ipd, 0.01);
  DesignOptions juvenile;
  juvenile.style = "juvenile";
  Result<Design> d = design_hairline(a, juvenile);
  ASSERT_TRUE(d.ok());
  EXPECT_NEAR(kGlabella.y - d->control_points[3].y, kJuvenileFaceMeasures * 2 * ipd, 0.5);
}

// Every other style, and older clients, sit higher than the juvenile line by
// fixed amounts on the skin, whatever the face.
TEST(Hairline, StylesAndAgeRaiseTheJuvenileLineByFixedAmounts) {
  for (float chin_cm : {11.0f, 14.0f, 16.0f}) {
    Analysis a = portrait();
    a.landmarks->chin = kGlabella + glm::vec2(0, chin_cm * kScale);
    auto height = [&](const char* style, int age) {
      DesignOptions o;
      o.style = style;
      o.age = age;
      return design_hairline(a, o)->height_cm;
    };
    const float juvenile = height("juvenile", 0);
    EXPECT_NEAR(height("mature", 0) - juvenile, 1.5f, 1e-4) << chin_cm;
    EXPECT_NEAR(height("broken", 0) - juvenile, 1.0f, 1e-4) << chin_cm;
    EXPECT_NEAR(height("soft", 0) - juvenile, 1.0f, 1e-4) << chin_cm;
    EXPECT_NEAR(height("juvenile", 30) - juvenile, 0.0f, 1e-4) << chin_cm;
    EXPECT_NEAR(height("juvenile", 45) - juvenile, 0.5f, 1e-4) << chin_cm;
    EXPECT_NEAR(height("juvenile", 60) - juvenile, 1.0f, 1e-4) << chin_cm;
  }
}

// A face's line stands when little behind it is scalp in the photo (hair the
// segmentation read as background, a crop just above the line); only a line
// whose middle lies off the head outline gives way to the hair border.
TEST(Hairline, AFaceKeepsItsLineUnlessItsMiddleIsOffTheHead) {
  Analysis a = portrait();
  for (int x = 100; x <= 700; x += 50) a.hairline.emplace_back(x, 300);
  const Design plain = design_hairline(a, {}).value();
  const float line_y = plain.control_points[3].y;
  float lowest = 0;  // the temporal peaks', with the feather in front
  for (glm::vec2 p : plain.control_points) lowest = std::max(lowest, p.y + plain.feather_px + 2);
  Analysis unread = a;
  for (int y = 0; y < lowest; ++y)
    for (int x = 0; x < kW; ++x) unread.labels[static_cast<std::size_t>(y) * kW + x] = kBackground;
  Result<Design> d = design_hairline(unread, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->basis, "face");
  EXPECT_LT(d->area_px, d->px_per_cm * d->px_per_cm) << "under 1 cm2 left to treat";
  Analysis off = a;
  for (int y = 0; y < line_y + 10; ++y)
    for (int x = 0; x < kW; ++x) off.head_mask[static_cast<std::size_t>(y) * kW + x] = 0;
  Result<Design> e = design_hairline(off, {});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->basis, "hair_border");
}

TEST(Hairline, ProposedDesignIsSymmetricAndTheCurveSmooth) {
  Result<Design> d = design_hairline(portrait(), {});
  ASSERT_TRUE(d.ok());
  const auto& p = d->control_points;
  for (std::size_t i = 0; i < p.size(); ++i) {
    glm::vec2 q = p[p.size() - 1 - i];
    EXPECT_NEAR(p[i].x - kGlabella.x, -(q.x - kGlabella.x), 0.01);
    EXPECT_NEAR(p[i].y, q.y, 0.01);
  }
  // Dense, passes through every control point, no jumps.
  ASSERT_GT(d->curve.size(), 100u);
  for (glm::vec2 c : p) EXPECT_LT(distance_to_polyline(d->curve, c), 0.01f);
  for (std::size_t i = 1; i < d->curve.size(); ++i)
    EXPECT_LT(glm::length(d->curve[i] - d->curve[i - 1]), 0.5f * kScale);
}

TEST(Hairline, MovedPointsStaySymmetricUnlessSymmetryIsOff) {
  Analysis a = portrait();
  auto p = design_hairline(a, {})->control_points;
  p[1] += glm::vec2(-20, -30);       // the user drags the left temple
  p[5] += glm::vec2(20, -30);        // and the UI moves its mirror partner
  p[3] += glm::vec2(15, 0);          // a sideways nudge of the centre
  Result<Design> sym = design_from_points(a, {}, p);
  ASSERT_TRUE(sym.ok());
  EXPECT_NEAR(sym->control_points[1].y, p[1].y, 0.01);
  EXPECT_NEAR(sym->control_points[3].x, kGlabella.x, 0.01);  // back on the midline
  DesignOptions free;
  free.symmetric = false;
  p[5] += glm::vec2(0, 40);
  Result<Design> asym = design_from_points(a, free, p);
  ASSERT_TRUE(asym.ok());
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(asym->control_points[i], p[i]);
  // A single moved handle meets its partner halfway.
  auto q = design_hairline(a, {})->control_points;
  float before = q[1].y;
  q[1].y -= 40;
  Result<Design> half = design_from_points(a, {}, q);
  EXPECT_NEAR(half->control_points[1].y, before - 20, 0.01);
  EXPECT_NEAR(half->control_points[5].y, before - 20, 0.01);
  // Named as the one the user dragged, it stays where it was put and its
  // partner follows it exactly.
  Result<Design> dragged = design_from_points(a, {}, q, 1);
  ASSERT_TRUE(dragged.ok());
  EXPECT_NEAR(dragged->control_points[1].y, before - 40, 0.01);
  EXPECT_NEAR(dragged->control_points[5].y, before - 40, 0.01);
  EXPECT_NEAR(dragged->control_points[5].x - kGlabella.x, -(q[1].x - kGlabella.x), 0.01);
}

TEST(Hairline, WithoutAFaceFollowsTheHairBorder) {
  Analysis a = portrait();
  a.landmarks.reset();
  a.face.reset();
  a.view = View::top;
  for (int x = 100; x <= 700; x += 50) a.hairline.emplace_back(x, 300 + 0.0004f * (x - 400) * (x - 400));
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->basis, "hair_border");
  for (glm::vec2 c : d->control_points) EXPECT_LT(distance_to_polyline(a.hairline, c), 2.0f);
  // Behind = the hair side (up): scalp above the border covered, face not.
  EXPECT_EQ(cov(d.value(), 400, 200), 255);
  EXPECT_EQ(cov(d.value(), 400, 500), 0);
  EXPECT_FALSE(d->notes.empty());
}

// A head bent toward the camera, photographed from above: no face reported
// (a face looking down gives no scale), but the analysis found one below the
// hair border and kept it out of the scalp (Analysis::tilted_face). Its
// brows, lashes and shadows, and a dark shirt below, read as hair and pull
// the hair pixels' centroid down past the border, which used to put the
// "behind" side (and a full goal's dots) on the face. The crown lies away
// from that face, and the face itself is never dotted.
TEST(Hairline, ABentHeadsFaceLookingDownGetsNoDots) {
  Analysis a = portrait();
  a.landmarks.reset();
  a.face.reset();
  a.view = View::front;
  for (int y = 620; y < kH; ++y)  // the shirt and the face's dark features
    for (int x = 0; x < kW; ++x) a.labels[static_cast<std::size_t>(y) * kW + x] = kHair;
  for (int x = 100; x <= 700; x += 50) a.hairline.emplace_back(x, 300 + 0.0004f * (x - 400) * (x - 400));
  std::reverse(a.hairline.begin(), a.hairline.end());  // its direction must not matter
  a.tilted_face = TiltedFace{glm::vec2(400, 520), glm::vec2(0, -1), 200};
  for (const DesignOptions& o : {DesignOptions{}, [] { DesignOptions f; f.goal = "full"; return f; }()}) {
    Result<Design> d = design_hairline(a, o);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->basis, "hair_border");
    EXPECT_EQ(cov(d.value(), 400, 200), 255) << "the crown, behind the border";
    for (int y = 522; y < kH; y += 3)
      for (int x = 210; x < 590; x += 3) ASSERT_EQ(cov(d.value(), x, y), 0) << x << "," << y;
  }
  // Lines the client drags below the brows still leave the face undotted.
  Result<Design> low = design_from_points(a, {}, {{150, 700}, {400, 700}, {650, 700}});
  ASSERT_TRUE(low.ok());
  for (int y = 522; y < kH; y += 3)
    for (int x = 210; x < 590; x += 3) ASSERT_EQ(cov(low.value(), x, y), 0) << x << "," << y;
  EXPECT_EQ(cov(low.value(), 400, 480), 255) << "forehead above the brows";
}

TEST(Hairline, ScaleFallbacksAreSaidOutLoud) {
  Analysis a = portrait();
  a.scale_px_per_cm.reset();
  a.scale_method = "none";
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->scale_assumed);
  EXPECT_EQ(d->scale_method, "assumed_head_width");
  EXPECT_NEAR(d->px_per_cm, kScale, 2.0f);  // the skull is ~15 cm wide
  EXPECT_GT(d->area_cm2, 0);
  ASSERT_FALSE(d->notes.empty());
  EXPECT_NE(d->notes[0].find("15 cm"), std::string::npos);

  a.head_mask.assign(a.head_mask.size(), 0);
  Result<Design> g = design_hairline(a, {});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->scale_method, "assumed_image_width");
  EXPECT_EQ(g->area_cm2, 0);  // a guessed scale gives no area
  EXPECT_EQ(g->area_px, 0);   // and without a head nothing is dotted
  ASSERT_FALSE(g->notes.empty());
  EXPECT_NE(g->notes[0].find("20 cm"), std::string::npos);
}

TEST(Hairline, ImplausibleMeasuredScaleFallsBackAndACalibrationWins) {
  Analysis a = portrait();
  a.scale_px_per_cm = 2.0f;  // would make the 600 px head 3 m wide
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->scale_method, "assumed_head_width");
  EXPECT_NEAR(d->px_per_cm, kScale, 2.0f);
  DesignOptions calibrated;
  calibrated.px_per_cm = 55;
  EXPECT_EQ(design_hairline(a, calibrated)->px_per_cm, 55.0f);
  EXPECT_EQ(design_hairline(a, calibrated)->scale_method, "user");
}

TEST(Hairline, FullRegionCoversTheScalpBehindTheLineInsideTheHead) {
  Analysis a = portrait();
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  glm::vec2 m = d->control_points[3];
  EXPECT_EQ(cov(d.value(), int(m.x), int(m.y) - 40), 255);               // behind the centre
  EXPECT_EQ(cov(d.value(), int(m.x), int(m.y + d->feather_px) + 3), 0);  // past the feather
  EXPECT_EQ(cov(d.value(), int(m.x), 500), 0);                            // forehead, face
  EXPECT_EQ(cov(d.value(), 30, 100), 0);                                  // background
  float feather_cm = d->feather_px / kScale;
  EXPECT_GE(feather_cm, 0.5f);
  EXPECT_LE(feather_cm, 1.0f);
  EXPECT_GT(d->area_cm2, 30);  // scalp of a 15 cm head above the line
  EXPECT_NEAR(d->area_cm2, d->area_px / (kScale * kScale), 1e-6);
}

// The density design of the portrait with the left half of its scalp thin
// and the right half dense, split at x = 400 in one pixel.
Result<Design> half_thin_density_design() {
  Analysis a = portrait();
  for (int y = 0; y < 300; ++y)
    for (int x = 0; x < kW; ++x) a.hair_density[static_cast<std::size_t>(y) * kW + x] = x < 400 ? 40 : 250;
  DesignOptions o;
  o.goal = "density";
  return design_hairline(a, o);
}

TEST(Hairline, DensityGoalSkipsDenseHair) {
  Result<Design> d = half_thin_density_design();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(cov(d.value(), 300, 220), 255);
  EXPECT_EQ(cov(d.value(), 500, 220), 0);
}

TEST(Hairline, DensityFollowsTheHairMapSoftlyAcrossASharpStep) {
  Result<Design> d = half_thin_density_design();
  ASSERT_TRUE(d.ok());
  // The hair map jumps from thin to dense in one pixel; the coverage takes
  // several millimetres and never jumps by more than a fraction per pixel.
  int steps = 0, largest = 0;
  for (int x = 360; x < 440; ++x) {
    const int dv = std::abs(int(cov(d.value(), x + 1, 220)) - int(cov(d.value(), x, 220)));
    steps += dv > 0;
    largest = std::max(largest, dv);
  }
  EXPECT_GE(steps, int(0.3f * kScale));
  EXPECT_LE(largest, 64);
}

TEST(Hairline, WornSpecksThinTheDotsAndAWornCapIsLeftOut) {
  Analysis a = portrait();
  // One-pixel specks read as worn colour across the scalp, and a cap's
  // worth of it (4 x 4 cm) on the left.
  for (int y = 100; y < 280; y += 9)
    for (int x = 300; x < 500; x += 9) a.labels[static_cast<std::size_t>(y) * kW + x] = kOther;
  for (int y = 100; y < 260; ++y)
    for (int x = 150; x < 310; ++x) a.labels[static_cast<std::size_t>(y) * kW + x] = kOther;
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  // No hole at a speck: it thins the dots a little around it.
  EXPECT_GT(cov(d.value(), 408, 208), 200);
  EXPECT_LT(cov(d.value(), 408, 208), 255);
  // Inside the cap, away from its edge: nothing.
  EXPECT_EQ(cov(d.value(), 230, 180), 0);
}

TEST(Hairline, ScarRegionReachesAboutTwoCentimetresAroundTheOutline) {
  Analysis a = portrait();
  DesignOptions o;
  o.goal = "scar";
  EXPECT_EQ(design_hairline(a, o).error().code, "no_scar_outline");
  o.scar_outline = {{300, 150}, {500, 150}, {500, 170}, {300, 170}};
  Result<Design> d = design_hairline(a, o);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->basis, "scar");
  EXPECT_EQ(cov(d.value(), 400, 160), 255);
  EXPECT_EQ(cov(d.value(), 400, 170 + int(1.4f * kScale)), 255);
  EXPECT_EQ(cov(d.value(), 400, 170 + int(2.1f * kScale)), 0);
  EXPECT_EQ(cov(d.value(), 400, 450), 0);
}

TEST(Hairline, BadInputIsAnErrorNotACrash) {
  Analysis empty;
  EXPECT_EQ(design_hairline(empty, {}).error().code, "invalid_analysis");
  Analysis a = portrait();
  EXPECT_EQ(design_from_points(a, {}, {{1, 1}}).error().code, "invalid_hairline");
  EXPECT_EQ(design_from_points(a, {}, {{1, 1}, {NAN, 3}, {5, 5}}).error().code, "invalid_hairline");
  EXPECT_EQ(design_from_points(a, {}, {{1, 1}, {1e9f, 3}}).error().code, "invalid_hairline");
  // Coincident points and a line entirely outside the photo are fine.
  EXPECT_TRUE(design_from_points(a, {}, {{5, 5}, {5, 5}, {5, 5}}).ok());
  Result<Design> out = design_from_points(a, {}, {{-500, -500}, {-400, -500}});
  ASSERT_TRUE(out.ok());
}

TEST(Hairline, UserPointsPutTheScalpOnTheLeftOfTheWalk) {
  Analysis a;
  a.width = 200;
  a.height = 200;
  a.head_mask.assign(200 * 200, 1);  // a head filling the frame: the design dots only inside one
  DesignOptions o;
  o.symmetric = false;
  // Walking right to left along y = 100: the scalp is below (a top view).
  Result<Design> d = design_from_points(a, o, {{190, 100}, {100, 100}, {10, 100}});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->region[150 * 200 + 100], 255);
  EXPECT_EQ(d->region[30 * 200 + 100], 0);
  // A hair border listed with the hair on the right is turned round.
  Analysis b = a;
  b.labels.assign(200 * 200, kSkin);
  for (int y = 120; y < 200; ++y)
    for (int x = 0; x < 200; ++x) b.labels[y * 200 + x] = kHair;
  b.hairline = {{10, 110}, {100, 110}, {190, 110}};
  Result<Design> e = design_hairline(b, o);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->region[170 * 200 + 100], 255);
  EXPECT_EQ(e->region[40 * 200 + 100], 0);
}

TEST(Hairline, AFaceLineOutsideThePhotoFallsBackToTheHairBorder) {
  Analysis a = portrait();
  // A "face" read near the top edge (a top view misread): the line is off the photo.
  Landmarks& l = *a.landmarks;
  for (glm::vec2* p : {&l.glabella, &l.eyes[0], &l.eyes[1], &l.eye_outer[0], &l.eye_outer[1], &l.chin})
    p->y -= 540;
  for (int x = 100; x <= 700; x += 50) a.hairline.emplace_back(x, 300);
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->basis, "hair_border");
  EXPECT_GT(d->area_cm2, 10);
}

// A face whose box lies mostly outside the photo (read at its edge) carries
// no design: the line follows the hair border and the scale comes from the
// head, while the same face inside the photo is used.
TEST(Hairline, AFaceMostlyOutsideThePhotoIsNotUsed) {
  Analysis a = portrait();
  const glm::vec2 shift(0, 420);  // the box's top quarter stays in the photo
  Landmarks& l = *a.landmarks;
  for (glm::vec2* p : {&l.glabella, &l.eyes[0], &l.eyes[1], &l.eye_outer[0], &l.eye_outer[1], &l.chin})
    *p += shift;
  l.brow_y = l.glabella.y;
  a.face->y += shift.y;
  a.scale_px_per_cm = kScale * 0.3f;  // a wrong scale, so where the scale came from shows
  for (int x = 100; x <= 700; x += 50) a.hairline.emplace_back(x, 300);
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->basis, "hair_border");
  EXPECT_NE(d->scale_method, "interpupillary");
  EXPECT_NEAR(d->px_per_cm, kScale, 2.0);  // from the head, taken as 15 cm wide
  EXPECT_GT(d->area_cm2, 10);
  Analysis good = portrait();
  EXPECT_EQ(design_hairline(good, {})->basis, "face");
}

TEST(Hairline, NoDotsOnBackgroundPixelsOrTheFaceBelowTheBrows) {
  Analysis a = portrait();
  // A background blob inside the head outline (the outline took in some wall).
  for (int y = 150; y < 250; ++y)
    for (int x = 300; x < 380; ++x) a.labels[static_cast<std::size_t>(y) * kW + x] = kBackground;
  // A line the user dragged far down, across the eyes: the face under the
  // brows still gets no dots, the forehead above them does.
  std::vector<glm::vec2> pts{{150, 700}, {400, 700}, {650, 700}};
  Result<Design> d = design_from_points(a, {}, pts);
  ASSERT_TRUE(d.ok()) << d.error().message;
  for (int y = 150; y < 250; ++y)
    for (int x = 300; x < 380; ++x) ASSERT_EQ(cov(d.value(), x, y), 0) << x << "," << y;
  const float face_left = a.face->x, face_right = a.face->x + a.face->w;
  for (int y = static_cast<int>(kGlabella.y) + 2; y < 700; y += 3)
    for (int x = static_cast<int>(face_left); x < static_cast<int>(face_right); x += 3)
      ASSERT_EQ(cov(d.value(), x, y), 0) << x << "," << y;
  EXPECT_EQ(cov(d.value(), 400, static_cast<int>(kGlabella.y) - 40), 255);  // forehead above the brows
}

TEST(Hairline, IslandsOfTheRegionAreDropped) {
  // A top view: the head outline also takes in a shoulder-like blob beside
  // the head, joined by nothing but the line's extension.
  Analysis a = portrait();
  a.landmarks.reset();
  a.face.reset();
  a.scale_method = "head_width";
  for (int y = 400; y < 480; ++y)
    for (int x = 10; x < 70; ++x) {
      std::size_t k = static_cast<std::size_t>(y) * kW + x;
      a.head_mask[k] = 1;
      a.labels[k] = kSkin;
    }
  std::vector<glm::vec2> pts{{150, 500}, {400, 520}, {650, 500}};
  Result<Design> d = design_from_points(a, {}, pts);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(cov(d.value(), 40, 440), 0);   // the island
  EXPECT_EQ(cov(d.value(), 400, 300), 255);  // the head
}

// The outline of a bald head seen from above is a textured edge: a rim of
// "hair" a pixel or two thick along its top is no hair on top of the head,
// and the default arc keeps its place a third of the way down.
TEST(Hairline, AThinRimOfHairAlongTheOutlineIsNotTheHairsFrontEdge) {
  Analysis a;
  a.width = a.height = 300;
  a.view = View::top;
  const std::size_t n = 300u * 300u;
  a.head_mask.assign(n, 0);
  a.labels.assign(n, kBackground);
  for (int y = 0; y < 300; ++y)
    for (int x = 0; x < 300; ++x) {
      const float d = std::hypot(x - 150.0f, y - 170.0f);
      if (d > 140) continue;
      const std::size_t k = static_cast<std::size_t>(y) * 300 + x;
      a.head_mask[k] = 1;
      a.labels[k] = d > 138 ? kHair : kSkin;
    }
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->basis, "default");
  EXPECT_GT(d->region[80 * 300 + 150], 0);   // well below the rim, above the arc
  EXPECT_EQ(d->region[250 * 300 + 150], 0);  // below the arc
}

// A head without a face or a hair border gets a default arc; without a head
// there is nothing to dot at all.
TEST(Hairline, DefaultArcWhenNothingIsKnown) {
  Analysis a;
  a.width = 300;
  a.height = 200;
  a.head_mask.assign(300 * 200, 1);
  Result<Design> d = design_hairline(a, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->basis, "default");
  EXPECT_EQ(d->region.size(), 300u * 200u);
  EXPECT_GT(d->region[10 * 300 + 150], 0);    // above the arc
  EXPECT_EQ(d->region[190 * 300 + 150], 0);   // below it
  a.head_mask.clear();
  Result<Design> none = design_hairline(a, {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->region.size(), 300u * 200u);
  EXPECT_EQ(std::count(none->region.begin(), none->region.end(), 0), 300 * 200);
  EXPECT_EQ(none->area_px, 0);
}

}  // namespace
}  // namespace smp

#include "core/consultation.h"
#include "tests/core/test_images.h"

namespace smp {
namespace {

// The design options through the Consultation, as the JS API uses them (a
// flat wall: no head, so the design has its scale but no dots).
TEST(HairlineConsultation, OptionsReachTheDesign) {
  Image img(300, 240, 3);
  for (int y = 0; y < 240; ++y)
    for (int x = 0; x < 300; ++x) {
      std::uint8_t* p = img.at(x, y);
      p[0] = 190, p[1] = 150, p[2] = 130;
    }
  std::vector<std::uint8_t> png = test::encode_png(img);
  Consultation c;
  EXPECT_EQ(c.set_options(R"({"pxPerCm": 30})").error().code, "no_photo");
  ASSERT_TRUE(c.load_photo(png.data(), png.size()).ok());
  ASSERT_TRUE(c.set_options(R"({"pxPerCm": 30, "age": 61, "shade": "dark", "density": 150})").ok());
  ASSERT_TRUE(c.set_hairline("[[0, 230], [150, 230], [299, 230]]").ok());
  Result<const Design*> d = c.design();
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d.value()->scale_method, "user");
  EXPECT_FLOAT_EQ(d.value()->px_per_cm, 30.0f);
  EXPECT_EQ(d.value()->area_px, 0);
  Result<const Image*> r = c.render();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value()->channels, 4);
  EXPECT_NE(c.options_json().find("\"age\": 61"), std::string::npos) << c.options_json();

  // Scar goal: the outline arrives in photo pixels.
  EXPECT_FALSE(c.set_options(R"({"goal": "scar"})").ok() && c.design().ok());
  ASSERT_TRUE(c.set_options(R"({"goal": "scar", "scarOutline": [[100, 100], [200, 100], [200, 110]]})").ok());
  Result<const Design*> scar = c.design();
  ASSERT_TRUE(scar.ok()) << scar.error().message;
  EXPECT_EQ(scar.value()->basis, "scar");
  EXPECT_EQ(c.set_options(R"({"scarOutline": [[1, 2]]})").error().code, "invalid_option");
  EXPECT_EQ(c.set_options(R"({"scarOutline": "round"})").error().code, "invalid_option");
  EXPECT_EQ(c.set_options(R"({"age": -3})").error().code, "invalid_option");
}

// Pixels of `img` (RGBA) that differ from the RGB photo.
int changed_pixels(const Image& rgba, const Image& rgb) {
  int n = 0;
  for (std::size_t i = 0, k = 0; k + 2 < rgb.pixels.size(); i += 4, k += 3)
    n += rgba.pixels[i] != rgb.pixels[k] || rgba.pixels[i + 1] != rgb.pixels[k + 1] ||
         rgba.pixels[i + 2] != rgb.pixels[k + 2];
  return n;
}

// The preview options through the Consultation on a real portrait (a head
// to dot): a client's line is dotted, darker with a darker shade and more
// densely with a higher density.
TEST(HairlineConsultation, OptionsReachThePreview) {
  if (test::shared_photo("misc/deepface__img33.jpg").empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared("misc/deepface__img33.jpg");
  ASSERT_TRUE(p.ok());
  const Image& img = p->working;
  std::vector<std::uint8_t> rgba;
  for (std::size_t i = 0; i < img.pixels.size(); i += 3)
    rgba.insert(rgba.end(), {img.pixels[i], img.pixels[i + 1], img.pixels[i + 2], 255});
  Consultation c;
  ASSERT_TRUE(c.load_rgba(rgba.data(), img.width, img.height).ok());
  const Analysis* a = c.analysis().value();
  ASSERT_TRUE(a->landmarks.has_value()) << "the portrait's face is not found: the test checks nothing";
  ASSERT_TRUE(c.set_options(R"({"goal": "full", "shade": "dark", "density": 100})").ok());
  Result<const Design*> d = c.design();
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_GT(d.value()->area_px, 1000);
  const int sparse = changed_pixels(*c.render().value(), img);
  ASSERT_TRUE(c.set_options(R"({"density": 300})").ok());
  const int dense = changed_pixels(*c.render().value(), img);
  EXPECT_GT(sparse, 1000);
  EXPECT_GT(dense, sparse);
  std::vector<std::uint8_t> dark = c.render().value()->pixels;
  ASSERT_TRUE(c.set_options(R"({"shade": "light"})").ok());
  const std::vector<std::uint8_t>& light = c.render().value()->pixels;
  double sum_dark = 0, sum_light = 0;
  for (std::size_t i = 0; i < dark.size(); i += 4) sum_dark += dark[i + 1], sum_light += light[i + 1];
  EXPECT_LT(sum_dark, sum_light);
}

}  // namespace
}  // namespace smp

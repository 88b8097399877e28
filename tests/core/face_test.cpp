// The face finder on faces lit from one side: a drawn head whose half is in
// shadow and - when ../shared is present - the real side-lit portrait
// (misc/face_recognition__alex-lacamoire.png) as shot and mirrored.
#include "core/face.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/photo.h"
#include "core/segmentation.h"
#include "test_images.h"

namespace smp {
namespace {

// A dark studio background, a head with a hair cap, brows, eyes, a lit nose
// ridge with its shadow beside it, nostrils and a mouth. `shadow` darkens
// the half of the head left of the nose (light from the right), with a soft
// edge along the ridge; 1 = evenly lit.
struct SideLitHead {
  int w = 320, h = 400;
  float cx = 160, cy = 200, rx = 88, ry = 118;
  float eye_y = 190, eye_dx = 32;
  float hair_y = 142;  // the hairline's top at the middle
  float shadow = 0.5f;
  float squash = 1;  // distances down the face from the eyes, x this (tilted toward the camera)
};

bool inside(const SideLitHead& s, float x, float y, float grow = 1) {
  const float dx = (x - s.cx) / (s.rx * grow), dy = (y - s.cy) / (s.ry * grow);
  return dx * dx + dy * dy <= 1;
}

Image draw(const SideLitHead& s, unsigned seed = 3) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> noise(-3, 3), strand(-40, 40);
  std::vector<float> strands(std::size_t(s.w + s.h));
  for (float& v : strands) v = strand(rng);
  Image img(s.w, s.h, 3);
  auto blob = [](float x, float y, float ex, float ey, float rx, float ry) {
    const float dx = (x - ex) / rx, dy = (y - ey) / ry;
    return dx * dx + dy * dy <= 1;
  };
  for (int y = 0; y < s.h; ++y)
    for (int x = 0; x < s.w; ++x) {
      float r = 42, g = 34, b = 30;  // background
      const float fx = float(x), fy = float(y);
      if (inside(s, fx, fy)) {
        r = 205, g = 158, b = 132;
        for (int side = -1; side <= 1; side += 2) {
          const float ex = s.cx + side * s.eye_dx;
          if (blob(fx, fy, ex, s.eye_y, 13, 6)) r = 150, g = 120, b = 110;   // lids and white of the eye
          if (blob(fx, fy, ex, s.eye_y, 7, 6)) r = 40, g = 30, b = 28;       // iris and pupil
          if (blob(fx, fy, ex, s.eye_y - 20 * s.squash, 18, 3)) r = 90, g = 65, b = 52;  // brow
          if (blob(fx, fy, s.cx + side * 9, s.eye_y + 52 * s.squash, 4, 2)) r = 120, g = 80, b = 70;  // nostril
        }
        const float down = s.squash;  // nose and mouth below the eyes
        if (std::fabs(fx - s.cx - 1) < 4 && fy > s.eye_y && fy < s.eye_y + 48 * down) r *= 1.1f, g *= 1.1f, b *= 1.1f;
        const float nose_shade = 1 - 0.8f * (1 - s.shadow);  // the nose's own shadow
        if (fx < s.cx - 3 && fx > s.cx - 16 && fy > s.eye_y + 4 * down && fy < s.eye_y + 56 * down)
          r *= nose_shade, g *= nose_shade, b *= nose_shade;
        if (blob(fx, fy, s.cx, s.eye_y + 82 * down, 30, 7 * down)) r = 120, g = 60, b = 60;  // mouth
      }
      if (inside(s, fx, fy, 1.06f) && fy < s.hair_y + 8 && !blob(fx, fy, s.cx, s.hair_y + 8, 60, 20)) {
        const float o = strands[std::size_t(x + y / 6) % strands.size()];  // hair strands
        r = 50 + o, g = 38 + 0.8f * o, b = 30 + 0.7f * o;
      }
      if (inside(s, fx, fy, 1.06f)) {
        const float t = std::clamp((fx - (s.cx - 8)) / 12.0f, 0.0f, 1.0f);  // soft shadow edge
        const float light = s.shadow + (1 - s.shadow) * t;
        r *= light, g *= light, b *= light;
      }
      std::uint8_t* p = img.at(x, y);
      p[0] = std::uint8_t(std::clamp(r + noise(rng), 0.0f, 255.0f));
      p[1] = std::uint8_t(std::clamp(g + noise(rng), 0.0f, 255.0f));
      p[2] = std::uint8_t(std::clamp(b + noise(rng), 0.0f, 255.0f));
    }
  return img;
}

// Eyes within a fifth of the eye distance of the truth (reduced pixels of
// `seg`, truth in image pixels), glabella between and above them.
void expect_eyes(const FaceFinding& f, const Segmentation& seg, glm::vec2 left, glm::vec2 right,
                 const std::string& what) {
  const float k = 1.0f / float(seg.factor);
  const glm::vec2 truth[2] = {left * k, right * k};
  const float ipd = glm::length(truth[1] - truth[0]);
  for (int e = 0; e < 2; ++e)
    EXPECT_LT(glm::length(f.landmarks.eyes[e] - truth[e]), 0.2f * ipd) << what << ": eye " << e;
  EXPECT_GT(f.landmarks.glabella.x, truth[0].x) << what;
  EXPECT_LT(f.landmarks.glabella.x, truth[1].x) << what;
  EXPECT_LT(f.landmarks.glabella.y, 0.5f * (truth[0].y + truth[1].y)) << what;
  EXPECT_GT(f.landmarks.glabella.y, 0.5f * (truth[0].y + truth[1].y) - 0.6f * ipd) << what;
}

TEST(Face, FindsADrawnFaceWithHalfOfItInShadow) {
  for (float shadow : {0.7f, 0.6f, 0.5f}) {
    for (bool mirror : {false, true}) {
      SideLitHead s;
      s.shadow = shadow;
      const Image img = mirror ? test::transformed(draw(s), 2) : draw(s);
      const Segmentation seg = segment_head(img);
      const std::optional<FaceFinding> f = find_face(seg);
      const std::string what = "shadow " + std::to_string(shadow) + (mirror ? " mirrored" : "");
      ASSERT_TRUE(f.has_value()) << what;
      EXPECT_GE(f->confidence, 0.7f) << what;
      const glm::vec2 l(s.cx - s.eye_dx, s.eye_y), r(s.cx + s.eye_dx, s.eye_y);
      if (mirror)
        expect_eyes(*f, seg, glm::vec2(s.w - 1 - r.x, r.y), glm::vec2(s.w - 1 - l.x, l.y), what);
      else
        expect_eyes(*f, seg, l, r, what);
    }
  }
}

// A head bent toward the camera: the top of the head fills the frame and
// the face looks down at its bottom edge, eyes-to-mouth foreshortened to
// half. The face-on pattern finds no trusted face there; the search for a
// tilted face does, eyes and brows in place. Turned by half a turn, no
// tilted face is taken.
TEST(Face, FindsAFaceLookingDownUnderATiltedHead) {
  SideLitHead s;
  s.shadow = 1;
  s.squash = 0.5f;
  s.cy = 170, s.ry = 240, s.rx = 130, s.eye_y = 340, s.hair_y = 60;
  const Image img = draw(s);
  const Segmentation seg = segment_head(img);
  const std::optional<FaceFinding> f = find_face(seg);
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->tilted);
  EXPECT_GE(f->confidence, 0.4f);
  expect_eyes(*f, seg, glm::vec2(s.cx - s.eye_dx, s.eye_y), glm::vec2(s.cx + s.eye_dx, s.eye_y), "tilted");
  EXPECT_GT(f->landmarks.chin.y * seg.factor, s.eye_y);
  EXPECT_LT(f->landmarks.chin.y * seg.factor, s.h) << "the foreshortened chin lies in the frame";

  const std::optional<FaceFinding> turned = find_face(segment_head(test::transformed(img, 3)));
  EXPECT_FALSE(turned && turned->tilted && turned->confidence >= 0.4f)
      << "upside-down face taken as tilted, eyes at (" << turned->landmarks.eyes[0].x << ", "
      << turned->landmarks.eyes[0].y << ")";
}

// --- real photos (skipped without ../shared) -------------------------------

// Light from the viewer's right leaves the left half of this face in shadow
// (eye socket and the nose's shadow as dark as the eye): the evenly-lit
// pattern fits no window on it. Eyes read by hand from the photo (original
// pixels): about (229, 190) and (291, 188).
TEST(FaceRealPhotos, FindsTheSideLitFaceAsShotAndMirrored) {
  const std::string name = "misc/face_recognition__alex-lacamoire.png";
  if (test::shared_photo(name).empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared(name);
  ASSERT_TRUE(p.ok());
  const float k = 1.0f / float(p->scale);  // original -> working pixels
  const glm::vec2 left(229 * k, 190 * k), right(291 * k, 188 * k);
  for (bool mirror : {false, true}) {
    const Image img = mirror ? test::transformed(p->working, 2) : p->working;
    const float w = float(img.width - 1);
    const Segmentation seg = segment_head(img);
    const std::optional<FaceFinding> f = find_face(seg);
    const std::string what = mirror ? "mirrored" : "as shot";
    ASSERT_TRUE(f.has_value()) << what;
    EXPECT_GE(f->confidence, 0.7f) << what;
    EXPECT_TRUE(f->full_face) << what;
    if (mirror)
      expect_eyes(*f, seg, glm::vec2(w - right.x, right.y), glm::vec2(w - left.x, left.y), what);
    else
      expect_eyes(*f, seg, left, right, what);
  }
  // Through the whole analysis: a portrait, its face used, landmarks in
  // working pixels.
  Result<Analysis> a = analyze(p.value());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->view, View::portrait);
  ASSERT_TRUE(a->landmarks.has_value());
  const float ipd = glm::length(right - left);
  EXPECT_LT(glm::length(a->landmarks->eyes[0] - left), 0.2f * ipd);
  EXPECT_LT(glm::length(a->landmarks->eyes[1] - right), 0.2f * ipd);
}

// Bilinear resize (test-only: the core only ever shrinks photos).
Image resized(const Image& in, float scale) {
  Image out(std::max(1, int(in.width * scale)), std::max(1, int(in.height * scale)), 3);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const float fx = std::max(0.0f, (x + 0.5f) / scale - 0.5f), fy = std::max(0.0f, (y + 0.5f) / scale - 0.5f);
      const int x0 = std::min(int(fx), in.width - 1), y0 = std::min(int(fy), in.height - 1);
      const int x1 = std::min(x0 + 1, in.width - 1), y1 = std::min(y0 + 1, in.height - 1);
      const float ax = fx - x0, ay = fy - y0;
      for (int c = 0; c < 3; ++c) {
        const float top = in.at(x0, y0)[c] * (1 - ax) + in.at(x1, y0)[c] * ax;
        const float bottom = in.at(x0, y1)[c] * (1 - ax) + in.at(x1, y1)[c] * ax;
        out.at(x, y)[c] = std::uint8_t(top * (1 - ay) + bottom * ay + 0.5f);
      }
    }
  return out;
}

// The same photo at other sizes and mirrored: the face windows fall on other
// pixels. Under even light alone the finder put a confident face (0.84-1.0)
// on the moustache and lips on 17 of these 18 (none on the eyes); with the
// side-lit search and its enclosing rule 14 were on the eyes, 3 wrong, 1
// missed; refusing windows off the shadow line and preferring the side-lit
// face where the skin is lit from one side, 16 on the eyes, 1 wrong (size
// 0.8), 1 missed (measured 2026-11-24). The bounds keep it from getting worse.
TEST(FaceRealPhotos, SideLitFaceAtOtherSizesAndMirrored) {
  const std::string name = "misc/face_recognition__alex-lacamoire.png";
  if (test::shared_photo(name).empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared(name);
  ASSERT_TRUE(p.ok());
  const float k = 1.0f / float(p->scale);
  const glm::vec2 left(229 * k, 190 * k), right(291 * k, 188 * k);
  int on_eyes = 0, wrong = 0, missed = 0;
  std::string report;
  for (float scale : {0.6f, 0.7f, 0.8f, 0.9f, 1.1f, 1.25f, 1.5f, 2.0f, 2.5f}) {
    for (bool mirror : {false, true}) {
      const Image small = resized(p->working, scale);
      const Image img = mirror ? test::transformed(small, 2) : small;
      const Segmentation seg = segment_head(img);
      const std::optional<FaceFinding> f = find_face(seg);
      const float x_max = float(p->working.width - 1);
      glm::vec2 truth[2] = {left, right};
      if (mirror) truth[0] = glm::vec2(x_max - right.x, right.y), truth[1] = glm::vec2(x_max - left.x, left.y);
      const std::string what = std::to_string(scale).substr(0, 4) + (mirror ? "m" : "");
      if (!f || f->confidence < 0.4f) {
        ++missed, report += " " + what + ":missed";
        continue;
      }
      float err = 0;  // in original pixels of the unscaled photo
      for (int e = 0; e < 2; ++e)
        err = std::max(err, glm::length(f->landmarks.eyes[e] * float(seg.factor) / scale - truth[e]));
      const bool right_eyes = err < 0.2f * glm::length(right - left);
      (right_eyes ? on_eyes : wrong) += 1;
      report += " " + what + (right_eyes ? ":eyes" : f->full_face ? ":WRONG" : ":wrong(untrusted)");
    }
  }
  std::cout << "[ side-lit ] on the eyes " << on_eyes << ", wrong " << wrong << ", missed " << missed << ";"
            << report << "\n";
  EXPECT_GE(on_eyes, 16);
  EXPECT_LE(wrong, 1);
}

// `names` and every crown seen from above in misc/ (the manifest's "top"
// views: full, thinning and bald tops).
std::vector<std::string> with_misc_crowns(std::vector<std::string> names) {
  for (const auto& row : test::read_tsv("misc/MANIFEST.tsv"))
    if (row.size() > 5 && row[5] == "top") names.push_back("misc/" + row[0]);
  return names;
}

// A shared photo's segmentation (empty when it does not load: a failure).
Segmentation segmented(const std::string& name) {
  Result<Photo> p = test::load_shared(name);
  EXPECT_TRUE(p.ok()) << name;
  return p.ok() ? segment_head(p->working) : Segmentation{};
}

// The side-lit pattern also fits a parting in dark hair seen from above
// (hairloss/27-Top-Down: confidence 0.96, as wide as its skin run); its
// "cheeks" are hair, which the lit-cheek check refuses. Run on its own, the
// side-lit search must find no face there nor on any crown seen from above
// in misc/.
TEST(FaceRealPhotos, SideLitSearchFindsNoFaceOnCrownsSeenFromAbove) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty() || test::shared_photo("hairloss/labels.tsv").empty())
    GTEST_SKIP() << "no ../shared/photos";
  const auto crowns = with_misc_crowns({"hairloss/27-Top-Down_jpg.rf.33c557d559c8230f6cf14ccf47afcb78.jpg"});
  ASSERT_GE(crowns.size(), 12u);
  for (const std::string& name : crowns) {
    const std::optional<FaceFinding> f = find_side_lit_face(segmented(name));
    EXPECT_FALSE(f.has_value()) << name << ": side-lit face, eyes at (" << f->landmarks.eyes[0].x << ", "
                                << f->landmarks.eyes[0].y << "), confidence " << f->confidence;
  }
}

// The even-light pattern fitted over things that are not a face. Boxes much
// wider than the skin across their cheeks: a chair back above a bald crown
// (misc og_group4_19, confidence 0.95), a ring of hair round a crown
// (og_group3_12, 0.60), hair at the back of a head seen from above (hairloss
// 14-Top-Down, 1.0, which cut the scalp at its "brow"), an eye and an ear of
// a forward-tilted head (hairloss 1-Front, twice). Boxes outside the head
// outline: hair at the head's rim over a shirt or a floor (29-Top-Down,
// 8-Top-Down, test_yash), a crown and the wall above it (39-Front). None may
// be trusted, nor any face on the other crowns seen from above in misc/.
// (A sofa's pattern beside the head of 6-Front, 1.0, is gone too: there the
// real face, looking down, is now found; see TiltedHeads below.)
TEST(FaceRealPhotos, NoTrustedFaceOnHeadsSeenFromAbove) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty() || test::shared_photo("hairloss/labels.tsv").empty())
    GTEST_SKIP() << "no ../shared/photos";
  std::vector<std::string> names = {"hairloss/14-Top-Down_jpg.rf.14c44ddf59fdce6873c52038ec6d171d.jpg",
                                    "hairloss/1-Front_jpg.rf.3ba6007ccc8dd2580304cd31ef5321c5.jpg",
                                    "hairloss/1-Front_jpg.rf.6da2c86636958bc1a482dc3801c52230.jpg",
                                    "hairloss/8-Top-Down_jpg.rf.49f71278347b1c811f7e9f2e3cbcae12.jpg",
                                    "hairloss/29-Top-Down_jpg.rf.5f0905ff3e38873c3a62b1dfa4b7f19b.jpg",
                                    "hairloss/39-Front_jpg.rf.f9ea37484c695a4aaaeb47e19720ac91.jpg"};
  names = with_misc_crowns(names);
  ASSERT_GE(names.size(), 18u);
  for (const std::string& name : names) {
    const std::optional<FaceFinding> f = find_face(segmented(name));
    EXPECT_FALSE(f && f->confidence >= 0.4f && f->full_face)
        << name << ": face with eyes at (" << f->landmarks.eyes[0].x << ", " << f->landmarks.eyes[0].y
        << "), confidence " << f->confidence << ", skin run " << f->skin_run;
  }
}

// Heads bent toward the camera (hair-loss "Front" photos): the face looks
// down at the bottom of the frame, eyes shut or half shut, foreshortened.
// Brow and eye rows and the eye distance read by hand from the photos
// (640 px). The face must be found as tilted, its brow line between the
// brows and just below the eyes (on 18-Front it falls below them: its eyes
// are placed at 0.6 of their distance, which is why a tilted face is no
// scale). The same search must not take the upside-down faces of photos
// turned by half a turn (13-Front, 35-Top-Down: the head lies below them),
// nor specks in a full head of hair seen from above (misc test_yash,
// og_group1_19: boxes of 0.07-0.08 of the frame).
TEST(FaceRealPhotos, TiltedHeads) {
  if (test::shared_photo("hairloss/labels.tsv").empty() || test::shared_photo("misc/MANIFEST.tsv").empty())
    GTEST_SKIP() << "no ../shared/photos";
  struct Case {
    const char* name;
    float brows, eyes, ipd;
  };
  const Case cases[] = {
      {"hairloss/12-Front_jpg.rf.27c0e575c1f3bd3e34e7b0de89cddfb4.jpg", 480, 497, 110},
      {"hairloss/14-Front_jpg.rf.19a5132db814676a2fed2fe5c4434d56.jpg", 435, 458, 214},
      {"hairloss/6-Front_jpg.rf.311ab69db6cf2bda31b0b32e1631e886.jpg", 420, 442, 155},
      {"hairloss/6-Front_jpg.rf.a5ea8c2939cdb5df3c940103b79599f1.jpg", 420, 442, 155},
      {"hairloss/18-Front_jpg.rf.32e64642dda178787a6aed4f43d5aa81.jpg", 425, 446, 203},
      {"hairloss/18-Front_jpg.rf.6da89b38dbe06ceb6c2c3a23f1d9e323.jpg", 425, 446, 203},
  };
  for (const Case& c : cases) {
    const Segmentation seg = segmented(c.name);
    const std::optional<FaceFinding> f = find_face(seg);
    ASSERT_TRUE(f.has_value()) << c.name;
    EXPECT_TRUE(f->tilted) << c.name;
    EXPECT_GE(f->confidence, 0.4f) << c.name;
    const float brow = f->landmarks.brow_y * float(seg.factor);
    EXPECT_GT(brow, c.brows - 0.25f * c.ipd) << c.name;
    EXPECT_LT(brow, c.eyes + 0.25f * c.ipd) << c.name;
  }
  for (const char* name : {"hairloss/13-Front_jpg.rf.0c803b56d861d9bdb85f2508f7f87ec6.jpg",
                           "hairloss/35-Top-Down_jpg.rf.dd325471c90f02f79fc2051989fbec54.jpg",
                           "misc/baldness_est__test_yash.png", "misc/baldness_est__og_group1_19.jpg"}) {
    const std::optional<FaceFinding> f = find_face(segmented(name));
    EXPECT_FALSE(f && f->tilted && f->confidence >= 0.4f) << name << ": tilted face, box " << f->box.w << " wide";
  }
}

// Half of a face darkened: columns left (or right) of the glabella scaled by
// `light`, with a ramp of `ramp` pixels either side (a crude side light).
Image half_darkened(const Image& in, float gx, float ramp, float light, bool right_half) {
  Image out = in;
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) {
      float t = std::clamp((x - (gx - ramp)) / (2 * ramp), 0.0f, 1.0f);
      if (right_half) t = 1 - t;
      const float l = light + (1 - light) * t;
      for (int c = 0; c < 3; ++c) out.at(x, y)[c] = std::uint8_t(in.at(x, y)[c] * l + 0.5f);
    }
  return out;
}

// A wrong face analysis.cpp would trust (confidence >= 0.4 and the whole
// face in the frame) misplaces the designed hairline; a missed one only
// makes the design fall back and ask the client to place the line.
bool trusted(const FaceFinding& f) { return f.confidence >= 0.4f && f.full_face; }

// The misc/ portraits with half of the face darkened to 70 % and 50 %, each
// side: the eyes found on the photo as shot are the truth. This is where the
// finder is weakest. Under even light alone it found the eyes on 12 of these
// 64 and a wrong face on 46 (windows on one eye, shifted by an eye, on nose
// and mouth); with the side-lit search 19 on the eyes, 41 wrong, 4 missed.
// Refusing windows off the face's shadow line, preferring a side-lit face
// across the shadow line where the skin around the finding is lit from one
// side, and taking only a runner-up the size of a subject: 25 on the eyes,
// 23 wrong (all trusted), 16 missed (measured 2026-11-24). Of the wrong
// ones, 5 are on the right face with one eye pulled inwards (glabella within
// 0.21 eye distances: deepface img33 x3, faceapijs fearful 7R and 5R) and 3
// are not used by analysis.cpp (biden2 7L and 5L, img12 7L). The bounds
// keep it from getting worse. With FACE_DUMP=DIR set, the variants are written there as
// PNG, to look at with `smp analyze --debug-image`.
TEST(FaceRealPhotos, PortraitsWithHalfTheFaceDarkened) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  int on_eyes = 0, wrong_trusted = 0, wrong_untrusted = 0, missed = 0, portraits = 0;
  std::string report;
  for (const auto& row : test::read_tsv("misc/MANIFEST.tsv")) {
    if (row.size() < 6 || row[5] != "front" || row[0].rfind("baldness_est", 0) == 0) continue;
    if (row[0] == "face_recognition__alex-lacamoire.png") continue;  // side-lit already
    Result<Photo> p = test::load_shared("misc/" + row[0]);
    ASSERT_TRUE(p.ok()) << row[0];
    const Segmentation seg0 = segment_head(p->working);
    const std::optional<FaceFinding> f0 = find_face(seg0);
    ASSERT_TRUE(f0 && f0->confidence >= 0.4f) << row[0];
    ++portraits;
    const float k0 = float(seg0.factor);
    const glm::vec2 truth[2] = {f0->landmarks.eyes[0] * k0, f0->landmarks.eyes[1] * k0};
    const float ipd = glm::length(truth[1] - truth[0]);
    for (float light : {0.7f, 0.5f})
      for (bool right_half : {false, true}) {
        const Image img = half_darkened(p->working, f0->landmarks.glabella.x * k0, 0.15f * ipd, light, right_half);
        const std::string what = row[0].substr(0, row[0].find('.')) + "_" + std::to_string(int(light * 10 + 0.5f)) +
                                 (right_half ? "R" : "L");
        if (const char* dump = std::getenv("FACE_DUMP")) {
          const std::vector<std::uint8_t> png = test::encode_png(img);
          std::ofstream(std::string(dump) + "/" + what + ".png", std::ios::binary)
              .write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()));
        }
        const Segmentation seg = segment_head(img);
        const std::optional<FaceFinding> f = find_face(seg);
        if (!f || f->confidence < 0.4f) {
          ++missed;
          continue;
        }
        float err = 0;
        for (int e = 0; e < 2; ++e)
          err = std::max(err, glm::length(f->landmarks.eyes[e] * float(seg.factor) - truth[e]));
        if (err < 0.2f * ipd) {
          ++on_eyes;
        } else {
          (trusted(*f) ? wrong_trusted : wrong_untrusted) += 1;
          report += " " + what + (trusted(*f) ? "" : "(untrusted)");
        }
      }
  }
  std::cout << "[ half dark ] " << portraits << " portraits x 4: on the eyes " << on_eyes << ", wrong and trusted "
            << wrong_trusted << ", wrong but untrusted " << wrong_untrusted << ", missed " << missed << "; wrong:"
            << report << "\n";
  EXPECT_EQ(portraits, 16);
  EXPECT_GE(on_eyes, 25);
  EXPECT_LE(wrong_trusted + wrong_untrusted, 23);
  EXPECT_LE(wrong_trusted, 23);
}

}  // namespace
}  // namespace smp

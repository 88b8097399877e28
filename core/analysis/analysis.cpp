// analysis.cpp - the analysis pipeline: the person mask and the face from
// the learned models, the head cut from the body below the jaw, then hair
// against skin by a colour model fitted inside that head and seeded by the
// face, the scalp measures and the stage, mapped back to working pixels.
// The colour work happens at a reduced size (see segmentation.h).
#include "core/analysis/analysis.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include <glm/geometric.hpp>

#include "core/analysis/face_detector.h"
#include "core/base/json.h"
#include "core/analysis/networks.h"
#include "core/analysis/person_mask.h"
#include "core/analysis/scalp.h"
#include "core/analysis/segmentation.h"
#include "core/analysis/stage_model.h"
#include "core/intake/orientation.h"

namespace smp {
namespace {
// Person probability above which a pixel is the person's: above the
// network's even odds, since its soft edge spills a few pixels onto the
// background (head IoU on labelled portraits 0.79 at 0.5, 0.80 at 0.65).
constexpr float kPersonThreshold = 0.65f;

constexpr int kReducedSide = 320;   // long side the colour analysis runs at
constexpr float kIpdCm = 6.3f;      // adult interpupillary distance (Dodgson 2004)
constexpr float kHeadWidthCm = 15;  // adult head width
// The glabella lies about 2.1 cm above the pupils: nasion about 1 cm above
// the pupil line and glabella 1.1 cm above nasion (forehead heights tr-g
// 61.4 and tr-n 72.2 mm in published adult norms), a third of the 6.3 cm
// interpupillary distance.
constexpr float kGlabellaAboveEyes = 0.33f;
// The chin (menton) lies beyond the mouth by about three quarters of the
// eye-to-mouth distance (stomion to menton 51 mm against about 67 mm from
// the pupils to the stomion in the same norms).
constexpr float kChinBeyondMouth = 0.75f;
// The outer eye corners lie about a fifth of the interpupillary distance
// beyond the pupils (biocular width 98 mm against 63 mm between pupils).
constexpr float kOuterCorner = 0.22f;
// Eye-to-mouth over interpupillary distance below which a face is seen
// foreshortened from above (a head bent toward the camera): face-on it is
// about 1.05; at half that the face is turned away by about 60 degrees.
constexpr float kFaceOnRatio = 0.75f;
// Ludwig confidence factor for face-on and forward-tilted views.
constexpr float kTiltedViewDoubt = 0.7f;
// Stage confidence factor for photos without colour, which neither stage
// was fitted on.
constexpr float kGrayscaleDoubt = 0.6f;
// Highest confidence of anything staged when no view was recognised.
constexpr float kUnknownViewConfidence = 0.2f;
// Hair-share gap between the head's best and worst half above which a head
// without a face is taken as forward-tilted ("front").
constexpr float kFrontAsymmetry = 0.16f;

class Clock {
 public:
  explicit Clock(Analysis* a) : a_(a), t_(std::chrono::steady_clock::now()) {}
  void lap(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    a_->timings_ms.emplace_back(name, std::chrono::duration<double, std::milli>(now - t_).count());
    t_ = now;
  }

 private:
  Analysis* a_;
  std::chrono::steady_clock::time_point t_;
};

// The reduced photo as an RGB image (the face search's input).
Image to_image(const RgbPlanes& p) {
  Image img(p.w(), p.h(), 3);
  for (std::size_t i = 0, n = std::size_t(p.w()) * p.h(); i < n; ++i) {
    img.pixels[3 * i] = std::uint8_t(std::clamp(p.r.v[i] + 0.5f, 0.0f, 255.0f));
    img.pixels[3 * i + 1] = std::uint8_t(std::clamp(p.g.v[i] + 0.5f, 0.0f, 255.0f));
    img.pixels[3 * i + 2] = std::uint8_t(std::clamp(p.b.v[i] + 0.5f, 0.0f, 255.0f));
  }
  return img;
}

// A face from the detector, in working pixels, with what follows from it.
struct Face {
  FaceDetection d;
  glm::vec2 up{0, -1};      // from the mouth toward the eyes
  float ipd = 0;            // interpupillary distance
  glm::vec2 glabella{0};
  glm::vec2 chin{0};
  bool face_on = true;      // not foreshortened from above
};

Face face_from(const FaceDetection& d) {
  Face f;
  f.d = d;
  f.up = d.up();
  f.ipd = d.eye_distance();
  f.glabella = d.eye_centre() + kGlabellaAboveEyes * f.ipd * f.up;
  const glm::vec2 mouth = d.keypoints[blazeface::kMouth];
  f.chin = mouth + kChinBeyondMouth * (mouth - d.eye_centre());
  f.face_on = glm::length(mouth - d.eye_centre()) >= kFaceOnRatio * f.ipd;
  return f;
}

// The head's reach around a face, in face-box widths along the face's own
// axes: above a line kHeadWidest above the eyes, all of the person (hair
// stands out, and a head seen in profile runs far behind its face); below
// it, a half ellipse kHeadHalfWidth wide down to the chin, narrowing as a
// jaw does, so shoulders and collars beside the chin fall outside.
constexpr float kHeadHalfWidth = 0.9f, kHeadWidest = 0.15f;

bool within_head_reach(const Face& f, glm::vec2 p) {
  const glm::vec2 right(-f.up.y, f.up.x);
  const float box = f.d.box.width();
  if (box <= 0) return false;
  const glm::vec2 d = p - f.d.eye_centre();
  const float u = glm::dot(d, right) / box, v = glm::dot(d, f.up) / box;
  if (v >= kHeadWidest) return true;  // hair, and the back of a head seen in profile
  if (std::fabs(u) > kHeadHalfWidth) return false;
  const float chin = glm::dot(f.chin - f.d.eye_centre(), f.up) / box;  // negative: below the eyes
  const float depth = kHeadWidest - chin;
  if (v < chin || depth <= 0) return false;
  const float du = u / kHeadHalfWidth, dv = (kHeadWidest - v) / depth;
  return du * du + dv * dv <= 1.0f;
}

// A head under this share of the frame is no head: a few stray pixels, or a
// head too small to preview or stage (about 100 x 100 of 1600 x 1200).
constexpr float kTinyHead = 0.005f;

// The share of the frame under which the upright person probability counts
// as no person (a person that small leaves nothing to preview either).
constexpr float kFewPerson = 0.05f;

// The share of a person probability plane's cells at kPersonThreshold or over.
float person_share(const Plane& p) {
  if (p.v.empty()) return 0;
  return float(std::count_if(p.v.begin(), p.v.end(), [](float v) { return v >= kPersonThreshold; })) / float(p.v.size());
}

// The head at the reduced size: the person mask cut below the jaw (neck,
// shoulders, clothes) when a face says where that is, as the one mass
// holding the face (another person in the frame is another mass), or
// without a face the largest mass.
Mask head_from_person(const Mask& person, int w, int h, const std::optional<Face>& face, float px) {
  Mask head = person;
  Plane weight(w, h, 1.0f);  // the face's pixels outweigh a whole frame: its mass wins over any size
  if (face)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const glm::vec2 p = (glm::vec2(x, y) + 0.5f) * px;
        const blazeface::Rect& b = face->d.box;
        if (!within_head_reach(*face, p)) head[std::size_t(y) * w + x] = 0;
        else if (p.x >= b.min.x && p.x <= b.max.x && p.y >= b.min.y && p.y <= b.max.y) weight.at(x, y) = 1e6f;
      }
  return largest_component(head, w, h, &weight);
}

// Face skin to seed the skin model: a disc on each cheek (below each eye,
// toward the mouth) and on the nose; reduced pixels.
Mask face_skin_seeds(const Face& f, int w, int h, float px) {
  Mask m(std::size_t(w) * h, 0);
  const glm::vec2 below = 0.55f * (f.d.keypoints[blazeface::kMouth] - f.d.eye_centre());
  const glm::vec2 centres[3] = {f.d.keypoints[blazeface::kRightEye] + below, f.d.keypoints[blazeface::kLeftEye] + below,
                                0.5f * (f.d.keypoints[blazeface::kNoseTip] + f.d.eye_centre())};
  const float r = 0.18f * f.ipd;
  for (const glm::vec2& c : centres)
    for (int y = std::max(0, int((c.y - r) / px)); y <= std::min(h - 1, int((c.y + r) / px)); ++y)
      for (int x = std::max(0, int((c.x - r) / px)); x <= std::min(w - 1, int((c.x + r) / px)); ++x)
        if (glm::length((glm::vec2(x, y) + 0.5f) * px - c) <= r) m[std::size_t(y) * w + x] = 1;
  return m;
}

// Skin likelihood (skin model) above which a smooth pixel inside the head
// is skin rather than hair; low, since the model is fitted to this face and
// scalp skin under other light strays from it.
constexpr float kHeadSkin = 0.05f;

// ... and off the head, where clothes are the alternative (the neck is
// often in the head's shadow).
constexpr float kBodySkin = 0.2f;

// Hair and skin take their colour from melanin: red is their largest
// channel (hues from red through orange to yellow), or they have no colour
// at all (black, grey, white). A clearly saturated colour whose largest
// channel is green or blue (a blue cap, a green helmet) is worn, not grown.
constexpr float kWornSaturation = 0.35f;
bool worn_colour(const Segmentation& s, std::size_t i) {
  const float r = s.rgb.r.v[i], g = s.rgb.g.v[i], b = s.rgb.b.v[i];
  const float hi = std::max({r, g, b}), lo = std::min({r, g, b});
  if (hi < 40 || (hi - lo) < kWornSaturation * hi) return false;  // dark or greyish
  return r < 0.95f * hi;
}

// The working-size masks in one pass over the working image. Person and
// head: the reduced soft person mask sampled bilinearly (its 0.5 contour
// comes out smooth, not in reduced steps), the head also inside the reduced
// head (already cut to the face's reach) grown by one reduced pixel so the
// finer person edge decides. Hair density bilinearly from the reduced
// colour model; classes from the reduced pixel.
void upsample(const Segmentation& s, const Plane& soft, const Mask& scalp, Analysis* a) {
  const int rw = s.w, rh = s.h, f = s.factor;
  const std::size_t n = std::size_t(a->width) * a->height;
  a->labels.assign(n, kBackground);
  a->hair_density.assign(n, 0);
  a->head_mask.assign(n, 0);
  a->scalp_mask.assign(n, 0);
  const Mask grown = dilate(s.head, rw, rh, 1);
  // Per reduced pixel: whether the person mask's cell there needs
  // interpolating (0) or lies all outside (-1) or inside (1), and the class
  // a smooth pixel takes inside the head and on the rest of the person.
  // Inside the head: what is worn (by colour), else skin, or hair (what is
  // not skin-coloured there is hair far more often than a hat: grey and
  // white hair are smooth and often lighter than the skin); elsewhere on
  // the person skin-coloured parts (neck, arms) are skin and the rest other
  // (dark clothes read as hair to the density measure).
  std::vector<std::int8_t> side(std::size_t(rw) * rh);
  std::vector<std::uint8_t> head_class(side.size()), body_class(side.size());
  for (int y = 0; y < rh; ++y)
    for (int x = 0; x < rw; ++x) {
      const std::size_t i = std::size_t(y) * rw + x;
      const int x1 = std::min(x + 1, rw - 1), y1 = std::min(y + 1, rh - 1);
      const int in = (soft.at(x, y) >= kPersonThreshold) + (soft.at(x1, y) >= kPersonThreshold) +
                     (soft.at(x, y1) >= kPersonThreshold) + (soft.at(x1, y1) >= kPersonThreshold);
      side[i] = std::int8_t(in == 4 ? 1 : in == 0 ? -1 : 0);
      head_class[i] = worn_colour(s, i) ? kOther : s.skin.v[i] > kHeadSkin ? kSkin : kHair;
      body_class[i] = s.skin.v[i] > kBodySkin ? kSkin : kOther;
    }
  const float inv = 1.0f / float(f);
  struct Tap { int x0, x1, nearest; float t; };
  std::vector<Tap> cols(a->width);
  for (int x = 0; x < a->width; ++x) {
    const float fx = std::clamp((x + 0.5f) * inv - 0.5f, 0.0f, float(rw - 1));
    cols[x] = {int(fx), std::min(int(fx) + 1, rw - 1), std::min(int(x * inv), rw - 1), fx - int(fx)};
  }
  for (int y = 0; y < a->height; ++y) {
    const float fy = std::clamp((y + 0.5f) * inv - 0.5f, 0.0f, float(rh - 1));
    const int y0 = int(fy), y1 = std::min(y0 + 1, rh - 1);
    const float ty = fy - float(y0);
    const float* h0 = &s.hair.v[std::size_t(y0) * rw];
    const float* h1 = &s.hair.v[std::size_t(y1) * rw];
    const float* p0 = &soft.v[std::size_t(y0) * rw];
    const float* p1 = &soft.v[std::size_t(y1) * rw];
    const std::int8_t* cell = &side[std::size_t(y0) * rw];
    const std::size_t srow = std::size_t(std::min(int(y * inv), rh - 1)) * rw;
    const std::size_t row = std::size_t(y) * a->width;
    for (int x = 0; x < a->width; ++x) {
      const Tap& c = cols[x];
      if (cell[c.x0] < 0) continue;  // background
      if (cell[c.x0] == 0) {
        const float top = p0[c.x0] + (p0[c.x1] - p0[c.x0]) * c.t;
        const float bottom = p1[c.x0] + (p1[c.x1] - p1[c.x0]) * c.t;
        if (top + (bottom - top) * ty < kPersonThreshold) continue;
      }
      const std::size_t i = row + x, si = srow + c.nearest;
      const float top = h0[c.x0] + (h0[c.x1] - h0[c.x0]) * c.t;
      const float bottom = h1[c.x0] + (h1[c.x1] - h1[c.x0]) * c.t;
      const float d = std::clamp(top + (bottom - top) * ty, 0.0f, 1.0f);
      a->hair_density[i] = std::uint8_t(255 * d + 0.5f);
      if (grown[si]) {
        a->head_mask[i] = 1;
        a->scalp_mask[i] = scalp[si] && d < kThinning;
        a->labels[i] = head_class[si] == kOther ? std::uint8_t(kOther)
                       : d >= kThinning         ? std::uint8_t(kHair)
                                                : head_class[si];
      } else {
        a->labels[i] = d < kThinning ? body_class[si] : std::uint8_t(kOther);
      }
    }
  }
}

// A face is textured (pores, wrinkles, features) and so reads partly as
// "hair" to the density measure; below the brows it is skin, but for
// beards and moustaches, which are hair by colour as well as texture (darker
// than the face's own skin, or far from its colour). Densities stay.
void label_face_skin(const Segmentation& s, const Face& f, Analysis* a) {
  const float inv = 1.0f / float(s.factor);
  const glm::vec2 lo = f.d.box.min, hi = f.d.box.max;
  for (int y = std::max(0, int(lo.y)); y < std::min(a->height, int(hi.y) + 1); ++y)
    for (int x = std::max(0, int(lo.x)); x < std::min(a->width, int(hi.x) + 1); ++x) {
      const std::size_t i = std::size_t(y) * a->width + x;
      const glm::vec2 p(x + 0.5f, y + 0.5f);
      if (!a->head_mask[i] || glm::dot(p - f.glabella, f.up) > 0) continue;
      const std::size_t si = std::size_t(std::min(int(y * inv), s.h - 1)) * s.w + std::min(int(x * inv), s.w - 1);
      const bool beard = s.lum.v[si] < 0.6f * s.model.y_median && s.skin.v[si] < 0.2f;
      a->labels[i] = beard ? kHair : kSkin;
    }
}

// A point of a w x h frame turned by `turns` quarter turns clockwise, back in
// that frame: each clockwise turn took (x, y) of a W x H frame to
// (H - 1 - y, x), undone one turn at a time.
glm::vec2 unturned(glm::vec2 p, int turns, int w, int h) {
  for (int k = 0; k < turns; ++k) {
    const bool upright_shape = (turns - 1 - k) % 2 == 0;  // the frame this turn started from
    p = glm::vec2(p.y, (upright_shape ? float(h) : float(w)) - 1 - p.x);
  }
  return p;
}

// ... and the other way: (x, y) of a W x H frame to (H - 1 - y, x) per turn.
glm::vec2 turned_point(glm::vec2 p, int turns, int w, int h) {
  for (int k = 0; k < turns; ++k) {
    const bool upright_shape = k % 2 == 0;
    p = glm::vec2((upright_shape ? float(h) : float(w)) - 1 - p.y, p.x);
  }
  return p;
}

// The rows and columns the current hairline is scanned over: from just above
// the brows (their hairs are not the hairline), across the face's width;
// without a face, the whole head from the bottom up. Reduced pixels of the
// frame the face is upright in.
struct HairlineScan {
  float start;
  int x0, x1;
};
HairlineScan hairline_scan(const Segmentation& s, const std::optional<Face>& face, float px, int turns) {
  if (!face) return {float((turns % 2 ? s.w : s.h) - 1), 0, (turns % 2 ? s.h : s.w) - 1};
  const glm::vec2 g = turned_point(face->glabella / px - 0.5f, turns, s.w, s.h);
  const float half = 0.55f * 0.5f * (face->d.box.width() + face->d.box.height()) / px;
  return {g.y - 0.25f * face->ipd / px, int(g.x - half), int(g.x + half)};
}

// A face-on portrait shows a face; a bent head's face seen from above makes
// the view "front"; otherwise a head with lots of visible scalp seen from
// above is "top" when its halves carry hair alike, "front" when one half
// (the forehead side) is much barer.
void classify_view(const Segmentation& s, const std::optional<Face>& face, Analysis* a) {
  if (face) {
    a->view = face->face_on && face->d.turn == 0 ? View::portrait : View::front;
    a->view_confidence = face->d.score;
    return;
  }
  // No head outline to speak of (nothing, or the whole frame: a flat or
  // noisy picture) means there is nothing trustworthy to report.
  if (a->head_fraction < 0.02f || a->head_fraction > 0.97f || s.quality < 0.15f) {
    a->view = View::unknown;
    a->view_confidence = 0;
    return;
  }
  const float asym = a->pattern.best_half_hair - a->pattern.worst_half_hair;
  a->view = asym > kFrontAsymmetry ? View::front : View::top;
  a->view_confidence = std::clamp(0.3f + std::fabs(asym - kFrontAsymmetry), 0.3f, 0.6f);
}

void scale_from(const Segmentation& s, const std::optional<Face>& face, Analysis* a) {
  a->scale_method = "none";
  if (face) {  // the eyes' distance holds even when the face is foreshortened vertically
    a->scale_px_per_cm = face->ipd / kIpdCm;
    a->scale_method = "interpupillary";
    return;
  }
  if (a->view != View::portrait) return;  // head width is ambiguous from above
  int widest = 0;
  for (int y = 0; y < s.h; ++y) {
    int row = 0;
    for (int x = 0; x < s.w; ++x) row += s.head[std::size_t(y) * s.w + x];
    widest = std::max(widest, row);
  }
  if (widest > 0) {
    a->scale_px_per_cm = float(widest * s.factor) / kHeadWidthCm;
    a->scale_method = "head_width";
  }
}

}  // namespace

const char* view_name(View v) {
  switch (v) {
    case View::portrait: return "portrait";
    case View::front: return "front";
    case View::top: return "top";
    default: return "unknown";
  }
}

Result<Analysis> analyze(const Photo& photo, const AnalysisOptions& options) {
  const Image& img = photo.working;
  if (img.empty() || img.channels < 3 ||
      img.pixels.size() < std::size_t(img.width) * img.height * img.channels)
    return Error{"invalid_image", "The photo has no pixels to analyse."};
  if (img.width < 32 || img.height < 32)
    return Error{"too_small", "The photo is too small to analyse (under 32 pixels)."};
  const Result<Networks>& nets = networks();
  if (!nets.ok()) return nets.error();
  Analysis a;
  a.width = img.width;
  a.height = img.height;
  Clock clock(&a);

  // The person, from the whole photo (its reduced copy: the network sees
  // 256 pixels).
  const int f = reduction_factor(img, kReducedSide);
  HeadPrior prior;
  prior.reduced = shrink(img, f);
  const Image reduced = to_image(prior.reduced);
  const float px = float(f);
  const std::vector<std::uint32_t> taps(kStageTaps.begin(), kStageTaps.end());
  std::vector<infer::Tensor> tapped;
  Result<Plane> person_p = person_probability(nets->selfie, reduced, &taps, &tapped);
  if (!person_p.ok()) return person_p.error();
  // The network learnt people upright: a bare crown filling the frame or the
  // back of a caped head it may not see upright, yet see a quarter turn
  // away. With next to no person upright, both quarter turns are tried and
  // the one that sees the most person is kept, turned back (same field of
  // view). A half turn seldom sees more than both quarter turns.
  // The stage features then come from the run that saw the person too, so
  // `person_turn` remembers its frame.
  int person_turn = 0;
  if (float best = person_share(person_p.value()); best < kFewPerson) {
    for (int turns = 1; turns < 4; turns += 2) {
      const Image t = apply_orientation(reduced, turns == 1 ? 6 : 8);  // EXIF's clockwise quarter turns
      std::vector<infer::Tensor> turn_tapped;
      Result<Plane> p = person_probability(nets->selfie, t, &taps, &turn_tapped);
      if (!p.ok()) return p.error();
      Plane back(p->h, p->w);  // a quarter turn swaps the sides
      back.v = turned(p->v, p->w, p->h, -turns);
      if (const float share = person_share(back); share > best)
        best = share, person_p = std::move(back), tapped = std::move(turn_tapped), person_turn = turns;
    }
    a.timings_ms.emplace_back("person_turns", 2.0);
  }
  clock.lap("person");

  // The face, searched on the reduced photo (the detector sees 128 pixels).
  int face_runs = 0;
  Result<std::optional<FaceDetection>> found = detect_face(nets->blazeface, reduced, person_p.value(), &face_runs);
  if (!found.ok()) return found.error();
  a.timings_ms.emplace_back("face_runs", double(face_runs));
  std::optional<Face> face;
  if (found.value()) {
    FaceDetection d = *found.value();
    d.box.min *= px, d.box.max *= px;
    for (glm::vec2& k : d.keypoints) k *= px;
    face = face_from(d);
    a.face_evidence = d.score;
  }
  clock.lap("face");

  // The head: the person mask along the photo's edges (at the reduced
  // size), cut below the jaw, then brought to the working size.
  Result<Plane> soft = person_mask_at(person_p.value(), reduced);
  if (!soft.ok()) return soft.error();
  const int rw = reduced.width, rh = reduced.height;
  prior.person.assign(std::size_t(rw) * rh, 0);
  for (std::size_t i = 0; i < prior.person.size(); ++i) prior.person[i] = soft->v[i] >= kPersonThreshold;
  prior.head = head_from_person(prior.person, rw, rh, face, px);
  // No person, no head: a "face" there (a poster, a pattern) is not one,
  // and nothing below is measured on it.
  const bool no_head = float(std::count(prior.head.begin(), prior.head.end(), 1)) < kTinyHead * float(prior.head.size());
  if (no_head) face.reset(), a.face_evidence = 0, std::fill(prior.head.begin(), prior.head.end(), 0);
  // The taps lie in the frame of the run that saw the person: the head
  // follows them there (a quarter turn swaps the sides).
  a.stage_features = person_turn ? pooled_features(tapped, turned(prior.head, rw, rh, person_turn), rh, rw)
                                 : pooled_features(tapped, prior.head, rw, rh);
  tapped.clear();
  clock.lap("head");

  if (face) prior.skin_seeds = face_skin_seeds(*face, rw, rh, px);
  Segmentation s = segment_head(img, kReducedSide, &prior);
  clock.lap("segment");

  // Measured in the frame the face is upright in, so the brow line is a row.
  const int turns = face ? face->d.turn : 0;
  std::optional<float> brow;
  std::optional<Segmentation> turned_s;  // only built when the face is not upright
  const Segmentation& t = turns ? turned_s.emplace(turned(s, turns)) : s;
  if (face) brow = turned_point(face->glabella / px - 0.5f, turns, s.w, s.h).y;
  Mask region = scalp_region(t, brow);
  const HairlineScan scan = hairline_scan(s, face, px, turns);
  for (glm::vec2 p : current_hairline(t, region, scan.start, scan.x0, scan.x1, face.has_value()))
    a.hairline.push_back(unturned(p, turns, s.w, s.h) * px);
  if (turns) region = smp::turned(region, t.w, t.h, -turns);
  a.pattern = measure_pattern(s, region);
  clock.lap("scalp");

  if (face) {
    a.turn_to_upright = face->d.turn;
    a.upside_down = face->d.turn == 2;
    if (face->d.turn == 0) {
      const FaceDetection& d = face->d;
      a.face = Box{d.box.min.x, d.box.min.y, d.box.width(), d.box.height()};
      Landmarks l;
      // eyes[0] is the image-left one: the subject's right eye when upright.
      l.eyes[0] = d.keypoints[blazeface::kRightEye];
      l.eyes[1] = d.keypoints[blazeface::kLeftEye];
      const glm::vec2 out = (l.eyes[1] - l.eyes[0]) * kOuterCorner;
      l.eye_outer[0] = l.eyes[0] - out;
      l.eye_outer[1] = l.eyes[1] + out;
      l.ears[0] = d.keypoints[blazeface::kRightEar];
      l.ears[1] = d.keypoints[blazeface::kLeftEar];
      l.glabella = face->glabella;
      l.brow_y = face->glabella.y;
      l.chin = face->chin;
      a.landmarks = l;
    } else {
      // A face not upright in the frame is kept off the design but gives no
      // landmarks: the design works in the photo's own frame.
      a.tilted_face = TiltedFace{face->glabella, face->up, 0.5f * face->d.box.width()};
    }
  }
  a.head_fraction = float(std::count(prior.head.begin(), prior.head.end(), 1)) / float(prior.head.size());
  classify_view(s, face, &a);
  scale_from(s, face, &a);
  a.bald_fraction = a.pattern.bald_fraction;
  if (a.scale_px_per_cm) {
    double bare = 0;
    for (std::size_t i = 0; i < region.size(); ++i) bare += region[i] && s.hair.v[i] < kThinning;
    const double cm_per_px = s.factor / double(*a.scale_px_per_cm);
    a.area_cm2 = float(bare * cm_per_px * cm_per_px);
  }
  const Stage nw = norwood_from_features(a.stage_features).value_or(Stage{});
  const Stage st = options.female ? ludwig_grade(a.pattern) : nw;
  a.norwood_stage = nw.stage;
  a.norwood_score = nw.score;
  // The stage model's confidence is measured on colour photos of every view;
  // a grayscale photo lies outside what it was trained on. The hand-made
  // Ludwig grade also doubts face-on views, where the crown is out of sight.
  const float colour_doubt = s.model.grayscale ? kGrayscaleDoubt : 1.0f;
  const float view_doubt = a.view == View::front || a.view == View::portrait ? kTiltedViewDoubt : 1.0f;
  // No head recognised in any view: whatever pattern was measured is not a
  // stage to rely on.
  const float cap = no_head ? 0.0f : 1.0f;
  a.norwood_confidence = std::min(nw.confidence * colour_doubt, cap);
  if (options.female) {
    const float ludwig_cap = a.view == View::unknown ? kUnknownViewConfidence : cap;
    a.ludwig_grade = st.stage;
    a.ludwig_confidence = std::min(st.confidence * colour_doubt * view_doubt, ludwig_cap);
  }
  const float stage_confidence = options.female ? a.ludwig_confidence : a.norwood_confidence;
  a.confidence = stage_confidence * (0.5f + 0.5f * a.view_confidence);
  a.hair_rgb = s.hair_rgb;
  a.skin_rgb = s.skin_rgb;
  clock.lap("stage");
  upsample(s, soft.value(), region, &a);
  if (face && face->d.turn == 0) label_face_skin(s, *face, &a);
  clock.lap("masks");
  double total = 0;
  for (const auto& tm : a.timings_ms)
    if (tm.first != "face_runs") total += tm.second;
  a.timings_ms.emplace_back("total", total);
  return a;
}

std::vector<std::uint8_t> labels_at(const Analysis& a, int w, int h) {
  if (w <= 0 || h <= 0 || a.width <= 0 || a.height <= 0 || a.labels.size() != std::size_t(a.width) * a.height)
    return {};
  std::vector<std::uint8_t> out(std::size_t(w) * h);
  std::vector<int> cols(w);
  for (int x = 0; x < w; ++x) cols[x] = std::min(a.width - 1, int((x + 0.5) * a.width / w));
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = &a.labels[std::size_t(std::min(a.height - 1, int((y + 0.5) * a.height / h))) * a.width];
    for (int x = 0; x < w; ++x) out[std::size_t(y) * w + x] = row[cols[x]];
  }
  return out;
}

std::string analysis_json(const Analysis& a, const Photo& photo) {
  const double s = photo.scale;
  auto point = [&](JsonWriter& j, glm::vec2 p) {
    j.begin_array().value(p.x * s).value(p.y * s).end_array();
  };
  JsonWriter j;
  j.begin_object();
  j.key("view").value(view_name(a.view));
  j.key("view_confidence").value(double(a.view_confidence));
  j.key("face_evidence").value(double(a.face_evidence));
  j.key("upside_down").value(a.upside_down);
  j.key("turn_to_upright").value(a.turn_to_upright);
  j.key("image").begin_object().key("width").value(photo.original_width)
      .key("height").value(photo.original_height).end_object();
  j.key("face");
  if (a.face)
    j.begin_object().key("x").value(a.face->x * s).key("y").value(a.face->y * s)
        .key("w").value(a.face->w * s).key("h").value(a.face->h * s).end_object();
  else
    j.null();
  j.key("landmarks");
  if (a.landmarks) {
    j.begin_object();
    j.key("glabella"); point(j, a.landmarks->glabella);
    j.key("eyes").begin_array(); point(j, a.landmarks->eyes[0]); point(j, a.landmarks->eyes[1]); j.end_array();
    j.key("eye_outer").begin_array(); point(j, a.landmarks->eye_outer[0]); point(j, a.landmarks->eye_outer[1]); j.end_array();
    j.key("ears").begin_array(); point(j, a.landmarks->ears[0]); point(j, a.landmarks->ears[1]); j.end_array();
    j.key("brow_y").value(a.landmarks->brow_y * s);
    j.key("chin"); point(j, a.landmarks->chin);
    j.end_object();
  } else {
    j.null();
  }
  j.key("scale_px_per_cm");
  if (a.scale_px_per_cm) j.value(*a.scale_px_per_cm / s); else j.null();
  j.key("scale_method").value(a.scale_method);
  j.key("hairline").begin_object().key("current").begin_array();
  for (glm::vec2 p : a.hairline) point(j, p);
  j.end_array().end_object();
  j.key("scalp").begin_object().key("bald_fraction").value(double(a.bald_fraction));
  j.key("area_cm2");
  if (a.area_cm2) j.value(double(*a.area_cm2)); else j.null();
  j.key("head_fraction").value(double(a.head_fraction));
  j.key("mean_density").value(double(a.pattern.mean_density));
  j.key("core_bald").value(double(a.pattern.core_bald));
  j.key("rim_hair").value(double(a.pattern.rim_hair));
  j.key("bare_blob").value(double(a.pattern.bare_blob));
  j.key("best_half_hair").value(double(a.pattern.best_half_hair));
  j.key("worst_half_hair").value(double(a.pattern.worst_half_hair));
  j.key("clear_bare").value(double(a.pattern.clear_bare));
  j.key("see_through").value(double(a.pattern.see_through));
  j.key("hair_depth").value(double(a.pattern.hair_depth));
  j.key("shows_through").value(double(shows_through(a.pattern)));
  j.end_object();
  j.key("norwood").begin_object().key("stage").value(a.norwood_stage)
      .key("confidence").value(double(a.norwood_confidence))
      .key("score").value(double(a.norwood_score)).end_object();
  j.key("ludwig");
  if (a.ludwig_grade > 0)
    j.begin_object().key("grade").value(a.ludwig_grade).key("confidence").value(double(a.ludwig_confidence)).end_object();
  else
    j.null();
  j.key("confidence").value(double(a.confidence));
  j.key("segmentation_quality").value(double(a.pattern.quality));
  auto rgb = [&](const std::array<std::uint8_t, 3>& c) {
    j.begin_array().value(int(c[0])).value(int(c[1])).value(int(c[2])).end_array();
  };
  j.key("hair_rgb"); rgb(a.hair_rgb);
  j.key("skin_rgb"); rgb(a.skin_rgb);
  j.key("timings_ms").begin_object();
  for (const auto& [name, ms] : a.timings_ms) j.key(name).value(ms);
  j.end_object();
  j.end_object();
  return j.str();
}

}  // namespace smp

// analysis.cpp - the analysis pipeline: reduce, segment, find the face,
// measure the scalp, stage the loss, then map everything back to working
// pixels. The heavy lifting happens at a reduced size (see segmentation.h).
#include "analysis.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include <glm/geometric.hpp>

#include "face.h"
#include "head_outline.h"
#include "json.h"
#include "scalp.h"
#include "segmentation.h"

namespace smp {
namespace {

constexpr int kReducedSide = 320;   // long side the analysis runs at
constexpr float kIpdCm = 6.3f;      // adult interpupillary distance
constexpr float kHeadWidthCm = 15;  // adult head width
constexpr float kTrustFace = 0.4f;   // face-finder confidence needed to use a face
constexpr float kCutFace = 0.6f;     // ... to keep the face out of the scalp measure
// Bare skin below the chin, as a share of the head outline, beyond which the
// face is not believed (portraits in misc/ reach 0.12; turned top-of-head
// photos with a false face 0.35-0.5).
constexpr float kMaxSkinBelowChin = 0.25f;
// Share of the head outline that must lie above a face's brow line for the
// face to be cut out of the scalp (face-on portraits in misc/ keep 0.28-0.95;
// upside-down faces in turned photos from above 0-0.08).
constexpr float kMinScalpAboveBrow = 0.15f;
// How much darker (as a share of skin luminance) the band where an upright
// face is light must be than where it is dark, in both the brow and the
// mouth test, to call a face upside down. Upright faces in misc/ and the
// hair-loss photos reach 0.16 in one test but never beyond 0.05 in both;
// the upside-down face of hairloss/19-Front reads 0.29 and 0.41.
constexpr float kFlippedBand = 0.12f;
// Norwood confidence factor for face-on and forward-tilted views.
constexpr float kTiltedViewDoubt = 0.7f;
// ... and for photos without colour: skin, wall and clothes are then told
// apart by luminance alone. The hair-loss photos turned grey are staged
// 1.66x as far off as in colour (MAE 1.03 against 0.62, robustness_eval),
// and 5 of their 22 readings with confidence >= 0.5 were off by 2+ levels.
constexpr float kGrayscaleDoubt = 0.6f;
// Highest confidence of anything staged when no view was recognised.
constexpr float kUnknownViewConfidence = 0.2f;
// Hair-share gap between the head's best and worst half above which the
// photo is taken as forward-tilted ("front"); 74 % of the hair-loss photos'
// Front/Top-Down labels agree (one threshold, chosen on those photos).
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

// Reduced-image masks and densities up to the working size. Bilinear for
// the density (it feeds rendering), nearest for the classes; the per-column
// lookups are computed once so the per-pixel work is a few loads.
void upsample(const Segmentation& s, const Mask& head, const Mask& scalp, Analysis* a) {
  const std::size_t n = std::size_t(a->width) * a->height;
  a->labels.assign(n, kBackground);
  a->hair_density.assign(n, 0);
  a->head_mask.assign(n, 0);
  a->scalp_mask.assign(n, 0);
  const float inv = 1.0f / float(s.factor);
  struct Tap { int x0, x1, nearest; float t; };
  std::vector<Tap> cols(a->width);
  for (int x = 0; x < a->width; ++x) {
    const float fx = std::clamp((x + 0.5f) * inv - 0.5f, 0.0f, float(s.w - 1));
    cols[x] = {int(fx), std::min(int(fx) + 1, s.w - 1), std::min(int(x * inv), s.w - 1), fx - int(fx)};
  }
  for (int y = 0; y < a->height; ++y) {
    const float fy = std::clamp((y + 0.5f) * inv - 0.5f, 0.0f, float(s.h - 1));
    const int y0 = int(fy), y1 = std::min(y0 + 1, s.h - 1);
    const float ty = fy - y0;
    const float* r0 = &s.hair.v[std::size_t(y0) * s.w];
    const float* r1 = &s.hair.v[std::size_t(y1) * s.w];
    const std::size_t srow = std::size_t(std::min(int(y * inv), s.h - 1)) * s.w;
    const std::size_t row = std::size_t(y) * a->width;
    for (int x = 0; x < a->width; ++x) {
      const std::size_t si = srow + cols[x].nearest;
      if (!head[si]) {
        // Outside the head: the frame's background, bare skin (neck,
        // shoulders, other people) or anything else (clothes, objects).
        if (!s.background[si])
          a->labels[row + x] = s.skin.v[si] > 0.5f && s.hair.v[si] < kThinning ? kSkin : kOther;
        continue;
      }
      const Tap& c = cols[x];
      const float top = r0[c.x0] + (r0[c.x1] - r0[c.x0]) * c.t;
      const float bottom = r1[c.x0] + (r1[c.x1] - r1[c.x0]) * c.t;
      const float d = std::clamp(top + (bottom - top) * ty, 0.0f, 1.0f);
      const std::size_t i = row + x;
      a->head_mask[i] = 1;
      a->scalp_mask[i] = scalp[si] && d < kThinning;
      a->hair_density[i] = std::uint8_t(255 * d + 0.5f);
      a->labels[i] = d >= kThinning ? kHair : s.skin.v[si] > 0.2f ? kSkin : kOther;
    }
  }
}

// A face is textured (pores, wrinkles, features) and so reads partly as
// "hair" to the density measure; below the brows a face's skin-coloured
// pixels are skin, the rest (eyes, glasses, mouth) other. Beards keep their
// density, only the class changes.
void label_face_skin(const Segmentation& s, Analysis* a) {
  const Box& b = *a->face;
  const float inv = 1.0f / float(s.factor);
  const int y0 = std::max(0, int(a->landmarks->brow_y)), y1 = std::min(a->height, int(b.y + b.h));
  const int x0 = std::max(0, int(b.x)), x1 = std::min(a->width, int(b.x + b.w));
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const std::size_t i = std::size_t(y) * a->width + x;
      if (!a->head_mask[i]) continue;
      const std::size_t si = std::size_t(std::min(int(y * inv), s.h - 1)) * s.w + std::min(int(x * inv), s.w - 1);
      a->labels[i] = s.skin.v[si] > 0.2f ? kSkin : kOther;
    }
}

// Share of the head outline that is bare skin below the face's chin.
float bare_skin_below_chin(const Segmentation& s, const FaceFinding& face) {
  const int below = std::max(0, int(face.landmarks.chin.y + 0.1f * face.box.w) + 1);
  double n = 0, all = 0;
  for (std::size_t i = 0; i < s.head.size(); ++i)
    if (s.head[i]) all += 1, n += int(i / s.w) >= below && s.skin.v[i] > 0.5f && s.hair.v[i] < kThinning;
  return all > 0 ? float(n / all) : 0.0f;
}

// How much darker the band where an upright face is dark is than the band
// mirrored through the eyes (darkest_row_band), as a share of skin
// luminance (0 when either leaves the frame).
float band_margin(const Segmentation& s, const Landmarks& l, float from, float to, bool centre, int dark_side) {
  const float d = glm::length(l.eyes[1] - l.eyes[0]);
  const RowBand up = darkest_row_band(s.lum, l.eyes[0], l.eyes[1], d, -1, from, to, centre);
  const RowBand down = darkest_row_band(s.lum, l.eyes[0], l.eyes[1], d, +1, from, to, centre);
  if (!up.found || !down.found || up.clipped || down.clipped) return 0;
  return (dark_side < 0 ? down.mean - up.mean : up.mean - down.mean) / std::max(10.0f, s.model.y_median);
}

// A face found upside down (a forward-tilted head photographed from above,
// or a turned photo) has its brows below the eyes and its mouth above them.
// Each cue alone misleads (glasses rims darken the band below the eyes, a
// moustache or a low fringe the band above), so both must say so.
bool upside_down(const Segmentation& s, const FaceFinding& face) {
  const Landmarks& l = face.landmarks;
  return band_margin(s, l, 0.2f, 0.55f, false, -1) < -kFlippedBand &&
         band_margin(s, l, 0.8f, 1.2f, true, +1) < -kFlippedBand;
}

// Below the chin is neck and clothes, not head (dark clothes read as hair
// and would join the head outline); beside the lower face are shoulders.
void trim_head_to_face(const FaceFinding& face, Segmentation* s) {
  const int below = std::clamp(int(face.landmarks.chin.y + 0.1f * face.box.w), 0, s->h);
  std::fill(s->head.begin() + std::size_t(below) * s->w, s->head.end(), 0);
  const int eyes = std::clamp(int(face.landmarks.eyes[0].y), 0, s->h);
  // Ears reach a little past the face box at eye level; below the nose
  // the jaw narrows inside it (collars and suit shoulders do not).
  const float ipd = glm::length(face.landmarks.eyes[1] - face.landmarks.eyes[0]);
  const int jaw = std::clamp(int(face.landmarks.eyes[0].y + 0.9f * ipd), eyes, below);
  for (int y = eyes; y < below; ++y) {
    const float margin = (y < jaw ? 0.3f : 0.05f) * face.box.w;
    const float left = face.box.x - margin, right = face.box.x + face.box.w + margin;
    for (int x = 0; x < s->w; ++x)
      if (x < left || x > right) s->head[std::size_t(y) * s->w + x] = 0;
  }
}

// The finder's face when it is confident, whole and spans its head (a false
// face, shading on a bald crown, would cut the scalp at a phantom brow), has
// no bare scalp below its chin (a bald scalp continuing past a false or
// upside-down face) and is not upside down (sets *upside).
std::optional<FaceFinding> trusted(const Segmentation& s, std::optional<FaceFinding> face, bool* upside) {
  if (face && (!face->full_face || face->confidence < kTrustFace)) face.reset();
  if (face && bare_skin_below_chin(s, *face) > kMaxSkinBelowChin) face.reset();
  if (face && upside_down(s, *face)) {
    if (upside) *upside = true;
    face.reset();
  }
  return face;
}

// Only a clearly found face is cut out of the scalp measurement (a cut at a
// wrong brow line costs more than counting a face as bare), and only when
// the cut keeps a scalp above the brows: a face that leaves almost nothing
// of its head above the brow line is upside down or false (a turned photo
// from above), or one of many in the frame.
bool cuttable(const Segmentation& s, const FaceFinding& face) {
  return face.confidence >= kCutFace && head_share_above(s, face.landmarks.brow_y) >= kMinScalpAboveBrow;
}

// A face looking down under a head tilted toward the camera, found in `s`
// turned by `turns` quarter turns.
struct TurnedFace {
  int turns = 0;
  Segmentation s;  // turned
  FaceFinding face;
};

// A tilted face is believed only when the mirrored frame shows one too,
// its brow line within a quarter of a face width: the search's grid is not
// symmetric, and a cut that comes and goes with a mirror (18-Front, by
// about a third of the head) is not a finding.
bool mirror_agrees(const Segmentation& s, const FaceFinding& face) {
  const Segmentation ms = mirrored(s);
  const std::optional<FaceFinding> m = trusted(ms, find_tilted_face(ms), nullptr);
  return m && cuttable(ms, *m) &&
         std::fabs(m->landmarks.brow_y - face.landmarks.brow_y) <= 0.25f * std::min(face.box.w, m->box.w);
}

// Quarter turns (clockwise) that bring the head's least-haired half (below,
// right of, above or left of its centre) to the bottom of the frame: under a
// head tilted toward the camera the face, bare of scalp hair, lies there.
// One turned search instead of three keeps the analysis fast, and a mirror
// swaps left and right, so the choice mirrors with the photo.
int turns_to_bare_side(const Segmentation& s) {
  const Centroid c = mask_centroid(s.head, s.w);
  if (c.n == 0) return 0;
  const double cx = c.x, cy = c.y;
  std::array<double, 4> hair{}, count{};  // indexed by the turns that bring the side down
  for (int y = 0; y < s.h; ++y)
    for (int x = 0; x < s.w; ++x) {
      const std::size_t i = std::size_t(y) * s.w + x;
      if (!s.head[i]) continue;
      const int side[2] = {y > cy ? 0 : 2, x > cx ? 1 : 3};
      for (int k : side) hair[k] += s.hair.v[i], count[k] += 1;
    }
  int best = 0;
  for (int q = 1; q < 4; ++q)
    if (count[q] > 0 && (count[best] == 0 || hair[q] / count[q] < hair[best] / count[best])) best = q;
  return best;
}

std::optional<TurnedFace> turned_tilted_face(const Segmentation& s) {
  const int q = turns_to_bare_side(s);
  if (q == 0) return std::nullopt;  // find_face has looked there
  Segmentation t = turned(s, q);
  std::optional<FaceFinding> f = trusted(t, find_tilted_face(t), nullptr);
  if (!f || !cuttable(t, *f) || !mirror_agrees(t, *f)) return std::nullopt;
  return TurnedFace{q, std::move(t), *f};
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

// A tilted face found in `s` turned by `turns` quarter turns clockwise,
// mapped back to the upright frame in working pixels (`f` per reduced pixel).
TiltedFace tilted_face_upright(const FaceFinding& face, int turns, int w, int h, float f) {
  const glm::vec2 brow(face.landmarks.glabella.x, face.landmarks.brow_y);
  const glm::vec2 back = unturned(brow, turns, w, h);
  const glm::vec2 up = unturned(brow + glm::vec2(0, -1), turns, w, h) - back;
  return TiltedFace{(back + 0.5f) * f, up, 0.5f * face.box.w * f};
}

// The rows and columns the current hairline is scanned over: from just above
// the brows (their hairs are not the hairline), across the face's width;
// without a face, the whole head from the bottom up.
struct HairlineScan {
  float start;
  int x0, x1;
};
HairlineScan hairline_scan(const Segmentation& s, const std::optional<FaceFinding>& face) {
  if (!face) return {float(s.h - 1), 0, s.w - 1};
  const float ipd = glm::length(face->landmarks.eyes[1] - face->landmarks.eyes[0]);
  return {face->landmarks.brow_y - 0.4f * ipd, int(face->box.x - 0.05f * face->box.w),
          int(face->box.x + 1.05f * face->box.w)};
}

// Working-pixel copies of the reduced-image landmarks.
Landmarks to_working(const Landmarks& l, float f) {
  auto p = [f](glm::vec2 v) { return (v + 0.5f) * f; };
  Landmarks o;
  for (int k = 0; k < 2; ++k) o.eyes[k] = p(l.eyes[k]), o.eye_outer[k] = p(l.eye_outer[k]);
  o.brow_y = (l.brow_y + 0.5f) * f;
  o.glabella = p(l.glabella);
  o.chin = p(l.chin);
  return o;
}

// A face-on portrait shows a face; otherwise a head with lots of visible
// scalp seen from above is "top" when little skin lies below the hair and
// "front" when a skin band (forehead) is in view.
void classify_view(const Segmentation& s, const std::optional<FaceFinding>& face, Analysis* a) {
  if (face) {
    a->view = View::portrait;
    a->view_confidence = face->confidence;
    return;
  }
  // No head outline to speak of (nothing, or the whole frame: a flat or
  // noisy picture) means there is nothing trustworthy to report.
  if (a->head_fraction < 0.08f || a->head_fraction > 0.97f || s.quality < 0.15f) {
    a->view = View::unknown;
    a->view_confidence = 0;
    return;
  }
  // Seen from straight above, both halves of the head look alike (all hair,
  // all bare, or a ring); tilted forward, the face side is skin and the top
  // side keeps whatever hair there is, so one half has much less hair.
  const float asym = a->pattern.best_half_hair - a->pattern.worst_half_hair;
  a->view = asym > kFrontAsymmetry ? View::front : View::top;
  a->view_confidence = std::clamp(0.3f + std::fabs(asym - kFrontAsymmetry), 0.3f, 0.6f);
}

void scale_from(const Segmentation& s, const std::optional<FaceFinding>& face, Analysis* a) {
  a->scale_method = "none";
  if (face && face->eyes_found) {
    const float ipd = glm::length(a->landmarks->eyes[1] - a->landmarks->eyes[0]);
    a->scale_px_per_cm = ipd / kIpdCm;
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
  Analysis a;
  a.width = img.width;
  a.height = img.height;
  Clock clock(&a);

  Segmentation s = segment_head(img, kReducedSide);
  clock.lap("segment");
  std::optional<FaceFinding> face = find_face(s);
  a.face_evidence = face ? face->confidence : 0.0f;
  face = trusted(s, face, &a.upside_down);
  if (face && face->tilted && !mirror_agrees(s, *face)) face.reset();
  clock.lap("face");

  const float f = float(s.factor);
  std::optional<float> brow;
  bool cut_refused = false;  // a clear face whose brow line would leave no scalp
  if (face) {
    if (cuttable(s, *face)) {
      brow = face->landmarks.brow_y;
      trim_head_to_face(*face, &s);
    } else {
      cut_refused = face->confidence >= kCutFace;
    }
  }
  // A tilted face keeps itself out of the scalp measure by its brow line,
  // which holds on the hair-loss photos where one is found; its eyes do not
  // (on 6-Front and 18-Front at about half their true distance, on 18-Front
  // half of it too low), so it is no scale, no design anchor and no
  // portrait: it is not reported.
  std::optional<FaceFinding> reported;
  if (face && face->tilted && brow) a.tilted_face = tilted_face_upright(*face, 0, s.w, s.h, f);
  if (face && !face->tilted) {
    reported = face;
    a.face = Box{face->box.x * f, face->box.y * f, face->box.w * f, face->box.h * f};
    a.landmarks = to_working(face->landmarks, f);
  }
  Mask region = scalp_region(s, brow);
  // With no face upright, one looking down may lie in another quarter turn
  // (a photo from above has no natural up): cut out of the measure there.
  if (!face)
    if (std::optional<TurnedFace> tf = turned_tilted_face(s)) {
      trim_head_to_face(tf->face, &tf->s);
      region = turned(scalp_region(tf->s, tf->face.landmarks.brow_y), tf->s.w, tf->s.h, -tf->turns);
      s.head = turned(tf->s.head, tf->s.w, tf->s.h, -tf->turns);
      a.tilted_face = tilted_face_upright(tf->face, tf->turns, s.w, s.h, f);
      a.turn_to_upright = tf->turns;
    }
  if (a.upside_down && !a.tilted_face) a.turn_to_upright = 2;
  // The outline shown to the user also bounds what is measured: the frame's
  // background that passed for hair or skin (a wall, a chair) would dilute
  // the pattern, and a stage must describe the head the user sees.
  const Mask shown = head_outline(s, face ? &face->box : nullptr);
  Mask measured = region;
  for (std::size_t i = 0; i < measured.size(); ++i) measured[i] = measured[i] && shown[i];
  a.pattern = measure_pattern(s, measured);
  const HairlineScan scan = hairline_scan(s, face);
  for (glm::vec2 p : current_hairline(s, region, scan.start, scan.x0, scan.x1)) a.hairline.push_back(p * f);
  clock.lap("scalp");

  a.head_fraction = float(std::count(s.head.begin(), s.head.end(), 1)) / float(s.head.size());
  classify_view(s, reported, &a);
  scale_from(s, reported, &a);
  a.bald_fraction = a.pattern.bald_fraction;
  if (a.scale_px_per_cm) {
    double bare = 0;
    for (std::size_t i = 0; i < measured.size(); ++i) bare += measured[i] && s.hair.v[i] < kThinning;
    const double cm_per_px = s.factor / double(*a.scale_px_per_cm);
    a.area_cm2 = float(bare * cm_per_px * cm_per_px);
  }
  const Stage st = options.female ? ludwig_grade(a.pattern) : norwood_stage(a.pattern);
  const Stage nw = options.female ? norwood_stage(a.pattern) : st;
  a.norwood_stage = nw.stage;
  a.norwood_score = nw.score;
  // A face in view that could not be trusted, or not cut out, means forehead
  // and face skin may be counted as scalp: the stage is less certain.
  const float face_doubt = (a.face_evidence > 0 && !face) || cut_refused ? 0.6f : 1.0f;
  // Seen face-on or tilted forward, the top and crown are foreshortened or
  // out of view and recession hides against the forehead: on the labelled
  // photos these views are staged twice as far off as views from above.
  const float view_doubt = a.view == View::front || a.view == View::portrait ? kTiltedViewDoubt : 1.0f;
  const float doubt = face_doubt * view_doubt * (s.model.grayscale ? kGrayscaleDoubt : 1.0f);
  // No head recognised in any view: whatever pattern was measured is not a
  // stage to rely on (a gradient read "Norwood 2" at 0.72 without this).
  const float cap = a.view == View::unknown ? kUnknownViewConfidence : 1.0f;
  a.norwood_confidence = std::min(nw.confidence * doubt, cap);
  if (options.female) a.ludwig_grade = st.stage, a.ludwig_confidence = std::min(st.confidence * doubt, cap);
  a.confidence = std::min(st.confidence * doubt, cap) *
                 (0.5f + 0.5f * a.view_confidence);
  a.hair_rgb = s.hair_rgb;
  a.skin_rgb = s.skin_rgb;
  clock.lap("stage");
  upsample(s, shown, region, &a);
  if (a.face && a.landmarks) label_face_skin(s, &a);
  clock.lap("masks");
  double total = 0;
  for (const auto& t : a.timings_ms) total += t.second;
  a.timings_ms.emplace_back("total", total);
  return a;
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

#include "face.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

#include <glm/geometric.hpp>

namespace smp {
namespace {

constexpr std::size_t kCandidates = 8;  // face windows tried, best first
constexpr float kConfident = 0.4f;      // a finding trusted downstream (analysis.cpp)
// A runner-up fits the pattern worse than the winner, so it must also fit
// the face's width: its box (2.2 IPD) about as wide as the skin across the
// cheeks. Windows on one eye or on a shadowed cheek sit in a run twice as
// wide; the real face of the same photos measures 0.9-1.0.
constexpr float kRunnerUpRun[2] = {0.7f, 1.6f};
// ... and be clearly confident: shading on a bald top reaches ~0.4.
constexpr float kRunnerUpConfident = 0.7f;
// ... and be the subject, its box at least this share of the frame's short
// side wide: when the best window is refused (one eye of a side-lit face),
// a face-like patch in the background (7 % of the frame in paul_allen2)
// must not take its place.
constexpr float kRunnerUpMinWidth = 0.12f;
// A side-lit face is looked for only as the subject, at least this share of
// the frame's short side wide: a small window has too few pixels per eye to
// tell an eye from a shadow, and fits shading in hair.
constexpr float kSideLitMinWidth = 0.15f;
// ... and one half of the window at least this much brighter than the other.
constexpr float kSideLitRatio = 1.2f;
// Its lit cheek: skin share, hair density and brightness against the
// photo's typical skin (lit_cheek_is_skin). A parting in dark hair reads
// 0.1-0.4 skin, 1.0 hair there; the lit cheeks looked at (alex-lacamoire,
// misc/ portraits with half the face darkened) 0.57-0.92 skin and up to
// 0.63 hair (stubble, wrinkles).
constexpr float kLitCheekSkin = 0.5f, kLitCheekHair = 0.75f, kLitCheekBright = 0.8f;
// A window off the shadow line of a side-lit face (on one eye, shifted by an
// eye): the skin around it differs in light between its two sides by this
// much more than its own halves do, it is not trusted; from kOffShadow[0]
// on its confidence falls, gone at kOffShadow[1]. A face lit from one side
// has the shadow line down its middle, so its halves differ as much as the
// skin around it: misc/ portraits, as shot or with half the face darkened,
// read at most 1.07 (one 1.14), windows beside the shadow line up to 1.6
// (and false faces on four hairloss/ top-down photos 1.2-1.4: dropped).
constexpr float kOffShadow[2] = {1.1f, 1.2f};
// An even-light finding gives way to a convincing side-lit face elsewhere
// when the skin around it is lit from one side by at least this ratio
// (side_light; real faces as shot read 1.0-1.09 where a side-lit face is
// also found, the half-darkened portraits 1.1-2.5) and that face straddles
// its shadow line (off_shadow <= 1).
constexpr float kLitFromOneSide = 1.1f;
// A side-lit face replacing an even-light finding held in its lower half
// (encloses) is at least this much larger (eye distance).
constexpr float kEnclosingSize = 1.2f;

// The skin across a face's cheeks spans about its box (2.2 IPD): the
// face-on portraits in misc/ read 0.7-2.8. A box far wider than that skin
// is the pattern fitted over something else: a chair back above a bald
// crown (og_group4_19, 0.55), a ring of hair round a crown (og_group3_12,
// 0.43), an eye and an ear (hairloss 1-Front, 0.19). Confidence falls from
// kNarrowRun[1] and is gone at kNarrowRun[0].
constexpr float kNarrowRun[2] = {0.5f, 0.65f};

// A face is part of its head: the middle of its box lies inside the head
// outline (face-on portraits in misc/: 0.92 and more). Windows fitted on a
// sofa's pattern beside a head (hairloss 6-Front, confidence 1.0), on hair
// at the head's rim over a shirt or a floor (29-Top-Down, test_yash), or
// spanning a crown and the wall above it (39-Front) hold 0-0.37 of it.
// Confidence falls from kInHead[1] and is gone at kInHead[0].
constexpr float kInHead[2] = {0.5f, 0.7f};
// A face window's height over its width, forehead to mouth, face-on.
constexpr float kFaceOn = 1.25f;
// A head tilted toward the camera (the "Front" photos of hairloss/: the
// top of the head and a face looking down) foreshortens the face: its
// eyes-to-mouth distance shrinks against the eye distance. On 14-Front,
// eyes 120 px apart, mouth 80 px below them (reduced pixels): a window of
// 0.6 its width. Searched only when no face is found face-on (find_face).
constexpr float kTilted = 0.6f;
// A tilted face is kept only when at least this share of the head outline
// lies above its brows: the head is bent over it. Upside-down faces in
// turned photos (hairloss 13-Front, 35-Top-Down) have their head below.
constexpr float kTiltedHeadAbove = 0.5f;
// ... and only as the subject of the photo, its box at least this share of
// the frame's short side wide: real tilted faces in hairloss/ measure
// 0.25-0.74; the pattern also fits specks in a full head of hair seen from
// above at 0.07-0.08 (misc test_yash, og_group1_19).
constexpr float kTiltedMinWidth = 0.15f;

// Summed-area table for O(1) box means at any scale.
class Integral {
 public:
  explicit Integral(const Plane& p) : w_(p.w + 1), h_(p.h + 1), s_(std::size_t(w_) * h_, 0.0) {
    for (int y = 0; y < p.h; ++y) {
      double row = 0;
      for (int x = 0; x < p.w; ++x) {
        row += p.at(x, y);
        s_[std::size_t(y + 1) * w_ + x + 1] = s_[std::size_t(y) * w_ + x + 1] + row;
      }
    }
  }
  // Mean over [x0,x1) x [y0,y1), clipped.
  float mean(float x0, float y0, float x1, float y1) const {
    const int a = std::clamp(int(x0), 0, w_ - 1), b = std::clamp(int(y0), 0, h_ - 1);
    const int c = std::clamp(int(x1), a + 1, w_ - 1), d = std::clamp(int(y1), b + 1, h_ - 1);
    if (c <= a || d <= b) return 0;
    const double sum = s_[std::size_t(d) * w_ + c] - s_[std::size_t(b) * w_ + c] -
                       s_[std::size_t(d) * w_ + a] + s_[std::size_t(b) * w_ + a];
    return float(sum / (double(c - a) * (d - b)));
  }

 private:
  int w_, h_;
  std::vector<double> s_;
};

// Red-to-yellow hue with some saturation: every skin tone, few walls.
bool skin_hue(float r, float g, float b) {
  const float mx = std::max({r, g, b}), mn = std::min({r, g, b});
  if (mx < 1 || r < mx) return false;  // red is the brightest channel
  const float sat = (mx - mn) / mx;
  const float hue = 60.0f * (g - b) / std::max(1.0f, mx - mn);  // degrees from red
  return sat > 0.08f && sat < 0.62f && hue > -10.0f && hue < 55.0f;
}

// A face window: x, y = top-left (forehead), w = face width; h = aspect * w
// reaches the mouth.
struct Window {
  float x = 0, y = 0, w = 0;
  float score = 0;
  float aspect = kFaceOn;  // height over width
};

// Box means of a window at its eyes and cheeks (left, right), shared by both
// patterns: the first and most selective test is eyes darker than cheeks.
struct EyeBand {
  float eye[2], cheek[2];
  bool dark_eyes() const { return eye[0] < cheek[0] && eye[1] < cheek[1]; }
};

EyeBand eye_band(const Integral& lum, float x, float y, float w, float aspect) {
  const float h = aspect * w;
  auto m = [&](float fx0, float fy0, float fx1, float fy1) {
    return lum.mean(x + fx0 * w, y + fy0 * h, x + fx1 * w, y + fy1 * h);
  };
  return {{m(0.14f, 0.3f, 0.4f, 0.44f), m(0.6f, 0.3f, 0.86f, 0.44f)},
          {m(0.15f, 0.5f, 0.4f, 0.66f), m(0.6f, 0.5f, 0.85f, 0.66f)}};
}

// The hand-built face pattern, in fractions of the window: a bright
// forehead, a darker eye band split by a brighter nose bridge, bright
// cheeks, a darker mouth, and left/right halves that match. Each contrast is
// divided by the window's spread so lighting and skin tone drop out.
float face_pattern(const Integral& lum, const Integral& lum2, const Integral& skin, const EyeBand& band,
                   float x, float y, float w, float aspect, bool use_colour, float skin_y) {
  const float h = aspect * w;
  auto m = [&](const Integral& t, float fx0, float fy0, float fx1, float fy1) {
    return t.mean(x + fx0 * w, y + fy0 * h, x + fx1 * w, y + fy1 * h);
  };
  const float eye_l = band.eye[0], eye_r = band.eye[1], cheek_l = band.cheek[0], cheek_r = band.cheek[1];
  const float mean = m(lum, 0.1f, 0, 0.9f, 1);
  const float var = m(lum2, 0.1f, 0, 0.9f, 1) - mean * mean;
  const float sd = std::sqrt(std::max(var, 1.0f));
  if (sd < 0.06f * mean + 2) return 0;  // flat: no face here
  const float forehead = m(lum, 0.25f, 0.02f, 0.75f, 0.2f);
  const float bridge = m(lum, 0.44f, 0.3f, 0.56f, 0.44f);
  const float mouth = m(lum, 0.32f, 0.76f, 0.68f, 0.88f);
  const float nose = m(lum, 0.4f, 0.5f, 0.6f, 0.66f);
  const float eyes = 0.5f * (eye_l + eye_r), cheeks = 0.5f * (cheek_l + cheek_r);
  const float f_forehead = (forehead - eyes) / sd, f_cheeks = (cheeks - eyes) / sd;
  const float f_bridge = (bridge - eyes) / sd, f_mouth = (cheeks - mouth) / sd;
  const float f_nose = (nose - eyes) / sd;
  if (f_forehead < 0.15f || f_cheeks < 0.25f || f_bridge < 0.1f || f_nose < 0.1f) return 0;
  // Cheeks are lit skin, not dark hair of a skin-like hue.
  if (cheeks < 0.4f * skin_y) return 0;
  const float asym = (std::fabs(eye_l - eye_r) + std::fabs(cheek_l - cheek_r)) / sd;
  float score = std::min(f_forehead, 1.5f) + std::min(f_cheeks, 1.5f) + std::min(f_bridge, 1.2f) +
                0.5f * std::clamp(f_mouth, -1.0f, 1.0f) - 0.7f * asym;
  if (use_colour) {
    const float skin_share = m(skin, 0.15f, 0.0f, 0.85f, 0.7f);
    if (skin_share < 0.35f) return 0;
    score *= 0.5f + 0.5f * skin_share;
  }
  return std::max(score, 0.0f);
}

// The same face lit from one side, one half in shadow: each half's contrasts
// are divided by that half's own spread, the halves are compared by their
// eye/cheek ratios (which light from one side does not change), and the
// bridge is looked at on the lit half only. The nose box is not used: the
// nose's shadow and a smile's nostrils fill it.
float side_lit_pattern(const Integral& lum, const Integral& lum2, const Integral& skin, const EyeBand& band,
                       float x, float y, float w, float aspect, float skin_y) {
  const float h = aspect * w;
  auto m = [&](const Integral& t, float fx0, float fy0, float fx1, float fy1) {
    return t.mean(x + fx0 * w, y + fy0 * h, x + fx1 * w, y + fy1 * h);
  };
  const float* eye = band.eye;
  const float* cheek = band.cheek;
  const float mean[2] = {m(lum, 0.1f, 0, 0.5f, 1), m(lum, 0.5f, 0, 0.9f, 1)};
  const int lit = mean[1] > mean[0] ? 1 : 0;
  if (mean[lit] < kSideLitRatio * mean[1 - lit]) return 0;  // evenly lit: the usual pattern's case
  float f_cheek[2], f_fore[2], f_mouth[2], sd[2];
  for (int k = 0; k < 2; ++k) {
    const float a = k ? 0.5f : 0.1f;  // the half's columns: a .. a + 0.4
    sd[k] = std::sqrt(std::max(m(lum2, a, 0, a + 0.4f, 1) - mean[k] * mean[k], 1.0f));
    if (sd[k] < 0.06f * mean[k] + 2) return 0;  // flat: no face here
    const float fore = m(lum, k ? 0.5f : 0.25f, 0.02f, k ? 0.75f : 0.5f, 0.2f);
    const float mouth = m(lum, k ? 0.5f : 0.32f, 0.76f, k ? 0.68f : 0.5f, 0.88f);
    f_cheek[k] = (cheek[k] - eye[k]) / sd[k];
    f_fore[k] = (fore - eye[k]) / sd[k];
    f_mouth[k] = (cheek[k] - mouth) / sd[k];
  }
  const float bridge = lit ? m(lum, 0.5f, 0.3f, 0.56f, 0.44f) : m(lum, 0.44f, 0.3f, 0.5f, 0.44f);
  const float f_bridge = (bridge - eye[lit]) / sd[lit];
  const float fc = std::min(f_cheek[0], f_cheek[1]), ff = std::min(f_fore[0], f_fore[1]);
  if (ff < 0.15f || fc < 0.25f || f_bridge < 0.1f) return 0;
  if (cheek[lit] < 0.4f * skin_y) return 0;
  // Ratios, so one half in shadow does not count (floored: black boxes).
  const float asym = std::fabs(std::log(std::max(eye[0], 1.0f) / cheek[0]) -
                               std::log(std::max(eye[1], 1.0f) / cheek[1]));
  const float score = std::min(ff, 1.5f) + std::min(fc, 1.5f) + std::min(f_bridge, 1.2f) +
                      0.25f * (std::clamp(f_mouth[0], -1.0f, 1.0f) + std::clamp(f_mouth[1], -1.0f, 1.0f)) -
                      3.0f * asym;
  const float skin_share = m(skin, 0.15f, 0.0f, 0.85f, 0.7f);
  if (skin_share < 0.35f) return 0;
  return std::max(score * (0.5f + 0.5f * skin_share), 0.0f);
}

// Windows kept apart from each other (greedy non-maximum suppression) so a
// runner-up is a different place or size, not the winner shifted by a step.
std::vector<Window> keep_apart(const Window& best, std::vector<Window> all, std::size_t keep) {
  if (best.score <= 0) return {};
  std::sort(all.begin(), all.end(), [](const Window& a, const Window& b) { return a.score > b.score; });
  std::vector<Window> out{best};
  for (const Window& c : all) {
    if (out.size() >= keep) break;
    const bool near = std::any_of(out.begin(), out.end(), [&](const Window& o) {
      const float dx = (c.x + 0.5f * c.w) - (o.x + 0.5f * o.w), dy = c.aspect * ((c.y + 0.5f * c.w) - (o.y + 0.5f * o.w));
      return std::hypot(dx, dy) < 0.35f * std::min(c.w, o.w) && std::max(c.w, o.w) < 1.5f * std::min(c.w, o.w);
    });
    if (!near) out.push_back(c);
  }
  return out;
}

// The best windows of the usual pattern and of its side-lit variant.
struct Candidates {
  std::vector<Window> even, side_lit;
};

// Scans positions and sizes of windows of one `aspect`, with a mild
// preference for larger faces (the subject rather than a face in the
// background).
Candidates best_windows(const Segmentation& s, const Plane& lum_plane, std::size_t keep, float aspect) {
  Plane sq(s.w, s.h), skin(s.w, s.h);
  for (std::size_t i = 0; i < sq.v.size(); ++i) {
    sq.v[i] = lum_plane.v[i] * lum_plane.v[i];
    const float r = s.rgb.r.v[i], g = s.rgb.g.v[i], b = s.rgb.b.v[i];
    skin.v[i] = skin_hue(r, g, b);
  }
  const Integral lum(lum_plane), lum2(sq), skin_i(skin);
  const bool colour = !s.model.grayscale;
  std::vector<Window> all, all_side;
  Window best, best_side;
  const float largest = 0.95f * std::min(float(s.w), s.h / aspect);
  const float side_lit_from = kSideLitMinWidth * std::min(s.w, s.h);
  for (float w = 14; w <= largest; w *= 1.15f) {
    const float step = std::max(1.0f, w / 9), size_bonus = std::pow(w, 0.15f);
    for (float y = -0.1f * w; y + 0.8f * aspect * w <= s.h; y += step)  // down to the mouth
      for (float x = -0.05f * w; x + 0.95f * w <= s.w; x += step) {
        const EyeBand band = eye_band(lum, x, y, w, aspect);
        if (!band.dark_eyes()) continue;
        const float raw = face_pattern(lum, lum2, skin_i, band, x, y, w, aspect, colour, s.model.y_median);
        if (raw > 0) {
          const Window win{x, y, w, raw * size_bonus, aspect};
          if (win.score > best.score) best = win;
          // A runner-up is only taken when clearly confident, which needs
          // this much of the pattern (confidence <= pattern / 3): keep no others.
          if (raw >= 3 * kRunnerUpConfident) all.push_back(win);
        }
        if (w < side_lit_from || !colour) continue;
        const float side = side_lit_pattern(lum, lum2, skin_i, band, x, y, w, aspect, s.model.y_median);
        if (side > 0) {
          const Window win{x, y, w, side * size_bonus, aspect};
          if (win.score > best_side.score) best_side = win;
          if (side >= 3 * kRunnerUpConfident) all_side.push_back(win);
        }
      }
  }
  return {keep_apart(best, std::move(all), keep), keep_apart(best_side, std::move(all_side), keep)};
}

// Darkest spot (pupil and lashes) in a box of the blurred luminance.
glm::vec2 darkest(const Plane& blurred, float x0, float y0, float x1, float y1) {
  glm::vec2 at(0.5f * (x0 + x1), 0.5f * (y0 + y1));
  float low = 1e9f;
  for (int y = std::max(0, int(y0)); y <= std::min(blurred.h - 1, int(y1)); ++y)
    for (int x = std::max(0, int(x0)); x <= std::min(blurred.w - 1, int(x1)); ++x)
      if (blurred.at(x, y) < low) low = blurred.at(x, y), at = glm::vec2(x, y);
  return at;
}

// A horizontal dark band above the eyes (the brows), or a typical offset.
// `squash`: the face's vertical foreshortening (1 face-on).
float find_brow(const Plane& lum, glm::vec2 left, glm::vec2 right, float squash) {
  const float d = right.x - left.x;
  const RowBand band = darkest_row_band(lum, left, right, d, -1, 0.2f * squash, 0.55f * squash, false);
  return band.found ? band.y : 0.5f * (left.y + right.y) - 0.35f * squash * d;
}

// Skin of the photo's hue, not far darker than `ref` (without colour: about
// as bright as `ref`).
bool skin_like(const Segmentation& s, int x, int y, float ref) {
  const std::size_t i = std::size_t(y) * s.w + x;
  if (s.model.grayscale) return std::fabs(s.lum.v[i] - ref) < 0.2f * ref;
  return skin_hue(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]) && s.lum.v[i] > 0.3f * ref;
}

// Width of the skin run through `p` along its row: a face-on face is about
// as wide as its box; a "face" found in shading on a bald crown sits inside
// a much wider run of skin.
float skin_run(const Segmentation& s, glm::vec2 p) {
  const int y = std::clamp(int(p.y), 0, s.h - 1), x0 = std::clamp(int(p.x), 0, s.w - 1);
  const float ref = s.lum.get(x0, y);
  auto skin = [&](int x) { return skin_like(s, x, y, ref); };
  int lo = x0, hi = x0, gap = 0;
  for (int x = x0 - 1; x >= 0 && gap < 3; --x) gap = skin(x) ? 0 : gap + 1, lo = gap ? lo : x;
  gap = 0;
  for (int x = x0 + 1; x < s.w && gap < 3; ++x) gap = skin(x) ? 0 : gap + 1, hi = gap ? hi : x;
  return float(hi - lo + 1);
}

// How a finding sits in the light: over rows below its eyes, the brighter
// over the darker mean luminance of the skin either side of its middle,
// along the whole skin run (broad) and within the box only (own).
struct SideLight {
  float broad = 1, own = 1;
};

SideLight side_light(const Segmentation& s, glm::vec2 mid, float d, float half_box) {
  double sum[2] = {0, 0}, own_sum[2] = {0, 0};
  int n[2] = {0, 0}, own_n[2] = {0, 0};
  for (float k : {0.5f, 1.0f, 1.4f}) {  // cheeks, nose tip, mouth
    const int y = int(mid.y + k * d);
    if (y < 0 || y >= s.h) continue;
    const int x0 = std::clamp(int(mid.x), 0, s.w - 1);
    const float ref = s.lum.get(x0, y);
    for (int side = 0; side < 2; ++side) {
      const int step = side ? 1 : -1;
      int gap = 0;  // the run ends after 3 pixels of non-skin, as in skin_run
      for (int x = x0 + step; x >= 0 && x < s.w && gap < 3; x += step) {
        if (!skin_like(s, x, y, ref)) {
          ++gap;
          continue;
        }
        gap = 0;
        const float v = s.lum.v[std::size_t(y) * s.w + x];
        sum[side] += v, ++n[side];
        if (std::fabs(float(x) - mid.x) <= half_box) own_sum[side] += v, ++own_n[side];
      }
    }
  }
  auto ratio = [](const double* sm, const int* c) {
    if (!c[0] || !c[1]) return 1.0f;
    const float a = float(sm[0] / c[0]), b = float(sm[1] / c[1]);
    return std::max(a, b) / std::max(1.0f, std::min(a, b));
  };
  return {ratio(sum, n), ratio(own_sum, own_n)};
}

// Share of the middle of a face box (eyes to mouth, cheek to cheek) inside
// the head outline.
float head_share(const Segmentation& s, const Box& b) {
  int n = 0, in = 0;
  for (int y = int(b.y + 0.3f * b.h); y < int(b.y + 0.85f * b.h); ++y)
    for (int x = int(b.x + 0.1f * b.w); x < int(b.x + 0.9f * b.w); ++x, ++n)
      if (x >= 0 && y >= 0 && x < s.w && y < s.h) in += s.head[std::size_t(y) * s.w + x];
  return n ? float(in) / n : 0.0f;
}

// Mean of a plane over a box given in fractions of a face window.
float window_mean(const Plane& p, const Window& win, float fx0, float fy0, float fx1, float fy1) {
  const float h = win.aspect * win.w;
  double sum = 0;
  int n = 0;
  for (int y = std::max(0, int(win.y + fy0 * h)); y < std::min(p.h, int(win.y + fy1 * h)); ++y)
    for (int x = std::max(0, int(win.x + fx0 * win.w)); x < std::min(p.w, int(win.x + fx1 * win.w)); ++x)
      sum += p.at(x, y), ++n;
  return n ? float(sum / n) : 0.0f;
}

// The lit cheek of a side-lit face is clear bare skin of the photo's own
// skin colour, as bright as its typical skin: the side-lit pattern also
// fits a parting in dark hair, whose "cheeks" are hair.
bool lit_cheek_is_skin(const Segmentation& s, const Window& win) {
  const int lit = window_mean(s.lum, win, 0.5f, 0, 0.9f, 1) > window_mean(s.lum, win, 0.1f, 0, 0.5f, 1) ? 1 : 0;
  const float x0 = lit ? 0.6f : 0.15f, x1 = x0 + 0.25f;
  return window_mean(s.skin, win, x0, 0.5f, x1, 0.66f) >= kLitCheekSkin &&
         window_mean(s.hair, win, x0, 0.5f, x1, 0.66f) <= kLitCheekHair &&
         window_mean(s.lum, win, x0, 0.5f, x1, 0.66f) >= kLitCheekBright * s.model.y_median;
}

FaceFinding build(const Segmentation& s, const Window& win, bool side_lit = false) {
  FaceFinding f;
  const float w = win.w, h = win.aspect * w;
  const float squash = win.aspect / kFaceOn;  // distances down the face shrink by this
  const Plane blurred = box_blur(s.lum, std::max(1, int(w / 30)));
  Landmarks& l = f.landmarks;
  if (side_lit) {
    // The nose's shadow beside the shadowed eye is as dark as the eye but
    // runs on down the face: an eye is darker than the lids above and below.
    // Only the eye boxes below are read, so only they are filled.
    const int k = std::max(2, int(w / 15));
    Plane rel(s.w, s.h);
    for (int y = std::max(0, int(win.y + 0.28f * h)); y <= std::min(s.h - 1, int(win.y + 0.46f * h)); ++y)
      for (int x = std::max(0, int(win.x + 0.12f * w)); x <= std::min(s.w - 1, int(win.x + 0.88f * w)); ++x)
        rel.v[std::size_t(y) * s.w + x] =
            blurred.at(x, y) / std::max(1.0f, std::min(blurred.get(x, y - k), blurred.get(x, y + k)));
    l.eyes[0] = darkest(rel, win.x + 0.12f * w, win.y + 0.28f * h, win.x + 0.44f * w, win.y + 0.46f * h);
    l.eyes[1] = darkest(rel, win.x + 0.56f * w, win.y + 0.28f * h, win.x + 0.88f * w, win.y + 0.46f * h);
  } else {
    l.eyes[0] = darkest(blurred, win.x + 0.12f * w, win.y + 0.28f * h, win.x + 0.44f * w, win.y + 0.46f * h);
    l.eyes[1] = darkest(blurred, win.x + 0.56f * w, win.y + 0.28f * h, win.x + 0.88f * w, win.y + 0.46f * h);
  }
  float d = glm::length(l.eyes[1] - l.eyes[0]);
  if (d < 0.25f * w || d > 0.65f * w || std::fabs(l.eyes[1].y - l.eyes[0].y) > 0.25f * d) {
    // The darkest spots wandered (glasses, shadow): use the pattern's centres.
    l.eyes[0] = glm::vec2(win.x + 0.28f * w, win.y + 0.37f * h);
    l.eyes[1] = glm::vec2(win.x + 0.72f * w, win.y + 0.37f * h);
    d = glm::length(l.eyes[1] - l.eyes[0]);
  }
  // Real eyes are much darker than the cheeks below them; shading on a bald
  // head or a wall that happens to fit the pattern is not.
  const float cheeks = blurred.get(int(win.x + 0.5f * w), int(win.y + 0.58f * h));
  float contrast = 1;
  for (int k = 0; k < 2; ++k) {
    // Side-lit: each eye against the cheek below it, in the same light.
    const float own = side_lit ? blurred.get(int(l.eyes[k].x), int(l.eyes[k].y + 0.45f * squash * d)) : cheeks;
    contrast = std::min(contrast, 1 - blurred.get(int(l.eyes[k].x), int(l.eyes[k].y)) / std::max(own, 1.0f));
  }
  const glm::vec2 across = glm::normalize(l.eyes[1] - l.eyes[0]);
  l.eye_outer[0] = l.eyes[0] - across * (0.22f * d);  // an eye is ~3 cm wide
  l.eye_outer[1] = l.eyes[1] + across * (0.22f * d);
  l.brow_y = find_brow(s.lum, l.eyes[0], l.eyes[1], squash);
  const glm::vec2 mid = 0.5f * (l.eyes[0] + l.eyes[1]);
  l.glabella = glm::vec2(mid.x, l.brow_y);
  l.chin = glm::vec2(mid.x, mid.y + 1.8f * squash * d);  // pupils to chin ~ 11.5 cm
  const float top = mid.y - 1.3f * squash * d;           // up to a typical hairline
  f.box = Box{mid.x - 1.1f * d, top, 2.2f * d, l.chin.y - top};
  f.eyes_found = true;
  f.tilted = win.aspect < kFaceOn;
  f.full_face = l.chin.y < s.h * 1.05f && f.box.x > -0.15f * d && f.box.x + f.box.w < s.w + 0.15f * d;
  // Beside each eye (the temple) the face is lighter again; beside the
  // "eyes" of a hair ring around a bald crown it is still hair. Used only
  // without colour (hair beside the eyes and glasses make it noisy).
  float temples = 1;
  for (int k = 0; k < 2; ++k) {
    const float side = k ? 1.0f : -1.0f;
    const float eye = blurred.get(int(l.eyes[k].x), int(l.eyes[k].y));
    const float out = blurred.get(int(l.eyes[k].x + side * 0.38f * d), int(l.eyes[k].y));
    temples = std::min(temples, (out - eye) / std::max(1.0f, cheeks - eye));
  }
  // Skin between and above the brows, not background or hair: a dark ring
  // of hair around a bald crown mimics the eye pattern, but has no forehead.
  int fore_n = 0, fore_skin = 0;
  for (int y = int(mid.y - 0.7f * squash * d); y <= int(mid.y - 0.35f * squash * d); ++y)
    for (int x = int(mid.x - 0.3f * d); x <= int(mid.x + 0.3f * d); ++x) {
      if (x < 0 || y < 0 || x >= s.w || y >= s.h) continue;
      const std::size_t i = std::size_t(y) * s.w + x;
      ++fore_n;
      fore_skin += s.model.grayscale ? std::fabs(s.lum.v[i] - cheeks) < 0.2f * cheeks
                                     : skin_hue(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]) &&
                                           s.lum.v[i] > 0.4f * s.model.y_median;
    }
  const float forehead = fore_n ? float(fore_skin) / fore_n : 0;
  // The cheek row, below the eyes, avoids the dark eyes themselves.
  const float run = skin_run(s, glm::vec2(mid.x, mid.y + 0.5f * squash * d)) / f.box.w;
  f.skin_run = run;
  const SideLight light = side_light(s, mid, d, 0.5f * f.box.w);
  f.side_light = light.broad;
  const float off_shadow = f.off_shadow = light.broad / light.own;
  const float in_head = head_share(s, f.box);
  f.confidence = std::clamp(win.score / std::pow(w, 0.15f) / 3.0f, 0.0f, 1.0f) *
                 std::clamp((kOffShadow[1] - off_shadow) / (kOffShadow[1] - kOffShadow[0]), 0.0f, 1.0f) *
                 std::clamp((contrast - 0.05f) / 0.2f, 0.0f, 1.0f) *
                 std::clamp((3.5f - run) / 1.0f, 0.0f, 1.0f) *
                 std::clamp((run - kNarrowRun[0]) / (kNarrowRun[1] - kNarrowRun[0]), 0.0f, 1.0f) *
                 std::clamp((in_head - kInHead[0]) / (kInHead[1] - kInHead[0]), 0.0f, 1.0f) *
                 std::clamp((forehead - 0.3f) / 0.3f, 0.0f, 1.0f) *
                 (s.model.grayscale ? std::clamp((temples - 0.1f) / 0.3f, 0.0f, 1.0f) : 1.0f);
  return f;
}

// A runner-up's box (2.2 IPD) is about as wide as the skin across its cheeks.
bool face_wide(const FaceFinding& f) { return f.skin_run > kRunnerUpRun[0] && f.skin_run < kRunnerUpRun[1]; }

// The most confident of wins[from..] that is clearly confident and face-wide.
std::optional<FaceFinding> runner_up(const Segmentation& s, const std::vector<Window>& wins, std::size_t from,
                                     bool side_lit) {
  std::optional<FaceFinding> best;
  for (std::size_t k = from; k < wins.size(); ++k) {
    FaceFinding f = build(s, wins[k], side_lit);
    const bool subject = f.box.w >= kRunnerUpMinWidth * std::min(s.w, s.h);
    if (subject && face_wide(f) && f.confidence >= kRunnerUpConfident && (!best || f.confidence > best->confidence))
      best = f;
  }
  return best;
}

// A face lit from one side, under the runner-up rules, among the side-lit
// windows whose lit cheek is skin. Colour photos only: without hue, a lit
// cheek cannot be told from lit hair or wall.
// With `around`, only windows that could enclose that finding (encloses(),
// with slack for where the eyes fall in a window) are built.
std::optional<FaceFinding> side_lit_face(const Segmentation& s, const Candidates& c,
                                         const FaceFinding* around = nullptr) {
  if (s.model.grayscale) return std::nullopt;
  auto could_enclose = [&](const Window& w) {
    if (!around) return true;
    const Landmarks& l = around->landmarks;
    const glm::vec2 m = 0.5f * (l.eyes[0] + l.eyes[1]);
    return w.w >= 2.2f * glm::length(l.eyes[1] - l.eyes[0]) && m.y > w.y + 0.55f * w.w &&
           m.y < w.y + 1.4f * w.w && m.x > w.x + 0.15f * w.w && m.x < w.x + 0.85f * w.w;
  };
  std::vector<Window> wins;
  std::copy_if(c.side_lit.begin(), c.side_lit.end(), std::back_inserter(wins),
               [&](const Window& w) { return could_enclose(w) && lit_cheek_is_skin(s, w); });
  return runner_up(s, wins, 0, true);
}

// `outer` holds `inner` in its lower face: larger, with inner's eyes below
// its own (between the nose and the chin) and between its eyes.
bool encloses(const FaceFinding& outer, const FaceFinding& inner) {
  const Landmarks &o = outer.landmarks, &i = inner.landmarks;
  const float od = glm::length(o.eyes[1] - o.eyes[0]), id = glm::length(i.eyes[1] - i.eyes[0]);
  const glm::vec2 om = 0.5f * (o.eyes[0] + o.eyes[1]), im = 0.5f * (i.eyes[0] + i.eyes[1]);
  return od >= kEnclosingSize * id && im.y > om.y + 0.5f * od && im.y < o.chin.y && im.x > o.eyes[0].x &&
         im.x < o.eyes[1].x;
}

// Both eyes of `a` within a third of its eye distance of `b`'s.
bool same_eyes(const FaceFinding& a, const FaceFinding& b) {
  const Landmarks &p = a.landmarks, &q = b.landmarks;
  const float d = glm::length(p.eyes[1] - p.eyes[0]);
  return glm::length(p.eyes[0] - q.eyes[0]) < d / 3 && glm::length(p.eyes[1] - q.eyes[1]) < d / 3;
}

}  // namespace

RowBand darkest_row_band(const Plane& lum, glm::vec2 left, glm::vec2 right, float d, int dir, float from,
                         float to, bool centre) {
  const float my = 0.5f * (left.y + right.y), mx = 0.5f * (left.x + right.x);
  const int y0 = dir < 0 ? int(my - to * d) : int(my + from * d);
  const int y1 = dir < 0 ? int(my - from * d) : int(my + to * d);
  RowBand band;
  for (int y = y0; y <= y1; ++y) {
    if (y < 0 || y >= lum.h) {
      band.clipped = true;
      continue;
    }
    float sum = 0;
    int n = 0;
    for (int x = int(mx - 0.75f * d); x <= int(mx + 0.75f * d); ++x) {
      const float off = std::fabs(x - mx);
      if (x >= 0 && x < lum.w && (centre ? off < 0.35f * d : off > 0.25f * d)) sum += lum.at(x, y), ++n;
    }
    if (n && (!band.found || sum / n < band.mean)) band.mean = sum / n, band.y = float(y), band.found = true;
  }
  return band;
}

namespace {

// The face-finding decision over windows of one aspect.
std::optional<FaceFinding> find_face_shaped(const Segmentation& s, float aspect) {
  const Candidates c = best_windows(s, s.lum, kCandidates, aspect);
  const std::vector<Window>& wins = c.even;
  std::optional<FaceFinding> first;
  std::optional<FaceFinding> even;  // what the search under even light settles on
  if (!wins.empty()) {
    first = build(s, wins.front());
    // A trusted winner stands, unless it is only just trusted and sits in a
    // skin run unlike a face's (on one eye, or a shadowed cheek).
    if (first->confidence >= kConfident && (first->confidence >= kRunnerUpConfident || face_wide(*first)))
      even = first;
    // The best-fitting window was not convincing (eyes on nostrils, a shadow):
    // a runner-up may be the face. Only a convincing runner-up replaces it.
    else if (first->confidence < kConfident)
      even = runner_up(s, wins, 1, false);
  }
  if (even) {
    // Moustache and lips can read as eyes and mouth: a convincing side-lit
    // face around the even-light finding, its eyes well above, is the face.
    std::optional<FaceFinding> side = side_lit_face(s, c, &*even);
    if (side && encloses(*side, *even)) return side;
    // Under light from one side the even-light pattern also fits other
    // symmetric parts of the face (one eye, an eye and the bridge, nose and
    // mouth): where the skin around its finding is lit from one side, a
    // convincing side-lit face elsewhere, across the shadow line, is the face.
    if (even->side_light < kLitFromOneSide) return even;
    side = side_lit_face(s, c);
    return side && side->off_shadow <= 1.0f && !same_eyes(*side, *even) ? side : even;
  }
  std::optional<FaceFinding> side = side_lit_face(s, c);
  // Nothing convincing under even light: a face lit from one side.
  return side ? side : first;
}

}  // namespace

float head_share_above(const Segmentation& s, float y) {
  const std::size_t end = std::size_t(std::clamp(int(y), 0, s.h)) * s.w;
  const double above = double(std::count(s.head.begin(), s.head.begin() + end, 1));
  const double all = double(std::count(s.head.begin(), s.head.end(), 1));
  return all > 0 ? float(above / all) : 0.0f;
}

std::optional<FaceFinding> find_tilted_face(const Segmentation& s) {
  std::optional<FaceFinding> tilted = find_face_shaped(s, kTilted);
  if (tilted && tilted->confidence >= kConfident && tilted->box.w >= kTiltedMinWidth * std::min(s.w, s.h) &&
      head_share_above(s, tilted->landmarks.brow_y) >= kTiltedHeadAbove)
    return tilted;
  return std::nullopt;
}

std::optional<FaceFinding> find_face(const Segmentation& s) {
  std::optional<FaceFinding> face_on = find_face_shaped(s, kFaceOn);
  if (face_on && face_on->confidence >= kConfident) return face_on;
  // None face-on: a face looking down under a head tilted toward the camera.
  std::optional<FaceFinding> tilted = find_tilted_face(s);
  if (tilted && (!face_on || tilted->confidence > face_on->confidence)) return tilted;
  return face_on;
}

std::optional<FaceFinding> find_side_lit_face(const Segmentation& s) {
  return side_lit_face(s, best_windows(s, s.lum, kCandidates, kFaceOn));
}

}  // namespace smp

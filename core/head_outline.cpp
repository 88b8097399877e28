#include "head_outline.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp {
namespace {

// Colour quantised to 16 levels per channel, times three texture levels
// (smooth, in between, strands): a smooth dark wall and dark hair share a
// colour but not a texture.
constexpr int kLevels = 16;
constexpr int kColourBins = kLevels * kLevels * kLevels;
constexpr int kTextures = 3;
// Radius (reduced pixels) over which texture is pooled before binning.
constexpr int kPool = 2;
// Largest head outline, in face-box areas, believed around a found face
// (face-on portraits here keep 1.5-3 after the cut).
constexpr float kMaxHeadPerFace = 4.0f;
// Half the width, in square roots of the head's area, of the bites in a
// head found without a face that are closed again (see head_outline).
constexpr float kBite = 0.1f;
// Least share of the frame's border a background colour (with its
// neighbouring shades) covers: a few strands of hair at the edge are not a
// wall.
constexpr float kBorderShare = 0.08f;
// Below this share of the skin's luminance chroma says little (as in
// find_head): dark pixels are not skin whatever their hue.
constexpr float kDark = 0.35f;
// From this share of the skin's luminance up, a pixel is as bright as skin.
constexpr float kBright = 0.8f;

struct Bins {
  std::vector<int> of;  // bin of each pixel
};

// What the frame's border looks like: every pixel's bin and the border's
// histogram, the same for every judgement of the head in one photo.
struct BorderModel {
  Bins bins;
  std::vector<float> border;
};

Bins bin_pixels(const Segmentation& s) {
  Bins b;
  b.of.resize(s.lum.v.size());
  // Texture over a small neighbourhood: hair has smooth gaps between its
  // locks, a wall stays smooth throughout.
  const Plane texture = box_blur(s.texture, kPool);
  for (std::size_t i = 0; i < b.of.size(); ++i) {
    const int r = std::clamp(int(s.rgb.r.v[i]) >> 4, 0, kLevels - 1);
    const int g = std::clamp(int(s.rgb.g.v[i]) >> 4, 0, kLevels - 1);
    const int bl = std::clamp(int(s.rgb.b.v[i]) >> 4, 0, kLevels - 1);
    const float t = texture.v[i];
    const int tex = t < s.smooth ? 0 : t < s.strands ? 1 : 2;
    b.of[i] = tex * kColourBins + (r * kLevels + g) * kLevels + bl;
  }
  return b;
}

// Spreads each count over its neighbouring colour bins (a 3x3x3 box), so a
// slightly darker shade of a colour counts as that colour.
std::vector<float> spread(const std::vector<float>& h) {
  std::vector<float> a = h, b(h.size());
  const int stride[3] = {1, kLevels, kLevels * kLevels};
  for (int axis = 0; axis < 3; ++axis) {
    for (int t = 0; t < kTextures; ++t)
      for (int c = 0; c < kColourBins; ++c) {
        const int k = t * kColourBins + c;
        const int pos = (c / stride[axis]) % kLevels;
        float sum = a[k];
        if (pos > 0) sum += a[k - stride[axis]];
        if (pos < kLevels - 1) sum += a[k + stride[axis]];
        b[k] = sum;
      }
    std::swap(a, b);
  }
  return a;
}

// Normalised, spread histogram of the pixels in `m`.
std::vector<float> histogram(const Bins& bins, const Mask& m) {
  std::vector<float> h(std::size_t(kColourBins) * kTextures, 0);
  double n = 0;
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i]) h[bins.of[i]] += 1, n += 1;
  if (n > 0)
    for (float& v : h) v = float(v / n);
  return spread(h);
}

std::size_t count(const Mask& m) { return std::size_t(std::count(m.begin(), m.end(), 1)); }

// Closing (dilate, then erode) with nothing beyond the frame, so the gap
// between a head and the frame's edge is not filled.
Mask close_in_frame(const Mask& m, int w, int h, int r) {
  const int pw = w + 2 * r, ph = h + 2 * r;
  Mask padded(std::size_t(pw) * ph, 0);
  for (int y = 0; y < h; ++y)
    std::copy_n(m.begin() + std::size_t(y) * w, w, padded.begin() + std::size_t(y + r) * pw + r);
  const Mask closed = erode(dilate(padded, pw, ph, r), pw, ph, r);
  Mask out(m.size());
  for (int y = 0; y < h; ++y)
    std::copy_n(closed.begin() + std::size_t(y + r) * pw + r, w, out.begin() + std::size_t(y) * w);
  return out;
}

// Pixels surely on the head: a trusted face's box (reduced pixels, may be
// null) and a little above it, else the middle tenth of the head outline.
Mask head_core(const Segmentation& s, const Box* face) {
  Mask core(s.head.size(), 0);
  if (face) {
    // The face box (forehead to chin, cheek to cheek) and a little above.
    const int x0 = std::max(0, int(face->x)), x1 = std::min(s.w, int(face->x + face->w));
    const int y0 = std::max(0, int(face->y - 0.15f * face->h)), y1 = std::min(s.h, int(face->y + face->h));
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) core[std::size_t(y) * s.w + x] = s.head[std::size_t(y) * s.w + x];
    if (count(core) > 0) return core;
  }
  // The head pixels nearest the head's centre of mass (a tenth of its area).
  const Centroid c = mask_centroid(s.head, s.w);
  if (c.n == 0) return core;
  const double cx = c.x, cy = c.y, r2 = 0.1 * c.n / 3.14159265;
  for (std::size_t i = 0; i < s.head.size(); ++i) {
    const double dx = double(i % s.w) - cx, dy = double(i / s.w) - cy;
    core[i] = s.head[i] && dx * dx + dy * dy <= r2;
  }
  return core;
}

// Where a head around a face-on face can reach: an ellipse 0.6 face widths
// to each side of its middle, from 0.8 face heights above its top to its
// chin and a little below.
Mask head_reach(const Box& face, int w, int h) {
  Mask m(std::size_t(w) * h, 0);
  const float cx = face.x + 0.5f * face.w, cy = face.y + 0.2f * face.h;
  const float ax = 0.6f * face.w, ay = 1.0f * face.h;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float dx = (x - cx) / ax, dy = (y - cy) / ay;
      m[std::size_t(y) * w + x] = dx * dx + dy * dy <= 1;
    }
  return m;
}

// Pixels of the head outline the colour model vouches for: lit skin, as
// bright as skin (grey or pale scalp the chroma model misses), or strands.
// A smooth wall dark enough to pass for hair is none of these.
Mask head_evidence(const Segmentation& s, const Bins& bins) {
  Mask m(s.head.size(), 0);
  for (std::size_t i = 0; i < m.size(); ++i) {
    const bool skin = s.skin.v[i] >= 0.5f && s.lum.v[i] > kDark * s.model.y_median;
    const bool bright = s.lum.v[i] > kBright * s.model.y_median;
    m[i] = s.head[i] && (skin || bright || bins.of[i] >= 2 * kColourBins);
  }
  if (count(m) < 0.05 * count(s.head)) return s.head;
  return m;
}

// Histogram of the head's evidence weighted toward its centre of mass: the
// head's own colours when no face tells where the head is.
std::vector<float> centred_head_histogram(const Segmentation& s, const Bins& bins) {
  const Mask ev = head_evidence(s, bins);
  const Centroid c = mask_centroid(ev, s.w);
  std::vector<float> h(std::size_t(kColourBins) * kTextures, 0);
  if (c.n == 0) return h;
  const double cx = c.x, cy = c.y, sigma2 = 0.12 * double(count(s.head)) / 3.14159265;
  double total = 0;
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (ev[i]) {
      const double dx = double(i % s.w) - cx, dy = double(i / s.w) - cy;
      const double wt = std::exp(-(dx * dx + dy * dy) / (2 * sigma2));
      h[bins.of[i]] += float(wt);
      total += wt;
    }
  for (float& v : h) v = float(v / total);
  return spread(h);
}

// 1 where a pixel of the head outline looks like the frame's background:
// its colour and texture are common along the border but rare on the head
// (in a trusted face's `core`, or without a face in the outline's skin,
// strand and skin-bright pixels weighted to its middle), and it is joined
// to the border through such pixels or pixels outside the outline.
Mask border_background(const Segmentation& s, const BorderModel& model, const Box* face, const Mask& core) {
  const Bins& bins = model.bins;
  const std::vector<float>& border = model.border;
  const std::vector<float> inner = face ? histogram(bins, core) : centred_head_histogram(s, bins);
  const Mask reach = face ? head_reach(*face, s.w, s.h) : Mask(s.head.size(), 0);
  // Is a pixel of bin k background-like? (see below)
  auto background_like = [&](std::size_t i, int k) {
    const bool textured = k >= 2 * kColourBins;
    bool bg;
    if (face) {
      // Strands often reach the frame's edge: textured pixels need stronger
      // evidence. Where the face's head can reach, only smooth colours the
      // face all but lacks (the wall right above or beside the head); in
      // the face itself (its shadowed side) nothing.
      const bool smooth = k < kColourBins;
      bg = !core[i] && border[k] > 0.02f &&
           (reach[i] ? smooth && border[k] > 8.0f * inner[k] : border[k] > (textured ? 8.0f : 3.0f) * inner[k]);
    } else {
      // No face to say where the head is: only smooth pixels of colours far
      // commoner on the border than in the head, that are not skin.
      // Chroma means little in the dark: a dark wall is not skin, and a
      // dark smooth area is what the hair model mistakes for hair (far
      // darker than skin), so it needs less evidence.
      const bool dark = s.lum.v[i] < kDark * s.model.y_median;
      const bool skin = s.skin.v[i] >= 0.5f && !dark;
      bg = !textured && !skin && border[k] > kBorderShare && border[k] > (dark ? 2.5f : 4.0f) * inner[k];
    }
    return bg;
  };
  Mask like(s.head.size(), 0), smooth_like(s.head.size(), 0);
  for (std::size_t i = 0; i < like.size(); ++i) {
    like[i] = background_like(i, bins.of[i]);
    smooth_like[i] = background_like(i, bins.of[i] % kColourBins);
  }
  Mask pass(like.size(), 0);
  for (std::size_t i = 0; i < like.size(); ++i) pass[i] = like[i] || !s.head[i];
  Mask out = reach_from_border(pass, s.w, s.h);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = out[i] && like[i];
  // Texture is pooled, so a rim of light wall next to dark hair reads as
  // textured: along the outline's edge, a wall colour as bright as skin
  // counts by its colour alone (a blurred rim of dark hair does not).
  Mask outside = out;
  for (std::size_t i = 0; i < out.size(); ++i) outside[i] = out[i] || !s.head[i];
  const Mask rim = dilate(outside, s.w, s.h, kPool);
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = out[i] || (rim[i] && s.head[i] && smooth_like[i] && s.lum.v[i] > kBright * s.model.y_median);
  return out;
}

// The head outline without its border background, as the one mass that
// holds most of the core; empty when the cut would take the core itself.
Mask cut_background(const Segmentation& s, const BorderModel& model, const Box* face) {
  const Mask core = head_core(s, face);
  const Mask bg = border_background(s, model, face, core);
  Mask head = s.head;
  for (std::size_t i = 0; i < head.size(); ++i) head[i] = head[i] && !bg[i];
  // Thin bridges left between the head and the rest of a cut wall go, then
  // the mass holding the core is the head.
  const int r = std::max(1, int(0.02 * std::sqrt(double(count(head)))));
  head = dilate(erode(head, s.w, s.h, r), s.w, s.h, r);
  Plane weight(s.w, s.h);
  for (std::size_t i = 0; i < core.size(); ++i) weight.v[i] = core[i] ? 1.0f : 1e-3f;
  head = fill_holes(largest_component(head, s.w, s.h, &weight), s.w, s.h);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < head.size(); ++i) head[i] = head[i] && s.head[i], kept += head[i] && core[i];
  if (kept < 0.7 * count(core)) return {};
  return head;
}

}  // namespace

Mask head_outline(const Segmentation& s, const Box* face) {
  BorderModel model{bin_pixels(s), {}};
  model.border = histogram(model.bins, frame_border(s.w, s.h));
  Mask head;
  // Around a real face the head (hair, ears, neck) is a few times the face
  // box; much more means the face was false (shading on a head seen from
  // above) and its colours are not the head's: judge without it.
  if (face) {
    head = cut_background(s, model, face);
    if (count(head) > kMaxHeadPerFace * face->w * face->h) head.clear();
  }
  if (head.empty()) {
    // Without a face the colour model alone can bite into the head where
    // blurred hair at its rim matches the floor: a head is round, so bites
    // narrower than 2 * kBite * sqrt(area) are closed again.
    head = cut_background(s, model, nullptr);
    if (head.empty()) return trim_thin_parts(s.head, s.w, s.h);
    const int r = std::max(1, int(kBite * std::sqrt(double(count(head)))));
    const Mask closed = close_in_frame(head, s.w, s.h, r);
    for (std::size_t i = 0; i < head.size(); ++i) head[i] = head[i] || (closed[i] && s.head[i]);
  }
  return trim_thin_parts(head, s.w, s.h);
}

}  // namespace smp

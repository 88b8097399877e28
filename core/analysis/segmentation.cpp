#include "core/analysis/segmentation.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/base/resize.h"

namespace smp {
namespace {

// Relative strand contrast: bare scalp measures ~0.002-0.006, hair
// 0.015-0.07 (measured on the hair-loss photos; the measure is scale- and
// exposure-free because it is divided by local brightness).
// Photos noisier than that (high ISO, synthetic noise) raise both
// thresholds by their own noise floor (see noise_thresholds()).
constexpr float kSmooth = 0.005f;
constexpr float kStrands = 0.014f;
// Those hold at 640 px. Measured at a coarser scale (a photo smaller than
// that), strand texture reads stronger: on the hair-loss photos brought
// down to half size, its 90th percentile is 1.49x (sharp, Mitchell filter)
// to 1.82x (area average) of the full-size value, i.e. 2^0.57 to 2^0.86. The
// thresholds grow by (640 / measured side)^kCoarserTexture: at half size
// the stage then stays on 99 (area average), 103 (Mitchell) and 77 (bicubic
// without anti-aliasing) of the 117 photos, where it stayed on 47, 61 and
// 37 with fixed thresholds (tests/eval/robustness_eval.cpp).
constexpr float kCoarserTexture = 0.8f;

float luma(float r, float g, float b) { return 0.299f * r + 0.587f * g + 0.114f * b; }

}  // namespace

bool skin_chroma_box(float r, float g, float b) {
  const float y = luma(r, g, b);
  const float cb = 128 - 0.168736f * r - 0.331264f * g + 0.5f * b;
  const float cr = 128 + 0.5f * r - 0.418688f * g - 0.081312f * b;
  return y > 45 && cb >= 77 && cb <= 127 && cr >= 135 && cr <= 175;
}

namespace {

// Heads sit near the middle of a consultation photo: weight pixels by it.
Plane centre_weight(int w, int h) {
  Plane c(w, h);
  const float cx = 0.5f * (w - 1), cy = 0.5f * (h - 1);
  const float s = 0.32f * float(std::max(w, h));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float dx = x - cx, dy = y - cy;
      c.at(x, y) = std::exp(-(dx * dx + dy * dy) / (2 * s * s));
    }
  return c;
}

// Weighted median of `values` over `mask` (values in 0..255).
float weighted_median(const Plane& values, const Mask& mask, const Plane& weight) {
  double hist[256] = {};
  double total = 0;
  for (std::size_t i = 0; i < mask.size(); ++i)
    if (mask[i]) {
      const int k = std::clamp(int(values.v[i]), 0, 255);
      hist[k] += weight.v[i];
      total += weight.v[i];
    }
  if (total <= 0) return -1;
  double acc = 0;
  for (int k = 0; k < 256; ++k) {
    acc += hist[k];
    if (acc >= total / 2) return float(k);
  }
  return 255;
}

// Fits the skin chromaticity Gaussian to the weighted seed pixels.
bool fit_chroma(const RgbPlanes& p, const Mask& seeds, const Plane& weight, SkinModel* m) {
  double sw = 0, sr = 0, sg = 0;
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (seeds[i]) {
      const float s = p.r.v[i] + p.g.v[i] + p.b.v[i] + 1;
      const double w = weight.v[i];
      sw += w;
      sr += w * p.r.v[i] / s;
      sg += w * p.g.v[i] / s;
    }
  if (sw < 1e-6) return false;
  const double mr = sr / sw, mg = sg / sw;
  double crr = 0, crg = 0, cgg = 0;
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (seeds[i]) {
      const float s = p.r.v[i] + p.g.v[i] + p.b.v[i] + 1;
      const double w = weight.v[i], dr = p.r.v[i] / s - mr, dg = p.g.v[i] / s - mg;
      crr += w * dr * dr;
      crg += w * dr * dg;
      cgg += w * dg * dg;
    }
  // A floor on the spread keeps a very uniform scalp from making every
  // slightly different pixel "not skin".
  const double floor = 0.012 * 0.012, ceiling = 0.02 * 0.02;
  crr = std::clamp(crr / sw, floor, ceiling);
  cgg = std::clamp(cgg / sw, floor, ceiling);
  crg = std::clamp(crg / sw, -0.9 * std::sqrt(crr * cgg), 0.9 * std::sqrt(crr * cgg));
  const double det = crr * cgg - crg * crg;
  if (det <= 1e-12) return false;
  m->mean_r = float(mr);
  m->mean_g = float(mg);
  m->icov_rr = float(cgg / det);
  m->icov_rg = float(-crg / det);
  m->icov_gg = float(crr / det);
  return true;
}

// Luminance of the working image brought down to a long side of `side_px`
// (area-averaged), or at its own pixels when it is smaller.
Plane luma_at(const Image& working, int side_px) {
  const int side = std::max(working.width, working.height);
  const double k = std::min(1.0, double(side_px) / side);
  const int tw = std::max(1, int(std::lround(working.width * k))), th = std::max(1, int(std::lround(working.height * k)));
  const Image small = area_resample_to_rgb(working.pixels.data(), working.width, working.height, 3, tw, th);
  Plane y(tw, th);
  for (std::size_t i = 0; i < y.v.size(); ++i)
    y.v[i] = luma(small.pixels[3 * i], small.pixels[3 * i + 1], small.pixels[3 * i + 2]);
  return y;
}

// Hair strands are fine detail: measure relative contrast at twice the
// reduced resolution (640 px, where the thresholds above were set), then
// pool it onto the reduced grid. Larger photos are area-averaged to exactly
// that scale (whole-pixel steps read an 800 px photo at 400 px); smaller
// ones are measured at their own pixels (see noise_thresholds()).
Plane strand_texture(const Image& working, int factor, int w, int h, int long_side) {
  const Plane y = luma_at(working, 2 * long_side);
  const float to_working = float(std::max(working.width, working.height)) / float(std::max(y.w, y.h));
  const Plane mean = box_blur(y, 1);
  Plane sum(w, h), count(w, h);
  for (int ty = 0; ty < y.h; ++ty) {
    const int ry = std::min(int((ty + 0.5f) * to_working) / factor, h - 1);
    for (int tx = 0; tx < y.w; ++tx) {
      const int rx = std::min(int((tx + 0.5f) * to_working) / factor, w - 1);
      sum.at(rx, ry) += std::fabs(y.at(tx, ty) - mean.at(tx, ty)) / (mean.at(tx, ty) + 20.0f);
      count.at(rx, ry) += 1;
    }
  }
  for (std::size_t i = 0; i < sum.v.size(); ++i) sum.v[i] /= std::max(1.0f, count.v[i]);
  return sum;
}

// The photo's texture noise floor: the 15th percentile of strand texture
// (every photo has some smooth area: wall, skin, clothes). Thresholds sit
// above it so sensor noise never reads as hair.
// `coarser`: 640 px over the side texture was measured at (>= 1).
void noise_thresholds(Segmentation& s, float coarser) {
  std::vector<float> t = s.texture.v;
  std::nth_element(t.begin(), t.begin() + t.size() * 15 / 100, t.end());
  const float floor = t[t.size() * 15 / 100];
  const float k = std::pow(coarser, kCoarserTexture);
  s.smooth = std::max(kSmooth * k, 1.6f * floor);
  s.strands = s.smooth + (kStrands - kSmooth) * k;
}

bool is_grayscale(const RgbPlanes& p) {
  double s = 0;
  for (std::size_t i = 0; i < p.r.v.size(); ++i)
    s += std::fabs(p.r.v[i] - p.g.v[i]) + std::fabs(p.g.v[i] - p.b.v[i]);
  return s / double(p.r.v.size()) < 4.0;
}

// The frame's middle (centre weight above this) is where the head is.
constexpr float kMiddle = 0.4f;
// A colour cast: under this share of the middle passes the skin box, while
// over kCastSmooth of it is smooth mid-tone. A middle without skin-box seeds
// is otherwise hair (a few % smooth: full tops from above) or a mix (under
// half smooth: bald men against plain walls); a pale bald top under a cool
// light is almost all smooth, and is skin the box does not cover.
constexpr float kCastSeeds = 0.05f, kCastSmooth = 0.6f;

bool smooth_mid_tone(const Segmentation& s, std::size_t i) {
  return s.texture.v[i] < s.smooth && s.lum.v[i] > 40 && s.lum.v[i] < 250;
}

bool colour_cast(const Segmentation& s, const Mask& seeds, const Plane& weight) {
  double middle = 0, seeded = 0, smooth = 0;
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (weight.v[i] > kMiddle) middle += 1, seeded += seeds[i], smooth += smooth_mid_tone(s, i);
  return middle > 0 && seeded < kCastSeeds * middle && smooth > kCastSmooth * middle;
}

// Face skin seeds fit the chromaticity directly when there are enough.
constexpr std::size_t kMinFaceSeeds = 12;

void fit_skin(Segmentation& s, const Plane& weight, const Mask* face_seeds) {
  const std::size_t n = s.lum.v.size();
  Mask seeds(n, 0);
  s.model.grayscale = is_grayscale(s.rgb);
  const bool seeded = face_seeds && face_seeds->size() == n &&
                      std::size_t(std::count(face_seeds->begin(), face_seeds->end(), 1)) >= kMinFaceSeeds;
  if (s.model.grayscale) {
    // Without colour, skin is the brighter smooth part of the middle.
    for (std::size_t i = 0; i < n; ++i) seeds[i] = weight.v[i] > kMiddle;
    const float mid = weighted_median(s.lum, seeds, weight);
    for (std::size_t i = 0; i < n; ++i) seeds[i] = seeds[i] && s.lum.v[i] >= mid;
  } else {
    // Brown hair passes the chroma box too; only smooth pixels seed skin.
    for (std::size_t i = 0; i < n; ++i)
      seeds[i] = skin_chroma_box(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]) && s.texture.v[i] < s.smooth;
    if (seeded) {
      // The face is this person's skin, whatever the lighting's cast.
      seeds = *face_seeds;
    } else if (colour_cast(s, seeds, weight)) {
      // A middle of smooth skin outside the textbook box: the photo has a
      // colour cast, and the head is what fills the middle.
      for (std::size_t i = 0; i < n; ++i) seeds[i] = weight.v[i] > kMiddle && smooth_mid_tone(s, i);
    }
    if (!fit_chroma(s.rgb, seeds, weight, &s.model)) {
      for (std::size_t i = 0; i < n; ++i) seeds[i] = weight.v[i] > 0.5f;
      fit_chroma(s.rgb, seeds, weight, &s.model);
    }
    // Re-seed from the fitted model (catches very pale and very dark skin the
    // generic box missed), then refit.
    const float y0 = std::max(30.0f, 0.45f * weighted_median(s.lum, seeds, weight));
    for (int pass = 0; pass < 2; ++pass) {
      // Anchored to the chroma box (or very close to the current fit) so
      // the model cannot drift onto a large wall of a similar hue.
      for (std::size_t i = 0; i < n; ++i) {
        const float r = s.rgb.r.v[i], g = s.rgb.g.v[i], b = s.rgb.b.v[i];
        const float d2 = s.model.distance2(r, g, b);
        seeds[i] = s.lum.v[i] > y0 && s.texture.v[i] < s.smooth &&
                   (d2 < 2.0f || (d2 < 6.0f && skin_chroma_box(r, g, b)));
      }
      fit_chroma(s.rgb, seeds, weight, &s.model);
    }
  }
  s.model.y_median = std::max(40.0f, weighted_median(s.lum, seeds, weight));
  double t = 0, c = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (seeds[i]) t += weight.v[i] * s.texture.v[i], c += weight.v[i];
  s.model.texture = c > 0 ? float(t / c) : s.smooth;
}

// Hair colour: the darker, non-skin part of the middle of the frame.
void fit_hair(Segmentation& s, const Plane& weight) {
  const std::size_t n = s.lum.v.size();
  Mask hair(n, 0);
  double count = 0, centre = 0, r = 0, g = 0, b = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (weight.v[i] < kMiddle) continue;
    centre += 1;
    if (s.texture.v[i] > s.strands) {
      hair[i] = 1;
      count += 1;
      r += s.rgb.r.v[i];
      g += s.rgb.g.v[i];
      b += s.rgb.b.v[i];
    }
  }
  if (count > 0.03 * centre) {
    s.hair_y = weighted_median(s.lum, hair, weight);
    s.hair_rgb = {std::uint8_t(r / count), std::uint8_t(g / count), std::uint8_t(b / count)};
  } else {
    s.hair_y = 0.35f * s.model.y_median;
  }
  s.hair_y = std::min(s.hair_y, 0.7f * s.model.y_median);
}

void fit_skin_rgb(Segmentation& s) {
  double r = 0, g = 0, b = 0, c = 0;
  for (std::size_t i = 0; i < s.lum.v.size(); ++i)
    if (s.head[i] && s.hair.v[i] < 0.2f && s.skin.v[i] > 0.5f) {
      r += s.rgb.r.v[i];
      g += s.rgb.g.v[i];
      b += s.rgb.b.v[i];
      c += 1;
    }
  if (c > 0) s.skin_rgb = {std::uint8_t(r / c), std::uint8_t(g / c), std::uint8_t(b / c)};
}

}  // namespace

// Colours common along the frame's border but rare in its middle are
// background (walls, furniture, clothes), whatever they happen to be.
Mask background_colours(const Segmentation& s) {
  const Plane weight = centre_weight(s.w, s.h);
  const std::size_t n = s.lum.v.size();
  auto bin = [&](std::size_t i) {
    return (int(s.rgb.r.v[i]) >> 5) * 64 + (int(s.rgb.g.v[i]) >> 5) * 8 + (int(s.rgb.b.v[i]) >> 5);
  };
  std::vector<double> border(512, 0), centre(512, 0);
  const Mask band = frame_border(s.w, s.h);
  double nb = 0, nc = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (band[i]) border[bin(i)] += 1, nb += 1;
    if (weight.v[i] > 0.5f) centre[bin(i)] += 1, nc += 1;
  }
  Mask bg(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const double pb = border[bin(i)] / nb, pc = centre[bin(i)] / std::max(1.0, nc);
    // Hair often reaches the frame's edge: textured pixels need stronger
    // evidence before they count as background.
    const double ratio = s.hair.v[i] > 0.5f ? 20.0 : 2.5;
    bg[i] = pb > 0.002 && pb > ratio * pc;
  }
  return bg;
}

namespace {

// Parts of the head outline narrower than this share of the square root of
// its area are not head (see trim_thin_parts).
constexpr float kThinPart = 0.07f;

// The hair cap and the face often meet along a band of mixed pixels that is
// neither: add every sizeable candidate region within `gap` of the main one.
Mask join_neighbours(const Mask& cand, const Mask& main, int w, int h, int gap) {
  std::vector<int> labels;
  const int n = label_components(cand, w, h, &labels);
  std::vector<int> size(n + 1, 0);
  std::vector<std::uint8_t> touch(n + 1, 0);
  const Mask near = dilate(main, w, h, gap);
  for (std::size_t i = 0; i < cand.size(); ++i)
    if (labels[i]) size[labels[i]]++, touch[labels[i]] |= near[i];
  Mask out = main;
  const int min_size = int(cand.size() / 100);
  for (std::size_t i = 0; i < cand.size(); ++i)
    if (labels[i] && touch[labels[i]] && size[labels[i]] >= min_size) out[i] = 1;
  return out;
}

void find_head(Segmentation& s, const Plane& weight) {
  const std::size_t n = s.lum.v.size();
  const float ys = s.model.y_median;
  s.background = background_colours(s);
  const Mask& bg = s.background;
  Mask cand(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    cand[i] = !bg[i] && ((s.skin.v[i] > 0.3f && s.lum.v[i] > 0.35f * ys) || s.hair.v[i] > 0.5f);
  const int r = std::max(1, std::max(s.w, s.h) / 160);
  cand = dilate(erode(cand, s.w, s.h, r), s.w, s.h, r);  // drop specks
  Mask head = largest_component(cand, s.w, s.h, &weight);
  head = join_neighbours(cand, head, s.w, s.h, 2 * r);
  head = erode(dilate(head, s.w, s.h, 2 * r), s.w, s.h, 2 * r);  // close gaps
  s.head = fill_holes(head, s.w, s.h);
}

}  // namespace

// A head is one round mass. Thin parts that hang on it (a door frame, a
// strip of wall along the frame's edge, a cable) are narrower than a
// fraction of the head's size: an opening at that scale drops them, and the
// outline then keeps the original edge only near what survived, so the
// rounded top of the head is not squared off by the square structuring
// element.
Mask trim_thin_parts(const Mask& head, int w, int h) {
  const Plane weight = centre_weight(w, h);
  const auto area = double(std::count(head.begin(), head.end(), 1));
  const int r = int(std::sqrt(area) * kThinPart);
  if (r < 2) return head;
  Mask core = largest_component(dilate(erode(head, w, h, r), w, h, r), w, h, &weight);
  if (std::count(core.begin(), core.end(), 1) < 0.5 * area) return head;  // not one mass: keep
  const Mask near = dilate(core, w, h, std::max(1, r / 3));
  Mask out(head.size(), 0);
  for (std::size_t i = 0; i < head.size(); ++i) out[i] = head[i] && near[i];
  return out;
}

float SkinModel::distance2(float r, float g, float b) const {
  if (grayscale) return 0;
  const float s = r + g + b + 1;
  const float dr = r / s - mean_r, dg = g / s - mean_g;
  return dr * dr * icov_rr + 2 * dr * dg * icov_rg + dg * dg * icov_gg;
}

float hair_density(const Segmentation& s, float r, float g, float b, float texture) {
  // Strand texture is the main cue: it holds for black, brown, grey and
  // blond hair alike, while scalp, walls and glare are smooth.
  const float t = std::clamp((texture - s.smooth) / (s.strands - s.smooth), 0.0f, 1.0f);
  const float strands = t * t * (3 - 2 * t);
  // Darker than the skin counts too (dense hair, thinning mixes, stubble),
  // but a dark smooth patch (shadow on the scalp, dark skin) stays under
  // the hair threshold.
  const float y = luma(r, g, b);
  const float top = 0.85f * s.model.y_median;
  const float dark = std::clamp((top - y) / std::max(10.0f, top - s.hair_y), 0.0f, 1.0f);
  const float gate = 0.45f + 0.55f * std::clamp(texture / s.strands, 0.0f, 1.0f);
  // Far darker than skin is hair even when blurred smooth.
  const float deep = 0.5f * s.model.y_median;
  const float very_dark = std::clamp((deep - y) / std::max(10.0f, deep - s.hair_y), 0.0f, 1.0f);
  return std::clamp(std::max({strands, dark * gate, very_dark}), 0.0f, 1.0f);
}

int reduction_factor(const Image& working, int long_side) {
  const int side = std::max(working.width, working.height);
  return std::max(1, (side + long_side - 1) / long_side);
}

Segmentation segment_head(const Image& working, int long_side, const HeadPrior* prior) {
  Segmentation s;
  const int side = std::max(working.width, working.height);
  s.factor = reduction_factor(working, long_side);
  // The caller's reduced copy when it made one at this factor.
  const bool reduced = prior && prior->reduced.w() == std::max(1, working.width / s.factor) &&
                       prior->reduced.h() == std::max(1, working.height / s.factor);
  s.rgb = reduced ? prior->reduced : shrink(working, s.factor);
  s.w = s.rgb.w();
  s.h = s.rgb.h();
  const std::size_t n = std::size_t(s.w) * s.h;
  s.lum = Plane(s.w, s.h);
  for (std::size_t i = 0; i < n; ++i) s.lum.v[i] = luma(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]);
  // With a prior the learned head is the head, even when it is empty (no
  // person in the photo): the colour outline is for callers without one.
  const bool known = prior && prior->head.size() == n && prior->person.size() == n;
  const bool has_head = known && std::count(prior->head.begin(), prior->head.end(), 1) > 0;
  Plane weight = centre_weight(s.w, s.h);
  if (has_head)  // the head, wherever it is in the frame
    for (std::size_t i = 0; i < n; ++i) weight.v[i] = prior->head[i] ? 1.0f : 0.0f;
  s.texture = strand_texture(working, s.factor, s.w, s.h, long_side);
  noise_thresholds(s, std::max(1.0f, float(2 * long_side) / float(side)));

  fit_skin(s, weight, has_head ? &prior->skin_seeds : nullptr);
  fit_hair(s, weight);

  s.skin = Plane(s.w, s.h);
  s.hair = Plane(s.w, s.h);
  for (std::size_t i = 0; i < n; ++i) {
    const float r = s.rgb.r.v[i], g = s.rgb.g.v[i], b = s.rgb.b.v[i];
    s.skin.v[i] = std::exp(-0.5f * s.model.distance2(r, g, b) / 2.0f);
    s.hair.v[i] = hair_density(s, r, g, b, s.texture.v[i]);
  }
  s.hair = box_blur(s.hair, 1);  // density is an area property, not a pixel one
  if (known) {
    s.head = prior->head;
    s.background.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) s.background[i] = !prior->person[i];
  } else {
    find_head(s, weight);
  }
  fit_skin_rgb(s);
  s.quality = std::clamp((s.model.y_median - s.hair_y) / (0.5f * s.model.y_median), 0.0f, 1.0f);
  return s;
}

namespace {

// `s` with every per-pixel layer (w x h, row-major) passed through `move`,
// which returns it rearranged into a `to_w`-wide frame: one list of the
// layers for every turn and mirror.
template <class Move>
Segmentation moved(const Segmentation& s, int to_w, int to_h, Move move) {
  Segmentation t = s;
  for (Plane* p : {&t.rgb.r, &t.rgb.g, &t.rgb.b, &t.lum, &t.texture, &t.skin, &t.hair}) {
    p->v = move(p->v);
    p->w = to_w;
    p->h = to_h;
  }
  t.head = move(t.head);
  t.background = move(t.background);
  t.w = to_w;
  t.h = to_h;
  return t;
}

}  // namespace

Segmentation turned(const Segmentation& s, int quarter_turns) {
  const bool swap = ((quarter_turns % 4) + 4) % 2 == 1;
  return moved(s, swap ? s.h : s.w, swap ? s.w : s.h,
               [&](const auto& v) { return turned(v, s.w, s.h, quarter_turns); });
}

Segmentation mirrored(const Segmentation& s) {
  return moved(s, s.w, s.h, [&](auto v) {
    for (int y = 0; y < s.h; ++y) std::reverse(v.begin() + std::size_t(y) * s.w, v.begin() + std::size_t(y + 1) * s.w);
    return v;
  });
}

}  // namespace smp

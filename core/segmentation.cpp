#include "segmentation.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp {
namespace {

float luma(float r, float g, float b) { return 0.299f * r + 0.587f * g + 0.114f * b; }

// The broad textbook skin-chroma box (YCbCr) used only to seed the model.
bool generic_skin(float r, float g, float b) {
  const float y = luma(r, g, b);
  const float cb = 128 - 0.168736f * r - 0.331264f * g + 0.5f * b;
  const float cr = 128 + 0.5f * r - 0.418688f * g - 0.081312f * b;
  return y > 45 && cb >= 77 && cb <= 127 && cr >= 135 && cr <= 175;
}

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
  const double floor = 0.012 * 0.012;
  crr = std::max(crr / sw, floor);
  cgg = std::max(cgg / sw, floor);
  crg /= sw;
  const double det = crr * cgg - crg * crg;
  if (det <= 1e-12) return false;
  m->mean_r = float(mr);
  m->mean_g = float(mg);
  m->icov_rr = float(cgg / det);
  m->icov_rg = float(-crg / det);
  m->icov_gg = float(crr / det);
  return true;
}

Plane local_contrast(const Plane& lum) {
  const Plane blur = box_blur(lum, 1);
  Plane d(lum.w, lum.h);
  for (std::size_t i = 0; i < d.v.size(); ++i) d.v[i] = std::fabs(lum.v[i] - blur.v[i]);
  return box_blur(d, 1);
}

bool is_grayscale(const RgbPlanes& p) {
  double s = 0;
  for (std::size_t i = 0; i < p.r.v.size(); ++i)
    s += std::fabs(p.r.v[i] - p.g.v[i]) + std::fabs(p.g.v[i] - p.b.v[i]);
  return s / double(p.r.v.size()) < 4.0;
}

void fit_skin(Segmentation& s, const Plane& weight, const Plane& contrast) {
  const std::size_t n = s.lum.v.size();
  Mask seeds(n, 0);
  s.model.grayscale = is_grayscale(s.rgb);
  if (s.model.grayscale) {
    // Without colour, skin is the brighter smooth part of the middle.
    for (std::size_t i = 0; i < n; ++i) seeds[i] = weight.v[i] > 0.4f;
    const float mid = weighted_median(s.lum, seeds, weight);
    for (std::size_t i = 0; i < n; ++i) seeds[i] = seeds[i] && s.lum.v[i] >= mid;
  } else {
    for (std::size_t i = 0; i < n; ++i)
      seeds[i] = generic_skin(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]);
    if (!fit_chroma(s.rgb, seeds, weight, &s.model)) {
      for (std::size_t i = 0; i < n; ++i) seeds[i] = weight.v[i] > 0.5f;
      fit_chroma(s.rgb, seeds, weight, &s.model);
    }
    // Re-seed from the fitted model (catches very pale and very dark skin the
    // generic box missed), then refit.
    const float y0 = std::max(30.0f, 0.45f * weighted_median(s.lum, seeds, weight));
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 0; i < n; ++i)
        seeds[i] = s.lum.v[i] > y0 &&
                   s.model.distance2(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]) < 6.0f;
      fit_chroma(s.rgb, seeds, weight, &s.model);
    }
  }
  s.model.y_median = std::max(40.0f, weighted_median(s.lum, seeds, weight));
  const float t = weighted_median(contrast, seeds, weight);
  s.model.texture = std::max(1.5f, t);
}

// Hair colour: the darker, non-skin part of the middle of the frame.
void fit_hair(Segmentation& s, const Plane& weight) {
  const std::size_t n = s.lum.v.size();
  Mask hair(n, 0);
  double count = 0, centre = 0, r = 0, g = 0, b = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (weight.v[i] < 0.4f) continue;
    centre += 1;
    const float d2 = s.model.distance2(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]);
    if (s.lum.v[i] < 0.6f * s.model.y_median || (d2 > 12 && s.lum.v[i] < s.model.y_median)) {
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

void find_head(Segmentation& s, const Plane& weight) {
  const std::size_t n = s.lum.v.size();
  const float ys = s.model.y_median;
  Mask cand(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    cand[i] = (s.skin.v[i] > 0.3f && s.lum.v[i] > 0.35f * ys) || s.hair.v[i] > 0.5f;
  const int r = std::max(1, std::max(s.w, s.h) / 160);
  cand = dilate(erode(cand, s.w, s.h, r), s.w, s.h, r);  // drop specks
  Mask head = largest_component(cand, s.w, s.h, &weight);
  head = erode(dilate(head, s.w, s.h, 2 * r), s.w, s.h, 2 * r);  // close gaps
  s.head = fill_holes(head, s.w, s.h);
}

}  // namespace

float SkinModel::distance2(float r, float g, float b) const {
  if (grayscale) return 0;
  const float s = r + g + b + 1;
  const float dr = r / s - mean_r, dg = g / s - mean_g;
  return dr * dr * icov_rr + 2 * dr * dg * icov_rg + dg * dg * icov_gg;
}

float hair_density(const Segmentation& s, float r, float g, float b, float contrast) {
  const float y = luma(r, g, b);
  const float ys = s.model.y_median;
  // Darker than skin: dark hair, and the mix of hair and scalp when thinning.
  const float top = 0.85f * ys;
  const float dark = std::clamp((top - y) / std::max(10.0f, top - s.hair_y), 0.0f, 1.0f);
  // Off-skin colour that is also textured: grey, blond or red hair.
  const float colour =
      std::clamp((std::sqrt(s.model.distance2(r, g, b)) - 2.5f) / 2.5f, 0.0f, 1.0f);
  const float tex = std::clamp((contrast / s.model.texture - 1.5f) / 2.0f, 0.0f, 1.0f);
  // Smooth, bright, colourless pixels are glare on a bald scalp, not hair.
  const float gate = y > 1.1f * ys ? tex : std::max(tex, 0.5f);
  return std::clamp(std::max(dark, colour * gate), 0.0f, 1.0f);
}

Segmentation segment_head(const Image& working, int long_side) {
  Segmentation s;
  const int side = std::max(working.width, working.height);
  s.factor = std::max(1, (side + long_side - 1) / long_side);
  s.rgb = shrink(working, s.factor);
  s.w = s.rgb.w();
  s.h = s.rgb.h();
  const std::size_t n = std::size_t(s.w) * s.h;
  s.lum = Plane(s.w, s.h);
  for (std::size_t i = 0; i < n; ++i) s.lum.v[i] = luma(s.rgb.r.v[i], s.rgb.g.v[i], s.rgb.b.v[i]);
  const Plane weight = centre_weight(s.w, s.h);
  const Plane contrast = local_contrast(s.lum);

  fit_skin(s, weight, contrast);
  fit_hair(s, weight);

  s.skin = Plane(s.w, s.h);
  s.hair = Plane(s.w, s.h);
  for (std::size_t i = 0; i < n; ++i) {
    const float r = s.rgb.r.v[i], g = s.rgb.g.v[i], b = s.rgb.b.v[i];
    s.skin.v[i] = std::exp(-0.5f * s.model.distance2(r, g, b) / 2.0f);
    s.hair.v[i] = hair_density(s, r, g, b, contrast.v[i]);
  }
  s.hair = box_blur(s.hair, 1);  // density is an area property, not a pixel one
  find_head(s, weight);
  fit_skin_rgb(s);
  s.quality = std::clamp((s.model.y_median - s.hair_y) / (0.5f * s.model.y_median), 0.0f, 1.0f);
  return s;
}

}  // namespace smp

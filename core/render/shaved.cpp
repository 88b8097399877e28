#include "core/render/shaved.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/base/lab.h"
#include "core/base/plane.h"

namespace smp {
namespace {

// Cells of the lighting grid along the long side: lighting is smooth, so a
// coarse grid spreads it as well as full resolution, for a fraction of the work.
constexpr int kGridSide = 160;

// Working pixels per side of a lighting-grid cell for a w x h image.
int grid_cell(int w, int h) { return std::max(1, (std::max(w, h) + kGridSide - 1) / kGridSide); }
// Hair shading counts by its square root: hair sheen follows the light but
// exaggerates it compared with skin.
constexpr float kHairShadingPower = 0.5f;
// Colour distance (unlike_skin) under which a pixel counts as skin already,
// and over which as fully unlike it; chromaticity differences are about a
// tenth of log-luminance ones for the same visible change.
constexpr float kAlike = 0.15f, kUnlike = 0.45f, kChromaWeight = 100.0f;
// A hair component under 1/kIsland of the largest is not shaved; pieces are
// found on a grid of kIslandGrid cells along the long side.
constexpr std::size_t kIsland = 20;
constexpr int kIslandGrid = 400;
// Clipped hair is not bare skin: hairs about a millimetre long still cover
// roughly this share of the scalp, in the hair's own colour.
constexpr float kStubbleCover = 0.3f;
// The hair's fine-scale light (strands, curls) is kept at this power, so
// the clipped area has the photo's grain instead of a flat fill.
constexpr float kDetailPower = 0.35f;
// Hair is shaved a little beyond the skull's reach the dots keep to
// (skull_reach's part above the glabella scaled by this, about 1.2 cm
// more at the sides): tufts standing out from the head are clipped with the
// rest, while another person's hair or a hat's brim further out is not. A
// wider reach shaves more of the people behind (1.25: background share of
// the changed pixels 14.0 %, against 13.4 % here and 12.6 % at 1.0).
constexpr float kShaveReach = 1.15f;

float luma(const std::array<float, 3>& c) { return 0.2126f * c[0] + 0.7152f * c[1] + 0.0722f * c[2]; }

// Is working pixel (x, y) where hair is kept: on the face below the brows
// (brows, beard, moustache; the design's own face rule), or below the middle
// of the face, where hair hangs over the neck and shoulders and clothes touch
// the head?
bool kept(const Analysis& a, int x, int y) {
  if (on_face(a, std::size_t(y) * std::size_t(a.width) + std::size_t(x))) return true;
  if (!a.landmarks) return false;
  const float eyes = 0.5f * (a.landmarks->eyes[0].y + a.landmarks->eyes[1].y);
  return float(y) > eyes + 0.5f * (a.landmarks->chin.y - eyes);
}

// How unlike skin colour `c` is a pixel `p` (linear RGB), 0 (the same) to 1:
// the log-luminance ratio and the chromaticity difference (scaled to a
// comparable range), ramped between kAlike and kUnlike.
float unlike_skin(const std::array<float, 3>& p, const std::array<float, 3>& c) {
  const float lp = std::max(1e-4f, p[0] + p[1] + p[2]), lc = std::max(1e-4f, c[0] + c[1] + c[2]);
  const float dl = std::log(lp / lc);
  const float dr = p[0] / lp - c[0] / lc, dg = p[1] / lp - c[1] / lc;
  const float d = std::sqrt(dl * dl + kChromaWeight * (dr * dr + dg * dg));
  return std::clamp((d - kAlike) / (kUnlike - kAlike), 0.0f, 1.0f);
}

// Normalised box filter: the mean of `value` over the cells where `weight`
// lies, spread over the whole grid (two passes make it smooth), easing into
// `fallback` where little weight is near rather than switching to it, so no
// edge of the filter's reach shows.
Plane spread(const Plane& value, const Plane& weight, int radius, float fallback) {
  const Plane v = box_blur(box_blur(value, radius), radius);
  const Plane m = box_blur(box_blur(weight, radius), radius);
  const float eps = 0.05f * std::max(1e-6f, *std::max_element(m.v.begin(), m.v.end()));
  Plane out(value.w, value.h, fallback);
  for (std::size_t i = 0; i < out.v.size(); ++i) out.v[i] = (v.v[i] + eps * fallback) / (m.v[i] + eps);
  return out;
}

// Bilinear reads of grid planes (cell x cell working pixels each) at
// working pixels: the taps and weights of every column are worked out once
// and those of a row once per row, since a shaved image reads several
// planes at each of a million or more pixels.
class GridSampler {
 public:
  GridSampler(int w, int grid_w, int grid_h, int cell) : cell_(cell), grid_w_(grid_w), grid_h_(grid_h) {
    x0_.resize(std::size_t(w)), x1_.resize(std::size_t(w)), fx_.resize(std::size_t(w));
    for (int x = 0; x < w; ++x) {
      const float gx = (float(x) + 0.5f) / float(cell) - 0.5f;
      const int g = int(std::floor(gx));
      x0_[std::size_t(x)] = std::clamp(g, 0, grid_w - 1);
      x1_[std::size_t(x)] = std::clamp(g + 1, 0, grid_w - 1);
      fx_[std::size_t(x)] = gx - float(g);
    }
  }
  // Moves to working row y.
  void row(int y) {
    const float gy = (float(y) + 0.5f) / float(cell_) - 0.5f;
    const int g = int(std::floor(gy));
    y0_ = std::clamp(g, 0, grid_h_ - 1) * grid_w_;
    y1_ = std::clamp(g + 1, 0, grid_h_ - 1) * grid_w_;
    fy_ = gy - float(g);
  }
  // Plane p (grid_w x grid_h) at column x of the current row.
  float at(const Plane& p, int x) const {
    const std::size_t i = std::size_t(x);
    const float fx = fx_[i];
    const float* v = p.v.data();
    return (v[y0_ + x0_[i]] * (1 - fx) + v[y0_ + x1_[i]] * fx) * (1 - fy_) +
           (v[y1_ + x0_[i]] * (1 - fx) + v[y1_ + x1_[i]] * fx) * fy_;
  }
  std::array<float, 3> at3(const std::array<Plane, 3>& p, int x) const { return {at(p[0], x), at(p[1], x), at(p[2], x)}; }

 private:
  int cell_, grid_w_, grid_h_;
  std::vector<int> x0_, x1_;
  std::vector<float> fx_;
  int y0_ = 0, y1_ = 0;
  float fy_ = 0;
};

// How much of each working pixel is hair to shave, 0..1 (empty: none).
std::vector<float> hair_to_shave(const Analysis& a, const Design& d) {
  const int w = a.width, h = a.height;
  const std::size_t n = std::size_t(w) * h;
  if (w <= 0 || h <= 0 || a.head_mask.size() != n || a.hair_density.size() != n || a.labels.size() != n ||
      d.region.size() != n)
    return {};
  // Without a face nothing says where the face begins (brows and lashes read
  // as hair): the design's region, grown by its margin from the outline, is
  // then the only part of the head known to be scalp.
  const bool face_known = (a.face && a.landmarks) || a.tilted_face;
  Mask designed(n, 1);
  if (!face_known) {
    for (std::size_t k = 0; k < n; ++k) designed[k] = d.region[k] > 0;
    designed = dilate(designed, w, h, outline_margin(a) + 1);
  }
  // Where shaving may reach: off the kept face and beard, within the
  // skull's reach, within the design without a face. Its straight and
  // elliptic edges are faded in over the design's margin (outline_margin,
  // 3 % of the head's size), so no seam is drawn across hair that goes on
  // beyond them. The fade is smooth, so it is worked out on the lighting
  // grid and read bilinearly.
  const int cell = grid_cell(w, h);
  const int cw = (w + cell - 1) / cell, ch = (h + cell - 1) / cell;
  const SkullReach skull = skull_reach(a, d.px_per_cm, kShaveReach);
  Plane open(cw, ch);
  for (int gy = 0; gy < ch; ++gy)
    for (int gx = 0; gx < cw; ++gx) {
      const int x = std::min(w - 1, gx * cell + cell / 2), y = std::min(h - 1, gy * cell + cell / 2);
      const std::size_t k = std::size_t(y) * w + x;
      open.at(gx, gy) = designed[k] && !kept(a, x, y) && skull.contains(k, w) ? 1.0f : 0.0f;
    }
  const Plane fade = box_blur(open, std::max(1, int(std::lround(float(outline_margin(a)) / float(cell)))));
  // Only what the analysis calls hair: skin keeps its own shading and highlights.
  std::vector<float> shave(n, 0.0f);
  std::size_t hair_px = 0;
  GridSampler grid(w, cw, ch, cell);
  for (int y = 0; y < h; ++y) {
    grid.row(y);
    for (int x = 0; x < w; ++x) {
      const std::size_t k = std::size_t(y) * w + x;
      if (!a.head_mask[k] || a.labels[k] != kHair) continue;
      // From nothing at the reach's edge to all of it a fade's width inside;
      // the density is soft at the hair's edge already.
      const float open_here = std::clamp(2 * grid.at(fade, x) - 1, 0.0f, 1.0f);
      shave[k] = float(a.hair_density[k]) / 255.0f * open_here;
      hair_px += shave[k] > 0;
    }
  }
  if (hair_px == 0) return {};
  // Islands of "hair" far smaller than the hair's main mass are texture on
  // skin (wrinkles, freckles, a stray shadow): repainting them would blotch
  // it. The pieces are found on a grid of about 400 cells across, enough to
  // tell a wrinkle from the hair and far cheaper than every pixel.
  const int f = std::max(1, (std::max(w, h) + kIslandGrid - 1) / kIslandGrid);
  const int gw = (w + f - 1) / f, gh = (h + f - 1) / f;
  Mask coarse(std::size_t(gw) * gh, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (shave[std::size_t(y) * w + x] > 0) coarse[std::size_t(y / f) * gw + x / f] = 1;
  std::vector<int> part;
  const int parts = label_components(coarse, gw, gh, &part);
  std::vector<std::size_t> size(std::size_t(parts) + 1, 0);
  for (int p : part) ++size[std::size_t(p)];
  const std::size_t largest = *std::max_element(size.begin() + 1, size.end());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int p = part[std::size_t(y / f) * gw + x / f];
      if (p > 0 && size[std::size_t(p)] * kIsland < largest) shave[std::size_t(y) * w + x] = 0;
    }
  return shave;
}

}  // namespace

Shaved shave_hair(const Image& src, const Analysis& a, const Design& d) {
  Shaved result{src, {}};
  const int w = src.width, h = src.height;
  const std::size_t n = std::size_t(w) * h;
  if (w <= 0 || h <= 0 || src.channels < 3 || a.width != w || a.height != h) return result;
  const std::vector<float> shave = hair_to_shave(a, d);
  if (shave.size() != n) return result;

  float to_lin[256];
  for (int v = 0; v < 256; ++v) to_lin[v] = srgb_to_linear(float(v) / 255.0f);
  auto lin = [&](const std::uint8_t* p) { return std::array<float, 3>{to_lin[p[0]], to_lin[p[1]], to_lin[p[2]]}; };

  // Skin colour and hair luminance summed per cell of a coarse grid.
  const int cell = grid_cell(w, h);
  const int gw = (w + cell - 1) / cell, gh = (h + cell - 1) / cell;
  std::array<Plane, 3> skin_sum = {Plane(gw, gh), Plane(gw, gh), Plane(gw, gh)};
  Plane skin_n(gw, gh), hair_sum(gw, gh), hair_n(gw, gh);
  std::array<Plane, 3> hair_rgb_sum = {Plane(gw, gh), Plane(gw, gh), Plane(gw, gh)};
  std::array<double, 3> hair_rgb_total{};
  std::array<double, 3> skin_total{};
  double skin_count = 0, hair_total = 0, hair_count = 0;
  std::size_t head_px = 0;
  // Every second pixel each way: the statistics are per cell of many pixels.
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2) {
      const std::size_t k = std::size_t(y) * w + x;
      // Skin anywhere on the person counts (the neck and ears of a head seen
      // from behind); hair only on the head.
      if (!a.head_mask[k] && a.labels[k] != kSkin) continue;
      head_px += 4 * a.head_mask[k];
      const std::array<float, 3> c = lin(src.at(x, y));
      const std::size_t g = std::size_t((y / cell) * gw + x / cell);
      if (a.labels[k] == kSkin && shave[k] < 0.25f) {
        for (int ch = 0; ch < 3; ++ch) skin_sum[std::size_t(ch)].v[g] += c[std::size_t(ch)], skin_total[std::size_t(ch)] += c[std::size_t(ch)];
        skin_n.v[g] += 1, skin_count += 1;
      }
      if (shave[k] > 0.5f) {
        hair_sum.v[g] += luma(c), hair_n.v[g] += 1, hair_total += luma(c), hair_count += 1;
        for (int ch = 0; ch < 3; ++ch) hair_rgb_sum[std::size_t(ch)].v[g] += c[std::size_t(ch)], hair_rgb_total[std::size_t(ch)] += c[std::size_t(ch)];
      }
    }
  // Without skin in view (a top view of a full head of hair) the analysis's
  // skin colour stands in.
  std::array<float, 3> skin_ref;
  for (int ch = 0; ch < 3; ++ch)
    skin_ref[std::size_t(ch)] = skin_count > 0 ? float(skin_total[std::size_t(ch)] / skin_count) : to_lin[a.skin_rgb[std::size_t(ch)]];
  const float hair_ref = hair_count > 0 ? float(hair_total / hair_count) : 1.0f;
  // Spread over about a sixth of the head's size: the scale of its shading.
  const int radius = std::max(2, int(std::lround(std::sqrt(double(head_px)) / 6.0 / cell)));
  // The clipped scalp's colour per cell: the skin's spread colour times the
  // hair's large-scale shading, with the stubble's share in the hair's own
  // local colour (smooth products, so cells and bilinear reads keep them).
  const Plane hair_light = spread(hair_sum, hair_n, radius, hair_ref);
  std::array<Plane, 3> scalp_colour, hair_colour;
  for (int ch = 0; ch < 3; ++ch) {
    const float hair_mean = hair_count > 0 ? float(hair_rgb_total[std::size_t(ch)] / hair_count) : skin_ref[std::size_t(ch)];
    hair_colour[std::size_t(ch)] = spread(hair_rgb_sum[std::size_t(ch)], hair_n, radius, hair_mean);
    Plane& c = scalp_colour[std::size_t(ch)] = spread(skin_sum[std::size_t(ch)], skin_n, radius, skin_ref[std::size_t(ch)]);
    for (std::size_t i = 0; i < c.v.size(); ++i)
      c.v[i] *= std::pow(std::clamp(hair_light.v[i] / hair_ref, 0.5f, 1.5f), kHairShadingPower);
  }
  // The hair's local light to the power -kDetailPower per cell, and a table
  // of luminance to the power kDetailPower: the grain's factor without a
  // pow per pixel.
  Plane local_pow(hair_light.w, hair_light.h);
  for (std::size_t i = 0; i < local_pow.v.size(); ++i)
    local_pow.v[i] = std::pow(std::max(1e-4f, hair_light.v[i]), -kDetailPower);
  constexpr int kLumaSteps = 4096;
  std::array<float, kLumaSteps + 1> luma_pow;
  for (int q = 0; q <= kLumaSteps; ++q) luma_pow[std::size_t(q)] = std::pow(float(q) / kLumaSteps, kDetailPower);
  const float detail_lo = std::pow(0.25f, kDetailPower), detail_hi = std::pow(4.0f, kDetailPower);
  // Shaving fades out toward the head's outline over the design's margin,
  // where no stubble dots go: the silhouette keeps the hair's own edge
  // instead of a bare rim. Steps of a quarter margin, by the dots' own test.
  const int margin = outline_margin(a);
  auto fade = [&](std::size_t k) {
    int in = 0;
    for (int q = 1; q <= 4; ++q) in += inside_head(a, k, (margin * q + 3) / 4);
    return float(in) / 4.0f;
  };

  Image& out = result.working;
  result.weight.assign(n, 0);
  float lin_to_byte[4097];
  for (int q = 0; q <= 4096; ++q) lin_to_byte[q] = 255.0f * linear_to_srgb(float(q) / 4096.0f);
  auto encode = [&](float v) {
    const int q = std::clamp(int(v * 4096.0f), 0, 4096);
    return std::uint8_t(std::lround(lin_to_byte[q]));
  };
  GridSampler grid(w, gw, gh, cell);
  for (int y = 0; y < h; ++y) {
    grid.row(y);
    for (int x = 0; x < w; ++x) {
      float t = shave[std::size_t(y) * w + x];
      if (t <= 0.0f) continue;
      t *= fade(std::size_t(y) * w + x);
      if (t <= 0.0f) continue;
      std::uint8_t* p = out.at(x, y);
      const std::array<float, 3> o = lin(p);
      const std::array<float, 3> skin = grid.at3(scalp_colour, x), hair = grid.at3(hair_colour, x);
      const float grain = luma_pow[std::size_t(std::clamp(int(luma(o) * kLumaSteps + 0.5f), 0, kLumaSteps))];
      const float detail = std::clamp(grain * grid.at(local_pow, x), detail_lo, detail_hi);
      std::array<float, 3> scalp;
      for (std::size_t ch = 0; ch < 3; ++ch) scalp[ch] = (skin[ch] * (1 - kStubbleCover) + hair[ch] * kStubbleCover) * detail;
      // A "hair" pixel already the colour of the skin around it is skin (a
      // bare scalp's texture read as hair): it keeps its own shading.
      const float wt = t * unlike_skin(o, skin);
      for (int ch = 0; ch < 3; ++ch) p[ch] = encode(o[std::size_t(ch)] * (1 - wt) + scalp[std::size_t(ch)] * wt);
      result.weight[std::size_t(y) * w + x] = std::uint8_t(255.0f * wt + 0.5f);
    }
  }
  return result;
}

Design with_stubble(Design d, const Analysis& a, const std::vector<std::uint8_t>& weight) {
  const std::size_t n = d.region.size();
  if (weight.size() != n || a.head_mask.size() != n || a.width <= 0) return d;
  // The same margin from the head's outline as the design's own dots.
  const int margin = outline_margin(a);
  for (std::size_t k = 0; k < n; ++k)
    if (weight[k] > d.region[k] && inside_head(a, k, margin)) d.region[k] = weight[k];
  return d;
}

}  // namespace smp

#include "core/render/dots.h"

#include <algorithm>
#include <cmath>

#include "core/render/blue_noise.h"
#include "core/base/hash_noise.h"
#include "core/base/lab.h"

namespace smp {
namespace {

constexpr int kTilePoints = 4096;      // big enough that the repeat is not seen
constexpr std::size_t kMaxDots = 1'000'000;  // ~60 MB of dots at most
constexpr int kTones = 4;
constexpr float kTint = 0.10f;      // share of the ink's colour filtered by the skin
constexpr float kMidSkinY = 0.18f;  // linear luminance of mid-tone skin (sRGB ~ 170,125,105)
// Healed SMP is not black pepper: up close, small crisp dots over skin that
// is itself shaded grey (pigment scattered in the dermis, dots below the
// eye's resolution); from afar, the even shadow of shaved stubble. So a dot
// keeps part of its coverage and a haze of its neighbourhood's mean is added.
constexpr float kSoftBase = 0.2f;   // edge width beyond anti-aliasing, in radii
constexpr float kDotShare = 0.8f;  // the dots keep this much of their coverage ...
constexpr float kHaze = 0.35f;      // ... and this much more is spread as haze

// Triangular distribution on [0, 1]: most dots mid-sized, a few tiny or big.
float triangular(std::uint32_t h) { return 0.5f * (unit(h) + unit(hash32(h))); }

}  // namespace

void finish_dot(Dot& d) {
  // Dots narrower than a pixel are drawn at 0.6 px with less ink, so the
  // amount of pigment (area x opacity) stays right at any photo scale.
  float r = d.radius, ink = 1.0f;
  if (r < 0.6f) {
    ink = (r * r) / (0.6f * 0.6f);
    r = 0.6f;
  }
  float e = std::clamp(d.elongation, 1.0f, 3.0f);
  float major = r * std::sqrt(e), minor = r / std::sqrt(e);
  float c = std::cos(d.angle), s = std::sin(d.angle);
  float ia = 1.0f / (major * major), ib = 1.0f / (minor * minor);
  d.qa = c * c * ia + s * s * ib;
  d.qb = 2 * c * s * (ia - ib);
  d.qc = s * s * ia + c * c * ib;
  // Edge: about half a pixel of anti-aliasing, plus blur for deep dots
  // (pigment seen through more skin scatters).
  float depth = std::clamp(d.depth, 0.0f, 1.0f);
  float soft = std::min(0.9f, 0.5f / minor + kSoftBase + 0.4f * depth);
  d.q_inner = (1 - soft) * (1 - soft);
  d.q_outer = (1 + soft) * (1 + soft);
  d.reach = major * (1 + soft);
  // Deep dots are lighter: less of the ink reaches the surface.
  d.opacity = static_cast<std::uint8_t>(std::lround(255.0f * ink * (1.0f - 0.5f * depth)));
  d.tone = static_cast<std::uint8_t>(std::min(kTones - 1, static_cast<int>(depth * kTones)));
}

std::vector<glm::vec2> dot_tile(std::uint32_t seed) {
  return poisson_tile(hash32(seed, 0x711e), kTilePoints);
}

std::vector<Dot> place_dots(const Analysis& a, const Design& d, const RenderOptions& o) {
  return place_dots(a, d, o, dot_tile(o.seed));
}

std::vector<Dot> place_dots(const Analysis& a, const Design& d, const RenderOptions& o,
                            const std::vector<glm::vec2>& tile) {
  std::vector<Dot> dots;
  const int w = a.width, h = a.height;
  if (w <= 0 || h <= 0 || d.region.size() != static_cast<std::size_t>(w) * h) return dots;
  const float s = d.px_per_cm > 0 ? d.px_per_cm : design_scale(a).px_per_cm;
  // More than a few dots per pixel shows nothing more (a tiny scale, e.g. a
  // mistyped calibration) and would only cost time: cap it.
  const double per_px2 = std::min(4.0, std::max(1.0, o.density) / (static_cast<double>(s) * s));

  // Bounding box of the region: only tiles over it are visited.
  int x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (d.region[static_cast<std::size_t>(y) * w + x]) {
        x0 = std::min(x0, x), x1 = std::max(x1, x);
        y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
  if (x1 < 0) return dots;

  const float side = static_cast<float>(std::sqrt(tile.size() / per_px2));  // px
  const float min_r = static_cast<float>(o.dot_min_mm) * 0.05f * s;  // mm diameter -> px radius
  const float max_r = static_cast<float>(std::max(o.dot_max_mm, o.dot_min_mm)) * 0.05f * s;
  const int tx0 = static_cast<int>(std::floor(x0 / side)), tx1 = static_cast<int>(std::floor((x1 + 1) / side));
  const int ty0 = static_cast<int>(std::floor(y0 / side)), ty1 = static_cast<int>(std::floor((y1 + 1) / side));

  for (int ty = ty0; ty <= ty1; ++ty)
    for (int tx = tx0; tx <= tx1; ++tx)
      for (std::size_t k = 0; k < tile.size(); ++k) {
        float x = (tx + tile[k].x) * side, y = (ty + tile[k].y) * side;
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        std::uint8_t cov = d.region[static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x)];
        if (!cov) continue;
        std::uint32_t hk = hash32(o.seed, static_cast<std::uint32_t>(tx) * 73856093u ^
                                              static_cast<std::uint32_t>(ty) * 19349663u,
                                  static_cast<std::uint32_t>(k));
        if (hk % 255u >= cov) continue;  // thin out with probability 1 - cov/255
        Dot dot;
        dot.x = x;
        dot.y = y;
        // Mostly small dots (real impressions are ~0.3-0.5 mm), a few up to
        // the maximum: an even shadow from afar, varied up close.
        float t = triangular(hash32(hk, 1));
        dot.radius = min_r + (max_r - min_r) * t * t;
        dot.elongation = 1.1f + 0.5f * unit(hash32(hk, 2));  // short strokes, like stubble
        glm::vec2 g = glm::vec2(x, y) - d.growth_origin;
        dot.angle = std::atan2(g.y, g.x) + 0.5f * (unit(hash32(hk, 3)) - 0.5f);
        // Big impressions are pigment spread deeper (softer, lighter): the
        // ink per dot varies less than its size, so the shadow stays even.
        dot.depth = 0.3f * unit(hash32(hk, 4)) + 0.7f * t;
        finish_dot(dot);
        dots.push_back(dot);
        if (dots.size() >= kMaxDots) return dots;
      }
  return dots;
}

std::array<float, 3> pigment_rgb(const Analysis& a, const std::string& shade) {
  // Carbon pigment under the epidermis, as it looks on mid-tone skin: a
  // neutral to cool grey, darker for the stronger dilutions. sRGB 0..255.
  auto lin = [](float r, float g, float b) {
    return std::array<float, 3>{srgb_to_linear(r / 255), srgb_to_linear(g / 255), srgb_to_linear(b / 255)};
  };
  if (shade == "black") return lin(38, 38, 43);
  if (shade == "dark") return lin(55, 53, 55);
  if (shade == "medium") return lin(78, 73, 72);
  if (shade == "light") return lin(104, 98, 95);
  // auto: the hair's colour, half desaturated and kept between black and the
  // light dilution (grey or fair hair gets a light shade, dark hair a dark one).
  float h[3], y = 0;
  for (int c = 0; c < 3; ++c) h[c] = a.hair_rgb[c];
  y = 0.299f * h[0] + 0.587f * h[1] + 0.114f * h[2];
  static constexpr float kBlack[3] = {38, 38, 43}, kLight[3] = {104, 98, 95};
  std::array<float, 3> out{};
  for (int c = 0; c < 3; ++c) {
    float v = 30.0f + 0.35f * 0.5f * (h[c] + y);
    out[c] = srgb_to_linear(std::clamp(v, kBlack[c], kLight[c]) / 255.0f);
  }
  return out;
}

namespace {

// Draws one dot into the layer; `near` marks every pixel within the dot's
// reach (where its haze may go).
void splat(const Dot& d, InkLayer& ink, std::vector<std::uint8_t>& near) {
  const int w = ink.w, h = ink.h;
  int xa = std::max(0, static_cast<int>(d.x - d.reach)), xb = std::min(w - 1, static_cast<int>(d.x + d.reach));
  int ya = std::max(0, static_cast<int>(d.y - d.reach)), yb = std::min(h - 1, static_cast<int>(d.y + d.reach));
  const float span = 1.0f / (d.q_outer - d.q_inner);
  const int dd = static_cast<int>(std::clamp(d.depth, 0.0f, 1.0f) * 255.0f);
  for (int y = ya; y <= yb; ++y) {
    float dy = y + 0.5f - d.y;
    float by = d.qb * dy, cy = d.qc * dy * dy;
    std::size_t row = static_cast<std::size_t>(y) * w;
    for (int x = xa; x <= xb; ++x) {
      near[row + x] = 1;
      float dx = x + 0.5f - d.x;
      float q = d.qa * dx * dx + by * dx + cy;
      if (q >= d.q_outer) continue;
      float t = q <= d.q_inner ? 1.0f : (d.q_outer - q) * span;
      int al = static_cast<int>(d.opacity * (t * t * (3 - 2 * t)) + 0.5f);
      if (!al) continue;
      std::uint8_t& c = ink.cover[row + x];
      std::uint8_t& z = ink.depth[row + x];
      int before = c, after = before + ((al * (255 - before) + 127) / 255);
      z = static_cast<std::uint8_t>((z * before + dd * (after - before)) / std::max(1, after));
      c = static_cast<std::uint8_t>(after);
    }
  }
}

// The haze's reach: 1.5 x the median dot's reach (about one dot spacing at
// the default size and density), in whole pixels.
int haze_radius(const std::vector<Dot>& dots) {
  std::vector<float> reach;
  for (std::size_t i = 0; i < dots.size(); i += 1 + dots.size() / 512) reach.push_back(dots[i].reach);
  std::nth_element(reach.begin(), reach.begin() + reach.size() / 2, reach.end());
  return std::clamp(static_cast<int>(std::lround(2.0f * reach[reach.size() / 2])), 1, 16);
}

// Keeps kDotShare of the dots' coverage and adds kHaze of its box-blurred
// average (two running-sum passes), only where some dot reaches: crisp small
// dots over an even shadow, as healed SMP looks up close. Haze counts as
// mid-depth ink (a little lighter and cooler).
void spread_haze(InkLayer& ink, const std::vector<std::uint8_t>& near, int r) {
  const int w = ink.w, h = ink.h;
  // Horizontal running sums first; the vertical ones then run down the rows
  // with one running sum per column, so every pass reads memory in order.
  std::vector<std::uint32_t> rows(ink.cover.size());
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* c = ink.cover.data() + static_cast<std::size_t>(y) * w;
    std::uint32_t* o = rows.data() + static_cast<std::size_t>(y) * w;
    std::uint32_t sum = 0;
    for (int x = 0; x < std::min(r, w); ++x) sum += c[x];
    for (int x = 0; x < w; ++x) {
      if (x + r < w) sum += c[x + r];
      if (x - r - 1 >= 0) sum -= c[x - r - 1];
      o[x] = sum;
    }
  }
  const float inv_area = kHaze / static_cast<float>((2 * r + 1) * (2 * r + 1));
  constexpr int kHazeDepth = 96;
  std::vector<std::uint32_t> column(static_cast<std::size_t>(w), 0);
  auto add_row = [&](int y, int sign) {
    const std::uint32_t* row = rows.data() + static_cast<std::size_t>(y) * w;
    for (int x = 0; x < w; ++x) column[static_cast<std::size_t>(x)] += static_cast<std::uint32_t>(sign) * row[x];
  };
  for (int y = 0; y < std::min(r, h); ++y) add_row(y, 1);
  for (int y = 0; y < h; ++y) {
    if (y + r < h) add_row(y + r, 1);
    if (y - r - 1 >= 0) add_row(y - r - 1, -1);
    // The rows summed come from `rows`, made before any cover changed.
    for (int x = 0; x < w; ++x) {
      const std::size_t k = static_cast<std::size_t>(y) * w + x;
      if (!near[k]) continue;
      float dots = kDotShare * ink.cover[k], haze = inv_area * static_cast<float>(column[static_cast<std::size_t>(x)]);
      float all = dots + haze;
      if (all < 0.5f) {
        ink.cover[k] = 0;
        continue;
      }
      ink.depth[k] = static_cast<std::uint8_t>((dots * ink.depth[k] + haze * kHazeDepth) / all);
      ink.cover[k] = static_cast<std::uint8_t>(std::min(255.0f, all + 0.5f));
    }
  }
}

}  // namespace

InkLayer ink_layer(const std::vector<Dot>& dots, int w, int h) {
  InkLayer ink;
  if (dots.empty()) return ink;  // an empty layer: render_preview copies the photo
  ink.w = w;
  ink.h = h;
  ink.cover.assign(static_cast<std::size_t>(w) * h, 0);
  ink.depth.assign(ink.cover.size(), 0);
  std::vector<std::uint8_t> near(ink.cover.size(), 0);
  for (const Dot& d : dots) splat(d, ink, near);
  spread_haze(ink, near, haze_radius(dots));
  return ink;
}

void render_preview(const Photo& photo, const Analysis& a, const std::vector<Dot>& dots,
                    const RenderOptions& o, Image* out) {
  render_preview(photo, a, ink_layer(dots, photo.working.width, photo.working.height), o, out);
}

void render_preview(const Photo& photo, const Analysis& a, const InkLayer& ink,
                    const RenderOptions& o, Image* out) {
  render_preview(photo.working, a, ink, o, out);
}

void render_preview(const Image& src, const Analysis& a, const InkLayer& ink,
                    const RenderOptions& o, Image* out) {
  const int w = src.width, h = src.height;
  if (out->width != w || out->height != h || out->channels != 4) *out = Image(w, h, 4);
  const std::size_t n = static_cast<std::size_t>(w) * h;
  const std::uint8_t* sp = src.pixels.data();
  std::uint8_t* dp = out->pixels.data();
  if (ink.cover.size() != n) {  // no ink (no dots): the photo as it is
    for (std::size_t i = 0; i < n; ++i, sp += 3, dp += 4) dp[0] = sp[0], dp[1] = sp[1], dp[2] = sp[2], dp[3] = 255;
    return;
  }

  // Blend in linear light towards the ink colour scaled by the pixel's own
  // lighting (its luminance over the scalp's mean), so shading and
  // highlights carry over the dots and the skin shows between them.
  float to_lin[256];
  for (int v = 0; v < 256; ++v) to_lin[v] = srgb_to_linear(v / 255.0f);
  std::uint8_t to_srgb[4097];
  for (int v = 0; v <= 4096; ++v)
    to_srgb[v] = static_cast<std::uint8_t>(std::lround(255.0f * linear_to_srgb(v / 4096.0f)));
  auto luma = [&](const std::uint8_t* p) {
    return 0.2126f * to_lin[p[0]] + 0.7152f * to_lin[p[1]] + 0.0722f * to_lin[p[2]];
  };
  double sum = 0, cnt = 0;  // the scalp's mean luminance, sampled under the dots
  for (int y = 0; y < h; y += 3)
    for (int x = 0; x < w; x += 3)
      if (ink.cover[static_cast<std::size_t>(y) * w + x] > 64) {
        sum += luma(src.at(x, y));
        cnt += 1;
      }
  const float inv_skin = cnt > 0 && sum > 0 ? static_cast<float>(cnt / sum) : 4.0f;
  // Pigment seen through fair skin looks lighter than through dark skin
  // (less melanin above it): scale the ink with the scalp's own luminance
  // around a mid-tone reference, so dots on pale skin read as grey shadow,
  // not pepper.
  const float skin_y = static_cast<float>(1.0 / inv_skin);
  const float through = std::clamp(skin_y / kMidSkinY, 0.6f, 3.0f);
  std::array<float, 3> pig = pigment_rgb(a, o.shade);
  for (float& c : pig) c *= through;
  float tone[kTones][3];
  for (int t = 0; t < kTones; ++t) {
    // Deeper ink looks lighter and cooler (the dermis scatters blue back).
    float depth = (t + 0.5f) / kTones;
    static constexpr float kCool[3] = {0.95f, 1.0f, 1.08f};
    for (int c = 0; c < 3; ++c) tone[t][c] = pig[c] * (1.0f + 0.4f * depth) * (1.0f + depth * (kCool[c] - 1.0f));
  }
  const std::uint8_t* cover = ink.cover.data();
  const std::uint8_t* depth = ink.depth.data();
  // Coverage level -> blend weights, so the pixel loop only multiplies.
  float keep_base[256], lit[256], tinted[256];
  for (int al = 0; al < 256; ++al) {
    float k = al / 255.0f;
    keep_base[al] = 1.0f - k;
    lit[al] = k * (1.0f - kTint) * inv_skin;  // times the pixel's luminance
    tinted[al] = k * kTint * inv_skin;        // times the pixel's own channel
  }
  auto encode = [&](float v) {
    int q = static_cast<int>(v * 4096.0f);
    return to_srgb[q < 0 ? 0 : q > 4096 ? 4096 : q];
  };
  const float max_light = 2.0f / inv_skin;  // light over twice the mean is highlight
  for (std::size_t i = 0; i < n; ++i, sp += 3, dp += 4) {
    if (int al = cover[i]) {
      // Ink seen through the epidermis: part lit like the pixel, part
      // filtered by the skin's own colour (dots on dark skin look brown-black).
      float lr = to_lin[sp[0]], lg = to_lin[sp[1]], lb = to_lin[sp[2]];
      float y = std::min(max_light, 0.2126f * lr + 0.7152f * lg + 0.0722f * lb);
      float a0 = keep_base[al], l = lit[al] * y, tk = tinted[al];
      const float* t = tone[depth[i] >> 6];
      dp[0] = encode(lr * a0 + t[0] * (l + tk * lr));
      dp[1] = encode(lg * a0 + t[1] * (l + tk * lg));
      dp[2] = encode(lb * a0 + t[2] * (l + tk * lb));
    } else {
      dp[0] = sp[0], dp[1] = sp[1], dp[2] = sp[2];
    }
    dp[3] = 255;
  }
}

}  // namespace smp

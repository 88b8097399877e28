#include "dots.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "blue_noise.h"
#include "hash_noise.h"
#include "lab.h"

namespace smp {
namespace {

constexpr int kTilePoints = 4096;      // big enough that the repeat is not seen
constexpr std::size_t kMaxDots = 1'500'000;
constexpr int kTones = 4;

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
  float soft = std::min(0.9f, 0.5f / minor + 0.45f * depth);
  d.q_inner = (1 - soft) * (1 - soft);
  d.q_outer = (1 + soft) * (1 + soft);
  d.reach = major * (1 + soft);
  // Deep dots are lighter: less of the ink reaches the surface.
  d.opacity = static_cast<std::uint8_t>(std::lround(255.0f * ink * (0.95f - 0.4f * depth)));
  d.tone = static_cast<std::uint8_t>(std::min(kTones - 1, static_cast<int>(depth * kTones)));
}

std::vector<Dot> place_dots(const Analysis& a, const Design& d, const RenderOptions& o) {
  std::vector<Dot> dots;
  const int w = a.width, h = a.height;
  if (w <= 0 || h <= 0 || d.region.size() != static_cast<std::size_t>(w) * h) return dots;
  const float s = d.px_per_cm > 0 ? d.px_per_cm : design_scale(a).px_per_cm;
  const double per_px2 = std::max(1.0, o.density) / (static_cast<double>(s) * s);

  // Bounding box of the region: only tiles over it are visited.
  int x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (d.region[static_cast<std::size_t>(y) * w + x]) {
        x0 = std::min(x0, x), x1 = std::max(x1, x);
        y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
  if (x1 < 0) return dots;

  const std::vector<glm::vec2> tile = poisson_tile(hash32(o.seed, 0x711e), kTilePoints);
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
        dot.radius = min_r + (max_r - min_r) * triangular(hash32(hk, 1));
        dot.elongation = 1.0f + 0.35f * unit(hash32(hk, 2));
        glm::vec2 g = glm::vec2(x, y) - d.growth_origin;
        dot.angle = std::atan2(g.y, g.x) + 0.5f * (unit(hash32(hk, 3)) - 0.5f);
        dot.depth = unit(hash32(hk, 4));
        finish_dot(dot);
        dots.push_back(dot);
        if (dots.size() >= kMaxDots) return dots;
      }
  return dots;
}

std::array<float, 3> pigment_filter(const Analysis& a, const std::string& shade) {
  // Diluted carbon pigments seen through skin read as neutral to cool grey.
  if (shade == "black") return {0.030f, 0.032f, 0.038f};
  if (shade == "dark") return {0.060f, 0.060f, 0.066f};
  if (shade == "medium") return {0.12f, 0.11f, 0.11f};
  if (shade == "light") return {0.24f, 0.22f, 0.21f};
  // auto: the hair's own colour in linear light, half desaturated (pigment
  // under skin loses saturation), kept between black and the light dilution.
  std::array<float, 3> lin{};
  for (int c = 0; c < 3; ++c) lin[c] = srgb_to_linear(a.hair_rgb[c] / 255.0f);
  float y = 0.2126f * lin[0] + 0.7152f * lin[1] + 0.0722f * lin[2];
  std::array<float, 3> p{};
  for (int c = 0; c < 3; ++c) p[c] = std::clamp(0.5f * (lin[c] + y) * 0.9f + 0.02f, 0.028f, 0.24f);
  return p;
}

namespace {

// The dots' combined coverage and depth per pixel. It does not depend on the
// shade, so a shade change only re-runs the cheap per-pixel blend below.
struct InkLayer {
  std::uint64_t key = 0;
  int w = 0, h = 0;
  std::vector<std::uint8_t> cover;  // union of the dots' coverage, 0..255
  std::vector<std::uint8_t> depth;  // coverage-weighted mean depth, 0..255
};

// Content hash of the dot field (the derived fields follow from these).
std::uint64_t dots_key(const std::vector<Dot>& dots, int w, int h) {
  std::uint64_t k = 1469598103934665603ull ^ (static_cast<std::uint64_t>(w) << 32 | static_cast<std::uint32_t>(h));
  auto mix = [&k](float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    k = (k ^ u) * 1099511628211ull;
  };
  for (const Dot& d : dots) {
    mix(d.x), mix(d.y), mix(d.radius), mix(d.elongation), mix(d.angle), mix(d.depth);
  }
  return k ^ dots.size();
}

void splat(const Dot& d, InkLayer& ink) {
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

// One remembered layer: the consultation re-renders the same dots on every
// shade change. Keyed by content, so a hit is always the same dot field.
const InkLayer& ink_layer(const std::vector<Dot>& dots, int w, int h) {
  static thread_local InkLayer memo;
  std::uint64_t key = dots_key(dots, w, h);
  if (memo.key == key && memo.w == w && memo.h == h && !memo.cover.empty()) return memo;
  memo.key = key;
  memo.w = w;
  memo.h = h;
  memo.cover.assign(static_cast<std::size_t>(w) * h, 0);
  memo.depth.assign(memo.cover.size(), 0);
  for (const Dot& d : dots) splat(d, memo);
  return memo;
}

}  // namespace

void render_preview(const Photo& photo, const Analysis& a, const std::vector<Dot>& dots,
                    const RenderOptions& o, Image* out) {
  const Image& src = photo.working;
  const int w = src.width, h = src.height;
  if (out->width != w || out->height != h || out->channels != 4) *out = Image(w, h, 4);
  const std::size_t n = static_cast<std::size_t>(w) * h;
  const std::uint8_t* sp = src.pixels.data();
  std::uint8_t* dp = out->pixels.data();
  if (dots.empty()) {
    for (std::size_t i = 0; i < n; ++i, sp += 3, dp += 4) dp[0] = sp[0], dp[1] = sp[1], dp[2] = sp[2], dp[3] = 255;
    return;
  }
  const InkLayer& ink = ink_layer(dots, w, h);

  // Multiply in linear light by T = 1 - alpha (1 - P) equals multiplying the
  // sRGB value by about T^(1/2.2): one 8.8 fixed-point factor per coverage
  // level, channel and depth class, tabulated once per render.
  const std::array<float, 3> pig = pigment_filter(a, o.shade);
  std::vector<std::uint16_t> lut(static_cast<std::size_t>(kTones) * 256 * 3);
  for (int t = 0; t < kTones; ++t) {
    float depth = (t + 0.5f) / kTones;
    for (int c = 0; c < 3; ++c) {
      // Deeper ink looks cooler (the dermis scatters blue back).
      static constexpr float kCool[3] = {-0.16f, 0.0f, 0.24f};
      float p = std::min(1.0f, pig[c] * (1.0f + depth * kCool[c]));
      for (int al = 0; al < 256; ++al) {
        float tr = 1.0f - (al / 255.0f) * (1.0f - p);
        lut[(static_cast<std::size_t>(t) * 256 + al) * 3 + c] =
            static_cast<std::uint16_t>(std::lround(256.0f * std::pow(tr, 1.0f / 2.2f)));
      }
    }
  }
  // Highlights: the brightest skin is mostly surface reflection, which sits
  // above the pigment; keep up to half of it.
  std::uint16_t keep[256];
  for (int v = 0; v < 256; ++v) {
    float t = std::clamp((v - 200) / 50.0f, 0.0f, 1.0f);
    keep[v] = static_cast<std::uint16_t>(std::lround(256.0f * (1.0f - 0.5f * t * t * (3 - 2 * t))));
  }
  const std::uint8_t* cover = ink.cover.data();
  const std::uint8_t* depth = ink.depth.data();
  for (std::size_t i = 0; i < n; ++i, sp += 3, dp += 4) {
    std::uint8_t r = sp[0], g = sp[1], b = sp[2];
    if (int al = cover[i]) {
      al = (al * keep[std::max(r, std::max(g, b))]) >> 8;
      const std::uint16_t* f = lut.data() + (static_cast<std::size_t>(depth[i] >> 6) * 256 + al) * 3;
      r = static_cast<std::uint8_t>((r * f[0]) >> 8);
      g = static_cast<std::uint8_t>((g * f[1]) >> 8);
      b = static_cast<std::uint8_t>((b * f[2]) >> 8);
    }
    dp[0] = r, dp[1] = g, dp[2] = b, dp[3] = 255;
  }
}

}  // namespace smp

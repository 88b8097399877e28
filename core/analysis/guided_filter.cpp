#include "core/analysis/guided_filter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp {
namespace {

// The fit runs on a grid at least this many cells on the long side: fine
// enough for a person's outline, coarse enough to cost less than the final
// full-size pass.
constexpr int kGridSide = 256;

// Byte to float by table: a load, where a conversion instruction would chain
// each pixel to the last through its destination register.
constexpr auto kByte = [] {
  std::array<float, 256> t{};
  for (int i = 0; i < 256; ++i) t[i] = float(i);
  return t;
}();

// One axis of a bilinear resampling: for each destination sample the two
// source samples and the weight of the second.
struct Tap {
  int i0, i1;
  float t;
};

// Destination sample j reads source coordinate (j + 0.5) * step - 0.5,
// clamped to [0, src - 1] so the edge samples extend outwards.
std::vector<Tap> taps(int dst, int src, double step) {
  std::vector<Tap> out(dst);
  for (int j = 0; j < dst; ++j) {
    const double c = std::clamp((j + 0.5) * step - 0.5, 0.0, double(src - 1));
    const int i0 = int(c);
    out[j] = {i0, std::min(i0 + 1, src - 1), float(c - i0)};
  }
  return out;
}

// Bilinear resampling with explicit steps (source pixels per destination
// pixel), so a caller whose grid does not span the whole source can say so.
Plane sample(const Plane& p, int w, int h, double step_x, double step_y) {
  Plane out(w, h);
  const std::vector<Tap> cx = taps(w, p.w, step_x), cy = taps(h, p.h, step_y);
  std::vector<float> row(p.w);
  for (int y = 0; y < h; ++y) {
    const float* r0 = &p.v[std::size_t(cy[y].i0) * p.w];
    const float* r1 = &p.v[std::size_t(cy[y].i1) * p.w];
    const float ty = cy[y].t;
    for (int x = 0; x < p.w; ++x) row[x] = r0[x] + (r1[x] - r0[x]) * ty;
    float* o = &out.v[std::size_t(y) * w];
    for (int x = 0; x < w; ++x) o[x] = row[cx[x].i0] + (row[cx[x].i1] - row[cx[x].i0]) * cx[x].t;
  }
  return out;
}

// Mean over the (2r+1)^2 window clipped to the grid, in place, for each of
// the C interleaved channels of a w x h grid. Running sums make it O(1) per
// value; they are kept in double so that variances (small differences of
// large means) do not drift along a row.
template <int C>
void box_mean(std::vector<float>& f, int w, int h, int r) {
  const std::size_t n = std::size_t(w) * C;
  std::vector<float> row(n), zero(n);
  for (int y = 0; y < h; ++y) {
    float* line = &f[y * n];
    double s[C] = {};
    for (int x = 0; x <= std::min(r, w - 1); ++x)
      for (int k = 0; k < C; ++k) s[k] += line[x * C + k];
    for (int x = 0; x < w; ++x) {
      const double inv = 1.0 / (std::min(x + r, w - 1) - std::max(x - r, 0) + 1);
      const float* add = x + r + 1 < w ? line + (x + r + 1) * C : zero.data();
      const float* sub = x - r >= 0 ? line + (x - r) * C : zero.data();
      for (int k = 0; k < C; ++k) {
        row[std::size_t(x) * C + k] = float(s[k] * inv);
        s[k] += double(add[k]) - sub[k];
      }
    }
    std::copy(row.begin(), row.end(), line);
  }
  // Vertically the running sum is a whole row, so every access is
  // sequential; the rows still to leave the window wait in a ring.
  const int ring_rows = std::min(r + 1, h);
  std::vector<float> ring(ring_rows * n);
  std::vector<double> sum(n);
  for (int y = 0; y <= std::min(r, h - 1); ++y)
    for (std::size_t i = 0; i < n; ++i) sum[i] += f[y * n + i];
  for (int y = 0; y < h; ++y) {
    const double inv = 1.0 / (std::min(y + r, h - 1) - std::max(y - r, 0) + 1);
    float* o = &f[y * n];
    std::copy(o, o + n, ring.begin() + (y % ring_rows) * n);
    const float* add = y + r + 1 < h ? &f[(y + r + 1) * n] : zero.data();
    const float* sub = y - r >= 0 ? &ring[((y - r) % ring_rows) * n] : zero.data();
    for (std::size_t i = 0; i < n; ++i) {
      o[i] = float(sum[i] * inv);
      sum[i] += double(add[i]) - sub[i];
    }
  }
}

}  // namespace

Plane resize_bilinear(const Plane& p, int w, int h) {
  if (p.w <= 0 || p.h <= 0 || p.v.size() != std::size_t(p.w) * p.h || w <= 0 || h <= 0) return {};
  return sample(p, w, h, double(p.w) / w, double(p.h) / h);
}

Result<Plane> guided_upsample(const Image& guide, const Plane& p, int radius, float eps) {
  const int W = guide.width, H = guide.height;
  if (W <= 0 || H <= 0 || guide.channels < 3 || guide.channels > 4 ||
      guide.pixels.size() != std::size_t(W) * H * guide.channels)
    return Error{"invalid_image", "The guide image is empty, not RGB/RGBA or of the wrong size."};
  if (p.w <= 0 || p.h <= 0 || p.v.size() != std::size_t(p.w) * p.h)
    return Error{"invalid_mask", "The mask is empty or its values do not match its size."};
  if (radius <= 0 || !(eps > 0))
    return Error{"invalid_option", "The guided filter needs radius > 0 and eps > 0."};

  // The grid: whole guide pixels per cell, so cell k covers [k*s, (k+1)*s);
  // never coarser than the short side, or a cell would run off the image.
  const int s = std::clamp(std::max(W, H) / kGridSide, 1, std::min(W, H));
  const RgbPlanes I = shrink(guide, s);
  const int gw = I.w(), gh = I.h(), n = gw * gh;
  const int r = std::max(1, int(std::lround(double(radius) / s)));
  const Plane pg = sample(p, gw, gh, double(s) * p.w / W, double(s) * p.h / H);

  // The colour guide, not luminance: a person against a background of the
  // same brightness but another hue still has an edge, and the extra cost
  // (nine more moments, a 3x3 solve) is paid on the grid, not at full size.
  // Per cell: I (3), p, I I^T (6), I p (3), all averaged over the window.
  constexpr int C = 13;
  std::vector<float> m(std::size_t(n) * C);
  for (int i = 0; i < n; ++i) {
    const float R = I.r.v[i] / 255.0f, G = I.g.v[i] / 255.0f, B = I.b.v[i] / 255.0f, P = pg.v[i];
    float* c = &m[std::size_t(i) * C];
    c[0] = R, c[1] = G, c[2] = B, c[3] = P;
    c[4] = R * R, c[5] = R * G, c[6] = R * B, c[7] = G * G, c[8] = G * B, c[9] = B * B;
    c[10] = R * P, c[11] = G * P, c[12] = B * P;
  }
  box_mean<C>(m, gw, gh, r);

  // a = (Sigma + eps U)^-1 cov(I, p), b = mean p - a . mean I; the matrix is
  // a covariance plus eps, so positive definite and solved by cofactors.
  std::vector<float> ab(std::size_t(n) * 4);
  for (int i = 0; i < n; ++i) {
    const float* c = &m[std::size_t(i) * C];
    const double mr = c[0], mg = c[1], mb = c[2], mp = c[3];
    const double srr = c[4] - mr * mr + eps, srg = c[5] - mr * mg, srb = c[6] - mr * mb;
    const double sgg = c[7] - mg * mg + eps, sgb = c[8] - mg * mb, sbb = c[9] - mb * mb + eps;
    const double vr = c[10] - mr * mp, vg = c[11] - mg * mp, vb = c[12] - mb * mp;
    const double irr = sgg * sbb - sgb * sgb, irg = sgb * srb - srg * sbb, irb = srg * sgb - sgg * srb;
    const double igg = srr * sbb - srb * srb, igb = srb * srg - srr * sgb, ibb = srr * sgg - srg * srg;
    const double inv_det = 1.0 / (srr * irr + srg * irg + srb * irb);
    const double ar = (irr * vr + irg * vg + irb * vb) * inv_det;
    const double ag = (irg * vr + igg * vg + igb * vb) * inv_det;
    const double abl = (irb * vr + igb * vg + ibb * vb) * inv_det;
    float* o = &ab[std::size_t(i) * 4];
    // The 1/255 is folded into a so the full-size pass reads bytes directly.
    o[0] = float(ar / 255), o[1] = float(ag / 255), o[2] = float(abl / 255);
    o[3] = float(mp - ar * mr - ag * mg - abl * mb);
  }
  box_mean<4>(ab, gw, gh, r);

  // Full size: a and b bilinearly from the grid, q = a . I + b. Each output
  // row first interpolates between its two grid rows (a few hundred cells),
  // then each pixel between two cells of that row.
  const std::vector<Tap> cx = taps(W, gw, 1.0 / s), cy = taps(H, gh, 1.0 / s);
  std::vector<float> mid(std::size_t(gw) * 4);
  Plane q(W, H);
  for (int y = 0; y < H; ++y) {
    const float* g0 = &ab[std::size_t(cy[y].i0) * gw * 4];
    const float* g1 = &ab[std::size_t(cy[y].i1) * gw * 4];
    const float ty = cy[y].t;
    for (std::size_t i = 0; i < mid.size(); ++i) mid[i] = g0[i] + (g1[i] - g0[i]) * ty;
    const std::uint8_t* px = guide.at(0, y);
    float* o = &q.v[std::size_t(y) * W];
    for (int x = 0; x < W; ++x, px += guide.channels) {
      const float* c0 = &mid[cx[x].i0 * 4];
      const float* c1 = &mid[cx[x].i1 * 4];
      const float tx = cx[x].t;
      float c[4];
      for (int k = 0; k < 4; ++k) c[k] = c0[k] + (c1[k] - c0[k]) * tx;
      o[x] = c[0] * kByte[px[0]] + c[1] * kByte[px[1]] + c[2] * kByte[px[2]] + c[3];
    }
    // Clamped in fixed-size blocks apart from the arithmetic: within the loop
    // above compilers branch on it, and the branch mispredicts near 0 and 1.
    constexpr int kBlock = 8;
    int x = 0;
    for (; x + kBlock <= W; x += kBlock)
      for (int j = 0; j < kBlock; ++j) o[x + j] = std::min(std::max(o[x + j], 0.0f), 1.0f);
    for (; x < W; ++x) o[x] = std::min(std::max(o[x], 0.0f), 1.0f);
  }
  return q;
}

}  // namespace smp

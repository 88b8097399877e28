#include "core/base/resize.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp {
namespace {

// For each destination sample along one axis: the first source index and the
// weights of the consecutive source samples it covers (summing to 1).
struct AxisWeights {
  std::vector<int> first;
  std::vector<int> offset;  // into weights; offset[i+1]-offset[i] = count
  std::vector<float> weights;
};

AxisWeights area_weights(int src, int dst) {
  AxisWeights a;
  a.first.resize(dst);
  a.offset.resize(dst + 1);
  const double s = static_cast<double>(src) / dst;
  for (int j = 0; j < dst; ++j) {
    double lo = j * s, hi = std::min<double>(src, (j + 1) * s);
    int i0 = static_cast<int>(std::floor(lo));
    int i1 = std::min(src, static_cast<int>(std::ceil(hi)));
    a.first[j] = i0;
    a.offset[j] = static_cast<int>(a.weights.size());
    double total = 0;
    std::size_t begin = a.weights.size();
    for (int i = i0; i < std::max(i1, i0 + 1); ++i) {
      double cover = std::min<double>(hi, i + 1) - std::max<double>(lo, i);
      a.weights.push_back(static_cast<float>(std::max(cover, 0.0)));
      total += std::max(cover, 0.0);
    }
    for (std::size_t k = begin; k < a.weights.size(); ++k)
      a.weights[k] = total > 0 ? static_cast<float>(a.weights[k] / total) : 1.0f;
  }
  a.offset[dst] = static_cast<int>(a.weights.size());
  return a;
}

// One source pixel as RGB floats, alpha composited on white.
inline void to_rgb(const std::uint8_t* p, int channels, float rgb[3]) {
  switch (channels) {
    case 1: rgb[0] = rgb[1] = rgb[2] = p[0]; return;
    case 2: {
      float a = p[1] / 255.0f;
      rgb[0] = rgb[1] = rgb[2] = 255.0f + (p[0] - 255.0f) * a;
      return;
    }
    case 3: rgb[0] = p[0]; rgb[1] = p[1]; rgb[2] = p[2]; return;
    default: {
      float a = p[3] / 255.0f;
      for (int c = 0; c < 3; ++c) rgb[c] = 255.0f + (p[c] - 255.0f) * a;
    }
  }
}

// Horizontal pass of one source row into out (out_w * 3 floats).
void reduce_row(const std::uint8_t* row, int channels, const AxisWeights& hx, float* out) {
  const int out_w = static_cast<int>(hx.first.size());
  for (int j = 0; j < out_w; ++j) {
    float acc[3] = {0, 0, 0}, rgb[3];
    const std::uint8_t* p = row + static_cast<std::size_t>(hx.first[j]) * channels;
    for (int k = hx.offset[j]; k < hx.offset[j + 1]; ++k, p += channels) {
      to_rgb(p, channels, rgb);
      float wgt = hx.weights[k];
      acc[0] += wgt * rgb[0];
      acc[1] += wgt * rgb[1];
      acc[2] += wgt * rgb[2];
    }
    out[j * 3] = acc[0];
    out[j * 3 + 1] = acc[1];
    out[j * 3 + 2] = acc[2];
  }
}

}  // namespace

double working_size(int w, int h, int max_side, int* out_w, int* out_h) {
  int long_side = std::max(w, h);
  if (max_side < 1 || long_side <= max_side) {
    *out_w = w;
    *out_h = h;
    return 1.0;
  }
  double s = static_cast<double>(long_side) / max_side;
  *out_w = std::clamp(static_cast<int>(std::lround(w / s)), 1, max_side);
  *out_h = std::clamp(static_cast<int>(std::lround(h / s)), 1, max_side);
  return s;
}

Image area_resample_to_rgb(const std::uint8_t* src, int w, int h, int channels, int out_w,
                           int out_h) {
  Image out(out_w, out_h, 3);
  if (w == out_w && h == out_h) {
    // Same size: a per-pixel conversion (most photos a browser decoded).
    const std::size_t n = static_cast<std::size_t>(w) * h;
    std::uint8_t* o = out.pixels.data();
    float rgb[3];
    // Left scalar: the browser bundle carries the code, and this loop is
    // copy-bound either way.
#if defined(__clang__)
#pragma clang loop vectorize(disable) unroll(disable)
#endif
    for (std::size_t i = 0; i < n; ++i, o += 3) {
      const std::uint8_t* p = src + i * channels;
      if (channels >= 3 && (channels == 3 || p[3] == 255)) {
        // Opaque colour pixels (nearly every photo) need no blending.
        o[0] = p[0], o[1] = p[1], o[2] = p[2];
        continue;
      }
      to_rgb(p, channels, rgb);
      for (int c = 0; c < 3; ++c) o[c] = static_cast<std::uint8_t>(std::clamp(rgb[c] + 0.5f, 0.0f, 255.0f));
    }
    return out;
  }
  AxisWeights hx = area_weights(w, out_w), hy = area_weights(h, out_h);
  std::vector<float> row(static_cast<std::size_t>(out_w) * 3), acc(row.size());
  const std::size_t stride = static_cast<std::size_t>(w) * channels;
  for (int y = 0; y < out_h; ++y) {
    std::fill(acc.begin(), acc.end(), 0.0f);
    int sy = hy.first[y];
    for (int k = hy.offset[y]; k < hy.offset[y + 1]; ++k, ++sy) {
      reduce_row(src + sy * stride, channels, hx, row.data());
      const float wgt = hy.weights[k];
      for (std::size_t i = 0; i < acc.size(); ++i) acc[i] += wgt * row[i];
    }
    std::uint8_t* o = out.at(0, y);
    for (std::size_t i = 0; i < acc.size(); ++i)
      o[i] = static_cast<std::uint8_t>(std::clamp(acc[i] + 0.5f, 0.0f, 255.0f));
  }
  return out;
}

}  // namespace smp

// ops.cpp - reference-exact kernels, written so the compiler vectorises the
// innermost loop (over channels, contiguous in NHWC): auto-vectorisation
// natively, wasm SIMD under -msimd128.
#include "core/infer/ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace smp::infer {
namespace {

Error bad(const std::string& what) { return Error{"bad_model", "The model is malformed: " + what + "."}; }

bool is_image(const Tensor& t) { return t.rank() == 4 && Tensor::count(t.shape) == t.size(); }

// TensorFlow's output size and leading pad for one spatial axis.
struct Axis {
  int out = 0, pad = 0;
};
Axis axis_for(int in, int window, int stride, int dilation, Padding padding) {
  const int eff = (window - 1) * dilation + 1;
  Axis a;
  if (padding == Padding::valid) {
    a.out = in >= eff ? (in - eff) / stride + 1 : 0;
  } else {
    a.out = (in + stride - 1) / stride;
    a.pad = std::max((a.out - 1) * stride + eff - in, 0) / 2;
  }
  return a;
}

bool params_ok(const ConvParams& p) {
  return p.stride_h >= 1 && p.stride_w >= 1 && p.dilation_h >= 1 && p.dilation_w >= 1 && p.stride_h <= 64 &&
         p.stride_w <= 64 && p.dilation_h <= 64 && p.dilation_w <= 64;
}

thread_local double run_work = 0;

// Counts `work` against the op and run budgets (ops.h) before it is done.
Status charge(double work, const char* name) {
  if (work > kMaxOpWork) return bad(std::string("a ") + name + " would take too long");
  run_work += work;
  if (run_work > kMaxRunWork) return bad("the network would take too long to run");
  return {};
}

Status check_out(int n, int h, int w, int c) {
  if (n <= 0 || h <= 0 || w <= 0 || c <= 0) return bad("an output would be empty");
  if (Tensor::count({n, h, w, c}) > kMaxElements) return bad("an output would be too large");
  return {};
}

void apply(float* v, std::size_t n, Activation a) {
  switch (a) {
    case Activation::none: return;
    case Activation::relu:
      for (std::size_t i = 0; i < n; ++i) v[i] = std::max(v[i], 0.0f);
      return;
    case Activation::relu6:
      for (std::size_t i = 0; i < n; ++i) v[i] = std::min(std::max(v[i], 0.0f), 6.0f);
      return;
    case Activation::sigmoid:
      for (std::size_t i = 0; i < n; ++i) v[i] = 1.0f / (1.0f + std::exp(-v[i]));
      return;
  }
}

// Fills each output pixel's channels with the bias (or zero).
void init_bias(Tensor* out, const Tensor* bias) {
  const std::size_t c = std::size_t(out->shape.back());
  if (!bias) return;
  for (std::size_t i = 0; i < out->size(); i += c) std::copy_n(bias->data.data(), c, out->data.data() + i);
}

// The broadcast shape of a and b, or empty when they do not broadcast.
std::vector<int> broadcast_shape(const std::vector<int>& a, const std::vector<int>& b) {
  const std::size_t r = std::max(a.size(), b.size());
  std::vector<int> s(r);
  for (std::size_t i = 0; i < r; ++i) {
    const int da = i < r - a.size() ? 1 : a[i - (r - a.size())];
    const int db = i < r - b.size() ? 1 : b[i - (r - b.size())];
    if (da != db && da != 1 && db != 1) return {};
    s[i] = da == 1 ? db : da;
  }
  return s;
}

// Whether `small`, without its leading 1s, is the tail of `full`.
bool trailing(const std::vector<int>& small, const std::vector<int>& full) {
  std::size_t k = 0;
  while (k < small.size() && small[k] == 1) ++k;
  const std::size_t len = small.size() - k;
  if (len > full.size()) return false;
  return std::equal(small.begin() + std::ptrdiff_t(k), small.end(), full.end() - std::ptrdiff_t(len));
}

template <class F>
Result<Tensor> binary(const Tensor& a, const Tensor& b, F f) {
  if (Tensor::count(a.shape) != a.size() || Tensor::count(b.shape) != b.size()) return bad("a tensor's size");
  if (a.rank() > kMaxRank || b.rank() > kMaxRank) return bad("a tensor's rank");
  std::vector<int> s = broadcast_shape(a.shape, b.shape);
  if (s.empty() && (a.rank() || b.rank())) return bad("element-wise inputs whose shapes do not broadcast");
  if (Tensor::count(s) > kMaxElements) return bad("an output would be too large");
  Tensor out(s);
  const std::size_t n = out.size();
  float* o = out.data.data();
  const float* pa = a.data.data();
  const float* pb = b.data.data();
  if (a.size() == n && b.size() == n) {
    for (std::size_t i = 0; i < n; ++i) o[i] = f(pa[i], pb[i]);
    return out;
  }
  if (a.size() == n && b.size() == 1) {
    for (std::size_t i = 0; i < n; ++i) o[i] = f(pa[i], pb[0]);
    return out;
  }
  if (b.size() == n && a.size() == 1) {
    for (std::size_t i = 0; i < n; ++i) o[i] = f(pa[0], pb[i]);
    return out;
  }
  // One operand repeats along the leading axes (a per-channel scale or
  // bias): its values recur every size() elements.
  if (a.size() == n && b.size() > 0 && trailing(b.shape, s)) {
    const std::size_t m = b.size();
    for (std::size_t i = 0; i < n; i += m)
      for (std::size_t j = 0; j < m; ++j) o[i + j] = f(pa[i + j], pb[j]);
    return out;
  }
  if (b.size() == n && a.size() > 0 && trailing(a.shape, s)) {
    const std::size_t m = a.size();
    for (std::size_t i = 0; i < n; i += m)
      for (std::size_t j = 0; j < m; ++j) o[i + j] = f(pa[j], pb[i + j]);
    return out;
  }
  // General case: strides of each input in the output's index space (0 on
  // broadcast axes), walked with a running multi-index.
  const int r = int(s.size());
  std::vector<std::size_t> sa(r, 0), sb(r, 0);
  for (int k = r - 1, ka = a.rank() - 1, kb = b.rank() - 1, ma = 1, mb = 1; k >= 0; --k, --ka, --kb) {
    if (ka >= 0) {
      sa[k] = a.dim(ka) == 1 ? 0 : std::size_t(ma);
      ma *= a.dim(ka);
    }
    if (kb >= 0) {
      sb[k] = b.dim(kb) == 1 ? 0 : std::size_t(mb);
      mb *= b.dim(kb);
    }
  }
  std::vector<int> idx(r, 0);
  std::size_t ia = 0, ib = 0;
  for (std::size_t i = 0; i < n; ++i) {
    o[i] = f(pa[ia], pb[ib]);
    for (int k = r - 1; k >= 0; --k) {
      ia += sa[k], ib += sb[k];
      if (++idx[k] < s[k]) break;
      ia -= sa[k] * s[k], ib -= sb[k] * s[k];
      idx[k] = 0;
    }
  }
  return out;
}

// Four floats as one 128-bit vector (SSE natively, wasm SIMD under
// -msimd128): GCC and Clang vector extensions, no intrinsics headers.
typedef float v4 __attribute__((vector_size(16)));

inline v4 load4(const float* p) {
  v4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store4(float* p, v4 v) { std::memcpy(p, &v, sizeof v); }
inline v4 splat(float x) { return v4{x, x, x, x}; }

// Adds to acc[o0 .. o0 + 4V) (which holds the bias) the window's taps times
// the filter, the sums held in V vector registers.
template <int V>
void window_block(const float* const* taps, const float* const* tap_w, int nt, int ic, int oc, int o0, float* acc) {
  v4 sum[V];
  for (int j = 0; j < V; ++j) sum[j] = load4(acc + o0 + 4 * j);
  for (int t = 0; t < nt; ++t) {
    const float* in = taps[t];
    const float* w = tap_w[t] + o0;
    for (int c = 0; c < ic; ++c) {
      const v4 x = splat(in[c]);
      const float* wr = w + std::size_t(c) * oc;
      for (int j = 0; j < V; ++j) sum[j] += x * load4(wr + 4 * j);
    }
  }
  for (int j = 0; j < V; ++j) store4(acc + o0 + 4 * j, sum[j]);
}

// The channels left over after whole vectors, one at a time.
void window_scalar(const float* const* taps, const float* const* tap_w, int nt, int ic, int oc, int o0, float* acc) {
  for (int o = o0; o < oc; ++o) {
    float sum = acc[o];
    for (int t = 0; t < nt; ++t)
      for (int c = 0; c < ic; ++c) sum += taps[t][c] * tap_w[t][std::size_t(c) * oc + o];
    acc[o] = sum;
  }
}

// R pixels by 4V output channels of a pointwise convolution in registers:
// each filter row loaded once serves R pixels.
template <int R, int V>
void pointwise_tile(const float* in, const float* w, float* out, int ic, int oc, int o0) {
  v4 sum[R][V];
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < V; ++j) sum[r][j] = load4(out + std::size_t(r) * oc + o0 + 4 * j);
  for (int c = 0; c < ic; ++c) {
    v4 wv[V];
    for (int j = 0; j < V; ++j) wv[j] = load4(w + std::size_t(c) * oc + o0 + 4 * j);
    for (int r = 0; r < R; ++r) {
      const v4 x = splat(in[std::size_t(r) * ic + c]);
      for (int j = 0; j < V; ++j) sum[r][j] += x * wv[j];
    }
  }
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < V; ++j) store4(out + std::size_t(r) * oc + o0 + 4 * j, sum[r][j]);
}

template <int R>
void pointwise_rows(const float* in, const float* w, float* out, int ic, int oc) {
  int o0 = 0;
  for (; o0 + 8 <= oc; o0 += 8) pointwise_tile<R, 2>(in, w, out, ic, oc, o0);
  for (; o0 + 4 <= oc; o0 += 4) pointwise_tile<R, 1>(in, w, out, ic, oc, o0);
  for (; o0 < oc; ++o0)
    for (int r = 0; r < R; ++r) {
      float sum = out[std::size_t(r) * oc + o0];
      for (int c = 0; c < ic; ++c) sum += in[std::size_t(r) * ic + c] * w[std::size_t(c) * oc + o0];
      out[std::size_t(r) * oc + o0] = sum;
    }
}

// out[pixels x oc] += in[pixels x ic] * w[ic x oc].
void pointwise(const float* in, const float* w, float* out, std::size_t pixels, int ic, int oc) {
  std::size_t p = 0;
  for (; p + 4 <= pixels; p += 4) pointwise_rows<4>(in + p * ic, w, out + p * oc, ic, oc);
  for (; p < pixels; ++p) pointwise_rows<1>(in + p * ic, w, out + p * oc, ic, oc);
}

// The taps of the window of output pixel (b, oy, ox) that fall inside the
// input: their input pixels and their filter rows (`tap_stride` floats per
// filter position). Returns how many (at most kMaxTaps).
constexpr int kMaxTaps = 64;
int gather_taps(const Tensor& x, int b, int oy, int ox, int kh, int kw, const Axis& ay, const Axis& ax,
                const ConvParams& p, const float* wt, std::size_t tap_stride, const float** taps,
                const float** tap_w) {
  const int ih = x.dim(1), iw = x.dim(2), ic = x.dim(3);
  int nt = 0;
  for (int ky = 0; ky < kh; ++ky) {
    const int iy = oy * p.stride_h - ay.pad + ky * p.dilation_h;
    if (iy < 0 || iy >= ih) continue;
    for (int kx = 0; kx < kw; ++kx) {
      const int ix = ox * p.stride_w - ax.pad + kx * p.dilation_w;
      if (ix < 0 || ix >= iw || nt == kMaxTaps) continue;
      taps[nt] = &x.data[((std::size_t(b) * ih + iy) * iw + ix) * ic];
      tap_w[nt++] = wt + (std::size_t(ky) * kw + kx) * tap_stride;
    }
  }
  return nt;
}

// The output of a windowed convolution over x (kh x kw taps, oc channels),
// holding the bias: checks the window, the bias and the output's size, and
// gives the two axes' sizes and pads.
Result<Tensor> window_output(const Tensor& x, int kh, int kw, int oc, const Tensor* bias, const ConvParams& p,
                             const char* name, Axis* ay, Axis* ax) {
  if (kh * kw > kMaxTaps) return bad(std::string("a ") + name + " window over 64 taps");
  if (bias && (bias->rank() != 1 || bias->dim(0) != oc || bias->size() != std::size_t(oc)))
    return bad(std::string("a ") + name + " bias does not match its filter");
  *ay = axis_for(x.dim(1), kh, p.stride_h, p.dilation_h, p.padding);
  *ax = axis_for(x.dim(2), kw, p.stride_w, p.dilation_w, p.padding);
  if (Status s = check_out(x.dim(0), ay->out, ax->out, oc); !s.ok()) return s.error();
  Tensor out({x.dim(0), ay->out, ax->out, oc});
  init_bias(&out, bias);
  return out;
}

}  // namespace

void reset_work() { run_work = 0; }
double work_done() { return run_work; }

Result<Tensor> conv2d(const Tensor& x, const Tensor& filter, const Tensor* bias, const ConvParams& p) {
  if (!is_image(x) || !is_image(filter)) return bad("Conv2D needs a 4-D input and filter");
  if (!params_ok(p)) return bad("Conv2D strides or dilations");
  const int n = x.dim(0), ih = x.dim(1), iw = x.dim(2), ic = x.dim(3);
  const int kh = filter.dim(0), kw = filter.dim(1), oc = filter.dim(3);
  if (filter.dim(2) != ic) return bad("a Conv2D filter's input channels differ from its input's");
  Axis ay, ax;
  Result<Tensor> made = window_output(x, kh, kw, oc, bias, p, "Conv2D", &ay, &ax);
  if (!made.ok()) return made.error();
  if (Status s = charge(double(made->size()) * kh * kw * ic, "Conv2D"); !s.ok()) return s.error();
  Tensor& out = made.value();
  const float* wt = filter.data.data();
  if (kh == 1 && kw == 1 && p.stride_h == 1 && p.stride_w == 1) {
    // Pointwise: a matrix product of pixels x input channels by the filter.
    pointwise(x.data.data(), wt, out.data.data(), std::size_t(n) * ih * iw, ic, oc);
  } else {
    for (int b = 0; b < n; ++b)
      for (int oy = 0; oy < ay.out; ++oy)
        for (int ox = 0; ox < ax.out; ++ox) {
          // The window's taps inside the input, then each block of output
          // channels summed over them in registers.
          const float* taps[kMaxTaps];
          const float* tap_w[kMaxTaps];
          const int nt = gather_taps(x, b, oy, ox, kh, kw, ay, ax, p, wt, std::size_t(ic) * oc, taps, tap_w);
          float* acc = &out.data[((std::size_t(b) * ay.out + oy) * ax.out + ox) * oc];
          int o0 = 0;
          for (; o0 + 16 <= oc; o0 += 16) window_block<4>(taps, tap_w, nt, ic, oc, o0, acc);
          for (; o0 + 4 <= oc; o0 += 4) window_block<1>(taps, tap_w, nt, ic, oc, o0, acc);
          window_scalar(taps, tap_w, nt, ic, oc, o0, acc);
        }
  }
  apply(out.data.data(), out.size(), p.activation);
  return made;
}

Result<Tensor> depthwise_conv2d(const Tensor& x, const Tensor& filter, const Tensor* bias, const ConvParams& p) {
  if (!is_image(x) || !is_image(filter)) return bad("DepthwiseConv2dNative needs a 4-D input and filter");
  if (!params_ok(p)) return bad("DepthwiseConv2dNative strides or dilations");
  const int n = x.dim(0), ic = x.dim(3);
  const int kh = filter.dim(0), kw = filter.dim(1), m = filter.dim(3);
  if (filter.dim(2) != ic || m < 1) return bad("a depthwise filter's channels differ from its input's");
  const int oc = ic * m;
  Axis ay, ax;
  Result<Tensor> made = window_output(x, kh, kw, oc, bias, p, "depthwise", &ay, &ax);
  if (!made.ok()) return made.error();
  if (Status s = charge(double(made->size()) * kh * kw, "depthwise convolution"); !s.ok()) return s.error();
  Tensor& out = made.value();
  const float* wt = filter.data.data();
  for (int b = 0; b < n; ++b)
    for (int oy = 0; oy < ay.out; ++oy)
      for (int ox = 0; ox < ax.out; ++ox) {
        float* acc = &out.data[((std::size_t(b) * ay.out + oy) * ax.out + ox) * oc];
        const float* taps[kMaxTaps];
        const float* tap_w[kMaxTaps];
        const int nt = gather_taps(x, b, oy, ox, kh, kw, ay, ax, p, wt, std::size_t(oc), taps, tap_w);
        if (m == 1) {
          // Each channel its own filter: whole vectors of channels summed
          // over the taps in registers.
          int c0 = 0;
          for (; c0 + 8 <= ic; c0 += 8) {
            v4 s0 = load4(acc + c0), s1 = load4(acc + c0 + 4);
            for (int t = 0; t < nt; ++t) {
              s0 += load4(taps[t] + c0) * load4(tap_w[t] + c0);
              s1 += load4(taps[t] + c0 + 4) * load4(tap_w[t] + c0 + 4);
            }
            store4(acc + c0, s0);
            store4(acc + c0 + 4, s1);
          }
          for (; c0 < ic; ++c0)
            for (int t = 0; t < nt; ++t) acc[c0] += taps[t][c0] * tap_w[t][c0];
        } else {
          for (int t = 0; t < nt; ++t)
            for (int c = 0; c < ic; ++c)
              for (int j = 0; j < m; ++j) acc[c * m + j] += taps[t][c] * tap_w[t][c * m + j];
        }
      }
  apply(out.data.data(), out.size(), p.activation);
  return made;
}

Result<Tensor> conv2d_transpose(const Tensor& x, const Tensor& filter, const std::vector<int>& output_shape,
                                const Tensor* bias, const ConvParams& p) {
  if (!is_image(x) || !is_image(filter)) return bad("Conv2DBackpropInput needs a 4-D input and filter");
  if (!params_ok(p) || p.dilation_h != 1 || p.dilation_w != 1) return bad("Conv2DBackpropInput strides or dilations");
  if (output_shape.size() != 4) return bad("Conv2DBackpropInput's output shape");
  const int n = x.dim(0), ih = x.dim(1), iw = x.dim(2), ic = x.dim(3);
  const int kh = filter.dim(0), kw = filter.dim(1), oc = filter.dim(2);
  const int oh = output_shape[1], ow = output_shape[2];
  if (filter.dim(3) != ic || output_shape[0] != n || output_shape[3] != oc)
    return bad("a Conv2DBackpropInput filter or output shape does not match its input");
  if (Status s = check_out(n, oh, ow, oc); !s.ok()) return s.error();
  if (Status s = charge(double(x.size()) * kh * kw * oc, "Conv2DBackpropInput"); !s.ok()) return s.error();
  // The forward convolution from the output back to x must give x's size.
  const Axis ay = axis_for(oh, kh, p.stride_h, 1, p.padding);
  const Axis ax = axis_for(ow, kw, p.stride_w, 1, p.padding);
  if (ay.out != ih || ax.out != iw) return bad("a Conv2DBackpropInput output size that its input cannot come from");
  if (bias && (bias->rank() != 1 || bias->dim(0) != oc || bias->size() != std::size_t(oc)))
    return bad("a Conv2DBackpropInput bias does not match its filter");
  Tensor out({n, oh, ow, oc});
  init_bias(&out, bias);
  for (int b = 0; b < n; ++b)
    for (int y = 0; y < ih; ++y)
      for (int xx = 0; xx < iw; ++xx) {
        const float* in = &x.data[((std::size_t(b) * ih + y) * iw + xx) * ic];
        for (int ky = 0; ky < kh; ++ky) {
          const int oy = y * p.stride_h - ay.pad + ky;
          if (oy < 0 || oy >= oh) continue;
          for (int kx = 0; kx < kw; ++kx) {
            const int ox = xx * p.stride_w - ax.pad + kx;
            if (ox < 0 || ox >= ow) continue;
            float* acc = &out.data[((std::size_t(b) * oh + oy) * ow + ox) * oc];
            const float* w = &filter.data[(std::size_t(ky) * kw + kx) * oc * ic];
            for (int o = 0; o < oc; ++o) {
              const float* wr = w + std::size_t(o) * ic;
              float s = 0;
              for (int c = 0; c < ic; ++c) s += in[c] * wr[c];
              acc[o] += s;
            }
          }
        }
      }
  apply(out.data.data(), out.size(), p.activation);
  return out;
}

namespace {

template <class Reduce>
Result<Tensor> pool(const Tensor& x, const PoolParams& p, const char* name, Reduce reduce) {
  if (!is_image(x)) return bad(std::string(name) + " needs a 4-D input");
  if (p.window_h < 1 || p.window_w < 1 || p.stride_h < 1 || p.stride_w < 1 || p.window_h > 4096 ||
      p.window_w > 4096 || p.stride_h > 4096 || p.stride_w > 4096)
    return bad(std::string(name) + " window or strides");
  const int n = x.dim(0), ih = x.dim(1), iw = x.dim(2), c = x.dim(3);
  const Axis ay = axis_for(ih, p.window_h, p.stride_h, 1, p.padding);
  const Axis ax = axis_for(iw, p.window_w, p.stride_w, 1, p.padding);
  if (Status s = check_out(n, ay.out, ax.out, c); !s.ok()) return s.error();
  // Windows are cut to the input, so that bounds each output's reads.
  if (Status s = charge(double(n) * ay.out * ax.out * c * std::min(p.window_h, ih) * std::min(p.window_w, iw), name);
      !s.ok())
    return s.error();
  Tensor out({n, ay.out, ax.out, c});
  for (int b = 0; b < n; ++b)
    for (int oy = 0; oy < ay.out; ++oy)
      for (int ox = 0; ox < ax.out; ++ox) {
        const int y0 = std::max(oy * p.stride_h - ay.pad, 0), y1 = std::min(oy * p.stride_h - ay.pad + p.window_h, ih);
        const int x0 = std::max(ox * p.stride_w - ax.pad, 0), x1 = std::min(ox * p.stride_w - ax.pad + p.window_w, iw);
        float* o = &out.data[((std::size_t(b) * ay.out + oy) * ax.out + ox) * c];
        reduce(x, b, y0, y1, x0, x1, o);
      }
  return out;
}

}  // namespace

Result<Tensor> max_pool(const Tensor& x, const PoolParams& p) {
  return pool(x, p, "MaxPool", [](const Tensor& t, int b, int y0, int y1, int x0, int x1, float* o) {
    const int h = t.dim(1), w = t.dim(2), c = t.dim(3);
    std::fill_n(o, c, -std::numeric_limits<float>::infinity());
    for (int y = y0; y < y1; ++y)
      for (int xx = x0; xx < x1; ++xx) {
        const float* in = &t.data[((std::size_t(b) * h + y) * w + xx) * c];
        for (int k = 0; k < c; ++k) o[k] = std::max(o[k], in[k]);
      }
  });
}

Result<Tensor> avg_pool(const Tensor& x, const PoolParams& p) {
  return pool(x, p, "AvgPool", [](const Tensor& t, int b, int y0, int y1, int x0, int x1, float* o) {
    const int h = t.dim(1), w = t.dim(2), c = t.dim(3);
    std::fill_n(o, c, 0.0f);
    for (int y = y0; y < y1; ++y)
      for (int xx = x0; xx < x1; ++xx) {
        const float* in = &t.data[((std::size_t(b) * h + y) * w + xx) * c];
        for (int k = 0; k < c; ++k) o[k] += in[k];
      }
    const float inv = 1.0f / float(std::max((y1 - y0) * (x1 - x0), 1));
    for (int k = 0; k < c; ++k) o[k] *= inv;
  });
}

Result<Tensor> pad(const Tensor& x, const Tensor& paddings) {
  const int r = x.rank();
  if (r < 1 || r > kMaxRank || Tensor::count(x.shape) != x.size()) return bad("Pad's input");
  if (paddings.rank() != 2 || paddings.dim(0) != r || paddings.dim(1) != 2 || paddings.size() != std::size_t(2 * r))
    return bad("Pad's paddings do not match its input's rank");
  std::vector<int> before(r), shape(r);
  for (int k = 0; k < r; ++k) {
    const float a = paddings.data[2 * k], b = paddings.data[2 * k + 1];
    if (!(a >= 0 && b >= 0 && a <= 65536 && b <= 65536)) return bad("Pad's paddings");
    before[k] = int(a);
    shape[k] = x.dim(k) + int(a) + int(b);
  }
  if (Tensor::count(shape) > kMaxElements) return bad("a Pad output would be too large");
  Tensor out(shape);
  if (x.size() == 0) return out;
  // Copy runs along the last axis, one per index of the leading axes.
  const int last = x.dim(r - 1);
  std::vector<int> idx(r, 0);
  for (std::size_t i = 0; i < x.size(); i += std::size_t(last)) {
    std::size_t o = 0;
    for (int k = 0; k < r; ++k) o = o * std::size_t(shape[k]) + std::size_t(idx[k] + before[k]);
    std::copy_n(x.data.data() + i, last, out.data.data() + o);
    for (int k = r - 2; k >= 0; --k) {
      if (++idx[k] < x.dim(k)) break;
      idx[k] = 0;
    }
  }
  return out;
}

Result<Tensor> add(const Tensor& a, const Tensor& b) {
  return binary(a, b, [](float u, float v) { return u + v; });
}

Result<Tensor> mul(const Tensor& a, const Tensor& b) {
  return binary(a, b, [](float u, float v) { return u * v; });
}

Result<Tensor> add_n(const std::vector<const Tensor*>& xs) {
  if (xs.empty()) return bad("AddN without inputs");
  Tensor out = *xs[0];
  for (std::size_t k = 1; k < xs.size(); ++k) {
    if (xs[k]->shape != out.shape || xs[k]->size() != out.size()) return bad("AddN inputs of different shapes");
    for (std::size_t i = 0; i < out.size(); ++i) out.data[i] += xs[k]->data[i];
  }
  return out;
}

void activate(Tensor* x, Activation a) { apply(x->data.data(), x->size(), a); }

Result<Tensor> resize_bilinear(const Tensor& x, int out_h, int out_w, bool align_corners, bool half_pixel_centers) {
  if (!is_image(x) || x.dim(1) < 1 || x.dim(2) < 1) return bad("ResizeBilinear needs a 4-D input");
  const int n = x.dim(0), ih = x.dim(1), iw = x.dim(2), c = x.dim(3);
  if (Status s = check_out(n, out_h, out_w, c); !s.ok()) return s.error();
  const float ry = align_corners && out_h > 1 ? float(ih - 1) / float(out_h - 1) : float(ih) / float(out_h);
  const float rx = align_corners && out_w > 1 ? float(iw - 1) / float(out_w - 1) : float(iw) / float(out_w);
  // Source rows/columns and weights as TF.js's CPU kernel computes them.
  struct Tap {
    int lo, hi;
    float t;
  };
  auto taps = [&](int out, int in, float ratio) {
    std::vector<Tap> v(out);
    for (int i = 0; i < out; ++i) {
      const float f = half_pixel_centers ? ratio * (float(i) + 0.5f) - 0.5f : ratio * float(i);
      const int lo = std::max(0, int(std::floor(f)));
      v[i] = {std::min(lo, in - 1), std::min(in - 1, int(std::ceil(f))), f - float(lo)};
      v[i].hi = std::max(v[i].hi, 0);
    }
    return v;
  };
  const std::vector<Tap> ty = taps(out_h, ih, ry), tx = taps(out_w, iw, rx);
  Tensor out({n, out_h, out_w, c});
  for (int b = 0; b < n; ++b)
    for (int y = 0; y < out_h; ++y) {
      const float* r0 = &x.data[(std::size_t(b) * ih + ty[y].lo) * iw * c];
      const float* r1 = &x.data[(std::size_t(b) * ih + ty[y].hi) * iw * c];
      for (int xx = 0; xx < out_w; ++xx) {
        const float* a = r0 + std::size_t(tx[xx].lo) * c;
        const float* bb = r0 + std::size_t(tx[xx].hi) * c;
        const float* cc = r1 + std::size_t(tx[xx].lo) * c;
        const float* d = r1 + std::size_t(tx[xx].hi) * c;
        float* o = &out.data[((std::size_t(b) * out_h + y) * out_w + xx) * c];
        for (int k = 0; k < c; ++k) {
          const float top = a[k] + (bb[k] - a[k]) * tx[xx].t;
          const float bottom = cc[k] + (d[k] - cc[k]) * tx[xx].t;
          o[k] = top + (bottom - top) * ty[y].t;
        }
      }
    }
  return out;
}

Result<Tensor> concat(const std::vector<const Tensor*>& xs, int axis) {
  if (xs.empty()) return bad("ConcatV2 without inputs");
  const int r = xs[0]->rank();
  if (axis < 0) axis += r;
  if (r < 1 || axis < 0 || axis >= r) return bad("ConcatV2's axis");
  std::vector<int> shape = xs[0]->shape;
  shape[axis] = 0;
  for (const Tensor* t : xs) {
    if (t->rank() != r || Tensor::count(t->shape) != t->size()) return bad("ConcatV2 inputs of different ranks");
    for (int k = 0; k < r; ++k)
      if (k != axis && t->dim(k) != shape[k]) return bad("ConcatV2 inputs whose shapes differ off the axis");
    shape[axis] += t->dim(axis);
  }
  if (Tensor::count(shape) > kMaxElements) return bad("a ConcatV2 output would be too large");
  Tensor out(shape);
  std::size_t outer = 1, inner = 1;
  for (int k = 0; k < axis; ++k) outer *= std::size_t(shape[k]);
  for (int k = axis + 1; k < r; ++k) inner *= std::size_t(shape[k]);
  float* o = out.data.data();
  for (std::size_t i = 0; i < outer; ++i)
    for (const Tensor* t : xs) {
      const std::size_t run = std::size_t(t->dim(axis)) * inner;
      o = std::copy_n(t->data.data() + i * run, run, o);
    }
  return out;
}

Result<Tensor> reshape(const Tensor& x, const std::vector<int>& shape) {
  if (shape.empty() || int(shape.size()) > kMaxRank) return bad("Reshape's shape");
  std::vector<int> s = shape;
  int free_axis = -1;
  std::size_t known = 1;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k] == -1 && free_axis < 0) {
      free_axis = int(k);
    } else if (s[k] < 0) {
      return bad("Reshape's shape");
    } else {
      known *= std::size_t(s[k]);
      if (known > kMaxElements) return bad("Reshape's shape");
    }
  }
  if (free_axis >= 0) {
    if (known == 0 || x.size() % known != 0) return bad("a Reshape whose sizes do not divide");
    s[free_axis] = int(x.size() / known);
  }
  if (Tensor::count(s) != x.size()) return bad("a Reshape to a different number of elements");
  return Tensor(s, x.data);
}

Tensor shape_of(const Tensor& x) {
  std::vector<float> d(x.shape.begin(), x.shape.end());
  return Tensor({x.rank()}, std::move(d));
}

Result<Tensor> strided_slice(const Tensor& x, const Tensor& begin, const Tensor& end, const Tensor& strides,
                             int begin_mask, int end_mask, int shrink_axis_mask) {
  const int r = x.rank();
  if (r < 1 || r > kMaxRank || Tensor::count(x.shape) != x.size()) return bad("StridedSlice's input");
  const std::size_t m = begin.size();
  if (m > std::size_t(r) || end.size() != m || strides.size() != m) return bad("StridedSlice's bounds");
  std::vector<int> lo(r, 0), hi(x.shape), step(r, 1), shape;
  std::vector<bool> shrink(r, false);
  for (std::size_t k = 0; k < m; ++k) {
    const int d = x.dim(int(k));
    const float sb = begin.data[k], se = end.data[k], ss = strides.data[k];
    if (!(std::fabs(sb) < 1e7f && std::fabs(se) < 1e7f && ss == 1.0f)) return bad("StridedSlice's bounds");
    int b = int(sb), e = int(se);
    if (b < 0) b += d;
    if (e < 0) e += d;
    if (begin_mask & (1 << k)) b = 0;
    if (end_mask & (1 << k)) e = d;
    if (shrink_axis_mask & (1 << k)) {
      if (b < 0 || b >= d) return bad("StridedSlice's index");
      e = b + 1;
      shrink[k] = true;
    }
    lo[k] = std::clamp(b, 0, d);
    hi[k] = std::clamp(e, lo[k], d);
  }
  std::vector<int> full(r);
  for (int k = 0; k < r; ++k) {
    full[k] = hi[k] - lo[k];
    if (!shrink[k]) shape.push_back(full[k]);
  }
  Tensor out(shape);
  out.data.resize(Tensor::count(full));
  std::vector<int> idx(r, 0);
  for (std::size_t i = 0; i < out.data.size(); ++i) {
    std::size_t src = 0;
    for (int k = 0; k < r; ++k) src = src * std::size_t(x.dim(k)) + std::size_t(lo[k] + idx[k]);
    out.data[i] = x.data[src];
    for (int k = r - 1; k >= 0; --k) {
      if (++idx[k] < full[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}

Result<Tensor> pack(const std::vector<const Tensor*>& xs, int axis) {
  if (xs.empty()) return bad("Pack without inputs");
  const int r = xs[0]->rank();
  if (axis < 0) axis += r + 1;
  if (axis < 0 || axis > r || r >= kMaxRank) return bad("Pack's axis");
  for (const Tensor* t : xs)
    if (t->shape != xs[0]->shape || t->size() != xs[0]->size()) return bad("Pack inputs of different shapes");
  std::vector<int> shape = xs[0]->shape;
  shape.insert(shape.begin() + axis, int(xs.size()));
  std::vector<const Tensor*> parts;
  // Packing is concatenation of the inputs, each given a unit axis.
  std::vector<Tensor> unit;
  unit.reserve(xs.size());
  for (const Tensor* t : xs) {
    std::vector<int> s = t->shape;
    s.insert(s.begin() + axis, 1);
    unit.emplace_back(s, t->data);
  }
  for (const Tensor& t : unit) parts.push_back(&t);
  if (r == 0) {  // scalars: a plain vector
    std::vector<float> d;
    for (const Tensor* t : xs) d.insert(d.end(), t->data.begin(), t->data.end());
    return Tensor(shape, std::move(d));
  }
  return concat(parts, axis);
}

}  // namespace smp::infer

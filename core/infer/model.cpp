// model.cpp - the .smpm reader and the graph runner.
#include "core/infer/model.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <string>

#include "core/infer/ops.h"

namespace smp::infer {
namespace {

constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kMaxNodes = 1 << 16;
constexpr std::uint32_t kMaxConsts = 1 << 16;
// The engine runs camera-sized networks; a declared input beyond this is
// corrupt data, not a model (and would make the load-time dry run slow).
constexpr std::size_t kMaxInputElements = std::size_t(1) << 22;

// Inputs and params each op takes: [min, max] inputs, exact param count.
struct Arity {
  int min_in, max_in, params;
};
constexpr Arity kArity[kOpCount] = {
    {2, 3, 6},      // conv2d
    {2, 3, 6},      // depthwise_conv2d
    {3, 4, 4},      // conv2d_transpose
    {1, 1, 5},      // max_pool
    {1, 1, 5},      // avg_pool
    {2, 2, 0},      // pad
    {2, 2, 0},      // add
    {2, 2, 0},      // mul
    {1, 64, 0},     // add_n
    {1, 1, 1},      // activation
    {2, 2, 2},      // resize_bilinear
    {2, 65, 0},     // concat
    {2, 2, 0},      // reshape
    {1, 1, 0},      // shape
    {4, 4, 3},      // strided_slice
    {1, 64, 1},     // pack
    {1, 1, 0},      // identity
};

class Reader {
 public:
  Reader(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
  bool u8(std::uint8_t* v) { return take(v, 1); }
  bool u32(std::uint32_t* v) { return take(v, 4); }
  bool i32(std::int32_t* v) { return take(v, 4); }
  bool bytes(const std::uint8_t** p, std::size_t n) {
    if (n > n_ - at_) return false;
    *p = d_ + at_;
    at_ += n;
    return true;
  }
  bool done() const { return at_ == n_; }

 private:
  template <class T>
  bool take(T* v, std::size_t n) {
    if (n > n_ - at_) return false;
    std::memcpy(v, d_ + at_, n);  // the format and every target are little-endian
    at_ += n;
    return true;
  }
  const std::uint8_t* d_;
  std::size_t n_, at_ = 0;
};

Error corrupt(std::string_view name, const std::string& what) {
  return Error{"bad_model", "The " + std::string(name) + " model file is corrupt: " + what + "."};
}

Padding padding_of(std::int32_t v) { return v == 1 ? Padding::valid : Padding::same; }

ConvParams conv_params(const std::vector<std::int32_t>& p) {
  ConvParams c;
  c.stride_h = p[0], c.stride_w = p[1], c.dilation_h = p[2], c.dilation_w = p[3];
  c.padding = padding_of(p[4]);
  c.activation = Activation(p[5]);
  return c;
}

PoolParams pool_params(const std::vector<std::int32_t>& p) {
  return PoolParams{p[0], p[1], p[2], p[3], padding_of(p[4])};
}

// A small integer tensor's values (shapes, sizes) as ints, or an error.
Result<std::vector<int>> ints(const Tensor& t, const char* what) {
  std::vector<int> v;
  for (float f : t.data) {
    if (!(std::fabs(f) < 1e8f) || f != std::floor(f)) return Error{"bad_model", std::string("The model is malformed: ") + what + "."};
    v.push_back(int(f));
  }
  return v;
}

// `spare`: the first input's tensor when nothing reads it after this node,
// so ops that only rewrite their input (activations, Identity) take it over
// instead of copying it.
Result<Tensor> eval(const Node& n, const std::vector<const Tensor*>& in, Tensor* spare) {
  const std::vector<std::int32_t>& p = n.params;
  switch (n.op) {
    case Op::conv2d:
      return conv2d(*in[0], *in[1], in.size() > 2 ? in[2] : nullptr, conv_params(p));
    case Op::depthwise_conv2d:
      return depthwise_conv2d(*in[0], *in[1], in.size() > 2 ? in[2] : nullptr, conv_params(p));
    case Op::conv2d_transpose: {
      Result<std::vector<int>> shape = ints(*in[2], "Conv2DBackpropInput's output shape");
      if (!shape.ok()) return shape.error();
      ConvParams c;
      c.stride_h = p[0], c.stride_w = p[1], c.padding = padding_of(p[2]), c.activation = Activation(p[3]);
      return conv2d_transpose(*in[0], *in[1], shape.value(), in.size() > 3 ? in[3] : nullptr, c);
    }
    case Op::max_pool: return max_pool(*in[0], pool_params(p));
    case Op::avg_pool: return avg_pool(*in[0], pool_params(p));
    case Op::pad: return pad(*in[0], *in[1]);
    case Op::add: return add(*in[0], *in[1]);
    case Op::mul: return mul(*in[0], *in[1]);
    case Op::add_n: return add_n(in);
    case Op::resize_bilinear: {
      Result<std::vector<int>> size = ints(*in[1], "ResizeBilinear's size");
      if (!size.ok()) return size.error();
      if (size->size() != 2) return Error{"bad_model", "The model is malformed: ResizeBilinear's size."};
      return resize_bilinear(*in[0], size.value()[0], size.value()[1], p[0] != 0, p[1] != 0);
    }
    case Op::concat: {
      if (in.back()->size() != 1) return Error{"bad_model", "The model is malformed: ConcatV2's axis."};
      Result<std::vector<int>> axis = ints(*in.back(), "ConcatV2's axis");
      if (!axis.ok()) return axis.error();
      return concat(std::vector<const Tensor*>(in.begin(), in.end() - 1), axis.value()[0]);
    }
    case Op::reshape: {
      Result<std::vector<int>> shape = ints(*in[1], "Reshape's shape");
      if (!shape.ok()) return shape.error();
      return reshape(*in[0], shape.value());
    }
    case Op::shape: return shape_of(*in[0]);
    case Op::strided_slice: return strided_slice(*in[0], *in[1], *in[2], *in[3], p[0], p[1], p[2]);
    case Op::pack: return pack(in, p[0]);
    case Op::activation:
    case Op::identity: {
      Tensor t = spare ? std::move(*spare) : *in[0];
      if (n.op == Op::activation) activate(&t, Activation(p[0]));
      return t;
    }
  }
  return Error{"bad_model", "The model is malformed: an unknown op."};
}

Status check_input(const Model& m, const Tensor& x) {
  bool fits = x.rank() == int(m.input_shape.size()) && Tensor::count(x.shape) == x.size() &&
              x.size() <= kMaxInputElements;
  for (std::size_t k = 0; fits && k < m.input_shape.size(); ++k)
    fits = m.input_shape[k] < 0 ? x.shape[k] > 0 : x.shape[k] == m.input_shape[k];
  if (fits) return {};
  std::string want;
  for (int d : m.input_shape) {
    if (!want.empty()) want += "x";
    want += d < 0 ? std::string("any") : std::to_string(d);
  }
  return Error{"bad_input", "The network expects an input of shape " + want + "."};
}

}  // namespace

float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = std::uint32_t(h >> 15) << 31;
  const std::uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  std::uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: value = mant * 2^-24
      const float v = std::ldexp(float(mant), -24);
      return sign ? -v : v;
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

Result<Model> load_model(const std::uint8_t* data, std::size_t size, std::string_view name) {
  if (!data || size == 0) return corrupt(name, "it is empty");
  Reader r(data, size);
  const std::uint8_t* magic = nullptr;
  std::uint32_t version = 0;
  if (!r.bytes(&magic, 4) || std::memcmp(magic, "SMPM", 4) != 0) return corrupt(name, "it is not an .smpm file");
  if (!r.u32(&version) || version != kVersion) return corrupt(name, "its version is not supported");
  Model m;
  std::uint32_t rank = 0;
  if (!r.u32(&rank) || rank < 1 || rank > std::uint32_t(kMaxRank)) return corrupt(name, "its input rank");
  m.input_shape.resize(rank);
  for (int& d : m.input_shape) {
    std::int32_t v = 0;
    if (!r.i32(&v) || v == 0 || v < -1 || v > 8192) return corrupt(name, "its input shape");
    d = v;
  }
  std::uint32_t nconst = 0;
  if (!r.u32(&nconst) || nconst > kMaxConsts) return corrupt(name, "its constant count");
  std::size_t total = 0;
  m.consts.reserve(nconst);
  for (std::uint32_t i = 0; i < nconst; ++i) {
    std::uint8_t dtype = 0, crank = 0;
    if (!r.u8(&dtype) || !r.u8(&crank) || dtype > 3 || crank > kMaxRank) return corrupt(name, "a constant's header");
    std::vector<int> shape(crank);
    for (int& d : shape) {
      std::int32_t v = 0;
      if (!r.i32(&v) || v < 0) return corrupt(name, "a constant's shape");
      d = v;
    }
    const std::size_t count = Tensor::count(shape);
    total += count;
    if (count > kMaxElements || total > kMaxElements) return corrupt(name, "a constant is too large");
    // Per-channel scales of an int8 constant.
    std::vector<float> scales;
    std::size_t inner = 1;
    if (dtype == 3) {
      std::uint32_t axis = 0;
      if (!r.u32(&axis) || axis >= crank) return corrupt(name, "a constant's channel axis");
      for (std::uint32_t k = axis + 1; k < crank; ++k) inner *= std::size_t(shape[k]);
      // The scales are read before anything is sized by them: with a zero
      // elsewhere in the shape, the axis alone may claim any length.
      const std::size_t channels = std::size_t(shape[axis]);
      const std::uint8_t* sp = nullptr;
      if (channels > kMaxElements || !r.bytes(&sp, channels * 4)) return corrupt(name, "it is truncated");
      scales.resize(channels);
      std::memcpy(scales.data(), sp, channels * 4);
    }
    const std::size_t width = dtype == 3 ? 1 : dtype == 1 ? 2 : 4;
    const std::uint8_t* p = nullptr;
    if (!r.bytes(&p, count * width)) return corrupt(name, "it is truncated");
    Tensor t(shape, std::vector<float>(count));
    for (std::size_t k = 0; k < count; ++k) {
      if (dtype == 3) {
        t.data[k] = float(std::int8_t(p[k])) * scales[(k / inner) % scales.size()];
      } else if (dtype == 1) {
        std::uint16_t h;
        std::memcpy(&h, p + 2 * k, 2);
        t.data[k] = half_to_float(h);
      } else if (dtype == 2) {
        std::int32_t v;
        std::memcpy(&v, p + 4 * k, 4);
        t.data[k] = float(v);
      } else {
        std::memcpy(&t.data[k], p + 4 * k, 4);
      }
      if (!std::isfinite(t.data[k])) return corrupt(name, "a constant holds a value that is not a number");
    }
    m.consts.push_back(std::move(t));
  }
  std::uint32_t nnodes = 0;
  if (!r.u32(&nnodes) || nnodes == 0 || nnodes > kMaxNodes) return corrupt(name, "its node count");
  m.nodes.resize(nnodes);
  const std::uint32_t first_node = nconst + 1;
  for (std::uint32_t i = 0; i < nnodes; ++i) {
    Node& n = m.nodes[i];
    std::uint8_t op = 0, nin = 0, nparams = 0;
    if (!r.u8(&op) || op >= kOpCount) return corrupt(name, "a node's op is unknown");
    n.op = Op(op);
    const Arity a = kArity[op];
    if (!r.u8(&nin) || nin < a.min_in || nin > a.max_in) return corrupt(name, "a node's input count");
    n.inputs.resize(nin);
    for (std::uint32_t& v : n.inputs)
      if (!r.u32(&v) || v >= first_node + i) return corrupt(name, "a node reads a value not yet computed");
    if (!r.u8(&nparams) || nparams != a.params) return corrupt(name, "a node's parameter count");
    n.params.resize(nparams);
    for (std::int32_t& v : n.params)
      if (!r.i32(&v)) return corrupt(name, "it is truncated");
    const bool conv = n.op == Op::conv2d || n.op == Op::depthwise_conv2d;
    const std::int32_t act = conv ? n.params[5] : n.op == Op::conv2d_transpose ? n.params[3] : n.op == Op::activation ? n.params[0] : 0;
    if (act < 0 || act > 3) return corrupt(name, "a node's activation is unknown");
  }
  if (!r.u32(&m.output) || m.output < first_node || m.output >= first_node + nnodes)
    return corrupt(name, "its output value");
  if (!r.done()) return corrupt(name, "it has bytes past its end");
  m.last_use.assign(first_node + nnodes, -1);
  for (std::uint32_t i = 0; i < nnodes; ++i)
    for (std::uint32_t v : m.nodes[i].inputs) m.last_use[v] = std::int32_t(i);
  // A dry run on zeros: shapes that do not fit each other fail here, once,
  // instead of on a client's photo.
  std::vector<int> shape = m.input_shape;
  for (int& d : shape) d = d < 0 ? 1 : d;
  if (Tensor::count(shape) > kMaxInputElements) return corrupt(name, "its input is too large");
  Result<Tensor> out = run(m, Tensor(shape));
  if (!out.ok()) return corrupt(name, out.error().message);
  return m;
}

const char* op_name(Op op) {
  static const char* const kNames[kOpCount] = {
      "Conv2D", "DepthwiseConv2dNative", "Conv2DBackpropInput", "MaxPool", "AvgPool", "Pad", "Add", "Mul", "AddN",
      "Activation", "ResizeBilinear", "ConcatV2", "Reshape", "Shape", "StridedSlice", "Pack", "Identity"};
  return int(op) < kOpCount ? kNames[int(op)] : "?";
}

namespace {

Result<Tensor> run_network(const Model& m, Tensor input, Profile* profile, const std::vector<std::uint32_t>* taps,
                           std::vector<Tensor>* tapped) {
  if (Status s = check_input(m, input); !s.ok()) return s.error();
  reset_work();
  const std::size_t nconst0 = m.consts.size();
  if (taps) {
    for (std::uint32_t t : *taps)
      if (t <= nconst0 || t - nconst0 > m.nodes.size()) return Error{"bad_tap", "A tapped value is not a node's output."};
    tapped->assign(taps->size(), Tensor());
  }
  const std::size_t nconst = m.consts.size();
  std::vector<Tensor> values(m.nodes.size() + 1);  // the input, then each node's output
  values[0] = std::move(input);
  auto value = [&](std::uint32_t id) -> const Tensor* { return id < nconst ? &m.consts[id] : &values[id - nconst]; };
  std::vector<const Tensor*> in;
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const Node& n = m.nodes[i];
    in.clear();
    for (std::uint32_t v : n.inputs) in.push_back(value(v));
    const auto t0 = profile ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
    const std::uint32_t first = n.inputs[0];
    Tensor* spare = first >= nconst && first != m.output && m.last_use[first] == std::int32_t(i)
                        ? &values[first - nconst] : nullptr;
    Result<Tensor> out = eval(n, in, spare);
    if (!out.ok()) return out.error();
    if (profile) {
      profile->ms[int(n.op)] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (n.op == Op::conv2d || n.op == Op::depthwise_conv2d || n.op == Op::conv2d_transpose) {
        const Tensor& f = *in[1];
        const double per = n.op == Op::depthwise_conv2d ? double(f.dim(0)) * f.dim(1) * f.dim(3)
                                                        : double(f.dim(0)) * f.dim(1) * f.dim(2);
        profile->macs[int(n.op)] += double(n.op == Op::conv2d_transpose ? in[0]->size() / in[0]->dim(3) * f.dim(2) * f.dim(0) * f.dim(1)
                                                                         : out->size()) * (n.op == Op::conv2d_transpose ? f.dim(3) : per);
      }
    }
    values[i + 1] = std::move(out.value());
    if (taps)
      for (std::size_t t = 0; t < taps->size(); ++t)
        if ((*taps)[t] == nconst + i + 1) (*tapped)[t] = values[i + 1];
    for (std::uint32_t v : n.inputs)
      if (v >= nconst && v != m.output && m.last_use[v] == std::int32_t(i)) values[v - nconst] = Tensor();
  }
  return std::move(values[m.output - nconst]);
}

}  // namespace

Result<Tensor> run(const Model& m, Tensor input, Profile* profile) {
  return run_network(m, std::move(input), profile, nullptr, nullptr);
}

Result<Tensor> run(const Model& m, Tensor input, const std::vector<std::uint32_t>& taps, std::vector<Tensor>& tapped) {
  return run_network(m, std::move(input), nullptr, &taps, &tapped);
}

}  // namespace smp::infer

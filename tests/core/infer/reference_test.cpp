// reference_test.cpp - every op and both embedded networks against TF.js's
// outputs on the same inputs (written by tests/reference/tfjs_reference.mjs
// at build time).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/infer/embedded_models.h"
#include "core/infer/model.h"
#include "core/infer/ops.h"

namespace smp::infer {
namespace {

struct Case {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<int> params;
};

std::vector<Case> read_cases(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t at = 0;
  auto u32 = [&] {
    std::uint32_t v = 0;
    if (at + 4 <= bytes.size()) std::memcpy(&v, &bytes[at], 4);
    at += 4;
    return v;
  };
  std::vector<Case> cases;
  while (at + 4 <= bytes.size()) {
    Case c;
    const std::uint32_t len = u32();
    c.name.assign(&bytes[at], len);
    at += len;
    for (std::uint32_t t = u32(); t > 0; --t) {
      std::vector<int> shape(u32());
      for (int& d : shape) d = int(u32());
      std::vector<float> data(Tensor::count(shape));
      std::memcpy(data.data(), &bytes[at], data.size() * 4);
      at += data.size() * 4;
      c.tensors.emplace_back(shape, std::move(data));
    }
    for (std::uint32_t p = u32(); p > 0; --p) c.params.push_back(int(u32()));
    cases.push_back(std::move(c));
  }
  return cases;
}

float max_abs_diff(const Tensor& a, const Tensor& b) {
  float d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(a.data[i] - b.data[i]));
  return d;
}

Result<Tensor> run_op(const Case& c) {
  const std::vector<Tensor>& t = c.tensors;
  const std::vector<int>& p = c.params;
  const std::size_t n = t.size() - 1;  // the last tensor is TF.js's output
  auto ptrs = [&](std::size_t count) {
    std::vector<const Tensor*> v;
    for (std::size_t k = 0; k < count; ++k) v.push_back(&t[k]);
    return v;
  };
  const ConvParams conv = c.params.size() >= 6
      ? ConvParams{p[0], p[1], p[2], p[3], Padding(p[4]), Activation(p[5])} : ConvParams{};
  if (c.name == "conv2d") return conv2d(t[0], t[1], n > 2 ? &t[2] : nullptr, conv);
  if (c.name == "depthwise_conv2d") return depthwise_conv2d(t[0], t[1], n > 2 ? &t[2] : nullptr, conv);
  if (c.name == "conv2d_transpose") {
    ConvParams tp;
    tp.stride_h = p[0], tp.stride_w = p[1], tp.padding = Padding(p[2]), tp.activation = Activation(p[3]);
    return conv2d_transpose(t[0], t[1], std::vector<int>(t[2].data.begin(), t[2].data.end()), nullptr, tp);
  }
  if (c.name == "max_pool") return max_pool(t[0], PoolParams{p[0], p[1], p[2], p[3], Padding(p[4])});
  if (c.name == "avg_pool") return avg_pool(t[0], PoolParams{p[0], p[1], p[2], p[3], Padding(p[4])});
  if (c.name == "pad") return pad(t[0], t[1]);
  if (c.name == "add") return add(t[0], t[1]);
  if (c.name == "mul") return mul(t[0], t[1]);
  if (c.name == "add_n") return add_n(ptrs(n));
  if (c.name == "activation") {
    Tensor x = t[0];
    activate(&x, Activation(p[0]));
    return x;
  }
  if (c.name == "resize_bilinear") return resize_bilinear(t[0], int(t[1].data[0]), int(t[1].data[1]), p[0], p[1]);
  if (c.name == "concat") return concat(ptrs(n - 1), int(t[n - 1].data[0]));
  if (c.name == "reshape") return reshape(t[0], std::vector<int>(t[1].data.begin(), t[1].data.end()));
  if (c.name == "strided_slice") return strided_slice(t[0], t[1], t[2], t[3], p[0], p[1], p[2]);
  if (c.name == "pack") return pack(ptrs(n), p[0]);
  return Error{"unknown", c.name};
}

TEST(InferReference, EveryOpMatchesTfjs) {
  const std::vector<Case> cases = read_cases(SMP_REFERENCE_DIR "/ops.bin");
  ASSERT_GE(cases.size(), 50u) << "run tests/reference/tfjs_reference.mjs (the build does)";
  std::vector<std::string> names;
  for (const Case& c : cases) {
    Result<Tensor> y = run_op(c);
    ASSERT_TRUE(y.ok()) << c.name << ": " << y.error().message;
    const Tensor& want = c.tensors.back();
    ASSERT_EQ(y->shape, want.shape) << c.name;
    EXPECT_LE(max_abs_diff(y.value(), want), 1e-5f) << c.name;
    names.push_back(c.name);
  }
  for (const char* op : {"conv2d", "depthwise_conv2d", "conv2d_transpose", "max_pool", "avg_pool", "pad", "add", "mul",
                         "add_n", "activation", "resize_bilinear", "concat", "reshape", "strided_slice", "pack"})
    EXPECT_NE(std::find(names.begin(), names.end(), op), names.end()) << op << " has no reference case";
}

TEST(InferReference, BothNetworksMatchTfjs) {
  const std::vector<Case> cases = read_cases(SMP_REFERENCE_DIR "/models.bin");
  ASSERT_EQ(cases.size(), 4u);
  for (const Case& c : cases) {
    const std::string net = c.name.substr(0, c.name.find('/')) == "selfie" ? "selfie" : "blazeface";
    const std::span<const std::uint8_t> bytes = embedded_model(net);
    Result<Model> m = load_model(bytes.data(), bytes.size(), net);
    ASSERT_TRUE(m.ok()) << m.error().message;
    Result<Tensor> y = run(m.value(), c.tensors[0]);
    ASSERT_TRUE(y.ok()) << y.error().message;
    ASSERT_EQ(y->shape, c.tensors[1].shape) << c.name;
    const float diff = max_abs_diff(y.value(), c.tensors[1]);
    EXPECT_LE(diff, 1e-3f) << c.name;
    // On the head-like picture the outputs span a range (a person mask,
    // face scores), so the comparison is not between saturated constants.
    if (c.name.ends_with("/head")) {
      const auto [lo, hi] = std::minmax_element(y->data.begin(), y->data.end());
      EXPECT_GT(*hi - *lo, 0.3f) << c.name;
    }
  }
}

}  // namespace
}  // namespace smp::infer

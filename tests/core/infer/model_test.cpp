// model_test.cpp - the .smpm loader: the shipped networks load, and
// truncated, corrupt or inconsistent files are refused with an Error.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/infer/embedded_models.h"
#include "core/infer/model.h"

namespace smp::infer {
namespace {

std::vector<std::uint8_t> embedded(const char* name) {
  const std::span<const std::uint8_t> s = embedded_model(name);
  return {s.begin(), s.end()};
}

// Writes a small .smpm by hand: a 1x4x4x2 input through one 1x1 Conv2D
// whose filter has `filter_in` input channels.
std::vector<std::uint8_t> tiny_model(int filter_in) {
  std::vector<std::uint8_t> b;
  auto u8 = [&](std::uint8_t v) { b.push_back(v); };
  auto u32 = [&](std::uint32_t v) { for (int k = 0; k < 4; ++k) b.push_back(std::uint8_t(v >> (8 * k))); };
  auto f32 = [&](float f) { std::uint32_t v; std::memcpy(&v, &f, 4); u32(v); };
  for (char c : std::string("SMPM")) u8(std::uint8_t(c));
  u32(1);
  u32(4); for (std::uint32_t d : {1u, 4u, 4u, 2u}) u32(d);
  u32(1);                                  // one constant: the filter
  u8(0); u8(4); for (std::uint32_t d : {1u, 1u, std::uint32_t(filter_in), 3u}) u32(d);
  for (int k = 0; k < filter_in * 3; ++k) f32(0.5f);
  u32(1);                                  // one node
  u8(0); u8(2); u32(1); u32(0);            // conv2d(input = value 1, filter = value 0)
  u8(6); for (std::uint32_t p : {1u, 1u, 1u, 1u, 0u, 1u}) u32(p);
  u32(2);                                  // output: the node's value
  return b;
}

TEST(Model, ShippedNetworksLoadAndDeclareTheirInputs) {
  for (const char* name : {"selfie", "blazeface"}) {
    const std::vector<std::uint8_t> bytes = embedded(name);
    ASSERT_FALSE(bytes.empty()) << name;
    Result<Model> m = load_model(bytes.data(), bytes.size(), name);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->input_shape.size(), 4u);
  }
  EXPECT_TRUE(embedded_model("no such model").empty());
}

TEST(Model, HandWrittenModelRuns) {
  const std::vector<std::uint8_t> b = tiny_model(2);
  Result<Model> m = load_model(b.data(), b.size());
  ASSERT_TRUE(m.ok()) << m.error().message;
  Tensor x(std::vector<int>{1, 4, 4, 2});
  x.data.assign(x.size(), 1.0f);
  Result<Tensor> y = run(m.value(), x);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->shape, (std::vector<int>{1, 4, 4, 3}));
  EXPECT_FLOAT_EQ(y->data[0], 1.0f);  // 0.5 + 0.5, relu
}

TEST(Model, WrongShapeIsRefusedAtLoad) {
  const std::vector<std::uint8_t> b = tiny_model(5);  // filter wants 5 channels, input has 2
  Result<Model> m = load_model(b.data(), b.size(), "tiny");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "bad_model");
  EXPECT_NE(m.error().message.find("tiny"), std::string::npos);
  EXPECT_NE(m.error().message.find("channels"), std::string::npos);
}

TEST(Model, WrongInputIsRefusedAtRun) {
  const std::vector<std::uint8_t> b = tiny_model(2);
  Result<Model> m = load_model(b.data(), b.size());
  ASSERT_TRUE(m.ok());
  Result<Tensor> y = run(m.value(), Tensor(std::vector<int>{1, 4, 4, 3}));
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.error().code, "bad_input");
}

TEST(Model, EveryTruncationIsRefused) {
  const std::vector<std::uint8_t> b = embedded("blazeface");
  // Every prefix length is too slow to try; every header byte and a spread of
  // lengths through the weights and the node list is not.
  for (std::size_t n = 0; n < b.size(); n += n < 64 ? 1 : 997) {
    Result<Model> m = load_model(b.data(), n, "blazeface");
    ASSERT_FALSE(m.ok()) << n;
    EXPECT_EQ(m.error().code, "bad_model");
  }
  for (std::size_t n = b.size() - 40; n < b.size(); ++n) EXPECT_FALSE(load_model(b.data(), n).ok()) << n;
}

TEST(Model, CorruptBytesAreRefusedOrHarmless) {
  const std::vector<std::uint8_t> good = tiny_model(2);
  int refused = 0;
  for (std::size_t i = 0; i < good.size(); ++i)
    for (std::uint8_t v : {std::uint8_t(0), std::uint8_t(0x7f), std::uint8_t(0xff)}) {
      std::vector<std::uint8_t> b = good;
      if (b[i] == v) continue;
      b[i] = v;
      refused += !load_model(b.data(), b.size()).ok();
    }
  EXPECT_GT(refused, int(good.size()));  // most single-byte damage is caught
  const std::vector<std::uint8_t> trailing = [&] { auto b = good; b.push_back(0); return b; }();
  EXPECT_FALSE(load_model(trailing.data(), trailing.size()).ok());
  EXPECT_FALSE(load_model(nullptr, 0).ok());
}

// An int8 constant with a zero in its shape holds no values, so the size
// check passes, while its channel axis claims two billion scales: refused
// as truncated, not allocated.
TEST(Model, ScalesAreReadBeforeTheyAreSized) {
  std::vector<std::uint8_t> b;
  auto u8 = [&](std::uint8_t v) { b.push_back(v); };
  auto u32 = [&](std::uint32_t v) { for (int k = 0; k < 4; ++k) b.push_back(std::uint8_t(v >> (8 * k))); };
  for (char c : std::string("SMPM")) u8(std::uint8_t(c));
  u32(1);
  u32(4); for (std::uint32_t d : {1u, 4u, 4u, 2u}) u32(d);
  u32(1);
  u8(3); u8(2); u32(0); u32(0x7fffffffu);  // int8, shape {0, 2^31 - 1}
  u32(1);                                  // channel axis 1
  Result<Model> m = load_model(b.data(), b.size(), "tiny");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "bad_model");
  EXPECT_NE(m.error().message.find("truncated"), std::string::npos) << m.error().message;
}

TEST(Model, HalfFloats) {
  EXPECT_EQ(half_to_float(0x3c00), 1.0f);
  EXPECT_EQ(half_to_float(0xc000), -2.0f);
  EXPECT_EQ(half_to_float(0x3555), 0.333251953125f);
  EXPECT_EQ(half_to_float(0x0001), 5.960464477539063e-08f);  // smallest subnormal
  EXPECT_EQ(half_to_float(0x7bff), 65504.0f);
}

}  // namespace
}  // namespace smp::infer

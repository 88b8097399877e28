// ops_test.cpp - each op on small cases computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "core/infer/ops.h"

namespace smp::infer {
namespace {

Tensor t(std::vector<int> shape, std::vector<float> data) { return Tensor(std::move(shape), std::move(data)); }

void expect_values(const Result<Tensor>& r, const std::vector<int>& shape, const std::vector<float>& want) {
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->shape, shape);
  ASSERT_EQ(r->size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(r->data[i], want[i], 1e-6f) << "at " << i;
}

TEST(Conv2d, SameThreeByThreeSumsTheNeighbourhoodPlusBias) {
  // 3x3 input 1..9, all-ones 3x3 filter: each output is its neighbourhood's sum.
  const Tensor x = t({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Tensor f = t({3, 3, 1, 1}, std::vector<float>(9, 1.0f));
  const Tensor b = t({1}, {-10});
  expect_values(conv2d(x, f, &b, {}), {1, 3, 3, 1}, {2, 11, 6, 17, 35, 23, 14, 29, 18});
}

TEST(Conv2d, StrideTwoSamePadsAfterAndReluClips) {
  // 4 wide, stride 2, window 3: out 2, total pad 1, all of it after.
  const Tensor x = t({1, 1, 4, 1}, {1, 2, 3, 4});
  const Tensor f = t({1, 3, 1, 1}, {1, -1, 1});
  ConvParams p;
  p.stride_w = 2;
  expect_values(conv2d(x, f, nullptr, p), {1, 1, 2, 1}, {2, -1});  // 1-2+3, 3-4+0
  p.activation = Activation::relu;
  const Tensor g = t({1, 3, 1, 1}, {-1, -1, -1});
  expect_values(conv2d(x, g, nullptr, p), {1, 1, 2, 1}, {0, 0});
}

TEST(Conv2d, PointwiseMixesChannels) {
  // Two channels in, two out: out0 = a + 2b, out1 = 3a - b.
  const Tensor x = t({1, 1, 2, 2}, {1, 1, 2, -1});
  const Tensor f = t({1, 1, 2, 2}, {1, 3, 2, -1});
  expect_values(conv2d(x, f, nullptr, {}), {1, 1, 2, 2}, {3, 2, 0, 7});
}

TEST(Conv2d, ValidDilatedSkipsPixels) {
  const Tensor x = t({1, 1, 5, 1}, {1, 2, 3, 4, 5});
  const Tensor f = t({1, 2, 1, 1}, {1, 10});
  ConvParams p;
  p.padding = Padding::valid;
  p.dilation_w = 2;
  expect_values(conv2d(x, f, nullptr, p), {1, 1, 3, 1}, {31, 42, 53});
}

TEST(Conv2d, RefusesMismatchedChannels) {
  const Result<Tensor> r = conv2d(t({1, 2, 2, 3}, std::vector<float>(12)), t({1, 1, 2, 1}, {1, 1}), nullptr, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_model");
}

TEST(DepthwiseConv2d, EachChannelHasItsOwnFilter) {
  // Channel 0 doubled, channel 1 negated, by 1x1 filters; relu6 clips.
  const Tensor x = t({1, 1, 2, 2}, {1, 2, 4, -3});
  const Tensor f = t({1, 1, 2, 1}, {2, -1});
  ConvParams p;
  p.activation = Activation::relu6;
  expect_values(depthwise_conv2d(x, f, nullptr, p), {1, 1, 2, 2}, {2, 0, 6, 3});
}

TEST(DepthwiseConv2d, ThreeTapsWithBias) {
  const Tensor x = t({1, 1, 3, 1}, {1, 2, 3});
  const Tensor f = t({1, 3, 1, 1}, {1, 1, 1});
  const Tensor b = t({1}, {0.5f});
  expect_values(depthwise_conv2d(x, f, &b, {}), {1, 1, 3, 1}, {3.5f, 6.5f, 5.5f});
}

TEST(Conv2dTranspose, StrideTwoKernelTwoScattersEachPixel) {
  // Each input pixel is spread over a 2x2 block, scaled by the filter.
  const Tensor x = t({1, 1, 2, 1}, {1, 2});
  const Tensor f = t({2, 2, 1, 1}, {1, 2, 3, 4});
  ConvParams p;
  p.stride_h = p.stride_w = 2;
  const Tensor b = t({1}, {1});
  expect_values(conv2d_transpose(x, f, {1, 2, 4, 1}, &b, p), {1, 2, 4, 1}, {2, 3, 3, 5, 4, 5, 7, 9});
}

TEST(Conv2dTranspose, RefusesAnOutputItsInputCannotComeFrom) {
  ConvParams p;
  p.stride_h = p.stride_w = 2;
  const Result<Tensor> r = conv2d_transpose(t({1, 1, 2, 1}, {1, 2}), t({2, 2, 1, 1}, {1, 2, 3, 4}), {1, 2, 9, 1}, nullptr, p);
  EXPECT_FALSE(r.ok());
}

TEST(Pool, MaxAndAverageOverTwoByTwo) {
  const Tensor x = t({1, 2, 4, 1}, {1, 5, 2, 2, 3, 7, 0, 8});
  const PoolParams p{2, 2, 2, 2, Padding::valid};
  expect_values(max_pool(x, p), {1, 1, 2, 1}, {7, 8});
  expect_values(avg_pool(x, p), {1, 1, 2, 1}, {4, 3});
}

TEST(Pool, SameAverageCountsOnlyRealPixels) {
  // 3 wide, window 2, stride 2: the last window holds one real pixel.
  const Tensor x = t({1, 1, 3, 1}, {2, 4, 9});
  const PoolParams p{1, 2, 1, 2, Padding::same};
  expect_values(avg_pool(x, p), {1, 1, 2, 1}, {3, 9});
  expect_values(max_pool(x, p), {1, 1, 2, 1}, {4, 9});
}

TEST(Pad, AddsZerosBeforeAndAfter) {
  const Tensor x = t({1, 1, 2, 1}, {1, 2});
  const Tensor p = t({4, 2}, {0, 0, 1, 0, 0, 1, 0, 0});
  expect_values(pad(x, p), {1, 2, 3, 1}, {0, 0, 0, 1, 2, 0});
  EXPECT_FALSE(pad(x, t({3, 2}, std::vector<float>(6))).ok());
  EXPECT_FALSE(pad(x, t({4, 2}, {0, 0, -1, 0, 0, 0, 0, 0})).ok());
}

TEST(Elementwise, BroadcastsScalarsChannelsAndInnerAxes) {
  const Tensor a = t({1, 2, 1, 2}, {1, 2, 3, 4});
  expect_values(add(a, t({}, {10})), {1, 2, 1, 2}, {11, 12, 13, 14});
  expect_values(mul(a, t({2}, {2, -1})), {1, 2, 1, 2}, {2, -2, 6, -4});
  expect_values(add(t({2, 1}, {1, 2}), t({3}, {10, 20, 30})), {2, 3}, {11, 21, 31, 12, 22, 32});
  EXPECT_FALSE(add(a, t({3}, {1, 2, 3})).ok());
}

TEST(Elementwise, AddNSumsAllInputs) {
  const Tensor a = t({2}, {1, 2}), b = t({2}, {3, 4}), c = t({2}, {5, 6});
  expect_values(add_n({&a, &b, &c}), {2}, {9, 12});
  const Tensor d = t({3}, {1, 2, 3});
  EXPECT_FALSE(add_n({&a, &d}).ok());
}

TEST(Activation, ReluRelu6Sigmoid) {
  Tensor x = t({4}, {-1, 0.5f, 7, 0});
  Tensor y = x, z = x;
  activate(&x, Activation::relu);
  activate(&y, Activation::relu6);
  activate(&z, Activation::sigmoid);
  EXPECT_EQ(x.data, (std::vector<float>{0, 0.5f, 7, 0}));
  EXPECT_EQ(y.data, (std::vector<float>{0, 0.5f, 6, 0}));
  EXPECT_NEAR(z.data[0], 1 / (1 + std::exp(1.0f)), 1e-6f);
  EXPECT_NEAR(z.data[3], 0.5f, 1e-6f);
}

TEST(ResizeBilinear, HalfPixelCentresDoubleAWidth) {
  // 2 -> 4 with half-pixel centres samples at -0.25, 0.25, 0.75, 1.25.
  const Tensor x = t({1, 1, 2, 1}, {0, 4});
  expect_values(resize_bilinear(x, 1, 4, false, true), {1, 1, 4, 1}, {0, 1, 3, 4});
  // Align corners maps the ends onto each other: 0, 4/3, 8/3, 4.
  expect_values(resize_bilinear(x, 1, 4, true, false), {1, 1, 4, 1}, {0, 4.0f / 3, 8.0f / 3, 4});
}

TEST(Concat, JoinsAlongAnAxis) {
  const Tensor a = t({1, 2, 1}, {1, 2}), b = t({1, 2, 2}, {3, 4, 5, 6});
  expect_values(concat({&a, &b}, -1), {1, 2, 3}, {1, 3, 4, 2, 5, 6});
  EXPECT_FALSE(concat({&a, &b}, 1).ok());
}

TEST(Reshape, InfersTheFreeAxis) {
  const Tensor x = t({1, 2, 3}, {1, 2, 3, 4, 5, 6});
  expect_values(reshape(x, {-1, 2}), {3, 2}, {1, 2, 3, 4, 5, 6});
  EXPECT_FALSE(reshape(x, {4, -1}).ok());
  EXPECT_FALSE(reshape(x, {7}).ok());
}

TEST(ShapeOps, ShapeSliceAndPackRebuildADimension) {
  const Tensor x(std::vector<int>{1, 16, 8, 3});
  const Tensor s = shape_of(x);
  expect_values(s, {4}, {1, 16, 8, 3});
  const Result<Tensor> first = strided_slice(s, t({1}, {0}), t({1}, {1}), t({1}, {1}), 0, 0, 1);
  expect_values(first, {}, {1});
  const Result<Tensor> tail = strided_slice(s, t({1}, {1}), t({1}, {0}), t({1}, {1}), 0, 1, 0);
  expect_values(tail, {3}, {16, 8, 3});
  const Tensor a = t({}, {1}), b = t({}, {-1}), c = t({}, {16});
  expect_values(pack({&a, &b, &c}, 0), {3}, {1, -1, 16});
}

TEST(Work, OpsPastTheirBudgetAreRefusedBeforeTheyRun) {
  // A window as wide as a 256 x 256 input at every pixel: 3e11 reads.
  const Tensor big({1, 256, 256, 64});
  PoolParams p;
  p.window_h = p.window_w = 256;
  p.padding = Padding::same;
  reset_work();
  Result<Tensor> r = avg_pool(big, p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_model");
  EXPECT_NE(r.error().message.find("too long"), std::string::npos) << r.error().message;
  // Many small ops add up: the run budget stops them too.
  PoolParams small;
  small.window_h = small.window_w = 2;
  small.stride_h = small.stride_w = 2;
  reset_work();
  int done = 0;
  for (; done < 100000; ++done)
    if (!avg_pool(big, small).ok()) break;
  EXPECT_LT(done, 100000);
  EXPECT_LE(work_done(), kMaxRunWork + double(256 * 256 * 64));
  reset_work();
  EXPECT_EQ(work_done(), 0.0);
}

}  // namespace
}  // namespace smp::infer

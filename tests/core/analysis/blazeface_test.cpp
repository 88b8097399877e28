// BlazeFace pre- and post-processing on hand-built inputs: anchors, decoding
// of a raw buffer with known values, weighted suppression, and the letterbox
// with its quarter turns checked pixel by pixel against plane.h's turned().
#include "core/analysis/blazeface.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/base/plane.h"

namespace smp::blazeface {
namespace {

constexpr std::size_t kRawSize = std::size_t(kNumAnchors) * kValuesPerAnchor;

void expect_near(glm::vec2 a, glm::vec2 b, float tol = 1e-5f) {
  EXPECT_NEAR(a.x, b.x, tol);
  EXPECT_NEAR(a.y, b.y, tol);
}

// Every anchor scores sigmoid(-10), well under any threshold.
std::vector<float> quiet_raw() {
  std::vector<float> raw(kRawSize, 0.f);
  for (int i = 0; i < kNumAnchors; ++i) raw[std::size_t(i) * kValuesPerAnchor] = -10.f;
  return raw;
}

// Anchor 700 (8 x 8 grid, cell 31 = column 7, row 3) with logit 2, box offset
// (6.4, -12.8) input pixels, size 32 x 64, keypoint k at (12.8 k, -6.4 k).
constexpr int kStrong = 700;
std::vector<float> one_face_raw() {
  std::vector<float> raw = quiet_raw();
  float* v = &raw[std::size_t(kStrong) * kValuesPerAnchor];
  v[0] = 2.f;
  v[1] = 6.4f, v[2] = -12.8f, v[3] = 32.f, v[4] = 64.f;
  for (int k = 0; k < kNumKeypoints; ++k) v[5 + 2 * k] = 12.8f * k, v[6 + 2 * k] = -6.4f * k;
  return raw;
}

Detection make(float score, glm::vec2 min, glm::vec2 max, float kp) {
  Detection d;
  d.score = score;
  d.box = {min, max};
  for (auto& k : d.keypoints) k = glm::vec2(kp);
  return d;
}

Image filled(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Image img(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) img.at(x, y)[0] = r, img.at(x, y)[1] = g, img.at(x, y)[2] = b;
  return img;
}

float channel(const Input& in, int x, int y, int c) {
  return in.tensor[(std::size_t(y) * kInputSize + x) * 3 + c];
}

TEST(BlazeFace, AnchorsFollowTheTwoGrids) {
  const std::vector<Anchor> a = anchors();
  ASSERT_EQ(a.size(), std::size_t(kNumAnchors));
  expect_near(a[0].centre, {1.f / 32, 1.f / 32});
  expect_near(a[1].centre, {1.f / 32, 1.f / 32});   // two per cell
  expect_near(a[2].centre, {3.f / 32, 1.f / 32});   // next column
  expect_near(a[32].centre, {1.f / 32, 3.f / 32});  // next row
  expect_near(a[511].centre, {31.f / 32, 31.f / 32});
  expect_near(a[512].centre, {1.f / 16, 1.f / 16});  // the 8 x 8 grid
  expect_near(a[517].centre, {1.f / 16, 1.f / 16});  // six per cell
  expect_near(a[518].centre, {3.f / 16, 1.f / 16});
  expect_near(a[kStrong].centre, {15.f / 16, 7.f / 16});
  expect_near(a[895].centre, {15.f / 16, 15.f / 16});
}

TEST(BlazeFace, DecodesOneStrongAnchor) {
  const std::vector<float> raw = one_face_raw();
  Result<std::vector<Detection>> d = decode(raw);
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->size(), 1u);
  const Detection& f = d->front();
  EXPECT_NEAR(f.score, 1.f / (1.f + std::exp(-2.f)), 1e-6f);
  // Centre (15/16 + 0.05, 7/16 - 0.1), half size (0.125, 0.25).
  expect_near(f.box.min, {0.8625f, 0.0875f});
  expect_near(f.box.max, {1.1125f, 0.5875f});
  for (int k = 0; k < kNumKeypoints; ++k) expect_near(f.keypoints[k], {0.9375f + 0.1f * k, 0.4375f - 0.05f * k});
  // The threshold applies to the score, not the logit.
  EXPECT_TRUE(decode(raw, 0.9f)->empty());
  EXPECT_EQ(decode(raw, 0.88f)->size(), 1u);
}

TEST(BlazeFace, ClipsHugeLogitsAndDropsEmptyBoxes) {
  std::vector<float> raw = one_face_raw();
  raw[std::size_t(kStrong) * kValuesPerAnchor] = 1e30f;
  raw[0] = 5.f;  // anchor 0 scores but has a zero-sized box
  Result<std::vector<Detection>> d = decode(raw);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ(d->front().score, 1.f);
  raw[std::size_t(kStrong) * kValuesPerAnchor] = -1e30f;
  EXPECT_TRUE(decode(raw, 0.f).ok());  // a score of 0, not NaN
}

TEST(BlazeFace, MalformedOutputIsAnError) {
  std::vector<float> raw = one_face_raw();
  EXPECT_EQ(decode(std::span(raw).first(kRawSize - 1)).error().code, "invalid_model_output");
  EXPECT_EQ(decode({}).error().code, "invalid_model_output");
  std::vector<float> longer = raw;
  longer.push_back(0);
  EXPECT_FALSE(decode(longer).ok());
  for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    std::vector<float> r = raw;
    r[std::size_t(kStrong) * kValuesPerAnchor + 7] = bad;
    EXPECT_EQ(decode(r).error().code, "invalid_model_output");
    EXPECT_FALSE(detect(r, Letterbox{}).ok());
  }
}

TEST(BlazeFace, IouOfHandBuiltBoxes) {
  const Rect a{{0, 0}, {1, 1}};
  EXPECT_FLOAT_EQ(iou(a, a), 1.f);
  EXPECT_FLOAT_EQ(iou(a, {{0.5f, 0}, {1.5f, 1}}), 0.5f / 1.5f);
  EXPECT_EQ(iou(a, {{2, 2}, {3, 3}}), 0.f);
  EXPECT_EQ(iou(a, {{0.5f, 0.5f}, {0.5f, 0.5f}}), 0.f);  // empty box
}

TEST(BlazeFace, WeightedNmsMergesOverlapsByScoreAndKeepsTheRest) {
  const std::vector<Detection> in = {
      make(0.6f, {0.1f, 0}, {1.1f, 1}, 3),  // IoU 0.9 / 1.1 with the best: merged into it
      make(0.5f, {0.6f, 0}, {1.6f, 1}, 7),  // IoU 0.4 / 1.6 = 0.25 with the best: kept
      make(0.9f, {0, 0}, {1, 1}, 0),        // the best
      make(0.8f, {5, 5}, {6, 6}, 9),        // far away: kept
  };
  const std::vector<Detection> out = weighted_nms(in);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FLOAT_EQ(out[0].score, 0.9f);  // the best's score, not the mean
  expect_near(out[0].box.min, {0.6f * 0.1f / 1.5f, 0});
  expect_near(out[0].box.max, {(0.9f + 0.6f * 1.1f) / 1.5f, 1});
  for (const glm::vec2& k : out[0].keypoints) expect_near(k, glm::vec2(0.6f * 3 / 1.5f));
  EXPECT_FLOAT_EQ(out[1].score, 0.8f);
  expect_near(out[1].box.min, {5, 5});
  EXPECT_FLOAT_EQ(out[2].score, 0.5f);
  expect_near(out[2].box.min, {0.6f, 0});
  expect_near(out[2].keypoints[kMouth], glm::vec2(7));
  // A stricter threshold keeps the 0.6 one apart.
  EXPECT_EQ(weighted_nms(in, 0.85f).size(), 4u);
}

TEST(BlazeFace, WeightedNmsSurvivesOddInput) {
  EXPECT_TRUE(weighted_nms({}).empty());
  const std::vector<Detection> out = weighted_nms({make(std::numeric_limits<float>::quiet_NaN(), {0, 0}, {1, 1}, 0),
                                                   make(0.7f, {2, 2}, {2, 2}, 1), make(0.7f, {2, 2}, {2, 2}, 2)});
  // The NaN score is dropped; empty boxes overlap nothing, so each stands alone.
  ASSERT_EQ(out.size(), 2u);
  expect_near(out[0].keypoints[0], glm::vec2(1));
  expect_near(out[1].keypoints[0], glm::vec2(2));
}

TEST(BlazeFace, WideImageIsPaddedAboveAndBelow) {
  // 64 x 32 fills the width at 2 input pixels per source pixel: rows 32..95.
  Result<Input> in = letterbox(filled(64, 32, 255, 0, 51));
  ASSERT_TRUE(in.ok()) << in.error().message;
  ASSERT_EQ(in->tensor.size(), std::size_t(kInputSize) * kInputSize * 3);
  for (int x : {0, 77, 127}) {
    for (int y : {0, 31, 96, 127})
      for (int c = 0; c < 3; ++c) EXPECT_EQ(channel(in.value(), x, y, c), -1.f) << x << "," << y;
    for (int y : {32, 64, 95}) {
      EXPECT_FLOAT_EQ(channel(in.value(), x, y, 0), 1.f);
      EXPECT_FLOAT_EQ(channel(in.value(), x, y, 1), -1.f);
      EXPECT_FLOAT_EQ(channel(in.value(), x, y, 2), 51 / 127.5f - 1);
    }
  }
  expect_near(in->transform.to_source({0, 0}), {0, -16});
  expect_near(in->transform.to_source({1, 1}), {64, 48});
  expect_near(in->transform.to_source({0.5f, 0.25f}), {32, 0});
}

TEST(BlazeFace, TallImageIsPaddedBesideUnlessTurned) {
  const Image tall = filled(32, 64, 255, 255, 255);
  Result<Input> upright = letterbox(tall);
  ASSERT_TRUE(upright.ok());
  EXPECT_EQ(channel(upright.value(), 31, 64, 0), -1.f);
  EXPECT_EQ(channel(upright.value(), 32, 64, 0), 1.f);
  EXPECT_EQ(channel(upright.value(), 96, 64, 0), -1.f);
  Result<Input> turned = letterbox(tall, 1);
  ASSERT_TRUE(turned.ok());
  EXPECT_EQ(channel(turned.value(), 64, 31, 0), -1.f);
  EXPECT_EQ(channel(turned.value(), 64, 32, 0), 1.f);
  EXPECT_EQ(channel(turned.value(), 64, 96, 0), -1.f);
}

// A 128 x 128 source maps one source pixel to one input pixel, so the input
// must be exactly the source turned as plane.h turns grids.
TEST(BlazeFace, QuarterTurnsMatchTurnedGridsAndMapBackExactly) {
  const int n = kInputSize;
  Image img(n, n, 3);
  for (std::size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = std::uint8_t((i * 2654435761u) >> 13);
  for (int q = 0; q < 4; ++q) {
    Result<Input> in = letterbox(img, q);
    ASSERT_TRUE(in.ok());
    std::vector<std::uint32_t> packed(std::size_t(n) * n);
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x) {
        const std::uint8_t* p = img.at(x, y);
        packed[std::size_t(y) * n + x] = p[0] | p[1] << 8 | p[2] << 16;
      }
    const std::vector<std::uint32_t> expected = turned(packed, n, n, q);
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x)
        for (int c = 0; c < 3; ++c) {
          const float want = float((expected[std::size_t(y) * n + x] >> (8 * c)) & 255) / 127.5f - 1;
          ASSERT_EQ(channel(in.value(), x, y, c), want) << "turns " << q << " at " << x << "," << y;
        }
    // Turned pixel (tx, ty) holds source pixel (sx, sy): the centres map onto each other.
    const glm::vec2 t(5.5f, 20.5f);
    const glm::vec2 s = q == 0 ? t : q == 1 ? glm::vec2(t.y, n - t.x) : q == 2 ? glm::vec2(n - t.x, n - t.y)
                                                                             : glm::vec2(n - t.y, t.x);
    EXPECT_EQ(in->transform.to_source(t / float(n)), s) << q;
    EXPECT_EQ(in->transform.to_input(s), t / float(n)) << q;
  }
}

// A crop turned and letterboxed: the corners of the crop land on the content's
// corners, the sampled values follow a linear ramp exactly, and points go
// there and back.
TEST(BlazeFace, CropWithTurnRoundTrips) {
  Image ramp(48, 80, 3);
  for (int y = 0; y < 80; ++y)
    for (int x = 0; x < 48; ++x) ramp.at(x, y)[0] = std::uint8_t(3 * x), ramp.at(x, y)[1] = std::uint8_t(2 * y);
  const Rect crop{{8, 10}, {40, 74}};  // 32 x 64, turned: 64 x 32
  for (int q = 0; q < 4; ++q) {
    Result<Input> in = letterbox(ramp, q, crop);
    ASSERT_TRUE(in.ok()) << in.error().message;
    const Letterbox& lb = in->transform;
    // Content spans the input where the crop is: the middle half across the short side.
    const glm::vec2 lo = q % 2 ? glm::vec2(0, 0.25f) : glm::vec2(0.25f, 0);
    const glm::vec2 hi = q % 2 ? glm::vec2(1, 0.75f) : glm::vec2(0.75f, 1);
    const glm::vec2 corners[4] = {crop.min, {crop.max.x, crop.min.y}, crop.max, {crop.min.x, crop.max.y}};
    // The source corner that lands top-left after q clockwise turns.
    expect_near(lb.to_source(lo), corners[(4 - q) % 4]);
    expect_near(lb.to_source(hi), corners[(6 - q) % 4]);
    for (glm::vec2 p : {glm::vec2(8, 10), glm::vec2(23.25f, 61.5f), glm::vec2(40, 74)})
      expect_near(lb.to_source(lb.to_input(p)), p, 1e-4f);
    for (int y = 0; y < kInputSize; y += 7)
      for (int x = 0; x < kInputSize; x += 5) {
        const glm::vec2 n = (glm::vec2(x, y) + 0.5f) / float(kInputSize);
        const bool inside = n.x > lo.x && n.x < hi.x && n.y > lo.y && n.y < hi.y;
        if (!inside) {
          EXPECT_EQ(channel(in.value(), x, y, 0), -1.f);
          continue;
        }
        const glm::vec2 p = lb.to_source(n) - 0.5f;  // in pixel-index units, inside the ramp
        EXPECT_NEAR((channel(in.value(), x, y, 0) + 1) * 127.5f, 3 * p.x, 1e-3f) << q << " " << x << "," << y;
        EXPECT_NEAR((channel(in.value(), x, y, 1) + 1) * 127.5f, 2 * p.y, 1e-3f) << q << " " << x << "," << y;
      }
  }
}

TEST(BlazeFace, LetterboxRejectsBadInput) {
  const Image img = filled(20, 10, 1, 2, 3);
  EXPECT_EQ(letterbox(Image()).error().code, "invalid_image");
  EXPECT_EQ(letterbox(Image(4, 4, 4)).error().code, "invalid_image");
  Image short_pixels = img;
  short_pixels.pixels.resize(10);
  EXPECT_EQ(letterbox(short_pixels).error().code, "invalid_image");
  EXPECT_EQ(letterbox(img, 4).error().code, "invalid_option");
  EXPECT_EQ(letterbox(img, -1).error().code, "invalid_option");
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (Rect r : {Rect{{0, 0}, {21, 10}}, Rect{{5, 5}, {5, 8}}, Rect{{-1, 0}, {4, 4}}, Rect{{nan, 0}, {4, 4}},
                 Rect{{6, 6}, {2, 2}}})
    EXPECT_EQ(letterbox(img, 0, r).error().code, "invalid_option");
  EXPECT_TRUE(letterbox(img, 0, Rect{{0, 0}, {20, 10}}).ok());
}

TEST(BlazeFace, DetectReturnsSourcePixels) {
  // The wide 64 x 32 image: input (u, v) is source (64 u, 64 v - 16).
  Result<Input> in = letterbox(filled(64, 32, 0, 0, 0));
  ASSERT_TRUE(in.ok());
  std::vector<float> raw = one_face_raw();
  Result<std::vector<Detection>> faces = detect(raw, in->transform);
  ASSERT_TRUE(faces.ok());
  ASSERT_EQ(faces->size(), 1u);
  expect_near(faces->front().box.min, {0.8625f * 64, 0.0875f * 64 - 16}, 1e-4f);
  expect_near(faces->front().box.max, {1.1125f * 64, 0.5875f * 64 - 16}, 1e-4f);
  expect_near(faces->front().keypoints[kNoseTip], {(0.9375f + 0.2f) * 64, (0.4375f - 0.1f) * 64 - 16}, 1e-4f);
  // Under a quarter turn the box stays ordered (min top-left) in the source.
  Result<Input> turned = letterbox(filled(64, 32, 0, 0, 0), 1);
  ASSERT_TRUE(turned.ok());
  Result<std::vector<Detection>> t = detect(raw, turned->transform);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 1u);
  EXPECT_LT(t->front().box.min.x, t->front().box.max.x);
  EXPECT_LT(t->front().box.min.y, t->front().box.max.y);
  EXPECT_NEAR(t->front().box.width(), 0.5f * 64, 1e-4f);  // the input's height, now across the source
}

}  // namespace
}  // namespace smp::blazeface

// The stage model's two halves on hand-built inputs: head-weighted pooling of
// tapped tensors, and the linear read-out with its confidence; then the taps
// checked against the embedded network (their shapes give the feature count
// the weights were trained on).
#include "core/analysis/stage_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/infer/model.h"
#include "core/infer/ops.h"
#include "core/analysis/networks.h"
#include "core/analysis/stage_weights.h"

namespace smp {
namespace {

// A 1 x 2 x 2 x 2 tensor: channel 0 holds 1, 2, 3, 4 over the cells (row
// by row), channel 1 ten times that.
infer::Tensor two_by_two() {
  return infer::Tensor({1, 2, 2, 2}, {1, 10, 2, 20, 3, 30, 4, 40});
}

// The feature with the largest weight: moving it moves the score most.
std::size_t largest_weight() {
  std::size_t k = 0;
  for (std::size_t i = 0; i < stage_weights::kWeights.size(); ++i)
    if (std::fabs(stage_weights::kWeights[i]) > std::fabs(stage_weights::kWeights[k])) k = i;
  return k;
}

TEST(StageModel, PoolsEachChannelOverTheHeadCells) {
  // A 4 x 4 mask over the same field of view: each tensor cell covers 2 x 2
  // mask pixels. The head covers the top-left cell fully and the
  // bottom-right one by a quarter.
  std::vector<std::uint8_t> head(16, 0);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) head[std::size_t(y) * 4 + x] = 1;
  head[3 * 4 + 3] = 1;
  const std::vector<float> f = pooled_features({two_by_two()}, head, 4, 4);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_NEAR(f[0], (4 * 1.0 + 1 * 4.0) / 5, 1e-6);
  EXPECT_NEAR(f[1], (4 * 10.0 + 1 * 40.0) / 5, 1e-5);
}

TEST(StageModel, NoHeadPoolsTheWholeFrameAndBlocksConcatenate) {
  const std::vector<std::uint8_t> none(16, 0);
  const std::vector<float> f = pooled_features({two_by_two(), infer::Tensor({1, 1, 1, 3}, {7, 8, 9})}, none, 4, 4);
  ASSERT_EQ(f.size(), 5u);
  EXPECT_NEAR(f[0], 2.5, 1e-6);
  EXPECT_NEAR(f[1], 25, 1e-5);
  EXPECT_EQ(f[2], 7);
  EXPECT_EQ(f[4], 9);
}

TEST(StageModel, ReadsTheLinearScoreAndRoundsItToAStage) {
  EXPECT_FALSE(norwood_from_features({1, 2, 3}).has_value());  // not the trained length
  std::vector<float> f(stage_weights::kWeights.size(), 0.0f);
  const std::optional<Stage> zero = norwood_from_features(f);
  ASSERT_TRUE(zero.has_value());
  EXPECT_NEAR(zero->score, stage_weights::kIntercept, 1e-5);
  // From a score of 3.9 (set through the largest weight), a step along that
  // weight moves the score by weight x step.
  const std::size_t k = largest_weight();
  f[k] = float((3.9 - stage_weights::kIntercept) / stage_weights::kWeights[k]);
  const std::optional<Stage> s = norwood_from_features(f);
  ASSERT_TRUE(s.has_value());
  EXPECT_NEAR(s->score, 3.9, 1e-3);
  const float step = 0.3f / stage_weights::kWeights[k];
  f[k] += step;
  const std::optional<Stage> t = norwood_from_features(f);
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(t->score - s->score, stage_weights::kWeights[k] * step, 1e-4);
  for (const Stage& st : {*s, *t}) {
    EXPECT_EQ(st.stage, std::clamp(int(std::lround(st.score)), 1, 7));
    EXPECT_GT(st.confidence, 0.0f);
    EXPECT_LT(st.confidence, 1.0f);
  }
}

TEST(StageModel, ConfidenceIsHighestOnAWholeLevelAndFallsAtTheScaleEnds) {
  // Scores set through one feature: the intercept plus its weight times x.
  std::vector<float> f(stage_weights::kWeights.size(), 0.0f);
  const std::size_t k = largest_weight();
  auto at = [&](double score) {
    f[k] = float((score - stage_weights::kIntercept) / stage_weights::kWeights[k]);
    return *norwood_from_features(f);
  };
  const Stage whole = at(4.0), between = at(4.45);
  EXPECT_EQ(whole.stage, 4);
  EXPECT_EQ(between.stage, 4);
  EXPECT_GT(whole.confidence, between.confidence);
  // Far beyond the scale the stage stays 7, and a score that far from it
  // is less sure.
  const Stage beyond = at(9.0);
  EXPECT_EQ(beyond.stage, 7);
  EXPECT_LT(beyond.confidence, whole.confidence);
}

TEST(StageModel, ViewsAverageTheirScoresAndTwoAreSurerThanOne) {
  std::vector<float> f(stage_weights::kWeights.size(), 0.0f);
  const std::size_t k = largest_weight();
  auto at = [&](double score) {
    std::vector<float> v = f;
    v[k] = float((score - stage_weights::kIntercept) / stage_weights::kWeights[k]);
    return v;
  };
  EXPECT_FALSE(norwood_from_views({}).has_value());
  EXPECT_FALSE(norwood_from_views({at(4), {1, 2}}).has_value());
  const Stage one = *norwood_from_views({at(4)}), single = *norwood_from_features(at(4));
  EXPECT_EQ(one.stage, single.stage);
  EXPECT_FLOAT_EQ(one.confidence, single.confidence);
  const Stage two = *norwood_from_views({at(3.6), at(4.4)});
  EXPECT_EQ(two.stage, 4);
  EXPECT_NEAR(two.score, 4.0, 1e-4);
  EXPECT_GT(two.confidence, one.confidence);
}

TEST(StageModel, TapsExistInTheEmbeddedNetworkAndGiveTheTrainedFeatureCount) {
  const Result<Networks>& nets = networks();
  ASSERT_TRUE(nets.ok());
  const std::vector<std::uint32_t> taps(kStageTaps.begin(), kStageTaps.end());
  std::vector<infer::Tensor> tapped;
  ASSERT_TRUE(infer::run(nets->selfie, infer::Tensor({1, 256, 256, 3}), taps, tapped).ok());
  ASSERT_EQ(tapped.size(), taps.size());
  std::size_t channels = 0;
  for (const infer::Tensor& t : tapped) {
    ASSERT_EQ(t.rank(), 4);
    channels += std::size_t(t.dim(3));
  }
  EXPECT_EQ(channels, stage_weights::kWeights.size());
  // The shipped network runs well inside the engine's work budget.
  EXPECT_LT(infer::work_done(), infer::kMaxRunWork / 4);
  // A tap that is not a node's output is refused, not read out of bounds.
  std::vector<infer::Tensor> none;
  EXPECT_FALSE(infer::run(nets->selfie, infer::Tensor({1, 256, 256, 3}), {0}, none).ok());
  EXPECT_FALSE(infer::run(nets->selfie, infer::Tensor({1, 256, 256, 3}), {1u << 30}, none).ok());
}

}  // namespace
}  // namespace smp

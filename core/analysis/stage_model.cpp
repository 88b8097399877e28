#include "core/analysis/stage_model.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/stage_weights.h"

namespace smp {

std::vector<float> pooled_features(const std::vector<infer::Tensor>& tapped, const std::vector<std::uint8_t>& head,
                                   int width, int height) {
  std::vector<float> out;
  for (const infer::Tensor& t : tapped) {
    if (t.rank() != 4) continue;
    const int h = t.dim(1), w = t.dim(2), c = t.dim(3);
    // Head share of each cell: the mask counted per cell it falls in.
    std::vector<double> weight(std::size_t(w) * h, 0.0);
    double total = 0;
    if (width > 0 && height > 0 && head.size() >= std::size_t(width) * height) {
      for (int y = 0; y < height; ++y) {
        const int cy = std::min(h - 1, y * h / height);
        for (int x = 0; x < width; ++x)
          if (head[std::size_t(y) * width + x]) {
            weight[std::size_t(cy) * w + std::min(w - 1, x * w / width)] += 1;
            total += 1;
          }
      }
    }
    if (total == 0) {
      std::fill(weight.begin(), weight.end(), 1.0);
      total = double(weight.size());
    }
    std::vector<double> sum(std::size_t(c), 0.0);
    for (std::size_t cell = 0; cell < weight.size(); ++cell)
      if (weight[cell] > 0)
        for (int k = 0; k < c; ++k) sum[std::size_t(k)] += weight[cell] * t.data[cell * std::size_t(c) + std::size_t(k)];
    for (double s : sum) out.push_back(float(s / total));
  }
  return out;
}

namespace {

std::optional<double> score_of(const std::vector<float>& features) {
  if (features.size() != stage_weights::kWeights.size()) return std::nullopt;
  double score = stage_weights::kIntercept;
  for (std::size_t i = 0; i < features.size(); ++i) score += double(stage_weights::kWeights[i]) * features[i];
  return score;
}

// The stage a score rounds to, and P(|truth - stage| <= 1) with the truth
// spread normally around the score by the residual `sd`.
Stage stage_of(double score, double sd) {
  Stage s;
  s.score = float(score);
  s.stage = int(std::clamp(std::lround(score), 1L, 7L));
  const double root2 = std::sqrt(2.0);
  const auto cdf = [&](double v) { return 0.5 * std::erfc(-(v - score) / (sd * root2)); };
  s.confidence = float(cdf(s.stage + 1.5) - cdf(s.stage - 1.5));
  return s;
}

}  // namespace

std::optional<Stage> norwood_from_features(const std::vector<float>& features) {
  const std::optional<double> score = score_of(features);
  if (!score) return std::nullopt;
  return stage_of(*score, stage_weights::kResidualSd);
}

std::optional<Stage> norwood_from_views(const std::vector<std::vector<float>>& views) {
  if (views.empty()) return std::nullopt;
  double sum = 0;
  for (const std::vector<float>& f : views) {
    const std::optional<double> score = score_of(f);
    if (!score) return std::nullopt;
    sum += *score;
  }
  return stage_of(sum / double(views.size()),
                  views.size() == 1 ? stage_weights::kResidualSd : stage_weights::kResidualSdTwoViews);
}

}  // namespace smp

// stage_model.h - the Norwood stage read by a linear model on the person
// segmentation network's inner features, averaged over the head.
//
// Why these features: the selfie network was trained to find people on
// millions of photos, and its inner layers respond to hair, skin and their
// texture at several scales. Averaged over the head they describe how much
// of it is hair and of what kind, in a way no per-photo colour model does,
// and they cost nothing extra: the analysis runs the network anyway.
//
// The weights (stage_weights.h) come from scripts/train_stage.py: ridge
// regression onto the Norwood level over the photos of
// ../shared/photos/hairloss-train (CC BY 4.0), its penalty chosen and its
// figures measured by cross-validation grouped by person. docs/stage.md has
// the figures and limits.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/infer/tensor.h"
#include "core/analysis/norwood.h"

namespace smp {

// The selfie network's values the model reads (ids as in infer::run's taps):
// two encoder stages (64 x 64 x 16, 32 x 32 x 24), the bottleneck's last
// block and its head (16 x 16 x 32, 16 x 16 x 128), and the decoder at 32,
// 64 and 128 cells (24, 16, 16 channels): 256 features in all.
inline constexpr std::array<std::uint32_t, 7> kStageTaps = {148, 156, 235, 239, 250, 261, 272};

// Each tapped tensor (1 x h x w x c) averaged over the cells the head covers,
// channel by channel, the blocks concatenated in tap order. `head` is a
// width x height mask over the field of view the network saw; with no head
// pixel the whole frame counts.
std::vector<float> pooled_features(const std::vector<infer::Tensor>& tapped, const std::vector<std::uint8_t>& head,
                                   int width, int height);

// The stage (1..7), the continuous score it was rounded from, and the
// probability that the true stage lies within one of it, from the model's
// cross-validated residual spread. Nothing when `features` does not have the
// length the weights were trained on.
std::optional<Stage> norwood_from_features(const std::vector<float>& features);

// The stage from several photos of one head (a front and a top view): the
// mean of their scores, with the residual spread measured for two photos of
// one person (narrower than one photo's; more than two photos are not
// measured and count as two). Nothing when any view's features have the
// wrong length or there are none.
std::optional<Stage> norwood_from_views(const std::vector<std::vector<float>>& views);

}  // namespace smp

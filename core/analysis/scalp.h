// scalp.h - from the segmentation to the scalp: which part of the head is
// scalp (not face), how it splits into hair and bare/thinning skin, and where
// the current hairline runs. All coordinates here are reduced-image pixels.
#pragma once

#include <optional>
#include <vector>

#include <glm/vec2.hpp>

#include "core/analysis/norwood.h"
#include "core/analysis/segmentation.h"

namespace smp {

// Density below which scalp counts as bare or thinning.
constexpr float kThinning = 0.5f;

// The head minus the face below `brow_y` (when a face was found): the part of
// the head where hair grows or used to.
Mask scalp_region(const Segmentation& s, std::optional<float> brow_y);

// Bare/thinning pixels of the scalp region.
Mask bare_scalp(const Segmentation& s, const Mask& region);

HairPattern measure_pattern(const Segmentation& s, const Mask& region);

// The current hairline: scanning each column upward from `start_y` (the brow
// line, or the bottom of the head), the first place where skin gives way to
// lasting hair. Left to right; empty when no column meets hair (fully bald)
// or the head is hair all the way down (no forehead in view).
// `x0`..`x1` limits the columns (the face's width when a face is known: beside
// it the hair runs down to the ears with no forehead below). Lasting hair is
// a twenty-fifth of the head's height; without a face (`face_known` false:
// the scan starts at the bottom of the head, below a bent head's brows and
// lashes) a tenth, and most of the column above it must be hair.
std::vector<glm::vec2> current_hairline(const Segmentation& s, const Mask& region,
                                        float start_y, int x0, int x1, bool face_known = true);

}  // namespace smp

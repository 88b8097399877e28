// shaved.h - the client's hair clipped to stubble: the look every SMP
// client has after treatment, since clients shave before the first session.
//
// The hair on the head (above the mid-face, off the brows and beard, within
// the skull's reach of the face; without a face, only within the design's
// region) is repainted as clipped stubble in the colour and light of the skin
// around it: the linear RGB of the person's skin (face, ears, neck) is spread
// over the hair by a normalised box filter (a smooth fill-in from the nearest
// skin, so the forehead's tone and light carry onto the top; easing into the
// mean of all skin where none is near), times the hair's own large-scale
// shading, so the head keeps its lit and its shadowed side; a share of the
// hair's own colour stays (clipped hairs still cover part of the scalp) and so
// does the hair's fine grain, at reduced contrast. Shaving fades out toward
// the head's outline, where no dots go, and toward the edges of where it may
// reach (the face kept below the brows, the skull's reach), so no seam crosses
// hair that goes on. Dots are then laid over the shaved hair as over the
// treated scalp (with_stubble), giving both the same stubble texture.
//
// Limits, by construction: only the head is repainted, so hair hanging below
// the jaw stays, and the head keeps the hair's outline (what lies behind
// voluminous hair is unknown and is not invented).
#pragma once

#include <cstdint>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/base/image.h"
#include "core/design/design.h"

namespace smp {

struct Shaved {
  Image working;                     // the working image with the hair shaved
  std::vector<std::uint8_t> weight;  // how much of each pixel was repainted, 0..255 (empty: none)
};

// `working` (RGB, the analysed working image) with the head's hair shaved:
// the hair pixels of the head off the face below the brows, above the
// middle of the face and within the skull's reach (skull_reach; without a
// face: within the design's region grown by its margin from the outline),
// faded in from the edges of that reach, without islands far smaller than
// the main mass of hair, each repainted by how unlike the skin around it it
// is (a bare scalp's texture read as hair is left as it is).
Shaved shave_hair(const Image& working, const Analysis& a, const Design& d);

// `d` with its region grown over the shaved hair (Shaved::weight), so the
// stubble's dots cover it too, keeping the design's margin from the head's
// outline (outline_margin).
Design with_stubble(Design d, const Analysis& a, const std::vector<std::uint8_t>& weight);

}  // namespace smp

// person_mask.h - where the person is: MediaPipe's selfie segmentation run
// on the whole photo, and its mask brought to any size along the photo's
// own edges.
//
// The network sees the photo squeezed to 256 x 256 (aspect not kept, as
// MediaPipe feeds it) and answers a person probability per cell; a
// probability plane covering the same field of view therefore maps back by
// plain stretching. It keeps the whole person (hair, face, neck, clothes)
// and leaves walls and other backgrounds out; a second person far behind is
// usually left out too.
#pragma once

#include "core/base/image.h"
#include "core/infer/model.h"
#include "core/base/plane.h"
#include "core/base/status.h"

#include <cstdint>
#include <vector>

namespace smp {

// The person probability (0..1) at the network's 256 x 256, for an RGB
// photo of any size (at least 1 x 1). With `taps`, the network's inner
// values numbered there are copied into `tapped` (see infer::run).
Result<Plane> person_probability(const infer::Model& selfie, const Image& rgb,
                                 const std::vector<std::uint32_t>* taps = nullptr,
                                 std::vector<infer::Tensor>* tapped = nullptr);

// `probability` (any size, same field of view as `guide`) at guide's size,
// its edge moved onto the guide's edges by a guided filter whose window
// spans about two network cells.
Result<Plane> person_mask_at(const Plane& probability, const Image& guide);

}  // namespace smp

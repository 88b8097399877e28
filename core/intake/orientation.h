// orientation.h - turning stored pixels upright per the EXIF Orientation tag.
//
//   1 as stored        2 mirrored left-right   3 rotated 180    4 mirrored top-bottom
//   5 transposed       6 needs 90 deg clockwise 7 transversed   8 needs 90 deg counter-clockwise
// Values 5-8 swap width and height.
#pragma once

#include "core/base/image.h"

namespace smp {

bool swaps_axes(int orientation);

// The upright image for pixels stored with the given orientation (1..8;
// anything else is treated as 1).
Image apply_orientation(const Image& stored, int orientation);

}  // namespace smp

// resize.h - area-averaging downscale to the working size.
//
// Each output pixel is the exact area-weighted mean of the source pixels it
// covers (fractional edges included), which is what keeps fine hair and
// pigment-dot texture from aliasing when a 12-MP phone photo is brought down
// to ~1600 px. The source is read row by row and never copied, so peak memory
// is the decoder's buffer plus the (small) working image.
#pragma once

#include <cstdint>

#include "core/base/image.h"

namespace smp {

// Resamples `src` (w x h, 1 = grey, 2 = grey+alpha, 3 = RGB, 4 = RGBA
// interleaved) to an RGB image of out_w x out_h (each <= the source's).
// Alpha is composited on white first, per source pixel. Equal sizes copy
// exactly.
Image area_resample_to_rgb(const std::uint8_t* src, int w, int h, int channels, int out_w,
                           int out_h);

// The working size for a source of w x h: long side at most max_side, aspect
// kept, each side at least 1. Returns the scale (source px per working px).
double working_size(int w, int h, int max_side, int* out_w, int* out_h);

}  // namespace smp

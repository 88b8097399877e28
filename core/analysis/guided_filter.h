// guided_filter.h - edge-aware upsampling of a low-resolution probability
// mask to the working image, following the photo's own edges.
//
// The Fast Guided Filter (He & Sun 2015, after He, Sun & Tang 2013): within
// each window the output is modelled as a linear function of the guide's
// colour, q = a . I + b, fitted to the mask in the least-squares sense with a
// ridge term eps. Where the guide is flat the fit is the mask's local mean (a
// smooth upsampling); where it has an edge the mask's transition snaps to it.
// The coefficients are fitted on a grid of whole guide pixels per cell,
// 256-383 cells on the long side (the guide itself when that is under 512
// px), and only a and b are brought up to full size, so the cost is
// dominated by one pass over the guide.
#pragma once

#include "core/base/image.h"
#include "core/base/plane.h"
#include "core/base/status.h"

namespace smp {

// `p` resampled to w x h bilinearly with half-pixel centres (source
// coordinate = (dst + 0.5) * src_size / dst_size - 0.5, clamped to the edge
// samples), as TensorFlow's ResizeBilinear with half_pixel_centers = true.
// Empty when `p` is empty or malformed (v.size() != w * h) or a requested
// size is not positive. Cost O(w * h).
Plane resize_bilinear(const Plane& p, int w, int h);

// Upsamples the probability mask `p` (values 0..1, any size, covering the
// same field of view as `guide`: p's edges map to the guide's edges even when
// the aspect ratios differ) to guide.width x guide.height, with its
// transitions moved onto the edges of `guide` (RGB or RGBA; alpha ignored).
//
// radius: the window's half-size in guide pixels (> 0); it should cover the
//   mask's misplacement and blur, e.g. 2-3 low-resolution mask pixels. It is
//   rounded to whole grid cells (at least one).
// eps: the ridge term in units of the guide's intensity squared, with the
//   guide read as 0..1 (> 0). Guide edges whose local contrast is well above
//   sqrt(eps) are followed; weaker ones are smoothed over, e.g. 1e-3.
//
// Returns a Plane of guide size with every value in [0, 1] (for finite mask
// values, which are not checked); a constant mask comes back as the same
// constant. The mask is sampled bilinearly onto the grid, so a mask finer
// than the grid loses detail below a cell.
// Errors (no partial output): "invalid_image" when the guide is empty, has
// fewer than 3 or more than 4 channels or a pixel buffer of the wrong size;
// "invalid_mask" when `p` is empty or v.size() != w * h; "invalid_option"
// when radius <= 0 or eps is not > 0.
//
// Cost: two reads of the guide (reduction, final pass) and one write of the
// output, plus O(grid cells) for the fit, independent of the radius; about
// 8 ms for 1600 x 1200 natively at -O2. Memory beyond the output: ~90 bytes
// per grid cell, and the box filter's ring of radius / s + 1 grid rows.
Result<Plane> guided_upsample(const Image& guide, const Plane& p, int radius, float eps);

}  // namespace smp

// segmentation.h - skin / hair / background at a reduced resolution, with a
// colour model fitted to each photo.
//
// Why adaptive: skin runs from pale to dark and hair from black to white, so
// fixed thresholds fail somewhere. A broad generic skin-chroma rule only
// seeds the model; the skin colour is then re-estimated from the seeds near
// the middle of the frame (where the head is), and hair is whatever is
// clearly darker than that skin, or differently coloured AND textured (grey
// and blond hair on pale skin).
#pragma once

#include <array>
#include <cstdint>

#include "core/base/image.h"
#include "core/base/plane.h"

namespace smp {

struct SkinModel {
  float mean_r = 0.45f, mean_g = 0.31f;          // chromaticity R/(R+G+B), G/(R+G+B)
  float icov_rr = 0, icov_rg = 0, icov_gg = 0;   // inverse covariance (chromaticity)
  float y_median = 160;                          // typical skin luminance
  float texture = 0.004f;                        // typical strand texture on skin
  bool grayscale = false;                        // no usable colour in the photo
  // Squared Mahalanobis distance of a colour from the skin chromaticity.
  float distance2(float r, float g, float b) const;
};

struct Segmentation {
  int w = 0, h = 0;   // reduced size
  int factor = 1;     // working pixels per reduced pixel
  RgbPlanes rgb;      // reduced photo
  Plane lum;          // luminance 0..255
  Plane texture;      // fine-scale relative contrast (hair strands), pooled
  float smooth = 0.005f, strands = 0.014f;  // texture thresholds for this photo
  Plane skin;         // 0..1 how skin-coloured each pixel is
  Plane hair;         // 0..1 hair density (thinning reads as partial)
  Mask head;          // 1 inside the head outline
  Mask background;    // 1 where the colour is the frame's background (walls...)
  SkinModel model;
  float hair_y = 60;  // typical hair luminance
  std::array<std::uint8_t, 3> hair_rgb{40, 30, 25};
  std::array<std::uint8_t, 3> skin_rgb{200, 160, 140};
  float quality = 0;  // 0..1: how clearly skin and hair separate in this photo
};

// What the learned models already know, at the reduced size (w x h of
// shrink(working, reduction_factor(...))): the head outline and the person
// replace the colour-based outline and background, and skin seeds from a
// detected face (cheeks, nose) anchor the skin model to this person's skin.
struct HeadPrior {
  RgbPlanes reduced;  // shrink(working, reduction_factor(...)), as the caller made it
  Mask head;          // 1 inside the head
  Mask person;        // 1 on the person (head, neck, clothes)
  Mask skin_seeds;    // 1 on face skin; empty without a face
};

// Working pixels per reduced pixel for a long side of `long_side`.
int reduction_factor(const Image& working, int long_side);

// `long_side` is the target long side of the reduced image. With a prior,
// the colour models are fitted inside its head and its outline is kept.
Segmentation segment_head(const Image& working, int long_side = 320, const HeadPrior* prior = nullptr);

// `s` turned clockwise by `quarter_turns` x 90 degrees, models unchanged:
// for searches that only work upright (a face).
Segmentation turned(const Segmentation& s, int quarter_turns);

// `s` mirrored left-right.
Segmentation mirrored(const Segmentation& s);

// The broad textbook skin-chroma box (YCbCr), photo-independent.
bool skin_chroma_box(float r, float g, float b);

// Colours common along the frame's border but rare in its middle.
Mask background_colours(const Segmentation& s);

// The head outline without the thin parts hanging on it (door frames, wall
// strips along the frame's edge): an opening at kThinPart of the outline's
// size, keeping the original edge near what survives. For the exported
// outline only (measurements use Segmentation::head, see docs/analysis.md).
Mask trim_thin_parts(const Mask& head, int w, int h);

// Per-pixel hair density for any RGB colour and local contrast, from the
// fitted model: used at the reduced size and again at the working size.
float hair_density(const Segmentation& s, float r, float g, float b, float texture);

}  // namespace smp

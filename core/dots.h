// dots.h - the SMP dot field and the preview renderer.
//
// place_dots() is the slow, seed-determined part (blue-noise positions inside
// the design region); render_preview() composites them onto the photo and is
// fast enough to run on every slider move.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis.h"
#include "hairline.h"
#include "image.h"
#include "photo.h"

namespace smp {

struct RenderOptions {
  double density = 190;        // dots per cm^2
  std::string shade = "auto";  // auto (from the hair) | black | dark | medium | light
  std::uint32_t seed = 1;
  double dot_min_mm = 0.3;
  double dot_max_mm = 0.9;
};

struct Dot {
  float x = 0, y = 0;      // working px
  float radius = 1;        // px
  float elongation = 1;    // major/minor axis ratio
  float angle = 0;         // radians, major axis direction
  float depth = 0.5f;      // 0 shallow (crisp, dark) .. 1 deep (soft, lighter)
};

std::vector<Dot> place_dots(const Analysis& a, const Design& d, const RenderOptions& o);

// Writes the RGBA preview (photo with dots) at the working size into `out`.
void render_preview(const Photo& photo, const Analysis& a, const std::vector<Dot>& dots,
                    const RenderOptions& o, Image* out);

}  // namespace smp

// dots.h - the SMP dot field and the preview renderer.
//
// place_dots() is the slow, seed-determined part (blue-noise positions inside
// the design region, each dot's size, shape and depth); render_preview()
// composites them onto the photo and is fast enough to run on every slider
// move: per dot it only walks a few pixels with polynomial weights and table
// look-ups, no transcendental maths.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "core/analysis/analysis.h"
#include "core/design/design.h"
#include "core/base/image.h"
#include "core/intake/photo.h"

namespace smp {

struct RenderOptions {
  double density = 190;        // dots per cm^2
  std::string shade = "auto";  // auto (from the hair) | black | dark | medium | light
  std::uint32_t seed = 1;
  double dot_min_mm = 0.3;     // dot diameters on the skin
  double dot_max_mm = 0.9;
  // With the full goal the preview shows the hair clipped to stubble
  // (shaved.h), as every client looks after treatment; true shows the dots
  // over the hair as it is.
  bool keep_hair = false;
};

struct Dot {
  float x = 0, y = 0;      // working px
  float radius = 1;        // px (mean of the two semi-axes)
  float elongation = 1;    // major/minor axis ratio
  float angle = 0;         // radians, major axis direction (the local growth direction)
  float depth = 0.5f;      // 0 shallow (crisp, dark) .. 1 deep (soft, lighter, cooler)

  // Derived by finish_dot(): the footprint as a quadratic form in pixel
  // offsets, q = qa dx^2 + qb dx dy + qc dy^2 (1 on the rim); full weight up
  // to q_inner, zero from q_outer; reach bounds the footprint in px.
  float qa = 1, qb = 0, qc = 1, q_inner = 0, q_outer = 1, reach = 1;
  std::uint8_t opacity = 255;  // peak coverage, 0..255
  std::uint8_t tone = 0;       // depth class 0..3 for the pigment colour
};

// Fills the derived fields from x, y, radius, elongation, angle and depth.
void finish_dot(Dot& d);

// The seed's blue-noise tile (points in the unit square). It takes ~20 ms to
// build, so a caller that re-places dots often (Consultation, on every
// density or handle change) keeps it and passes it back in.
std::vector<glm::vec2> dot_tile(std::uint32_t seed);

// Blue-noise dots at o.density inside d.region (accepted with probability
// coverage/255), deterministic for o.seed. Sizes use d.px_per_cm. `tile`
// must be dot_tile(o.seed); the overload without it builds the tile.
std::vector<Dot> place_dots(const Analysis& a, const Design& d, const RenderOptions& o,
                            const std::vector<glm::vec2>& tile);
std::vector<Dot> place_dots(const Analysis& a, const Design& d, const RenderOptions& o);

// The pigment's colour as seen in the skin (linear light) for the shade
// option; "auto" follows the client's hair colour.
std::array<float, 3> pigment_rgb(const Analysis& a, const std::string& shade);

// The dots' combined coverage and depth per pixel. It does not depend on the
// shade, so a shade change only re-runs the per-pixel blend.
struct InkLayer {
  int w = 0, h = 0;
  std::vector<std::uint8_t> cover;  // union of the dots' coverage, 0..255
  std::vector<std::uint8_t> depth;  // coverage-weighted mean depth, 0..255
};
InkLayer ink_layer(const std::vector<Dot>& dots, int w, int h);

// Writes the RGBA preview (photo with dots) at the working size into `out`.
// Dots blend towards the ink colour in linear light, scaled by the pixel's
// own lighting, so the scalp's shading and highlights stay visible. `base` is
// the working image to draw on (the photo's, or its shaved copy).
void render_preview(const Image& base, const Analysis& a, const InkLayer& ink,
                    const RenderOptions& o, Image* out);
void render_preview(const Photo& photo, const Analysis& a, const InkLayer& ink,
                    const RenderOptions& o, Image* out);
// Convenience: builds the ink layer from `dots` first.
void render_preview(const Photo& photo, const Analysis& a, const std::vector<Dot>& dots,
                    const RenderOptions& o, Image* out);

}  // namespace smp

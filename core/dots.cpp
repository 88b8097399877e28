// PLACEHOLDER (issue 5 replaces this): no dots; the preview is the photo.
#include "dots.h"

namespace smp {

std::vector<Dot> place_dots(const Analysis&, const Design&, const RenderOptions&) { return {}; }

void render_preview(const Photo& photo, const Analysis&, const std::vector<Dot>&,
                    const RenderOptions&, Image* out) {
  const Image& src = photo.working;
  *out = Image(src.width, src.height, 4);
  const std::size_t n = static_cast<std::size_t>(src.width) * src.height;
  for (std::size_t i = 0; i < n; ++i) {
    for (int c = 0; c < 3; ++c) out->pixels[i * 4 + c] = src.pixels[i * 3 + c];
    out->pixels[i * 4 + 3] = 255;
  }
}

}  // namespace smp

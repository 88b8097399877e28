#include "core/intake/orientation.h"

#include <cstring>

namespace smp {

bool swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

Image apply_orientation(const Image& stored, int orientation) {
  if (orientation < 2 || orientation > 8) return stored;
  const int w = stored.width, h = stored.height, c = stored.channels;
  const bool swap = swaps_axes(orientation);
  Image up(swap ? h : w, swap ? w : h, c);
  for (int y = 0; y < up.height; ++y)
    for (int x = 0; x < up.width; ++x) {
      // (sx, sy): the stored pixel shown at upright (x, y).
      int sx = x, sy = y;
      switch (orientation) {
        case 2: sx = w - 1 - x; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        case 8: sx = w - 1 - y; sy = x; break;
      }
      std::memcpy(up.at(x, y), stored.at(sx, sy), c);
    }
  return up;
}

}  // namespace smp

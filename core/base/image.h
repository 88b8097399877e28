// image.h - an 8-bit interleaved pixel buffer, row-major, no padding.
#pragma once

#include <cstdint>
#include <vector>

namespace smp {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;  // 3 = RGB (photos), 4 = RGBA (previews for canvas)
  std::vector<std::uint8_t> pixels;

  Image() = default;
  Image(int w, int h, int c)
      : width(w), height(h), channels(c),
        pixels(static_cast<std::size_t>(w) * h * c) {}
  bool empty() const { return width == 0 || height == 0; }
  std::uint8_t* at(int x, int y) {
    return pixels.data() + (static_cast<std::size_t>(y) * width + x) * channels;
  }
  const std::uint8_t* at(int x, int y) const {
    return pixels.data() + (static_cast<std::size_t>(y) * width + x) * channels;
  }
};

}  // namespace smp

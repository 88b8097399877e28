#include "photo.h"

#include <stb/stb_image.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>

namespace smp {
namespace {

Error make_error(const char* code, std::string message) {
  return Error{code, std::move(message)};
}

Status check_size(int w, int h, const DecodeOptions& o) {
  if (w > o.max_side || h > o.max_side ||
      static_cast<std::int64_t>(w) * h > o.max_pixels)
    return make_error("too_large", "The image is " + std::to_string(w) + " x " +
                                       std::to_string(h) +
                                       " pixels, larger than this tool accepts.");
  if (w < o.min_side || h < o.min_side)
    return make_error("too_small", "The image is " + std::to_string(w) + " x " +
                                       std::to_string(h) +
                                       " pixels, too small to see a hairline.");
  return {};
}

// Area-averaging downscale of an RGB image so its long side is <= max_side.
Image downscale(const Image& src, int max_side, double* scale) {
  int long_side = std::max(src.width, src.height);
  if (long_side <= max_side) {
    *scale = 1.0;
    return src;
  }
  double s = static_cast<double>(long_side) / max_side;
  int w = std::max(1, static_cast<int>(std::lround(src.width / s)));
  int h = std::max(1, static_cast<int>(std::lround(src.height / s)));
  double sx = static_cast<double>(src.width) / w, sy = static_cast<double>(src.height) / h;
  Image out(w, h, 3);
  for (int y = 0; y < h; ++y) {
    int y0 = static_cast<int>(y * sy), y1 = std::max(y0 + 1, static_cast<int>((y + 1) * sy));
    y1 = std::min(y1, src.height);
    for (int x = 0; x < w; ++x) {
      int x0 = static_cast<int>(x * sx), x1 = std::max(x0 + 1, static_cast<int>((x + 1) * sx));
      x1 = std::min(x1, src.width);
      unsigned sum[3] = {0, 0, 0};
      for (int yy = y0; yy < y1; ++yy)
        for (int xx = x0; xx < x1; ++xx)
          for (int c = 0; c < 3; ++c) sum[c] += src.at(xx, yy)[c];
      unsigned n = static_cast<unsigned>((y1 - y0) * (x1 - x0));
      for (int c = 0; c < 3; ++c) out.at(x, y)[c] = static_cast<std::uint8_t>((sum[c] + n / 2) / n);
    }
  }
  *scale = s;
  return out;
}

}  // namespace

Result<Photo> decode_photo(const std::uint8_t* data, std::size_t size,
                           const DecodeOptions& options) {
  if (data == nullptr || size == 0)
    return make_error("empty_file", "The file is empty.");
  if (size > options.max_file_bytes)
    return make_error("file_too_large", "The file is larger than 40 MB.");
  if (size > INT_MAX) return make_error("file_too_large", "The file is too large.");
  int w = 0, h = 0, comp = 0;
  int len = static_cast<int>(size);
  if (!stbi_info_from_memory(data, len, &w, &h, &comp))
    return make_error("not_an_image", "This file is not a photo this tool can read.");
  if (Status s = check_size(w, h, options); !s.ok()) return s.error();

  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, len, &w, &h, &comp, 3), stbi_image_free);
  if (!pixels)
    return make_error("truncated", std::string("The photo could not be decoded (") +
                                       stbi_failure_reason() + ").");
  Image full(w, h, 3);
  std::copy(pixels.get(), pixels.get() + full.pixels.size(), full.pixels.begin());
  Photo photo;
  photo.original_width = w;
  photo.original_height = h;
  photo.format = "unknown";
  photo.working = downscale(full, options.max_working_side, &photo.scale);
  return photo;
}

Result<Photo> photo_from_rgba(const std::uint8_t* rgba, int width, int height,
                              const DecodeOptions& options) {
  if (rgba == nullptr || width <= 0 || height <= 0)
    return make_error("empty_file", "The image has no pixels.");
  if (Status s = check_size(width, height, options); !s.ok()) return s.error();
  Image full(width, height, 3);
  const std::size_t n = static_cast<std::size_t>(width) * height;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned a = rgba[i * 4 + 3];
    for (int c = 0; c < 3; ++c)  // composite on white
      full.pixels[i * 3 + c] =
          static_cast<std::uint8_t>((rgba[i * 4 + c] * a + 255u * (255u - a) + 127u) / 255u);
  }
  Photo photo;
  photo.original_width = width;
  photo.original_height = height;
  photo.format = "rgba";
  photo.working = downscale(full, options.max_working_side, &photo.scale);
  return photo;
}

}  // namespace smp

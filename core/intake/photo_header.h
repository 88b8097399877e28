// photo_header.h - what intake learns from a file's structure before any
// pixel is decoded: the format, the stored size, the EXIF orientation, and
// whether the file is whole.
//
// stb_image is lenient: it fills a truncated JPEG scan with grey and never
// checks PNG checksums. So each supported container is walked here first, and
// the walk is also what lets the size limits be applied before stb allocates
// anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/status.h"

namespace smp {

struct PhotoHeader {
  std::string format;    // "jpeg", "png", "bmp", "gif"
  int width = 0;         // as stored, before orientation
  int height = 0;
  int orientation = 1;   // EXIF/XMP orientation, 1..8
  bool orientation_from_xmp = false;  // XMP said it (browsers read only EXIF)
  // Problems found after the size was known (truncated, corrupt): reported
  // after the size limits, so a giant header is "too_large" even if cut short.
  Status integrity;
};

// Identifies and walks the container. Errors (before the size is known):
// not_an_image, unsupported_format (WebP, HEIC, AVIF, TIFF, CMYK JPEG, ...),
// truncated, corrupt.
Result<PhotoHeader> read_photo_header(const std::uint8_t* data, std::size_t size);

// Per-format walkers, called by read_photo_header once the magic matched.
Result<PhotoHeader> read_jpeg_header(const std::uint8_t* data, std::size_t size);
Result<PhotoHeader> read_png_header(const std::uint8_t* data, std::size_t size);
Result<PhotoHeader> read_gif_header(const std::uint8_t* data, std::size_t size);
Result<PhotoHeader> read_bmp_header(const std::uint8_t* data, std::size_t size);

// The shared sentences, so every format words them the same way.
Error truncated_error(const char* what);
Error corrupt_error(const std::string& detail);
Error unsupported_error(const std::string& what);

}  // namespace smp

// photo.h - photo intake: bytes in, an upright RGB working image out.
//
// Contract: decode_photo() never throws and never allocates pixel memory
// before the header has been checked against the limits below. The returned
// Photo holds the working image (long side <= max_working_side) and the scale
// that maps working pixels back to original (upright) pixels:
//   original_x = working_x * scale
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/image.h"
#include "core/base/status.h"

namespace smp {

struct DecodeOptions {
  int max_working_side = 1600;                       // long side of the working image
  std::size_t max_file_bytes = 40u * 1024 * 1024;    // "file_too_large" above this
  std::int64_t max_pixels = 50'000'000;              // "too_large" above this
  int max_side = 16384;                              // "too_large" above this
  int min_side = 64;                                 // "too_small" below this
};

struct Photo {
  Image working;            // RGB, upright, downscaled to the working size
  int original_width = 0;   // upright size of the source
  int original_height = 0;
  double scale = 1.0;       // original pixels per working pixel
  std::string format;       // "jpeg", "png", "bmp", "gif", "rgba"
  int orientation = 1;      // EXIF orientation found in the source (1 = none)
};

// Decodes an encoded file (JPEG baseline/progressive, PNG 1-16 bit, BMP, GIF
// first frame), upright per its EXIF/XMP orientation. Error codes:
//   empty_file, file_too_large, not_an_image, unsupported_format (WebP, HEIC,
//   AVIF, TIFF, CMYK JPEG...: the browser may decode these), truncated,
//   corrupt, too_large, too_small, invalid_option, out_of_memory.
Result<Photo> decode_photo(const std::uint8_t* data, std::size_t size,
                           const DecodeOptions& options = {});

// Every check decode_photo makes before it allocates pixels (size limits,
// container walk, truncation, corrupt tables). A file that passes can still
// fail inside the decoder, but rarely: callers use it to refuse bad input
// before giving up what they hold.
Status check_photo(const std::uint8_t* data, std::size_t size, const DecodeOptions& options = {});

// The file-size limit alone, so a caller can refuse a huge file before
// reading it into memory ("file_too_large").
Status check_file_size(std::size_t size, const DecodeOptions& options = {});

// The pixel-size limits alone ("too_large", "too_small"), for a caller that
// knows the size before it has the pixels (e.g. a browser-decoded bitmap).
Status check_image_size(int width, int height, const DecodeOptions& options = {});

// Wraps pixels the browser already decoded (WebP, AVIF, HEIC, canvases...).
// `rgba` is width*height*4 bytes, upright; alpha is composited on white.
// Same size limits and working-size downscale as decode_photo.
Result<Photo> photo_from_rgba(const std::uint8_t* rgba, int width, int height,
                              const DecodeOptions& options = {});

// What decode_photo would make of a file, learned from its header after
// every check decode_photo makes before it decodes (same errors): the
// upright original size and the working size it would be reduced to. A
// caller with a faster decoder that can reduce while it decodes (a
// browser's createImageBitmap with resizeWidth) decodes straight to the
// working size and hands the result to photo_from_reduced_rgba.
struct PhotoPlan {
  std::string format;  // "jpeg", "png", "bmp", "gif"
  int width = 0, height = 0;                  // upright original size
  int working_width = 0, working_height = 0;  // upright working size
  int orientation = 1;                        // EXIF/XMP orientation found
  bool orientation_from_xmp = false;          // found only in XMP, which browsers ignore
};
Result<PhotoPlan> plan_photo(const std::uint8_t* data, std::size_t size, const DecodeOptions& options = {});

// Wraps pixels already reduced from an upright original_width x
// original_height photo (see plan_photo), so positions map back to the
// original's pixels. The pixels must have the original's working size give
// or take a pixel on each side ("invalid_argument" otherwise); the original
// must pass the size limits.
Result<Photo> photo_from_reduced_rgba(const std::uint8_t* rgba, int width, int height, int original_width,
                                      int original_height, const DecodeOptions& options = {});

// The photo turned clockwise by `quarter_turns` x 90 degrees (any integer,
// negative turns counter-clockwise): for a photo whose orientation was lost
// (messaging apps strip EXIF) or a head photographed from above. Original
// sizes follow the turn, so positions stay in the turned photo's pixels.
// Taken by value: callers move their photo in, so its pixels are not copied.
Photo turn_photo(Photo photo, int quarter_turns);

}  // namespace smp

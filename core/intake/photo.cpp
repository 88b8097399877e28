// photo.cpp - intake: bytes -> header walk -> limits -> stb decode -> area
// downscale -> upright. The order is the point: nothing the size of the
// image is allocated until the header has passed the limits, and the full
// decoded image is never copied (the downscale reads stb's buffer directly,
// and the rotation happens on the small working image).
#include "core/intake/photo.h"

#include <stb/stb_image.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>

#include "core/intake/orientation.h"
#include "core/intake/photo_header.h"
#include "core/base/resize.h"

namespace smp {
namespace {

std::string megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

Status check_options(const DecodeOptions& o) {
  if (o.max_working_side < 1 || o.min_side < 1 || o.max_side < o.min_side || o.max_pixels < 1)
    return Error{"invalid_option", "The photo size limits are not valid."};
  return {};
}

Error decoder_error() {
  const char* why = stbi_failure_reason();
  if (why && std::strcmp(why, "outofmem") == 0)
    return Error{"out_of_memory", "There is not enough memory to decode this photo."};
  return corrupt_error(std::string("the decoder stopped: ") + (why ? why : "unknown reason"));
}

// Working image from decoded pixels, then upright.
Photo finish(const std::uint8_t* pixels, int w, int h, int channels, int orientation,
             const DecodeOptions& o) {
  Photo photo;
  int ww = 0, wh = 0;
  photo.scale = working_size(w, h, o.max_working_side, &ww, &wh);
  Image stored = area_resample_to_rgb(pixels, w, h, channels, ww, wh);
  // Upright already (orientation 1 or unknown): no second copy.
  photo.working = orientation >= 2 && orientation <= 8 ? apply_orientation(stored, orientation) : std::move(stored);
  photo.original_width = swaps_axes(orientation) ? h : w;
  photo.original_height = swaps_axes(orientation) ? w : h;
  photo.orientation = orientation;
  return photo;
}

}  // namespace

Status check_file_size(std::size_t size, const DecodeOptions& o) {
  if (size > o.max_file_bytes || size > static_cast<std::size_t>(INT_MAX))
    return Error{"file_too_large", "The file is " + megabytes(size) + "; photos over " +
                                       megabytes(o.max_file_bytes) + " are not accepted."};
  return {};
}

Status check_image_size(int w, int h, const DecodeOptions& o) {
  std::string size = std::to_string(w) + " x " + std::to_string(h) + " pixels";
  if (w > o.max_side || h > o.max_side || static_cast<std::int64_t>(w) * h > o.max_pixels)
    return Error{"too_large", "The image is " + size + ", larger than this tool accepts (at most " +
                                  std::to_string(o.max_pixels / 1'000'000) + " megapixels and " +
                                  std::to_string(o.max_side) + " pixels on a side)."};
  if (w < o.min_side || h < o.min_side)
    return Error{"too_small", "The image is " + size + ", too small to see a hairline (at least " +
                                  std::to_string(o.min_side) + " pixels on each side)."};
  return {};
}

namespace {

// Everything that can be checked without allocating pixels.
Result<PhotoHeader> checked_header(const std::uint8_t* data, std::size_t size,
                                   const DecodeOptions& options) {
  if (Status s = check_options(options); !s.ok()) return s.error();
  if (data == nullptr || size == 0) return Error{"empty_file", "The file is empty."};
  if (Status s = check_file_size(size, options); !s.ok()) return s.error();
  Result<PhotoHeader> header = read_photo_header(data, size);
  if (!header.ok()) return header.error();
  if (Status s = check_image_size(header->width, header->height, options); !s.ok())
    return s.error();
  if (!header->integrity.ok()) return header->integrity.error();
  return header;
}

}  // namespace

Status check_photo(const std::uint8_t* data, std::size_t size, const DecodeOptions& options) {
  return checked_header(data, size, options).status();
}

Result<Photo> decode_photo(const std::uint8_t* data, std::size_t size,
                           const DecodeOptions& options) {
  Result<PhotoHeader> header = checked_header(data, size, options);
  if (!header.ok()) return header.error();
  const PhotoHeader& hd = header.value();

  int w = 0, h = 0, channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, static_cast<int>(size), &w, &h, &channels, 0), stbi_image_free);
  if (!pixels) return decoder_error();
  if (w != hd.width || h != hd.height || channels < 1 || channels > 4)
    return corrupt_error("its decoded size differs from its header");
  Photo photo = finish(pixels.get(), w, h, channels, hd.orientation, options);
  photo.format = hd.format;
  return photo;
}

Result<PhotoPlan> plan_photo(const std::uint8_t* data, std::size_t size, const DecodeOptions& options) {
  Result<PhotoHeader> header = checked_header(data, size, options);
  if (!header.ok()) return header.error();
  const PhotoHeader& hd = header.value();
  PhotoPlan plan;
  plan.format = hd.format;
  plan.orientation = hd.orientation;
  plan.orientation_from_xmp = hd.orientation_from_xmp;
  const bool swap = swaps_axes(hd.orientation);
  plan.width = swap ? hd.height : hd.width;
  plan.height = swap ? hd.width : hd.height;
  working_size(plan.width, plan.height, options.max_working_side, &plan.working_width, &plan.working_height);
  return plan;
}

Result<Photo> photo_from_reduced_rgba(const std::uint8_t* rgba, int width, int height, int original_width,
                                      int original_height, const DecodeOptions& options) {
  if (Status s = check_options(options); !s.ok()) return s.error();
  if (rgba == nullptr || width <= 0 || height <= 0) return Error{"empty_file", "The image has no pixels."};
  if (Status s = check_image_size(original_width, original_height, options); !s.ok()) return s.error();
  int ww = 0, wh = 0;
  const double scale = working_size(original_width, original_height, options.max_working_side, &ww, &wh);
  if (std::abs(width - ww) > 1 || std::abs(height - wh) > 1)
    return Error{"invalid_argument", "The reduced pixels (" + std::to_string(width) + " x " + std::to_string(height) +
                                         ") are not the working size of a " + std::to_string(original_width) + " x " +
                                         std::to_string(original_height) + " photo."};
  Photo photo = finish(rgba, width, height, 4, 1, options);
  photo.original_width = original_width;
  photo.original_height = original_height;
  photo.scale = scale;
  photo.format = "rgba";
  return photo;
}

Photo turn_photo(Photo photo, int quarter_turns) {
  // EXIF orientations 6, 3 and 8 are exactly these turns.
  static constexpr int kOrientation[4] = {1, 6, 3, 8};
  const int q = ((quarter_turns % 4) + 4) % 4;
  if (q == 0) return photo;
  photo.working = apply_orientation(photo.working, kOrientation[q]);
  if (q % 2) std::swap(photo.original_width, photo.original_height);
  return photo;
}

Result<Photo> photo_from_rgba(const std::uint8_t* rgba, int width, int height,
                              const DecodeOptions& options) {
  if (Status s = check_options(options); !s.ok()) return s.error();
  if (rgba == nullptr || width <= 0 || height <= 0)
    return Error{"empty_file", "The image has no pixels."};
  if (Status s = check_image_size(width, height, options); !s.ok()) return s.error();
  Photo photo = finish(rgba, width, height, 4, 1, options);
  photo.format = "rgba";
  return photo;
}

}  // namespace smp

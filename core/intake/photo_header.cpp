#include "core/intake/photo_header.h"

#include <string_view>

#include "core/base/byte_reader.h"

namespace smp {
namespace {

// Formats a phone or browser may hand us that stb_image cannot decode. The
// browser path (createImageBitmap) gets a chance at these before the error
// is shown, which is why they are "unsupported", not "not an image".
const char* foreign_format(const ByteSpan& b) {
  if (b.starts_with(0, "RIFF", 4) && b.starts_with(8, "WEBP", 4)) return "WebP";
  if (b.starts_with(4, "ftyp", 4)) {
    for (const char* brand : {"avif", "avis"})
      if (b.starts_with(8, brand, 4)) return "AVIF";
    for (const char* brand : {"heic", "heix", "hevc", "heim", "heis", "hevm", "hevs", "mif1", "msf1"})
      if (b.starts_with(8, brand, 4)) return "HEIC/HEIF";
    if (b.starts_with(8, "jp2 ", 4)) return "JPEG 2000";
  }
  if (b.starts_with(0, "II*\0", 4) || b.starts_with(0, "MM\0*", 4)) return "TIFF (or camera RAW)";
  if (b.starts_with(0, "\xFF\x0A", 2) || b.starts_with(4, "JXL ", 4)) return "JPEG XL";
  if (b.starts_with(4, "jP  ", 4)) return "JPEG 2000";
  if (b.starts_with(0, "8BPS", 4)) return "Photoshop (PSD)";
  return nullptr;
}

// True when the whole file is a proper prefix of a signature we decode: a
// download cut within its first bytes is "truncated", not "not an image".
bool cut_signature(const ByteSpan& b) {
  for (std::string_view sig : {std::string_view("\x89PNG\r\n\x1A\n", 8), std::string_view("GIF87a"),
                               std::string_view("GIF89a")})
    if (b.size >= 2 && b.size < sig.size() && b.starts_with(0, sig.data(), b.size)) return true;
  return false;
}

}  // namespace

Error truncated_error(const char* what) {
  return Error{"truncated", std::string("The photo file is incomplete: it ends before its ") + what +
                                " does. It may not have finished downloading or copying."};
}

Error corrupt_error(const std::string& detail) {
  return Error{"corrupt", "The photo file is damaged (" + detail + ")."};
}

Error unsupported_error(const std::string& what) {
  return Error{"unsupported_format", "This photo is " + what +
                                         ", which this tool cannot decode. Save it as JPEG or PNG and try again."};
}

Result<PhotoHeader> read_photo_header(const std::uint8_t* data, std::size_t size) {
  ByteSpan b{data, size};
  if (b.starts_with(0, "\xFF\xD8", 2)) return read_jpeg_header(data, size);
  if (b.starts_with(0, "\x89PNG\r\n\x1A\n", 8)) return read_png_header(data, size);
  if (b.starts_with(0, "GIF87a", 6) || b.starts_with(0, "GIF89a", 6)) return read_gif_header(data, size);
  if (b.starts_with(0, "BM", 2)) return read_bmp_header(data, size);
  if (cut_signature(b)) return truncated_error("header");
  if (const char* name = foreign_format(b)) return unsupported_error(std::string("in ") + name + " format");
  return Error{"not_an_image",
               "This file is not a photo this tool can read (it is not a JPEG, PNG, BMP or GIF image)."};
}

}  // namespace smp

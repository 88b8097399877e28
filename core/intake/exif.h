// exif.h - the one piece of camera metadata intake needs: which way is up.
//
// Phones store pixels as the sensor saw them and record the rotation in the
// EXIF Orientation tag (TIFF tag 0x0112), values 1..8. Some editors write it
// only as XMP (tiff:Orientation). Both parsers are defensive: anything
// malformed reads as "no orientation" (0), never as an error, because a
// broken metadata block must not stop an otherwise good photo from loading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace smp {

// Orientation from a TIFF-structured EXIF block ("II*\0" or "MM\0*" first),
// i.e. a JPEG APP1 payload after "Exif\0\0" or a PNG eXIf chunk. 0 if absent
// or invalid.
int exif_orientation(const std::uint8_t* tiff, std::size_t size);

// Orientation from an XMP packet (tiff:Orientation="3" or
// <tiff:Orientation>3</tiff:Orientation>). 0 if absent or invalid.
int xmp_orientation(std::string_view xmp);

}  // namespace smp

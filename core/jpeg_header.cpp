// jpeg_header.cpp - walks a JPEG's marker segments from SOI to EOI.
//
// Why walk the whole file: stb_image decodes a JPEG cut mid-scan without
// complaint (the missing blocks come out grey), so "truncated" can only be
// told from the structure: every segment must fit and an EOI must follow the
// last scan. Segment lengths are followed, so an EOI inside an embedded EXIF
// thumbnail is never mistaken for the end of the photo.
#include "byte_reader.h"
#include "exif.h"
#include "photo_header.h"

namespace smp {
namespace {

constexpr std::uint32_t kSOI = 0xD8, kEOI = 0xD9, kSOS = 0xDA, kAPP1 = 0xE1;

bool is_standalone(std::uint32_t m) { return m == 0x01 || (m >= 0xD0 && m <= 0xD7); }
bool is_sof(std::uint32_t m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

// Skips entropy-coded data after a scan header; returns the offset of the
// next real marker (0xFF then neither 0x00 stuffing nor RSTn), or size.
std::size_t skip_scan(const ByteSpan& b, std::size_t pos) {
  for (; pos + 1 < b.size; ++pos) {
    if (b.data[pos] != 0xFF) continue;
    std::uint8_t next = b.data[pos + 1];
    if (next == 0x00 || next == 0xFF || (next >= 0xD0 && next <= 0xD7)) continue;
    return pos;
  }
  return b.size;
}

// Reads SOFn: precision, height, width, components. Rejects what stb cannot
// decode as unsupported (the browser may still manage it).
Status read_sof(const ByteSpan& seg, std::uint32_t marker, PhotoHeader& h) {
  if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
    const char* kind = (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF)
                           ? "a lossless JPEG"
                           : (marker >= 0xC9 ? "an arithmetic-coded JPEG" : "a hierarchical JPEG");
    return unsupported_error(kind);
  }
  if (!seg.has(0, 6)) return corrupt_error("its JPEG frame header is too short");
  if (seg.u8(0) != 8) return unsupported_error("a " + std::to_string(seg.u8(0)) + "-bit JPEG");
  h.height = static_cast<int>(seg.be16(1));
  h.width = static_cast<int>(seg.be16(3));
  std::uint32_t components = seg.u8(5);
  if (components == 4) return unsupported_error("a CMYK JPEG");
  if (components != 1 && components != 3)
    return corrupt_error("its JPEG frame header lists " + std::to_string(components) + " colour components");
  if (h.height == 0) return unsupported_error("a JPEG whose height is given after the image data");
  return {};
}

void read_app1(const ByteSpan& seg, PhotoHeader& h, bool& exif_seen) {
  if (!exif_seen && seg.starts_with(0, "Exif\0\0", 6)) {
    exif_seen = true;
    if (int o = exif_orientation(seg.data + 6, seg.size - 6)) h.orientation = o;
  } else if (!exif_seen && seg.starts_with(0, "http://ns.adobe.com/xap/1.0/\0", 29)) {
    // XMP counts only when no EXIF block said otherwise.
    std::string_view xmp(reinterpret_cast<const char*>(seg.data) + 29, seg.size - 29);
    if (int o = xmp_orientation(xmp)) h.orientation = o;
  }
}

}  // namespace

Result<PhotoHeader> read_jpeg_header(const std::uint8_t* data, std::size_t size) {
  ByteSpan b{data, size};
  PhotoHeader h;
  h.format = "jpeg";
  bool have_sof = false, exif_seen = false;
  std::size_t pos = 2;  // after SOI
  while (true) {
    // Fill bytes (extra 0xFF) may precede any marker.
    while (b.has(pos, 1) && b.data[pos] == 0xFF && b.has(pos + 1, 1) && b.data[pos + 1] == 0xFF) ++pos;
    if (!b.has(pos, 2)) break;
    if (b.data[pos] != 0xFF) {
      Error e = corrupt_error("unexpected bytes between JPEG segments");
      if (!have_sof) return e;
      h.integrity = e;
      return h;
    }
    std::uint32_t marker = b.data[pos + 1];
    pos += 2;
    if (marker == kEOI) {
      if (!have_sof) return corrupt_error("the JPEG ends before any image");
      return h;
    }
    if (marker == kSOI) {
      Error e = corrupt_error("a second JPEG start marker");
      if (!have_sof) return e;
      h.integrity = e;
      return h;
    }
    if (is_standalone(marker)) continue;
    if (!b.has(pos, 2)) break;
    std::size_t len = b.be16(pos);
    if (len < 2) {
      Error e = corrupt_error("a JPEG segment with an impossible length");
      if (!have_sof) return e;
      h.integrity = e;
      return h;
    }
    if (!b.has(pos, len)) break;
    ByteSpan seg = b.sub(pos + 2, len - 2);
    if (is_sof(marker)) {
      if (have_sof) {
        h.integrity = corrupt_error("two JPEG frame headers");
        return h;
      }
      if (Status s = read_sof(seg, marker, h); !s.ok()) return s.error();
      have_sof = true;
    } else if (marker == kAPP1) {
      read_app1(seg, h, exif_seen);
    } else if (marker == kSOS && !have_sof) {
      return corrupt_error("JPEG image data before its frame header");
    }
    pos += len;
    if (marker == kSOS) pos = skip_scan(b, pos);
  }
  // Ran out of bytes before EOI.
  if (!have_sof) return truncated_error("JPEG header");
  h.integrity = truncated_error("JPEG image data");
  return h;
}

}  // namespace smp

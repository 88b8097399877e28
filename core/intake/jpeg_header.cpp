// jpeg_header.cpp - walks a JPEG's marker segments from SOI to EOI.
//
// Why walk the whole file: stb_image decodes a JPEG cut mid-scan without
// complaint (the missing blocks come out grey), so "truncated" can only be
// told from the structure: every segment must fit and an EOI must follow the
// last scan. Segment lengths are followed, so an EOI inside an embedded EXIF
// thumbnail is never mistaken for the end of the photo.
//
// The walk also checks the coding tables, because stb_image 2.27 trusts
// them: a Huffman table of more than 256 codes overflows its arrays, and a
// scan that uses a table never defined reads uninitialised memory (both
// found by tests/fuzz/photo_fuzz.cpp).
#include "core/base/byte_reader.h"
#include "core/intake/exif.h"
#include "core/intake/photo_header.h"

namespace smp {
namespace {

constexpr std::uint32_t kSOI = 0xD8, kEOI = 0xD9, kSOS = 0xDA, kAPP1 = 0xE1, kDHT = 0xC4,
                        kDQT = 0xDB;

// Which tables have been defined so far, and what the frame header said.
struct Tables {
  bool huffman[2][4] = {};  // [class: 0 = DC, 1 = AC][id]
  bool quant[4] = {};
  bool progressive = false;
  int components = 0;
  std::uint8_t id[4] = {};  // component ids from SOF
  std::uint8_t tq[4] = {};  // their quantisation tables
};

// DHT: one or more tables of (class/id, 16 code counts, symbols). The counts
// must fit a canonical Huffman code: at most 256 codes, and at each length
// no more codes than the code space left.
Status read_dht(const ByteSpan& seg, Tables& t) {
  std::size_t pos = 0;
  while (pos < seg.size) {
    if (!seg.has(pos, 17)) return corrupt_error("a JPEG Huffman table is cut short");
    std::uint32_t cls = seg.u8(pos) >> 4, id = seg.u8(pos) & 15;
    if (cls > 1 || id > 3) return corrupt_error("a JPEG Huffman table has an invalid number");
    std::uint32_t total = 0, code = 0;
    for (std::size_t len = 1; len <= 16; ++len) {
      std::uint32_t n = seg.u8(pos + len);
      total += n;
      code += n;
      if (code > (1u << len)) return corrupt_error("a JPEG Huffman table has impossible code lengths");
      code <<= 1;
    }
    if (total > 256) return corrupt_error("a JPEG Huffman table has more than 256 codes");
    if (!seg.has(pos + 17, total)) return corrupt_error("a JPEG Huffman table is cut short");
    t.huffman[cls][id] = true;
    pos += 17 + total;
  }
  return {};
}

Status read_dqt(const ByteSpan& seg, Tables& t) {
  std::size_t pos = 0;
  while (pos < seg.size) {
    std::uint32_t precision = seg.u8(pos) >> 4, id = seg.u8(pos) & 15;
    if (precision > 1 || id > 3) return corrupt_error("a JPEG quantisation table has an invalid number");
    std::size_t n = 1 + 64 * (precision + 1);
    if (!seg.has(pos, n)) return corrupt_error("a JPEG quantisation table is cut short");
    t.quant[id] = true;
    pos += n;
  }
  return {};
}

// SOS: each component must be in the frame, and every table the scan will
// decode with must exist already.
Status read_sos(const ByteSpan& seg, const Tables& t) {
  std::uint32_t n = seg.u8(0);
  if (n < 1 || n > 4 || !seg.has(0, 1 + 2 * n + 3)) return corrupt_error("a JPEG scan header is malformed");
  std::uint32_t ss = seg.u8(1 + 2 * n), ah = seg.u8(3 + 2 * n) >> 4;
  bool needs_dc = !t.progressive || (ss == 0 && ah == 0);
  bool needs_ac = !t.progressive || ss > 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t cid = seg.u8(1 + 2 * i), sel = seg.u8(2 + 2 * i);
    int c = 0;
    while (c < t.components && t.id[c] != cid) ++c;
    if (c == t.components) return corrupt_error("a JPEG scan names a colour component the image does not have");
    if (!t.quant[t.tq[c]]) return corrupt_error("a JPEG quantisation table is used before it is defined");
    std::uint32_t dc = sel >> 4, ac = sel & 15;
    if ((needs_dc && (dc > 3 || !t.huffman[0][dc])) || (needs_ac && (ac > 3 || !t.huffman[1][ac])))
      return corrupt_error("a JPEG Huffman table is used before it is defined");
  }
  return {};
}

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
Status read_sof(const ByteSpan& seg, std::uint32_t marker, PhotoHeader& h, Tables& t) {
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
  if (!seg.has(6, 3 * components)) return corrupt_error("its JPEG frame header is too short");
  t.progressive = marker == 0xC2;
  t.components = static_cast<int>(components);
  for (std::uint32_t i = 0; i < components; ++i) {
    t.id[i] = static_cast<std::uint8_t>(seg.u8(6 + 3 * i));
    std::uint32_t sampling = seg.u8(7 + 3 * i), tq = seg.u8(8 + 3 * i);
    if ((sampling >> 4) < 1 || (sampling >> 4) > 4 || (sampling & 15) < 1 || (sampling & 15) > 4 || tq > 3)
      return corrupt_error("its JPEG frame header has invalid component values");
    t.tq[i] = static_cast<std::uint8_t>(tq);
  }
  return {};
}

void read_app1(const ByteSpan& seg, PhotoHeader& h, bool& exif_seen) {
  if (!exif_seen && seg.starts_with(0, "Exif\0\0", 6)) {
    exif_seen = true;
    if (int o = exif_orientation(seg.data + 6, seg.size - 6)) h.orientation = o, h.orientation_from_xmp = false;
  } else if (!exif_seen && seg.starts_with(0, "http://ns.adobe.com/xap/1.0/\0", 29)) {
    // XMP counts only when no EXIF block said otherwise.
    std::string_view xmp(reinterpret_cast<const char*>(seg.data) + 29, seg.size - 29);
    if (int o = xmp_orientation(xmp)) h.orientation = o, h.orientation_from_xmp = true;
  }
}

}  // namespace

Result<PhotoHeader> read_jpeg_header(const std::uint8_t* data, std::size_t size) {
  ByteSpan b{data, size};
  PhotoHeader h;
  h.format = "jpeg";
  bool have_sof = false, exif_seen = false;
  Tables tables;
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
      if (Status s = read_sof(seg, marker, h, tables); !s.ok()) return s.error();
      have_sof = true;
    } else if (marker == kAPP1) {
      read_app1(seg, h, exif_seen);
    } else if (marker == kDHT || marker == kDQT) {
      Status s = marker == kDHT ? read_dht(seg, tables) : read_dqt(seg, tables);
      if (!s.ok()) {
        if (!have_sof) return s.error();
        h.integrity = s;
        return h;
      }
    } else if (marker == kSOS) {
      if (!have_sof) return corrupt_error("JPEG image data before its frame header");
      if (Status s = read_sos(seg, tables); !s.ok()) {
        h.integrity = s;
        return h;
      }
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

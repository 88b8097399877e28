// png_header.cpp - walks a PNG's chunks from IHDR to IEND, checking CRCs.
//
// stb_image skips PNG checksums and would decode a damaged file into
// plausible-looking garbage. Following libpng's policy, a bad CRC on a
// critical chunk (IHDR, PLTE, IDAT, IEND) is "corrupt"; on an ancillary chunk
// the chunk is ignored. The walk also finds the orientation: an eXIf chunk,
// or an XMP packet in iTXt (some editors write only tiff:Orientation there).
#include <array>
#include <string_view>

#include "core/base/byte_reader.h"
#include "core/intake/exif.h"
#include "core/intake/photo_header.h"

namespace smp {
namespace {

std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}

std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
  static const std::array<std::uint32_t, 256> table = make_crc_table();
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool valid_depth(std::uint32_t color_type, std::uint32_t depth) {
  switch (color_type) {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2: case 4: case 6: return depth == 8 || depth == 16;
    default: return false;
  }
}

Status read_ihdr(const ByteSpan& d, PhotoHeader& h) {
  if (d.size != 13) return corrupt_error("its PNG header has the wrong length");
  std::uint32_t w = d.be32(0), hh = d.be32(4);
  if (w == 0 || hh == 0 || w > 0x7FFFFFFFu || hh > 0x7FFFFFFFu)
    return corrupt_error("its PNG header gives an impossible size");
  if (!valid_depth(d.u8(9), d.u8(8)))
    return corrupt_error("its PNG header gives an invalid colour type or bit depth");
  if (d.u8(10) != 0 || d.u8(11) != 0 || d.u8(12) > 1)
    return corrupt_error("its PNG header names an unknown compression, filter or interlace method");
  // Sizes beyond int are clamped: they fail the size limits anyway.
  h.width = w > 0x7FFFFFFFu ? 0x7FFFFFFF : static_cast<int>(w);
  h.height = static_cast<int>(hh);
  return {};
}

// iTXt: keyword\0 compression-flag compression-method language\0 translated\0 text
int itxt_orientation(const ByteSpan& d) {
  constexpr std::string_view kXmpKey("XML:com.adobe.xmp\0", 18);
  if (!d.starts_with(0, kXmpKey.data(), kXmpKey.size()) || d.u8(18) != 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(d.data) + 20, d.size >= 20 ? d.size - 20 : 0);
  std::size_t lang_end = rest.find('\0');
  if (lang_end == std::string_view::npos) return 0;
  std::size_t trans_end = rest.find('\0', lang_end + 1);
  if (trans_end == std::string_view::npos) return 0;
  return xmp_orientation(rest.substr(trans_end + 1));
}

}  // namespace

Result<PhotoHeader> read_png_header(const std::uint8_t* data, std::size_t size) {
  ByteSpan b{data, size};
  PhotoHeader h;
  h.format = "png";
  int exif = 0, xmp = 0;
  bool have_ihdr = false, have_idat = false;
  std::size_t pos = 8;
  while (b.has(pos, 12)) {
    std::size_t len = b.be32(pos);
    if (len > 0x7FFFFFFFu) {
      Error e = corrupt_error("a PNG chunk with an impossible length");
      if (!have_ihdr) return e;
      h.integrity = e;
      return h;
    }
    if (!b.has(pos + 8, len + 4)) break;
    ByteSpan type = b.sub(pos + 4, 4);
    ByteSpan body = b.sub(pos + 8, len);
    bool critical = (type.data[0] & 0x20) == 0;
    bool crc_ok = crc32(type.data, len + 4) == b.be32(pos + 8 + len);
    std::string name(reinterpret_cast<const char*>(type.data), 4);
    if (!crc_ok && critical) {
      Error e = corrupt_error("checksum error in its PNG " + name + " chunk");
      if (!have_ihdr) return e;
      h.integrity = e;
      return h;
    }
    pos += 12 + len;
    if (!have_ihdr) {
      if (name != "IHDR") return corrupt_error("the PNG does not start with its header chunk");
      if (Status s = read_ihdr(body, h); !s.ok()) return s.error();
      have_ihdr = true;
      continue;
    }
    if (!crc_ok) continue;  // damaged ancillary chunk: ignored, as libpng does
    if (name == "IDAT") have_idat = true;
    else if (name == "eXIf" && !exif) exif = exif_orientation(body.data, body.size);
    else if (name == "iTXt" && !xmp) xmp = itxt_orientation(body);
    else if (name == "IEND") {
      if (!have_idat) h.integrity = corrupt_error("the PNG has no image data");
      h.orientation = exif ? exif : (xmp ? xmp : 1);
      h.orientation_from_xmp = !exif && xmp;
      return h;
    }
  }
  if (!have_ihdr) return truncated_error("PNG header");
  h.integrity = truncated_error(have_idat ? "PNG image data" : "PNG header");
  h.orientation = exif ? exif : (xmp ? xmp : 1);
  h.orientation_from_xmp = !exif && xmp;
  return h;
}

}  // namespace smp

// gif_bmp_header.cpp - the two simple containers: GIF (first frame only, as
// intake shows a still) and uncompressed BMP. Each check here guards a case
// where stb_image would otherwise read zeros past the end of the file.
#include <algorithm>
#include <string>

#include "core/base/byte_reader.h"
#include "core/intake/photo_header.h"

namespace smp {
namespace {

// Skips GIF data sub-blocks (length byte, bytes..., 0). Returns the offset
// after the terminator, or 0 when the data ends first.
std::size_t skip_sub_blocks(const ByteSpan& b, std::size_t pos) {
  while (b.has(pos, 1)) {
    std::size_t n = b.u8(pos);
    pos += 1;
    if (n == 0) return pos;
    if (!b.has(pos, n)) return 0;
    pos += n;
  }
  return 0;
}

std::size_t colour_table_bytes(std::uint32_t flags) {
  return (flags & 0x80) ? 3u * (2u << (flags & 0x07)) : 0;
}

}  // namespace

Result<PhotoHeader> read_gif_header(const std::uint8_t* data, std::size_t size) {
  ByteSpan b{data, size};
  if (!b.has(0, 13)) return truncated_error("GIF header");
  PhotoHeader h;
  h.format = "gif";
  h.width = static_cast<int>(b.le16(6));  // the logical screen: stb's output size
  h.height = static_cast<int>(b.le16(8));
  std::size_t pos = 13 + colour_table_bytes(b.u8(10));
  while (b.has(pos, 1)) {
    std::uint32_t block = b.u8(pos);
    if (block == 0x21) {  // extension: label, then sub-blocks
      std::size_t next = b.has(pos, 2) ? skip_sub_blocks(b, pos + 2) : 0;
      if (next == 0) break;
      pos = next;
    } else if (block == 0x2C) {  // image descriptor: the first frame
      if (!b.has(pos, 11)) break;
      std::size_t lzw = pos + 10 + colour_table_bytes(b.u8(pos + 9));
      if (!b.has(lzw, 1)) break;
      if (skip_sub_blocks(b, lzw + 1) == 0) break;
      return h;  // the first frame is complete; later frames are not needed
    } else if (block == 0x3B) {
      h.integrity = corrupt_error("the GIF holds no image");
      return h;
    } else {
      h.integrity = corrupt_error("an unknown GIF block");
      return h;
    }
  }
  h.integrity = truncated_error("GIF image data");
  return h;
}

Result<PhotoHeader> read_bmp_header(const std::uint8_t* data, std::size_t size) {
  ByteSpan b{data, size};
  if (!b.has(0, 26)) return truncated_error("BMP header");
  PhotoHeader h;
  h.format = "bmp";
  std::size_t offset = b.le32(10);
  std::uint32_t dib = b.le32(14);
  std::uint32_t bpp = 0, compression = 0;
  std::int64_t w = 0, hh = 0;
  if (dib == 12) {  // OS/2 BITMAPCOREHEADER
    w = b.le16(18);
    hh = b.le16(20);
    bpp = b.le16(24);
  } else if (dib == 40 || dib == 52 || dib == 56 || dib == 108 || dib == 124) {
    if (!b.has(0, 34)) return truncated_error("BMP header");
    w = static_cast<std::int32_t>(b.le32(18));
    hh = static_cast<std::int32_t>(b.le32(22));
    bpp = b.le16(28);
    compression = b.le32(30);
  } else {
    return unsupported_error("a BMP with an unknown header version");
  }
  if (hh < 0) hh = -hh;  // negative height: rows stored top-down
  if (w <= 0 || hh <= 0) return corrupt_error("its BMP header gives an impossible size");
  if (compression == 1 || compression == 2) return unsupported_error("a run-length-compressed BMP");
  if (compression != 0 && compression != 3 && compression != 6)
    return unsupported_error("a BMP holding compressed image data");
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    return corrupt_error("its BMP header gives " + std::to_string(bpp) + " bits per pixel");
  h.width = static_cast<int>(std::min<std::int64_t>(w, 0x7FFFFFFF));
  h.height = static_cast<int>(std::min<std::int64_t>(hh, 0x7FFFFFFF));
  // Uncompressed rows are padded to 4 bytes; all of them must be present.
  std::uint64_t row = ((static_cast<std::uint64_t>(bpp) * static_cast<std::uint64_t>(w) + 31) / 32) * 4;
  std::uint64_t need = offset + row * static_cast<std::uint64_t>(hh);
  if (offset < 14 + dib) h.integrity = corrupt_error("its BMP pixel data starts inside its header");
  else if (need > size) h.integrity = truncated_error("BMP image data");
  return h;
}

}  // namespace smp

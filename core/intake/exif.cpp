#include "core/intake/exif.h"

#include "core/base/byte_reader.h"

namespace smp {
namespace {

constexpr std::uint32_t kOrientationTag = 0x0112;
constexpr std::uint32_t kTypeShort = 3;

int valid_or_zero(std::uint32_t v) { return v >= 1 && v <= 8 ? static_cast<int>(v) : 0; }

}  // namespace

int exif_orientation(const std::uint8_t* tiff, std::size_t size) {
  ByteSpan b{tiff, size};
  bool little;
  if (b.starts_with(0, "II*\0", 4)) little = true;
  else if (b.starts_with(0, "MM\0*", 4)) little = false;
  else return 0;
  auto u16 = [&](std::size_t p) { return little ? b.le16(p) : b.be16(p); };
  auto u32 = [&](std::size_t p) { return little ? b.le32(p) : b.be32(p); };

  // Orientation lives in IFD0, the first directory; we never follow further.
  std::size_t ifd = u32(4);
  if (!b.has(ifd, 2)) return 0;
  std::size_t entries = u16(ifd);
  for (std::size_t i = 0; i < entries; ++i) {
    std::size_t e = ifd + 2 + i * 12;
    if (!b.has(e, 12)) return 0;
    if (u16(e) != kOrientationTag) continue;
    // A SHORT with count 1 is stored left-justified in the 4-byte value field.
    if (u16(e + 2) != kTypeShort || u32(e + 4) != 1) return 0;
    return valid_or_zero(u16(e + 8));
  }
  return 0;
}

int xmp_orientation(std::string_view xmp) {
  constexpr std::string_view key = "tiff:Orientation";
  for (std::size_t pos = xmp.find(key); pos != std::string_view::npos;
       pos = xmp.find(key, pos + 1)) {
    std::size_t p = pos + key.size();
    // Attribute form: tiff:Orientation="3"; element form: <tiff:Orientation>3<
    while (p < xmp.size() && (xmp[p] == ' ' || xmp[p] == '=' || xmp[p] == '"' ||
                              xmp[p] == '\'' || xmp[p] == '>'))
      ++p;
    if (p + 1 < xmp.size() && xmp[p] >= '1' && xmp[p] <= '8' &&
        (xmp[p + 1] == '"' || xmp[p + 1] == '\'' || xmp[p + 1] == '<'))
      return xmp[p] - '0';
  }
  return 0;
}

}  // namespace smp

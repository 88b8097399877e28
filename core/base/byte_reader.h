// byte_reader.h - bounds-checked reads of big- and little-endian integers from
// an untrusted byte range. Every header parser in intake goes through these so
// a hostile file can never make us read past its end.
#pragma once

#include <cstddef>
#include <cstdint>

namespace smp {

struct ByteSpan {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;

  bool has(std::size_t pos, std::size_t n) const { return pos <= size && n <= size - pos; }
  ByteSpan sub(std::size_t pos, std::size_t n) const {
    if (!has(pos, n)) return {};
    return {data + pos, n};
  }
  // Callers check has() first; these return 0 rather than read out of range.
  std::uint32_t u8(std::size_t pos) const { return has(pos, 1) ? data[pos] : 0; }
  std::uint32_t be16(std::size_t pos) const {
    return has(pos, 2) ? (std::uint32_t(data[pos]) << 8) | data[pos + 1] : 0;
  }
  std::uint32_t le16(std::size_t pos) const {
    return has(pos, 2) ? (std::uint32_t(data[pos + 1]) << 8) | data[pos] : 0;
  }
  std::uint32_t be32(std::size_t pos) const {
    return has(pos, 4) ? (be16(pos) << 16) | be16(pos + 2) : 0;
  }
  std::uint32_t le32(std::size_t pos) const {
    return has(pos, 4) ? (le16(pos + 2) << 16) | le16(pos) : 0;
  }
  bool starts_with(std::size_t pos, const char* magic, std::size_t n) const {
    if (!has(pos, n)) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (data[pos + i] != static_cast<std::uint8_t>(magic[i])) return false;
    return true;
  }
};

}  // namespace smp

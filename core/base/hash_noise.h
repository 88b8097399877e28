// hash_noise.h - deterministic integer hashing and smooth value noise.
//
// The dot field and the feathered hairline edge must be identical for a given
// seed on every platform (native and wasm), so randomness comes from integer
// hashes of (seed, position, index) instead of a stateful generator.
#pragma once

#include <cmath>
#include <cstdint>

namespace smp {

// A well-mixed 32-bit hash (lowbias32 by C. Wellons).
inline std::uint32_t hash32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

inline std::uint32_t hash32(std::uint32_t a, std::uint32_t b) { return hash32(a ^ hash32(b + 0x9e3779b9U)); }
inline std::uint32_t hash32(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  return hash32(hash32(a, b), c);
}

// Uniform in [0, 1) from a hash.
inline float unit(std::uint32_t h) { return static_cast<float>(h >> 8) * (1.0f / 16777216.0f); }

inline float smooth01(float t) { return t * t * (3 - 2 * t); }

// 1D value noise in [0, 1], period-free, smooth.
inline float value_noise1(std::uint32_t seed, float x) {
  float fl = std::floor(x);
  auto i = static_cast<std::int32_t>(fl);
  float t = smooth01(x - fl);
  float a = unit(hash32(seed, static_cast<std::uint32_t>(i)));
  float b = unit(hash32(seed, static_cast<std::uint32_t>(i + 1)));
  return a + (b - a) * t;
}

// 2D value noise in [0, 1].
inline float value_noise2(std::uint32_t seed, float x, float y) {
  float fx = std::floor(x), fy = std::floor(y);
  auto ix = static_cast<std::uint32_t>(static_cast<std::int32_t>(fx));
  auto iy = static_cast<std::uint32_t>(static_cast<std::int32_t>(fy));
  float tx = smooth01(x - fx), ty = smooth01(y - fy);
  float a = unit(hash32(seed, ix, iy)), b = unit(hash32(seed, ix + 1, iy));
  float c = unit(hash32(seed, ix, iy + 1)), d = unit(hash32(seed, ix + 1, iy + 1));
  float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
  return top + (bottom - top) * ty;
}

}  // namespace smp

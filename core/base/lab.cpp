#include "core/base/lab.h"

#include <cmath>

namespace smp {

float srgb_to_linear(float v) {
  return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}

float linear_to_srgb(float v) {
  return v <= 0.0031308f ? v * 12.92f : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
}

std::array<float, 3> srgb_to_lab(std::uint8_t r8, std::uint8_t g8, std::uint8_t b8) {
  float r = srgb_to_linear(r8 / 255.0f), g = srgb_to_linear(g8 / 255.0f), b = srgb_to_linear(b8 / 255.0f);
  float x = (0.4124f * r + 0.3576f * g + 0.1805f * b) / 0.95047f;
  float y = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  float z = (0.0193f * r + 0.1192f * g + 0.9505f * b) / 1.08883f;
  auto f = [](float t) { return t > 0.008856f ? std::cbrt(t) : 7.787f * t + 16.0f / 116.0f; };
  float fx = f(x), fy = f(y), fz = f(z);
  return {116.0f * fy - 16.0f, 500.0f * (fx - fy), 200.0f * (fy - fz)};
}

}  // namespace smp

// tensor.h - the inference engine's value: a dense float32 array with a
// shape, row-major (NHWC for images).
//
// Integer tensors (shapes, sizes, slice bounds) are stored as floats too:
// the graphs only carry small integers there, which float32 holds exactly
// (below 2^24), and one element type keeps every op simple.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace smp::infer {

// Largest element count any tensor may have (a model or input asking for
// more is refused rather than allocated).
constexpr std::size_t kMaxElements = std::size_t(1) << 24;
constexpr int kMaxRank = 6;

struct Tensor {
  std::vector<int> shape;
  std::vector<float> data;

  Tensor() = default;
  Tensor(std::vector<int> s, std::vector<float> d) : shape(std::move(s)), data(std::move(d)) {}
  // A zero-filled tensor of `s` (the caller has checked the size).
  explicit Tensor(std::vector<int> s) : shape(std::move(s)), data(count(shape), 0.0f) {}

  int rank() const { return int(shape.size()); }
  int dim(int i) const { return shape[std::size_t(i)]; }
  std::size_t size() const { return data.size(); }

  // Product of the dims; 0 for a negative dim; kMaxElements + 1 when the
  // product would exceed kMaxElements (so callers can refuse it).
  static std::size_t count(const std::vector<int>& s) {
    std::size_t n = 1;
    for (int d : s) {
      if (d < 0) return 0;
      if (d != 0 && n > kMaxElements / std::size_t(d)) return kMaxElements + 1;
      n *= std::size_t(d);
    }
    return n;
  }
};

}  // namespace smp::infer

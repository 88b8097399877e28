// model_fuzz.cpp - libFuzzer target for the .smpm loader (core/infer/model.h)
// and, when a file loads, one run of it. Seeds: tests/fuzz/seeds-model_fuzz/
// (tests/fuzz/make_model_seeds.mjs). The contract checked: a failure carries
// a code and a sentence; a success runs on zeros of its input shape.
#include <cstdint>
#include <cstdlib>

#include "core/infer/model.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smp::infer;
  smp::Result<Model> m = load_model(data, size, "fuzzed");
  if (!m.ok()) {
    require(m.error().code == "bad_model" && !m.error().message.empty());
    return 0;
  }
  std::vector<int> shape = m->input_shape;
  for (int& d : shape) d = d < 0 ? 2 : d;
  smp::Result<Tensor> y = run(m.value(), Tensor(shape));
  require(y.ok() || !y.error().message.empty());
  return 0;
}

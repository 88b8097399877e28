// Embind binding for the core's networks, for tests and benchmarks: runs one
// of the embedded models on a Float32Array (NHWC) and returns a copy of its
// output. The widget never calls it; analysis runs the networks itself.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/analysis/networks.h"
#include "wasm/reply.h"

using emscripten::val;

namespace {

val run_network(const std::string& name, const val& input) {
  const smp::Result<smp::Networks>& nets = smp::networks();
  if (!nets.ok()) return smp::wasm::reply(smp::Status(nets.error()));
  const smp::infer::Model* m = name == "selfie" ? &nets->selfie : name == "blazeface" ? &nets->blazeface : nullptr;
  if (!m) return smp::wasm::reply(smp::Status(smp::Error{"invalid_argument", "Unknown network: " + name + "."}));
  std::vector<int> shape = m->input_shape;
  for (int& d : shape) d = d < 0 ? 1 : d;
  smp::infer::Tensor x(shape);
  if (input["length"].as<std::size_t>() != x.size())
    return smp::wasm::reply(smp::Status(smp::Error{"invalid_argument", "The input has the wrong length."}));
  val(emscripten::typed_memory_view(x.size(), x.data.data())).call<void>("set", input);
  smp::Result<smp::infer::Tensor> y = smp::infer::run(*m, std::move(x));
  if (!y.ok()) return smp::wasm::reply(smp::Status(y.error()));
  val o = val::object();
  val dims = val::array();
  for (int d : y->shape) dims.call<void>("push", d);
  val data = val::global("Float32Array").new_(y->size());
  data.call<void>("set", val(emscripten::typed_memory_view(y->size(), y->data.data())));
  o.set("shape", dims);
  o.set("data", data);
  return o;
}

// Loads the networks now (the first call parses and checks them): the JS
// API calls it while creating a consultation so the first photo does not
// pay for it.
val prepare_networks() { return smp::wasm::reply(smp::Status(smp::networks().status())); }

}  // namespace

EMSCRIPTEN_BINDINGS(smp_infer) {
  emscripten::function("runNetwork", &run_network);
  emscripten::function("prepareNetworks", &prepare_networks);
}

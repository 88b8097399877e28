#include "core/analysis/networks.h"

#include "core/infer/embedded_models.h"

namespace smp {
namespace {

Result<Networks> load() {
  Networks n;
  for (auto [name, model] : {std::pair{"selfie", &n.selfie}, std::pair{"blazeface", &n.blazeface}}) {
    const std::span<const std::uint8_t> bytes = embedded_model(name);
    Result<infer::Model> m = infer::load_model(bytes.data(), bytes.size(), name);
    if (!m.ok()) return m.error();
    *model = std::move(m.value());
  }
  return n;
}

}  // namespace

const Result<Networks>& networks() {
  static const Result<Networks> kNetworks = load();
  return kNetworks;
}

}  // namespace smp

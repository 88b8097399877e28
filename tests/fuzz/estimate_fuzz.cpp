// estimate_fuzz.cpp - libFuzzer target for everything a client or a clinic
// can type into the estimator: the estimate request JSON, a pricing config,
// a locale. Built with clang when SMP_FUZZ=ON; scripts/test.sh runs it.
//
// Beyond "no crash, no leak, no UB" it checks the contract: a failure carries
// a code and a sentence; a success is JSON whose figures are ordered
// (low <= typical <= high) and finite.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/consultation.h"
#include "core/estimate/content.h"
#include "core/base/json_value.h"
#include "core/estimate/pricing.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void ordered(const smp::JsonValue& o, const char* a, const char* b, const char* c) {
  require(o[a].is_number() && o[b].is_number() && o[c].is_number());
  require(o[a].as_number() <= o[b].as_number() && o[b].as_number() <= o[c].as_number());
}

void check_estimate(const smp::Result<std::string>& r) {
  if (!r.ok()) {
    require(!r.error().code.empty() && !r.error().message.empty());
    return;
  }
  smp::Result<smp::JsonValue> j = smp::parse_json(r.value());
  require(j.ok());
  const smp::JsonValue& o = j.value();
  ordered(o["sessions"], "min", "typical", "max");
  ordered(o["cost"], "low", "typical", "high");
  ordered(o["ten_year_cost"], "low", "typical", "high");
  require(o["cost"]["low"].as_number() >= 0);
  require(!o["candidacy"]["outcome"].as_string().empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {  // the request as the JS API / CLI sends it
      smp::Consultation c;
      check_estimate(c.estimate(text));
      break;
    }
    case 1: {  // a clinic's pricing config, used for a real estimate
      smp::Result<smp::PricingConfig> p = smp::load_pricing(text);
      if (!p.ok()) require(p.error().code == "invalid_pricing" && !p.error().message.empty());
      smp::EstimateRequest r;
      r.area_cm2 = 1 + data[0];
      r.pricing = text;
      check_estimate(smp::estimate_json(r));
      break;
    }
    case 2: {  // the content for any locale string
      smp::Result<std::string> c = smp::content_json(text);
      require(c.ok() && smp::parse_json(c.value()).ok());
      break;
    }
    default: {  // a request wrapping the text as a pricing config
      smp::Consultation c;
      std::string req = R"({"norwood":)" + std::to_string(1 + data[0] % 7) + R"(,"pricing":")";
      for (char ch : text) req += (ch == '"' || ch == '\\') ? std::string("\\") + ch : std::string(1, ch);
      check_estimate(c.estimate(req + "\"}"));
    }
  }
  return 0;
}

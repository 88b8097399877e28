// Embind binding for the consultation content and pricing configs. Thin:
// JSON text out, wrapped as {value} or {error: {code, message}} like the
// Consultation binding, so the JS wrapper unwraps both the same way.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/content.h"
#include "core/pricing.h"

using emscripten::val;

namespace {

val error_val(const smp::Error& e) {
  val o = val::object();
  o.set("code", e.code);
  o.set("message", e.message);
  return o;
}

// The consultation content (candidacy questions, expectations, aftercare,
// provider questions, choosing a technician) for a locale such as "es".
val content_json(const std::string& locale) {
  smp::Result<std::string> r = smp::content_json(locale);
  val o = val::object();
  if (r.ok()) o.set("value", r.value()); else o.set("error", error_val(r.error()));
  return o;
}

// Checks a clinic pricing config (JSON text) or preset name; {} when valid,
// otherwise {error} naming the bad field.
val validate_pricing(const std::string& spec) {
  smp::Result<smp::PricingConfig> r = smp::load_pricing(spec);
  val o = val::object();
  if (!r.ok()) o.set("error", error_val(r.error()));
  return o;
}

}  // namespace

EMSCRIPTEN_BINDINGS(smp_content) {
  emscripten::function("contentJson", &content_json);
  emscripten::function("validatePricing", &validate_pricing);
}

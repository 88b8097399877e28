// Embind binding for the consultation content and pricing configs. Thin:
// JSON text out, wrapped as {value} or {error: {code, message}} like the
// Consultation binding, so the JS wrapper unwraps both the same way.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/estimate/content.h"
#include "core/estimate/pricing.h"
#include "wasm/reply.h"

using emscripten::val;

namespace {

// The consultation content (candidacy questions, expectations, aftercare,
// provider questions, choosing a technician) for a locale such as "es".
val content_json(const std::string& locale) {
  return smp::wasm::reply(smp::content_json(locale));
}

// Checks a clinic pricing config (JSON text) or preset name; {} when valid,
// otherwise {error} naming the bad field.
val validate_pricing(const std::string& spec) {
  return smp::wasm::reply(smp::load_pricing(spec).status());
}

}  // namespace

EMSCRIPTEN_BINDINGS(smp_content) {
  emscripten::function("contentJson", &content_json);
  emscripten::function("validatePricing", &validate_pricing);
}

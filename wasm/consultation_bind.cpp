// Embind binding for smp::Consultation. Thin on purpose: bytes in through a
// typed-array copy, JSON strings and typed-array views out. The JS wrapper
// (web/consultation.js) copies every view before the next call into wasm.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/consultation.h"

using emscripten::val;

namespace {

val error_val(const smp::Error& e) {
  val o = val::object();
  o.set("code", e.code);
  o.set("message", e.message);
  return o;
}

// {error: {code, message}} or {value: <v>}
val wrap(const smp::Status& s) {
  val o = val::object();
  if (!s.ok()) o.set("error", error_val(s.error()));
  return o;
}
val wrap(const smp::Result<std::string>& r) {
  val o = val::object();
  if (r.ok()) o.set("value", r.value()); else o.set("error", error_val(r.error()));
  return o;
}

std::vector<std::uint8_t> copy_in(const val& bytes) {
  std::vector<std::uint8_t> v(bytes["length"].as<std::size_t>());
  val(emscripten::typed_memory_view(v.size(), v.data())).call<void>("set", bytes);
  return v;
}

val load_photo(smp::Consultation& c, const val& bytes) {
  std::vector<std::uint8_t> v = copy_in(bytes);
  return wrap(c.load_photo(v.data(), v.size()));
}

val load_rgba(smp::Consultation& c, const val& rgba, int width, int height) {
  std::vector<std::uint8_t> v = copy_in(rgba);
  if (width <= 0 || height <= 0 ||
      v.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
    return wrap(smp::Status(smp::Error{"invalid_argument", "The pixel buffer does not match its size."}));
  return wrap(c.load_rgba(v.data(), width, height));
}

val photo_info(smp::Consultation& c) {
  if (!c.has_photo()) return val::null();
  const smp::Photo& p = c.photo();
  val o = val::object();
  o.set("width", p.original_width);
  o.set("height", p.original_height);
  o.set("workingWidth", p.working.width);
  o.set("workingHeight", p.working.height);
  o.set("format", p.format);
  o.set("orientation", p.orientation);
  return o;
}

// RGB working image as a view into the heap; valid until the next call.
val working_pixels(smp::Consultation& c) {
  if (!c.has_photo()) return val::null();
  const smp::Image& img = c.photo().working;
  return val(emscripten::typed_memory_view(img.pixels.size(), img.pixels.data()));
}

// RGBA preview as a view into the heap; valid until the next call.
val render(smp::Consultation& c) {
  smp::Result<const smp::Image*> r = c.render();
  val o = val::object();
  if (!r.ok()) {
    o.set("error", error_val(r.error()));
    return o;
  }
  const smp::Image& img = *r.value();
  o.set("width", img.width);
  o.set("height", img.height);
  o.set("pixels", val(emscripten::typed_memory_view(img.pixels.size(), img.pixels.data())));
  return o;
}

val set_options(smp::Consultation& c, const std::string& json) { return wrap(c.set_options(json)); }
val analysis_json(smp::Consultation& c) { return wrap(c.analysis_json()); }
val hairline_json(smp::Consultation& c) { return wrap(c.hairline_json()); }
val set_hairline(smp::Consultation& c, const std::string& json) { return wrap(c.set_hairline(json)); }
val estimate(smp::Consultation& c, const std::string& json) { return wrap(c.estimate(json)); }

}  // namespace

EMSCRIPTEN_BINDINGS(smp_consultation) {
  emscripten::class_<smp::Consultation>("Consultation")
      .constructor<>()
      .function("loadPhoto", &load_photo)
      .function("loadRgba", &load_rgba)
      .function("photoInfo", &photo_info)
      .function("workingPixels", &working_pixels)
      .function("setOptions", &set_options)
      .function("optionsJson", &smp::Consultation::options_json)
      .function("analysisJson", &analysis_json)
      .function("hairlineJson", &hairline_json)
      .function("setHairline", &set_hairline)
      .function("render", &render)
      .function("estimate", &estimate);
}

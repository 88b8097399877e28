// Embind binding for smp::Consultation. Thin on purpose: bytes in through a
// typed-array copy, JSON strings and typed-array views out. The JS wrapper
// (web/consultation.js) copies every view before the next call into wasm.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/consultation.h"
#include "wasm/reply.h"

using emscripten::val;
using smp::wasm::reply;

namespace {

std::vector<std::uint8_t> copy_in(const val& bytes) {
  std::vector<std::uint8_t> v(bytes["length"].as<std::size_t>());
  val(emscripten::typed_memory_view(v.size(), v.data())).call<void>("set", bytes);
  return v;
}

val load_photo(smp::Consultation& c, const val& bytes) {
  std::vector<std::uint8_t> v = copy_in(bytes);
  return reply(c.load_photo(v.data(), v.size()));
}

// RGBA pixels copied in and handed to `load` (load_rgba or add_view_rgba)
// when the buffer holds width x height pixels.
template <class Load>
val rgba_in(const val& rgba, int width, int height, Load load) {
  std::vector<std::uint8_t> v = copy_in(rgba);
  if (width <= 0 || height <= 0 ||
      v.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
    return reply(smp::Status(
        smp::Error{"invalid_argument", "The pixel buffer does not match its size."}));
  return reply(load(v.data()));
}

val load_rgba(smp::Consultation& c, const val& rgba, int width, int height) {
  return rgba_in(rgba, width, height, [&](const std::uint8_t* p) { return c.load_rgba(p, width, height); });
}

// {value: {format, width, height, workingWidth, workingHeight, orientation,
// orientationFromXmp}} or an error.
val plan_photo(smp::Consultation& c, const val& bytes) {
  std::vector<std::uint8_t> v = copy_in(bytes);
  smp::Result<smp::PhotoPlan> plan = c.plan_photo(v.data(), v.size());
  if (!plan.ok()) return reply(smp::Status(plan.error()));
  val o = val::object();
  o.set("format", plan->format);
  o.set("width", plan->width);
  o.set("height", plan->height);
  o.set("workingWidth", plan->working_width);
  o.set("workingHeight", plan->working_height);
  o.set("orientation", plan->orientation);
  o.set("orientationFromXmp", plan->orientation_from_xmp);
  val r = val::object();
  r.set("value", o);
  return r;
}

// Pixels a browser decoded already reduced from a photo of the given upright size.
val load_reduced_rgba(smp::Consultation& c, const val& rgba, int width, int height, int original_width,
                      int original_height) {
  return rgba_in(rgba, width, height, [&](const std::uint8_t* p) {
    return c.load_rgba(p, width, height, original_width, original_height);
  });
}

val add_view_reduced_rgba(smp::Consultation& c, const val& rgba, int width, int height, int original_width,
                          int original_height) {
  return rgba_in(rgba, width, height, [&](const std::uint8_t* p) {
    return c.add_view_rgba(p, width, height, original_width, original_height);
  });
}

val add_view(smp::Consultation& c, const val& bytes) {
  std::vector<std::uint8_t> v = copy_in(bytes);
  return reply(c.add_view(v.data(), v.size()));
}

val add_view_rgba(smp::Consultation& c, const val& rgba, int width, int height) {
  return rgba_in(rgba, width, height, [&](const std::uint8_t* p) { return c.add_view_rgba(p, width, height); });
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
  if (!r.ok()) return reply(smp::Status(r.error()));
  val o = val::object();
  const smp::Image& img = *r.value();
  o.set("width", img.width);
  o.set("height", img.height);
  o.set("pixels", val(emscripten::typed_memory_view(img.pixels.size(), img.pixels.data())));
  return o;
}

// The design for overlays and honest UI text, in original pixels:
// {controlPoints, curve, basis, notes, scaleMethod, scaleAssumed, pxPerCm, areaCm2}.
val design_info(smp::Consultation& c) {
  smp::Result<const smp::Design*> r = c.design();
  if (!r.ok()) return reply(smp::Status(r.error()));
  val o = val::object();
  const smp::Design& d = *r.value();
  const double s = c.photo().scale;
  auto points = [&](const std::vector<glm::vec2>& pts, std::size_t step) {
    val arr = val::array();
    for (std::size_t i = 0; i < pts.size(); i += step) {
      val p = val::array();
      p.call<void>("push", pts[i].x * s);
      p.call<void>("push", pts[i].y * s);
      arr.call<void>("push", p);
    }
    return arr;
  };
  val v = val::object();
  v.set("controlPoints", points(d.control_points, 1));
  v.set("curve", points(d.curve, 2));
  v.set("basis", d.basis);
  val notes = val::array();
  for (const std::string& n : d.notes) notes.call<void>("push", n);
  v.set("notes", notes);
  v.set("scaleMethod", d.scale_method);
  v.set("scaleAssumed", d.scale_assumed);
  v.set("pxPerCm", d.px_per_cm / s);
  v.set("areaCm2", d.area_cm2);
  o.set("value", v);
  return o;
}

// The dot field as a Float32Array copy, [x, y, radius, opacity 0..1] per dot
// in working pixels: for overlays and the render benchmark's Canvas baseline.
val dot_field(smp::Consultation& c) {
  smp::Result<const smp::Design*> d = c.design();
  if (!d.ok()) return reply(smp::Status(d.error()));
  val o = val::object();
  std::vector<smp::Dot> dots = smp::place_dots(*c.analysis().value(), *d.value(), c.options().render);
  std::vector<float> flat;
  flat.reserve(dots.size() * 4);
  for (const smp::Dot& dot : dots) {
    flat.insert(flat.end(), {dot.x, dot.y, dot.radius, dot.opacity / 255.0f});
  }
  val arr = val::global("Float32Array").new_(flat.size());
  arr.call<void>("set", val(emscripten::typed_memory_view(flat.size(), flat.data())));
  o.set("count", static_cast<double>(dots.size()));
  o.set("dots", arr);
  return o;
}

// A byte per working pixel as a Uint8Array copy: {width, height, <field>}.
val plane_out(const std::vector<std::uint8_t>& bytes, int width, int height, const char* field) {
  val o = val::object();
  val arr = val::global("Uint8Array").new_(bytes.size());
  arr.call<void>("set", val(emscripten::typed_memory_view(bytes.size(), bytes.data())));
  o.set("width", width);
  o.set("height", height);
  o.set(field, arr);
  return o;
}

// The per-pixel labels at the working size (0 background, 1 skin, 2 hair,
// 3 rest of the person): {width, height, labels}.
val segmentation(smp::Consultation& c) {
  smp::Result<const smp::Analysis*> a = c.analysis();
  if (!a.ok()) return reply(smp::Status(a.error()));
  const smp::Analysis& an = *a.value();
  return plane_out(an.labels, an.width, an.height, "labels");
}

// The design's treatment region at the working size, 0..255 per pixel (how
// densely dots fill it; 0 none): {width, height, coverage}.
val region(smp::Consultation& c) {
  smp::Result<const smp::Design*> d = c.design();
  if (!d.ok()) return reply(smp::Status(d.error()));
  const smp::Analysis& an = *c.analysis().value();
  const std::vector<std::uint8_t>& r = d.value()->region;
  if (r.size() != std::size_t(an.width) * std::size_t(an.height))
    return reply(smp::Status(smp::Error{"internal", "The design's region does not match the photo."}));
  return plane_out(r, an.width, an.height, "coverage");
}

val turn(smp::Consultation& c, int quarter_turns) { return reply(c.turn(quarter_turns)); }
val set_options(smp::Consultation& c, const std::string& json) { return reply(c.set_options(json)); }
val analysis_json(smp::Consultation& c) { return reply(c.analysis_json()); }
val hairline_json(smp::Consultation& c) { return reply(c.hairline_json()); }
val set_hairline(smp::Consultation& c, const std::string& json) { return reply(c.set_hairline(json)); }
val estimate(smp::Consultation& c, const std::string& json) { return reply(c.estimate(json)); }

}  // namespace

EMSCRIPTEN_BINDINGS(smp_consultation) {
  // The options setOptions accepts: names, types, ranges, defaults (JSON text).
  emscripten::function("optionSchemaJson", &smp::option_schema_json);
  emscripten::class_<smp::Consultation>("Consultation")
      .constructor<>()
      .function("loadPhoto", &load_photo)
      .function("loadRgba", &load_rgba)
      .function("planPhoto", &plan_photo)
      .function("loadReducedRgba", &load_reduced_rgba)
      .function("addViewReducedRgba", &add_view_reduced_rgba)
      .function("addView", &add_view)
      .function("addViewRgba", &add_view_rgba)
      .function("clearViews", &smp::Consultation::clear_views)
      .function("viewCount", &smp::Consultation::view_count)
      .function("photoInfo", &photo_info)
      .function("workingPixels", &working_pixels)
      .function("turn", &turn)
      .function("setOptions", &set_options)
      .function("optionsJson", &smp::Consultation::options_json)
      .function("analysisJson", &analysis_json)
      .function("hairlineJson", &hairline_json)
      .function("setHairline", &set_hairline)
      .function("render", &render)
      .function("designInfo", &design_info)
      .function("dotField", &dot_field)
      .function("segmentation", &segmentation)
      .function("region", &region)
      .function("estimate", &estimate);
}

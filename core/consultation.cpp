#include "consultation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <utility>

#include "core/analysis/stage_model.h"
#include "core/base/json.h"
#include "core/base/json_value.h"

namespace smp {
namespace {

enum Stage { kAnalysis = 0, kDesign = 1, kDots = 2, kPreview = 3 };

Error no_photo() { return Error{"no_photo", "Load a photo first."}; }

// The index of the single handle that differs between two hairlines of the
// same length (a drag), or -1 when none or several moved.
int moved_handle(const std::vector<glm::vec2>& before, const std::vector<glm::vec2>& after) {
  if (before.size() != after.size()) return -1;
  int moved = -1;
  for (std::size_t i = 0; i < after.size(); ++i) {
    glm::vec2 d = after[i] - before[i];
    if (d.x * d.x + d.y * d.y <= 1e-4f) continue;
    if (moved >= 0) return -1;
    moved = static_cast<int>(i);
  }
  return moved;
}

// [[x, y], ...] in original pixels, as working pixels; nullopt when an item
// is not a pair of numbers. Hairline handles and scar outlines share it.
std::optional<std::vector<glm::vec2>> read_points(const JsonValue& v, double scale) {
  std::vector<glm::vec2> points;
  for (const JsonValue& p : v.items()) {
    if (!p.is_array() || p.items().size() != 2 || !p.items()[0].is_number() ||
        !p.items()[1].is_number())
      return std::nullopt;
    points.emplace_back(p.items()[0].as_number() / scale, p.items()[1].as_number() / scale);
  }
  return points;
}

Error bad_option(const std::string& key, const std::string& why) {
  return Error{"invalid_option", "Option '" + key + "' " + why + "."};
}

// The design and render options set_options() accepts: one table, read by
// set_options() and written out by option_schema_json(), so the JS layer's
// validation and the widget's controls (web/options.js) can be checked
// against what the core really takes.
enum class Kind { choice, number, boolean, points };

struct OptionSpec {
  const char* name;            // as JS and set_options JSON spell it
  const char* alias;           // the snake_case spelling also accepted, or nullptr
  Kind kind;
  std::span<const char* const> values;  // choice: the allowed values
  double min, max;             // number: the range; points: the item count (0 = empty allowed)
  int dirty;                   // the first stage a change invalidates
};

constexpr const char* kGoals[] = {"full", "density", "scar"};
constexpr const char* kStyles[] = {"juvenile", "mature", "broken", "soft"};
constexpr const char* kShapes[] = {"straight", "rounded", "widows_peak"};
constexpr const char* kShades[] = {"auto", "black", "dark", "medium", "light"};

// Density: dots per cm2 over the treated area. 20 is a faint shadow, 400
// close to solid; the preview's default is 190.
constexpr OptionSpec kOptions[] = {
    {"goal", nullptr, Kind::choice, kGoals, 0, 0, kDesign},
    {"style", nullptr, Kind::choice, kStyles, 0, 0, kDesign},
    {"shape", nullptr, Kind::choice, kShapes, 0, 0, kDesign},
    {"shade", nullptr, Kind::choice, kShades, 0, 0, kPreview},
    {"density", nullptr, Kind::number, {}, 20, 400, kDots},
    {"seed", nullptr, Kind::number, {}, 0, 4294967295.0, kDots},
    {"symmetric", nullptr, Kind::boolean, {}, 0, 0, kDesign},
    {"keepHair", "keep_hair", Kind::boolean, {}, 0, 0, kDots},
    {"heightCm", "height_cm", Kind::number, {}, 0, 15, kDesign},
    {"age", nullptr, Kind::number, {}, 0, 120, kDesign},
    {"pxPerCm", "px_per_cm", Kind::number, {}, 0, 10000, kDesign},
    {"scarOutline", "scar_outline", Kind::points, {}, 3, 256, kDesign},
    {"female", nullptr, Kind::boolean, {}, 0, 0, kAnalysis},
};

const OptionSpec* find_option(const std::string& key) {
  for (const OptionSpec& o : kOptions)
    if (key == o.name || (o.alias && key == o.alias)) return &o;
  return nullptr;
}

// Whole numbers written in full (JsonWriter keeps 6 significant digits,
// which would turn the largest seed 4294967295 into 4.29497e+09).
JsonWriter& exact(JsonWriter& j, double d) {
  if (d != std::floor(d) || std::fabs(d) >= 9007199254740992.0) return j.value(d);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%.0f", d);
  return j.raw(buf);
}

// 20 -> "20", 0.5 -> "0.5": ranges in messages as a person writes them.
std::string number_text(double d) {
  JsonWriter j;
  exact(j, d);
  return j.str();
}

Status read_choice(const JsonValue& v, const std::string& key, const OptionSpec& o, std::string* out) {
  if (!v.is_string()) return bad_option(key, std::string("must be a string, not ") + json_type_name(v.type()));
  for (const char* a : o.values)
    if (v.as_string() == a) {
      *out = a;
      return {};
    }
  std::string list;
  for (const char* a : o.values) list += (list.empty() ? "" : ", ") + std::string(a);
  return bad_option(key, "must be one of " + list + ", not '" + v.as_string() + "'");
}

Status read_number(const JsonValue& v, const std::string& key, const OptionSpec& o, double* out) {
  if (!v.is_number()) return bad_option(key, std::string("must be a number, not ") + json_type_name(v.type()));
  if (v.as_number() < o.min || v.as_number() > o.max)
    return bad_option(key, "must be between " + number_text(o.min) + " and " + number_text(o.max) + ", not " +
                               number_text(v.as_number()));
  *out = v.as_number();
  return {};
}

Status read_bool(const JsonValue& v, const std::string& key, bool* out) {
  if (!v.is_bool()) return bad_option(key, std::string("must be true or false, not ") + json_type_name(v.type()));
  *out = v.as_bool();
  return {};
}

// The defaults, as options_json() writes them before any photo.
void write_default(JsonWriter& j, const OptionSpec& o, const ConsultationOptions& d) {
  const std::string name = o.name;
  if (name == "goal") j.value(d.design.goal);
  else if (name == "style") j.value(d.design.style);
  else if (name == "shape") j.value(d.design.shape);
  else if (name == "shade") j.value(d.render.shade);
  else if (name == "density") j.value(d.render.density);
  else if (name == "seed") exact(j, d.render.seed);
  else if (name == "symmetric") j.value(d.design.symmetric);
  else if (name == "keepHair") j.value(d.render.keep_hair);
  else if (name == "heightCm") j.value(static_cast<double>(d.design.height_cm));
  else if (name == "age") j.value(d.design.age);
  else if (name == "pxPerCm") j.value(static_cast<double>(d.design.px_per_cm));
  else if (name == "scarOutline") j.begin_array().end_array();
  else if (name == "female") j.value(d.analysis.female);
  else j.null();
}

}  // namespace

// The default seed's dot tile is built up front: state that outlives photos
// is allocated before the first photo, so it never sits in the middle of the
// space a photo frees (which would make the next photo grow the wasm heap).
Consultation::Consultation() : tile_(std::in_place, options_.render.seed, dot_tile(options_.render.seed)) {}

void Consultation::reset_from(int stage) {
  if (stage <= kAnalysis) analysis_.reset();
  if (stage <= kDesign) design_.reset();
  // The shaved photo depends on the analysis and the design (the goal, the
  // line), not on the dots: a density move reuses it.
  if (stage <= kDesign) shaved_.reset();
  if (stage <= kDots) {
    dots_.reset();
    ink_.reset();
  }
  preview_fresh_ = false;
}

// Frees the photo and everything derived from it, so the heap's high-water
// mark during the next decode is that of one photo, not two.
void Consultation::release_photo() {
  reset_from(kAnalysis);
  views_.clear();
  preview_ = Image();
  photo_.reset();
  user_points_.reset();
  user_moved_ = -1;
}

Status Consultation::load_photo(const std::uint8_t* data, std::size_t size) {
  // Bad input is refused before anything is released: the previous photo
  // stays loaded. Only a file that passes every header check replaces it.
  if (Status s = check_photo(data, size, options_.decode); !s.ok()) return s;
  release_photo();
  Result<Photo> p = decode_photo(data, size, options_.decode);
  if (!p.ok()) return p.error();
  photo_ = std::move(p.value());
  return {};
}

namespace {
// Pixels as given, or reduced from a stated original size.
Result<Photo> rgba_photo(const std::uint8_t* rgba, int width, int height, int original_width, int original_height,
                         const DecodeOptions& o) {
  if (original_width > 0 || original_height > 0)
    return photo_from_reduced_rgba(rgba, width, height, original_width, original_height, o);
  return photo_from_rgba(rgba, width, height, o);
}

// The checks made before the loaded photo is given up.
Status check_rgba(const std::uint8_t* rgba, int width, int height, int original_width, int original_height,
                  const DecodeOptions& o) {
  if (rgba == nullptr || width <= 0 || height <= 0) return Error{"empty_file", "The image has no pixels."};
  const bool reduced = original_width > 0 || original_height > 0;
  return check_image_size(reduced ? original_width : width, reduced ? original_height : height, o);
}
}  // namespace

Status Consultation::load_rgba(const std::uint8_t* rgba, int width, int height, int original_width,
                               int original_height) {
  if (Status s = check_rgba(rgba, width, height, original_width, original_height, options_.decode); !s.ok())
    return s;
  release_photo();
  Result<Photo> p = rgba_photo(rgba, width, height, original_width, original_height, options_.decode);
  if (!p.ok()) return p.error();
  photo_ = std::move(p.value());
  return {};
}

Status Consultation::turn(int quarter_turns) {
  if (!photo_) return no_photo();
  Photo turned = turn_photo(std::move(*photo_), quarter_turns);
  std::vector<std::vector<float>> views = std::move(views_);  // other photos: not turned
  release_photo();  // analysis, design, dots and moved handles belong to the old frame
  photo_ = std::move(turned);
  views_ = std::move(views);
  return {};
}

Status Consultation::add_view(const std::uint8_t* data, std::size_t size) {
  if (!photo_) return no_photo();
  if (Status s = check_photo(data, size, options_.decode); !s.ok()) return s;
  return add_view_photo(decode_photo(data, size, options_.decode));
}

Status Consultation::add_view_rgba(const std::uint8_t* rgba, int width, int height, int original_width,
                                   int original_height) {
  if (!photo_) return no_photo();
  if (Status s = check_rgba(rgba, width, height, original_width, original_height, options_.decode); !s.ok())
    return s;
  return add_view_photo(rgba_photo(rgba, width, height, original_width, original_height, options_.decode));
}

Status Consultation::add_view_photo(Result<Photo> view) {
  if (!view.ok()) return view.error();
  Result<Analysis> a = analyze(view.value(), options_.analysis);
  if (!a.ok()) return a.error();
  if (a->head_fraction <= 0)
    return Error{"no_head", "No head was found in that photo, so it cannot help read the stage."};
  views_.push_back(std::move(a->stage_features));
  return {};
}

Status Consultation::set_options(std::string_view json) {
  Result<JsonValue> parsed = parse_json(json);
  if (!parsed.ok()) return Error{"invalid_option", parsed.error().message};
  if (!parsed->is_object()) return Error{"invalid_option", "Options must be an object."};
  ConsultationOptions next = options_;
  int dirty = kPreview + 1;
  for (const auto& [key, v] : parsed->members()) {
    const OptionSpec* o = find_option(key);
    if (!o) return bad_option(key, "is not a known option");
    const std::string name = o->name;
    Status s;
    double d = 0;
    if (o->kind == Kind::number) s = read_number(v, key, *o, &d);
    if (!s.ok()) return s;
    if (name == "goal") {
      s = read_choice(v, key, *o, &next.design.goal);
    } else if (name == "style") {
      s = read_choice(v, key, *o, &next.design.style);
    } else if (name == "shape") {
      s = read_choice(v, key, *o, &next.design.shape);
    } else if (name == "shade") {
      s = read_choice(v, key, *o, &next.render.shade);
    } else if (name == "symmetric") {
      s = read_bool(v, key, &next.design.symmetric);
    } else if (name == "keepHair") {
      s = read_bool(v, key, &next.render.keep_hair);
    } else if (name == "female") {
      s = read_bool(v, key, &next.analysis.female);
    } else if (name == "heightCm") {
      next.design.height_cm = static_cast<float>(d);
    } else if (name == "density") {
      next.render.density = d;
    } else if (name == "seed") {
      next.render.seed = static_cast<std::uint32_t>(d);
    } else if (name == "age") {
      next.design.age = static_cast<int>(d);
    } else if (name == "scarOutline") {
      // Polygon in original pixels, stored in working pixels (needs the photo).
      if (!photo_) return no_photo();
      const std::size_t n = v.is_array() ? v.items().size() : 0;
      if (!v.is_array() || (n != 0 && n < o->min) || n > o->max)
        return bad_option(key, "must be an array of " + number_text(o->min) + " to " + number_text(o->max) +
                                   " [x, y] points (or empty)");
      std::optional<std::vector<glm::vec2>> outline = read_points(v, photo_->scale);
      if (!outline) return bad_option(key, "must hold [x, y] number pairs");
      next.design.scar_outline = std::move(*outline);
    } else if (name == "pxPerCm") {
      // The clinic's own calibration, in original pixels per cm (0 = measure).
      if (!photo_) return no_photo();
      next.design.px_per_cm = static_cast<float>(d / photo_->scale);
    }
    if (!s.ok()) return s;
    dirty = std::min(dirty, o->dirty);
  }
  if (next.render.keep_hair != options_.render.keep_hair) shaved_.reset();
  options_ = std::move(next);
  reset_from(dirty);
  return {};
}

std::string option_schema_json() {
  const ConsultationOptions defaults;
  JsonWriter j;
  j.begin_object();
  for (const OptionSpec& o : kOptions) {
    j.key(o.name).begin_object();
    switch (o.kind) {
      case Kind::choice:
        j.key("type").value("string").key("values").begin_array();
        for (const char* v : o.values) j.value(v);
        j.end_array();
        break;
      case Kind::number:
        j.key("type").value("number");
        exact(j.key("min"), o.min);
        exact(j.key("max"), o.max);
        break;
      case Kind::boolean:
        j.key("type").value("boolean");
        break;
      case Kind::points:
        j.key("type").value("points");
        exact(j.key("minItems"), o.min);
        exact(j.key("maxItems"), o.max);
        break;
    }
    if (o.alias) j.key("alias").value(o.alias);
    j.key("default");
    write_default(j, o, defaults);
    j.end_object();
  }
  j.end_object();
  return j.str();
}

std::string Consultation::options_json() const {
  JsonWriter j;
  j.begin_object();
  j.key("goal").value(options_.design.goal);
  j.key("style").value(options_.design.style);
  j.key("shape").value(options_.design.shape);
  j.key("symmetric").value(options_.design.symmetric);
  j.key("keepHair").value(options_.render.keep_hair);
  j.key("heightCm").value(static_cast<double>(options_.design.height_cm));
  j.key("density").value(options_.render.density);
  exact(j.key("seed"), options_.render.seed);
  j.key("shade").value(options_.render.shade);
  j.key("age").value(options_.design.age);
  j.key("scarOutline").begin_array();
  for (const glm::vec2& p : options_.design.scar_outline)
    j.begin_array().value(p.x * (photo_ ? photo_->scale : 1.0)).value(p.y * (photo_ ? photo_->scale : 1.0)).end_array();
  j.end_array();
  j.key("pxPerCm").value(options_.design.px_per_cm * (photo_ ? photo_->scale : 1.0));
  j.key("female").value(options_.analysis.female);
  j.end_object();
  return j.str();
}

Result<const Analysis*> Consultation::analysis() {
  if (!photo_) return no_photo();
  if (!analysis_) {
    Result<Analysis> a = analyze(*photo_, options_.analysis);
    if (!a.ok()) return a.error();
    analysis_ = std::move(a.value());
  }
  return &*analysis_;
}

Result<std::string> Consultation::analysis_json() {
  if (!photo_) return std::string("null");
  Result<const Analysis*> a = analysis();
  if (!a.ok()) return a.error();
  return smp::analysis_json(*a.value(), *photo_);
}

Result<const Design*> Consultation::design() {
  Result<const Analysis*> a = analysis();
  if (!a.ok()) return a.error();
  if (!design_) {
    Result<Design> d = user_points_
                           ? design_from_points(*a.value(), options_.design, *user_points_,
                                                user_moved_)
                           : design_hairline(*a.value(), options_.design);
    if (!d.ok()) return d.error();
    design_ = std::move(d.value());
  }
  return &*design_;
}

Result<std::string> Consultation::hairline_json() {
  Result<const Design*> d = design();
  if (!d.ok()) return d.error();
  JsonWriter j;
  j.begin_array();
  for (const glm::vec2& p : d.value()->control_points)
    j.begin_array().value(p.x * photo_->scale).value(p.y * photo_->scale).end_array();
  j.end_array();
  return j.str();
}

Status Consultation::set_hairline(std::string_view json) {
  if (!photo_) return no_photo();
  Result<JsonValue> parsed = parse_json(json);
  if (!parsed.ok()) return Error{"invalid_hairline", parsed.error().message};
  if (!parsed->is_array() || parsed->items().size() < 2 || parsed->items().size() > 64)
    return Error{"invalid_hairline", "The hairline must be an array of 2 to 64 [x, y] points."};
  std::optional<std::vector<glm::vec2>> points = read_points(parsed.value(), photo_->scale);
  if (!points)
    return Error{"invalid_hairline", "Each hairline point must be [x, y] with two numbers."};
  user_moved_ = moved_handle(design_ ? design_->control_points : std::vector<glm::vec2>{}, *points);
  user_points_ = std::move(points);
  reset_from(kDesign);
  return {};
}

Result<const Image*> Consultation::render() {
  Result<const Design*> d = design();
  if (!d.ok()) return d.error();
  const std::uint32_t seed = options_.render.seed;
  if (!tile_ || tile_->first != seed) tile_.emplace(seed, dot_tile(seed));
  // The full goal shows the client's hair clipped, with stubble dots over it.
  if (!shaved_) {
    shaved_.emplace();
    if (options_.design.goal == "full" && !options_.render.keep_hair)
      *shaved_ = shave_hair(photo_->working, *analysis_, *design_);
  }
  if (!dots_) dots_ = place_dots(*analysis_, with_stubble(*design_, *analysis_, shaved_->weight), options_.render, tile_->second);
  if (!ink_) ink_ = ink_layer(*dots_, photo_->working.width, photo_->working.height);
  if (!preview_fresh_) {
    const Image& base = shaved_->weight.empty() ? photo_->working : shaved_->working;
    render_preview(base, *analysis_, *ink_, options_.render, &preview_);
    preview_fresh_ = true;
  }
  return &preview_;
}

Result<std::string> Consultation::estimate(std::string_view json) {
  Result<JsonValue> parsed = parse_json(json.empty() ? std::string_view("{}") : json);
  if (!parsed.ok()) return Error{"invalid_option", parsed.error().message};
  if (!parsed->is_object()) return Error{"invalid_option", "Estimate options must be an object."};
  const JsonValue& o = parsed.value();
  EstimateRequest req;
  req.goal = options_.design.goal;
  for (const auto& [key, v] : o.members()) {
    if (key == "goal" || key == "pricing" || key == "locale") {
      // pricing: a preset name ("uk", "us") or a clinic config as JSON text
      if (!v.is_string()) return bad_option(key, "must be a string");
      (key == "goal" ? req.goal : key == "locale" ? req.locale : req.pricing) = v.as_string();
    } else if (key == "norwood" || key == "ludwig") {
      // Range-checked before the cast: a huge double into int is undefined.
      const int top = key == "norwood" ? 7 : 3;
      if (!v.is_number() || v.as_number() < 1 || v.as_number() > top ||
          v.as_number() != std::floor(v.as_number()))
        return bad_option(key, "must be a whole number from 1 to " + std::to_string(top));
      (key == "norwood" ? req.norwood : req.ludwig) = static_cast<int>(v.as_number());
    } else if (key == "area_cm2" || key == "areaCm2") {
      if (!v.is_number()) return bad_option(key, "must be a number");
      req.area_cm2 = v.as_number();
    } else if (key == "factors" || key == "answers") {
      if (!v.is_array()) return bad_option(key, "must be an array of strings");
      for (const JsonValue& s : v.items()) {
        if (!s.is_string()) return bad_option(key, "must be an array of strings");
        (key == "factors" ? req.factors : req.answers).push_back(s.as_string());
      }
    } else {
      return bad_option(key, "is not a known estimate option");
    }
  }
  // The pigment chosen for the preview is a factor of the estimate too: a
  // light shade builds up more slowly and fades sooner (itemised in breakdown).
  if (options_.render.shade == "light" &&
      std::find(req.factors.begin(), req.factors.end(), "light_pigment") == req.factors.end())
    req.factors.push_back("light_pigment");
  if (!req.area_cm2 && !req.norwood && !req.ludwig && photo_)
    if (Status s = extent_from_photo(&req); !s.ok()) return s.error();
  return estimate_json(req);
}

// A scar is measured: its outline is drawn at the design's scale. Hair loss
// is the analysed stage, with its confidence, which the estimate states. The
// area behind the designed hairline is not priced: it depends on the view
// and on where the line is drawn, not on the hair loss (docs/estimate.md).
Status Consultation::extent_from_photo(EstimateRequest* req) {
  if (req->goal == "scar") {
    Result<const Design*> d = design();
    if (d.ok() && d.value()->area_cm2 > 0) {
      req->area_cm2 = d.value()->area_cm2;
      req->area_from_photo = true;
      return {};
    }
  }
  Result<const Analysis*> a = analysis();
  if (!a.ok()) return a.error();  // the analysis itself failed: say why
  const bool female = options_.analysis.female;
  const int stage = female ? a.value()->ludwig_grade : a.value()->norwood_stage;
  if (stage < 1) return Error{"no_stage", "The photo gave no hair-loss stage; choose one."};
  (female ? req->ludwig : req->norwood) = stage;
  req->stage_confidence = female ? a.value()->ludwig_confidence : a.value()->norwood_confidence;
  req->stage_views = 1;
  // Added views: the Norwood stage from every photo that shows a head.
  if (!female && !views_.empty()) {
    std::vector<std::vector<float>> all = views_;
    if (a.value()->head_fraction > 0) all.push_back(a.value()->stage_features);
    if (const auto s = norwood_from_views(all)) {
      req->norwood = s->stage;
      req->stage_confidence = s->confidence;
      req->stage_views = int(all.size());
    }
  }
  return {};
}

}  // namespace smp

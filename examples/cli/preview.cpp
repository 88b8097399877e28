// smp preview PHOTO -o OUT.png - the SMP preview on a photo, plus a JSON
// summary (dot count, scale and how it was found, notes, timings) on stdout.
//
// --split treats PHOTO as a clinic's before/after pair (before on the left):
// the preview is rendered from the left half and written beside the real
// right half, and the treated area's mean Lab colour is reported for both.
#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>
#include <utility>

#include "cli.h"
#include "core/analysis/analysis.h"
#include "core/render/dots.h"
#include "core/render/ink_stats.h"
#include "core/render/shaved.h"
#include "core/design/design.h"
#include "core/base/json.h"
#include "core/intake/photo.h"

namespace smp::cli {
namespace {

const char* kUsage =
    "usage: smp preview PHOTO -o OUT.png [--style juvenile|mature|broken|soft]\n"
    "  [--shape straight|rounded|widows_peak] [--goal full|density|scar]\n"
    "  [--shade auto|black|dark|medium|light] [--density DOTS_PER_CM2] [--seed N]\n"
    "  [--height-cm CM] [--age YEARS] [--no-symmetry] [--female] [--px-per-cm N] (calibrated scale)\n"
    "  [--points x,y;x,y;...] (hairline control points, photo pixels)\n"
    "  [--scar x,y;x,y;...] (scar outline, photo pixels; with --goal scar)\n"
    "  [--dot-min MM] [--dot-max MM] [--compare] (before | after side by side)\n"
    "  [--keep-hair] (goal full: dots over the hair as it is, not clipped to stubble)\n"
    "  [--split] (PHOTO is a before/after pair: preview the left half beside the right)\n"
    "  [--turn QUARTERS] (turn the photo clockwise first, -3..3)";

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

Result<double> number(const std::string& flag, const std::string& text, double lo, double hi) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end || !(v >= lo && v <= hi))
  {
    std::ostringstream m;
    m << flag << " must be a number between " << lo << " and " << hi << ", not '" << text << "'.";
    return Error{"invalid_option", m.str()};
  }
  return v;
}

Status choice(const std::string& flag, const std::string& v,
              std::initializer_list<const char*> allowed, std::string* out) {
  std::string list;
  for (const char* a : allowed) {
    if (v == a) {
      *out = v;
      return {};
    }
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return Error{"invalid_option", flag + " must be one of " + list + ", not '" + v + "'."};
}

// "x,y;x,y;..." in photo pixels -> working pixels.
Result<std::vector<glm::vec2>> points(const std::string& flag, const std::string& text, double scale) {
  std::vector<glm::vec2> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) {
    double x = 0, y = 0;
    char comma = 0, extra = 0;
    std::stringstream is(item);
    if (!(is >> x >> comma >> y) || comma != ',' || (is >> extra))
      return Error{"invalid_option", flag + " takes points as x,y;x,y;... not '" + item + "'."};
    out.emplace_back(static_cast<float>(x / scale), static_cast<float>(y / scale));
  }
  if (out.size() < 2 || out.size() > 64)
    return Error{"invalid_option", flag + " needs 2 to 64 points."};
  return out;
}

bool take_switch(Args& args, const std::string& name) {
  for (auto it = args.begin(); it != args.end(); ++it)
    if (*it == name) {
      args.erase(it);
      return true;
    }
  return false;
}

// The left or right half of an image as an RGB image.
Image half(const Image& img, bool right) {
  int w = img.width / 2;
  Image out(w, img.height, 3);
  int x0 = right ? img.width - w : 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) out.at(x, y)[c] = img.at(x0 + x, y)[c];
  return out;
}

Image side_by_side(const Image& left, const Image& right) {
  Image out(left.width + right.width, std::max(left.height, right.height), 3);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const Image& src = x < left.width ? left : right;
      int sx = x < left.width ? x : x - left.width;
      if (y >= src.height) continue;
      for (int c = 0; c < 3; ++c) out.at(x, y)[c] = src.at(sx, y)[c];
    }
  return out;
}

Image to_rgb(const Image& rgba) {
  Image out(rgba.width, rgba.height, 3);
  for (int y = 0; y < rgba.height; ++y)
    for (int x = 0; x < rgba.width; ++x)
      for (int c = 0; c < 3; ++c) out.at(x, y)[c] = rgba.at(x, y)[c];
  return out;
}

void lab_json(JsonWriter& j, const char* key, std::array<double, 3> lab) {
  j.key(key).begin_array();
  for (double v : lab) j.value(std::round(v * 10) / 10);
  j.end_array();
}

}  // namespace

int cmd_preview(Args args) {
  std::optional<std::string> out_path = take_flag(args, "-o");
  if (!out_path) out_path = take_flag(args, "--out");
  DesignOptions design;
  RenderOptions render;
  AnalysisOptions analysis_options;
  bool compare = take_switch(args, "--compare"), split = take_switch(args, "--split");
  render.keep_hair = take_switch(args, "--keep-hair");
  if (take_switch(args, "--no-symmetry")) design.symmetric = false;
  if (take_switch(args, "--female")) analysis_options.female = true;
  std::optional<std::string> points_text = take_flag(args, "--points");
  std::optional<std::string> scar_text = take_flag(args, "--scar");

  Status s;
  if (auto v = take_flag(args, "--style")) s = choice("--style", *v, {"juvenile", "mature", "broken", "soft"}, &design.style);
  if (!s.ok()) return fail(s.error());
  if (auto v = take_flag(args, "--shape")) s = choice("--shape", *v, {"straight", "rounded", "widows_peak"}, &design.shape);
  if (!s.ok()) return fail(s.error());
  if (auto v = take_flag(args, "--goal")) s = choice("--goal", *v, {"full", "density", "scar"}, &design.goal);
  if (!s.ok()) return fail(s.error());
  if (auto v = take_flag(args, "--shade")) s = choice("--shade", *v, {"auto", "black", "dark", "medium", "light"}, &render.shade);
  if (!s.ok()) return fail(s.error());
  struct NumFlag { const char* name; double lo, hi; double* out; };
  double seed = render.seed, height = 0, age = 0, px_per_cm = 0;
  for (NumFlag f : {NumFlag{"--density", 20, 400, &render.density}, NumFlag{"--seed", 0, 4294967295.0, &seed},
                    NumFlag{"--height-cm", 4, 11, &height}, NumFlag{"--age", 0, 120, &age},
                    NumFlag{"--px-per-cm", 0.5, 10000, &px_per_cm},
                    NumFlag{"--dot-min", 0.1, 2, &render.dot_min_mm}, NumFlag{"--dot-max", 0.1, 2, &render.dot_max_mm}}) {
    if (auto v = take_flag(args, f.name)) {
      Result<double> r = number(f.name, *v, f.lo, f.hi);
      if (!r.ok()) return fail(r.error());
      *f.out = r.value();
    }
  }
  render.seed = static_cast<std::uint32_t>(seed);
  design.height_cm = static_cast<float>(height);
  design.age = static_cast<int>(age);
  if (render.dot_max_mm < render.dot_min_mm) return fail("--dot-max must not be below --dot-min.");
  Result<int> turn = take_turn(args);
  if (!turn.ok()) return fail(turn.error());
  if (args.size() != 1 || !out_path) return fail(kUsage);

  auto bytes = read_photo(args[0]);
  if (!bytes.ok()) return fail(bytes.error());
  Result<Photo> decoded = decode_photo(bytes->data(), bytes->size());
  if (!decoded.ok()) return fail(decoded.error());
  Photo photo = turn_photo(std::move(decoded.value()), turn.value());
  Image after;
  if (split) {
    // The pair's halves share one scale; work on the left (before) half.
    Image before = half(photo.working, false);
    after = half(photo.working, true);
    Image rgba(before.width, before.height, 4);
    for (int y = 0; y < before.height; ++y)
      for (int x = 0; x < before.width; ++x) {
        for (int c = 0; c < 3; ++c) rgba.at(x, y)[c] = before.at(x, y)[c];
        rgba.at(x, y)[3] = 255;
      }
    double scale = photo.scale;
    Result<Photo> left = photo_from_rgba(rgba.pixels.data(), rgba.width, rgba.height);
    if (!left.ok()) return fail(left.error());
    photo = std::move(left.value());
    photo.scale = scale;
  }

  design.px_per_cm = static_cast<float>(px_per_cm / photo.scale);  // photo px -> working px
  auto t0 = Clock::now();
  Result<Analysis> analysis = analyze(photo, analysis_options);
  if (!analysis.ok()) return fail(analysis.error());
  const Analysis& a = analysis.value();
  double t_analysis = ms_since(t0);
  if (scar_text) {
    auto p = points("--scar", *scar_text, photo.scale);
    if (!p.ok()) return fail(p.error());
    design.scar_outline = p.value();
  }
  t0 = Clock::now();
  Result<Design> d = Error{"", ""};
  if (points_text) {
    auto p = points("--points", *points_text, photo.scale);
    if (!p.ok()) return fail(p.error());
    d = design_from_points(a, design, p.value());
  } else {
    d = design_hairline(a, design);
  }
  if (!d.ok()) return fail(d.error());
  double t_design = ms_since(t0);
  // With the full goal the client's hair is shown clipped, with stubble dots over it.
  t0 = Clock::now();
  Shaved shaved{photo.working, {}};
  if (design.goal == "full" && !render.keep_hair) shaved = shave_hair(photo.working, a, d.value());
  const double t_shave = ms_since(t0);
  t0 = Clock::now();
  std::vector<Dot> dots = place_dots(a, with_stubble(d.value(), a, shaved.weight), render);
  double t_place = ms_since(t0);
  t0 = Clock::now();
  Image preview;
  if (!shaved.weight.empty()) {
    Photo base = photo;
    base.working = std::move(shaved.working);
    render_preview(base, a, dots, render, &preview);
  } else {
    render_preview(photo, a, dots, render, &preview);
  }
  double t_render = ms_since(t0);

  Image rgb = to_rgb(preview);
  Image written = split ? side_by_side(rgb, after) : compare ? side_by_side(photo.working, rgb) : rgb;
  if (Status w = write_png(*out_path, written); !w.ok()) return fail(w.error());

  const Design& dd = d.value();
  JsonWriter j;
  j.begin_object();
  j.key("dots").value(static_cast<int>(dots.size()));
  j.key("width").value(preview.width).key("height").value(preview.height);
  j.key("px_per_cm").value(static_cast<double>(dd.px_per_cm) / photo.scale);
  j.key("scale_method").value(dd.scale_method);
  j.key("basis").value(dd.basis);
  j.key("view").value(view_name(a.view));
  j.key("area_cm2").value(dd.area_cm2);
  j.key("hairline").begin_array();
  for (glm::vec2 p : dd.control_points)
    j.begin_array().value(std::round(p.x * photo.scale)).value(std::round(p.y * photo.scale)).end_array();
  j.end_array();
  j.key("notes").begin_array();
  for (const std::string& n : dd.notes) j.value(n);
  j.end_array();
  if (split) {
    // The treated area of the preview against the real result's same area.
    const double px_per_mm = dd.px_per_cm / 10.0;
    const InkStats p = ink_stats(rgb, dd.region, px_per_mm), r = ink_stats(after, dd.region, px_per_mm);
    j.key("lab").begin_object();
    lab_json(j, "before", ink_stats(photo.working, dd.region, px_per_mm).lab);
    lab_json(j, "preview", p.lab);
    lab_json(j, "after", r.lab);
    j.end_object();
    j.key("ink_match").begin_object();
    j.key("delta_e").value(std::round(delta_e(p.lab, r.lab) * 10) / 10);
    j.key("l_spread").begin_array().value(std::round(p.l_spread * 10) / 10).value(std::round(r.l_spread * 10) / 10).end_array();
    j.key("texture").begin_array().value(std::round(p.texture * 10) / 10).value(std::round(r.texture * 10) / 10).end_array();
    j.end_object();
  }
  j.key("timings_ms").begin_object().key("analysis").value(t_analysis).key("design").value(t_design)
      .key("shave").value(t_shave).key("place").value(t_place).key("render").value(t_render).end_object();
  j.end_object();
  std::cout << j.str() << "\n";
  return 0;
}

}  // namespace smp::cli

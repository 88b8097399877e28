// vision_eval - how well the analysis understands photos.
//
// On the labelled portraits of ../shared/photos/faceparts/ (labels: 0
// background, 1 face skin, 2 hair): is a face found with both eyes on
// labelled face skin, how well the predicted head (skin + hair) overlaps the
// labelled one above the chin, and where the "full" goal preview (the CLI's
// defaults) changes pixels: on the background, on the lower two thirds of the
// face. On the scalp photos of ../shared/photos/hairloss-train/: how often a
// face is reported, and how often the head outline covers between 5 % and
// 95 % of the frame. Intervals are 95 % bootstrap percentiles, resampling
// photos for the portraits and people for the scalp photos (one person's
// photos are not independent of each other).
//
//   build/native/bin/vision_eval [--limit N] [--faceparts-only | --hairloss-only]
//                                [--debug DIR] [--jobs N]
//   --limit N    N evenly spaced photos of each set (default: all)
//   --debug DIR  side-by-side PNGs of about 24 photos per set: photo | labels
//                with eyes and face box | preview (| labelled truth); DIR must
//                lie outside the repository, the photos are not ours to copy
//   --jobs N     worker threads (default 2; the analysis keeps no mutable shared
//                state, and --jobs 1 prints the same figures)
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/render/dots.h"
#include "core/render/shaved.h"
#include "core/design/design.h"
#include "core/intake/photo.h"
#include "tests/core/test_images.h"
#include "tests/eval/eval_common.h"

namespace {

using smp::Image;
using namespace smp::eval;
using Rgb = std::array<std::uint8_t, 3>;

constexpr int kChangedAbove = 8;    // a preview pixel differing by more than this in a channel is "changed"
constexpr int kDebugPhotos = 24;    // debug images per set

// Did the preview change working pixel (x, y) of the photo?
bool changed_at(const Image& photo, const Image& preview, int x, int y) {
  const std::uint8_t *o = photo.at(x, y), *q = preview.at(x, y);
  for (int c = 0; c < 3; ++c)
    if (std::abs(int(q[c]) - int(o[c])) > kChangedAbove) return true;
  return false;
}

// --- statistics --------------------------------------------------------------

// Share of the picked records for which `yes` holds, among those `in` admits.
Stat share_of(std::function<bool(int)> yes, std::function<bool(int)> in = [](int) { return true; }) {
  return [yes, in](const std::vector<int>& pick) {
    double n = 0, k = 0;
    for (int i : pick)
      if (in(i)) n += 1, k += yes(i);
    return n > 0 ? k / n : NAN;
  };
}

Stat mean_of(std::function<double(int)> value, std::function<bool(int)> in) {
  return [value, in](const std::vector<int>& pick) {
    double n = 0, s = 0;
    for (int i : pick)
      if (in(i)) n += 1, s += value(i);
    return n > 0 ? s / n : NAN;
  };
}

// sum(part) / sum(whole) over the picked records.
Stat pooled(std::function<double(int)> part, std::function<double(int)> whole) {
  return [part, whole](const std::vector<int>& pick) {
    double p = 0, w = 0;
    for (int i : pick) p += part(i), w += whole(i);
    return w > 0 ? p / w : NAN;
  };
}

int count_of(std::size_t n, const std::function<bool(int)>& in) {
  int c = 0;
  for (std::size_t i = 0; i < n; ++i) c += in(int(i));
  return c;
}

// One printed figure: "label: 71.2 % [68.8, 73.5] (n=1392)".
void percent_line(const char* label, const Stat& stat, const std::vector<std::vector<int>>& groups,
                  std::size_t records, int n, const char* extra = "") {
  const double v = stat(all_indices(records));
  const Interval ci = bootstrap(groups, stat);
  std::printf("  %-40s %5.1f %% [%5.1f, %5.1f]  (n=%d%s)\n", label, 100 * v, 100 * ci.lo, 100 * ci.hi, n, extra);
}

// --- work ----------------------------------------------------------------------

// The preview `smp preview PHOTO --goal GOAL -o OUT.png` renders with the
// CLI's other defaults (RGBA, working size): with the full goal the hair is
// shaved and stubble dots laid over it.
smp::Result<Image> goal_preview(const smp::Photo& photo, const smp::Analysis& a, const std::vector<glm::vec2>& tile,
                                const std::string& goal) {
  smp::DesignOptions design;
  design.goal = goal;
  const smp::RenderOptions render;
  smp::Result<smp::Design> d = smp::design_hairline(a, design);
  if (!d.ok()) return d.error();
  smp::Photo base = photo;
  smp::Design dotted = d.value();
  if (goal == "full") {
    smp::Shaved shaved = smp::shave_hair(photo.working, a, d.value());
    dotted = smp::with_stubble(d.value(), a, shaved.weight);
    base.working = std::move(shaved.working);
  }
  const std::vector<smp::Dot> dots = smp::place_dots(a, dotted, render, tile);
  Image out;
  smp::render_preview(base, a, dots, render, &out);
  return out;
}

// The analysis is checked against its own sizes, so a field that changes
// shape fails loudly here instead of reading out of bounds.
bool consistent(const smp::Analysis& a, const smp::Photo& photo) {
  const std::size_t n = std::size_t(a.width) * a.height;
  return a.width == photo.working.width && a.height == photo.working.height && a.labels.size() == n &&
         a.head_mask.size() == n;
}

// --- debug images ----------------------------------------------------------------

void put(Image& img, int x, int y, Rgb c) {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  for (int k = 0; k < 3; ++k) img.at(x, y)[k] = c[std::size_t(k)];
}

void draw_box(Image& img, const smp::Box& b, int thick, Rgb c) {
  const int x0 = int(std::lround(b.x)), y0 = int(std::lround(b.y));
  const int x1 = int(std::lround(b.x + b.w)), y1 = int(std::lround(b.y + b.h));
  for (int t = 0; t < thick; ++t) {
    for (int x = x0; x <= x1; ++x) put(img, x, y0 + t, c), put(img, x, y1 - t, c);
    for (int y = y0; y <= y1; ++y) put(img, x0 + t, y, c), put(img, x1 - t, y, c);
  }
}

void draw_cross(Image& img, glm::vec2 p, int radius, int thick, Rgb c) {
  const int cx = int(std::lround(p.x)), cy = int(std::lround(p.y));
  for (int d = -radius; d <= radius; ++d)
    for (int t = -(thick / 2); t <= thick / 2; ++t) put(img, cx + d, cy + t, c), put(img, cx + t, cy + d, c);
}

Rgb segment_colour(int s) {
  switch (s) {
    case smp::kSkin: return {210, 180, 140};
    case smp::kHair: return {110, 70, 35};
    case smp::kOther: return {50, 90, 230};
    default: return {0, 0, 0};
  }
}

// The analysis labels coloured, with the eye points and the face box.
Image analysis_panel(const smp::Analysis& a) {
  Image img(a.width, a.height, 3);
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) put(img, x, y, segment_colour(a.labels[std::size_t(y) * a.width + x]));
  const int thick = std::max(1, std::max(a.width, a.height) / 250);
  if (a.face) draw_box(img, *a.face, thick, {255, 230, 0});
  if (a.landmarks)
    for (glm::vec2 e : a.landmarks->eyes) draw_cross(img, e, 3 * thick, thick, {255, 40, 40});
  return img;
}

Image rgb_of(const Image& img) {
  Image out(img.width, img.height, 3);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      for (int c = 0; c < 3; ++c) out.at(x, y)[c] = img.at(x, y)[img.channels == 1 ? 0 : c];
  return out;
}

Image side_by_side(const std::vector<Image>& panels) {
  constexpr int kGap = 4;
  int w = 0, h = 0;
  for (const Image& p : panels) w += p.width + kGap, h = std::max(h, p.height);
  Image out(std::max(0, w - kGap), h, 3);
  std::fill(out.pixels.begin(), out.pixels.end(), std::uint8_t(255));
  int x0 = 0;
  for (const Image& p : panels) {
    const Image rgb = rgb_of(p);
    for (int y = 0; y < rgb.height; ++y)
      for (int x = 0; x < rgb.width; ++x) put(out, x0 + x, y, {rgb.at(x, y)[0], rgb.at(x, y)[1], rgb.at(x, y)[2]});
    x0 += p.width + kGap;
  }
  return out;
}

bool write_png(const std::string& path, const Image& img) {
  const std::vector<std::uint8_t> bytes = smp::test::encode_png(img);
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return bool(out);
}

std::string stem(const std::string& file) {
  return std::filesystem::path(file).stem().string();
}

// --- faceparts -------------------------------------------------------------------

// The analysis of `photo`, timed, with its failure (or an inconsistent
// result) recorded in `r` as an error code, and whether it found a face.
template <class Row>
smp::Result<smp::Analysis> timed_analysis(const smp::Photo& photo, Row* r) {
  const Clock::time_point t0 = Clock::now();
  smp::Result<smp::Analysis> ar = smp::analyze(photo);
  r->ms = ms_since(t0);
  if (!ar.ok()) {
    r->error = ar.error().code;
    return ar;
  }
  if (!consistent(ar.value(), photo)) {
    r->error = "inconsistent_analysis";
    return smp::Error{r->error, "The analysis's masks do not match its size."};
  }
  r->face = ar->face.has_value();
  r->landmarks = ar->landmarks.has_value();
  return ar;
}

struct Portrait {
  std::string error;  // what failed, empty when analysed
  int width = 0, height = 0;  // original size, once decoded
  bool face = false, landmarks = false, eyes_on_skin = false;
  std::array<glm::vec2, 2> eyes_rel{};  // eye points as fractions of the frame, with landmarks
  bool constant_on_skin = false;        // the set's median eye points both on face skin
  bool truth = false;  // the labels hold face skin, so the chin row exists
  double iou = 0;      // a failed analysis predicts no head
  long changed = 0, on_background = 0, on_lower_face = 0;  // preview pixels above the chin
  long density_changed = 0, density_background = 0, density_lower_face = 0;  // the same, density goal
  long above_chin = 0;                                      // all pixels above the chin
  int chin_row = -1;
  double missed = 0, extra = 0;  // head IoU's losses: truth head not predicted, predicted not truth (of the union)
  long hair_inter = 0, hair_union = 0;  // hair label against predicted hair, above the chin
  std::array<long, 4> hair_read_as{};    // labelled hair pixels by predicted class (smp::Segment)
  std::array<long, 3> hair_labelled_as{};  // predicted hair pixels by labelled class
  // Midline hairline: the first labelled hair pixel above the face skin at
  // the labelled face's middle column, and the analysis's current hairline
  // there, as fractions of the height (-1 when absent).
  double hairline_truth = -1, hairline_found = -1;
  bool bare_front = false;  // labelled face skin with no hair above it at the midline
  std::string preview_error;  // why no preview was rendered, when it was wanted
  double ms = 0;
};

// Fills the midline hairline fields of `r` (see Portrait).
void midline_hairline(const Image& labels, const smp::Analysis& a, double scale, Portrait* r) {
  const int W = labels.width, H = labels.height;
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (labels.at(x, y)[0] == kTruthSkin) sx += x, sy += y, n += 1;
  if (n == 0) return;
  const int mx = int(sx / n);
  int y = int(sy / n);
  while (y >= 0 && labels.at(mx, y)[0] != kTruthHair) --y;
  // No hair above the face: a bald front, which should get no hairline.
  r->bare_front = y < 0;
  if (y >= 0) r->hairline_truth = double(y) / H;
  // The polyline's height at the midline column, between the vertices that straddle it.
  const float wx = float((mx + 0.5) / scale);
  const std::vector<glm::vec2>& line = a.hairline;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const glm::vec2 p = line[i], q = line[i + 1];
    if ((p.x - wx) * (q.x - wx) > 0 || p.x == q.x) continue;
    const float t = (wx - p.x) / (q.x - p.x);
    r->hairline_found = double((p.y + t * (q.y - p.y)) * scale) / H;
    return;
  }
}

Portrait portrait(const std::string& photo_file, const std::string& labels_file,
                  const std::vector<glm::vec2>& tile, const std::string& debug_path) {
  Portrait r;
  smp::Result<smp::Photo> p = smp::test::load_shared("faceparts/" + photo_file);
  if (!p.ok()) {
    r.error = p.error().code;
    return r;
  }
  const smp::Photo& photo = p.value();
  const int W = photo.original_width, H = photo.original_height;
  r.width = W, r.height = H;
  const Image labels = portrait_labels(labels_file, W, H);
  if (labels.empty()) {
    r.error = "labels_unreadable";
    return r;
  }
  auto truth = [&](int x, int y) { return labels.at(x, y)[0]; };

  int top = -1, chin = -1;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (truth(x, y) == kTruthSkin) {
        if (top < 0) top = y;
        chin = y;
      }
  r.truth = chin >= 0;

  smp::Result<smp::Analysis> ar = timed_analysis(photo, &r);
  if (!ar.ok()) return r;
  const smp::Analysis& a = ar.value();

  // The working pixel whose area holds the original pixel's centre.
  auto working_xy = [&](int x, int y) {
    return std::pair<int, int>{std::min(a.width - 1, int((x + 0.5) / photo.scale)),
                               std::min(a.height - 1, int((y + 0.5) / photo.scale))};
  };
  if (r.landmarks) {
    const glm::vec2 e0 = a.landmarks->eyes[0] * float(photo.scale), e1 = a.landmarks->eyes[1] * float(photo.scale);
    r.eyes_on_skin = on_face_skin(labels, e0) && on_face_skin(labels, e1);
    r.eyes_rel = {e0 / glm::vec2(W, H), e1 / glm::vec2(W, H)};
  }

  smp::Result<Image> preview = r.truth || !debug_path.empty() ? goal_preview(photo, a, tile, "full")
                                                            : smp::Result<Image>(smp::Error{"skipped", ""});
  const smp::Result<Image> density = r.truth ? goal_preview(photo, a, tile, "density")
                                             : smp::Result<Image>(smp::Error{"skipped", ""});
  if (!preview.ok() && preview.error().code != "skipped") r.preview_error = preview.error().code;
  if (r.truth) {
    // Lower face: face skin below the upper third of its vertical extent.
    const int lower_from = top + (chin - top + 1) / 3;
    long inter = 0, uni = 0;
    for (int y = 0; y <= chin; ++y)
      for (int x = 0; x < W; ++x) {
        const auto [wx, wy] = working_xy(x, y);
        const std::uint8_t t = truth(x, y), s = a.labels[std::size_t(wy) * a.width + wx];
        const bool in_truth = t == kTruthSkin || t == kTruthHair, in_pred = s == smp::kSkin || s == smp::kHair;
        inter += in_truth && in_pred;
        uni += in_truth || in_pred;
        const bool hair_truth = t == kTruthHair, hair_pred = s == smp::kHair;
        r.hair_inter += hair_truth && hair_pred;
        if (hair_truth && s < 4) ++r.hair_read_as[s];
        if (hair_pred && t < 3) ++r.hair_labelled_as[t];
        r.hair_union += hair_truth || hair_pred;
        r.missed += in_truth && !in_pred;
        r.extra += in_pred && !in_truth;
        if (density.ok()) {
          const bool changed = changed_at(photo.working, density.value(), wx, wy);
          r.density_changed += changed;
          r.density_background += changed && t == kTruthBackground;
          r.density_lower_face += changed && t == kTruthSkin && y >= lower_from;
        }
        if (!preview.ok() || !changed_at(photo.working, preview.value(), wx, wy)) continue;
        ++r.changed;
        r.on_background += t == kTruthBackground;
        r.on_lower_face += t == kTruthSkin && y >= lower_from;
      }
    r.iou = uni > 0 ? double(inter) / double(uni) : 0;
    midline_hairline(labels, a, photo.scale, &r);
    if (uni > 0) r.missed /= double(uni), r.extra /= double(uni);
    r.above_chin = long(chin + 1) * W;
    r.chin_row = chin;
  }
  if (!debug_path.empty()) {
    Image truth_panel(a.width, a.height, 3);
    for (int y = 0; y < a.height; ++y)
      for (int x = 0; x < a.width; ++x) {
        const int ox = std::min(W - 1, int(x * photo.scale)), oy = std::min(H - 1, int(y * photo.scale));
        const std::uint8_t t = truth(ox, oy);
        put(truth_panel, x, y, segment_colour(t == kTruthSkin ? smp::kSkin : t == kTruthHair ? smp::kHair : smp::kBackground));
        // Head disagreements above the chin: missed yellow, predicted beyond the truth magenta.
        const std::uint8_t sl = a.labels[std::size_t(y) * a.width + x];
        const bool in_truth = t == kTruthSkin || t == kTruthHair, in_pred = sl == smp::kSkin || sl == smp::kHair;
        if (oy <= r.chin_row && in_truth != in_pred) put(truth_panel, x, y, in_truth ? Rgb{240, 220, 0} : Rgb{220, 0, 220});
        if (!preview.ok()) continue;
        // Pixels the preview changed: red on the labelled background, green elsewhere.
        if (changed_at(photo.working, preview.value(), x, y)) put(truth_panel, x, y, t == kTruthBackground ? Rgb{230, 30, 30}
                                                                  : Rgb{40, 200, 60});
      }
    write_png(debug_path, side_by_side({photo.working, analysis_panel(a),
                                        preview.ok() ? preview.value() : photo.working, truth_panel}));
  }
  return r;
}

void print_failures(const char* what, const std::vector<std::string>& files, const std::vector<std::string>& errors) {
  std::map<std::string, int> by_code;
  std::string first;
  for (std::size_t i = 0; i < errors.size(); ++i)
    if (!errors[i].empty()) {
      if (by_code[errors[i]]++ == 0) first += " " + files[i] + " (" + errors[i] + ")";
    }
  if (by_code.empty()) return;
  std::string codes;
  for (const auto& [code, n] : by_code) codes += " " + code + ":" + std::to_string(n);
  std::printf("  %s failed:%s; first of each:%s\n", what, codes.c_str(), first.c_str());
}

void faceparts(int limit, int jobs, const std::string& debug_dir) {
  const Sample set = sample("faceparts/labels.tsv", 2, limit, debug_dir.empty() ? 0 : kDebugPhotos);
  const std::vector<std::vector<std::string>>& rows = set.rows;
  const std::vector<int>& debug_at = set.debug_at;
  const std::size_t n = rows.size();
  const std::vector<glm::vec2> tile = smp::dot_tile(smp::RenderOptions().seed);
  std::vector<Portrait> r(n);
  std::vector<std::string> files(n);
  const Clock::time_point t0 = Clock::now();
  parallel_for(int(n), jobs, [&](int i) {
    const std::vector<std::string>& row = rows[std::size_t(i)];
    files[std::size_t(i)] = row[0];
    std::string debug_path;
    if (debug_at[std::size_t(i)] >= 0) {
      char name[32];
      std::snprintf(name, sizeof name, "faceparts-%02d-", debug_at[std::size_t(i)]);
      debug_path = debug_dir + "/" + name + stem(row[0]) + ".png";
    }
    r[std::size_t(i)] = portrait(row[0], row[1], tile, debug_path);
  });
  const double wall_s = ms_since(t0) / 1000;

  // A constant guess, the median of the eye points found, put on every photo:
  // on roughly aligned portraits it shows how much of the eye check
  // alignment alone passes.
  std::array<std::vector<double>, 4> coords;
  for (const Portrait& p : r)
    if (p.landmarks)
      for (int k = 0; k < 2; ++k)
        coords[std::size_t(2 * k)].push_back(p.eyes_rel[std::size_t(k)].x),
            coords[std::size_t(2 * k + 1)].push_back(p.eyes_rel[std::size_t(k)].y);
  const bool have_guess = !coords[0].empty();
  if (have_guess) {
    const glm::vec2 g0(quantile(coords[0], 0.5), quantile(coords[1], 0.5));
    const glm::vec2 g1(quantile(coords[2], 0.5), quantile(coords[3], 0.5));
    parallel_for(int(n), jobs, [&](int i) {
      Portrait& p = r[std::size_t(i)];
      const std::vector<std::string>& row = rows[std::size_t(i)];
      const Image labels = portrait_labels(row[1], p.width, p.height);
      if (labels.empty()) return;
      const glm::vec2 size(labels.width, labels.height);
      p.constant_on_skin = on_face_skin(labels, g0 * size) && on_face_skin(labels, g1 * size);
    });
  }

  const auto groups = by_person(files);
  auto with_truth = [&](int i) { return r[std::size_t(i)].truth; };
  auto with_dots = [&](int i) { return r[std::size_t(i)].changed > 0; };
  const int n_truth = count_of(n, with_truth), n_dots = count_of(n, with_dots);
  std::printf("faceparts: %zu of %zu labelled portraits of %zu people, %d with labelled face skin; intervals resample "
              "people\n", n, rows.size(), groups.size(), n_truth);
  print_failures("photo", files, [&] {
    std::vector<std::string> e;
    for (const Portrait& p : r) e.push_back(p.error);
    return e;
  }());
  const int N = int(n);
  percent_line("face reported at all", share_of([&](int i) { return r[std::size_t(i)].face; }), groups, n, N);
  percent_line("face with landmarks", share_of([&](int i) { return r[std::size_t(i)].landmarks; }), groups, n, N);
  percent_line("face with both eyes on skin", share_of([&](int i) { return r[std::size_t(i)].eyes_on_skin; }), groups,
               n, N);
  if (have_guess)
    percent_line("  (a constant guess: median eye points)",
                 share_of([&](int i) { return r[std::size_t(i)].constant_on_skin; }), groups, n, N);

  {
    const Stat mean_iou = mean_of([&](int i) { return r[std::size_t(i)].iou; }, with_truth);
    std::vector<double> ious;
    for (const Portrait& p : r)
      if (p.truth) ious.push_back(p.iou);
    const Interval ci = bootstrap(groups, mean_iou);
    std::printf("  %-40s %5.3f   [%5.3f, %5.3f]  median %.3f, 10th pct %.3f  (n=%d)\n", "head IoU above the chin, mean",
                mean_iou(all_indices(n)), ci.lo, ci.hi, quantile(ious, 0.5), quantile(ious, 0.1), n_truth);
  }

  {
    const Stat hair_iou = pooled([&](int i) { return double(r[std::size_t(i)].hair_inter); },
                                 [&](int i) { return double(r[std::size_t(i)].hair_union); });
    const Interval ci = bootstrap(groups, hair_iou);
    std::printf("  %-40s %5.3f   [%5.3f, %5.3f]\n", "hair IoU above the chin, pooled", hair_iou(all_indices(n)), ci.lo,
                ci.hi);
    std::array<double, 4> as{};
    std::array<double, 3> by{};
    for (const Portrait& p : r) {
      for (int k = 0; k < 4; ++k) as[std::size_t(k)] += double(p.hair_read_as[std::size_t(k)]);
      for (int k = 0; k < 3; ++k) by[std::size_t(k)] += double(p.hair_labelled_as[std::size_t(k)]);
    }
    const double sa = as[0] + as[1] + as[2] + as[3], sb = by[0] + by[1] + by[2];
    if (sa > 0 && sb > 0)
      std::printf("    labelled hair read as background %.1f%%, skin %.1f%%, hair %.1f%%, other %.1f%%;"
                  " read hair labelled background %.1f%%, skin %.1f%%, hair %.1f%%\n",
                  100 * as[0] / sa, 100 * as[1] / sa, 100 * as[2] / sa, 100 * as[3] / sa, 100 * by[0] / sb,
                  100 * by[1] / sb, 100 * by[2] / sb);
    auto with_line = [&](int i) { return r[std::size_t(i)].hairline_truth >= 0; };
    auto found = [&](int i) { return r[std::size_t(i)].hairline_found >= 0; };
    const int n_line = count_of(n, with_line);
    std::vector<double> truth_rows;
    for (const Portrait& p : r)
      if (p.hairline_truth >= 0) truth_rows.push_back(p.hairline_truth);
    const double constant = quantile(truth_rows, 0.5);
    // A missing hairline counts as the largest error (the whole height).
    auto error = [&](int i) {
      const Portrait& p = r[std::size_t(i)];
      return p.hairline_found >= 0 ? std::fabs(p.hairline_found - p.hairline_truth) : 1.0;
    };
    auto selected = [&](const std::vector<int>& idx) {
      std::vector<double> e;
      for (int i : idx)
        if (with_line(i)) e.push_back(error(i));
      return e;
    };
    const Stat median_error = [&](const std::vector<int>& idx) { return quantile(selected(idx), 0.5); };
    const Stat within5 = [&](const std::vector<int>& idx) {
      const std::vector<double> e = selected(idx);
      return e.empty() ? NAN : double(std::count_if(e.begin(), e.end(), [](double v) { return v <= 0.05; })) / double(e.size());
    };
    const Stat found_share = [&](const std::vector<int>& idx) {
      double k = 0, m = 0;
      for (int i : idx)
        if (with_line(i)) k += found(i), m += 1;
      return m > 0 ? k / m : NAN;
    };
    std::printf("  midline hairline, %d portraits with hair above the face skin (missing counts as error 1):\n", n_line);
    const Interval me = bootstrap(groups, median_error), w5 = bootstrap(groups, within5), fs = bootstrap(groups, found_share);
    std::printf("  %-40s %5.1f%%  [%5.1f, %5.1f]\n", "  median |error| / height", 100 * median_error(all_indices(n)),
                100 * me.lo, 100 * me.hi);
    std::printf("  %-40s %5.1f%%  [%5.1f, %5.1f]\n", "  within 5 % of the height", 100 * within5(all_indices(n)),
                100 * w5.lo, 100 * w5.hi);
    std::printf("  %-40s %5.1f%%  [%5.1f, %5.1f]\n", "  found", 100 * found_share(all_indices(n)), 100 * fs.lo,
                100 * fs.hi);
    std::printf("    not found:");
    int shown = 0;
    for (int i = 0; i < int(n) && shown < 8; ++i)
      if (with_line(i) && !found(i)) std::printf(" %s", files[std::size_t(i)].c_str()), ++shown;
    std::printf("\n    off by more than 5 %%:");
    shown = 0;
    for (int i = 0; i < int(n) && shown < 8; ++i)
      if (with_line(i) && found(i) && error(i) > 0.05)
        std::printf(" %s %+.1f%%", files[std::size_t(i)].c_str(),
                    100 * (r[std::size_t(i)].hairline_found - r[std::size_t(i)].hairline_truth)), ++shown;
    std::printf("\n");
    auto bare = [&](int i) { return r[std::size_t(i)].bare_front; };
    const Stat false_line = [&](const std::vector<int>& idx) {
      double k = 0, m = 0;
      for (int i : idx)
        if (bare(i)) k += found(i), m += 1;
      return m > 0 ? k / m : NAN;
    };
    const Interval fl = bootstrap(groups, false_line);
    std::printf("  %-40s %5.1f%%  [%5.1f, %5.1f]  (n=%d)\n", "bare midline given a hairline there",
                100 * false_line(all_indices(n)), 100 * fl.lo, 100 * fl.hi, count_of(n, bare));
    std::vector<double> ce;
    for (const Portrait& p : r)
      if (p.hairline_truth >= 0) ce.push_back(std::fabs(p.hairline_truth - constant));
    std::printf("    (a constant guess at the set's median row %.3f: median |error| %.1f%%, within 5 %% on %.1f%%)\n",
                constant, 100 * quantile(ce, 0.5),
                ce.empty() ? 0.0 : 100.0 * double(std::count_if(ce.begin(), ce.end(), [](double v) { return v <= 0.05; })) / double(ce.size()));
  }

  std::printf("  preview (goal full, CLI defaults): %d of %d photos change pixels above the chin\n", n_dots, n_truth);
  print_failures("preview", files, [&] {
    std::vector<std::string> e;
    for (const Portrait& p : r) e.push_back(p.preview_error);
    return e;
  }());
  auto changed = [&](int i) { return double(r[std::size_t(i)].changed); };
  auto bg = [&](int i) { return double(r[std::size_t(i)].on_background); };
  auto lower = [&](int i) { return double(r[std::size_t(i)].on_lower_face); };
  auto ratio = [](std::function<double(int)> part, std::function<double(int)> whole) {
    return [part, whole](int i) { return part(i) / whole(i); };
  };
  percent_line("changed px on background, pooled", pooled(bg, changed), groups, n, n_dots);
  percent_line("changed px on background, mean per photo", mean_of(ratio(bg, changed), with_dots), groups, n, n_dots);
  {
    double m = 0, e = 0, c = 0;
    for (const Portrait& p : r)
      if (p.truth) m += p.missed, e += p.extra, c += 1;
    std::printf("  head IoU's losses, mean share of the union: truth head missed %.3f, predicted beyond it %.3f\n",
                c > 0 ? m / c : 0.0, c > 0 ? e / c : 0.0);
  }
  // The same changes as a share of all the preview's pixels above the chin.
  auto all_px = [&](int i) { return double(r[std::size_t(i)].above_chin); };
  percent_line("bg changes / all px above chin, pooled", pooled(bg, all_px), groups, n, n_dots);
  percent_line("lower-face changes / all px, pooled", pooled(lower, all_px), groups, n, n_dots);
  percent_line("changed px on lower face, pooled", pooled(lower, changed), groups, n, n_dots);
  percent_line("changed px on lower face, mean per photo", mean_of(ratio(lower, changed), with_dots), groups, n,
               n_dots);
  {
    auto d_changed = [&](int i) { return double(r[std::size_t(i)].density_changed); };
    auto d_bg = [&](int i) { return double(r[std::size_t(i)].density_background); };
    auto d_lower = [&](int i) { return double(r[std::size_t(i)].density_lower_face); };
    auto d_dots = [&](int i) { return r[std::size_t(i)].density_changed > 0; };
    const int n_d = count_of(n, d_dots);
    std::printf("  preview (goal density, CLI defaults): %d of %d photos change pixels above the chin\n", n_d, n_truth);
    percent_line("changed px on background, pooled", pooled(d_bg, d_changed), groups, n, n_d);
    percent_line("changed px on lower face, pooled", pooled(d_lower, d_changed), groups, n, n_d);
    percent_line("bg changes / all px above chin, pooled", pooled(d_bg, all_px), groups, n, n_d);
  }

  // The photos with the lowest head IoU, to look at.
  {
    std::vector<int> low;
    for (int i = 0; i < n; ++i)
      if (r[std::size_t(i)].truth) low.push_back(i);
    std::sort(low.begin(), low.end(), [&](int a, int b) { return r[std::size_t(a)].iou < r[std::size_t(b)].iou; });
    std::printf("  lowest head IoU:");
    for (std::size_t k = 0; k < low.size() && k < 6; ++k)
      std::printf(" %s %.2f", files[std::size_t(low[k])].c_str(), r[std::size_t(low[k])].iou);
    std::printf("\n");
  }
  // The photos whose previews change the most background, to look at.
  std::vector<int> worst;
  for (int i = 0; i < n; ++i)
    if (r[std::size_t(i)].changed > 0) worst.push_back(i);
  std::sort(worst.begin(), worst.end(), [&](int a, int b) { return bg(a) > bg(b); });
  std::printf("  most background pixels changed:");
  for (std::size_t k = 0; k < worst.size() && k < 6; ++k)
    std::printf(" %s %.0f of %.0f", files[std::size_t(worst[k])].c_str(), bg(worst[k]), changed(worst[k]));
  std::printf("\n");

  std::vector<double> ms;
  for (const Portrait& p : r)
    if (p.ms > 0) ms.push_back(p.ms);
  std::printf("  analysis time: median %.1f ms per photo (%d threads; %.1f s for the set)\n", quantile(ms, 0.5), jobs,
              wall_s);
}

// --- hairloss-train --------------------------------------------------------------

constexpr double kHeadMin = 0.05, kHeadMax = 0.95;

struct Scalp {
  std::string error;
  bool face = false, landmarks = false, head_ok = false;
  double head_share = 0;
  double ms = 0;
};

Scalp scalp(const std::string& file, const std::vector<glm::vec2>& tile, const std::string& debug_path) {
  Scalp r;
  smp::Result<smp::Photo> p = smp::test::load_shared("hairloss-train/" + file);
  if (!p.ok()) {
    r.error = p.error().code;
    return r;
  }
  const smp::Photo& photo = p.value();
  smp::Result<smp::Analysis> ar = timed_analysis(photo, &r);
  if (!ar.ok()) return r;
  const smp::Analysis& a = ar.value();
  const long head = std::count_if(a.head_mask.begin(), a.head_mask.end(), [](std::uint8_t m) { return m != 0; });
  r.head_share = double(head) / double(a.head_mask.size());
  r.head_ok = r.head_share >= kHeadMin && r.head_share <= kHeadMax;
  if (!debug_path.empty()) {
    smp::Result<Image> preview = goal_preview(photo, a, tile, "full");
    write_png(debug_path,
              side_by_side({photo.working, analysis_panel(a), preview.ok() ? preview.value() : photo.working}));
  }
  return r;
}

void hairloss(int limit, int jobs, const std::string& debug_dir) {
  const Sample set = sample("hairloss-train/labels.tsv", 4, limit, debug_dir.empty() ? 0 : kDebugPhotos);
  const std::vector<std::vector<std::string>>& rows = set.rows;
  const std::vector<int>& debug_at = set.debug_at;
  const std::size_t n = rows.size();
  const std::vector<glm::vec2> tile = smp::dot_tile(smp::RenderOptions().seed);
  std::vector<Scalp> r(n);
  std::vector<std::string> files(n), views(n), people(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<std::string>& row = rows[i];
    files[i] = row[0], views[i] = row[1].empty() ? "(none)" : row[1], people[i] = row[3];
  }
  const Clock::time_point t0 = Clock::now();
  parallel_for(int(n), jobs, [&](int i) {
    std::string debug_path;
    if (debug_at[std::size_t(i)] >= 0) {
      char name[48];
      std::snprintf(name, sizeof name, "hairloss-%02d-%s-", debug_at[std::size_t(i)], views[std::size_t(i)].c_str());
      debug_path = debug_dir + "/" + name + stem(files[std::size_t(i)]) + ".png";
    }
    r[std::size_t(i)] = scalp(files[std::size_t(i)], tile, debug_path);
  });
  const double wall_s = ms_since(t0) / 1000;

  std::map<std::string, std::vector<int>> by_person;
  for (std::size_t i = 0; i < n; ++i) by_person[people[i]].push_back(int(i));
  std::vector<std::vector<int>> groups;
  for (auto& [person, idx] : by_person) groups.push_back(idx);

  std::printf("hairloss-train: %zu of %zu scalp photos, %zu people; intervals resample people\n", n, rows.size(),
              groups.size());
  print_failures("photo", files, [&] {
    std::vector<std::string> e;
    for (const Scalp& s : r) e.push_back(s.error);
    return e;
  }());
  const int N = int(n);
  auto face = [&](int i) { return r[std::size_t(i)].face; };
  auto landmarks = [&](int i) { return r[std::size_t(i)].landmarks; };
  auto head_ok = [&](int i) { return r[std::size_t(i)].head_ok; };
  percent_line("face reported at all", share_of(face), groups, n, N);
  percent_line("face with landmarks", share_of(landmarks), groups, n, N);
  percent_line("head mask 5-95 % of the frame", share_of(head_ok), groups, n, N);
  std::vector<double> shares;
  for (const Scalp& s : r) shares.push_back(s.head_share);
  const int below = count_of(n, [&](int i) { return r[std::size_t(i)].head_share < kHeadMin; });
  const int above = count_of(n, [&](int i) { return r[std::size_t(i)].head_share > kHeadMax; });
  std::printf("  head mask share of the frame: median %.3f; below 5 %%: %d, above 95 %%: %d\n", quantile(shares, 0.5),
              below, above);

  std::map<std::string, std::vector<int>> by_view;
  for (std::size_t i = 0; i < n; ++i) by_view[views[i]].push_back(int(i));
  std::printf("  %-10s %5s %8s %10s %10s\n", "by view", "n", "face", "landmarks", "head 5-95");
  for (const auto& entry : by_view) {
    const std::string& view = entry.first;
    const std::vector<int>& idx = entry.second;  // a plain reference: lambdas may not capture bindings
    auto pct = [&](const std::function<bool(int)>& f) { return 100.0 * share_of(f)(idx); };
    std::printf("  %-10s %5zu %7.1f%% %9.1f%% %9.1f%%\n", view.c_str(), idx.size(), pct(face), pct(landmarks),
                pct(head_ok));
  }
  std::vector<double> ms;
  for (const Scalp& s : r)
    if (s.ms > 0) ms.push_back(s.ms);
  std::printf("  analysis time: median %.1f ms per photo (%d threads; %.1f s for the set)\n", quantile(ms, 0.5), jobs,
              wall_s);
}

const char* kUsage =
    "usage: vision_eval [--limit N] [--faceparts-only | --hairloss-only] [--debug DIR] [--jobs N]\n";

}  // namespace

int main(int argc, char** argv) {
  int limit = 0, jobs = 2;
  bool do_faceparts = true, do_hairloss = true;
  std::string debug_dir;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--limit") && has_value) limit = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--jobs") && has_value) jobs = std::clamp(std::atoi(argv[++i]), 1, 64);
    else if (!std::strcmp(argv[i], "--debug") && has_value) debug_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--faceparts-only")) do_hairloss = false;
    else if (!std::strcmp(argv[i], "--hairloss-only")) do_faceparts = false;
    else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (!debug_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(debug_dir, ec);
    if (ec) {
      std::fprintf(stderr, "cannot create %s: %s\n", debug_dir.c_str(), ec.message().c_str());
      return 1;
    }
  }
  if (do_faceparts) {
    if (smp::test::shared_photo("faceparts/labels.tsv").empty()) std::printf("SKIP: ../shared/photos/faceparts is absent\n");
    else faceparts(limit, jobs, debug_dir);
  }
  if (do_hairloss) {
    if (do_faceparts) std::printf("\n");
    if (smp::test::shared_photo("hairloss-train/labels.tsv").empty())
      std::printf("SKIP: ../shared/photos/hairloss-train is absent\n");
    else hairloss(limit, jobs, debug_dir);
  }
  return 0;
}

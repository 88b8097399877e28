// design_eval - where the designed juvenile hairline falls against the
// hairline people actually have.
//
// On the labelled portraits of ../shared/photos/faceparts/ (labels: 0
// background, 1 face skin, 2 hair) whose hair meets the forehead, the
// analysis runs and design_hairline() proposes a juvenile line (every other
// option at its default). The truth is the labelled hairline at the face's
// midline; errors are signed fractions of the face height (+ = the line sits
// higher on the forehead than the person's own). Intervals are 95 % bootstrap
// percentiles resampling people (the name before a file's trailing number),
// since one person's photos are not independent.
//
//   build/native/bin/design_eval [--limit N] [--jobs N] [--tsv FILE]
//   --limit N   N evenly spaced photos (default: all)
//   --jobs N    worker threads (default 2)
//   --tsv FILE  one row per photo with the measured positions (original pixels)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/geometric.hpp>

#include "core/analysis/analysis.h"
#include "core/design/design.h"
#include "core/intake/photo.h"
#include "tests/core/test_images.h"
#include "tests/eval/eval_common.h"

namespace {

using smp::Image;
using namespace smp::eval;

// A hair run above the forehead shorter than this share of the photo's
// height is a stray superpixel on a bare front, not a hairline.
constexpr double kMinHairRun = 0.02;
// The forehead's middle is read this share of the photo's height below the
// hairline: low enough to clear a ragged hair edge, above the brows.
constexpr double kForeheadRow = 0.04;
constexpr int kFolds = 5;  // cross-validation folds, people kept whole

// Where each photo stands; positions are original pixels, NaN when absent.
struct Row {
  std::string file, person, error;
  std::string exclusion;      // why the photo does not qualify; empty when it does
  int mid_x = -1;             // the labelled face's midline column
  double truth_y = NAN;       // first hair pixel above the forehead skin there (its centre)
  double chin_y = NAN;        // the analysis's chin at the midline
  bool face = false, landmarks = false;
  std::string basis;          // Design::basis of the juvenile design
  std::string why_not_face;   // when a face was found but the design is not face-based
  double design_y = NAN;      // the designed juvenile line at the midline
  double current_y = NAN;     // the analysis's current hairline at the midline
  double glabella_y = NAN;    // the analysis's glabella, for the rule's cross-validation
  double measure = NAN;       // the design's face measure (design.h face_measure_px), original px
  double face_box_top = NAN, face_box_h = NAN;  // the detector's box, for a baseline
  double height = 0;          // photo height
};

// The first label above the face skin at column x, walking up from row y0:
// up to the first face skin (a start may fall on glasses or an open mouth),
// then through it. Returns its row, or -1 when the skin reaches the top.
int above_face_skin(const Image& labels, int x, int y0) {
  int y = y0;
  while (y >= 0 && labels.at(x, y)[0] != kTruthSkin) --y;
  while (y >= 0 && labels.at(x, y)[0] == kTruthSkin) --y;
  return y;
}

// The labelled hairline at the face's midline. The midline is the middle
// of the forehead: from the face skin's centroid (which ears, neck and a
// turned head pull aside) up to the label above the skin, then the middle
// of the skin's run in the row kForeheadRow of the height below that. The
// hair meets the forehead when, at that column, the label above the face
// skin is hair, in a run of at least kMinHairRun of the height. Returns why
// not, or "".
std::string labelled_hairline(const Image& labels, Row* r) {
  const int W = labels.width, H = labels.height;
  auto at = [&](int x, int y) { return labels.at(x, y)[0]; };
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (at(x, y) == kTruthSkin) sx += x, sy += y, n += 1;
  if (n == 0) return "no face skin labelled";
  int mx = int(sx / n);
  const int cy = int(sy / n);
  int y = above_face_skin(labels, mx, cy);
  if (y < 0) return "face skin reaches the top";
  const int row = std::min(H - 1, y + 1 + int(std::lround(kForeheadRow * H)));
  if (at(mx, row) == kTruthSkin) {
    int lo = mx, hi = mx;
    while (lo > 0 && at(lo - 1, row) == kTruthSkin) --lo;
    while (hi + 1 < W && at(hi + 1, row) == kTruthSkin) ++hi;
    mx = (lo + hi) / 2;
    y = above_face_skin(labels, mx, cy);
    if (y < 0) return "face skin reaches the top";
  }
  r->mid_x = mx;
  if (at(mx, y) != kTruthHair) return "no hair above the forehead";
  int top = y;
  while (top >= 0 && at(mx, top) == kTruthHair) --top;
  const int min_run = std::max(2, int(std::lround(kMinHairRun * H)));
  if (y - top < min_run) return "no hair above the forehead";
  r->truth_y = y + 0.5;
  return "";
}

// The height of a left-to-right polyline at column x: the crossing nearest
// the middle of the line (a line may fold back at its temples), or NaN.
double line_y_at(const std::vector<glm::vec2>& line, float x) {
  double best = NAN;
  double best_d = 1e30;
  const double middle = 0.5 * double(line.size());
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const glm::vec2 p = line[i], q = line[i + 1];
    if ((p.x - x) * (q.x - x) > 0 || p.x == q.x) continue;
    const float t = (x - p.x) / (q.x - p.x);
    const double d = std::fabs(double(i) - middle);
    if (d < best_d) best_d = d, best = p.y + t * (q.y - p.y);
  }
  return best;
}

// Why the design is not face-based although a face was reported, in the
// words of design.cpp's rules.
std::string why_not_face(const smp::Analysis& a) {
  if (!a.landmarks) return "face without landmarks (not upright)";
  const smp::Box& b = *a.face;
  auto in_box = [&](glm::vec2 p) { return p.x >= b.x && p.y >= b.y && p.x <= b.x + b.w && p.y <= b.y + b.h; };
  if (!in_box(a.landmarks->eyes[0]) || !in_box(a.landmarks->eyes[1])) return "eyes outside the face box";
  const float ix = std::max(0.f, std::min(b.x + b.w, float(a.width)) - std::max(b.x, 0.f));
  const float iy = std::max(0.f, std::min(b.y + b.h, float(a.height)) - std::max(b.y, 0.f));
  if (ix * iy < 0.7f * b.w * b.h) return "face box over 30 % outside the photo";
  return "face line's middle off the photo or the head outline";
}

Row measure(const std::string& file, const std::string& labels_file) {
  Row r;
  r.file = file;
  r.person = person_of(file);
  smp::Result<smp::Photo> p = smp::test::load_shared("faceparts/" + file);
  if (!p.ok()) {
    r.error = p.error().code;
    return r;
  }
  const smp::Photo& photo = p.value();
  const Image labels = portrait_labels(labels_file, photo.original_width, photo.original_height);
  if (labels.empty()) {
    r.error = "labels_unreadable";
    return r;
  }
  r.height = labels.height;
  r.exclusion = labelled_hairline(labels, &r);
  if (!r.exclusion.empty()) return r;

  smp::Result<smp::Analysis> ar = smp::analyze(photo);
  if (!ar.ok()) {
    r.error = ar.error().code;
    return r;
  }
  const smp::Analysis& a = ar.value();
  const double s = photo.scale;  // original pixels per working pixel
  const float wx = float((r.mid_x + 0.5) / s);
  r.face = a.face.has_value();
  r.landmarks = a.landmarks.has_value();
  if (a.face) r.face_box_top = a.face->y * s, r.face_box_h = a.face->h * s;
  if (a.landmarks) {
    const smp::Landmarks& l = *a.landmarks;
    // The chin counts only when the eyes lie on the labelled face: a face
    // found elsewhere in the photo is another person's.
    if (on_face_skin(labels, l.eyes[0] * float(s)) && on_face_skin(labels, l.eyes[1] * float(s)))
      r.chin_y = l.chin.y * s;
    r.glabella_y = l.glabella.y * s;
    r.measure = smp::face_measure_px(l) * s;
  }
  const double current = line_y_at(a.hairline, wx);
  if (std::isfinite(current)) r.current_y = current * s;

  smp::DesignOptions o;
  o.style = "juvenile";
  smp::Result<smp::Design> d = smp::design_hairline(a, o);
  if (!d.ok()) {
    r.error = d.error().code;
    return r;
  }
  r.basis = d->basis;
  if (r.face && d->basis != "face") r.why_not_face = why_not_face(a);
  const double y = line_y_at(d->curve, wx);
  if (std::isfinite(y)) r.design_y = y * s;
  return r;
}

// --- figures ------------------------------------------------------------------

// Signed error of a line at row `y` as a fraction of the face height (+ =
// above the truth); NaN without a line.
double error_of(const Row& r, double y, double face_h) {
  return std::isfinite(y) ? (r.truth_y - y) / face_h : NAN;
}

struct Figures {
  Stat signed_median, abs_median, within5, within10, found;
};

// The four figures of a per-photo error (NaN = no line, counted as an error
// of the whole face height in the |error| figures and left out of the
// signed median).
Figures figures_of(std::function<double(int)> err) {
  auto errs = [err](const std::vector<int>& pick, bool absolute) {
    std::vector<double> e;
    for (int i : pick) {
      const double v = err(i);
      if (std::isfinite(v)) e.push_back(absolute ? std::fabs(v) : v);
      else if (absolute) e.push_back(1.0);
    }
    return e;
  };
  auto within = [errs](double bound) {
    return [errs, bound](const std::vector<int>& pick) {
      const std::vector<double> e = errs(pick, true);
      return e.empty() ? NAN
                       : double(std::count_if(e.begin(), e.end(), [bound](double v) { return v <= bound; })) /
                             double(e.size());
    };
  };
  Figures f;
  f.signed_median = [errs](const std::vector<int>& pick) { return quantile(errs(pick, false), 0.5); };
  f.abs_median = [errs](const std::vector<int>& pick) { return quantile(errs(pick, true), 0.5); };
  f.within5 = within(0.05);
  f.within10 = within(0.10);
  f.found = [err](const std::vector<int>& pick) {
    double k = 0;
    for (int i : pick) k += std::isfinite(err(i));
    return pick.empty() ? NAN : k / double(pick.size());
  };
  return f;
}

void figure_line(const char* label, const Stat& stat, const std::vector<std::vector<int>>& groups,
                 const std::vector<int>& all) {
  const Interval ci = bootstrap(groups, stat);
  std::printf("    %-30s  %5.1f %%  [%5.1f, %5.1f]\n", label, 100 * stat(all), 100 * ci.lo, 100 * ci.hi);
}

void print_figures(const char* title, std::function<double(int)> err, const std::vector<std::vector<int>>& groups,
                   const std::vector<int>& all, bool with_found) {
  const Figures f = figures_of(std::move(err));
  std::printf("  %s\n", title);
  const double sm = f.signed_median(all);
  const Interval sci = bootstrap(groups, f.signed_median);
  std::printf("    %-30s %+6.1f %%  [%+5.1f, %+5.1f]\n", "signed median error", 100 * sm, 100 * sci.lo, 100 * sci.hi);
  figure_line("median |error|", f.abs_median, groups, all);
  figure_line("within 5 % of the face height", f.within5, groups, all);
  figure_line("within 10 %", f.within10, groups, all);
  if (with_found) figure_line("line found at the midline", f.found, groups, all);
}

// Person-grouped cross-validation of the juvenile rule's one parameter (the
// mid-frontal height as a multiple of the face measure): fitted as the
// median on the other folds' people, judged on the held-out fold.
void cross_validate(const std::vector<Row>& r, const std::vector<int>& idx, const std::vector<std::vector<int>>& groups,
                    const std::function<double(int)>& face_h) {
  std::vector<int> usable;
  for (int i : idx)
    if (std::isfinite(r[std::size_t(i)].measure) && r[std::size_t(i)].measure > 0) usable.push_back(i);
  if (usable.empty()) return;
  // People are dealt to folds in name order, so every fold mixes the set.
  std::map<std::string, int> fold_of;
  for (int i : usable) fold_of.emplace(r[std::size_t(i)].person, 0);
  int k = 0;
  for (auto& [person, fold] : fold_of) fold = k++ % kFolds;
  auto ratio = [&](int i) {
    const Row& w = r[std::size_t(i)];
    return (w.glabella_y - w.truth_y) / w.measure;
  };
  std::vector<double> held_out(r.size(), NAN), fitted;
  for (int f = 0; f < kFolds; ++f) {
    std::vector<double> train;
    for (int i : usable)
      if (fold_of[r[std::size_t(i)].person] != f) train.push_back(ratio(i));
    const double fit = quantile(train, 0.5);
    fitted.push_back(fit);
    for (int i : usable)
      if (fold_of[r[std::size_t(i)].person] == f)
        held_out[std::size_t(i)] = (fit - ratio(i)) * r[std::size_t(i)].measure / face_h(i);
  }
  std::vector<double> all;
  for (int i : usable) all.push_back(ratio(i));
  std::printf("  the juvenile rule alone (mid-frontal point %.3f face measures above the glabella, design.h),\n"
              "  cross-validated over %d folds of people (fitted per fold: %.3f to %.3f; on all: %.3f); n=%zu\n",
              double(smp::kJuvenileFaceMeasures), kFolds, *std::min_element(fitted.begin(), fitted.end()),
              *std::max_element(fitted.begin(), fitted.end()), quantile(all, 0.5), usable.size());
  std::vector<std::vector<int>> usable_groups;
  for (const std::vector<int>& g : groups) {
    std::vector<int> kept;
    for (int i : g)
      if (std::isfinite(held_out[std::size_t(i)])) kept.push_back(i);
    if (!kept.empty()) usable_groups.push_back(kept);
  }
  print_figures("held-out error:", [&](int i) { return held_out[std::size_t(i)]; }, usable_groups, usable, false);
}

void report(const std::vector<Row>& r) {
  const std::size_t n = r.size();
  std::map<std::string, int> excluded, errors;
  std::vector<int> idx;
  for (std::size_t i = 0; i < n; ++i) {
    if (!r[i].error.empty()) ++errors[r[i].error];
    else if (!r[i].exclusion.empty()) ++excluded[r[i].exclusion];
    else idx.push_back(int(i));
  }
  std::printf("faceparts: %zu labelled portraits; %zu qualify (at the middle of the labelled forehead, going up from\n"
              "the face skin, hair is met, in a run of at least %.0f %% of the photo's height)\n",
              n, idx.size(), 100 * kMinHairRun);
  for (const auto& [why, c] : excluded) std::printf("  left out, %s: %d\n", why.c_str(), c);
  for (const auto& [code, c] : errors) std::printf("  failed (%s): %d\n", code.c_str(), c);
  if (idx.empty()) return;

  std::map<std::string, std::vector<int>> by_person;
  for (int i : idx) by_person[r[std::size_t(i)].person].push_back(i);
  std::vector<std::vector<int>> groups;
  for (auto& [person, g] : by_person) groups.push_back(g);
  std::printf("  %zu people; intervals resample people\n", groups.size());

  // The face height runs from the labelled hairline to the chin. The labels
  // take in the neck (their lowest skin pixel is the collar), so the chin is
  // the analysis's; where it found none on the labelled face, the median face
  // height as a share of the photo's height stands in.
  std::vector<double> shares;
  for (int i : idx)
    if (std::isfinite(r[std::size_t(i)].chin_y))
      shares.push_back((r[std::size_t(i)].chin_y - r[std::size_t(i)].truth_y) / r[std::size_t(i)].height);
  const double share = shares.empty() ? 0.6 : quantile(shares, 0.5);
  auto face_h = [&](int i) {
    const Row& w = r[std::size_t(i)];
    return std::isfinite(w.chin_y) ? w.chin_y - w.truth_y : share * w.height;
  };
  std::printf("  face height: labelled hairline to the analysis's chin; median %.1f %% of the photo's height\n"
              "  (stands in on the %zu photos without a chin)\n",
              100 * share, idx.size() - shares.size());

  auto share_stat = [&](std::function<bool(int)> yes, std::function<bool(int)> in) {
    return [yes, in](const std::vector<int>& pick) {
      double k = 0, m = 0;
      for (int i : pick)
        if (in(i)) m += 1, k += yes(i);
      return m > 0 ? k / m : NAN;
    };
  };
  auto face_based = [&](int i) { return r[std::size_t(i)].basis == "face"; };
  auto any = [](int) { return true; };
  auto with_face = [&](int i) { return r[std::size_t(i)].face; };
  int n_face = 0, n_based = 0;
  for (int i : idx) n_face += with_face(i), n_based += face_based(i);
  std::printf("\n  design basis (juvenile):\n");
  {
    const Stat all = share_stat(face_based, any), found = share_stat(face_based, with_face);
    const Interval a = bootstrap(groups, all), f = bootstrap(groups, found);
    std::printf("    %-30s  %5.1f %%  [%5.1f, %5.1f]  (%d of %zu)\n", "face-based", 100 * all(idx), 100 * a.lo,
                100 * a.hi, n_based, idx.size());
    std::printf("    %-30s  %5.1f %%  [%5.1f, %5.1f]  (of %d)\n", "face-based where a face is found", 100 * found(idx),
                100 * f.lo, 100 * f.hi, n_face);
    std::map<std::string, int> bases, reasons;
    for (int i : idx) {
      ++bases[r[std::size_t(i)].basis.empty() ? "(none)" : r[std::size_t(i)].basis];
      if (!r[std::size_t(i)].why_not_face.empty()) ++reasons[r[std::size_t(i)].why_not_face];
    }
    std::printf("    bases:");
    for (const auto& [b, c] : bases) std::printf(" %s %d", b.c_str(), c);
    std::printf("; no face found: %zu\n", idx.size() - std::size_t(n_face));
    for (const auto& [why, c] : reasons) std::printf("    a face but not face-based, %s: %d\n", why.c_str(), c);
  }

  std::printf("\n  error as a share of the face height (+ = the line above the person's own):\n");
  print_figures("designed juvenile line, every qualifying photo:",
                [&](int i) { return error_of(r[std::size_t(i)], r[std::size_t(i)].design_y, face_h(i)); }, groups, idx,
                true);
  {
    std::vector<int> based;
    std::vector<std::vector<int>> based_groups;
    for (const std::vector<int>& g : groups) {
      std::vector<int> kept;
      for (int i : g)
        if (face_based(i)) kept.push_back(i), based.push_back(i);
      if (!kept.empty()) based_groups.push_back(kept);
    }
    if (!based.empty())
      print_figures("designed juvenile line, face-based designs only:",
                    [&](int i) { return error_of(r[std::size_t(i)], r[std::size_t(i)].design_y, face_h(i)); },
                    based_groups, based, false);
  }
  print_figures("the analysis's current hairline (a missing line counts as an error of 1):",
                [&](int i) { return error_of(r[std::size_t(i)], r[std::size_t(i)].current_y, face_h(i)); }, groups,
                idx, true);

  // Constant guesses, each the set's median position in its own measure.
  {
    std::vector<double> rows, boxes;
    for (int i : idx) {
      const Row& w = r[std::size_t(i)];
      rows.push_back(w.truth_y / w.height);
      if (std::isfinite(w.face_box_top)) boxes.push_back((w.truth_y - w.face_box_top) / w.face_box_h);
    }
    const double row = quantile(rows, 0.5), box = quantile(boxes, 0.5);
    char title[160];
    std::snprintf(title, sizeof title, "baseline: the face box's top + %.3f of its height (none without a face):", box);
    print_figures(title,
                  [&](int i) {
                    const Row& w = r[std::size_t(i)];
                    return std::isfinite(w.face_box_top) ? error_of(w, w.face_box_top + box * w.face_box_h, face_h(i))
                                                         : NAN;
                  },
                  groups, idx, true);
    std::snprintf(title, sizeof title,
                  "baseline: the row at %.3f of the photo's height (these portraits are aligned):", row);
    print_figures(title, [&](int i) { return error_of(r[std::size_t(i)], row * r[std::size_t(i)].height, face_h(i)); },
                  groups, idx, false);
  }
  std::printf("\n");
  cross_validate(r, idx, groups, face_h);

  std::printf("  largest designed-line errors:");
  std::vector<int> worst = idx;
  auto abs_err = [&](int i) {
    const double e = error_of(r[std::size_t(i)], r[std::size_t(i)].design_y, face_h(i));
    return std::isfinite(e) ? std::fabs(e) : 1.0;
  };
  std::sort(worst.begin(), worst.end(), [&](int a, int b) { return abs_err(a) > abs_err(b); });
  for (std::size_t k = 0; k < worst.size() && k < 8; ++k) {
    const Row& w = r[std::size_t(worst[k])];
    const double e = error_of(w, w.design_y, face_h(worst[k]));
    if (std::isfinite(e)) std::printf(" %s %+.1f%% (%s)", w.file.c_str(), 100 * e, w.basis.c_str());
    else std::printf(" %s no line at the midline (%s)", w.file.c_str(), w.basis.c_str());
  }
  std::printf("\n");
}

void write_tsv(const std::string& path, const std::vector<Row>& r) {
  std::ofstream out(path);
  out << "file\tperson\terror\texclusion\tmid_x\ttruth_y\tchin_y\tglabella_y\tmeasure\tface\tlandmarks\tbasis\t"
         "why_not_face\tdesign_y\tcurrent_y\tface_box_top\tface_box_h\theight\n";
  for (const Row& w : r)
    out << w.file << '\t' << w.person << '\t' << w.error << '\t' << w.exclusion << '\t' << w.mid_x << '\t'
        << w.truth_y << '\t' << w.chin_y << '\t' << w.glabella_y << '\t' << w.measure << '\t' << w.face << '\t'
        << w.landmarks << '\t' << w.basis << '\t' << w.why_not_face << '\t' << w.design_y << '\t' << w.current_y
        << '\t' << w.face_box_top << '\t' << w.face_box_h << '\t' << w.height << '\n';
}

const char* kUsage = "usage: design_eval [--limit N] [--jobs N] [--tsv FILE]\n";

}  // namespace

int main(int argc, char** argv) {
  int limit = 0, jobs = 2;
  std::string tsv;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--limit") && has_value) limit = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--jobs") && has_value) jobs = std::clamp(std::atoi(argv[++i]), 1, 64);
    else if (!std::strcmp(argv[i], "--tsv") && has_value) tsv = argv[++i];
    else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (smp::test::shared_photo("faceparts/labels.tsv").empty()) {
    std::printf("SKIP: ../shared/photos/faceparts is absent\n");
    return 0;
  }
  const Sample set = sample("faceparts/labels.tsv", 2, limit, 0);
  std::vector<Row> rows(set.rows.size());
  const Clock::time_point t0 = Clock::now();
  parallel_for(int(rows.size()), jobs, [&](int i) {
    rows[std::size_t(i)] = measure(set.rows[std::size_t(i)][0], set.rows[std::size_t(i)][1]);
  });
  report(rows);
  std::printf("  (%.1f s, %d threads)\n", ms_since(t0) / 1000, jobs);
  if (!tsv.empty()) write_tsv(tsv, rows);
  return 0;
}

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <utility>
#include <vector>

#include "cli.h"
#include "core/analysis/analysis.h"
#include "core/analysis/analysis_overlay.h"
#include "core/intake/photo.h"

namespace smp::cli {
namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}
double cpu_ms() { return 1000.0 * double(std::clock()) / CLOCKS_PER_SEC; }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The cost floor in the same run: one read of every working pixel (a
// luminance sum), the least any per-pixel analysis must do.
double baseline_ms(const Image& img) {
  const double t = now_ms();
  unsigned long long sum = 0;
  for (std::size_t i = 0; i + 2 < img.pixels.size(); i += 3)
    sum += 77u * img.pixels[i] + 150u * img.pixels[i + 1] + 29u * img.pixels[i + 2];
  const double ms = now_ms() - t;
  if (sum == 42) std::cerr << "";  // keeps the loop from being optimised away
  return ms;
}

// `--bench N`: analyses N times and prints timings as one JSON line on
// stderr (stdout still carries the analysis).
void bench(const Photo& photo, const AnalysisOptions& options, int runs) {
  std::vector<double> wall, cpu, base;
  for (int i = 0; i < runs; ++i) {
    base.push_back(baseline_ms(photo.working));
    const double w0 = now_ms(), c0 = cpu_ms();
    Result<Analysis> a = analyze(photo, options);
    cpu.push_back(cpu_ms() - c0);
    wall.push_back(now_ms() - w0);
    if (!a.ok()) return;
  }
  std::cerr << "{\"working\": [" << photo.working.width << ", " << photo.working.height
            << "], \"runs\": " << runs << ", \"analysis_ms\": " << median(wall)
            << ", \"analysis_cpu_ms\": " << median(cpu) << ", \"baseline_ms\": " << median(base)
            << "}\n";
}

}  // namespace

int cmd_analyze(Args args) {
  std::optional<std::string> debug = take_flag(args, "--debug-image");
  std::optional<std::string> runs = take_flag(args, "--bench");
  Result<int> turn = take_turn(args);
  if (!turn.ok()) return fail(turn.error());
  AnalysisOptions options;
  for (auto it = args.begin(); it != args.end();)
    if (*it == "--female") { options.female = true; it = args.erase(it); } else ++it;
  if (args.size() != 1)
    return fail("usage: smp analyze PHOTO [--female] [--debug-image OUT.png] [--bench N] [--turn QUARTERS]");
  const int bench_runs = runs ? std::atoi(runs->c_str()) : 0;
  if (runs && (bench_runs < 1 || bench_runs > 1000)) return fail("--bench takes a count from 1 to 1000");
  auto bytes = read_photo(args[0]);
  if (!bytes.ok()) return fail(bytes.error());
  Result<Photo> photo = decode_photo(bytes->data(), bytes->size());
  if (!photo.ok()) return fail(photo.error());
  photo.value() = turn_photo(std::move(photo.value()), turn.value());
  Result<Analysis> a = analyze(photo.value(), options);
  if (!a.ok()) return fail(a.error());
  std::cout << analysis_json(a.value(), photo.value()) << "\n";
  if (debug) {
    Status st = write_png(*debug, draw_analysis(photo.value(), a.value()));
    if (!st.ok()) return fail(st.error());
  }
  if (bench_runs) bench(photo.value(), options, bench_runs);
  return 0;
}

}  // namespace smp::cli

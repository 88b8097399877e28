// eval_common.h - what the evaluation programs share: bootstrap intervals
// over resampling groups, a thread pool loop, evenly spread samples of a
// set's labels.tsv, and the labelled portraits of ../shared/photos/faceparts/.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <glm/vec2.hpp>

#include "core/base/image.h"
#include "core/intake/photo.h"
#include "tests/core/test_images.h"

namespace smp::eval {

using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// --- statistics --------------------------------------------------------------

inline constexpr int kResamples = 2000;  // bootstrap resamples

// splitmix64: a fixed generator, so the intervals are the same on every
// platform (std::uniform_int_distribution is not).
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

inline double quantile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const double pos = q * double(v.size() - 1);
  const std::size_t i = std::size_t(pos);
  const double f = pos - double(i);
  return i + 1 < v.size() ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

struct Interval {
  double lo = NAN, hi = NAN;
};

// A statistic over a multiset of record indices; NaN where it is undefined.
using Stat = std::function<double(const std::vector<int>&)>;

// Percentile interval of `stat` over resamples of whole groups (each group
// the record indices of one resampling unit), with a fixed seed so every run
// prints the same interval.
inline Interval bootstrap(const std::vector<std::vector<int>>& groups, const Stat& stat) {
  Rng rng{0x5eed};
  std::vector<double> values;
  std::vector<int> pick;
  for (int r = 0; r < kResamples; ++r) {
    pick.clear();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::vector<int>& grp = groups[rng.next() % groups.size()];
      pick.insert(pick.end(), grp.begin(), grp.end());
    }
    const double v = stat(pick);
    if (std::isfinite(v)) values.push_back(v);
  }
  return {quantile(values, 0.025), quantile(values, 0.975)};
}

inline std::vector<int> all_indices(std::size_t n) {
  std::vector<int> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = int(i);
  return v;
}

inline std::vector<std::vector<int>> singletons(std::size_t n) {
  std::vector<std::vector<int>> g(n);
  for (std::size_t i = 0; i < n; ++i) g[i] = {int(i)};
  return g;
}

// The person a portrait shows: its file name before the trailing number
// (Person_Name_0001.jpg), so another photo of the same person resamples with it.
inline std::string person_of(const std::string& file) {
  const std::string stem = file.substr(0, file.rfind('.'));
  const std::size_t cut = stem.rfind('_');
  return cut == std::string::npos ? stem : stem.substr(0, cut);
}

// Record indices grouped by person_of(files[i]).
inline std::vector<std::vector<int>> by_person(const std::vector<std::string>& files) {
  std::map<std::string, std::vector<int>> people;
  for (std::size_t i = 0; i < files.size(); ++i) people[person_of(files[i])].push_back(int(i));
  std::vector<std::vector<int>> groups;
  for (auto& [person, g] : people) groups.push_back(std::move(g));
  return groups;
}

// --- work ----------------------------------------------------------------------

// Runs f(0..n-1) on `jobs` threads; each call writes only its own record.
template <class F>
void parallel_for(int n, int jobs, F f) {
  std::atomic<int> next{0};
  auto work = [&] {
    for (int i; (i = next++) < n;) f(i);
  };
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
}

// `n` evenly spaced positions out of `total` (every k-th), or all of them.
inline std::vector<int> spread(int total, int n) {
  if (n <= 0 || n >= total) return all_indices(std::size_t(total));
  std::vector<int> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[std::size_t(i)] = int(std::int64_t(i) * total / n);
  return v;
}

// The rows of a set's labels.tsv that have at least `columns` fields,
// `limit` of them spread evenly through the list (the lists run person by
// person, view by view, so even steps land on different people and views),
// and for `debug` of them the number of their debug image (else -1).
struct Sample {
  std::vector<std::vector<std::string>> rows;
  std::vector<int> debug_at;
};
inline Sample sample(const char* tsv, std::size_t columns, int limit, int debug) {
  std::vector<std::vector<std::string>> all;
  for (auto& row : smp::test::read_tsv(tsv))
    if (row.size() >= columns) all.push_back(std::move(row));
  Sample s;
  for (int i : spread(int(all.size()), limit)) s.rows.push_back(std::move(all[std::size_t(i)]));
  s.debug_at.assign(s.rows.size(), -1);
  if (debug > 0) {
    const std::vector<int> d = spread(int(s.rows.size()), debug);
    for (std::size_t k = 0; k < d.size(); ++k) s.debug_at[std::size_t(d[k])] = int(k);
  }
  return s;
}

// --- faceparts -------------------------------------------------------------------

inline constexpr std::uint8_t kTruthBackground = 0, kTruthSkin = 1, kTruthHair = 2;

// The labels of a portrait at its original size, or an empty image.
inline Image portrait_labels(const std::string& labels_file, int width, int height) {
  smp::Result<smp::Photo> l = smp::test::load_shared("faceparts/" + labels_file);
  if (!l.ok() || l->working.width != width || l->working.height != height) return {};
  return std::move(l.value().working);  // grey labels decode to equal channels
}

// Is an original-pixel point on labelled face skin, give or take one pixel
// (the labels follow superpixels, so their edges are coarse)?
inline bool on_face_skin(const Image& labels, glm::vec2 p) {
  const int cx = int(std::floor(p.x)), cy = int(std::floor(p.y));
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      const int x = cx + dx, y = cy + dy;
      if (x >= 0 && y >= 0 && x < labels.width && y < labels.height && labels.at(x, y)[0] == kTruthSkin) return true;
    }
  return false;
}

}  // namespace smp::eval

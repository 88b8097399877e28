// robustness_eval - does the Norwood stage hold when the same photo comes in
// differently? Each hair-loss photo (../shared/photos/hairloss/) is analysed
// as it is and as variants a client's camera or upload could produce:
// mirrored, turned, at half size (area average, Mitchell filter, bicubic
// without anti-aliasing), darker, brighter, warmer, cooler, through a steeper
// and a flatter tone curve, in black and white, and re-encoded as a JPEG.
// Prints, per variant, on how many photos the stage is unchanged, how far it
// moved, the mean bare share against the original's, and the accuracy against
// the labels; the original run is the baseline.
// Then the face-on portraits of misc/ at half size: is their face kept?
//
//   build/native/bin/robustness_eval [--every N]   (default: every photo)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/geometric.hpp>

#include "core/analysis/analysis.h"
#include "core/intake/photo.h"
#include "core/base/resize.h"
#include "tests/core/test_images.h"

// stb's resizer (Debian libstb-dev, like stb_image in the core) for a
// Mitchell-filtered downscale, the kind most photo software applies.
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_STATIC
#include <stb/stb_image_resize.h>

namespace {

using smp::Image;

using Transform = std::function<Image(const Image&)>;

Image per_channel(const Image& in, float r, float g, float b, float gamma) {
  Image out = in;
  const float m[3] = {r, g, b};
  for (std::size_t i = 0; i < out.pixels.size(); ++i) {
    const float v = std::pow(in.pixels[i] / 255.0f, gamma) * m[i % 3];
    out.pixels[i] = std::uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255));
  }
  return out;
}

Image half_area(const Image& in) {
  return smp::area_resample_to_rgb(in.pixels.data(), in.width, in.height, 3, in.width / 2, in.height / 2);
}

Image half_mitchell(const Image& in) {
  Image out(in.width / 2, in.height / 2, 3);
  stbir_resize_uint8(in.pixels.data(), in.width, in.height, 0, out.pixels.data(), out.width, out.height, 0, 3);
  return out;
}

// Half size by bicubic interpolation without anti-aliasing (a [-1 9 9 -1]/16
// kernel per axis), as many image libraries resize: sharper than an area
// average.
Image half_bicubic(const Image& in) {
  Image out(in.width / 2, in.height / 2, 3);
  auto px = [&](int x, int y, int c) {
    return float(in.at(std::clamp(x, 0, in.width - 1), std::clamp(y, 0, in.height - 1))[c]);
  };
  const float k[4] = {-1 / 16.0f, 9 / 16.0f, 9 / 16.0f, -1 / 16.0f};
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      for (int c = 0; c < 3; ++c) {
        float v = 0;
        for (int j = 0; j < 4; ++j)
          for (int i = 0; i < 4; ++i) v += k[j] * k[i] * px(2 * x - 1 + i, 2 * y - 1 + j, c);
        out.at(x, y)[c] = std::uint8_t(std::lround(std::clamp(v, 0.0f, 255.0f)));
      }
  return out;
}

// Encoded as a JPEG at `quality`, like a messaging app's, and decoded again
// through the photo intake.
Image jpeg_again(const Image& in, int quality) {
  const std::vector<std::uint8_t> bytes = smp::test::encode_jpeg(in, quality);
  smp::Result<smp::Photo> p = smp::decode_photo(bytes.data(), bytes.size());
  return p.ok() ? p->working : Image();
}

Image turned(const Image& in, int quarter_turns) {
  return smp::turn_photo(smp::test::photo_of(in), quarter_turns).working;
}

struct Read {
  int stage = 0;
  float bald = 0;
  std::optional<smp::Landmarks> landmarks;  // working pixels
};

Read analyse(const Image& img) {
  smp::Result<smp::Analysis> a = smp::analyze(smp::test::photo_of(img));
  if (!a.ok()) return {};
  return {a->norwood_stage, a->bald_fraction, a->landmarks};
}

// The face-on portraits of misc/ at half size: is the face found as shot
// still found, its glabella within a quarter of its eye distance?
void portraits_at_half_size() {
  const std::vector<std::pair<std::string, Transform>> halves = {
      {"area", half_area}, {"Mitchell", half_mitchell}, {"bicubic", half_bicubic}};
  int n = 0, kept[3] = {0, 0, 0};
  std::string lost[3];
  for (const auto& row : smp::test::read_tsv("misc/MANIFEST.tsv")) {
    if (row.size() < 6 || row[5] != "front" || row[0].rfind("baldness_est", 0) == 0) continue;
    smp::Result<smp::Photo> p = smp::test::load_shared("misc/" + row[0]);
    if (!p.ok()) continue;
    const Read full = analyse(p->working);
    if (!full.landmarks) continue;
    ++n;
    const float ipd = glm::length(full.landmarks->eyes[1] - full.landmarks->eyes[0]);
    for (int k = 0; k < 3; ++k) {
      const Read half = analyse(halves[k].second(p->working));
      const bool same = half.landmarks && glm::length(2.0f * half.landmarks->glabella - full.landmarks->glabella) < 0.25f * ipd;
      kept[k] += same;
      if (!same) lost[k] += " " + row[0] + (half.landmarks ? " (another face)" : " (none)");
    }
  }
  std::printf("\nface-on portraits in misc/ at half size (the face found as shot kept):\n");
  for (int k = 0; k < 3; ++k)
    std::printf("  %-8s %d of %d%s%s\n", halves[k].first.c_str(), kept[k], n, lost[k].empty() ? "" : "; lost:",
                lost[k].c_str());
}

}  // namespace

int main(int argc, char** argv) {
  int every = 1;
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--every")) every = std::max(1, std::atoi(argv[i + 1]));
  if (smp::test::shared_photo("hairloss/labels.tsv").empty()) {
    std::printf("SKIP: ../shared/photos/hairloss is absent\n");
    return 0;
  }
  const std::vector<std::pair<std::string, Transform>> variants = {
      {"mirrored", [](const Image& i) { return smp::test::transformed(i, 2); }},  // EXIF 2: mirror
      {"turned 90", [](const Image& i) { return turned(i, 1); }},
      {"turned 180", [](const Image& i) { return turned(i, 2); }},
      {"half, area", half_area},
      {"half, Mitchell", half_mitchell},
      {"half, bicubic", half_bicubic},
      {"darker x0.7", [](const Image& i) { return per_channel(i, 0.7f, 0.7f, 0.7f, 1); }},
      {"brighter x1.2", [](const Image& i) { return per_channel(i, 1.2f, 1.2f, 1.2f, 1); }},
      {"warm (r1.08 b0.88)", [](const Image& i) { return per_channel(i, 1.08f, 1, 0.88f, 1); }},
      {"cool (r0.9 b1.1)", [](const Image& i) { return per_channel(i, 0.9f, 1, 1.1f, 1); }},
      {"gamma 1.3", [](const Image& i) { return per_channel(i, 1, 1, 1, 1.3f); }},
      {"gamma 0.8", [](const Image& i) { return per_channel(i, 1, 1, 1, 0.8f); }},
      {"grayscale", smp::test::grey},
      {"JPEG quality 50", [](const Image& i) { return jpeg_again(i, 50); }},
  };
  std::vector<int> labels;
  std::vector<Read> base;
  std::vector<std::vector<Read>> reads(variants.size());
  int n = 0;
  for (const auto& row : smp::test::read_tsv("hairloss/labels.tsv")) {
    if (row.size() < 3 || n++ % every) continue;
    smp::Result<smp::Photo> p = smp::test::load_shared("hairloss/" + row[0]);
    if (!p.ok()) {
      std::printf("failure: %s: %s\n", row[0].c_str(), p.error().message.c_str());
      continue;
    }
    labels.push_back(std::stoi(row[2]));
    base.push_back(analyse(p->working));
    for (std::size_t v = 0; v < variants.size(); ++v) reads[v].push_back(analyse(variants[v].second(p->working)));
  }
  const std::size_t m = base.size();
  auto accuracy = [&](const std::vector<Read>& r) {
    int err = 0, within = 0;
    for (std::size_t i = 0; i < m; ++i) err += std::abs(r[i].stage - labels[i]), within += std::abs(r[i].stage - labels[i]) <= 1;
    char s[96];
    std::snprintf(s, sizeof s, "MAE %.3f, within one %d of %zu", double(err) / m, within, m);
    return std::string(s);
  };
  auto mean_bald = [&](const std::vector<Read>& r) {
    double b = 0;
    for (const Read& x : r) b += x.bald;
    return b / m;
  };
  std::printf("%zu hair-loss photos; as they are: mean bare share %.3f, against the labels %s\n", m, mean_bald(base),
              accuracy(base).c_str());
  std::printf("%-20s %-16s %-34s %-10s %s\n", "variant", "stage unchanged", "moved by (levels: photos)", "bare share",
              "against the labels");
  for (std::size_t v = 0; v < variants.size(); ++v) {
    std::map<int, int> moved;
    int same = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const int d = reads[v][i].stage - base[i].stage;
      same += d == 0;
      if (d) moved[d]++;
    }
    std::string by;
    for (const auto& [d, c] : moved) by += (by.empty() ? "" : " ") + std::to_string(d) + ":" + std::to_string(c);
    char head[32];
    std::snprintf(head, sizeof head, "%d of %zu", same, m);
    std::printf("%-20s %-16s %-34s %-10.3f %s\n", variants[v].first.c_str(), head, by.empty() ? "-" : by.c_str(),
                mean_bald(reads[v]), accuracy(reads[v]).c_str());
  }
  if (!smp::test::shared_photo("misc/MANIFEST.tsv").empty()) portraits_at_half_size();
  return 0;
}

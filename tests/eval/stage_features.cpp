// stage_features - the measurements a hair-loss stage model is trained on,
// one row per labelled scalp photo, for scripts/train_stage.py.
//
// Per photo: the label columns of labels.tsv, the analysis's stage and hair
// pattern measures, then Analysis::stage_features (the person segmentation
// network's inner values averaged over the head, see stage_model.h).
//
//   build/native/bin/stage_features --list     every inner value: id, op, shape
//   build/native/bin/stage_features [--photos DIR] [--jobs N] > rows.tsv
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/infer/model.h"
#include "core/analysis/networks.h"
#include "core/intake/photo.h"

namespace {

struct Row {
  std::string file, view, level, person;
  std::string out;  // the printed line, empty on failure
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(s);
  for (std::string p; std::getline(ss, p, sep);) parts.push_back(p);
  return parts;
}

std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

int list_candidates() {
  const auto& nets = smp::networks();
  if (!nets.ok()) return std::fprintf(stderr, "%s\n", nets.error().message.c_str()), 1;
  const smp::infer::Model& m = nets->selfie;
  std::vector<std::uint32_t> all;
  for (std::size_t i = 0; i < m.nodes.size(); ++i) all.push_back(std::uint32_t(m.consts.size() + 1 + i));
  std::vector<smp::infer::Tensor> got;
  auto r = smp::infer::run(m, smp::infer::Tensor({1, 256, 256, 3}), all, got);
  if (!r.ok()) return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::printf("%u %s", all[i], smp::infer::op_name(m.nodes[i].op));
    for (int d : got[i].shape) std::printf(" %d", d);
    std::printf("\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = std::string(SMP_SHARED_DIR) + "/photos/hairloss-train";
  int jobs = 2, copies = 1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--list")) return list_candidates();
    if (!std::strcmp(argv[i], "--photos") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) jobs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--augment")) copies = 8;
    else return std::fprintf(stderr, "usage: stage_features [--list] [--photos DIR] [--augment] [--jobs N]\n"), 2;
  }
  std::ifstream labels(dir + "/labels.tsv");
  if (!labels) return std::fprintf(stderr, "stage_features: no %s/labels.tsv\n", dir.c_str()), 1;
  std::vector<Row> rows;
  std::string line;
  std::getline(labels, line);
  while (std::getline(labels, line)) {
    auto c = split(line, '\t');
    if (c.size() >= 4) rows.push_back({c[0], c[1], c[2], c[3], {}});
  }
  const auto& nets = smp::networks();
  if (!nets.ok()) return std::fprintf(stderr, "%s\n", nets.error().message.c_str()), 1;

  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < rows.size();) {
      Row& r = rows[i];
      const auto bytes = read_bytes(dir + "/" + r.file);
      auto photo = smp::decode_photo(bytes.data(), bytes.size());
      if (!photo.ok()) { std::fprintf(stderr, "%s: %s\n", r.file.c_str(), photo.error().message.c_str()); continue; }
      for (int copy = 0; copy < copies; ++copy) {
        // Training copies: each quarter turn, plain and mirrored (copy 0 is the photo as given).
        smp::Photo p = smp::turn_photo(photo.value(), copy % 4);
        if (copy >= 4) {
          smp::Image& im = p.working;
          for (int y = 0; y < im.height; ++y)
            for (int x = 0; x < im.width / 2; ++x)
              for (int c = 0; c < im.channels; ++c) std::swap(im.at(x, y)[c], im.at(im.width - 1 - x, y)[c]);
        }
        auto a = smp::analyze(p);
        if (!a.ok()) { std::fprintf(stderr, "%s: %s\n", r.file.c_str(), a.error().message.c_str()); continue; }
        const std::vector<float>& f = a->stage_features;
        const smp::HairPattern& h = a->pattern;
        std::string out = r.file + "\t" + r.view + "\t" + r.level + "\t" + r.person + "\t" + smp::view_name(a->view);
        char buf[64];
        std::snprintf(buf, sizeof buf, "\t%d", copy);
        out += buf;
        for (float v : {a->norwood_score, h.bald_fraction, h.mean_density, h.core_bald,
                        h.rim_hair, h.bare_blob, h.best_half_hair, h.worst_half_hair, h.clear_bare, h.see_through,
                        h.hair_depth, h.quality, a->head_fraction, a->face_evidence}) {
          std::snprintf(buf, sizeof buf, "\t%.5g", v);
          out += buf;
        }
        for (float v : f) {
          std::snprintf(buf, sizeof buf, "\t%.5g", v);
          out += buf;
        }
        r.out += (r.out.empty() ? "" : "\n") + out;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int j = 0; j < jobs; ++j) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  std::printf("file\tview\tlevel\tperson\tseen_view\tcopy\tscore\tbald_fraction\tmean_density\tcore_bald\trim_hair\t"
              "bare_blob\tbest_half_hair\tworst_half_hair\tclear_bare\tsee_through\thair_depth\tquality\t"
              "head_fraction\tface_evidence\tfeatures...\n");
  std::size_t failed = 0;
  for (const Row& r : rows) {
    if (r.out.empty()) ++failed;
    else std::printf("%s\n", r.out.c_str());
  }
  std::fprintf(stderr, "stage_features: %zu rows, %zu failed\n", rows.size() - failed, failed);
  return 0;
}

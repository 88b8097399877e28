#include "core/analysis/scalp.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// Without a face, the share of the column above a hairline, up to the top of
// the head, that must be hair: a majority, the least that tells a hairline
// from brows or a collar under a bare scalp (0.4 to 0.7 measure alike).
constexpr float kHairAboveHairline = 0.5f;

struct Ellipse {
  float cx = 0, cy = 0, icxx = 0, icxy = 0, icyy = 0;
  // Squared normalised distance; the rim of a filled ellipse sits at 4.
  float rho2(float x, float y) const {
    const float dx = x - cx, dy = y - cy;
    return dx * dx * icxx + 2 * dx * dy * icxy + dy * dy * icyy;
  }
};

Ellipse moments(const Mask& m, int w) {
  const Centroid c = mask_centroid(m, w);
  const double n = c.n;
  Ellipse e;
  if (n < 3) return e;
  e.cx = float(c.x);
  e.cy = float(c.y);
  double cxx = 0, cxy = 0, cyy = 0;
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i]) {
      const double dx = double(i % w) - e.cx, dy = double(i / w) - e.cy;
      cxx += dx * dx, cxy += dx * dy, cyy += dy * dy;
    }
  cxx = cxx / n + 1, cxy /= n, cyy = cyy / n + 1;
  const double det = cxx * cyy - cxy * cxy;
  e.icxx = float(cyy / det);
  e.icxy = float(-cxy / det);
  e.icyy = float(cxx / det);
  return e;
}

// The value of rank q (0..1) in a non-empty v, v[min(n - 1, q n)] once
// sorted; v is reordered.
float quantile(std::vector<float>& v, double q) {
  const auto at = v.begin() + std::ptrdiff_t(std::min(v.size() - 1, std::size_t(q * double(v.size()))));
  std::nth_element(v.begin(), at, v.end());
  return *at;
}

// Median y of pts[a, b) (scratch holds the copy).
float median_y(const std::vector<glm::vec2>& pts, std::size_t a, std::size_t b, std::vector<float>& scratch) {
  scratch.clear();
  for (std::size_t k = a; k < b; ++k) scratch.push_back(pts[k].y);
  return quantile(scratch, 0.5);
}

// Short runs cut off from the rest by a gap or a jump are a curl or a
// textured patch of forehead, not the hairline: the longest run is the
// hairline; others join it when long enough and at about its height.
// `span` is the width of the columns scanned.
std::vector<glm::vec2> main_runs(const std::vector<glm::vec2>& pts, float span) {
  const float gap = std::max(3.0f, 0.04f * span);
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (std::size_t a = 0; a < pts.size();) {
    std::size_t b = a + 1;
    while (b < pts.size() && pts[b].x - pts[b - 1].x <= gap && std::fabs(pts[b].y - pts[b - 1].y) <= 2 * gap) ++b;
    runs.emplace_back(a, b);
    a = b;
  }
  std::size_t best = 0;
  for (std::size_t k = 1; k < runs.size(); ++k)
    if (runs[k].second - runs[k].first > runs[best].second - runs[best].first) best = k;
  const std::size_t longest = runs[best].second - runs[best].first;
  std::vector<float> scratch;
  const float level = median_y(pts, runs[best].first, runs[best].second, scratch);
  std::vector<glm::vec2> kept;
  for (const auto& [a, b] : runs)
    if (b - a >= std::max<std::size_t>(4, longest / 4) && std::fabs(median_y(pts, a, b, scratch) - level) <= 0.25f * span)
      kept.insert(kept.end(), pts.begin() + a, pts.begin() + b);
  return kept;
}

// A running median over ~1/12 of the line removes spikes (a curl, an ear,
// a strand on the forehead).
std::vector<glm::vec2> running_median_y(const std::vector<glm::vec2>& pts) {
  const std::size_t half = std::max<std::size_t>(2, pts.size() / 24);
  std::vector<glm::vec2> out = pts;
  std::vector<float> scratch;
  for (std::size_t i = 0; i < pts.size(); ++i)
    out[i].y = median_y(pts, i >= half ? i - half : 0, std::min(pts.size(), i + half + 1), scratch);
  return out;
}

float hair_depth(const Segmentation& s, const Mask& region) {
  const Plane edge = distance_to_outside(region, s.w, s.h);
  const float reach = *std::max_element(edge.v.begin(), edge.v.end());
  if (reach <= 0) return 0;
  Mask hair(region.size(), 0);
  for (std::size_t i = 0; i < region.size(); ++i) hair[i] = region[i] && s.hair.v[i] >= kThinning;
  const Plane depth = distance_to_outside(hair, s.w, s.h);
  std::vector<float> d;
  for (std::size_t i = 0; i < hair.size(); ++i)
    if (hair[i]) d.push_back(depth.v[i]);
  return d.empty() ? 0 : quantile(d, 0.9) / reach;
}

}  // namespace

Mask scalp_region(const Segmentation& s, std::optional<float> brow_y) {
  Mask m = s.head;
  if (brow_y)
    for (int y = std::max(0, int(*brow_y)); y < s.h; ++y)
      std::fill(m.begin() + std::size_t(y) * s.w, m.begin() + std::size_t(y + 1) * s.w, 0);
  return m;
}

Mask bare_scalp(const Segmentation& s, const Mask& region) {
  Mask m(region.size(), 0);
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = region[i] && s.hair.v[i] < kThinning;
  return m;
}

HairPattern measure_pattern(const Segmentation& s, const Mask& region) {
  HairPattern p;
  p.quality = s.quality;
  const Ellipse e = moments(region, s.w);
  double area = 0, bare = 0, dens = 0, core = 0, core_bare = 0, rim = 0, rim_hair = 0, unsure = 0,
         clear = 0;
  for (std::size_t i = 0; i < region.size(); ++i) {
    if (!region[i]) continue;
    const float d = s.hair.v[i];
    const bool is_bare = d < kThinning;
    area += 1, dens += d, bare += is_bare, unsure += d > 0.3f && d < 0.7f, clear += d < 0.2f;
    if (e.rho2(float(i % s.w), float(i / s.w)) < 1.7f)
      core += 1, core_bare += is_bare;
    else
      rim += 1, rim_hair += !is_bare;
  }
  if (area < 1) return p;
  p.bald_fraction = float(bare / area);
  // Clarity: a photo whose scalp reads clearly as hair or skin is easier to
  // stage than one full of in-between pixels (blur, sparse or grey hair).
  p.quality = std::min(s.quality, float(1.0 - unsure / area));
  p.mean_density = float(dens / area);
  p.clear_bare = float(clear / area);
  p.core_bald = core > 0 ? float(core_bare / core) : 0;
  p.rim_hair = rim > 0 ? float(rim_hair / rim) : 0;
  constexpr int kDirs = 16;
  float cs[kDirs], sn[kDirs];
  for (int k = 0; k < kDirs; ++k) cs[k] = std::cos(6.2831853f * k / kDirs), sn[k] = std::sin(6.2831853f * k / kDirs);
  double half_n[kDirs] = {}, half_hair[kDirs] = {};
  for (std::size_t i = 0; i < region.size(); ++i) {
    if (!region[i]) continue;
    const float dx = float(i % s.w) - e.cx, dy = float(i / s.w) - e.cy;
    const bool hair = s.hair.v[i] >= kThinning;
    for (int k = 0; k < kDirs; ++k)
      if (dx * cs[k] + dy * sn[k] > 0) half_n[k] += 1, half_hair[k] += hair;
  }
  p.best_half_hair = 0;
  p.worst_half_hair = 1;
  for (int k = 0; k < kDirs; ++k)
    if (half_n[k] > 0) {
      p.best_half_hair = std::max(p.best_half_hair, float(half_hair[k] / half_n[k]));
      p.worst_half_hair = std::min(p.worst_half_hair, float(half_hair[k] / half_n[k]));
    }
  std::vector<float> strand_y;
  for (std::size_t i = 0; i < region.size(); ++i)
    if (region[i] && s.texture.v[i] > s.strands) strand_y.push_back(s.lum.v[i] / s.model.y_median);
  if (!strand_y.empty()) p.see_through = quantile(strand_y, 0.5);
  const Mask blob = largest_component(bare_scalp(s, region), s.w, s.h);
  p.bare_blob = float(std::count(blob.begin(), blob.end(), 1) / area);
  p.hair_depth = hair_depth(s, region);
  return p;
}

std::vector<glm::vec2> current_hairline(const Segmentation& s, const Mask& region,
                                        float start_y, int x0, int x1, bool face_known) {
  const Plane hair = box_blur(s.hair, 1);  // single textured pixels are not a hairline
  // The head's own outline is an edge, and edges are textured: hair must be
  // found inside it, or a bald head would get a hairline along its top.
  const Mask inner = erode(region, s.w, s.h, 2);
  int top = s.h, bottom = -1;
  for (std::size_t i = 0; i < region.size(); ++i)
    if (region[i]) top = std::min(top, int(i / s.w)), bottom = std::max(bottom, int(i / s.w));
  if (bottom < 0) return {};
  const int head_h = bottom - top + 1;
  // Lasting hair, not a stray strand; without a face, not a bent head's
  // brows and lashes either, which lie below its forehead and together span
  // several hundredths of the head's height.
  const int run_needed = std::max(2, head_h / (face_known ? 25 : 10));
  const int skin_needed = std::max(2, head_h / 40);  // forehead or bare scalp below it
  std::vector<glm::vec2> pts;
  for (int x = std::max(0, x0); x <= std::min(s.w - 1, x1); ++x) {
    int y = std::min(int(start_y), s.h - 1);
    while (y >= 0 && !region[std::size_t(y) * s.w + x]) --y;  // into the head
    int skin = 0, run = 0, found = -1;
    for (; y >= 0 && region[std::size_t(y) * s.w + x]; --y) {
      if (hair.at(x, y) >= 0.55f && inner[std::size_t(y) * s.w + x]) {
        if (++run >= run_needed) {
          found = y + run_needed - 1;
          break;
        }
      } else {
        run = 0;
        ++skin;
      }
    }
    if (found >= 0 && !face_known) {
      // Without a face, what lies below the scan's start is unknown (brows,
      // a beard, a collar): a front hairline has mostly hair above it up to
      // the top of the head, while those have a bare scalp above them.
      int above = 0, haired = 0;
      for (int yy = found; yy >= 0 && region[std::size_t(yy) * s.w + x]; --yy) ++above, haired += hair.at(x, yy) >= 0.55f;
      if (float(haired) < kHairAboveHairline * float(above)) found = -1;
    }
    if (found >= 0 && skin >= skin_needed) pts.emplace_back(float(x) + 0.5f, float(found) + 0.5f);
  }
  if (pts.size() < 3) return {};
  const std::vector<glm::vec2> kept = main_runs(pts, float(x1 - x0));
  if (kept.size() < 3) return {};
  return running_median_y(kept);
}

}  // namespace smp

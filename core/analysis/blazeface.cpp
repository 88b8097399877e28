#include "core/analysis/blazeface.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <glm/common.hpp>

namespace smp::blazeface {
namespace {

// SsdAnchorsCalculator's layers 1-3 share stride 16, so they form one grid
// with their anchors (2 per layer) side by side in each cell.
struct Grid {
  int side, per_cell;
};
constexpr Grid kGrids[] = {{kInputSize / 8, 2}, {kInputSize / 16, 6}};

// MediaPipe's clip at +-100; should exp() still overflow, the score is 0, not NaN.
float sigmoid_clipped(float logit) {
  return 1.f / (1.f + std::exp(-std::clamp(logit, -100.f, 100.f)));
}

// A point of a w x h image turned clockwise q times, back in the unturned
// image (continuous coordinates, so corners map to corners).
glm::vec2 unturn(glm::vec2 t, int q, float w, float h) {
  switch (q) {
    case 1: return {t.y, h - t.x};
    case 2: return {w - t.x, h - t.y};
    case 3: return {w - t.y, t.x};
    default: return t;
  }
}

float bilinear(const Image& img, glm::vec2 p, int c) {
  const float fx = p.x - 0.5f, fy = p.y - 0.5f;
  const float x0f = std::floor(fx), y0f = std::floor(fy);
  const float ax = fx - x0f, ay = fy - y0f;
  const int x0 = std::clamp(int(x0f), 0, img.width - 1), x1 = std::clamp(int(x0f) + 1, 0, img.width - 1);
  const int y0 = std::clamp(int(y0f), 0, img.height - 1), y1 = std::clamp(int(y0f) + 1, 0, img.height - 1);
  const float top = img.at(x0, y0)[c] * (1 - ax) + img.at(x1, y0)[c] * ax;
  const float bottom = img.at(x0, y1)[c] * (1 - ax) + img.at(x1, y1)[c] * ax;
  return top * (1 - ay) + bottom * ay;
}

}  // namespace

std::vector<Anchor> anchors() {
  std::vector<Anchor> out;
  out.reserve(kNumAnchors);
  for (const Grid& g : kGrids)
    for (int y = 0; y < g.side; ++y)
      for (int x = 0; x < g.side; ++x)
        for (int k = 0; k < g.per_cell; ++k)
          out.push_back({{(x + 0.5f) / g.side, (y + 0.5f) / g.side}});
  return out;
}

glm::vec2 Letterbox::to_input(glm::vec2 p) const {
  // The axes are perpendicular, so each coordinate is a projection.
  const glm::vec2 d = p - origin;
  return {(d.x * axis_x.x + d.y * axis_x.y) / (axis_x.x * axis_x.x + axis_x.y * axis_x.y),
          (d.x * axis_y.x + d.y * axis_y.y) / (axis_y.x * axis_y.x + axis_y.y * axis_y.y)};
}

Detection Letterbox::to_source(const Detection& d) const {
  Detection out = d;
  const glm::vec2 a = to_source(d.box.min), b = to_source(d.box.max);
  out.box = {glm::min(a, b), glm::max(a, b)};
  for (glm::vec2& k : out.keypoints) k = to_source(k);
  return out;
}

Result<Input> letterbox(const Image& rgb, int quarter_turns, std::optional<Rect> source) {
  if (rgb.empty() || rgb.channels != 3 || rgb.width < 0 || rgb.height < 0 ||
      rgb.pixels.size() != std::size_t(rgb.width) * rgb.height * 3)
    return Error{"invalid_image", "The face detector needs a non-empty RGB image."};
  if (quarter_turns < 0 || quarter_turns > 3)
    return Error{"invalid_option", "Quarter turns must be 0 to 3."};
  const Rect r = source.value_or(Rect{{0, 0}, {float(rgb.width), float(rgb.height)}});
  // Written so that NaN fails every test.
  if (!(r.min.x >= 0 && r.min.y >= 0 && r.max.x <= rgb.width && r.max.y <= rgb.height &&
        r.width() > 0 && r.height() > 0))
    return Error{"invalid_option", "The source rectangle must be non-empty and inside the image."};

  const float w = r.width(), h = r.height();
  const bool swap = quarter_turns % 2 == 1;
  const glm::vec2 turned = swap ? glm::vec2(h, w) : glm::vec2(w, h);
  const float side = std::max(turned.x, turned.y);  // source pixels across the input
  const glm::vec2 pad = (glm::vec2(side) - turned) * 0.5f;
  auto map = [&](glm::vec2 n) { return r.min + unturn(n * side - pad, quarter_turns, w, h); };

  Input in;
  in.transform.origin = map({0, 0});
  in.transform.axis_x = map({1, 0}) - in.transform.origin;
  in.transform.axis_y = map({0, 1}) - in.transform.origin;
  in.tensor.assign(std::size_t(kInputSize) * kInputSize * 3, -1.f);
  for (int y = 0; y < kInputSize; ++y)
    for (int x = 0; x < kInputSize; ++x) {
      const glm::vec2 n = (glm::vec2(x, y) + 0.5f) / float(kInputSize);
      const glm::vec2 t = n * side - pad;  // in the turned source
      if (t.x < 0 || t.y < 0 || t.x > turned.x || t.y > turned.y) continue;
      const glm::vec2 p = in.transform.to_source(n);
      float* out = &in.tensor[(std::size_t(y) * kInputSize + x) * 3];
      for (int c = 0; c < 3; ++c) out[c] = bilinear(rgb, p, c) / 127.5f - 1.f;
    }
  return in;
}

Result<std::vector<Detection>> decode(std::span<const float> raw, float min_score) {
  if (raw.size() != std::size_t(kNumAnchors) * kValuesPerAnchor)
    return Error{"invalid_model_output", "The face detector's output must hold 896 x 17 values."};
  if (!std::all_of(raw.begin(), raw.end(), [](float v) { return std::isfinite(v); }))
    return Error{"invalid_model_output", "The face detector's output holds a value that is not a number."};
  static const std::vector<Anchor> kAnchors = anchors();
  const float scale = 1.f / kInputSize;
  std::vector<Detection> out;
  for (int i = 0; i < kNumAnchors; ++i) {
    const float* v = &raw[std::size_t(i) * kValuesPerAnchor];
    const float score = sigmoid_clipped(v[0]);
    if (score < min_score) continue;
    const glm::vec2 a = kAnchors[std::size_t(i)].centre;
    const glm::vec2 centre = a + glm::vec2(v[1], v[2]) * scale;
    const glm::vec2 half = glm::vec2(v[3], v[4]) * (0.5f * scale);
    // A box turned inside out carries no face.
    if (!(half.x > 0 && half.y > 0)) continue;
    Detection d;
    d.score = score;
    d.box = {centre - half, centre + half};
    for (int k = 0; k < kNumKeypoints; ++k) d.keypoints[k] = a + glm::vec2(v[5 + 2 * k], v[6 + 2 * k]) * scale;
    out.push_back(d);
  }
  return out;
}

float iou(const Rect& a, const Rect& b) {
  const glm::vec2 lo = glm::max(a.min, b.min), hi = glm::min(a.max, b.max);
  const float inter = std::max(0.f, hi.x - lo.x) * std::max(0.f, hi.y - lo.y);
  const float uni = a.width() * a.height() + b.width() * b.height() - inter;
  return inter > 0 && uni > 0 ? inter / uni : 0.f;
}

std::vector<Detection> weighted_nms(std::vector<Detection> detections, float min_iou) {
  // A score that is not a number would break the ordering the sort relies on.
  std::erase_if(detections, [](const Detection& d) { return !(d.score >= 0 && d.score <= 1); });
  // Stable, so equal scores keep anchor order as MediaPipe's sort does.
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<Detection> out;
  std::vector<Detection> rest;
  while (!detections.empty()) {
    const Detection& best = detections.front();
    Detection sum{};
    float total = 0;
    rest.clear();
    for (std::size_t i = 0; i < detections.size(); ++i) {
      const Detection& d = detections[i];
      // The best always joins its own cluster, even with an empty box.
      if (i > 0 && !(iou(d.box, best.box) > min_iou)) {
        rest.push_back(d);
        continue;
      }
      total += d.score;
      sum.box.min += d.score * d.box.min;
      sum.box.max += d.score * d.box.max;
      for (int k = 0; k < kNumKeypoints; ++k) sum.keypoints[k] += d.score * d.keypoints[k];
    }
    Detection merged = best;
    if (total > 0) {
      merged.box = {sum.box.min / total, sum.box.max / total};
      for (int k = 0; k < kNumKeypoints; ++k) merged.keypoints[k] = sum.keypoints[k] / total;
    }
    out.push_back(merged);
    detections.swap(rest);
  }
  return out;
}

Result<std::vector<Detection>> detect(std::span<const float> raw, const Letterbox& transform, float min_score,
                                      float min_iou) {
  Result<std::vector<Detection>> candidates = decode(raw, min_score);
  if (!candidates.ok()) return candidates.error();
  std::vector<Detection> faces = weighted_nms(std::move(candidates.value()), min_iou);
  for (Detection& d : faces) d = transform.to_source(d);
  return faces;
}

}  // namespace smp::blazeface

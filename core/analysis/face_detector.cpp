#include "core/analysis/face_detector.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <glm/geometric.hpp>


namespace smp {
namespace {

// A detection whose keypoints (normalized input coordinates, upright in the
// turn searched) sit as on a face.
bool upright_face(const blazeface::Detection& d) {
  const glm::vec2 re = d.keypoints[blazeface::kRightEye], le = d.keypoints[blazeface::kLeftEye];
  const glm::vec2 nose = d.keypoints[blazeface::kNoseTip], mouth = d.keypoints[blazeface::kMouth];
  const float eyes_y = 0.5f * (re.y + le.y);
  const float ipd = glm::length(le - re);
  return re.x < le.x && eyes_y < nose.y && nose.y < mouth.y && ipd > 0.2f * d.box.width() &&
         ipd < 0.7f * d.box.width() && std::fabs(le.y - re.y) < 0.5f * ipd;
}

// Mean luminance of the disc of radius r around c (-1 when off the image).
float disc_luma(const Image& im, glm::vec2 c, float r) {
  double sum = 0;
  int n = 0;
  for (int y = int(std::floor(c.y - r)); y <= int(c.y + r); ++y)
    for (int x = int(std::floor(c.x - r)); x <= int(c.x + r); ++x) {
      if (x < 0 || y < 0 || x >= im.width || y >= im.height) continue;
      if (glm::length(glm::vec2(x + 0.5f, y + 0.5f) - c) > r) continue;
      const std::uint8_t* p = im.at(x, y);
      sum += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      ++n;
    }
  return n ? float(sum / n) : -1.0f;
}

// Eyes (pupils, lashes, the brows' shadow) are darker than the cheek skin
// below them on a face, even a foreshortened one; on the shapes that fool
// the detector at low scores (a nape, the back or top of a head) they are
// not. `d` is in the image's pixels.
bool dark_eyes(const Image& im, const blazeface::Detection& d) {
  const glm::vec2 re = d.keypoints[blazeface::kRightEye], le = d.keypoints[blazeface::kLeftEye];
  const glm::vec2 down = d.keypoints[blazeface::kMouth] - 0.5f * (re + le);
  const float ipd = glm::length(le - re);
  // Each eye against the cheek below it: a detection straddling hair and
  // skin has one dark "eye" on the hair and one on skin.
  for (const glm::vec2 eye : {re, le}) {
    const float e = disc_luma(im, eye, 0.12f * ipd), c = disc_luma(im, eye + 0.5f * down, 0.15f * ipd);
    if (e < 0 || c <= 0 || e > kDarkEyes * c) return false;
  }
  return true;
}

struct Search {
  int turn;
  std::optional<blazeface::Rect> region;
};

Result<std::optional<FaceDetection>> best_in(const infer::Model& net, const Image& rgb, const Search& s) {
  Result<blazeface::Input> in = blazeface::letterbox(rgb, s.turn, s.region);
  if (!in.ok()) return in.error();
  const int n = blazeface::kInputSize;
  Result<infer::Tensor> raw = infer::run(net, infer::Tensor({1, n, n, 3}, std::move(in->tensor)));
  if (!raw.ok()) return raw.error();
  Result<std::vector<blazeface::Detection>> found = blazeface::decode(raw->data);
  if (!found.ok()) return found.error();
  for (const blazeface::Detection& d : blazeface::weighted_nms(std::move(found.value()))) {
    if (!upright_face(d)) continue;
    const blazeface::Detection p = in->transform.to_source(d);
    if (p.score < kSureFace && !dark_eyes(rgb, p)) continue;
    FaceDetection f;
    static_cast<blazeface::Detection&>(f) = p;
    f.turn = s.turn;
    return std::optional<FaceDetection>(f);  // best first
  }
  return std::optional<FaceDetection>();
}

}  // namespace

glm::vec2 FaceDetection::eye_centre() const {
  return 0.5f * (keypoints[blazeface::kRightEye] + keypoints[blazeface::kLeftEye]);
}

float FaceDetection::eye_distance() const {
  return glm::length(keypoints[blazeface::kLeftEye] - keypoints[blazeface::kRightEye]);
}

glm::vec2 FaceDetection::up() const {
  const glm::vec2 d = eye_centre() - keypoints[blazeface::kMouth];
  const float l = glm::length(d);
  return l > 0 ? d / l : glm::vec2(0, -1);
}

namespace {

// Share of each edge's cells (bottom, right, top, left: the edge that turn
// 0, 1, 2, 3 brings to the bottom) where the person mask holds.
std::array<float, 4> edge_contact(const Plane& p) {
  std::array<float, 4> c{};
  if (p.w < 2 || p.h < 2 || p.v.size() != std::size_t(p.w) * p.h) return {1, 1, 1, 1};
  for (int x = 0; x < p.w; ++x) c[0] += p.at(x, p.h - 1) > 0.5f, c[2] += p.at(x, 0) > 0.5f;
  for (int y = 0; y < p.h; ++y) c[1] += p.at(p.w - 1, y) > 0.5f, c[3] += p.at(0, y) > 0.5f;
  c[0] /= float(p.w), c[2] /= float(p.w), c[1] /= float(p.h), c[3] /= float(p.h);
  return c;
}

// An edge the person clearly runs out of the frame at.
constexpr float kTouches = 0.15f;

}  // namespace

Result<std::optional<FaceDetection>> detect_face(const infer::Model& net, const Image& rgb, const Plane& person,
                                                 int* runs) {
  if (rgb.empty() || rgb.channels != 3) return Error{"invalid_image", "The face detector needs an RGB photo."};
  const float w = float(rgb.width), h = float(rgb.height);
  const std::array<float, 4> contact = person.v.empty() ? std::array<float, 4>{1, 1, 1, 1} : edge_contact(person);
  // The edge half each turn brings to the bottom: bottom, right, top, left.
  const blazeface::Rect halves[4] = {{{0, 0.5f * h}, {w, h}}, {{0.5f * w, 0}, {w, h}},
                                     {{0, 0}, {w, 0.5f * h}}, {{0, 0}, {0.5f * w, h}}};
  std::array<int, 3> others = {1, 2, 3};
  std::stable_sort(others.begin(), others.end(), [&](int a, int b) { return contact[a] > contact[b]; });
  std::vector<Search> searches = {{0, std::nullopt}};
  // Every turn is searched, only in that order: on a photo turned upside
  // down the person network may mark the wrong edge as the body's.
  for (int t : others) searches.push_back({t, std::nullopt});
  std::array<int, 4> edges = {0, 1, 2, 3};
  std::stable_sort(edges.begin(), edges.end(), [&](int a, int b) { return contact[a] > contact[b]; });
  // The edge the person leaves the frame by most: a head bent toward the
  // camera continues out of the frame at its face's side.
  if (contact[edges[0]] >= kTouches) searches.push_back({edges[0], halves[edges[0]]});
  std::optional<FaceDetection> best;
  for (const Search& s : searches) {
    Result<std::optional<FaceDetection>> f = best_in(net, rgb, s);
    if (runs) ++*runs;
    if (!f.ok()) return f.error();
    if (f.value() && (!best || f.value()->score > best->score)) best = f.value();
    if (best && best->score >= kSureFace) break;
  }
  return best;
}

}  // namespace smp

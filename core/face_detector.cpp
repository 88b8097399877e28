#include "core/face_detector.h"

#include <cmath>

#include <glm/geometric.hpp>

#include "core/blazeface.h"

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
    FaceDetection f;
    f.score = p.score;
    f.turn = s.turn;
    f.box_min = p.box.min;
    f.box_max = p.box.max;
    for (int k = 0; k < 6; ++k) f.keypoints[k] = p.keypoints[k];
    return std::optional<FaceDetection>(f);  // best first
  }
  return std::optional<FaceDetection>();
}

}  // namespace

float FaceDetection::eye_distance() const { return glm::length(keypoints[1] - keypoints[0]); }

glm::vec2 FaceDetection::up() const {
  const glm::vec2 d = eye_centre() - keypoints[3];
  const float l = glm::length(d);
  return l > 0 ? d / l : glm::vec2(0, -1);
}

Result<std::optional<FaceDetection>> detect_face(const infer::Model& net, const Image& rgb) {
  if (rgb.empty() || rgb.channels != 3) return Error{"invalid_image", "The face detector needs an RGB photo."};
  const float w = float(rgb.width), h = float(rgb.height);
  // Turns bring the named edge's half to the bottom: 0 bottom, 1 right,
  // 2 top, 3 left (a clockwise quarter turn takes the right edge down).
  const Search searches[] = {
      {0, std::nullopt}, {1, std::nullopt}, {2, std::nullopt}, {3, std::nullopt},
      {0, blazeface::Rect{{0, 0.5f * h}, {w, h}}}, {1, blazeface::Rect{{0.5f * w, 0}, {w, h}}},
      {2, blazeface::Rect{{0, 0}, {w, 0.5f * h}}}, {3, blazeface::Rect{{0, 0}, {0.5f * w, h}}},
  };
  std::optional<FaceDetection> best;
  for (const Search& s : searches) {
    Result<std::optional<FaceDetection>> f = best_in(net, rgb, s);
    if (!f.ok()) return f.error();
    if (f.value() && (!best || f.value()->score > best->score)) best = f.value();
    if (best && best->score >= kSureFace) break;
  }
  return best;
}

}  // namespace smp

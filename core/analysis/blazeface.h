// blazeface.h - pre- and post-processing for the BlazeFace short-range face
// detector (MediaPipe face_detection_short_range), without the network itself.
//
// The model takes a 1x128x128x3 RGB tensor in [-1, 1] and returns 1x896x17
// raw values, one row per anchor: [0] the score logit, [1..4] the box centre
// x, y and width, height, [5..16] six keypoints as x, y pairs (the graph
// concatenates its classifier and regressor heads in that order). Offsets are
// in input pixels (divide by 128) relative to the anchor centre; the rows
// follow anchors(). The detector is trained on upright faces: a face on its
// side or upside down scores lower with meaningless keypoints, so a caller
// unsure of the turn tries each and keeps the best score. Everything here is
// pure arithmetic, so it runs natively and in the browser beside any engine.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <vector>

#include <glm/vec2.hpp>

#include "core/base/image.h"
#include "core/base/status.h"

namespace smp::blazeface {

inline constexpr int kInputSize = 128;      // input side in pixels
inline constexpr int kNumAnchors = 896;     // rows of the raw output
inline constexpr int kValuesPerAnchor = 17; // columns of the raw output
inline constexpr float kMinScore = 0.5f;    // MediaPipe's score threshold
inline constexpr float kMinIou = 0.3f;      // MediaPipe's suppression threshold

// An anchor's centre in normalized input coordinates (0..1, x right, y
// down). Anchors have a fixed size of 1 x 1, so offsets need no scaling.
struct Anchor {
  glm::vec2 centre{0};
};

// The 896 anchors in the model's output order: a 16 x 16 grid (stride 8)
// with 2 anchors per cell, then an 8 x 8 grid (stride 16) with 6 per cell,
// each grid row by row.
std::vector<Anchor> anchors();

// An axis-aligned rectangle, min the top-left corner, max the bottom-right.
struct Rect {
  glm::vec2 min{0}, max{0};
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};

// Indices into Detection::keypoints. Right and left are the subject's: in an
// unmirrored face-on photo the right eye and right ear appear on the image's
// left.
enum Keypoint : int { kRightEye = 0, kLeftEye, kNoseTip, kMouth, kRightEar, kLeftEar, kNumKeypoints };

struct Detection {
  float score = 0;  // 0..1
  Rect box;
  std::array<glm::vec2, kNumKeypoints> keypoints{};
};

// The affine map from normalized input coordinates (0..1 across the 128 x
// 128 input) to pixels of the image given to letterbox(); pixel (i, j)
// covers [i, i + 1) x [j, j + 1). The map is a scale with a quarter turn,
// so it keeps angles and overlap ratios.
struct Letterbox {
  glm::vec2 origin{0}, axis_x{1, 0}, axis_y{0, 1};
  glm::vec2 to_source(glm::vec2 n) const { return origin + n.x * axis_x + n.y * axis_y; }
  glm::vec2 to_input(glm::vec2 p) const;  // the inverse of to_source
  Detection to_source(const Detection& d) const;
};

struct Input {
  std::vector<float> tensor;  // 128 * 128 * 3, NHWC, RGB in [-1, 1]
  Letterbox transform;
};

// The model input for `source` (a rectangle of `rgb`'s pixels, the whole
// image when absent) turned clockwise by `quarter_turns` (0..3) and fitted
// into 128 x 128 with its aspect ratio kept: centred, the rest black (-1).
// Sampling is bilinear at each input pixel's centre, so pass an image no
// more than a few times larger than the source's 128-pixel fit to avoid
// aliasing. The transform leads back to `rgb`'s own (unturned) pixels.
// Errors: invalid_image (not 3-channel RGB, empty or inconsistent),
// invalid_option (turns out of range, rectangle empty or outside the image).
Result<Input> letterbox(const Image& rgb, int quarter_turns = 0, std::optional<Rect> source = std::nullopt);

// Candidate detections from the raw output (896 * 17 floats), in normalized
// input coordinates, with score = sigmoid(logit clipped to +-100) at least
// `min_score` and a box of positive size, in anchor order. Errors: invalid_model_output (wrong size or a
// value that is not finite).
Result<std::vector<Detection>> decode(std::span<const float> raw, float min_score = kMinScore);

// MediaPipe's weighted non-maximum suppression: the best remaining detection
// gathers every remaining one whose box overlaps its own by IoU above
// `min_iou` (itself included); the cluster becomes one detection whose box
// and keypoints are the score-weighted mean and whose score is the best's.
// Returned best first; a detection whose score is not in 0..1 is dropped.
std::vector<Detection> weighted_nms(std::vector<Detection> detections, float min_iou = kMinIou);

// Box overlap: intersection area over union area (0 when either is empty).
float iou(const Rect& a, const Rect& b);

// decode, weighted_nms and Letterbox::to_source in one: faces in the letterboxed
// image's pixels, best first.
Result<std::vector<Detection>> detect(std::span<const float> raw, const Letterbox& transform,
                                      float min_score = kMinScore, float min_iou = kMinIou);

}  // namespace smp::blazeface

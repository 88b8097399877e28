// face_detector.h - the face in a photo that may come turned by any quarter
// turn, found by MediaPipe's BlazeFace (blazeface.h) run by the core's
// inference engine.
//
// The detector only finds upright faces, and photos arrive turned (phone
// uploads without EXIF, data sets turned on purpose) or show a bent head
// whose face sits at the frame's edge, foreshortened. So the search runs on
// the whole photo upright and, unless that finds a sure face, in the other
// quarter turns and on the half of the frame along an edge, turned so that
// edge is at the bottom (where a bent head's face lies below its crown).
// The person mask orders and bounds that search: a body runs out of the
// frame at the person's bottom, so the turns bringing the edges the person
// touches most to the bottom come first, and only the edge it touches most
// is searched as a half (every whole-frame turn is searched: the network
// may mark the wrong edge of a person upside down). A
// detection counts only when its keypoints sit as on a face upright in the
// turn it was found in (eyes above nose above mouth, the subject's right eye
// on the image's left, eyes a plausible share of the box apart): a face seen
// sideways or upside down also scores, with keypoints that do not. Below a
// sure score, its eyes must also be darker than its cheeks (kDarkEyes): the
// back of a head or a nape can score 0.5-0.75, as a bent head's real face
// does, but shows no dark eyes.
#pragma once

#include <optional>

#include <glm/vec2.hpp>

#include "core/analysis/blazeface.h"
#include "core/base/image.h"
#include "core/infer/model.h"
#include "core/base/plane.h"
#include "core/base/status.h"

namespace smp {

// A BlazeFace detection (blazeface.h: score, box and the six keypoints,
// named by blazeface::Keypoint) in the photo's pixels, with the turn it was
// found in.
struct FaceDetection : blazeface::Detection {
  // Quarter turns clockwise that bring the face upright.
  int turn = 0;

  glm::vec2 eye_centre() const;
  float eye_distance() const;
  // Unit vector from the mouth toward the eyes: the face's up.
  glm::vec2 up() const;
};

// A face scoring at least this ends the search and needs no eye check.
constexpr float kSureFace = 0.8f;
// Eye over cheek luminance at most this for a face scoring under kSureFace.
constexpr float kDarkEyes = 0.7f;

// The best face in `rgb` (any size; it is sampled down to 128 x 128, so pass
// a copy a few hundred pixels across), or none. `person` is the person
// probability over the same frame (any size; person_mask.h), or empty to
// search every turn and edge. `runs` (optional) counts the network runs.
Result<std::optional<FaceDetection>> detect_face(const infer::Model& blazeface, const Image& rgb,
                                                 const Plane& person = {}, int* runs = nullptr);

}  // namespace smp

// analysis.h - head analysis: the person and the face from learned models
// (person_mask.h, face_detector.h), the head cut from the body, hair against
// skin inside it, landmarks, the current hairline, the scalp region and the
// hair-loss stage.
//
// Everything inside Analysis is in WORKING-image pixel coordinates (the
// Photo's working image). analysis_json() converts positions to ORIGINAL
// upright pixel coordinates (multiplying by Photo::scale), which is what the
// CLI and the JS API report.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "core/analysis/norwood.h"
#include "core/intake/photo.h"
#include "core/base/status.h"

namespace smp {

enum class View { unknown, portrait, front, top };
const char* view_name(View v);

// Per-pixel class in Analysis::labels.
enum Segment : std::uint8_t { kBackground = 0, kSkin = 1, kHair = 2, kOther = 3 };

struct Box {
  float x = 0, y = 0, w = 0, h = 0;
};

struct Landmarks {
  glm::vec2 eyes[2];        // pupil centres, [0] = image-left
  glm::vec2 eye_outer[2];   // outer eye corners, [0] = image-left
  glm::vec2 ears[2]{};      // ear tragions, [0] = image-left (the far one is the detector's guess)
  float brow_y = 0;         // brow line (y at glabella)
  glm::vec2 glabella;       // between the brows
  glm::vec2 chin;
};

// A face found only in another quarter turn of the photo (a turned photo,
// or a bent head's face at the frame's edge): kept out of the scalp measure
// and the design, but not reported as landmarks, since the design works in
// the photo's own frame. Working pixels.
struct TiltedFace {
  glm::vec2 brow;        // the middle of its brow line
  glm::vec2 up;          // unit direction from the face toward the crown
  float half_width = 0;  // half the face's width
};

struct AnalysisOptions {
  bool female = false;  // report a Ludwig grade instead of Norwood (user's choice)
};

struct Analysis {
  int width = 0, height = 0;  // working size
  View view = View::unknown;

  std::vector<std::uint8_t> labels;        // Segment per pixel: the whole person (smp segment)
  std::vector<std::uint8_t> hair_density;  // 0 (bare) .. 255 (dense hair) per pixel
  std::vector<std::uint8_t> head_mask;     // 1 inside the head outline (hair + scalp + face)
  std::vector<std::uint8_t> scalp_mask;    // 1 on bare or thinning scalp inside the head

  std::optional<Box> face;
  std::optional<Landmarks> landmarks;
  std::optional<float> scale_px_per_cm;    // working pixels per cm
  std::string scale_method;                // "interpupillary", "head_width", "none"

  std::vector<glm::vec2> hairline;         // current hairline polyline, left to right
  float bald_fraction = 0;                 // bare+thinning share of the visible scalp (inside head_mask)
  std::optional<float> area_cm2;           // bare+thinning area when scale exists

  int norwood_stage = 1;                   // 1..7
  float norwood_confidence = 0;
  int ludwig_grade = 0;                    // 1..3 when options.female, else 0
  float ludwig_confidence = 0;             // 0..1 when options.female
  float confidence = 0;                    // overall, 0..1

  std::array<std::uint8_t, 3> hair_rgb{40, 30, 25};    // typical hair colour
  std::array<std::uint8_t, 3> skin_rgb{200, 160, 140}; // typical scalp/skin colour

  // The measurements the stage was read from, the
  // continuous loss score, and how sure the view call is.
  HairPattern pattern;
  std::vector<float> stage_features;  // the stage model's input (stage_model.h)
  float norwood_score = 0;
  float view_confidence = 0;
  float face_evidence = 0;  // the face detector's score (0 without a face)
  bool upside_down = false;  // the face was found upside down: the photo needs a half turn
  std::optional<TiltedFace> tilted_face;  // the design keeps dots off it
  // Quarter turns clockwise that bring the photo upright: the turn the face
  // was found in (a bent head's face then comes to the bottom, below its
  // crown); 0 when the photo looks upright or has no face.
  int turn_to_upright = 0;
  float head_fraction = 0;  // share of the frame inside the head outline

  std::vector<std::pair<std::string, double>> timings_ms;
};

Result<Analysis> analyze(const Photo& photo, const AnalysisOptions& options = {});

// Analysis::labels (Segment per pixel) resampled to w x h by nearest
// neighbour: the segmentation at the original photo's size for
// `smp segment`, or any display size. Empty when the analysis has none.
std::vector<std::uint8_t> labels_at(const Analysis& a, int w, int h);

// The JSON object printed by `smp analyze` and exposed as consultation.analysis.
std::string analysis_json(const Analysis& a, const Photo& photo);

}  // namespace smp

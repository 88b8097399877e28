// face.h - a classical face and eye finder for face-on photos.
//
// No trained detector ships in the bundle, so the finder uses what the
// segmentation already knows: the photo's own skin colour. Eyes are dark
// blobs inside a skin region, in a roughly horizontal pair whose spacing fits
// the skin region's width, with skin (nose bridge, cheeks or forehead) around
// them. Brows are the next dark band above. Everything is in reduced-image
// pixels (Segmentation::w x h).
#pragma once

#include <optional>

#include "analysis.h"
#include "segmentation.h"

namespace smp {

struct FaceFinding {
  Box box;                 // forehead to chin, cheek to cheek
  Landmarks landmarks;
  bool eyes_found = false;
  bool full_face = false;  // chin and cheeks inside the frame (a portrait)
  float confidence = 0;    // 0..1
  float skin_run = 0;      // skin run across the cheeks / box width (~1 face-on)
  // Brighter / darker mean of the skin either side of the face's middle,
  // below the eyes (1 = evenly lit).
  float side_light = 1;
  // side_light over the same ratio within the box (> 1: the box sits beside
  // the shadow line of a face lit from one side).
  float off_shadow = 1;
  // Found foreshortened, under a head tilted toward the camera (a face
  // looking down, the top of the head above it): its brow line holds, its
  // eyes may not (see find_face).
  bool tilted = false;
};

// The darkest row band `from`..`to` eye distances `d` above (dir -1) or
// below (+1) the eyes' midpoint, over the eyes' columns beside the nose, or
// with `centre` over the face's middle: its row and mean luminance.
// `clipped` when a row of the band lies outside the frame (those rows are
// skipped); `found` false when no row was inside.
struct RowBand {
  float y = 0, mean = 0;
  bool found = false, clipped = false;
};
RowBand darkest_row_band(const Plane& lum, glm::vec2 left, glm::vec2 right, float d, int dir, float from,
                         float to, bool centre);

// The best face window under even light; when none convinces, a face lit
// from one side (one half in shadow), found by a variant of the pattern;
// when still none, the same search for a face foreshortened under a head
// tilted toward the camera (its landmarks, box and chin follow that).
std::optional<FaceFinding> find_face(const Segmentation& s);

// The tilted search alone: a face looking down under a head tilted toward
// the camera, or none.
std::optional<FaceFinding> find_tilted_face(const Segmentation& s);

// Share of the head outline (Segmentation::head) above row `y`.
float head_share_above(const Segmentation& s, float y);

// That side-lit search alone (what find_face falls back to), so tests can
// check it on its own.
std::optional<FaceFinding> find_side_lit_face(const Segmentation& s);

}  // namespace smp

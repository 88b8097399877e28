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
};

// The best face window under even light; when none convinces, a face lit
// from one side (one half in shadow), found by a variant of the pattern.
std::optional<FaceFinding> find_face(const Segmentation& s);

// That side-lit search alone (what find_face falls back to), so tests can
// check it on its own.
std::optional<FaceFinding> find_side_lit_face(const Segmentation& s);

}  // namespace smp

// norwood.h - measurements of the hair pattern on the scalp, the stage
// type, and the Ludwig grade (I-III, diffuse thinning in women) read from the
// measurements.
//
// The Norwood stage (1-7) is read by a learned model instead
// (stage_model.h); no labelled photos of women exist to fit a Ludwig model,
// so the grade keeps fixed cuts on the bare share and says so through a
// capped confidence.
#pragma once

#include <string>

namespace smp {

struct HairPattern {
  float bald_fraction = 0;   // bare+thinning share of the visible scalp, 0..1
  float mean_density = 0;    // mean hair density over the head, 0..1
  float core_bald = 0;       // bare share of the central part of the head
  float rim_hair = 0;        // hair share of the outer rim (the horseshoe)
  float bare_blob = 0;       // largest connected bare region / head area
  // Hair share of the best and worst half of the head (over 16 directions
  // through its centre). Rotation-free: in a forward-tilted photo the face
  // fills one half, so the best half shows how much hair the top keeps.
  float best_half_hair = 0;
  float worst_half_hair = 0;
  float clear_bare = 0;      // share of the scalp with almost no hair (density < 0.2)
  // Median brightness of the strand-textured scalp pixels over the skin's
  // typical brightness: dense dark hair reads 0.2-0.45, hair thin enough for
  // the scalp to show through between strands 0.5-0.9. Strand texture alone
  // counts such hair as dense, so a low stage read from it is doubtful.
  float see_through = 0;
  // How thick the hair lies: the 90th percentile of hair pixels' distance to
  // the nearest non-hair pixel, over the scalp region's own largest distance
  // to its edge. A cap of hair is deep (0.4-0.8); a horseshoe rim, brows or
  // hairs scattered over a bald top are thin (about 0.1 and under). It reads
  // the pattern's shape, not only how much hair there is.
  float hair_depth = 0;
  float quality = 0;         // segmentation quality 0..1
};

struct Stage {
  int stage = 1;
  float confidence = 0;  // 0..1
  float score = 0;       // continuous loss score the stage was cut from
};

// How much the scalp shows through what hair there is: see_through, except
// that where no hair lies thicker than a thin rim or a scatter of strands
// (hair_depth under 0.1, fully at 0.04) there is nothing left to see
// through and the scalp shows fully. There see_through measures only the few
// textured pixels left (a dark horseshoe rim reads as dense hair), which
// would pull a bald top's stage down.
float shows_through(const HairPattern& p);

Stage ludwig_grade(const HairPattern& p);

}  // namespace smp

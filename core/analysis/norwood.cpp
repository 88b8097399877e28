#include "core/analysis/norwood.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

float ramp(float v, float from, float to) { return std::clamp((v - from) / (to - from), 0.0f, 1.0f); }

// hair_depth from which the scalp counts as hairless, and where fully.
constexpr float kHairless[2] = {0.1f, 0.04f};

// see_through from which a reading of little loss is doubted, and where
// fully; the share of bare scalp under which a reading counts as little
// loss fully (kLittleLoss[0]), and over which not at all.
constexpr float kSeeThroughRamp[2] = {0.42f, 0.55f};
constexpr float kLittleLoss[2] = {0.3f, 0.6f};
constexpr float kSeeThroughDoubt = 0.7f;  // share of the confidence lost at full doubt
// see_through from which strands read as light hair, and where fully; the
// share of the confidence that costs.
constexpr float kLightStrands[2] = {0.95f, 1.1f};
constexpr float kLightDoubt = 0.6f;

// Hair the scalp shows through reads as dense by its strands, so a reading
// of little loss from it is doubtful. Strands brighter than the skin are
// light hair (grey, blond, white) or glare on a bald top: the hair model
// barely tells them from scalp, and see_through stops meaning "the scalp
// shows through".
float see_through_doubt(const HairPattern& p) {
  const float shows = ramp(p.see_through, kSeeThroughRamp[0], kSeeThroughRamp[1]);
  const float little_loss = 1 - ramp(p.bald_fraction, kLittleLoss[0], kLittleLoss[1]);
  const float light = ramp(p.see_through, kLightStrands[0], kLightStrands[1]);
  return (1 - kSeeThroughDoubt * shows * little_loss) * (1 - kLightDoubt * light);
}

}  // namespace

float shows_through(const HairPattern& p) {
  return std::max(p.see_through, ramp(p.hair_depth, kHairless[0], kHairless[1]));
}

Stage ludwig_grade(const HairPattern& p) {
  // Ludwig grades diffuse thinning over the crown: I mild, II moderate,
  // III extensive. Women rarely recede at the front, so the grade follows
  // how much of the scalp reads bare or thinning: under 35% I, under 65% II.
  // (No labelled female photos were available: these cuts are not fitted.)
  Stage s;
  s.score = p.bald_fraction;
  s.stage = p.bald_fraction < 0.35f ? 1 : p.bald_fraction < 0.65f ? 2 : 3;
  // Unfitted cuts: never more than moderately confident.
  const float margin = std::min(std::fabs(p.bald_fraction - 0.35f), std::fabs(p.bald_fraction - 0.65f));
  s.confidence = std::clamp(margin * 4, 0.0f, 1.0f) * (0.4f + 0.6f * p.quality) * 0.6f * see_through_doubt(p);
  return s;
}

}  // namespace smp

#include "norwood.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace smp {
namespace {

// Loss score and cut points fitted by `tests/eval/norwood_eval.py --fit`
// (ridge least squares of the label on four pattern measurements, then
// L1-optimal monotone cuts) on all 117 labelled hair-loss photos. Its
// subject-grouped cross-validation is in docs/analysis.md. `clear_bare`
// (almost hairless skin) enters with a positive weight beside `bare_blob`:
// at equal bare area, skin with no hair left at all is further along than
// thinning.
constexpr float kIntercept = 4.6700f;
constexpr float kBareBlob = 0.9341f;
constexpr float kMeanDensity = -0.9405f;
constexpr float kBestHalfHair = -0.9213f;
constexpr float kClearBare = 0.7155f;
// Stage k+1 above cut k. The data has no Norwood 1, so the first cut is set
// below every labelled photo (and just below a fully dense head, 2.81):
// stage 1 is not validated and in practice not reported.
constexpr std::array<float, 6> kCuts = {2.8f, 3.3760f, 4.1352f, 4.4708f, 5.4167f, 5.5450f};

float loss_score(const HairPattern& p) {
  return kIntercept + kBareBlob * p.bare_blob + kMeanDensity * p.mean_density +
         kBestHalfHair * p.best_half_hair + kClearBare * p.clear_bare;
}

// Confidence. Near either end of the scale (a full head of hair, a bald
// top with a horseshoe) the measures are unambiguous; in the middle stages
// the call hinges on where the loss sits and whether a bridge of hair
// remains, which the measures capture less well, so the middle reads as less
// certain, as do photos full of in-between pixels (blur, sparse or grey
// hair).
float stage_confidence(float score, float clarity) {
  const float extreme = std::clamp(std::fabs(score - 4.4f) / 1.8f, 0.0f, 1.0f);
  return std::clamp((0.2f + 0.65f * extreme) * (0.4f + 0.6f * clarity), 0.0f, 0.85f);
}

}  // namespace

Stage norwood_stage(const HairPattern& p) {
  Stage s;
  s.score = loss_score(p);
  s.stage = 1;
  for (float c : kCuts) s.stage += s.score > c;
  s.confidence = stage_confidence(s.score, p.quality);
  return s;
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
  s.confidence = std::clamp(margin * 4, 0.0f, 1.0f) * (0.4f + 0.6f * p.quality) * 0.6f;
  return s;
}

}  // namespace smp

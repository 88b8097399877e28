#include "norwood.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// Loss score: a weighted sum of the pattern measurements (fitted offline by
// tests/eval/norwood_eval.py; see docs/analysis.md).
float loss_score(const HairPattern& p) {
  return 1.0f + 6.0f * p.bald_fraction;
}

// Confidence falls as the score nears a cut point and as segmentation
// quality drops, so borderline or murky photos read as uncertain.
float stage_confidence(float score, int stage, float quality) {
  const float off = std::fabs(score - float(stage));  // 0 at the centre, 0.5 at a cut
  const float margin = std::clamp(1.0f - off, 0.0f, 1.0f);
  return std::clamp(margin * (0.35f + 0.65f * quality), 0.0f, 1.0f);
}

}  // namespace

Stage norwood_stage(const HairPattern& p) {
  Stage s;
  s.score = loss_score(p);
  s.stage = std::clamp(int(std::lround(s.score)), 1, 7);
  s.confidence = stage_confidence(s.score, s.stage, p.quality);
  return s;
}

Stage ludwig_grade(const HairPattern& p) {
  // Ludwig grades diffuse thinning over the crown: I mild, II moderate,
  // III extensive. Women rarely recede at the front, so only density counts.
  Stage s;
  s.score = 1.0f + 2.0f * std::clamp((p.bald_fraction - 0.1f) / 0.6f, 0.0f, 1.0f);
  s.stage = std::clamp(int(std::lround(s.score)), 1, 3);
  s.confidence = stage_confidence(s.score, s.stage, p.quality);
  return s;
}

}  // namespace smp

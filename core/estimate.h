// estimate.h - sessions, time and cost bands, candidacy, from published
// practice and a clinic's pricing config (JSON data, not code).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "status.h"

namespace smp {

struct EstimateRequest {
  std::optional<double> area_cm2;   // treated area from the photo
  std::optional<int> norwood;       // 1..7, chosen by the user
  std::optional<int> ludwig;        // 1..3, chosen by the user
  std::string goal = "full";        // full | density | scar | alopecia
  std::vector<std::string> factors; // scar, alopecia, dry_skin, thick_skin, oily_skin
  std::vector<std::string> answers; // candidacy answers that are "yes", e.g. "keloid"
  std::string pricing = "uk";       // preset name or a pricing config as JSON text
  std::string locale = "en";
};

// The estimate as the JSON object printed by `smp estimate` / returned by
// estimate() in JS.
Result<std::string> estimate_json(const EstimateRequest& request);

}  // namespace smp

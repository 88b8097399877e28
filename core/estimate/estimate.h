// estimate.h - sessions, time and cost bands, candidacy, from published
// practice and a clinic's pricing config (JSON data, not code).
//
// Every figure is an estimate: the result carries the assumptions behind it
// in plain words and a breakdown of what moved each number. Defaults and
// their sources: docs/estimate.md.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/estimate/candidacy.h"
#include "core/estimate/pricing.h"
#include "core/base/status.h"

namespace smp {

struct EstimateRequest {
  std::optional<double> area_cm2;   // treated area from the photo
  std::optional<int> norwood;       // 1..7, chosen by the user
  std::optional<int> ludwig;        // 1..3, chosen by the user
  std::string goal = "full";        // full | density | scar | alopecia
  std::vector<std::string> factors; // scar, alopecia, dry_skin, thick_skin, oily_skin, light_pigment
  std::vector<std::string> answers; // candidacy answers that are "yes", e.g. "keloid"
  std::string pricing = "uk";       // preset name or a pricing config as JSON text
  std::string locale = "en";
  bool area_from_photo = false;     // area_cm2 came from the analysed photo
  // Set when the stage was read from the analysed photo: the analysis'
  // confidence in it, 0..1.
  std::optional<double> stage_confidence;
  int stage_views = 0;  // photos that stage was read from (0: not from a photo)
};

// Low / typical / high, in sessions, hours, days, years or money.
struct Span {
  double low = 0, typical = 0, high = 0;
};

struct BreakdownItem {
  std::string id;                                   // "goal", "factor.scar", "price", ...
  std::vector<std::pair<std::string, double>> effect;  // e.g. {"sessions_max", 1}
  std::string text;                                 // one plain sentence
};

struct Estimate {
  EstimateRequest request;            // as given (echoed back)
  // What was used (after validation and defaults).
  std::string goal;
  std::vector<std::string> factors;   // validated, de-duplicated, goal-implied added
  double area_cm2 = 0;                // given, from the photo, or the stage's reference area
  std::string area_source;            // "photo", "area", "norwood", "ludwig"
  std::optional<int> norwood, ludwig; // given, or the equivalent stage of the area
  std::string stage_source;           // "given", "area" or "photo" (read from the analysed photo)
  bool stage_unsure = false;          // read from the photo with confidence under kConfidentStage

  Span sessions;                      // whole sessions
  Span hours_per_session;             // low..high (typical = midpoint)
  Span spacing_days;
  Span total_hours;
  PricingConfig pricing;
  Span cost;                          // treatment, in pricing.currency
  Span touch_up_years;                // interval (low = shortest)
  Span touch_up_cost;                 // one touch-up
  Span touch_ups_in_10y;              // count used for ten_year_cost
  Span ten_year_cost;
  bool fourth_session_more_likely = false;
  Candidacy candidacy;
  std::vector<BreakdownItem> breakdown;
  std::vector<std::string> assumptions;
  std::string locale;
};

// A stage read from a photo with less confidence than this is flagged
// (Estimate::stage_unsure) and the client is asked to choose theirs. The
// confidence is the probability that the true stage is within one level of
// the one read (docs/stage.md): under even odds the photo does not decide.
constexpr double kConfidentStage = 0.5;

// Validates the request and computes the estimate. Errors: "invalid_option"
// (a bad goal, factor, answer or stage, naming it), "no_input" (no area and no
// stage), "invalid_pricing" (naming the bad field of the config).
Result<Estimate> make_estimate(const EstimateRequest& request);

// The estimate as the JSON object printed by `smp estimate` / returned by
// estimate() in JS (texts in the estimate's locale).
Result<std::string> estimate_to_json(const Estimate& e);
Result<std::string> estimate_json(const EstimateRequest& request);

// Reference treated areas (cm^2) used to turn a stage into an area and back.
double norwood_reference_area(int stage);
double ludwig_reference_area(int grade);

}  // namespace smp

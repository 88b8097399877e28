// pricing.h - a clinic's pricing config: data (JSON), validated field by
// field so a clinic sees exactly which entry is wrong, e.g.
// "pricing.bands[1].low must be a number".
//
// Models: per_session (price x sessions), per_stage (a price band per
// Norwood/Ludwig range), per_area (a price band per treated-area range in
// cm^2) and package (one price). The treatment price covers up to
// `sessions_included` sessions; `extra_session` prices each one beyond.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace smp {

// A price range in the config's currency.
struct PriceBand {
  double low = 0, typical = 0, high = 0;
};

struct StageBand {
  int norwood_from = 0, norwood_to = -1;  // empty range when to < from
  int ludwig_from = 0, ludwig_to = -1;
  PriceBand price;
};

struct AreaBand {
  double max_cm2 = 0;  // the band holds areas up to and including this
  PriceBand price;
};

struct PricingConfig {
  std::string name = "custom";
  std::string label;
  std::string currency;            // ISO 4217 code, e.g. "GBP"
  std::string model;               // per_session | per_stage | per_area | package
  PriceBand session_price;         // per_session
  std::vector<StageBand> stage_bands;  // per_stage
  std::vector<AreaBand> area_bands;    // per_area, ascending max_cm2
  PriceBand package_price;         // package
  int sessions_included = 3;       // covered by the treatment price
  PriceBand extra_session;         // each session beyond sessions_included
  PriceBand touch_up;
  double minimum_charge = 0;
  std::vector<std::pair<std::string, PriceBand>> goal_prices;  // e.g. scar alone
  std::string source;
  bool preset = false;             // a shipped preset: its label is translated
};

// Parses and validates a config given as JSON text.
Result<PricingConfig> parse_pricing(std::string_view json);

// A shipped preset ("uk", "us") or, when `spec` starts with '{', a config as
// JSON text. Errors use code "invalid_pricing".
Result<PricingConfig> load_pricing(std::string_view spec);

// Names of the shipped presets (data/pricing/*.json).
std::vector<std::string> pricing_presets();

// The band for a stage; nullopt when the config has none for it.
std::optional<PriceBand> stage_price(const PricingConfig& c, std::optional<int> norwood,
                                     std::optional<int> ludwig);
// The band for an area: the first band whose max_cm2 holds it, else the last.
std::optional<PriceBand> area_price(const PricingConfig& c, double area_cm2);
// The flat price for a goal (e.g. "scar"), if the config sets one.
std::optional<PriceBand> goal_price(const PricingConfig& c, std::string_view goal);

}  // namespace smp

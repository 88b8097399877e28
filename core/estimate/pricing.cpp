#include "core/estimate/pricing.h"

#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "core/estimate/embedded_data.h"
#include "core/base/json_value.h"

namespace smp {
namespace {

Error bad(const std::string& path, const std::string& why) {
  return Error{"invalid_pricing", path + " " + why + "."};
}

Status number_at(const JsonValue& v, const std::string& path, double lo, double* out) {
  if (v.is_null()) return bad(path, "is required");
  if (!v.is_number()) return bad(path, std::string("must be a number, not ") + json_type_name(v.type()));
  if (!std::isfinite(v.as_number()) || v.as_number() < lo)
    return bad(path, "must be at least " + std::to_string(static_cast<long long>(lo)));
  *out = v.as_number();
  return {};
}

Status int_at(const JsonValue& v, const std::string& path, int lo, int hi, int* out) {
  if (!v.is_number() || v.as_number() != std::floor(v.as_number()))
    return bad(path, "must be a whole number");
  if (v.as_number() < lo || v.as_number() > hi)
    return bad(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  *out = static_cast<int>(v.as_number());
  return {};
}

Status string_at(const JsonValue& v, const std::string& path, std::string* out) {
  if (v.is_null()) return bad(path, "is required");
  if (!v.is_string()) return bad(path, std::string("must be a string, not ") + json_type_name(v.type()));
  *out = v.as_string();
  return {};
}

// Fields of `o` other than `known` are typos a clinic wants to hear about.
Status only_known(const JsonValue& o, const std::string& path, std::set<std::string> known) {
  for (const auto& [key, v] : o.members())
    if (!known.count(key)) return bad(path + "." + key, "is not a known field");
  return {};
}

// A price is a number (a fixed price) or {low, high[, typical]}.
Status price_at(const JsonValue& v, const std::string& path, PriceBand* out) {
  if (v.is_number()) {
    double d = 0;
    if (Status s = number_at(v, path, 0, &d); !s.ok()) return s;
    *out = {d, d, d};
    return {};
  }
  if (!v.is_object())
    return bad(path, std::string("must be a number or an object with low and high, not ") + json_type_name(v.type()));
  if (Status s = only_known(v, path, {"low", "high", "typical"}); !s.ok()) return s;
  PriceBand p;
  if (Status s = number_at(v["low"], path + ".low", 0, &p.low); !s.ok()) return s;
  if (Status s = number_at(v["high"], path + ".high", 0, &p.high); !s.ok()) return s;
  if (p.high < p.low) return bad(path + ".high", "must not be below " + path + ".low");
  p.typical = (p.low + p.high) / 2;
  if (v.has("typical")) {
    if (Status s = number_at(v["typical"], path + ".typical", 0, &p.typical); !s.ok()) return s;
    if (p.typical < p.low || p.typical > p.high)
      return bad(path + ".typical", "must lie between low and high");
  }
  *out = p;
  return {};
}

// [from, to] with 1 <= from <= to <= max.
Status range_at(const JsonValue& v, const std::string& path, int max, int* from, int* to) {
  if (!v.is_array() || v.items().size() != 2)
    return bad(path, "must be a pair [from, to]");
  if (Status s = int_at(v.items()[0], path + "[0]", 1, max, from); !s.ok()) return s;
  if (Status s = int_at(v.items()[1], path + "[1]", 1, max, to); !s.ok()) return s;
  if (*to < *from) return bad(path, "must not end before it starts");
  return {};
}

// A band's own low / high / typical as the price object price_at reads.
JsonValue band_price(const JsonValue& b) {
  std::map<std::string, JsonValue> price{{"low", b["low"]}, {"high", b["high"]}};
  if (b.has("typical")) price.emplace("typical", b["typical"]);
  return JsonValue::make_object(std::move(price));
}

Status stage_bands_at(const JsonValue& v, PricingConfig* c) {
  if (!v.is_array() || v.items().empty()) return bad("pricing.bands", "must be a non-empty array");
  for (std::size_t i = 0; i < v.items().size(); ++i) {
    const JsonValue& b = v.items()[i];
    const std::string path = "pricing.bands[" + std::to_string(i) + "]";
    if (!b.is_object()) return bad(path, "must be an object");
    if (Status s = only_known(b, path, {"norwood", "ludwig", "low", "high", "typical"}); !s.ok()) return s;
    StageBand band;
    if (!b.has("norwood") && !b.has("ludwig")) return bad(path, "needs a norwood or ludwig range");
    if (b.has("norwood"))
      if (Status s = range_at(b["norwood"], path + ".norwood", 7, &band.norwood_from, &band.norwood_to); !s.ok()) return s;
    if (b.has("ludwig"))
      if (Status s = range_at(b["ludwig"], path + ".ludwig", 3, &band.ludwig_from, &band.ludwig_to); !s.ok()) return s;
    if (Status s = price_at(band_price(b), path, &band.price); !s.ok()) return s;
    c->stage_bands.push_back(band);
  }
  return {};
}

Status area_bands_at(const JsonValue& v, PricingConfig* c) {
  if (!v.is_array() || v.items().empty()) return bad("pricing.bands", "must be a non-empty array");
  for (std::size_t i = 0; i < v.items().size(); ++i) {
    const JsonValue& b = v.items()[i];
    const std::string path = "pricing.bands[" + std::to_string(i) + "]";
    if (!b.is_object()) return bad(path, "must be an object");
    if (Status s = only_known(b, path, {"max_cm2", "low", "high", "typical"}); !s.ok()) return s;
    AreaBand band;
    if (Status s = number_at(b["max_cm2"], path + ".max_cm2", 0, &band.max_cm2); !s.ok()) return s;
    if (!c->area_bands.empty() && band.max_cm2 <= c->area_bands.back().max_cm2)
      return bad(path + ".max_cm2", "must be larger than the previous band's");
    if (Status s = price_at(band_price(b), path, &band.price); !s.ok()) return s;
    c->area_bands.push_back(band);
  }
  return {};
}

Status goals_at(const JsonValue& v, PricingConfig* c) {
  if (!v.is_object()) return bad("pricing.goals", "must be an object");
  for (const auto& [goal, price] : v.members()) {
    if (goal != "full" && goal != "density" && goal != "scar" && goal != "alopecia")
      return bad("pricing.goals." + goal, "is not a goal (full, density, scar, alopecia)");
    PriceBand p;
    if (Status s = price_at(price, "pricing.goals." + goal, &p); !s.ok()) return s;
    c->goal_prices.emplace_back(goal, p);
  }
  return {};
}

Status model_fields(const JsonValue& o, PricingConfig* c) {
  if (c->model == "per_session") {
    if (!o.has("session_price")) return bad("pricing.session_price", "is required by the per_session model");
    return price_at(o["session_price"], "pricing.session_price", &c->session_price);
  }
  if (c->model == "package") {
    if (!o.has("package_price")) return bad("pricing.package_price", "is required by the package model");
    return price_at(o["package_price"], "pricing.package_price", &c->package_price);
  }
  if (c->model == "per_stage") return stage_bands_at(o["bands"], c);
  if (c->model == "per_area") return area_bands_at(o["bands"], c);
  return bad("pricing.model", "must be one of per_session, per_stage, per_area, package, not '" + c->model + "'");
}

Status currency_at(const JsonValue& v, std::string* out) {
  if (Status s = string_at(v, "pricing.currency", out); !s.ok()) return s;
  bool ok = out->size() == 3;
  for (char ch : *out) ok = ok && std::isupper(static_cast<unsigned char>(ch));
  if (!ok) return bad("pricing.currency", "must be a three-letter ISO 4217 code such as GBP or USD");
  return {};
}

Status optional_fields(const JsonValue& o, PricingConfig* c) {
  if (o.has("name")) if (Status s = string_at(o["name"], "pricing.name", &c->name); !s.ok()) return s;
  if (o.has("label")) if (Status s = string_at(o["label"], "pricing.label", &c->label); !s.ok()) return s;
  if (o.has("source")) if (Status s = string_at(o["source"], "pricing.source", &c->source); !s.ok()) return s;
  if (o.has("sessions_included"))
    if (Status s = int_at(o["sessions_included"], "pricing.sessions_included", 1, 20, &c->sessions_included); !s.ok()) return s;
  if (o.has("extra_session"))
    if (Status s = price_at(o["extra_session"], "pricing.extra_session", &c->extra_session); !s.ok()) return s;
  if (o.has("minimum_charge"))
    if (Status s = number_at(o["minimum_charge"], "pricing.minimum_charge", 0, &c->minimum_charge); !s.ok()) return s;
  if (o.has("goals")) if (Status s = goals_at(o["goals"], c); !s.ok()) return s;
  return {};
}

}  // namespace

Result<PricingConfig> parse_pricing(std::string_view json) {
  Result<JsonValue> parsed = parse_json(json);
  if (!parsed.ok()) return Error{"invalid_pricing", "pricing: " + parsed.error().message};
  const JsonValue& o = parsed.value();
  if (!o.is_object()) return bad("pricing", "must be an object");
  if (Status s = only_known(o, "pricing", {"name", "label", "currency", "model", "session_price", "bands",
                                           "package_price", "sessions_included", "extra_session",
                                           "touch_up", "minimum_charge", "goals", "source"});
      !s.ok())
    return s.error();
  PricingConfig c;
  if (Status s = currency_at(o["currency"], &c.currency); !s.ok()) return s.error();
  if (Status s = string_at(o["model"], "pricing.model", &c.model); !s.ok()) return s.error();
  if (Status s = model_fields(o, &c); !s.ok()) return s.error();
  if (!o.has("touch_up")) return bad("pricing.touch_up", "is required (the price of one touch-up session)");
  if (Status s = price_at(o["touch_up"], "pricing.touch_up", &c.touch_up); !s.ok()) return s.error();
  if (Status s = optional_fields(o, &c); !s.ok()) return s.error();
  return c;
}

std::vector<std::string> pricing_presets() {
  std::vector<std::string> names;
  const std::string_view prefix = "pricing/", suffix = ".json";
  for (std::string_view p : embedded_paths())
    if (p.substr(0, prefix.size()) == prefix && p.size() > prefix.size() + suffix.size())
      names.emplace_back(p.substr(prefix.size(), p.size() - prefix.size() - suffix.size()));
  return names;
}

Result<PricingConfig> load_pricing(std::string_view spec) {
  for (const std::string& name : pricing_presets())
    if (name == spec) {
      Result<PricingConfig> c = parse_pricing(*embedded_data("pricing/" + name + ".json"));
      if (c.ok()) c->preset = true;
      return c;
    }
  // Anything that looks like JSON is a config, so its errors name its fields.
  std::size_t first = spec.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && std::string_view("{[\"0123456789-").find(spec[first]) != std::string_view::npos)
    return parse_pricing(spec);
  std::string known;
  for (const std::string& name : pricing_presets()) known += (known.empty() ? "" : ", ") + name;
  return Error{"invalid_pricing", "Unknown pricing preset '" + std::string(spec) +
                                      "' (presets: " + known + "; or give a config as JSON)."};
}

std::optional<PriceBand> stage_price(const PricingConfig& c, std::optional<int> norwood,
                                     std::optional<int> ludwig) {
  for (const StageBand& b : c.stage_bands) {
    if (norwood && *norwood >= b.norwood_from && *norwood <= b.norwood_to) return b.price;
    if (ludwig && *ludwig >= b.ludwig_from && *ludwig <= b.ludwig_to) return b.price;
  }
  return std::nullopt;
}

std::optional<PriceBand> area_price(const PricingConfig& c, double area_cm2) {
  if (c.area_bands.empty()) return std::nullopt;
  for (const AreaBand& b : c.area_bands)
    if (area_cm2 <= b.max_cm2) return b.price;
  return c.area_bands.back().price;
}

std::optional<PriceBand> goal_price(const PricingConfig& c, std::string_view goal) {
  for (const auto& [g, p] : c.goal_prices)
    if (g == goal) return p;
  return std::nullopt;
}

}  // namespace smp

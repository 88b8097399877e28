#include "core/estimate/estimate.h"

#include <algorithm>
#include <cmath>

#include "core/base/json.h"
#include "core/estimate/messages.h"

namespace smp {
namespace {

// Published practice (sources: docs/estimate.md). Sessions are {min, typical, max}.
constexpr Span kFullSessions{2, 3, 4};      // most need 3, 2 to 4
constexpr Span kScarSessions{2, 3, 4};      // scar camouflage 2 to 4
constexpr Span kHours{3, 4, 5};             // 3 to 5 hours a session
constexpr Span kSpacingDays{10, 20, 30};    // 10 to 30 days apart
constexpr Span kTouchUpYears{3, 4, 6};      // every 3 to 6 years; "lasts 4 years or more"
constexpr Span kShortTouchUpYears{3, 3, 4}; // oily skin / light pigment fade sooner (assumption)
constexpr double kYears = 10;               // horizon of ten_year_cost

// Reference treated areas per stage (project assumption, docs/estimate.md):
// used only when the client gives a stage instead of a photo, or to find the
// stage-equivalent of a measured area for stage-priced configs.
constexpr double kNorwoodArea[8] = {0, 20, 40, 70, 110, 160, 220, 280};
constexpr double kLudwigArea[4] = {0, 60, 120, 200};

const std::vector<std::string> kGoals = {"full", "density", "scar", "alopecia"};
const std::vector<std::string> kFactors = {"scar", "alopecia", "dry_skin", "thick_skin",
                                           "oily_skin", "light_pigment"};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Error bad_option(const std::string& key, const std::string& why) {
  return Error{"invalid_option", "Option '" + key + "' " + why + "."};
}

// The stage whose reference area is nearest below the midpoint to the next.
int stage_of_area(const double* ref, int stages, double area) {
  for (int s = 1; s < stages; ++s)
    if (area <= (ref[s] + ref[s + 1]) / 2) return s;
  return stages;
}

Status validate(const EstimateRequest& r) {
  if (!contains(kGoals, r.goal)) return bad_option("goal", "must be one of " + joined(kGoals) + ", not '" + r.goal + "'");
  for (const std::string& f : r.factors)
    if (!contains(kFactors, f)) return bad_option("factors", "has an unknown factor '" + f + "' (known: " + joined(kFactors) + ")");
  const int given = (r.area_cm2 ? 1 : 0) + (r.norwood ? 1 : 0) + (r.ludwig ? 1 : 0);
  if (given == 0)
    return Error{"no_input", "Give the treated area (area_cm2), a Norwood stage (norwood) or a Ludwig grade (ludwig), or load a photo."};
  if (given > 1) return bad_option("area_cm2", "cannot be combined with norwood or ludwig: give only one of the three");
  if (r.norwood && (*r.norwood < 1 || *r.norwood > 7)) return bad_option("norwood", "must be a whole number from 1 to 7");
  if (r.ludwig && (*r.ludwig < 1 || *r.ludwig > 3)) return bad_option("ludwig", "must be a whole number from 1 to 3");
  if (r.stage_confidence && (!(r.norwood || r.ludwig) || !(*r.stage_confidence >= 0 && *r.stage_confidence <= 1)))
    return bad_option("stage_confidence", "must be a number from 0 to 1, given with a stage read from a photo");
  // A whole adult scalp is well under 1000 cm^2: more means a wrong scale.
  if (r.area_from_photo && r.area_cm2 && std::isfinite(*r.area_cm2) && *r.area_cm2 > 1000)
    return Error{"implausible_area", "The area measured on the photo (about " + std::to_string(std::lround(*r.area_cm2)) +
                                         " cm2) is larger than a whole scalp, so the photo's scale is off; choose a "
                                         "Norwood stage or Ludwig grade instead, or try a photo of one head, face on."};
  if (r.area_cm2 && !(std::isfinite(*r.area_cm2) && *r.area_cm2 > 0 && *r.area_cm2 <= 1000))
    return bad_option("area_cm2", "must be a number of square centimetres above 0 and at most 1000");
  return {};
}

// Area and stages: what was given, plus the equivalents of the others.
void resolve_extent(const EstimateRequest& r, Estimate* e) {
  e->stage_source = r.stage_confidence ? "photo" : "given";
  e->stage_unsure = r.stage_confidence && *r.stage_confidence < kConfidentStage;
  if (r.norwood) {
    e->norwood = r.norwood;
    e->area_cm2 = kNorwoodArea[*r.norwood];
    e->area_source = "norwood";
  } else if (r.ludwig) {
    e->ludwig = r.ludwig;
    e->area_cm2 = kLudwigArea[*r.ludwig];
    e->area_source = "ludwig";
  } else {
    e->area_cm2 = *r.area_cm2;
    e->area_source = r.area_from_photo ? "photo" : "area";
    e->stage_source = "area";
    e->norwood = stage_of_area(kNorwoodArea, 7, e->area_cm2);
    e->ludwig = stage_of_area(kLudwigArea, 3, e->area_cm2);
  }
}

void add(Estimate* e, std::string id, std::vector<std::pair<std::string, double>> effect, std::string text) {
  e->breakdown.push_back({std::move(id), std::move(effect), std::move(text)});
}

void base_sessions(const Messages& m, Estimate* e) {
  if (e->goal == "density") {
    // Women adding density over thinning hair: 2 to 3 sessions; 3 from
    // Ludwig II (or its area) up.
    const int grade = e->ludwig.value_or(stage_of_area(kLudwigArea, 3, e->area_cm2));
    e->sessions = {2, grade >= 2 ? 3.0 : 2.0, 3};
  } else {
    e->sessions = e->goal == "scar" ? kScarSessions : kFullSessions;
  }
  add(e, "goal." + e->goal,
      {{"sessions_min", e->sessions.low}, {"sessions_typical", e->sessions.typical}, {"sessions_max", e->sessions.high}},
      m.text("estimate.goal." + e->goal, {{"min", m.number(e->sessions.low)}, {"typical", m.number(e->sessions.typical)},
                                          {"max", m.number(e->sessions.high)}}));
}

// Each factor's effect on sessions, hours and touch-ups, itemised.
void apply_factors(const Messages& m, Estimate* e) {
  bool longer_sessions = false;
  for (const std::string& f : e->factors) {
    std::vector<std::pair<std::string, double>> effect;
    if (f == "scar" && e->goal == "scar") {
      // already counted by the scar-camouflage goal
    } else if (f == "scar" || f == "alopecia" || f == "light_pigment") {
      e->sessions.high += 1;
      effect.emplace_back("sessions_max", 1);
    }
    if (f == "dry_skin" || f == "thick_skin") {
      e->fourth_session_more_likely = true;
      if (!longer_sessions) {
        longer_sessions = true;
        e->hours_per_session.high += 1;
        effect.emplace_back("hours_per_session_max", 1);
      }
    }
    if (f == "oily_skin" || f == "light_pigment") {
      effect.emplace_back("touch_up_years_typical", kShortTouchUpYears.typical - e->touch_up_years.typical);
      effect.emplace_back("touch_up_years_max", kShortTouchUpYears.high - e->touch_up_years.high);
      e->touch_up_years = kShortTouchUpYears;
    }
    add(e, "factor." + f, std::move(effect), m.text("estimate.factor." + f));
  }
}

// The treatment price band before extras and the minimum charge.
Result<Span> treatment_price(const Messages& m, Estimate* e) {
  const PricingConfig& c = e->pricing;
  std::string basis;
  std::optional<PriceBand> band;
  if ((band = goal_price(c, e->goal))) {
    basis = m.text("estimate.price.goal", {{"goal", m.text("goal." + e->goal)}});
  } else if (c.model == "per_session") {
    const PriceBand& p = c.session_price;
    Span s{e->sessions.low * p.low, e->sessions.typical * p.typical, e->sessions.high * p.high};
    add(e, "price", {{"cost_low", s.low}, {"cost_high", s.high}},
        m.text("estimate.price.per_session", {{"low", m.money(p.low, c.currency)}, {"high", m.money(p.high, c.currency)}}));
    return s;
  } else if (c.model == "per_stage") {
    // A measured area is priced by its stage-equivalent on the scale the goal
    // implies (Ludwig for density), falling back to the other scale.
    const bool ludwig_first = e->area_source == "ludwig" || (e->stage_source == "area" && e->goal == "density");
    band = ludwig_first ? stage_price(c, std::nullopt, e->ludwig) : stage_price(c, e->norwood, std::nullopt);
    if (!band) band = stage_price(c, e->norwood, e->ludwig);
    if (!band) {
      const std::string which = e->norwood ? "Norwood " + std::to_string(*e->norwood) : "Ludwig " + std::to_string(*e->ludwig);
      return Error{"invalid_pricing", "pricing.bands has no band for " + which + "."};
    }
    const bool by_ludwig = ludwig_first && stage_price(c, std::nullopt, e->ludwig);
    basis = m.text(by_ludwig ? "estimate.price.ludwig" : "estimate.price.norwood",
                   {{"stage", std::to_string(by_ludwig ? *e->ludwig : *e->norwood)}});
  } else if (c.model == "per_area") {
    band = area_price(c, e->area_cm2);
    basis = m.text("estimate.price.area", {{"area", m.number(e->area_cm2)}});
  } else {
    band = c.package_price;
    basis = m.text("estimate.price.package");
  }
  add(e, "price", {{"cost_low", band->low}, {"cost_high", band->high}},
      m.text("estimate.price.band", {{"basis", basis}, {"low", m.money(band->low, c.currency)},
                                      {"high", m.money(band->high, c.currency)}}));
  return Span{band->low, band->typical, band->high};
}

Status price(const Messages& m, Estimate* e) {
  const PricingConfig& c = e->pricing;
  Result<Span> treat = treatment_price(m, e);
  if (!treat.ok()) return treat.error();
  Span cost = treat.value();
  if (c.model != "per_session" && (c.extra_session.high > 0)) {
    auto extra = [&](double sessions, double price) {
      return std::max(0.0, sessions - c.sessions_included) * price;
    };
    Span x{extra(e->sessions.low, c.extra_session.low), extra(e->sessions.typical, c.extra_session.typical),
           extra(e->sessions.high, c.extra_session.high)};
    if (x.high > 0) {
      cost = {cost.low + x.low, cost.typical + x.typical, cost.high + x.high};
      add(e, "extra_sessions", {{"cost_typical", x.typical}, {"cost_high", x.high}},
          m.text("estimate.extra_sessions", {{"n", std::to_string(c.sessions_included)},
                                              {"price", m.money(c.extra_session.typical, c.currency)}}));
    }
  }
  if (cost.low < c.minimum_charge) {
    add(e, "minimum_charge", {{"cost_low", c.minimum_charge - cost.low}},
        m.text("estimate.minimum_charge", {{"price", m.money(c.minimum_charge, c.currency)}}));
    cost = {std::max(cost.low, c.minimum_charge), std::max(cost.typical, c.minimum_charge),
            std::max(cost.high, c.minimum_charge)};
  }
  e->cost = {std::round(cost.low), std::round(cost.typical), std::round(cost.high)};
  return {};
}

// Touch-ups over ten years: the shortest interval gives the most touch-ups.
void touch_ups(const Messages& m, Estimate* e) {
  const PriceBand& t = e->pricing.touch_up;
  e->touch_up_cost = {t.low, t.typical, t.high};
  e->touch_ups_in_10y = {std::floor(kYears / e->touch_up_years.high), std::floor(kYears / e->touch_up_years.typical),
                         std::floor(kYears / e->touch_up_years.low)};
  e->ten_year_cost = {std::round(e->cost.low + e->touch_ups_in_10y.low * t.low),
                      std::round(e->cost.typical + e->touch_ups_in_10y.typical * t.typical),
                      std::round(e->cost.high + e->touch_ups_in_10y.high * t.high)};
  add(e, "touch_ups", {{"touch_ups_low", e->touch_ups_in_10y.low}, {"touch_ups_high", e->touch_ups_in_10y.high}},
      m.text("estimate.touch_ups", {{"min", m.number(e->touch_up_years.low)}, {"max", m.number(e->touch_up_years.high)},
                                     {"low", m.number(e->touch_ups_in_10y.low)}, {"high", m.number(e->touch_ups_in_10y.high)}}));
}

void assumptions(const Messages& m, Estimate* e) {
  const std::string area = m.number(e->area_cm2);
  e->assumptions.push_back(m.text("estimate.assumption.not_a_quote"));
  if (e->area_source == "norwood" || e->area_source == "ludwig") {
    const std::string stage = std::to_string(e->area_source == "norwood" ? *e->norwood : *e->ludwig);
    if (e->stage_source == "photo") {
      // Read from the photo: say so, with how sure the analysis is.
      const std::string pct = std::to_string(std::lround(100 * *e->request.stage_confidence));
      e->assumptions.push_back(m.text("estimate.assumption.area_" + e->area_source + "_photo",
                                      {{"stage", stage}, {"area", area}, {"confidence", pct}}));
      if (e->request.stage_views > 1)
        e->assumptions.push_back(m.text("estimate.assumption.stage_views",
                                        {{"n", std::to_string(e->request.stage_views)}}));
      if (e->stage_unsure) e->assumptions.push_back(m.text("estimate.assumption.stage_unsure"));
    } else {
      e->assumptions.push_back(m.text("estimate.assumption.area_" + e->area_source, {{"stage", stage}, {"area", area}}));
    }
  } else
    e->assumptions.push_back(m.text("estimate.assumption.area_" + e->area_source, {{"area", area}}));
  e->assumptions.push_back(m.text("estimate.assumption.sessions"));
  e->assumptions.push_back(m.text(e->fourth_session_more_likely ? "estimate.assumption.fourth_session_likely"
                                                                : "estimate.assumption.fourth_session"));
  e->assumptions.push_back(m.text("estimate.assumption.time", {{"min", m.number(e->total_hours.low)},
                                                               {"max", m.number(e->total_hours.high)}}));
  // A shipped preset's description is in the catalogue; a clinic's own
  // label is shown as the clinic wrote it.
  const std::string preset_key = "pricing.preset." + e->pricing.name;
  const std::string label = e->pricing.preset && m.has(preset_key) ? m.text(preset_key)
                            : e->pricing.label.empty()              ? e->pricing.name
                                                                    : e->pricing.label;
  e->assumptions.push_back(m.text("estimate.assumption.pricing", {{"label", label}, {"currency", e->pricing.currency}}));
  if (e->pricing.model != "per_session")
    e->assumptions.push_back(m.text("estimate.assumption.sessions_included", {{"n", std::to_string(e->pricing.sessions_included)}}));
  e->assumptions.push_back(m.text("estimate.assumption.ten_years"));
  e->assumptions.push_back(m.text("expectations.no_hair_growth"));
  e->assumptions.push_back(m.text("expectations.insurance"));
}

}  // namespace

double norwood_reference_area(int stage) { return kNorwoodArea[std::clamp(stage, 1, 7)]; }
double ludwig_reference_area(int grade) { return kLudwigArea[std::clamp(grade, 1, 3)]; }

Result<Estimate> make_estimate(const EstimateRequest& r) {
  if (Status s = validate(r); !s.ok()) return s.error();
  Result<Candidacy> candidacy = assess_candidacy(r.answers);
  if (!candidacy.ok()) return candidacy.error();
  Result<PricingConfig> pricing = load_pricing(r.pricing);
  if (!pricing.ok()) return pricing.error();
  Result<Messages> messages = Messages::load(r.locale);
  if (!messages.ok()) return messages.error();
  const Messages& m = messages.value();

  Estimate e;
  e.request = r;
  e.locale = m.locale();
  e.goal = r.goal;
  e.candidacy = candidacy.value();
  e.pricing = std::move(pricing.value());
  // Goal alopecia implies the alopecia factor; factors count once, in the
  // canonical order so output does not depend on input order.
  for (const std::string& f : kFactors)
    if (contains(r.factors, f) || (f == "alopecia" && r.goal == "alopecia")) e.factors.push_back(f);
  resolve_extent(r, &e);
  // Under 1 cm^2 the photo shows next to nothing to treat: say so rather
  // than "about 0 cm2".
  const std::string extent_key = e.area_cm2 < 1 ? "estimate.extent.tiny"
                                 : "estimate.extent." + e.area_source + (e.stage_source == "photo" ? "_photo" : "");
  add(&e, "extent", {{"area_cm2", e.area_cm2}}, m.text(extent_key, {{"area", m.number(e.area_cm2)}}));

  e.hours_per_session = kHours;
  e.spacing_days = kSpacingDays;
  e.touch_up_years = kTouchUpYears;
  base_sessions(m, &e);
  apply_factors(m, &e);
  e.hours_per_session.typical = (e.hours_per_session.low + e.hours_per_session.high) / 2;
  e.total_hours = {e.sessions.low * e.hours_per_session.low, e.sessions.typical * e.hours_per_session.typical,
                   e.sessions.high * e.hours_per_session.high};
  if (Status s = price(m, &e); !s.ok()) return s.error();
  touch_ups(m, &e);
  assumptions(m, &e);
  return e;
}

}  // namespace smp

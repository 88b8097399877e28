// estimate_json.cpp - the estimate as JSON: the same object for the CLI and
// the browser. Numbers sit next to their unit and the assumptions behind them.
#include <cmath>

#include "core/estimate/estimate.h"
#include "core/base/json.h"
#include "core/estimate/messages.h"

namespace smp {
namespace {

void span3(JsonWriter& j, const char* key, const Span& s, const char* a, const char* b, const char* c) {
  j.key(key).begin_object().key(a).value(s.low).key(b).value(s.typical).key(c).value(s.high).end_object();
}

void range(JsonWriter& j, const char* key, const Span& s) {
  j.key(key).begin_object().key("min").value(s.low).key("max").value(s.high).end_object();
}

void money(JsonWriter& j, const Span& s, const std::string& currency) {
  j.key("currency").value(currency).key("low").value(s.low).key("typical").value(s.typical)
      .key("high").value(s.high);
}

void strings(JsonWriter& j, const char* key, const std::vector<std::string>& v) {
  j.key(key).begin_array();
  for (const std::string& s : v) j.value(s);
  j.end_array();
}

void input(JsonWriter& j, const Estimate& e) {
  const EstimateRequest& r = e.request;
  j.key("input").begin_object();
  j.key("goal").value(r.goal);
  strings(j, "factors", r.factors);
  strings(j, "answers", r.answers);
  if (r.area_cm2) j.key("area_cm2").value(*r.area_cm2);
  if (r.norwood) j.key("norwood").value(*r.norwood);
  if (r.ludwig) j.key("ludwig").value(*r.ludwig);
  j.key("area_from_photo").value(r.area_from_photo);
  j.key("stage_confidence");
  if (r.stage_confidence) j.value(*r.stage_confidence); else j.null();
  j.key("stage_views").value(r.stage_views);
  j.key("pricing").value(e.pricing.name);
  j.key("locale").value(r.locale);
  j.end_object();
}

void extent(JsonWriter& j, const Estimate& e) {
  j.key("extent").begin_object();
  j.key("area_cm2").value(std::round(e.area_cm2 * 10) / 10);
  j.key("area_source").value(e.area_source);
  j.key("norwood");
  if (e.norwood) j.value(*e.norwood); else j.null();
  j.key("ludwig");
  if (e.ludwig) j.value(*e.ludwig); else j.null();
  j.key("stage_source").value(e.stage_source);
  j.key("stage_unsure").value(e.stage_unsure);
  j.end_object();
}

void candidacy(JsonWriter& j, const Estimate& e, const Messages& m) {
  const std::string outcome = outcome_name(e.candidacy.outcome);
  j.key("candidacy").begin_object();
  j.key("outcome").value(outcome);
  j.key("title").value(m.text("candidacy.outcome." + outcome + ".title"));
  j.key("text").value(m.text("candidacy.outcome." + outcome + ".text"));
  j.key("reasons").begin_array();
  for (const std::string& id : e.candidacy.reasons) {
    Outcome o = Outcome::candidate;
    for (const CandidacyQuestion& q : candidacy_questions())
      if (id == q.id) o = q.if_yes;
    j.begin_object().key("id").value(id).key("outcome").value(outcome_name(o))
        .key("question").value(m.text("candidacy.question." + id))
        .key("text").value(m.text("candidacy.reason." + id)).end_object();
  }
  j.end_array();
  j.end_object();
}

void breakdown(JsonWriter& j, const Estimate& e) {
  j.key("breakdown").begin_array();
  for (const BreakdownItem& b : e.breakdown) {
    j.begin_object().key("id").value(b.id).key("effect").begin_object();
    for (const auto& [k, v] : b.effect) j.key(k).value(v);
    j.end_object().key("text").value(b.text).end_object();
  }
  j.end_array();
}

}  // namespace

Result<std::string> estimate_to_json(const Estimate& e) {
  Result<Messages> messages = Messages::load(e.locale);
  if (!messages.ok()) return messages.error();
  const Messages& m = messages.value();
  const std::string& cur = e.pricing.currency;
  JsonWriter j;
  j.begin_object();
  j.key("is_estimate").value(true);
  j.key("label").value(m.text("estimate.label"));
  j.key("locale").value(e.locale);
  input(j, e);
  extent(j, e);
  j.key("sessions").begin_object().key("min").value(e.sessions.low).key("typical").value(e.sessions.typical)
      .key("max").value(e.sessions.high)
      .key("fourth_session").value(e.fourth_session_more_likely ? "more_likely" : "about_1_in_5").end_object();
  range(j, "hours_per_session", e.hours_per_session);
  range(j, "spacing_days", e.spacing_days);
  span3(j, "total_hours", e.total_hours, "min", "typical", "max");
  j.key("cost").begin_object();
  money(j, e.cost, cur);
  j.key("model").value(e.pricing.model).key("pricing").value(e.pricing.name).end_object();
  j.key("touch_up").begin_object();
  span3(j, "interval_years", e.touch_up_years, "min", "typical", "max");
  j.key("cost").begin_object();
  money(j, e.touch_up_cost, cur);
  j.end_object().end_object();
  j.key("ten_year_cost").begin_object();
  money(j, e.ten_year_cost, cur);
  span3(j, "touch_ups", e.touch_ups_in_10y, "low", "typical", "high");
  j.end_object();
  candidacy(j, e, m);
  breakdown(j, e);
  strings(j, "assumptions", e.assumptions);
  j.end_object();
  return j.str();
}

Result<std::string> estimate_json(const EstimateRequest& request) {
  Result<Estimate> e = make_estimate(request);
  if (!e.ok()) return e.error();
  return estimate_to_json(e.value());
}

}  // namespace smp

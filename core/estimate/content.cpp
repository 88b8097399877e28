#include "core/estimate/content.h"

#include "core/estimate/candidacy.h"
#include "core/base/json.h"
#include "core/estimate/messages.h"
#include "core/estimate/pricing.h"

namespace smp {
namespace {

const std::vector<std::string> kGoals = {"full", "density", "scar", "alopecia"};
const std::vector<std::string> kFactors = {"scar", "alopecia", "dry_skin", "thick_skin", "oily_skin", "light_pigment"};
const std::vector<std::string> kExpectations = {"no_hair_growth", "lasts", "insurance", "sessions", "healing",
                                                "hair_loss_continues"};
const std::vector<std::string> kAftercareSteps = {"redness", "dry", "no_sweat", "hands_off", "sun", "between"};
const std::vector<std::string> kCallDoctor = {"fever", "pus", "pain", "redness", "swelling"};
const std::vector<std::string> kProviderQuestions = {"candidate", "expectations", "comfort", "aftercare",
                                                     "sessions_cost", "patch_test"};
const std::vector<std::string> kTechnician = {"licensed", "experience", "photos", "consultation", "no_pressure"};
const std::vector<Outcome> kOutcomes = {Outcome::candidate, Outcome::patch_test, Outcome::talk_to_provider,
                                        Outcome::not_a_candidate};

void text(JsonWriter& j, const Messages& m, const char* field, const std::string& key) {
  j.key(field).value(m.text(key));
}

// [{id, key, text}] for keys prefix + id.
void items(JsonWriter& j, const Messages& m, const std::string& prefix, const std::vector<std::string>& ids) {
  j.begin_array();
  for (const std::string& id : ids)
    j.begin_object().key("id").value(id).key("key").value(prefix + id).key("text").value(m.text(prefix + id)).end_object();
  j.end_array();
}

void candidacy(JsonWriter& j, const Messages& m) {
  j.key("candidacy").begin_object();
  text(j, m, "title", "candidacy.title");
  text(j, m, "intro", "candidacy.intro");
  j.key("questions").begin_array();
  for (const CandidacyQuestion& q : candidacy_questions()) {
    const std::string id = q.id;
    j.begin_object().key("id").value(id).key("key").value("candidacy.question." + id);
    text(j, m, "text", "candidacy.question." + id);
    j.key("if_yes").value(outcome_name(q.if_yes));
    j.key("reason_key").value("candidacy.reason." + id);
    text(j, m, "reason", "candidacy.reason." + id);
    j.end_object();
  }
  j.end_array();
  j.key("outcomes").begin_array();
  for (Outcome o : kOutcomes) {
    const std::string base = std::string("candidacy.outcome.") + outcome_name(o);
    j.begin_object().key("id").value(outcome_name(o));
    text(j, m, "title", base + ".title");
    text(j, m, "text", base + ".text");
    j.key("title_key").value(base + ".title").key("text_key").value(base + ".text").end_object();
  }
  j.end_array();
  j.end_object();
}

void aftercare(JsonWriter& j, const Messages& m) {
  j.key("aftercare").begin_object();
  text(j, m, "title", "aftercare.title");
  text(j, m, "intro", "aftercare.intro");
  j.key("timeline").begin_array();
  for (const std::string& id : kAftercareSteps) {
    const std::string base = "aftercare.step." + id;
    j.begin_object().key("id").value(id);
    text(j, m, "when", base + ".when");
    text(j, m, "text", base + ".text");
    j.key("when_key").value(base + ".when").key("text_key").value(base + ".text").end_object();
  }
  j.end_array();
  j.key("call_doctor").begin_object();
  text(j, m, "title", "aftercare.call_doctor.title");
  text(j, m, "intro", "aftercare.call_doctor.intro");
  j.key("signs");
  items(j, m, "aftercare.call_doctor.", kCallDoctor);
  j.end_object();
  j.end_object();
}

void section(JsonWriter& j, const Messages& m, const char* name, const std::string& prefix,
             const std::string& title_key, const std::vector<std::string>& ids) {
  j.key(name).begin_object();
  text(j, m, "title", title_key);
  j.key("items");
  items(j, m, prefix, ids);
  j.end_object();
}

void strings(JsonWriter& j, const char* key, const std::vector<std::string>& v) {
  j.key(key).begin_array();
  for (const std::string& s : v) j.value(s);
  j.end_array();
}

}  // namespace

Result<std::string> content_json(std::string_view locale) {
  Result<Messages> loaded = Messages::load(locale);
  if (!loaded.ok()) return loaded.error();
  const Messages& m = loaded.value();
  JsonWriter j;
  j.begin_object();
  j.key("locale").value(m.locale());
  strings(j, "locales", message_locales());
  text(j, m, "disclaimer", "content.disclaimer");
  j.key("goals");
  items(j, m, "goal.", kGoals);
  j.key("factors");
  items(j, m, "factor.", kFactors);
  candidacy(j, m);
  section(j, m, "expectations", "expectations.", "expectations.title", kExpectations);
  aftercare(j, m);
  section(j, m, "provider_questions", "provider.q.", "provider.title", kProviderQuestions);
  section(j, m, "choosing_technician", "technician.", "technician.title", kTechnician);
  strings(j, "pricing_presets", pricing_presets());
  j.end_object();
  return j.str();
}

std::vector<std::string> content_keys() {
  std::vector<std::string> keys = {"content.disclaimer", "candidacy.title", "candidacy.intro", "expectations.title",
                                   "aftercare.title", "aftercare.intro", "aftercare.call_doctor.title",
                                   "aftercare.call_doctor.intro", "provider.title", "technician.title"};
  auto add = [&](const std::string& prefix, const std::vector<std::string>& ids, const std::string& suffix = "") {
    for (const std::string& id : ids) keys.push_back(prefix + id + suffix);
  };
  add("goal.", kGoals);
  add("factor.", kFactors);
  add("estimate.factor.", kFactors);
  add("estimate.goal.", kGoals);
  add("expectations.", kExpectations);
  add("aftercare.step.", kAftercareSteps, ".when");
  add("aftercare.step.", kAftercareSteps, ".text");
  add("aftercare.call_doctor.", kCallDoctor);
  add("provider.q.", kProviderQuestions);
  add("technician.", kTechnician);
  for (const CandidacyQuestion& q : candidacy_questions()) {
    keys.push_back(std::string("candidacy.question.") + q.id);
    keys.push_back(std::string("candidacy.reason.") + q.id);
  }
  for (const std::string& preset : pricing_presets()) keys.push_back("pricing.preset." + preset);
  for (Outcome o : kOutcomes) {
    keys.push_back(std::string("candidacy.outcome.") + outcome_name(o) + ".title");
    keys.push_back(std::string("candidacy.outcome.") + outcome_name(o) + ".text");
  }
  return keys;
}

}  // namespace smp

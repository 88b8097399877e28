// Consultation content: catalogues complete in every locale, candidacy rules,
// and the content object a widget renders.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "core/estimate/candidacy.h"
#include "core/estimate/content.h"
#include "core/estimate/embedded_data.h"
#include "core/base/json_value.h"
#include "core/estimate/messages.h"

namespace smp {
namespace {

std::map<std::string, std::string> catalogue(const std::string& locale) {
  auto text = embedded_data("messages/" + locale + ".json");
  EXPECT_TRUE(text.has_value()) << locale;
  Result<std::map<std::string, std::string>> c = parse_catalogue(text ? *text : "{}");
  EXPECT_TRUE(c.ok());
  return c.ok() ? c.value() : std::map<std::string, std::string>{};
}

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  static const std::regex mark(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), mark); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

TEST(Content, EveryLocaleTranslatesEveryKeyWithTheSamePlaceholders) {
  std::vector<std::string> locales = message_locales();
  ASSERT_GE(locales.size(), 2u);
  const auto en = catalogue("en");
  for (const std::string& locale : locales) {
    const auto other = catalogue(locale);
    for (const auto& [key, text] : en) {
      ASSERT_TRUE(other.count(key)) << locale << " lacks " << key;
      EXPECT_FALSE(other.at(key).empty()) << locale << " " << key;
      EXPECT_EQ(placeholders(other.at(key)), placeholders(text)) << locale << " " << key;
      if (locale != "en" && text.size() > 20)  // short terms such as "Alopecia areata" may coincide
        EXPECT_NE(other.at(key), text) << locale << " left untranslated: " << key;
    }
    EXPECT_EQ(other.size(), en.size()) << locale << " has keys English lacks";
  }
}

TEST(Content, EveryKeyTheCodeUsesExists) {
  const auto en = catalogue("en");
  for (const std::string& key : content_keys()) EXPECT_TRUE(en.count(key)) << key;
}

TEST(Candidacy, OutcomesFollowTheWorstAnswer) {
  auto outcome = [](std::vector<std::string> answers) {
    Result<Candidacy> c = assess_candidacy(answers);
    EXPECT_TRUE(c.ok());
    return c.ok() ? c->outcome : Outcome::candidate;
  };
  EXPECT_EQ(outcome({}), Outcome::candidate);
  EXPECT_EQ(outcome({"pigment_allergy"}), Outcome::patch_test);
  for (const char* id : {"psoriasis", "eczema", "acne", "blood_thinners", "pregnancy", "chemotherapy_6mo",
                         "isotretinoin", "recent_laser", "temporary_hair_loss"}) {
    EXPECT_EQ(outcome({id}), Outcome::talk_to_provider) << id;
    EXPECT_EQ(outcome({"pigment_allergy", id}), Outcome::talk_to_provider) << id;
  }
  // keloid wins over every subset of the other answers, in any order
  const auto& qs = candidacy_questions();
  for (unsigned mask = 0; mask < (1u << qs.size()); ++mask) {
    std::vector<std::string> answers;
    for (std::size_t i = 0; i < qs.size(); ++i)
      if (mask & (1u << i)) answers.emplace_back(qs[i].id);
    const bool keloid = mask & 1u;
    std::reverse(answers.begin(), answers.end());
    Result<Candidacy> c = assess_candidacy(answers);
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->outcome == Outcome::not_a_candidate, keloid) << mask;
    ASSERT_EQ(c->reasons.size(), answers.size());
  }
  Result<Candidacy> bad = assess_candidacy({"keloid", "sunburn"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("'sunburn'"), std::string::npos);
}

TEST(Content, JsonGivesTheWidgetQuestionsOutcomesAndSections) {
  Result<std::string> text = content_json("es-MX");
  ASSERT_TRUE(text.ok());
  Result<JsonValue> j = parse_json(text.value());
  ASSERT_TRUE(j.ok()) << j.error().message;
  const JsonValue& o = j.value();
  EXPECT_EQ(o["locale"].as_string(), "es");
  const auto& questions = o["candidacy"]["questions"].items();
  ASSERT_EQ(questions.size(), candidacy_questions().size());
  for (std::size_t i = 0; i < questions.size(); ++i) {
    EXPECT_EQ(questions[i]["id"].as_string(), candidacy_questions()[i].id);
    EXPECT_EQ(questions[i]["if_yes"].as_string(), outcome_name(candidacy_questions()[i].if_yes));
    EXPECT_EQ(questions[i]["key"].as_string(), std::string("candidacy.question.") + candidacy_questions()[i].id);
    EXPECT_FALSE(questions[i]["text"].as_string().empty());
  }
  EXPECT_EQ(questions[0]["if_yes"].as_string(), "not_a_candidate");
  EXPECT_EQ(o["candidacy"]["outcomes"].items().size(), 4u);
  EXPECT_GE(o["aftercare"]["timeline"].items().size(), 5u);
  EXPECT_EQ(o["aftercare"]["call_doctor"]["signs"].items().size(), 5u);
  EXPECT_GE(o["provider_questions"]["items"].items().size(), 4u);
  EXPECT_GE(o["choosing_technician"]["items"].items().size(), 3u);
  EXPECT_EQ(o["expectations"]["items"].items()[0]["id"].as_string(), "no_hair_growth");
  EXPECT_EQ(o["pricing_presets"].items().size(), 2u);
  // every text resolved: no "[key]" fallbacks, no "{placeholder}"
  EXPECT_EQ(text.value().find("\"["), std::string::npos);
  EXPECT_EQ(text.value().find("{"), 0u);
}

TEST(Content, UnknownLocaleFallsBackToEnglish) {
  Result<std::string> fr = content_json("fr");
  Result<std::string> en = content_json("en");
  ASSERT_TRUE(fr.ok() && en.ok());
  EXPECT_EQ(fr.value(), en.value());
  Result<std::string> es = content_json("ES");
  ASSERT_TRUE(es.ok());
  EXPECT_NE(es.value(), en.value());
}

TEST(Messages, FormatsPlaceholdersAndNumbersPerLocale) {
  Result<Messages> en = Messages::load("en"), es = Messages::load("es");
  ASSERT_TRUE(en.ok() && es.ok());
  EXPECT_EQ(en->money(1500, "GBP"), "GBP 1,500");
  EXPECT_EQ(es->money(1500, "GBP"), "1.500 GBP");
  EXPECT_EQ(en->number(1234567), "1,234,567");
  EXPECT_EQ(en->number(85), "85");
  EXPECT_EQ(en->text("estimate.minimum_charge", {{"price", "GBP 400"}}), "The clinic's minimum charge is GBP 400.");
  EXPECT_EQ(en->text("no.such.key"), "[no.such.key]");
}

}  // namespace
}  // namespace smp

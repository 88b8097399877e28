// The estimator against the published figures it encodes (docs/estimate.md).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "core/consultation.h"
#include "core/estimate/estimate.h"
#include "core/base/json_value.h"
#include "tests/core/test_images.h"

namespace smp {
namespace {

const std::vector<std::string> kGoals = {"full", "density", "scar", "alopecia"};
const std::vector<std::string> kFactors = {"scar", "alopecia", "dry_skin", "thick_skin", "oily_skin", "light_pigment"};

Estimate run(EstimateRequest r) {
  Result<Estimate> e = make_estimate(r);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  return e.ok() ? e.value() : Estimate{};
}

EstimateRequest stage(const char* scale, int n, const std::string& pricing = "uk") {
  EstimateRequest r;
  (std::string(scale) == "norwood" ? r.norwood : r.ludwig) = n;
  r.pricing = pricing;
  return r;
}

EstimateRequest area(double cm2, const std::string& pricing = "uk") {
  EstimateRequest r;
  r.area_cm2 = cm2;
  r.pricing = pricing;
  return r;
}

EstimateRequest photo_area(double cm2) {
  EstimateRequest r = area(cm2);
  r.area_from_photo = true;
  return r;
}

struct Band {
  double low, high;
};

// Published UK bands (smpaesthetics.co.uk): NW2-3 / Ludwig I, NW4-5 /
// Ludwig II, NW6-7 / Ludwig III. Norwood 1 (no recession) is priced as the
// smallest band.
Band uk_norwood_band(int n) { return n <= 3 ? Band{400, 850} : n <= 5 ? Band{850, 1500} : Band{1500, 2500}; }
Band uk_ludwig_band(int g) { return g == 1 ? Band{400, 850} : g == 2 ? Band{850, 1500} : Band{1500, 2500}; }

void expect_within(const Estimate& e, Band b, const std::string& what) {
  EXPECT_GE(e.cost.low, b.low) << what;
  EXPECT_LE(e.cost.high, b.high) << what;
  EXPECT_GE(e.cost.typical, e.cost.low) << what;
  EXPECT_LE(e.cost.typical, e.cost.high) << what;
}

TEST(Estimate, UkEveryNorwoodStageFallsInItsPublishedBand) {
  for (int n = 1; n <= 7; ++n) {
    Estimate e = run(stage("norwood", n));
    EXPECT_EQ(e.pricing.currency, "GBP");
    expect_within(e, uk_norwood_band(n), "Norwood " + std::to_string(n));
    // The same stage reached through its reference area lands in the same band.
    expect_within(run(area(norwood_reference_area(n))), uk_norwood_band(n), "area of Norwood " + std::to_string(n));
  }
}

TEST(Estimate, UkEveryLudwigGradeFallsInItsPublishedBand) {
  for (int g = 1; g <= 3; ++g)
    for (const char* goal : {"full", "density"}) {
      EstimateRequest r = stage("ludwig", g);
      r.goal = goal;
      expect_within(run(r), uk_ludwig_band(g), std::string("Ludwig ") + std::to_string(g) + " " + goal);
    }
}

TEST(Estimate, UsTypicalFullTreatmentIsWithin1500To4000) {
  for (int n = 1; n <= 7; ++n) expect_within(run(stage("norwood", n, "us")), {1500, 4000}, "Norwood " + std::to_string(n));
  for (int g = 1; g <= 3; ++g) expect_within(run(stage("ludwig", g, "us")), {1500, 4000}, "Ludwig " + std::to_string(g));
  for (double a = 5; a <= 1000; a *= 1.5) {
    Estimate e = run(area(a, "us"));
    EXPECT_EQ(e.pricing.currency, "USD");
    expect_within(e, {1500, 4000}, "area " + std::to_string(a));
  }
  EstimateRequest scar = area(30, "us");
  scar.goal = "scar";
  expect_within(run(scar), {2000, 2500}, "scars alone");
}

TEST(Estimate, PublishedSessionCountsAndTimes) {
  Estimate e = run(stage("norwood", 5));
  EXPECT_EQ(e.sessions.low, 2);
  EXPECT_EQ(e.sessions.typical, 3);
  EXPECT_EQ(e.sessions.high, 4);
  EXPECT_EQ(e.hours_per_session.low, 3);
  EXPECT_EQ(e.hours_per_session.high, 5);
  EXPECT_EQ(e.spacing_days.low, 10);
  EXPECT_EQ(e.spacing_days.high, 30);
  EXPECT_LE(e.total_hours.high, 20);  // "up to about 20 hours in total"
  EXPECT_EQ(e.touch_up_years.low, 3);
  EXPECT_EQ(e.touch_up_years.high, 6);
  EstimateRequest density = stage("ludwig", 1);
  density.goal = "density";
  Estimate d = run(density);
  EXPECT_EQ(d.sessions.low, 2);
  EXPECT_LE(d.sessions.high, 3);
  EstimateRequest scar = area(20);
  scar.goal = "scar";
  Estimate s = run(scar);
  EXPECT_EQ(s.sessions.low, 2);
  EXPECT_EQ(s.sessions.high, 4);
}

TEST(Estimate, KeloidAlwaysMeansNotACandidate) {
  const std::vector<std::string> others = {"pigment_allergy", "psoriasis", "eczema", "acne", "blood_thinners",
                                           "pregnancy", "chemotherapy_6mo", "isotretinoin", "recent_laser",
                                           "temporary_hair_loss"};
  int checked = 0;
  for (const std::string& goal : kGoals)
    for (int mask = 0; mask < (1 << kFactors.size()); ++mask)
      for (int extra = -1; extra <= static_cast<int>(others.size()); ++extra) {
        EstimateRequest r = (mask % 3 == 0) ? stage("norwood", 1 + mask % 7) : area(10.0 + mask * 7, mask % 2 ? "us" : "uk");
        r.goal = goal;
        for (std::size_t f = 0; f < kFactors.size(); ++f)
          if (mask & (1 << f)) r.factors.push_back(kFactors[f]);
        if (extra >= 0 && extra < static_cast<int>(others.size())) r.answers.push_back(others[extra]);
        if (extra == static_cast<int>(others.size())) r.answers = others;
        // keloid first, last or alone: the order must not matter
        if (mask % 2) r.answers.insert(r.answers.begin(), "keloid"); else r.answers.push_back("keloid");
        Estimate e = run(r);
        ASSERT_EQ(e.candidacy.outcome, Outcome::not_a_candidate) << goal << " mask " << mask << " extra " << extra;
        ASSERT_EQ(e.candidacy.reasons.front(), "keloid");
        ++checked;
      }
  EXPECT_EQ(checked, 4 * 64 * 12);
}

TEST(Estimate, ScarsOrAlopeciaRaiseTheSessionMaximum) {
  for (const std::string& goal : kGoals)
    for (const char* factor : {"scar", "alopecia"}) {
      if (goal == "scar" && std::string(factor) == "scar") continue;        // counted by the goal
      if (goal == "alopecia" && std::string(factor) == "alopecia") continue;  // counted by the goal
      EstimateRequest base = stage("norwood", 4);
      base.goal = goal;
      EstimateRequest with = base;
      with.factors = {factor};
      EXPECT_GT(run(with).sessions.high, run(base).sessions.high) << goal << " + " << factor;
    }
  EstimateRequest full = stage("norwood", 6), alopecia = full;
  alopecia.goal = "alopecia";
  EXPECT_GT(run(alopecia).sessions.high, run(full).sessions.high);
  // with an extra-session price, the higher maximum also raises the cost ceiling
  EstimateRequest priced = stage("norwood", 4);
  priced.pricing = R"({"currency":"EUR","model":"package","package_price":{"low":1000,"high":2000},
                       "sessions_included":4,"extra_session":250,"touch_up":300})";
  EstimateRequest scarred = priced;
  scarred.factors = {"scar"};
  EXPECT_EQ(run(scarred).cost.high, run(priced).cost.high + 250);
}

// Every figure, flattened, so "never lowers any figure" checks them all.
std::vector<double> figures(const Estimate& e) {
  std::vector<double> v;
  for (const Span& s : {e.sessions, e.hours_per_session, e.spacing_days, e.total_hours, e.cost, e.touch_up_cost,
                        e.touch_ups_in_10y, e.ten_year_cost})
    for (double d : {s.low, s.typical, s.high}) v.push_back(d);
  v.push_back(e.area_cm2);
  return v;
}

TEST(Estimate, DoublingTheAreaNeverLowersAnyFigure) {
  const std::string per_area = R"({"currency":"EUR","model":"per_area","bands":[
      {"max_cm2":50,"low":500,"high":900},{"max_cm2":150,"low":900,"high":1600},{"max_cm2":400,"low":1600,"high":2600}],
      "touch_up":{"low":200,"high":350},"minimum_charge":600})";
  int pairs = 0, higher_cost = 0;
  for (const std::string& pricing : {std::string("uk"), std::string("us"), per_area})
    for (const std::string& goal : kGoals)
      for (const std::vector<std::string>& factors :
           {std::vector<std::string>{}, std::vector<std::string>{"scar", "dry_skin"}, kFactors})
        for (double a = 2; a <= 500; a *= 1.37) {
          EstimateRequest small = area(a, pricing), big = area(2 * a, pricing);
          small.goal = big.goal = goal;
          small.factors = big.factors = factors;
          std::vector<double> fs = figures(run(small)), fb = figures(run(big));
          for (std::size_t i = 0; i < fs.size(); ++i) ASSERT_GE(fb[i], fs[i]) << "figure " << i << " at " << a << " cm2, " << goal;
          higher_cost += run(big).cost.typical > run(small).cost.typical;
          ++pairs;
        }
  // the area drives the price: a good share of doublings cross into a dearer band
  EXPECT_GT(higher_cost, pairs / 5);
}

TEST(Estimate, LargerNorwoodStageNeverCostsLess) {
  for (const char* pricing : {"uk", "us"})
    for (int n = 1; n < 7; ++n) {
      Estimate a = run(stage("norwood", n, pricing)), b = run(stage("norwood", n + 1, pricing));
      EXPECT_GE(b.cost.low, a.cost.low);
      EXPECT_GE(b.cost.high, a.cost.high);
      EXPECT_GE(b.area_cm2, a.area_cm2);
    }
}

TEST(Estimate, EveryFactorIsItemisedInTheBreakdown) {
  EstimateRequest r = stage("norwood", 3);
  r.factors = {"oily_skin", "scar", "thick_skin", "scar"};  // duplicates count once
  Estimate e = run(r);
  EXPECT_EQ(e.factors, (std::vector<std::string>{"scar", "thick_skin", "oily_skin"}));
  for (const char* id : {"extent", "goal.full", "factor.scar", "factor.thick_skin", "factor.oily_skin", "price", "touch_ups"}) {
    bool found = false;
    for (const BreakdownItem& b : e.breakdown) found = found || b.id == id;
    EXPECT_TRUE(found) << id;
  }
  EXPECT_TRUE(e.fourth_session_more_likely);
  EXPECT_EQ(e.hours_per_session.high, 6);
  EXPECT_EQ(e.touch_up_years.typical, 3);  // oily skin: touch-ups sooner
  // more touch-ups in ten years -> a higher ten-year cost than without oily skin
  EstimateRequest dry = stage("norwood", 3);
  dry.factors = {"scar", "thick_skin"};
  EXPECT_GT(e.ten_year_cost.typical, run(dry).ten_year_cost.typical);
}

TEST(Estimate, TenYearCostAddsTouchUps) {
  Estimate e = run(stage("norwood", 6));
  EXPECT_EQ(e.ten_year_cost.low, e.cost.low + e.touch_ups_in_10y.low * e.touch_up_cost.low);
  EXPECT_EQ(e.ten_year_cost.high, e.cost.high + e.touch_ups_in_10y.high * e.touch_up_cost.high);
  EXPECT_EQ(e.touch_ups_in_10y.low, 1);   // every 6 years
  EXPECT_EQ(e.touch_ups_in_10y.high, 3);  // every 3 years
}

TEST(Estimate, BadRequestsNameTheOption) {
  struct Case {
    EstimateRequest r;
    std::string code, needle;
  };
  EstimateRequest none;
  EstimateRequest two = stage("norwood", 3);
  two.area_cm2 = 50;
  EstimateRequest goal = stage("norwood", 3);
  goal.goal = "regrowth";
  EstimateRequest factor = stage("norwood", 3);
  factor.factors = {"sunburn"};
  EstimateRequest answer = stage("norwood", 3);
  answer.answers = {"diabetes?"};
  EstimateRequest pricing = stage("norwood", 3);
  pricing.pricing = "mars";
  for (const Case& c : std::vector<Case>{{none, "no_input", "area_cm2"},
                                         {two, "invalid_option", "only one"},
                                         {stage("norwood", 8), "invalid_option", "norwood"},
                                         {stage("ludwig", 0), "invalid_option", "ludwig"},
                                         {area(-3), "invalid_option", "area_cm2"},
                                         {area(NAN), "invalid_option", "area_cm2"},
                                         {area(5000), "invalid_option", "area_cm2"},
                                         {photo_area(5000), "implausible_area", "Norwood stage"},
                                         {goal, "invalid_option", "regrowth"},
                                         {factor, "invalid_option", "sunburn"},
                                         {answer, "invalid_option", "diabetes?"},
                                         {pricing, "invalid_pricing", "mars"}}) {
    Result<std::string> r = estimate_json(c.r);
    ASSERT_FALSE(r.ok()) << c.needle;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos) << r.error().message;
  }
}

TEST(Estimate, JsonCarriesEveryFieldTheIssueNames) {
  EstimateRequest r = area(180, "us");
  r.factors = {"alopecia"};
  r.answers = {"pigment_allergy"};
  Result<std::string> text = estimate_json(r);
  ASSERT_TRUE(text.ok());
  Result<JsonValue> j = parse_json(text.value());
  ASSERT_TRUE(j.ok());
  const JsonValue& o = j.value();
  EXPECT_TRUE(o["is_estimate"].as_bool());
  for (const char* k : {"min", "typical", "max"}) EXPECT_TRUE(o["sessions"][k].is_number()) << k;
  for (const char* k : {"min", "max"}) EXPECT_TRUE(o["hours_per_session"][k].is_number()) << k;
  EXPECT_EQ(o["cost"]["currency"].as_string(), "USD");
  for (const char* k : {"low", "typical", "high"}) {
    EXPECT_TRUE(o["cost"][k].is_number()) << k;
    EXPECT_TRUE(o["ten_year_cost"][k].is_number()) << k;
    EXPECT_TRUE(o["touch_up"]["cost"][k].is_number()) << k;
  }
  EXPECT_TRUE(o["touch_up"]["interval_years"]["min"].is_number());
  EXPECT_EQ(o["candidacy"]["outcome"].as_string(), "patch_test");
  EXPECT_FALSE(o["candidacy"]["text"].as_string().empty());
  EXPECT_GE(o["breakdown"].items().size(), 5u);
  EXPECT_GE(o["assumptions"].items().size(), 5u);
  EXPECT_EQ(o["input"]["area_cm2"].as_number(), 180);
  EXPECT_EQ(o["sessions"]["max"].as_number(), 5);
  // no unresolved {placeholder} or missing "[key]" in any sentence
  std::vector<std::string> sentences = {o["candidacy"]["title"].as_string(), o["candidacy"]["text"].as_string(),
                                        o["label"].as_string()};
  for (const JsonValue& b : o["breakdown"].items()) sentences.push_back(b["text"].as_string());
  for (const JsonValue& a : o["assumptions"].items()) sentences.push_back(a.as_string());
  for (const JsonValue& c : o["candidacy"]["reasons"].items()) sentences.push_back(c["text"].as_string());
  for (const std::string& s : sentences) {
    EXPECT_FALSE(s.empty());
    EXPECT_EQ(s.find_first_of("{}[]"), std::string::npos) << s;
  }
}

TEST(Estimate, EverySentenceResolvesInEveryLocale) {
  const std::vector<std::string> pricings = {
      "uk", "us", R"({"currency":"EUR","model":"per_session","session_price":300,"touch_up":200})",
      R"({"currency":"EUR","model":"per_area","bands":[{"max_cm2":100,"low":500,"high":900}],"touch_up":200})",
      R"({"currency":"EUR","model":"package","package_price":2000,"extra_session":300,"minimum_charge":2500,"touch_up":200})"};
  int sentences = 0;
  for (const char* locale : {"en", "es"})
    for (const std::string& pricing : pricings)
      for (const std::string& goal : kGoals)
        for (int source = 0; source < 6; ++source) {
          EstimateRequest r = source == 0 || source == 4 ? stage("norwood", 4, pricing)
                              : source == 1 || source == 5 ? stage("ludwig", 2, pricing)
                                                           : area(source == 2 ? 0.3 : 140, pricing);
          r.area_from_photo = source == 3;
          if (source >= 4) r.stage_confidence = source == 4 ? 0.3 : 0.8;  // read from a photo
          r.goal = goal;
          r.factors = kFactors;
          r.answers = {"keloid", "pigment_allergy", "pregnancy"};
          r.locale = locale;
          Estimate e = run(r);
          std::vector<std::string> all = e.assumptions;
          for (const BreakdownItem& b : e.breakdown) all.push_back(b.text);
          for (const std::string& text : all) {
            ASSERT_FALSE(text.empty());
            ASSERT_EQ(text.find_first_of("{}[]"), std::string::npos) << locale << ": " << text;
            ++sentences;
          }
        }
  EXPECT_GT(sentences, 1000);
}

TEST(Estimate, ConsultationPassesOptionsAndThePreviewPigment) {
  Consultation c;
  Result<std::string> before = c.estimate(R"({"norwood": 4, "factors": ["scar"], "pricing": "us"})");
  ASSERT_TRUE(before.ok()) << before.error().message;
  ASSERT_TRUE(c.set_options(R"({"shade": "light"})").ok());
  Result<std::string> after = c.estimate(R"({"norwood": 4, "factors": ["scar"], "pricing": "us"})");
  ASSERT_TRUE(after.ok());
  Result<JsonValue> a = parse_json(before.value()), b = parse_json(after.value());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b.value()["sessions"]["max"].as_number(), a.value()["sessions"]["max"].as_number() + 1);
  EXPECT_NE(after.value().find("factor.light_pigment"), std::string::npos);
  // options are checked before anything is computed
  for (const char* bad : {R"({"norwood": 4.5})", R"({"norwood": 1e300})", R"({"ludwig": "2"})", R"({"colour": 1})", "[]", "{"}) {
    Result<std::string> r = c.estimate(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_option") << bad;
  }
  Result<std::string> none = c.estimate("{}");  // no photo, no stage, no area
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "no_input");
}

// A photo's extent is the analysed stage with its confidence, and the
// estimate says so: a synthetic gradient (no head to speak of) is read with
// little confidence, so the client is told to choose their stage.
TEST(Estimate, PhotoExtentIsTheAnalysedStageWithItsConfidence) {
  const std::vector<std::uint8_t> png = test::encode_png(test::gradient(96, 80));
  Consultation c;
  ASSERT_TRUE(c.load_photo(png.data(), png.size()).ok());
  Result<const Analysis*> a = c.analysis();
  ASSERT_TRUE(a.ok());
  Result<std::string> r = c.estimate(R"({"pricing": "uk"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  Result<JsonValue> j = parse_json(r.value());
  ASSERT_TRUE(j.ok());
  const JsonValue& e = j.value();
  EXPECT_EQ(e["extent"]["stage_source"].as_string(), "photo");
  EXPECT_EQ(e["extent"]["area_source"].as_string(), "norwood");
  EXPECT_EQ(int(e["extent"]["norwood"].as_number()), a.value()->norwood_stage);
  EXPECT_NEAR(e["input"]["stage_confidence"].as_number(), a.value()->norwood_confidence, 1e-6);
  ASSERT_LT(a.value()->norwood_confidence, kConfidentStage);
  EXPECT_TRUE(e["extent"]["stage_unsure"].as_bool());
  const std::string pct = std::to_string(std::lround(100 * a.value()->norwood_confidence)) + "% confidence";
  EXPECT_NE(r.value().find(pct), std::string::npos) << r.value();
  EXPECT_NE(r.value().find("could not be read with confidence"), std::string::npos);
  EXPECT_EQ(r.value().find("you chose"), std::string::npos) << "the photo's stage is not the client's choice";
  EXPECT_NE(r.value().find("Extent from the Norwood stage read from your photo"), std::string::npos);
  // A stage the client chooses replaces it, and no longer claims the photo.
  Result<std::string> chosen = c.estimate(R"({"norwood": 5})");
  ASSERT_TRUE(chosen.ok());
  Result<JsonValue> k = parse_json(chosen.value());
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k.value()["extent"]["stage_source"].as_string(), "given");
  EXPECT_FALSE(k.value()["extent"]["stage_unsure"].as_bool());
  EXPECT_EQ(chosen.value().find("read from your photo"), std::string::npos);
  EXPECT_NE(chosen.value().find("Extent from the Norwood stage you chose"), std::string::npos);
  // A Ludwig grade for women, with its own confidence.
  ASSERT_TRUE(c.set_options(R"({"female": true})").ok());
  Result<std::string> f = c.estimate("{}");
  ASSERT_TRUE(f.ok()) << f.error().message;
  Result<JsonValue> fj = parse_json(f.value());
  ASSERT_TRUE(fj.ok());
  EXPECT_EQ(fj.value()["extent"]["area_source"].as_string(), "ludwig");
  EXPECT_EQ(fj.value()["extent"]["stage_source"].as_string(), "photo");
  EXPECT_NE(f.value().find("Ludwig grade read from your photo"), std::string::npos) << f.value();
}

// On the real hair-loss photos in ../shared/photos: every photo gets an
// estimate from its analysed stage, and a higher stage never gets a lower
// estimate (the extent follows the stage, whose labelled accuracy is known).
TEST(Estimate, RealPhotosFollowTheAnalysedStage) {
  const std::vector<std::string> files = {
      "hairloss/1-Top-Down_jpg.rf.0cba4af92d3f10e834a339c3a092abc3.jpg",
      "hairloss/12-Top-Down_jpg.rf.4c2fa7d547865bbec23228ab46bef325.jpg",
      "hairloss/13-Front_jpg.rf.0c803b56d861d9bdb85f2508f7f87ec6.jpg",
      "hairloss/23-Top-Down_jpg.rf.b149d5c88c2faaa256da0e90788a9b75.jpg",
      "misc/deepface__img20.jpg", "misc/face_recognition__biden2.jpg", "misc/baldness_est__og_group4_19.jpg",
      "misc/baldness_est__test_test2.png"};
  if (test::shared_photo(files[0]).empty()) GTEST_SKIP() << "../shared/photos is absent";
  std::vector<std::pair<int, JsonValue>> read;
  for (const std::string& f : files) {
    std::ifstream in(test::shared_photo(f), std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(bytes.empty()) << f;
    Consultation c;
    ASSERT_TRUE(c.load_photo(bytes.data(), bytes.size()).ok()) << f;
    Result<std::string> r = c.estimate(R"({"pricing": "uk"})");
    ASSERT_TRUE(r.ok()) << f << ": " << r.error().message;
    Result<JsonValue> j = parse_json(r.value());
    ASSERT_TRUE(j.ok()) << f;
    EXPECT_EQ(j.value()["extent"]["stage_source"].as_string(), "photo") << f;
    const int stage = int(j.value()["extent"]["norwood"].as_number());
    EXPECT_EQ(stage, c.analysis().value()->norwood_stage) << f;
    read.emplace_back(stage, j.value());
  }
  std::set<int> stages;
  for (const auto& [s, e] : read) stages.insert(s);
  EXPECT_GE(stages.size(), 3u) << "the photos should span several stages";
  for (const auto& [a, ea] : read)
    for (const auto& [b, eb] : read)
      if (b > a) {
        EXPECT_GE(eb["cost"]["typical"].as_number(), ea["cost"]["typical"].as_number()) << a << " vs " << b;
        EXPECT_GE(eb["sessions"]["max"].as_number(), ea["sessions"]["max"].as_number());
      }
}

TEST(Estimate, SpanishTextsSameFigures) {
  EstimateRequest en = stage("norwood", 5), es = en;
  es.locale = "es-ES";
  Estimate a = run(en), b = run(es);
  EXPECT_EQ(b.locale, "es");
  EXPECT_EQ(figures(a), figures(b));
  ASSERT_EQ(a.assumptions.size(), b.assumptions.size());
  EXPECT_NE(a.assumptions[0], b.assumptions[0]);
  EXPECT_NE(b.breakdown.back().text.find("retoques"), std::string::npos);
  // the preset's description is translated too, not the config's English label
  bool uk = false;
  for (const std::string& s : b.assumptions) uk = uk || s.find("Reino Unido") != std::string::npos;
  EXPECT_TRUE(uk);
}

}  // namespace
}  // namespace smp

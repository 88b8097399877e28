// Clinic pricing configs: the shipped presets, each pricing model, and
// malformed configs rejected with the bad field named.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/estimate/embedded_data.h"
#include "core/estimate/estimate.h"
#include "core/estimate/pricing.h"

namespace smp {
namespace {

TEST(Pricing, PresetsShipAndValidate) {
  std::vector<std::string> names = pricing_presets();
  ASSERT_EQ(names, (std::vector<std::string>{"uk", "us"}));
  Result<PricingConfig> uk = load_pricing("uk");
  ASSERT_TRUE(uk.ok()) << uk.error().message;
  EXPECT_EQ(uk->currency, "GBP");
  EXPECT_EQ(uk->model, "per_stage");
  EXPECT_EQ(uk->stage_bands.size(), 3u);
  Result<PricingConfig> us = load_pricing("us");
  ASSERT_TRUE(us.ok()) << us.error().message;
  EXPECT_EQ(us->currency, "USD");
  ASSERT_TRUE(goal_price(us.value(), "scar"));
  EXPECT_EQ(goal_price(us.value(), "scar")->low, 2000);
  EXPECT_EQ(goal_price(us.value(), "scar")->high, 2500);
  // the preset text is the data file itself, also accepted as a config
  Result<PricingConfig> inline_uk = load_pricing(std::string(*embedded_data("pricing/uk.json")));
  ASSERT_TRUE(inline_uk.ok());
  EXPECT_EQ(inline_uk->stage_bands[1].price.high, 1500);
}

struct Bad {
  std::string config, field;
};

TEST(Pricing, MalformedConfigsAreRejectedNamingTheField) {
  const std::string ok_bands = R"("bands":[{"norwood":[1,3],"low":400,"high":850},{"norwood":[4,7],"low":850,"high":2500}])";
  const std::vector<Bad> cases = {
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + ",", "pricing: Invalid JSON"},
      {R"([1,2])", "pricing must be an object"},
      {R"({"model":"per_stage",)" + ok_bands + R"(,"touch_up":300})", "pricing.currency is required"},
      {R"({"currency":"pounds","model":"per_stage",)" + ok_bands + R"(,"touch_up":300})", "pricing.currency must be a three-letter"},
      {R"({"currency":"GBP","model":"flat",)" + ok_bands + R"(,"touch_up":300})", "pricing.model must be one of"},
      {R"({"currency":"GBP","model":"per_stage","bands":[{"norwood":[1,3],"low":400,"high":850},{"norwood":[4,7],"low":"850","high":2500}],"touch_up":300})",
       "pricing.bands[1].low must be a number"},
      {R"({"currency":"GBP","model":"per_stage","bands":[{"norwood":[1,3],"low":900,"high":850}],"touch_up":300})",
       "pricing.bands[0].high must not be below"},
      {R"({"currency":"GBP","model":"per_stage","bands":[{"norwood":[5,2],"low":1,"high":2}],"touch_up":300})",
       "pricing.bands[0].norwood must not end before"},
      {R"({"currency":"GBP","model":"per_stage","bands":[{"norwood":[0,3],"low":1,"high":2}],"touch_up":300})",
       "pricing.bands[0].norwood[0] must be between 1 and 7"},
      {R"({"currency":"GBP","model":"per_stage","bands":[{"ludwig":[1,4],"low":1,"high":2}],"touch_up":300})",
       "pricing.bands[0].ludwig[1] must be between 1 and 3"},
      {R"({"currency":"GBP","model":"per_stage","bands":[{"low":1,"high":2}],"touch_up":300})",
       "pricing.bands[0] needs a norwood or ludwig range"},
      {R"({"currency":"GBP","model":"per_stage","bands":[],"touch_up":300})", "pricing.bands must be a non-empty array"},
      {R"({"currency":"GBP","model":"per_area","bands":[{"max_cm2":100,"low":1,"high":2},{"max_cm2":50,"low":2,"high":3}],"touch_up":300})",
       "pricing.bands[1].max_cm2 must be larger"},
      {R"({"currency":"GBP","model":"per_area","bands":[{"max_cm2":100,"low":1,"high":2,"colour":"red"}],"touch_up":300})",
       "pricing.bands[0].colour is not a known field"},
      {R"({"currency":"GBP","model":"per_session","touch_up":300})", "pricing.session_price is required"},
      {R"({"currency":"GBP","model":"package","touch_up":300})", "pricing.package_price is required"},
      {R"({"currency":"GBP","model":"package","package_price":true,"touch_up":300})", "pricing.package_price must be a number or an object"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + "}", "pricing.touch_up is required"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":-5})", "pricing.touch_up must be at least 0"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":{"low":100}})", "pricing.touch_up.high is required"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":300,"prices":1})", "pricing.prices is not a known field"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":300,"goals":{"haircut":100}})", "pricing.goals.haircut is not a goal"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":300,"sessions_included":0})", "pricing.sessions_included must be between"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":300,"minimum_charge":"x"})", "pricing.minimum_charge must be a number"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":300,"extra_session":{"low":"a","high":2}})", "pricing.extra_session.low must be a number"},
      {R"({"currency":"GBP","model":"per_stage",)" + ok_bands + R"(,"touch_up":{"low":100,"high":200,"typical":900}})", "pricing.touch_up.typical must lie between"},
  };
  for (const Bad& c : cases) {
    Result<PricingConfig> r = load_pricing(c.config);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, "invalid_pricing");
    EXPECT_NE(r.error().message.find(c.field), std::string::npos) << "wanted '" << c.field << "', got '" << r.error().message << "'";
    // and the estimator passes the same error on
    EstimateRequest req;
    req.norwood = 3;
    req.pricing = c.config;
    Result<std::string> e = estimate_json(req);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().message, r.error().message);
  }
}

TEST(Pricing, UnknownPresetListsTheKnownOnes) {
  Result<PricingConfig> r = load_pricing("de");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("uk, us"), std::string::npos);
}

Estimate estimate_with(const std::string& pricing, EstimateRequest r) {
  r.pricing = pricing;
  Result<Estimate> e = make_estimate(r);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  return e.ok() ? e.value() : Estimate{};
}

TEST(Pricing, PerSessionMultipliesBySessions) {
  EstimateRequest r;
  r.norwood = 5;
  Estimate e = estimate_with(R"({"currency":"EUR","model":"per_session","session_price":{"low":300,"high":500},"touch_up":250})", r);
  EXPECT_EQ(e.cost.low, 2 * 300);
  EXPECT_EQ(e.cost.typical, 3 * 400);
  EXPECT_EQ(e.cost.high, 4 * 500);
  r.factors = {"alopecia"};
  EXPECT_EQ(estimate_with(R"({"currency":"EUR","model":"per_session","session_price":400,"touch_up":250})", r).cost.high, 5 * 400);
}

TEST(Pricing, PerAreaPicksTheBandHoldingTheArea) {
  const std::string cfg = R"({"currency":"CAD","model":"per_area","bands":[
      {"max_cm2":50,"low":500,"high":800},{"max_cm2":150,"low":900,"high":1500},{"max_cm2":300,"low":1600,"high":3000}],
      "touch_up":300})";
  EstimateRequest r;
  for (auto [area, low] : std::vector<std::pair<double, double>>{{10, 500}, {50, 500}, {50.5, 900}, {149, 900}, {200, 1600}, {900, 1600}}) {
    r.area_cm2 = area;
    EXPECT_EQ(estimate_with(cfg, r).cost.low, low) << area;
  }
  // a stage without a photo is priced through its reference area
  EstimateRequest nw;
  nw.norwood = 7;
  EXPECT_EQ(estimate_with(cfg, nw).cost.low, 1600);
}

TEST(Pricing, PackageExtraSessionsAndMinimumCharge) {
  const std::string cfg = R"({"currency":"AUD","model":"package","package_price":{"low":1000,"high":3000},
      "sessions_included":3,"extra_session":{"low":200,"high":400},"touch_up":500,"minimum_charge":1500})";
  EstimateRequest r;
  r.area_cm2 = 100;
  Estimate plain = estimate_with(cfg, r);
  EXPECT_EQ(plain.cost.low, 1500);  // lifted to the minimum charge
  EXPECT_EQ(plain.cost.typical, 2000);
  EXPECT_EQ(plain.cost.high, 3000 + 400);  // a 4th session beyond the 3 included
  r.factors = {"scar", "alopecia"};  // up to 6 sessions: 3 beyond the package
  Estimate more = estimate_with(cfg, r);
  EXPECT_EQ(more.sessions.high, 6);
  EXPECT_EQ(more.cost.high, 3000 + 3 * 400);
  bool itemised = false;
  for (const BreakdownItem& b : more.breakdown) itemised = itemised || b.id == "extra_sessions";
  EXPECT_TRUE(itemised);
}

TEST(Pricing, AStageTheConfigDoesNotCoverIsNamed) {
  EstimateRequest r;
  r.norwood = 1;
  r.pricing = R"({"currency":"GBP","model":"per_stage","bands":[{"norwood":[2,7],"low":1,"high":2}],"touch_up":1})";
  Result<Estimate> e = make_estimate(r);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "invalid_pricing");
  EXPECT_NE(e.error().message.find("Norwood 1"), std::string::npos);
}

}  // namespace
}  // namespace smp

#include <gtest/gtest.h>

#include "core/base/json.h"
#include "core/base/json_value.h"

namespace smp {
namespace {

TEST(Json, WriterProducesParseableNestedObjects) {
  JsonWriter j;
  j.begin_object().key("a").value(1).key("b").begin_array().value(1.5).value("x\"y").null()
      .end_array().key("c").value(true).end_object();
  EXPECT_EQ(j.str(), R"({"a": 1, "b": [1.5, "x\"y", null], "c": true})");
  Result<JsonValue> v = parse_json(j.str());
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v.value()["b"].items()[1].as_string(), "x\"y");
  EXPECT_TRUE(v.value()["c"].as_bool());
}

TEST(Json, ParserRejectsMalformedTextWithOffset) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "nul", "\"abc", "1e999", "{} x"}) {
    Result<JsonValue> v = parse_json(bad);
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.error().code, "invalid_json");
    EXPECT_NE(v.error().message.find("byte"), std::string::npos);
  }
}

TEST(Json, ParserBoundsNestingDepth) {
  std::string deep(10000, '[');
  EXPECT_FALSE(parse_json(deep).ok());
}

TEST(Json, ParsesUnicodeEscapes) {
  Result<JsonValue> v = parse_json(R"("caf\u00e9 \ud83d\ude00")");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as_string(), "caf\xc3\xa9 \xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace smp

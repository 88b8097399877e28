#include "core/consultation.h"

#include <gtest/gtest.h>

#include "core/json_value.h"
#include "test_images.h"

namespace smp {
namespace {

std::vector<glm::vec2> points_of(const std::string& json) {
  std::vector<glm::vec2> out;
  Result<JsonValue> parsed = parse_json(json);  // kept alive for the loop
  for (const JsonValue& p : parsed->items())
    out.emplace_back(p.items()[0].as_number(), p.items()[1].as_number());
  return out;
}

std::string to_json(const std::vector<glm::vec2>& pts) {
  std::string s = "[";
  for (std::size_t i = 0; i < pts.size(); ++i)
    s += (i ? ",[" : "[") + std::to_string(pts[i].x) + "," + std::to_string(pts[i].y) + "]";
  return s + "]";
}

Consultation loaded(int w = 320, int h = 240) {
  Consultation c;
  std::vector<std::uint8_t> png = test::encode_png(test::gradient(w, h));
  EXPECT_TRUE(c.load_photo(png.data(), png.size()).ok());
  return c;
}

TEST(Consultation, DraggedHandleStaysAndItsMirrorFollows) {
  Consultation c = loaded();
  auto pts = points_of(c.hairline_json().value());
  ASSERT_GE(pts.size(), 3u);
  std::vector<glm::vec2> moved = pts;
  moved[0].y -= 12;  // one handle, as a drag sends it
  ASSERT_TRUE(c.set_hairline(to_json(moved)).ok());
  auto after = points_of(c.hairline_json().value());
  EXPECT_NEAR(after[0].y, pts[0].y - 12, 0.5);           // not pulled back halfway
  EXPECT_LT(after.back().y, pts.back().y - 6);            // its mirror went up too
}

TEST(Consultation, ShadeChangeReRendersSameSeedIsIdentical) {
  Consultation c = loaded();
  ASSERT_TRUE(c.set_options(R"({"shade":"black"})").ok());
  std::vector<std::uint8_t> black = c.render().value()->pixels;
  ASSERT_TRUE(c.set_options(R"({"shade":"light"})").ok());
  std::vector<std::uint8_t> light = c.render().value()->pixels;
  ASSERT_TRUE(c.set_options(R"({"shade":"black"})").ok());
  EXPECT_EQ(c.render().value()->pixels, black);
  EXPECT_NE(light, black);
}

TEST(Consultation, FailedLoadKeepsThePreviousPhotoUsable) {
  Consultation c = loaded(300, 200);
  ASSERT_TRUE(c.render().ok());
  std::string junk = "definitely not an image";
  Status s = c.load_photo(reinterpret_cast<const std::uint8_t*>(junk.data()), junk.size());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "not_an_image");
  ASSERT_TRUE(c.has_photo());
  EXPECT_EQ(c.photo().original_width, 300);
  Result<const Image*> r = c.render();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value()->width, 300);
}

TEST(Consultation, BadOptionsAreRejectedByNameAndChangeNothing) {
  Consultation c;
  std::string before = c.options_json();
  Status s = c.set_options(R"({"density": 190, "shade": 3})");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "invalid_option");
  EXPECT_NE(s.error().message.find("shade"), std::string::npos);
  EXPECT_EQ(c.options_json(), before);
  EXPECT_FALSE(c.set_options("[1,2]").ok());
  EXPECT_FALSE(c.set_options(R"({"nonsense": true})").ok());
}

}  // namespace
}  // namespace smp

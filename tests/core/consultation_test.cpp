#include "core/consultation.h"

#include <gtest/gtest.h>

#include <map>

#include <algorithm>
#include <optional>

#include <glm/geometric.hpp>

#include "core/base/json.h"
#include "core/base/json_value.h"
#include "core/intake/photo.h"
#include "tests/core/test_images.h"

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

std::vector<std::uint8_t> rgba_of(const Image& rgb) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < rgb.pixels.size(); i += 3)
    out.insert(out.end(), {rgb.pixels[i], rgb.pixels[i + 1], rgb.pixels[i + 2], 255});
  return out;
}

Consultation loaded_rgb(const Image& rgb) {
  Consultation c;
  const std::vector<std::uint8_t> rgba = rgba_of(rgb);
  EXPECT_TRUE(c.load_rgba(rgba.data(), rgb.width, rgb.height).ok());
  return c;
}

// A photo whose orientation was lost (stored a quarter turn off) comes back
// upright pixel for pixel after the opposite turn; sizes follow the turn.
TEST(Consultation, TurnPutsALostOrientationRight) {
  const Image upright = test::gradient(160, 100);
  for (int orientation : {6, 3, 8}) {
    const int quarters = orientation == 6 ? 1 : orientation == 3 ? 2 : -1;  // the turn it needs
    Consultation c = loaded_rgb(test::transformed(upright, orientation));
    ASSERT_TRUE(c.turn(quarters).ok());
    EXPECT_EQ(c.photo().working.width, 160) << orientation;
    EXPECT_EQ(c.photo().working.height, 100) << orientation;
    EXPECT_EQ(c.photo().original_width, 160) << orientation;
    EXPECT_EQ(c.photo().working.pixels, upright.pixels) << orientation;
    ASSERT_TRUE(c.turn(4).ok());  // a whole turn changes nothing
    EXPECT_EQ(c.photo().working.pixels, upright.pixels) << orientation;
  }
  Consultation empty;
  Status s = empty.turn(1);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "no_photo");
}

// After a turn everything is recomputed for the turned photo: the analysis'
// size, and the hairline proposal (a moved handle belonged to the old frame).
TEST(Consultation, TurnRecomputesTheAnalysisAndDropsMovedHandles) {
  const Image upright = test::gradient(320, 240);
  Consultation c = loaded_rgb(test::transformed(upright, 6));
  ASSERT_EQ(c.analysis().value()->width, 240);
  auto pts = points_of(c.hairline_json().value());
  pts[0].y -= 10;
  ASSERT_TRUE(c.set_hairline(to_json(pts)).ok());
  ASSERT_TRUE(c.turn(1).ok());
  EXPECT_EQ(c.analysis().value()->width, 320);
  Consultation fresh = loaded_rgb(upright);
  EXPECT_EQ(c.hairline_json().value(), fresh.hairline_json().value());
  ASSERT_TRUE(c.render().ok());
  EXPECT_EQ(c.render().value()->width, 320);
}

// A face-on portrait stored a quarter turn off (EXIF lost) shows no usable
// face; turned upright, the face and its landmarks are found as in the
// upright photo.
TEST(Consultation, TurnedUprightPortraitFindsItsFace) {
  if (test::shared_photo("misc/deepface__img33.jpg").empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared("misc/deepface__img33.jpg");
  ASSERT_TRUE(p.ok());
  Consultation upright = loaded_rgb(p->working);
  const Analysis* want = upright.analysis().value();
  ASSERT_TRUE(want->landmarks.has_value());
  Consultation c = loaded_rgb(test::transformed(p->working, 8));
  const Analysis* sideways = c.analysis().value();
  const bool same_eyes = sideways->landmarks &&
      glm::length(sideways->landmarks->eyes[0] - want->landmarks->eyes[0]) < 3.0f;
  EXPECT_FALSE(same_eyes);
  ASSERT_TRUE(c.turn(-1).ok());
  const Analysis* got = c.analysis().value();
  ASSERT_TRUE(got->landmarks.has_value());
  for (int k = 0; k < 2; ++k) EXPECT_LT(glm::length(got->landmarks->eyes[k] - want->landmarks->eyes[k]), 3.0f);
  EXPECT_EQ(got->view, want->view);
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

// A face-on portrait from ../shared whose design gets dots (the first of the
// manifest's that does), loaded as the widget loads browser-decoded pixels;
// none when ../shared is absent.
std::optional<Consultation> portrait_with_dots() {
  for (const auto& row : test::read_tsv("misc/MANIFEST.tsv")) {
    if (row.size() < 6 || row[5] != "front" || row[0].rfind("baldness_est", 0) == 0) continue;
    Result<Photo> p = test::load_shared("misc/" + row[0]);
    if (!p.ok()) continue;
    Consultation c = loaded_rgb(p->working);
    Result<const Design*> d = c.design();
    if (d.ok() && d.value()->area_px > 0) return c;
  }
  return std::nullopt;
}

// Pictures without a person (a gradient, a flat skin-coloured wall, noise)
// get no head, so neither the proposed design nor a line the client draws
// puts a dot anywhere: the preview is the photo.
TEST(Consultation, PicturesWithoutAPersonGetNoDotsAnywhere) {
  Image wall(300, 240, 3), noise(300, 240, 3);
  for (std::size_t i = 0; i < wall.pixels.size(); i += 3)
    wall.pixels[i] = 190, wall.pixels[i + 1] = 150, wall.pixels[i + 2] = 130;
  std::uint32_t state = 7;
  for (auto& v : noise.pixels) v = std::uint8_t((state = state * 1664525u + 1013904223u) >> 24);
  for (const Image& img : {test::gradient(320, 240), wall, noise}) {
    Consultation c = loaded_rgb(img);
    const Analysis* a = c.analysis().value();
    EXPECT_EQ(std::count(a->head_mask.begin(), a->head_mask.end(), 1), 0);
    EXPECT_EQ(a->view, View::unknown);
    for (const char* options : {R"({"goal":"full"})", R"({"goal":"density"})",
                                R"({"goal":"scar","scarOutline":[[100,100],[200,100],[150,160]]})"}) {
      ASSERT_TRUE(c.set_options(options).ok()) << options;
      Result<const Design*> d = c.design();
      ASSERT_TRUE(d.ok()) << d.error().message;
      EXPECT_EQ(d.value()->area_px, 0) << options;
      EXPECT_EQ(std::count_if(d.value()->region.begin(), d.value()->region.end(), [](std::uint8_t v) { return v > 0; }), 0)
          << options;
      Result<const Image*> r = c.render();
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r.value()->pixels, rgba_of(img)) << options;
    }
    ASSERT_TRUE(c.set_options(R"({"goal":"full"})").ok());
    ASSERT_TRUE(c.set_hairline("[[20, 150], [150, 120], [280, 150]]").ok());
    EXPECT_EQ(c.design().value()->area_px, 0);
    EXPECT_EQ(c.render().value()->pixels, rgba_of(img));
  }
}

// The same seed renders the same pixels after a shade change and back, on a
// real portrait whose design has dots.
TEST(Consultation, ShadeChangeReRendersSameSeedIsIdentical) {
  if (test::shared_photo("misc/MANIFEST.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  std::optional<Consultation> portrait = portrait_with_dots();
  ASSERT_TRUE(portrait.has_value()) << "no face-on portrait gets dots";
  Consultation& c = *portrait;
  const std::vector<std::uint8_t> photo = rgba_of(c.photo().working);
  ASSERT_TRUE(c.set_options(R"({"shade":"black"})").ok());
  std::vector<std::uint8_t> black = c.render().value()->pixels;
  ASSERT_TRUE(c.set_options(R"({"shade":"light"})").ok());
  std::vector<std::uint8_t> light = c.render().value()->pixels;
  ASSERT_TRUE(c.set_options(R"({"shade":"black"})").ok());
  EXPECT_EQ(c.render().value()->pixels, black);
  EXPECT_NE(light, black);
  EXPECT_NE(black, photo);
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

// The schema is what set_options enforces: every number's bounds are
// accepted and a step past them refused, every choice accepted, and the
// defaults are the options of a new consultation.
TEST(Consultation, OptionSchemaMatchesWhatSetOptionsAccepts) {
  Result<JsonValue> schema = parse_json(option_schema_json());
  ASSERT_TRUE(schema.ok());
  ASSERT_TRUE(schema->is_object());
  Consultation c;
  Result<JsonValue> defaults = parse_json(c.options_json());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(schema->members().size(), defaults->members().size());
  for (const auto& [key, spec] : schema->members()) {
    const std::string name = key;  // a copy: clang 14 lambdas cannot capture structured bindings
    SCOPED_TRACE(name);
    ASSERT_TRUE(defaults->has(name));
    const std::string type = spec["type"].as_string();
    if (type == "number") {
      EXPECT_EQ(spec["default"].as_number(), defaults.value()[name].as_number());
      if (name == "pxPerCm") continue;  // needs a photo
      const double lo = spec["min"].as_number(), hi = spec["max"].as_number();
      auto set = [&](double v) {
        JsonWriter j;
        j.begin_object().key(name).raw(std::to_string(static_cast<long long>(v))).end_object();
        return c.set_options(j.str());
      };
      EXPECT_TRUE(set(lo).ok());
      EXPECT_TRUE(set(hi).ok());
      EXPECT_EQ(set(lo - 1).error().code, "invalid_option");
      EXPECT_EQ(set(hi + 1).error().code, "invalid_option");
    } else if (type == "string") {
      EXPECT_EQ(spec["default"].as_string(), defaults.value()[name].as_string());
      for (const JsonValue& v : spec["values"].items())
        EXPECT_TRUE(c.set_options("{\"" + name + "\": \"" + v.as_string() + "\"}").ok()) << v.as_string();
      EXPECT_FALSE(c.set_options("{\"" + name + "\": \"nonsense\"}").ok());
    } else if (type == "boolean") {
      EXPECT_EQ(spec["default"].as_bool(), defaults.value()[name].as_bool());
      EXPECT_TRUE(c.set_options("{\"" + name + "\": true}").ok());
    } else {
      EXPECT_EQ(type, "points");
      EXPECT_TRUE(spec["default"].is_array());
    }
  }
  EXPECT_EQ(schema.value()["density"]["min"].as_number(), 20);
  EXPECT_EQ(schema.value()["density"]["max"].as_number(), 400);
  // The largest seed survives the round trip through options_json.
  ASSERT_TRUE(c.set_options(R"({"seed": 4294967295})").ok());
  EXPECT_NE(c.options_json().find("\"seed\": 4294967295"), std::string::npos) << c.options_json();
}

// The shaved look follows the goal and keepHair; a density move keeps it
// (the same settings give the same picture, whatever came between).
TEST(Consultation, ShavedLookFollowsKeepHairAndSurvivesDensityMoves) {
  if (test::shared_photo("misc/deepface__img33.jpg").empty()) GTEST_SKIP() << "no ../shared/photos";
  Result<Photo> p = test::load_shared("misc/deepface__img33.jpg");
  ASSERT_TRUE(p.ok());
  Consultation c = loaded_rgb(p->working);
  auto pixels = [&] {
    Result<const Image*> r = c.render();
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value()->pixels : std::vector<std::uint8_t>();
  };
  const std::vector<std::uint8_t> shaved = pixels();
  ASSERT_TRUE(c.set_options(R"({"density": 300})").ok());
  const std::vector<std::uint8_t> denser = pixels();
  ASSERT_TRUE(c.set_options(R"({"keepHair": true})").ok());
  const std::vector<std::uint8_t> kept = pixels();
  ASSERT_TRUE(c.set_options(R"({"keepHair": false, "density": 190})").ok());
  EXPECT_EQ(pixels(), shaved);
  EXPECT_NE(kept, denser);
  EXPECT_NE(denser, shaved);
}

// Added views: refused cleanly without a main photo, for a non-image and for
// a picture with no head; a new main photo drops them.
TEST(Consultation, AddedViewsAreCheckedAndDroppedWithANewPhoto) {
  Consultation none;
  const std::vector<std::uint8_t> png = test::encode_png(test::gradient(200, 150));
  Status s = none.add_view(png.data(), png.size());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "no_photo");
  EXPECT_EQ(none.view_count(), 0);

  Consultation c = loaded();
  EXPECT_EQ(c.view_count(), 1);
  const std::uint8_t text[] = "not a photo at all, just words";
  s = c.add_view(text, sizeof text);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "not_an_image");
  s = c.add_view(png.data(), png.size());  // a gradient: no person, no head
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "no_head");
  EXPECT_EQ(c.view_count(), 1);
  Result<std::string> e = c.estimate("{}");
  ASSERT_TRUE(e.ok());
  EXPECT_NE(e->find("\"stage_views\": 1"), std::string::npos) << e.value();
}

// A front and a top photo of the same people: the estimate reads the stage
// from both, says so, and is surer of it than of one photo; turning the
// front photo keeps the top one, a new photo drops it.
TEST(Consultation, FrontAndTopPhotosReadTheStageTogether) {
  if (test::shared_photo("hairloss-train/labels.tsv").empty()) GTEST_SKIP() << "no ../shared/photos";
  std::map<std::string, std::pair<std::string, std::string>> people;  // person -> (front, top)
  for (const auto& row : test::read_tsv("hairloss-train/labels.tsv")) {
    if (row.size() < 4) continue;
    auto& p = people[row[3]];
    if (row[1] == "Front" && p.first.empty()) p.first = row[0];
    if (row[1] == "Top-Down" && p.second.empty()) p.second = row[0];
  }
  int pairs = 0, surer = 0;
  for (const auto& [person, files] : people) {
    if (files.first.empty() || files.second.empty() || pairs >= 6) continue;
    const std::vector<std::uint8_t> front = test::read_shared("hairloss-train/" + files.first);
    const std::vector<std::uint8_t> top = test::read_shared("hairloss-train/" + files.second);
    Consultation c;
    ASSERT_TRUE(c.load_photo(front.data(), front.size()).ok()) << files.first;
    Result<std::string> one = c.estimate("{}");
    ASSERT_TRUE(one.ok());
    if (!c.add_view(top.data(), top.size()).ok()) continue;  // a top view without a head found
    ++pairs;
    EXPECT_EQ(c.view_count(), 2);
    Result<std::string> two = c.estimate("{}");
    ASSERT_TRUE(two.ok());
    EXPECT_NE(two->find("\"stage_views\": 2"), std::string::npos) << person;
    EXPECT_NE(two->find("photos of your head together"), std::string::npos) << person;
    const auto confidence = [](const std::string& json) {
      const std::size_t k = json.find("\"stage_confidence\": ");
      return k == std::string::npos ? -1.0 : std::stod(json.substr(k + 20));
    };
    surer += confidence(two.value()) > confidence(one.value());
    ASSERT_TRUE(c.turn(1).ok());
    EXPECT_EQ(c.view_count(), 2);
    ASSERT_TRUE(c.load_photo(front.data(), front.size()).ok());
    EXPECT_EQ(c.view_count(), 1);
  }
  ASSERT_GE(pairs, 4);
  EXPECT_GE(surer, pairs - 1);  // two photos narrow the spread; only a score far between levels loses
}

}  // namespace
}  // namespace smp

// The shaved look on hand-built analyses: hair repainted as clipped stubble
// (the skin's colour and light with a share of the hair's own colour),
// skin-coloured "hair" and small islands left alone, the face below the
// brows, hair beyond the skull's reach and hair outside the design kept,
// the outline's edge kept.
#include "core/render/shaved.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "core/base/lab.h"

namespace smp {
namespace {

constexpr int kSize = 96;
constexpr std::uint8_t kSkinRgb[3] = {200, 160, 140}, kHairRgb[3] = {40, 30, 25};

// A head filling the frame: hair above row kSize / 2, skin below; the
// analysis says so exactly.
struct Scene {
  Image photo{kSize, kSize, 3};
  Analysis a;
  Design d;  // the whole frame behind the line unless a test says otherwise
  Scene() {
    d.region.assign(std::size_t(kSize) * kSize, 255);
    a.width = a.height = kSize;
    const std::size_t n = std::size_t(kSize) * kSize;
    a.head_mask.assign(n, 1);
    a.labels.assign(n, kSkin);
    a.hair_density.assign(n, 0);
    a.skin_rgb = {kSkinRgb[0], kSkinRgb[1], kSkinRgb[2]};
    for (int y = 0; y < kSize; ++y)
      for (int x = 0; x < kSize; ++x) set(x, y, y < kSize / 2);
  }
  void set(int x, int y, bool hair, const std::uint8_t* rgb = nullptr) {
    const std::size_t k = std::size_t(y) * kSize + x;
    a.labels[k] = hair ? kHair : kSkin;
    a.hair_density[k] = hair ? 255 : 0;
    const std::uint8_t* c = rgb ? rgb : hair ? kHairRgb : kSkinRgb;
    for (int ch = 0; ch < 3; ++ch) photo.at(x, y)[ch] = c[ch];
  }
};

// A face's landmarks: pupils (image-left first), the glabella (its row the
// brow line) and the chin.
Landmarks landmarks(glm::vec2 left_eye, glm::vec2 right_eye, glm::vec2 glabella, glm::vec2 chin) {
  Landmarks l;
  l.eyes[0] = left_eye;
  l.eyes[1] = right_eye;
  l.glabella = glabella;
  l.brow_y = glabella.y;
  l.chin = chin;
  return l;
}

int max_diff(const std::uint8_t* p, const std::uint8_t* q) {
  int d = 0;
  for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(p[c]) - int(q[c])));
  return d;
}

// The colour a channel takes when a share `cover` of skin colour `skin` is
// covered by hair of colour `hair`, mixed in linear light.
int stubble_mix(std::uint8_t skin, std::uint8_t hair, float cover) {
  const float v = (1 - cover) * srgb_to_linear(skin / 255.0f) + cover * srgb_to_linear(hair / 255.0f);
  return int(std::lround(255.0f * linear_to_srgb(v)));
}

TEST(Shaved, HairIsRepaintedAsClippedStubbleAndSkinIsKept) {
  const Scene s;
  const Shaved out = shave_hair(s.photo, s.a, s.d);
  ASSERT_EQ(out.weight.size(), std::size_t(kSize) * kSize);
  // Well inside the hair: fully repainted, lighter than the hair and darker
  // than bare skin: the skin with a fifth to two fifths of it covered by
  // stubble in the hair's colour.
  EXPECT_GT(out.weight[std::size_t(10) * kSize + 48], 240);
  for (int ch = 0; ch < 3; ++ch) {
    const int v = out.working.at(48, 10)[ch];
    EXPECT_LE(v, stubble_mix(kSkinRgb[ch], kHairRgb[ch], 0.2f)) << ch;
    EXPECT_GE(v, stubble_mix(kSkinRgb[ch], kHairRgb[ch], 0.4f)) << ch;
  }
  // The skin below is untouched.
  EXPECT_EQ(max_diff(out.working.at(48, 80), kSkinRgb), 0);
  EXPECT_EQ(out.weight[std::size_t(80) * kSize + 48], 0);
}

TEST(Shaved, TheHeadsOutlineKeepsTheHairsEdge) {
  Scene s;
  // A round head of radius 40 in the frame: its top edge is hair.
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x)
      s.a.head_mask[std::size_t(y) * kSize + x] = (x - 48) * (x - 48) + (y - 48) * (y - 48) <= 40 * 40;
  const Shaved out = shave_hair(s.photo, s.a, s.d);
  ASSERT_EQ(out.weight.size(), std::size_t(kSize) * kSize);
  const int edge = out.weight[std::size_t(9) * kSize + 48], inner = out.weight[std::size_t(30) * kSize + 48];
  EXPECT_GT(inner, 240);
  EXPECT_LT(edge, inner / 2);  // faded out toward the outline, where no stubble dots go
  EXPECT_LT(max_diff(out.working.at(48, 9), kHairRgb), max_diff(out.working.at(48, 30), kHairRgb));
}

TEST(Shaved, SkinColouredHairAndSmallIslandsAreLeftAlone) {
  Scene s;
  // A "hair" patch in the skin's own colour (a bare scalp's texture read as
  // hair) joined to the hair, and a 2 x 2 island of dark hair on the skin.
  for (int y = 8; y < 20; ++y)
    for (int x = 8; x < 20; ++x) s.set(x, y, true, kSkinRgb);
  for (int y = 70; y < 72; ++y)
    for (int x = 70; x < 72; ++x) s.set(x, y, true);
  const Shaved out = shave_hair(s.photo, s.a, s.d);
  EXPECT_LT(out.weight[std::size_t(14) * kSize + 14], 64);  // at most a quarter, for the shading
  EXPECT_LE(max_diff(out.working.at(14, 14), kSkinRgb), 12);
  EXPECT_EQ(out.weight[std::size_t(70) * kSize + 70], 0);
  EXPECT_EQ(max_diff(out.working.at(70, 70), kHairRgb), 0);
}

TEST(Shaved, TheFaceBelowTheBrowsKeepsItsHair) {
  Scene s;
  // A face in the lower half with a dark beard patch inside its box.
  s.a.face = Box{24, 50, 48, 40};
  s.a.landmarks = landmarks({36, 60}, {60, 60}, {48, 55}, {48, 90});
  for (int y = 80; y < 88; ++y)
    for (int x = 40; x < 56; ++x) s.set(x, y, true);
  const Shaved out = shave_hair(s.photo, s.a, s.d);
  EXPECT_EQ(out.weight[std::size_t(84) * kSize + 48], 0);
  EXPECT_EQ(max_diff(out.working.at(48, 84), kHairRgb), 0);
  EXPECT_GT(out.weight[std::size_t(10) * kSize + 48], 240);
}

TEST(Shaved, HairBeyondTheSkullsReachIsKept) {
  Scene s;
  // A face at 2 px per cm (pupils 12 px apart), turned so that its ears'
  // midpoint lies 4 px to the image-right of its midline. The head outline
  // spills over the whole frame (another person's hair beside it): hair
  // within the skull's reach around the ears' midpoint is shaved, hair
  // beyond it kept.
  s.a.face = Box{36, 54, 24, 32};
  Landmarks l = landmarks({41, 62}, {53, 62}, {47, 60}, {47, 84});
  l.ears[0] = {43, 66};
  l.ears[1] = {59, 66};
  s.a.landmarks = l;
  s.d.px_per_cm = 2;
  const Shaved out = shave_hair(s.photo, s.a, s.d);
  ASSERT_FALSE(out.weight.empty());
  const int mid = 47 + 4, row = 46;  // 7 cm above the glabella
  // 3 cm either side of the skull's middle (its edge there is 6-7.5 cm
  // out): shaved, the edge's fade (a few pixels) not reaching them.
  EXPECT_GT(out.weight[std::size_t(row) * kSize + mid + 6], 200);
  EXPECT_GT(out.weight[std::size_t(row) * kSize + mid - 6], 200);
  // Toward the edge the shaving fades out instead of stopping at a seam.
  EXPECT_LT(out.weight[std::size_t(row) * kSize + mid + 14], out.weight[std::size_t(row) * kSize + mid + 6]);
  EXPECT_EQ(out.weight[std::size_t(row) * kSize + mid - 24], 0);  // 12 cm: beyond the skull
  EXPECT_EQ(max_diff(out.working.at(mid - 24, row), kHairRgb), 0);
  EXPECT_EQ(out.weight[std::size_t(row) * kSize + mid + 24], 0);
  EXPECT_EQ(out.weight[std::size_t(8) * kSize + mid], 0);  // 26 cm above the glabella
}

TEST(Shaved, WithoutAFaceHairOutsideTheDesignIsKept) {
  Scene s;
  // Without a face the design's region says where the scalp is: it covers
  // the top 16 rows only, and the hair below, beyond the design's margin
  // from the outline, stays.
  std::fill(s.d.region.begin() + 16 * kSize, s.d.region.end(), std::uint8_t(0));
  const Shaved out = shave_hair(s.photo, s.a, s.d);
  ASSERT_FALSE(out.weight.empty());
  EXPECT_GT(out.weight[std::size_t(8) * kSize + 48], 240);
  EXPECT_EQ(out.weight[std::size_t(40) * kSize + 48], 0);
  EXPECT_EQ(max_diff(out.working.at(48, 40), kHairRgb), 0);
  // Stubble dots grow over the shaved hair, keeping the outline's margin.
  Design none_yet;
  none_yet.region.assign(std::size_t(kSize) * kSize, 0);
  const Design grown = with_stubble(none_yet, s.a, out.weight);
  EXPECT_GT(grown.region[std::size_t(8) * kSize + 48], 240);
  EXPECT_EQ(grown.region[std::size_t(40) * kSize + 48], 0);
  EXPECT_EQ(grown.region[std::size_t(8) * kSize + 0], 0);  // on the outline
  EXPECT_EQ(with_stubble(none_yet, s.a, {1, 2, 3}).region, none_yet.region);
  // An analysis or design of another size leaves the photo as it is.
  Analysis other = s.a;
  other.width = kSize / 2;
  const Shaved none = shave_hair(s.photo, other, s.d);
  EXPECT_TRUE(none.weight.empty());
  EXPECT_EQ(none.working.pixels, s.photo.pixels);
  Design small;
  small.region.assign(10, 255);
  EXPECT_TRUE(shave_hair(s.photo, s.a, small).weight.empty());
}

}  // namespace
}  // namespace smp

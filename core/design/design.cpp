#include "core/design/design.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "core/base/plane.h"
#include "core/design/treatment_region.h"

namespace smp {
namespace {

constexpr float kHeadWidthCm = 15.0f;   // adult head breadth, temple to temple
constexpr float kImageWidthCm = 20.0f;  // last resort: a head filling most of the frame
// The forehead slopes back and curves: 8 cm on the skin shows as ~6.6 cm
// face-on, which matches the rule of facial thirds on real portraits.
constexpr float kForeheadRadiusCm = 7.5f;
constexpr float kScarMarginCm = 1.5f;   // full density this far around a scar
constexpr float kScarFeatherCm = 0.5f;  // then thinning out to ~2 cm

// Mid-frontal heights, asked for or derived, are kept within this range (cm
// on the skin above the glabella), well beyond what real faces need, so a
// misplaced landmark cannot put the line on the brows or the crown.
constexpr float kMinHeightCm = 4.0f, kMaxHeightCm = 11.0f;
// The face measure is at least this many interpupillary distances (the
// shortest face-on faces in the analysis's proportions), since a face tipped
// toward or away from the camera is foreshortened vertically and its eye
// spacing is not.
constexpr float kMinFaceIpds = 2.0f;

// What each style means in numbers (cm on the skin surface).
struct StyleRule {
  float rise_cm;       // mid-frontal point this much above the juvenile one
  float recession_cm;  // frontotemporal points this much further back
  float feather_cm;    // depth of the feathered edge
  float irregularity;  // how much the feather's depth varies along the line
  float clumping;      // broken edge: clumps instead of an even fade
};

StyleRule style_rule(const std::string& style) {
  if (style == "juvenile") return {0.0f, 0.6f, 0.5f, 0.30f, 0.0f};  // low, straight
  if (style == "broken") return {1.0f, 1.2f, 0.9f, 0.45f, 0.6f};
  if (style == "soft") return {1.0f, 1.2f, 1.0f, 0.25f, 0.0f};
  return {1.5f, 1.8f, 0.6f, 0.35f, 0.0f};  // mature: 1.5 cm higher, temples receded
}

bool has_any(const std::vector<std::uint8_t>& mask) {
  return std::any_of(mask.begin(), mask.end(), [](std::uint8_t v) { return v != 0; });
}

// Widest row of the head mask's upper 40%, in pixels (0 without a mask):
// the skull, not the shoulders a loose outline may include.
int head_width_px(const Analysis& a) {
  if (a.head_mask.size() != static_cast<std::size_t>(a.width) * a.height) return 0;
  std::vector<int> widths(a.height, 0);
  int top = -1, bottom = -1;
  for (int y = 0; y < a.height; ++y) {
    const std::uint8_t* row = a.head_mask.data() + static_cast<std::size_t>(y) * a.width;
    int lo = -1, hi = -1;
    for (int x = 0; x < a.width; ++x)
      if (row[x]) {
        if (lo < 0) lo = x;
        hi = x;
      }
    if (lo < 0) continue;
    widths[y] = hi - lo + 1;
    if (top < 0) top = y;
    bottom = y;
  }
  if (top < 0) return 0;
  int best = 0;
  for (int y = top; y <= top + (bottom - top) * 2 / 5; ++y) best = std::max(best, widths[y]);
  return best;
}

// Mean position of mask pixels selected by `pick`, or nullopt.
template <class Pick>
std::optional<glm::vec2> centroid(const Analysis& a, Pick pick) {
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      if (pick(static_cast<std::size_t>(y) * a.width + x)) {
        sx += x + 0.5;
        sy += y + 0.5;
        n += 1;
      }
  if (n < 1) return std::nullopt;
  return glm::vec2(static_cast<float>(sx / n), static_cast<float>(sy / n));
}

// Whether the analysis's face may carry the design (and cut the region):
// the analysis reports only faces its detector is sure of, so a face is
// used unless most of its box lies outside the photo (a face read at the
// frame's edge) or its eyes lie outside its box (landmarks that do not
// belong to it).
bool face_trusted(const Analysis& a) {
  if (!a.landmarks || !a.face || a.face->w <= 0 || a.face->h <= 0) return false;
  const Box& b = *a.face;
  const float W = static_cast<float>(a.width), H = static_cast<float>(a.height);
  auto in_box = [&](glm::vec2 p) { return p.x >= b.x && p.y >= b.y && p.x <= b.x + b.w && p.y <= b.y + b.h; };
  const Landmarks& l = *a.landmarks;
  if (!in_box(l.eyes[0]) || !in_box(l.eyes[1])) return false;
  float ix = std::max(0.f, std::min(b.x + b.w, W) - std::max(b.x, 0.f));
  float iy = std::max(0.f, std::min(b.y + b.h, H) - std::max(b.y, 0.f));
  return ix * iy >= 0.7f * b.w * b.h;
}

// The landmarks the design may use: none for an untrusted face.
const Landmarks* trusted_landmarks(const Analysis& a) {
  return face_trusted(a) ? &*a.landmarks : nullptr;
}

// The face's frame: origin at the glabella, `up` towards the scalp.
struct Frame {
  glm::vec2 origin, right, up;
};

Frame face_frame(const Landmarks& l) {
  glm::vec2 r = l.eyes[1] - l.eyes[0];
  r = glm::length(r) > 1e-3f ? glm::normalize(r) : glm::vec2(1, 0);
  glm::vec2 up(r.y, -r.x);
  if (glm::dot(up, l.chin - l.glabella) > 0) up = -up;
  return {l.glabella, r, up};
}

// Height on the skin (cm above the glabella) -> height seen face-on: the
// forehead curves away from the camera.
float projected_cm(float surface_cm) {
  return kForeheadRadiusCm * std::sin(std::min(surface_cm / kForeheadRadiusCm, 1.55f));
}

// The inverse: height seen face-on -> height on the skin.
float surface_cm(float seen_cm) {
  return kForeheadRadiusCm * std::asin(std::clamp(seen_cm / kForeheadRadiusCm, 0.0f, 0.9996f));
}

// The mid-frontal height on the skin: the juvenile point from the face's own
// proportions (kJuvenileFaceMeasures), each other style and older age higher
// by the practitioners' amounts, or the user's own height.
float default_height_cm(const Landmarks& l, const DesignOptions& o, const StyleRule& rule, float s) {
  if (o.height_cm > 0) return std::clamp(o.height_cm, kMinHeightCm, kMaxHeightCm);
  float h = surface_cm(kJuvenileFaceMeasures * face_measure_px(l) / s) + rule.rise_cm;
  // Practitioners set a more conservative (higher) line with age.
  if (o.age >= 60) h += 1.0f;
  else if (o.age >= 45) h += 0.5f;
  return std::clamp(h, kMinHeightCm, kMaxHeightCm);
}

// Seven points left to right: temporal peak, frontotemporal point, an
// intermediate point, the mid-frontal point, and their mirrors.
std::vector<glm::vec2> face_points(const Analysis& a, const DesignOptions& o, float s,
                                   float height_cm) {
  const Landmarks& l = *a.landmarks;
  const StyleRule rule = style_rule(o.style);
  Frame f = face_frame(l);
  float eye_l = glm::dot(l.eye_outer[0] - f.origin, f.right) / s;
  float eye_r = glm::dot(l.eye_outer[1] - f.origin, f.right) / s;
  float ft = std::clamp(0.5f * (std::abs(eye_l) + std::abs(eye_r)), 3.0f, 6.5f);
  float mid = projected_cm(height_cm);
  // The temples sit where the head turns sideways, so their recession shows
  // mostly as height in a face-on photo, less foreshortened than the centre.
  float temple = mid + 0.6f * rule.recession_cm;
  // Shape: how far the intermediate points sit back between centre and temple.
  float k = o.shape == "straight" ? 0.15f : o.shape == "widows_peak" ? 0.45f : 0.40f;
  float centre = o.shape == "widows_peak" ? mid - 0.8f : mid;
  float inter = mid + k * (temple - mid);
  // Temporal peak: lateral to and well below the frontotemporal point, so
  // the angle at the temple stays open (~100 degrees), never flattened.
  float peak_x = ft + 1.6f, peak_y = temple - 3.6f;
  auto at = [&](float x, float y) { return f.origin + (f.right * x + f.up * y) * s; };
  return {at(-peak_x, peak_y), at(-ft, temple), at(-0.5f * ft, inter), at(0, centre),
          at(0.5f * ft, inter),  at(ft, temple),   at(peak_x, peak_y)};
}

// Evenly spaced points along a polyline (by arc length).
std::vector<glm::vec2> resample(const std::vector<glm::vec2>& line, int count) {
  std::vector<float> acc{0};
  for (std::size_t i = 1; i < line.size(); ++i)
    acc.push_back(acc.back() + glm::length(line[i] - line[i - 1]));
  std::vector<glm::vec2> out;
  for (int j = 0; j < count; ++j) {
    float s = acc.back() * j / std::max(1, count - 1);
    std::size_t i = std::upper_bound(acc.begin(), acc.end(), s) - acc.begin();
    i = std::clamp<std::size_t>(i, 1, line.size() - 1);
    float span = acc[i] - acc[i - 1];
    float t = span > 0 ? (s - acc[i - 1]) / span : 0;
    out.push_back(line[i - 1] + t * (line[i] - line[i - 1]));
  }
  return out;
}

// Mirror partners meet halfway about the axis through `origin` along `up`;
// the pair holding `moved` (if any) takes the moved point as it is.
void symmetrize(std::vector<glm::vec2>& p, glm::vec2 origin, glm::vec2 up, int moved) {
  glm::vec2 right(-up.y, up.x);
  auto mirror = [&](glm::vec2 q) {
    glm::vec2 d = q - origin;
    return origin - right * glm::dot(d, right) + up * glm::dot(d, up);
  };
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n / 2; ++i) {
    glm::vec2 a = p[i], b = p[n - 1 - i];
    if (moved == static_cast<int>(i)) p[i] = a;
    else if (moved == static_cast<int>(n - 1 - i)) p[i] = mirror(b);
    else p[i] = 0.5f * (a + mirror(b));
    p[n - 1 - i] = mirror(p[i]);
  }
  if (n % 2) {  // the middle point sits on the axis
    glm::vec2 d = p[n / 2] - origin;
    p[n / 2] = origin + up * glm::dot(d, up);
  }
}

// Hair pixels' centroid, if the analysis labelled any.
std::optional<glm::vec2> hair_centroid(const Analysis& a) {
  if (a.labels.size() != static_cast<std::size_t>(a.width) * a.height) return std::nullopt;
  return centroid(a, [&](std::size_t k) { return a.labels[k] == kHair; });
}

// Without a face, "behind" (the scalp side) is on the left when walking
// along the points: for points ordered left to right, that is up the photo.
glm::vec2 left_normal(const std::vector<glm::vec2>& pts) {
  glm::vec2 chord = pts.back() - pts.front();
  return glm::length(chord) > 0 ? glm::normalize(glm::vec2(chord.y, -chord.x)) : glm::vec2(0, -1);
}

// A bent head's face looking down (Analysis::tilted_face) says which side of
// a line is the crown's when the line runs across the way to it: then the
// crown lies away from the face. A line running toward the face (a hair
// border read upright in a photo turned on its side) leaves it to the hair.
bool facing_away(const Analysis& a, glm::vec2 normal) {
  return a.tilted_face && std::abs(glm::dot(normal, a.tilted_face->up)) > 0.5f;
}

// Which side of the line is "behind" (the scalp), and where hair grows from.
void orient(const Analysis& a, const std::vector<glm::vec2>& curve, glm::vec2* behind,
            glm::vec2* crown) {
  glm::vec2 mid = curve[curve.size() / 2];
  if (const Landmarks* l = trusted_landmarks(a)) {
    Frame f = face_frame(*l);
    *behind = f.up;
    *crown = mid + f.up * (glm::length(mid - f.origin) * 1.2f + 1.f);
    return;
  }
  glm::vec2 normal = left_normal(curve);
  std::optional<glm::vec2> hair = hair_centroid(a);
  *behind = normal;
  if (facing_away(a, normal)) {  // a face looking down: the crown lies away from it
    if (glm::dot(normal, a.tilted_face->up) < 0) *behind = -normal;
    *crown = mid + *behind * (a.height * 0.5f);
    return;
  }
  *crown = hair && glm::dot(*hair - mid, normal) > 0 ? *hair : mid + normal * (a.height * 0.5f);
}

// Orders a hair border so that the hair lies behind it (see left_normal).
// With a face looking down under a bent head, the hair lies away from it
// (brows, lashes and shadows on that face read partly as hair).
void face_hair_behind(const Analysis& a, std::vector<glm::vec2>& pts) {
  std::optional<glm::vec2> hair = hair_centroid(a);
  glm::vec2 mid = 0.5f * (pts.front() + pts.back());
  const glm::vec2 normal = left_normal(pts);
  bool flip = facing_away(a, normal) ? glm::dot(a.tilted_face->up, normal) < 0
              : hair                 ? glm::dot(*hair - mid, normal) < 0
                                     : normal.y > 0;
  if (flip) std::reverse(pts.begin(), pts.end());
}

// Is point p inside the photo and, when the analysis has a head outline,
// inside it?
bool on_head(const Analysis& a, glm::vec2 p) {
  if (!(p.x >= 0 && p.y >= 0 && p.x < a.width && p.y < a.height)) return false;
  const std::size_t n = static_cast<std::size_t>(a.width) * a.height;
  if (a.head_mask.size() != n || !has_any(a.head_mask)) return true;
  return a.head_mask[static_cast<std::size_t>(p.y) * a.width + static_cast<std::size_t>(p.x)] != 0;
}

// The margin kept from the head outline: a share of the head's size (the
// square root of its area), at least 3 pixels.
constexpr float kOutlineMargin = 0.03f;

// Keeps the region's main parts: connected pieces (4-neighbours) under a
// fifth of the largest are dropped. The line's extensions beyond its ends
// otherwise pick up islands of skin-coloured pixels the head outline takes
// in (shoulders in a top view, a patch of wall).
void keep_main_parts(int w, int h, std::vector<std::uint8_t>& region) {
  std::vector<int> part(region.size(), -1), sizes;
  std::vector<std::size_t> stack;
  for (std::size_t start = 0; start < region.size(); ++start) {
    if (!region[start] || part[start] >= 0) continue;
    const int id = static_cast<int>(sizes.size());
    int size = 0;
    stack.assign(1, start);
    part[start] = id;
    while (!stack.empty()) {
      std::size_t k = stack.back();
      stack.pop_back();
      ++size;
      const int x = static_cast<int>(k % w), y = static_cast<int>(k / w);
      auto visit = [&](int xx, int yy) {
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) return;
        std::size_t j = static_cast<std::size_t>(yy) * w + xx;
        if (region[j] && part[j] < 0) part[j] = id, stack.push_back(j);
      };
      visit(x - 1, y), visit(x + 1, y), visit(x, y - 1), visit(x, y + 1);
    }
    sizes.push_back(size);
  }
  if (sizes.size() < 2) return;
  const int largest = *std::max_element(sizes.begin(), sizes.end());
  for (std::size_t k = 0; k < region.size(); ++k)
    if (region[k] && sizes[part[k]] * 5 < largest) region[k] = 0;
}

// Goal-specific restriction of the coverage: never on pixels the analysis
// calls background, inside the head outline, off the face, thin hair only
// for `density`.
// Radius of the smoothing that keeps the region's edge off pixel noise
// (specks read as worn colour, the hair map's texture): a few millimetres,
// below what reads as the design's shape.
constexpr float kRegionSmoothCm = 0.3f;

// Two box passes (close to a Gaussian) over a byte mask.
std::vector<std::uint8_t> smoothed(const std::vector<std::uint8_t>& m, int w, int h, int radius) {
  Plane p(w, h);
  for (std::size_t k = 0; k < m.size(); ++k) p.v[k] = m[k];
  p = box_blur(box_blur(p, radius), radius);
  std::vector<std::uint8_t> out(m.size());
  for (std::size_t k = 0; k < m.size(); ++k) out[k] = static_cast<std::uint8_t>(std::lround(std::clamp(p.v[k], 0.f, 255.f)));
  return out;
}

void apply_goal(const Analysis& a, const DesignOptions& o, float s, std::vector<std::uint8_t>& region) {
  const std::size_t n = region.size();
  bool head = a.head_mask.size() == n && has_any(a.head_mask);
  bool labels = a.labels.size() == n;
  const int margin = head ? outline_margin(a) : 0;
  // Hard limits, smooth by construction: the head's outline less its margin
  // (no head outline means no head was found: nothing is dotted; it also
  // refuses background), never the face below the brows, nothing beyond
  // the skull's reach of a trusted face.
  const SkullReach skull = skull_reach(a, s);
  std::vector<std::uint8_t> allowed(n, 0);
  for (std::size_t k = 0; k < n; ++k)  // only where there is region to limit
    allowed[k] = region[k] && head && inside_head(a, k, margin) && !on_face(a, k) && skull.contains(k, a.width);
  const int radius = std::max(1, static_cast<int>(std::lround(kRegionSmoothCm * s)));
  // What is worn ("other": a cap, a band) is not scalp; read smoothed, so
  // specks of it thin the dots instead of cutting holes with ragged edges.
  bool worn = false;
  for (std::size_t k = 0; k < n && labels && !worn; ++k) worn = allowed[k] && region[k] && a.labels[k] == kOther;
  std::vector<std::uint8_t> worn_free;
  if (worn) {
    worn_free.assign(n, 255);
    for (std::size_t k = 0; k < n; ++k) worn_free[k] = a.labels[k] == kOther ? 0 : 255;
    worn_free = smoothed(worn_free, a.width, a.height, radius);
  }
  for (std::size_t k = 0; k < n; ++k)
    region[k] = !allowed[k] ? 0 : worn ? static_cast<std::uint8_t>((region[k] * worn_free[k] + 127) / 255) : region[k];
  keep_main_parts(a.width, a.height, region);
  if (o.goal == "density" && a.hair_density.size() == n) {
    // Dots between existing hairs where they are thin, none under dense
    // hair; read from the hair map smoothed, so the density changes softly.
    const std::vector<std::uint8_t> hair = smoothed(a.hair_density, a.width, a.height, radius);
    for (std::size_t k = 0; k < n; ++k) {
      const float thin = std::clamp((230.f - hair[k]) / 170.f, 0.f, 1.f);
      region[k] = static_cast<std::uint8_t>(std::lround(region[k] * thin));
    }
  }
}

void measure(Design& d) {
  double sum = 0;
  for (std::uint8_t v : d.region) sum += v;
  d.area_px = sum / 255.0;
  // A pure guess of scale would make a guessed area: report none instead.
  d.area_cm2 = d.scale_method == "assumed_image_width" || d.px_per_cm <= 0
                   ? 0
                   : d.area_px / (d.px_per_cm * d.px_per_cm);
}

Status check_analysis(const Analysis& a) {
  if (a.width <= 0 || a.height <= 0)
    return Error{"invalid_analysis", "The analysis has no image size."};
  return {};
}

Result<Design> scar_design(const Analysis& a, const DesignOptions& o, Design d) {
  if (o.scar_outline.size() < 3)
    return Error{"no_scar_outline", "Outline the scar with at least three points first."};
  d.basis = "scar";
  d.control_points = o.scar_outline;
  d.curve = o.scar_outline;
  d.curve.push_back(o.scar_outline.front());
  const float s = d.px_per_cm;
  d.feather_px = kScarFeatherCm * s;
  d.region = region_around_polygon(a.width, a.height, o.scar_outline, kScarMarginCm * s,
                                   d.feather_px);
  if (auto c = centroid(a, [&](std::size_t k) { return d.region[k] == 255; }))
    d.growth_origin = *c + glm::vec2(0, -a.height * 0.5f);
  apply_goal(a, o, d.px_per_cm, d.region);
  measure(d);
  return d;
}

Design base_design(const Analysis& a, const DesignOptions& o) {
  Design d;
  Scale s = design_scale(a, o);
  d.px_per_cm = s.px_per_cm;
  d.scale_method = s.method;
  d.scale_assumed = s.assumed;
  if (s.method == "assumed_head_width")
    d.notes.push_back("No scale reference found: sizes assume a head about 15 cm wide.");
  else if (s.method == "assumed_image_width")
    d.notes.push_back("No head outline or scale reference found: sizes assume the photo spans about 20 cm.");
  return d;
}

}  // namespace

float face_measure_px(const Landmarks& l) {
  const float length = glm::dot(l.glabella - l.chin, face_frame(l).up);
  return std::max(length, kMinFaceIpds * glm::length(l.eyes[1] - l.eyes[0]));
}

bool on_face(const Analysis& a, std::size_t k) {
  const glm::vec2 p(float(k % std::size_t(a.width)) + 0.5f, float(k / std::size_t(a.width)) + 0.5f);
  if (const Landmarks* l = trusted_landmarks(a)) {
    const Frame f = face_frame(*l);
    const glm::vec2 g = p - f.origin;
    return glm::dot(g, f.up) < 0 && std::abs(glm::dot(g, f.right)) <= 0.55f * a.face->w;
  }
  if (a.tilted_face) {
    const TiltedFace& t = *a.tilted_face;
    const glm::vec2 g = p - t.brow;
    const glm::vec2 right(-t.up.y, t.up.x);
    return glm::dot(g, t.up) < 0 && std::abs(glm::dot(g, right)) <= 1.1f * t.half_width;
  }
  return false;
}

// The skull cannot reach further than ~8 cm either side of its middle or
// ~10.3 cm above the glabella (face-on).
SkullReach skull_reach(const Analysis& a, float s, float reach) {
  SkullReach r;
  const Landmarks* l = trusted_landmarks(a);
  if (!l || s <= 0) return r;
  const Frame f = face_frame(*l);
  // The skull's middle lies between the ears, behind the face's midline
  // when the head is turned; tragions no further apart than the pupils are
  // no reading (unset).
  const bool ears = glm::length(l->ears[1] - l->ears[0]) > glm::length(l->eyes[1] - l->eyes[0]);
  const float back = ears ? glm::dot(0.5f * (l->ears[0] + l->ears[1]) - f.origin, f.right) : 0.0f;
  r.bounded = true;
  r.centre = f.origin + f.up * (0.5f * s) + f.right * back;
  r.glabella = f.origin;
  r.right = f.right;
  r.up = f.up;
  r.half_width = 8.0f * s;
  r.half_height = 9.8f * s;
  r.reach = reach;
  return r;
}

bool SkullReach::contains(std::size_t k, int width) const {
  if (!bounded) return true;
  const glm::vec2 p(static_cast<float>(k % width) + 0.5f, static_cast<float>(k / width) + 0.5f);
  // A wider reach widens only the part above the glabella: below it lie the
  // ears and the face, which stay inside the skull's own reach.
  const float scale = glm::dot(p - glabella, up) > 0 ? reach : 1.0f;
  const glm::vec2 d = p - centre;
  const float x = glm::dot(d, right) / (half_width * scale), y = glm::dot(d, up) / (half_height * scale);
  return x * x + y * y <= 1.0f;
}

// Inside the head outline and `r` pixels away from its edge: the outline
// follows the person mask's soft edge, and at the silhouette the scalp is
// seen edge-on, where no dot would show anyway.
bool inside_head(const Analysis& a, std::size_t k, int r) {
  if (!a.head_mask[k]) return false;
  if (a.labels.size() == a.head_mask.size() && a.labels[k] == kBackground) return false;
  const int x = static_cast<int>(k % a.width), y = static_cast<int>(k / a.width);
  auto in = [&](int xx, int yy) {
    return xx >= 0 && yy >= 0 && xx < a.width && yy < a.height &&
           a.head_mask[static_cast<std::size_t>(yy) * a.width + xx];
  };
  return in(x - r, y) && in(x + r, y) && in(x, y - r) && in(x, y + r);
}

int outline_margin(const Analysis& a) {
  const auto area = static_cast<double>(std::count(a.head_mask.begin(), a.head_mask.end(), std::uint8_t(1)));
  return std::max(3, static_cast<int>(std::lround(kOutlineMargin * std::sqrt(area))));
}

Scale design_scale(const Analysis& a, const DesignOptions& o) {
  if (o.px_per_cm > 0) return {o.px_per_cm, "user", false};
  const int head = head_width_px(a);
  if (a.scale_px_per_cm && *a.scale_px_per_cm > 0) {
    // A measured scale is believable when it makes the face box 8 to 25 cm
    // wide and the head outline not absurd (a loose outline may take in the
    // background), or without a face the skull 8 to 30 cm; outside that the
    // measurement is off (e.g. "eyes" found on the back of a head).
    const float s = *a.scale_px_per_cm;
    // Pupils of a face the design does not trust measure nothing.
    const bool face = face_trusted(a);
    bool ok = face ? a.face->w / s >= 8 && a.face->w / s <= 25 && (head < 16 || head / s <= 60)
                   : a.scale_method != "interpupillary" &&
                         (head < 16 || (head / s >= 8 && head / s <= 30));
    if (ok) return {s, a.scale_method.empty() ? "measured" : a.scale_method, false};
  }
  if (head >= 16) return {head / kHeadWidthCm, "assumed_head_width", true};
  return {std::max(1.0f, a.width / kImageWidthCm), "assumed_image_width", true};
}

std::vector<glm::vec2> smooth_curve(const std::vector<glm::vec2>& p, int samples) {
  if (p.size() < 3) return p;
  std::vector<glm::vec2> out;
  const std::size_t n = p.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    glm::vec2 p0 = i == 0 ? 2.f * p[0] - p[1] : p[i - 1];
    glm::vec2 p1 = p[i], p2 = p[i + 1];
    glm::vec2 p3 = i + 2 < n ? p[i + 2] : 2.f * p[n - 1] - p[n - 2];
    // Centripetal parametrisation: knot spacing sqrt(distance).
    auto knot = [](glm::vec2 a, glm::vec2 b) { return std::max(1e-4f, std::sqrt(glm::length(b - a))); };
    float t0 = 0, t1 = knot(p0, p1), t2 = t1 + knot(p1, p2), t3 = t2 + knot(p2, p3);
    for (int j = 0; j < samples; ++j) {
      float t = t1 + (t2 - t1) * j / samples;
      glm::vec2 a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1;
      glm::vec2 a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2;
      glm::vec2 a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3;
      glm::vec2 b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2;
      glm::vec2 b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3;
      out.push_back((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2);
    }
  }
  out.push_back(p.back());
  return out;
}

Result<Design> design_from_points(const Analysis& a, const DesignOptions& o,
                                  std::vector<glm::vec2> points, int moved) {
  if (Status s = check_analysis(a); !s.ok()) return s.error();
  Design d = base_design(a, o);
  if (o.goal == "scar") return scar_design(a, o, std::move(d));
  if (points.size() < 2)
    return Error{"invalid_hairline", "The hairline needs at least two points."};
  for (glm::vec2 p : points)
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 4.f * (a.width + a.height) ||
        std::abs(p.y) > 4.f * (a.width + a.height))
      return Error{"invalid_hairline", "A hairline point lies far outside the photo."};
  if (d.basis.empty()) d.basis = "user_points";
  if (o.symmetric && points.size() >= 3) {
    if (const Landmarks* l = trusted_landmarks(a)) {
      Frame f = face_frame(*l);
      symmetrize(points, f.origin, f.up, moved);
    } else {
      // The axis runs through the points' mean, across the chord of the
      // outermost pair. A dragged pair is left out of both, so the drag
      // does not tilt the very axis its partner is mirrored in.
      const std::size_t n = points.size();
      auto in_moved_pair = [&](std::size_t i) {
        return moved >= 0 && (static_cast<int>(i) == moved || static_cast<int>(n - 1 - i) == moved);
      };
      glm::vec2 mean(0);
      float count = 0;
      std::size_t outer = n;  // first pair not dragged
      for (std::size_t i = 0; i < n; ++i) {
        if (in_moved_pair(i)) continue;
        mean += points[i];
        count += 1;
        if (outer == n && i < n / 2) outer = i;
      }
      if (count == 0) {
        for (glm::vec2 p : points) mean += p;
        count = static_cast<float>(n);
      }
      mean /= count;
      glm::vec2 chord = outer < n ? points[n - 1 - outer] - points[outer] : glm::vec2(1, 0);
      glm::vec2 up = glm::length(chord) > 0 ? glm::normalize(glm::vec2(chord.y, -chord.x))
                                            : glm::vec2(0, -1);
      symmetrize(points, mean, up, moved);
    }
  }
  d.control_points = std::move(points);
  d.curve = smooth_curve(d.control_points, 24);

  const StyleRule rule = style_rule(o.style);
  glm::vec2 behind;
  orient(a, d.curve, &behind, &d.growth_origin);
  FeatherParams f;
  f.width_px = rule.feather_cm * d.px_per_cm;
  f.irregularity = rule.irregularity;
  f.clumping = rule.clumping;
  f.wavelength_px = 1.2f * d.px_per_cm;
  f.seed = 0x5eed;
  d.feather_px = f.width_px;
  d.region = region_behind_curve(a.width, a.height, d.curve, behind, f);
  apply_goal(a, o, d.px_per_cm, d.region);
  measure(d);
  return d;
}

// A hair border the line may follow. Seen from the front, a hairline runs
// across the head: one that runs more down than across, or reaches the
// bottom fifth of the photo, is a misreading (hair against a suit or a
// shadow), and a default arc the client drags is more honest than dots on a
// face. Top views may show the border at any angle, so only the bottom
// check applies to them.
bool plausible_border(const Analysis& a, const std::vector<glm::vec2>& border) {
  glm::vec2 lo = border.front(), hi = border.front();
  for (glm::vec2 p : border) lo = glm::min(lo, p), hi = glm::max(hi, p);
  if (hi.y > 0.8f * a.height) return false;
  if (a.view != View::top && hi.y - lo.y > hi.x - lo.x) return false;
  return true;
}

// The front edge of the hair on top of the head: across the middle half of
// [x0, x1), the median of each column's lowest hair pixel in the photo's
// upper half, at the end of its first run of hair (a column counts only
// when that run starts within the top fifth and is thicker than a thin rim
// along the outline). None when the top of the head is bare.
std::optional<float> hair_front_y(const Analysis& a, float x0, float x1) {
  if (a.labels.size() != static_cast<std::size_t>(a.width) * a.height) return std::nullopt;
  const int c0 = static_cast<int>(x0 + 0.25f * (x1 - x0)), c1 = static_cast<int>(x0 + 0.75f * (x1 - x0));
  std::vector<float> lows;
  for (int x = std::max(0, c0); x < std::min(a.width, c1); ++x) {
    // The first run of hair from the top, bridging small gaps (a parting,
    // a highlight), so brows and beards lower down do not count.
    const int gap = std::max(2, a.height / 30);
    int first = -1, last = -1;
    for (int y = 0; y < a.height / 2; ++y)
      if (a.labels[static_cast<std::size_t>(y) * a.width + x] == kHair) {
        if (first < 0) first = y;
        else if (y - last > gap) break;
        last = y;
      }
    // A run thinner than the gap is the outline's textured edge, not hair.
    if (first >= 0 && first < a.height / 5 && last - first >= gap) lows.push_back(static_cast<float>(last));
  }
  if (lows.size() < static_cast<std::size_t>(std::max(1, (c1 - c0) / 2))) return std::nullopt;
  std::nth_element(lows.begin(), lows.begin() + lows.size() / 2, lows.end());
  return lows[lows.size() / 2];
}

// Points for a design without a face: the hair border, else a default arc
// a third of the way down the head (or photo) for the user to drag.
std::vector<glm::vec2> faceless_points(const Analysis& a, std::string* basis, std::string* note) {
  std::vector<glm::vec2> points;
  if (a.hairline.size() >= 2 && plausible_border(a, a.hairline)) {
    points = resample(a.hairline, 7);
    face_hair_behind(a, points);
    *basis = "hair_border";
    *note = "No usable face: the line follows the current hair border.";
    return points;
  }
  float x0 = 0, x1 = static_cast<float>(a.width), y0 = 0, y1 = static_cast<float>(a.height);
  if (a.head_mask.size() == static_cast<std::size_t>(a.width) * a.height && has_any(a.head_mask)) {
    x0 = static_cast<float>(a.width), y0 = static_cast<float>(a.height), x1 = 0, y1 = 0;
    for (int y = 0; y < a.height; ++y)
      for (int x = 0; x < a.width; ++x)
        if (a.head_mask[static_cast<std::size_t>(y) * a.width + x]) {
          x0 = std::min(x0, float(x)), x1 = std::max(x1, float(x + 1));
          y0 = std::min(y0, float(y)), y1 = std::max(y1, float(y + 1));
        }
  }
  float w = x1 - x0, h = y1 - y0, y = y0 + 0.35f * h;
  // Hair on top of the head: put the arc at its front edge, so the dots
  // start where the hair does, not across the forehead.
  if (std::optional<float> front = hair_front_y(a, x0, x1)) {
    y = *front;
    h = std::min(h, 2.0f * (y - y0));
  }
  for (int i = 0; i < 7; ++i) {
    float t = (i - 3) / 3.0f;  // -1..1
    points.emplace_back(x0 + w * (0.5f + 0.4f * t), y + 0.12f * h * t * t);
  }
  *basis = "default";
  *note = "No face or hair border found: drag the hairline points into place.";
  return points;
}

Result<Design> design_hairline(const Analysis& a, const DesignOptions& o) {
  if (Status s = check_analysis(a); !s.ok()) return s.error();
  if (o.goal == "scar") return scar_design(a, o, base_design(a, o));
  if (face_trusted(a)) {
    const float s = design_scale(a, o).px_per_cm;
    float height = default_height_cm(*a.landmarks, o, style_rule(o.style), s);
    Result<Design> d = design_from_points(a, o, face_points(a, o, s, height));
    if (!d.ok()) return d;
    d->basis = "face";
    d->height_cm = height;
    // The face's line stands even when little behind it is scalp in the
    // photo (a tight crop, hair the segmentation missed); a mid-frontal
    // point off the photo or off the head outline means the face was
    // misread or its forehead cut by the frame: the hair border or arc then.
    if (on_head(a, d->control_points[d->control_points.size() / 2])) return d;
  }
  std::string basis, note;
  std::vector<glm::vec2> points = faceless_points(a, &basis, &note);
  Result<Design> d = design_from_points(a, o, std::move(points));
  if (!d.ok()) return d;
  d->basis = basis;
  if (a.upside_down) d->notes.push_back("The face in this photo looks upside down: turn the photo upright.");
  d->notes.push_back(note);
  return d;
}

}  // namespace smp

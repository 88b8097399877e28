// design.h - the design stage: the designed hairline and the treatment region.
//
// Positions are working-image pixels. A Design is a smooth curve through a
// handful of control points (ordered left to right) plus the region to dot.
//
// With face landmarks the proposal follows the face's own proportions and
// practitioners' rules (the juvenile mid-frontal point by the rule of facial
// thirds, other styles and older clients higher by set amounts,
// frontotemporal points on the verticals through the outer eye corners,
// temporal peaks below them with a real angle between). Without a face it
// follows the current hair border, or a default arc the user is expected to
// drag. Every assumption (an assumed scale, a default line) is written into
// Design::notes so the UI can say so.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "core/analysis/analysis.h"
#include "core/base/status.h"

namespace smp {

struct DesignOptions {
  std::string style = "mature";   // juvenile | mature | broken | soft
  std::string shape = "rounded";  // straight | rounded | widows_peak
  std::string goal = "full";      // full | density | scar
  bool symmetric = true;
  float height_cm = 0;            // mid-frontal above glabella, cm on the skin (4-11); 0 = style default
  int age = 0;                    // years; 0 = unknown. Older clients get a higher line
  float px_per_cm = 0;            // the user's own calibration (working px); 0 = from the analysis
  std::vector<glm::vec2> scar_outline;  // goal == scar: polygon, working px
};

struct Design {
  std::vector<glm::vec2> control_points;  // user-movable, left to right
  std::vector<glm::vec2> curve;           // dense smooth polyline
  std::vector<std::uint8_t> region;       // 0..255 coverage per working pixel
  double area_cm2 = 0;                    // treated area (0 when the scale is a pure guess)
  double area_px = 0;

  // How the design was made, for the renderer and for honest UI text.
  float px_per_cm = 0;              // the scale used: measured or assumed
  std::string scale_method;         // analysis method, "assumed_head_width" or "assumed_image_width"
  bool scale_assumed = false;
  std::string basis;                // "face" | "hair_border" | "user_points" | "default" | "scar"
  float height_cm = 0;              // mid-frontal height used (face basis only)
  float feather_px = 0;             // depth of the feathered band in front of the line
  glm::vec2 growth_origin{0, 0};    // hair grows away from this point (the crown)
  std::vector<std::string> notes;   // assumptions, one sentence each
};

// Proposes a hairline from the analysis.
Result<Design> design_hairline(const Analysis& a, const DesignOptions& o);

// Rebuilds the design from control points the user moved. With
// o.symmetric, each pair of mirror partners (i, n-1-i) is made symmetric
// about the face's midline (or the points' own vertical axis without a
// face): when `moved` names the one handle the user dragged, its partner
// follows it exactly; otherwise the two meet halfway. Without a face, the
// scalp side is on the left when walking along the points (for points
// ordered left to right: up the photo), except on a bent head whose face
// looking down was found (Analysis::tilted_face): there it lies away from
// that face, and the face below its brows is never dotted.
Result<Design> design_from_points(const Analysis& a, const DesignOptions& o,
                                  std::vector<glm::vec2> points, int moved = -1);

// The scale a design would use and how it was found (measured or assumed).
struct Scale {
  float px_per_cm = 0;
  std::string method;
  bool assumed = false;
};
Scale design_scale(const Analysis& a, const DesignOptions& o = {});

// The face's own length in working pixels, the measure the juvenile line is
// set in: glabella to chin along the face's up, at least two interpupillary
// distances (a face tipped toward or away from the camera is foreshortened
// vertically, its eye spacing is not).
float face_measure_px(const Landmarks& l);

// The juvenile mid-frontal point lies this many face measures above the
// glabella, face-on: the forehead third of the rule of facial thirds, seen
// sloping away from the camera, as measured on labelled portraits
// (docs/design.md).
inline constexpr float kJuvenileFaceMeasures = 0.355f;

// Centripetal Catmull-Rom through the points: smooth, no overshoot loops.
std::vector<glm::vec2> smooth_curve(const std::vector<glm::vec2>& points, int samples_per_span);

// Is working pixel k on the face below the brows (brows, eyes, beard)? Below
// the glabella within 0.55 face widths of the midline of the face the design
// trusts, else below a bent head's brows within 1.1 of its half width. The
// one face rule of the design and the shaved look.
bool on_face(const Analysis& a, std::size_t k);

// The skull's reach of the face the design trusts: at most ~8 cm either
// side of the skull's middle (between the ears, so behind the face's midline
// when the head is turned; the midline without a reading of the ears) and
// ~10.3 cm above its glabella (face-on), at `px_per_cm`. It keeps the design
// and the shaved look off what the head outline spills onto (a wall, a hat's
// brim, another person behind). `reach` scales the part above the glabella
// (the shaved look clips tufts a little beyond the skull); below it lie the
// ears and the face, which it never widens. Worked out once per design, then
// asked per pixel.
struct SkullReach {
  bool bounded = false;  // false without a trusted face or a scale: every pixel is within
  glm::vec2 centre{0}, glabella{0}, right{1, 0}, up{0, -1};
  float half_width = 0, half_height = 0, reach = 1;  // pixels; reach above the glabella
  // Is working pixel k of an image `width` wide within it?
  bool contains(std::size_t k, int width) const;
};
SkullReach skull_reach(const Analysis& a, float px_per_cm, float reach = 1.0f);

// Pixels every dot keeps from the head's outline: 3 % of the head's size
// (the square root of its area), at least 3, so no dot sits on the
// background where the outline is a pixel off.
int outline_margin(const Analysis& a);

// Is working pixel k inside the head outline (and not background) with the
// outline at least `r` pixels away along both axes? The margin test every
// dot obeys, with r = outline_margin(a).
bool inside_head(const Analysis& a, std::size_t k, int r);

}  // namespace smp

// consultation.h - one client's consultation: the pipeline
//   photo -> analysis -> design -> dots -> preview / estimate
// with each stage recomputed only when something upstream changed, so a
// slider move re-renders without re-analysing.
//
// This is the object the wasm binding wraps. Options and results cross the
// boundary as JSON text so the CLI and the browser see the same objects.
// Positions in JSON are ORIGINAL upright image pixels.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/render/dots.h"
#include "core/render/shaved.h"
#include "core/estimate/estimate.h"
#include "core/design/design.h"
#include "core/intake/photo.h"
#include "core/base/status.h"

namespace smp {

struct ConsultationOptions {
  DecodeOptions decode;
  AnalysisOptions analysis;
  DesignOptions design;
  RenderOptions render;
};

// The design and render options set_options() accepts, as JSON: per name
// {type: "string"|"number"|"boolean"|"points", values (string), min/max
// (number), minItems/maxItems (points), alias (the snake_case spelling also
// accepted), default}. web/options.js validates with a copy of it (options
// are checked before the wasm has loaded); a browser test compares the two.
std::string option_schema_json();

class Consultation {
 public:
  Consultation();

  // Replace the photo. Input refused by the header checks (check_photo /
  // check_image_size) leaves the previous photo loaded; otherwise the old
  // photo is freed before decoding (one photo's memory at a time), so the
  // rare failure inside the decoder leaves no photo.
  Status load_photo(const std::uint8_t* data, std::size_t size);
  // With original_width/height, the pixels were reduced from a photo of
  // that upright size (see plan_photo and photo_from_reduced_rgba).
  Status load_rgba(const std::uint8_t* rgba, int width, int height, int original_width = 0,
                   int original_height = 0);
  // What load_photo would make of a file, without decoding it (plan_photo
  // under this consultation's size limits).
  Result<PhotoPlan> plan_photo(const std::uint8_t* data, std::size_t size) const {
    return smp::plan_photo(data, size, options_.decode);
  }
  bool has_photo() const { return photo_.has_value(); }
  // Turns the loaded photo clockwise by quarter_turns x 90 degrees (see
  // turn_photo); everything derived from it, moved handles included, is
  // recomputed. Error "no_photo" without a photo.
  Status turn(int quarter_turns);
  const Photo& photo() const { return *photo_; }

  // Another photo of the same head (a top view beside a front one):
  // decoded, analysed, and kept only as the stage model's features; the
  // photo's Norwood stage is then read from every view (norwood_from_views).
  // Errors: those of load_photo / load_rgba, "no_photo" before the main
  // photo, "no_head" when the view shows no head. A new main photo drops
  // the views; turning it keeps them.
  Status add_view(const std::uint8_t* data, std::size_t size);
  Status add_view_rgba(const std::uint8_t* rgba, int width, int height, int original_width = 0,
                       int original_height = 0);
  void clear_views() { views_.clear(); }
  // Photos the stage is read from: 1 + the added views (0 without a photo).
  int view_count() const { return photo_ ? 1 + int(views_.size()) : 0; }

  // Partial update: only the keys present change. Unknown keys and wrong
  // types are rejected with code "invalid_option" naming the key; on error
  // nothing changes.
  Status set_options(std::string_view json);
  std::string options_json() const;
  const ConsultationOptions& options() const { return options_; }

  // The analysis as JSON ("null" before a photo), computed on demand.
  Result<std::string> analysis_json();
  Result<const Analysis*> analysis();

  // Hairline control points as [[x,y],...] in original pixels.
  Result<std::string> hairline_json();
  Status set_hairline(std::string_view json);

  Result<const Design*> design();

  // The RGBA preview at the working size.
  Result<const Image*> render();

  // The estimate for this consultation; `json` holds EstimateRequest fields
  // (goal, factors, answers, pricing, norwood, ludwig, area_cm2, locale).
  // Without norwood/ludwig/area_cm2 the photo gives the extent: the analysed
  // Norwood stage (Ludwig grade for women) with its confidence, or for a
  // scar the area of its outline.
  Result<std::string> estimate(std::string_view json);

 private:
  Status extent_from_photo(EstimateRequest* req);
  Status add_view_photo(Result<Photo> view);
  void reset_from(int stage);
  void release_photo();
  ConsultationOptions options_;
  std::optional<Photo> photo_;
  std::optional<Analysis> analysis_;
  std::optional<Design> design_;
  std::optional<std::vector<glm::vec2>> user_points_;  // working px
  int user_moved_ = -1;  // the one handle the user moved last, or -1
  std::optional<std::vector<Dot>> dots_;
  std::optional<InkLayer> ink_;
  std::optional<Shaved> shaved_;
  std::vector<std::vector<float>> views_;  // the added views' stage features  // the full goal's shaved photo (empty weight: not shaved)
  std::optional<std::pair<std::uint32_t, std::vector<glm::vec2>>> tile_;  // seed -> blue-noise tile
  Image preview_;  // kept between renders: a shade change reuses its buffer
  bool preview_fresh_ = false;
};

}  // namespace smp

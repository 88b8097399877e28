// PLACEHOLDER (issue 4 replaces this): reports an unknown view with zero
// confidence so the pipeline runs end to end.
#include "analysis.h"

#include "json.h"

namespace smp {

const char* view_name(View v) {
  switch (v) {
    case View::portrait: return "portrait";
    case View::front: return "front";
    case View::top: return "top";
    default: return "unknown";
  }
}

Result<Analysis> analyze(const Photo& photo, const AnalysisOptions& options) {
  Analysis a;
  a.width = photo.working.width;
  a.height = photo.working.height;
  const std::size_t n = static_cast<std::size_t>(a.width) * a.height;
  a.labels.assign(n, kBackground);
  a.hair_density.assign(n, 0);
  a.head_mask.assign(n, 0);
  a.scalp_mask.assign(n, 0);
  a.scale_method = "none";
  if (options.female) a.ludwig_grade = 1;
  return a;
}

std::string analysis_json(const Analysis& a, const Photo& photo) {
  const double s = photo.scale;
  auto point = [&](JsonWriter& j, glm::vec2 p) {
    j.begin_array().value(p.x * s).value(p.y * s).end_array();
  };
  JsonWriter j;
  j.begin_object();
  j.key("view").value(view_name(a.view));
  j.key("image").begin_object().key("width").value(photo.original_width)
      .key("height").value(photo.original_height).end_object();
  j.key("face");
  if (a.face)
    j.begin_object().key("x").value(a.face->x * s).key("y").value(a.face->y * s)
        .key("w").value(a.face->w * s).key("h").value(a.face->h * s).end_object();
  else
    j.null();
  j.key("landmarks");
  if (a.landmarks) {
    j.begin_object();
    j.key("glabella"); point(j, a.landmarks->glabella);
    j.key("eyes").begin_array(); point(j, a.landmarks->eyes[0]); point(j, a.landmarks->eyes[1]); j.end_array();
    j.key("chin"); point(j, a.landmarks->chin);
    j.end_object();
  } else {
    j.null();
  }
  j.key("scale_px_per_cm");
  if (a.scale_px_per_cm) j.value(*a.scale_px_per_cm / s); else j.null();
  j.key("scale_method").value(a.scale_method);
  j.key("hairline").begin_object().key("current").begin_array();
  for (glm::vec2 p : a.hairline) point(j, p);
  j.end_array().end_object();
  j.key("scalp").begin_object().key("bald_fraction").value(static_cast<double>(a.bald_fraction));
  j.key("area_cm2");
  if (a.area_cm2) j.value(static_cast<double>(*a.area_cm2)); else j.null();
  j.end_object();
  j.key("norwood").begin_object().key("stage").value(a.norwood_stage)
      .key("confidence").value(static_cast<double>(a.norwood_confidence)).end_object();
  j.key("ludwig");
  if (a.ludwig_grade > 0) j.begin_object().key("grade").value(a.ludwig_grade).end_object(); else j.null();
  j.key("confidence").value(static_cast<double>(a.confidence));
  j.key("timings_ms").begin_object();
  for (const auto& [name, ms] : a.timings_ms) j.key(name).value(ms);
  j.end_object();
  j.end_object();
  return j.str();
}

}  // namespace smp

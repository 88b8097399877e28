// analysis_overlay.h - draws an analysis onto its photo for people to check:
// hair tinted blue by density, bare/thinning scalp tinted red, the head
// outline yellow, the current hairline green, the face box cyan and the
// landmarks (eyes, glabella, chin) as magenta crosses; for a bent head's face
// looking down (cut out, not reported), the brow line it was cut at in cyan
// with a tick toward the crown. Used by `smp analyze --debug-image`.
#pragma once

#include "core/analysis/analysis.h"
#include "core/base/image.h"
#include "core/intake/photo.h"

namespace smp {

// RGB image at the working size.
Image draw_analysis(const Photo& photo, const Analysis& a);

}  // namespace smp

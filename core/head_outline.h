// head_outline.h - the EXPORTED head outline (Analysis::head_mask), which
// bounds the hairline design and where the preview puts pigment dots.
//
// Why a second outline: Segmentation::head is built from skin and hair
// colours and keeps whatever of the frame's background passed for them (red
// curtains, a dark smooth wall, a cape, a skin-toned wall). The exported
// outline additionally cuts what a per-photo background model learned from
// the frame's border explains better than the head does. The scalp measures
// and the Norwood stage are taken inside it too (since 2026-11-24), so the
// stage describes the head the user is shown; Segmentation::head still
// bounds the face search and the hairline scan.
#pragma once

#include "analysis.h"
#include "segmentation.h"

namespace smp {

// Segmentation::head without the border background joined to it, as the
// one mass holding the head's core, without thin parts (trim_thin_parts).
// With a face, nothing is cut in the face box and only smooth colours the
// face lacks within the head's reach around it; a result much larger than
// the face (a false face) is redone without it. Without a face, only
// smooth non-skin colours are cut and bites in the head are closed again.
// When the cut would take the core itself, the trimmed outline is kept.
Mask head_outline(const Segmentation& s, const Box* face);

}  // namespace smp

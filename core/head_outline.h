// head_outline.h - the EXPORTED head outline (Analysis::head_mask), which
// bounds the hairline design and where the preview puts pigment dots.
//
// Why a second outline: Segmentation::head is built from skin and hair
// colours and keeps whatever of the frame's background passed for them (red
// curtains, a dark smooth wall, a cape, a skin-toned wall). The measurements
// keep using it (their weights are fitted to it); the exported outline
// additionally cuts what a per-photo background model learned from the
// frame's border explains better than the head does.
#pragma once

#include "analysis.h"
#include "segmentation.h"

namespace smp {

// 1 where a pixel of the head outline looks like the frame's background:
// its colour and texture are common along the border but rare on the head
// (in a trusted face's box `face`, reduced pixels, may be null; else in the
// outline's skin, strand and skin-bright pixels weighted to its middle),
// and it is joined to the border through such pixels or pixels outside the
// outline. Reduced pixels (s.w x s.h).
Mask border_background(const Segmentation& s, const Box* face);

// Pixels surely on the head: a trusted face's box (reduced pixels, may be
// null) and a little above it, else the middle tenth of the head outline.
Mask head_core(const Segmentation& s, const Box* face);

// Segmentation::head without the border background joined to it, as the
// one mass holding the head's core, without thin parts (trim_thin_parts).
// With a face, nothing is cut in the face box and only smooth colours the
// face lacks within the head's reach around it; a result much larger than
// the face (a false face) is redone without it. Without a face, only
// smooth non-skin colours are cut and bites in the head are closed again.
// When the cut would take the core itself, the trimmed outline is kept.
Mask head_outline(const Segmentation& s, const Box* face);

}  // namespace smp

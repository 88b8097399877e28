#!/usr/bin/env bash
# smp_results.sh - the preview beside real SMP results.
#
# For each before/after pair in ../shared/photos/smp-results/ (before on the
# left), renders the preview from the before half and writes it beside the
# real after half to build/smp-results/NAME.png, then prints the treated
# area's mean CIE Lab colour (before, preview, real after) and how the
# preview matches the real result there (core/render/ink_stats.h): the colour
# difference of the means (CIE76), and the L* spread and fine-scale texture
# energy of preview / real after.
#
#   tests/eval/smp_results.sh [path/to/smp]     (default build/native/bin/smp)
#
# The hairline points / scar outlines below are in the pair image's pixels,
# placed by hand on the before half (where the clinic drew or treated). The
# scalp side is on the left when walking along the points. The scale
# (px/cm) is set from the visible head width (~15 cm) because these are
# back and top views without a measurable face. Skips cleanly when
# ../shared is absent.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SMP="${1:-$ROOT/build/native/bin/smp}"
PHOTOS="$ROOT/../shared/photos/smp-results"
OUT="$ROOT/build/smp-results"
if [ ! -d "$PHOTOS" ]; then echo "skip: no ../shared/photos/smp-results"; exit 0; fi
if [ ! -x "$SMP" ]; then echo "error: no smp binary at $SMP (build it first)" >&2; exit 2; fi
mkdir -p "$OUT"

# name | px/cm | goal | flag | points
PAIRS=(
  "blade-smp-male-pattern-baldness-main|23|full|--points|10,365;200,372;390,365"
  "blade-smp-alopecia-areata-and-totalis-main|20|full|--points|20,300;80,262;160,245;250,255;330,300"
  "blade-smp-female-pattern-hairloss-main|30|density|--points|0,530;200,530;399,530"
  "blade-smp-scars-due-to-injuries-or-hair-transplants-main|28|density|--points|330,110;220,85;110,110"
  "blade-smp-poor-results-fut-transplant-bottom|27|scar|--scar|45,215;90,300;160,355;250,375;340,350;410,280;440,175;447,200;418,305;345,380;250,402;150,388;78,333;38,242"
  "blade-smp-poor-results-fue-transplant|18|full|--points|30,420;200,440;360,420"
  "gallery_1|40|density|--points|0,1100;360,1100;719,1100"
  "gallery_6|65|full|--points|635,41;450,140;300,260;153,388;123,435"
)

printf '%-58s %-8s %7s  %-20s %-20s %-20s %6s %11s %11s\n' pair goal dots "before L*a*b*" "preview L*a*b*" "real after L*a*b*" \
  "dE" "L* spread" "texture"
for entry in "${PAIRS[@]}"; do
  IFS='|' read -r name scale goal flag points <<<"$entry"
  json=$("$SMP" preview "$PHOTOS/$name.jpg" --split --px-per-cm "$scale" --goal "$goal" "$flag" "$points" \
    -o "$OUT/$name.png" "${@:2}")
  node -e '
    const j = JSON.parse(process.argv[1]);
    const f = (v) => v.map((x) => x.toFixed(1).padStart(6)).join("");
    const m = j.ink_match, pair = (v) => `${v[0].toFixed(1)}/${v[1].toFixed(1)}`.padStart(11);
    console.log(process.argv[2].padEnd(58), process.argv[3].padEnd(8), String(j.dots).padStart(7), "",
      f(j.lab.before).padEnd(20), f(j.lab.preview).padEnd(20), f(j.lab.after), m.delta_e.toFixed(1).padStart(6),
      pair(m.l_spread), pair(m.texture));
  ' "$json" "$name" "$goal"
done
echo "side-by-side images (preview left, real result right): $OUT/"

# Previews of the client photos themselves (before | after), with the
# design the app proposes on its own: portraits, front and top views, pale
# and dark skin.
SHARED="$ROOT/../shared/photos"
mkdir -p "$OUT/previews"
for photo in misc/deepface__img20.jpg misc/deepface__img21.jpg misc/face_recognition_pr1285__paul_allen4.jpg \
    misc/baldness_est__og_group3_17.png misc/baldness_est__og_group4_22.jpg misc/baldness_est__og_group1_22.jpg \
    hairloss/1-Front_jpg.rf.3ba6007ccc8dd2580304cd31ef5321c5.jpg \
    hairloss/1-Top-Down_jpg.rf.0cba4af92d3f10e834a339c3a092abc3.jpg; do
  [ -f "$SHARED/$photo" ] || continue
  base=$(basename "$photo"); base="${base%.*}"
  json=$("$SMP" preview "$SHARED/$photo" --compare -o "$OUT/previews/${base:0:40}.png")
  node -e '
    const j = JSON.parse(process.argv[1]);
    console.log(process.argv[2].padEnd(58), j.view.padEnd(9), j.basis.padEnd(12), String(j.dots).padStart(7),
      (j.px_per_cm.toFixed(1) + " px/cm " + j.scale_method).padEnd(36));
  ' "$json" "$photo"
done
echo "client previews (before | after): $OUT/previews/"

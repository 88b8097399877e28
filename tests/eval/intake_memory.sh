#!/usr/bin/env bash
# intake_memory.sh - peak resident memory of `smp info` on 12-megapixel
# (4000 x 3000) JPEGs the script builds itself, against the decoded image
# size (W x H x 3 bytes). Intake's budget is < 3x the decoded size for
# baseline JPEGs and 4:2:0 progressive ones (what cameras and phones write);
# the script exits 1 if one of those is over. Progressive 4:4:4 is printed
# too: stb_image then holds 16-bit coefficients for three full-size planes
# plus the sample planes plus the output, which no caller can avoid.
#
#   tests/eval/intake_memory.sh [path/to/smp]     (default build/native/bin/smp)
#
# Also printed, measured in the same run: the RSS of `smp info` on a small
# photo (process + code), so the figures can be read net of it, and the time
# of decode_photo (walk + decode + area downscale to 1600 px + upright) against
# stb_image's decode alone on the same bytes, best of 3.
set -euo pipefail
cd "$(dirname "$0")/../.."
SMP="${1:-build/native/bin/smp}"
[[ -x "$SMP" ]] || { echo "no smp binary at $SMP (build it, or pass its path)"; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install time)"; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
W=4000 H=3000
# The intake sources alone (no Emscripten, no other core module), -O2 as Release.
g++ -std=c++20 -O2 -I. -Icore -DSMP_SHARED_DIR='""' -o "$work/make_jpeg" \
  tests/eval/intake_memory.cpp tests/core/test_images.cpp core/intake/photo.cpp core/intake/photo_header.cpp \
  core/intake/jpeg_header.cpp core/intake/png_header.cpp core/intake/gif_bmp_header.cpp core/intake/exif.cpp core/base/resize.cpp \
  core/intake/orientation.cpp core/intake/stb_image_impl.cpp

peak_kb() {  # peak RSS in kB of `smp info FILE`, checking it succeeded
  /usr/bin/time -v "$SMP" info "$1" >"$work/out.json" 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
  awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt"
}

"$work/make_jpeg" "$work/small.jpg" 320 240 baseline420
base_kb="$(peak_kb "$work/small.jpg")"
decoded_mb=$(awk -v w=$W -v h=$H 'BEGIN {printf "%.1f", w*h*3/1048576}')
echo "decoded size of a ${W}x${H} RGB image: ${decoded_mb} MB; RSS of smp info on a 320x240 JPEG: $((base_kb / 1024)) MB"

status=0
for kind in baseline420 baseline444 progressive420 progressive444; do
  "$work/make_jpeg" "$work/big.jpg" $W $H $kind
  file_mb=$(awk -v b="$(stat -c %s "$work/big.jpg")" 'BEGIN {printf "%.1f", b/1048576}')
  kb="$(peak_kb "$work/big.jpg")"
  ratio=$(awk -v kb="$kb" -v w=$W -v h=$H 'BEGIN {printf "%.2f", kb*1024/(w*h*3)}')
  json="$(tr -d '\n' <"$work/out.json")"
  printf '12-MP %-15s (%4s MB file): peak RSS %4d MB = %sx decoded; %s\n' \
    "$kind" "$file_mb" $((kb / 1024)) "$ratio" "$("$work/make_jpeg" time "$work/big.jpg" 5)"
  [[ "$json" == *'"width": 4000, "height": 3000'* ]] || { echo "  FAIL: unexpected output $json"; status=1; }
  if [[ $kind != progressive444 ]]; then
    awk -v r="$ratio" 'BEGIN {exit !(r < 3.0)}' || { echo "  FAIL: over the 3x budget"; status=1; }
  fi
done
exit $status

#!/usr/bin/env bash
# intake_memory.sh - peak resident memory of `smp info` on a 12-megapixel
# JPEG the script builds itself, against the decoded image size (W x H x 3).
# Intake's budget is < 3x the decoded size; the script exits 1 above it.
#
#   tests/eval/intake_memory.sh [path/to/smp]     (default build/native/bin/smp)
#
# Also printed, measured in the same run: the baseline RSS of `smp info` on a
# small photo (process + code), so the figure can be read net of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
SMP="${1:-build/native/bin/smp}"
[[ -x "$SMP" ]] || { echo "no smp binary at $SMP (build it, or pass its path)"; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install time)"; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
W=4000 H=3000
g++ -std=c++20 -O2 -o "$work/make_jpeg" tests/eval/intake_memory.cpp

peak_kb() {  # peak RSS in kB of `smp info FILE`, checking it succeeded
  /usr/bin/time -v "$SMP" info "$1" >"$work/out.json" 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
  awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt"
}
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt"; }

"$work/make_jpeg" "$work/small.jpg" 320 240 85
base_kb="$(peak_kb "$work/small.jpg")"
decoded_mb=$(awk -v w=$W -v h=$H 'BEGIN {printf "%.1f", w*h*3/1048576}')
echo "decoded size of a ${W}x${H} RGB image: ${decoded_mb} MB; baseline RSS of smp info on a 320x240 JPEG: $((base_kb / 1024)) MB"

status=0
for q in 85 95; do
  chroma=$([[ $q -le 90 ]] && echo "4:2:0" || echo "4:4:4")
  "$work/make_jpeg" "$work/big.jpg" $W $H $q
  file_mb=$(awk -v b="$(stat -c %s "$work/big.jpg")" 'BEGIN {printf "%.1f", b/1048576}')
  kb="$(peak_kb "$work/big.jpg")"
  ratio=$(awk -v kb="$kb" -v w=$W -v h=$H 'BEGIN {printf "%.2f", kb*1024/(w*h*3)}')
  echo "12-MP JPEG ($chroma, ${file_mb} MB file): peak RSS $((kb / 1024)) MB = ${ratio}x decoded size, $(seconds) s wall; $(cat "$work/out.json")"
  awk -v r="$ratio" 'BEGIN {exit !(r < 3.0)}' || { echo "  FAIL: over the 3x budget"; status=1; }
done
exit $status

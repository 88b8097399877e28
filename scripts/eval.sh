#!/usr/bin/env bash
# eval.sh - the evaluation command: installs what is missing, builds, then
# prints every figure the issues ask for, each measured in this run against
# a baseline from the same run. Slower than the tests (several minutes) and
# needs ../shared/photos; each script skips with a note without it.
#   scripts/eval.sh [stage|robustness|vision|vision-speed|design|front-hairline|analysis|intake|preview|render|bundle|estimate ...]   (default: all)
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test || exit 1
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
scripts/build.sh all >/dev/null || exit 1
SMP=build/native/bin/smp
want=("${@:-all}")
run() {  # run NAME CMD...: one section, failures reported but not fatal
  local name="$1"; shift
  [[ " ${want[*]} " == *" all "* || " ${want[*]} " == *" $name "* ]] || return 0
  echo; echo "=== $name: $* ==="
  "$@" || { echo "[$name exited $?]"; status=1; }
}
status=0
stage_eval() {  # person-grouped cross-validation of the stage model on hairloss-train
  build/native/bin/stage_features > build/stage_rows.tsv && /usr/bin/python3 scripts/train_stage.py build/stage_rows.tsv
}
run stage    stage_eval
run robustness build/native/bin/robustness_eval
run vision     build/native/bin/vision_eval --debug build/vision-debug
run design     build/native/bin/design_eval
run front-hairline /usr/bin/python3 tests/eval/front_hairline.py "$SMP"
run analysis python3 tests/eval/analysis_bench.py --smp "$SMP" --runs 5
run intake   tests/eval/intake_memory.sh "$SMP"
run preview  tests/eval/smp_results.sh "$SMP"
run render   node tests/browser/render_bench.mjs
run vision-speed node tests/browser/vision_bench.mjs
run bundle   node tests/eval/bundle_size.mjs
run estimate env SMP_CLI="$SMP" node tests/eval/estimate_table.mjs
exit $status

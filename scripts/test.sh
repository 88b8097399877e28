#!/usr/bin/env bash
# test.sh - README command (2): install what is missing, build native and
# wasm, run every test. Exits non-zero on the first failing stage and prints
# each runner's summary.
#   FUZZ_SECONDS=60 (default) sets each fuzz target's run time; 0 skips fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh all
jobs="$(nproc)"

stage() { echo; echo "=== $* ==="; }
# Runs ctest on a build tree; prints its summary line, or everything on failure.
run_ctest() {
  local log; log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then cat "$log"; rm -f "$log"; return 1; fi
  grep -E 'tests passed|tests failed|Total Test time' "$log"
  echo "skipped: $(grep -cE '\(Skipped\)' "$log" || true)"
  rm -f "$log"
}

stage "GoogleTest (native, Release)"
run_ctest ctest --test-dir build/native --output-on-failure -j"$jobs"

stage "GoogleTest under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMP_SANITIZE=ON >/dev/null
cmake --build build/asan -j"$jobs" --target core_tests smp >/dev/null
ASAN_OPTIONS=detect_leaks=1 run_ctest ctest --test-dir build/asan --output-on-failure -j"$jobs"

stage "GoogleTest in wasm (the inference engine)"
# tests/core/infer/*_test.cpp compiled with em++ against the -msimd128 core
# (optional target infer_tests_wasm), run under node: the same outputs as
# natively and as TF.js. NODE_PATH as in build.sh (Debian's acorn for emcc).
log="$(mktemp)"
if ! NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH} \
    cmake --build build/wasm -j"$jobs" --target infer_tests_wasm >"$log" 2>&1; then
  cat "$log"; rm -f "$log"; echo "building infer_tests_wasm failed"; exit 1
fi
if ! node build/wasm/infer_tests_wasm.js >"$log" 2>&1; then
  # cut: a crash makes node quote the generated .js's one (megabyte) line.
  cut -c1-400 "$log"; rm -f "$log"; echo "GoogleTest in wasm failed"; exit 1
fi
grep -E '^\[==========\] .* ran|^\[  PASSED  \]' "$log"
rm -f "$log"

if ls tests/fuzz/*_fuzz.cpp >/dev/null 2>&1 && [[ "${FUZZ_SECONDS:-60}" != 0 ]]; then
  stage "libFuzzer (${FUZZ_SECONDS:-60} s per target)"
  CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMP_FUZZ=ON >/dev/null
  cmake --build build/fuzz -j"$jobs" >/dev/null
  for src in tests/fuzz/*_fuzz.cpp; do
    name="$(basename "$src" .cpp)"
    mkdir -p "build/fuzz/corpus-$name"
    seeds=(); [[ -d "tests/fuzz/seeds-$name" ]] && seeds=("tests/fuzz/seeds-$name")
    log="build/fuzz/$name.log"
    if ! "build/fuzz/bin/$name" -max_total_time="${FUZZ_SECONDS:-60}" -rss_limit_mb=2048 -timeout=10 -artifact_prefix=build/fuzz/ \
        "build/fuzz/corpus-$name" "${seeds[@]}" >"$log" 2>&1; then
      tail -n 40 "$log"; echo "fuzz target $name failed"; exit 1
    fi
    echo "$name: $(grep -E '^Done|DONE' "$log" | tail -n 1)"
  done
fi

if [[ -f web/tsconfig.json ]]; then
  stage "TypeScript typings (tsc --strict --noEmit)"
  npx --no-install tsc -p web/tsconfig.json && echo "typings OK"
fi

stage "Browser tests (headless Chromium)"
node --test --test-reporter=spec tests/browser/ 2>&1 | tail -n 12

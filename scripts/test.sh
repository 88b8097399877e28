#!/usr/bin/env bash
# test.sh - README command (2): install what is missing, build native and
# wasm, run every test. Exits non-zero on the first failing stage and prints
# each runner's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh all

stage() { echo; echo "=== $* ==="; }

stage "GoogleTest (native, Release)"
ctest --test-dir build/native --output-on-failure -j"$(nproc)" | tail -n 4

stage "Browser tests (headless Chromium)"
node --test --test-reporter=spec tests/browser/ 2>&1 | tail -n 12

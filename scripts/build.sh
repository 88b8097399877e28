#!/usr/bin/env bash
# build.sh - native build (CLI + tests) in build/native, browser bundle in build/web.
#   scripts/build.sh [native|web|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="$(nproc)"

if [[ "$what" == native || "$what" == all ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$jobs"
fi
if [[ "$what" == web || "$what" == all ]]; then
  # Debian's emcc runs acorn from Debian's node-acorn; the machine's node may
  # not be Debian's, so tell node where that module lives.
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j"$jobs"
fi

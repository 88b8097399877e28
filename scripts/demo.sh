#!/usr/bin/env bash
# demo.sh - README command (1): install what is missing, build, serve the demo
# on http://127.0.0.1:8080/ (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh all
exec node scripts/serve.mjs

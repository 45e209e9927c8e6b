#!/usr/bin/env bash
# Installs what is missing on a Debian 12 machine, builds careboard and generates the demo site
# from sample-data/ into _site/. Safe to run again: it installs and rebuilds only what is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# libglpk-dev: GLPK, the linear program solver of disclosure control (docs/disclosure.md).
# python3-scipy: HiGHS, the independent solver of the attacker test (tests/reference).
# python3-pandas, python3-openpyxl: the test that every CSV careboard writes, and its spreadsheet,
# open in pandas with no options.
# chromium: Debian's own build, for the browser tests (tests/browser) and `careboard pack`'s PDF;
# no test downloads a browser. poppler-utils: pdfinfo and pdftotext, to check the board pack's PDF.
# clang, libclang-rt-14-dev (ASan, UBSan and libFuzzer, only recommended by clang) and llvm (its
# llvm-symbolizer, for readable stacks): the sanitizer and fuzz build of scripts/test.sh.
packages=(build-essential cmake pkg-config libkainjow-mustache-dev libfccp-dev nlohmann-json3-dev
          libcli11-dev libtomlplusplus-dev libcmark-dev libxlsxwriter-dev libexpat1-dev libglpk-dev googletest libgtest-dev python3 python3-pandas python3-openpyxl python3-scipy chromium poppler-utils
          clang libclang-rt-14-dev llvm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "careboard setup: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Chart libraries and the stylesheet's Sass (GOV.UK Frontend, the Sass compiler), exactly as
# locked in assets/package-lock.json; then the browser tests' playwright-core and axe-core, as
# locked in tests/browser/package-lock.json. Neither downloads a browser.
export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for dir in assets tests/browser; do
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.careboard-lock" 2>/dev/null; then
    (cd "$dir" && npm ci --include=dev --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.careboard-lock"
  fi
done

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCAREBOARD_BUILD_TESTS=OFF "$@" >/dev/null
cmake --build build -j"$(nproc)"

if [ "${CAREBOARD_SETUP_NO_DEMO:-0}" != 1 ]; then
  ./build/careboard build --config sample-data/careboard.toml --out _site
fi

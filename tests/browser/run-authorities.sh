#!/usr/bin/env bash
# Writes a pooled set of three fictional authorities with `careboard synth --authorities`, builds
# their site of several authorities into a fresh temporary folder, and checks its overview pages
# (and one authority's) in headless Chromium (check-site.js). ctest runs it; by hand:
#   bash tests/browser/run-authorities.sh node build/careboard
# Prints "SKIPPED: ..." and exits 0 when Chromium is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node=$1 careboard=$2
shift 2

work=$(mktemp -d "${TMPDIR:-/tmp}/careboard-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$careboard" synth --authorities 3 --children 300 --years 3 --seed 2 --out "$work/data" >/dev/null
"$careboard" build --quiet --build-date 2025-05-01 --config "$work/data/careboard.toml" --out "$work/site" "$@" >/dev/null
"$node" "$here/check-site.js" "$work/site"

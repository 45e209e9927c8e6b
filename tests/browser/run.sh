#!/usr/bin/env bash
# Builds a site with careboard into a fresh temporary folder, then checks every page of it in
# headless Chromium (check-site.js). ctest runs it; by hand:
#   bash tests/browser/run.sh node build/careboard sample-data/careboard.toml [--profile board]
# Prints "SKIPPED: ..." and exits 0 when Chromium is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node=$1 careboard=$2 config=$3
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/careboard-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$careboard" build --quiet --build-date 2025-05-01 --config "$config" --out "$work/site" "$@" >/dev/null
"$node" "$here/check-site.js" "$work/site"

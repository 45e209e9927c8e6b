#!/usr/bin/env bash
# Writes the IRO annual report (HTML, without its PDF) into a fresh temporary folder, then checks
# it in headless Chromium as the site's pages are checked (check-site.js --document). ctest runs
# it; by hand:
#   bash tests/browser/run-report.sh node build/careboard sample-data/careboard.toml [--profile board]
# Prints "SKIPPED: ..." and exits 0 when Chromium is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node=$1 careboard=$2 config=$3
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/careboard-report-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$careboard" report --quiet --no-pdf --build-date 2025-05-01 --config "$config" --out "$work/report" "$@" >/dev/null
"$node" "$here/check-site.js" "$work/report" --document

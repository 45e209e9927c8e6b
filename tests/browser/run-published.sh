#!/usr/bin/env bash
# Builds a site of every authority's published figures ([authorities] from = "published",
# docs/authorities.md) from the demo's fictional DfE files (sample-data/ees) into a fresh
# temporary folder, and checks its overview pages and one authority's pages in headless Chromium
# (check-site.js). ctest runs it; by hand:
#   bash tests/browser/run-published.sh node build/careboard sample-data/ees
# Prints "SKIPPED: ..." and exits 0 when Chromium is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node=$1 careboard=$2 ees=$(cd "$3" && pwd)
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/careboard-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat >"$work/careboard.toml" <<TOML
[output]
title = "Children looked after"
[authorities]
name = "Fictional England"
from = "published"
[benchmarks]
source = "fictional statistics in the DfE's format"
neighbour_model = "$ees/sn_model_wide.csv"
rates = "$ees/cla_number_and_rate_per_10k_children.csv"
started = "$ees/la_cla_who_started_to_be_looked_after.csv"
ceased = "$ees/la_children_who_ceased_during_the_year.csv"
placement_stability = "$ees/la_cla_placement_stability.csv"
new_placements = "$ees/la_cla_during_year_new_placements.csv"
health = "$ees/la_conviction_health_outcome_cla.csv"
care_leavers_activity = "$ees/la_care_leavers_activity.csv"
care_leavers_accommodation = "$ees/la_care_leavers_accommodation_suitability.csv"
missing = "$ees/la_children_who_were_missing_or_away.csv"
social_workers = "$ees/la_cla_swcount.csv"
TOML
"$careboard" build --quiet --build-date 2025-05-01 --config "$work/careboard.toml" --out "$work/site" "$@" >/dev/null
# The overview's pages of each kind (a rate and an average, with the dot chart, the small
# multiples and the reflowing table; the table by name), its index and about pages, and the demo
# authority's index, comparison and health pages (its care leavers' and missing pages are charts
# of the health page's kinds; the accessibility statement is the 903 overview's, checked there).
CAREBOARD_BROWSER_PAGES='^(index|about)\.html$|^overview/(looked_after_rate_per_10000|looked_after_rate_per_10000-by-name|oc2_sdq_average)\.html$|^E06999999/(index|how-we-compare|health)\.html$' \
  "$node" "$here/check-site.js" "$work/site"

#!/usr/bin/env bash
# careboard benchmark (not a test): times the sample authority and a national-scale 903 set.
#   bash bench/run.sh            # after scripts/setup.sh
# Prints the stage timings of careboard_bench and the wall time of the real command, including
# reading and writing files. Record the figures in bench/README.md with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target careboard careboard_bench careboard_write_floor >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wall() {  # median wall time in ms of N runs of a command
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "== sample authority (sample-data/: 500 children looked after, 4 yearly returns)"
./build/bench/careboard_bench --children 500 --years 4 --seed 1 --repeat 21
echo "careboard build, wall time, median of 21: $(wall 21 ./build/careboard build --quiet --config sample-data/careboard.toml --out "$work/sample-site") ms"
echo "the floor: $(./build/bench/careboard_write_floor "$work/sample-site" --repeat 21)"

echo "== national scale (85,000 children looked after, 4 yearly returns, stitched)"
./build/careboard synth --children 85000 --years 4 --seed 3 --out "$work/national" >/dev/null
echo "input: $(du -sh "$work/national" | cut -f1), $(cat "$work"/national/*/episodes.csv | wc -l) episode rows"
./build/bench/careboard_bench --children 85000 --years 4 --seed 3 --repeat 3
echo "careboard build, wall time, median of 5: $(wall 5 ./build/careboard build --quiet --data "$work/national" --out "$work/national-site") ms"
/usr/bin/time -f "peak memory: %M KB" ./build/careboard build --quiet --data "$work/national" --out "$work/national-site" >/dev/null

echo "== national scale as the DfE's XML (the same returns, each an <EXPSSDA903> document)"
./build/careboard synth --children 85000 --years 4 --seed 3 --xml-year 2022 --xml-year 2023 --xml-year 2024 \
  --xml-year 2025 --out "$work/national-xml" >/dev/null
echo "input: $(du -sh "$work/national-xml" | cut -f1)"
echo "careboard check, CSV returns, wall time, median of 5: $(wall 5 ./build/careboard check --data "$work/national") ms"
echo "careboard check, XML returns, wall time, median of 5: $(wall 5 ./build/careboard check --data "$work/national-xml") ms"
/usr/bin/time -f "peak memory, CSV returns: %M KB" ./build/careboard check --data "$work/national" >/dev/null 2>"$work/time-csv" || true
/usr/bin/time -f "peak memory, XML returns: %M KB" ./build/careboard check --data "$work/national-xml" >/dev/null 2>"$work/time-xml" || true
tail -n 1 "$work/time-csv"
tail -n 1 "$work/time-xml"

echo "== several authorities in one site (docs/authorities.md): pooled sets of 200 children each"
for n in 1 10 30; do
  ./build/careboard synth --authorities "$n" --children $((200 * n)) --years 4 --seed 5 --out "$work/pool-$n" >/dev/null
  echo "$n authorities ($(du -sh "$work/pool-$n" | cut -f1)): careboard build, wall time, median of 3:" \
       "$(wall 3 ./build/careboard build --quiet --config "$work/pool-$n/careboard.toml" --out "$work/pool-$n-site") ms," \
       "$(find "$work/pool-$n-site" -type f | wc -l) files"
  echo "  the floor: $(./build/bench/careboard_write_floor "$work/pool-$n-site" --repeat 3)"
done

echo "== a site of every authority's published figures (docs/authorities.md, from = \"published\")"
# The config of a published site from the DfE's files in a folder, of the authorities listed (or all).
published_config() {  # folder, out file, include line
  local ees=$1 out=$2 include=${3:-}
  {
    printf '[output]\ntitle = "Children looked after"\n[authorities]\nname = "England"\nfrom = "published"\n%s\n[benchmarks]\n' "$include"
    for kind_file in rates:cla_number_and_rate_per_10k_children started:la_cla_who_started_to_be_looked_after \
                     ceased:la_children_who_ceased_during_the_year placement_stability:la_cla_placement_stability \
                     new_placements:la_cla_during_year_new_placements health:la_conviction_health_outcome_cla \
                     care_leavers_activity:la_care_leavers_activity care_leavers_accommodation:la_care_leavers_accommodation_suitability \
                     missing:la_children_who_were_missing_or_away social_workers:la_cla_swcount; do
      local file; file=$(ls "$ees/${kind_file#*:}"*.csv | head -1)
      printf '%s = "%s"\n' "${kind_file%%:*}" "$file"
    done
    printf 'neighbour_model = "%s"\n' "$(ls "$ees"/sn_model*wide.csv | head -1)"
  } >"$out"
}
# The first n authorities' codes of a built site, as an include list.
include_first() {  # site, n
  printf 'include = [ %s ]' "$(ls -d "$1"/E0* | head -"$2" | xargs -n1 basename | sed 's/.*/{ code = "&" }/' | paste -sd, -)"
}
./build/careboard synth --children 500 --years 4 --seed 1 --ees-authorities 153 --out "$work/ees-153" >/dev/null
sources=("generated:$work/ees-153/ees")
[ -f ../shared/data/ees/cla_number_and_rate_per_10k_children.csv ] && sources+=("real:$(cd ../shared/data/ees && pwd)")
for source in "${sources[@]}"; do
  name=${source%%:*} ees=${source#*:}
  published_config "$ees" "$work/$name-all.toml"
  ./build/careboard build --quiet --config "$work/$name-all.toml" --out "$work/$name-all-site"
  for n in 1 10 all; do
    config="$work/$name-all.toml"
    if [ "$n" != all ]; then config="$work/$name-$n.toml"; published_config "$ees" "$config" "$(include_first "$work/$name-all-site" "$n")"; fi
    ./build/careboard build --quiet --config "$config" --out "$work/$name-$n-site"
    echo "$name files, $n authorities: careboard build, wall time, median of 5: $(wall 5 ./build/careboard build --quiet --config "$config" --out "$work/$name-$n-site") ms," \
         "$(find "$work/$name-$n-site" -type f | wc -l) files, $(du -sh "$work/$name-$n-site" | cut -f1)"
    /usr/bin/time -f "  peak memory: %M KB" ./build/careboard build --quiet --config "$config" --out "$work/$name-$n-site" >/dev/null
    echo "  the floor: $(./build/bench/careboard_write_floor "$work/$name-$n-site" --repeat 5)"
  done
  # Hugo (Debian's hugo), building the same pages as tables from the same rows (bench/hugo), once.
  if command -v hugo >/dev/null; then
    cp -r bench/hugo "$work/hugo-$name"
    python3 "$work/hugo-$name/make_content.py" "$work/$name-all-site" "$work/hugo-$name" >/dev/null
    echo "  hugo $(hugo version | cut -d' ' -f2), the same pages as tables, one run: $(cd "$work/hugo-$name" && wall 1 hugo --quiet -d "$work/hugo-$name-site") ms," \
         "$(find "$work/hugo-$name-site" -type f | wc -l) files, $(du -sh "$work/hugo-$name-site" | cut -f1)"
  else
    echo "  hugo is not installed (apt-get install hugo): no comparison"
  fi
done

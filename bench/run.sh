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

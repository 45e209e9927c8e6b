#!/usr/bin/env bash
# A longer fuzzing campaign (docs/fuzzing.md "Measured"): every target, or those named, for
# SECONDS each, JOBS at a time, exactly as the suite's short runs (tests/fuzz/run_fuzz.sh, the
# same seeds, dictionaries, extra seeds from ../shared and limits), then one Markdown table row
# per target from libFuzzer's own figures.
#
#   bash tests/fuzz/campaign.sh BUILD_DIR SECONDS OUT_DIR [JOBS] [TARGET...]
#
# SECONDS "summary" prints the table of a campaign already run into OUT_DIR.
# BUILD_DIR is a build with CAREBOARD_FUZZ=ON (build-sanitize/). Each target's log, corpus and
# any failing input are kept in OUT_DIR/<target>/. Exits 1 when any target failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd); seconds=$2; out=$3; jobs=${4:-2}
shift 3; [ $# -gt 0 ] && shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv_table ssda903 escalations config ees measures_csv commentary pipeline)
fi
shared="$root/../shared/data/903-synthetic"
mkdir -p "$out"

run_one() {
  local name=$1 extra=()
  if [[ $name =~ ^(csv_table|ssda903|pipeline)$ ]]; then
    # CAREBOARD_FUZZ_SHARED_FOLDERS of tests/fuzz/CMakeLists.txt
    for folder in d2i-demand-model-returns d2i-validator-fake liia-dirty sf-regional; do extra+=("$shared/$folder"); done
  fi
  local dict="$here/dict/$name.dict"; [ -f "$dict" ] || dict=""
  bash "$here/run_fuzz.sh" fuzz "$build/tests/fuzz/fuzz_$name" "$seconds" "$out/$name" \
       "$here/corpus/$name" "$dict" 65536 "${extra[@]}" > "$out/$name.log" 2>&1
  echo $? > "$out/$name.status"
}

running=0
[ "$seconds" = summary ] && targets=($(for t in "${targets[@]}"; do [ -f "$out/$t.status" ] && echo "$t"; done))
for name in "${targets[@]}"; do
  [ "$seconds" = summary ] && break
  if [ ! -x "$build/tests/fuzz/fuzz_$name" ]; then echo "no fuzz target $build/tests/fuzz/fuzz_$name" >&2; exit 2; fi
  run_one "$name" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
echo "| target | executions | exec/s | cov/ft at start | cov/ft at end | corpus at end | found |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
for name in "${targets[@]}"; do
  log="$out/$name.log"
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  start=$(grep -m1 'INITED' "$log" | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/\1\/\2/p')
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  end=$(sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/\1\/\2/p' <<< "$last")
  corpus=$(sed -n 's/.*corp: \([0-9]*\)\/\([0-9a-zA-Z]*\).*/\1 (\2)/p' <<< "$last")
  status=$(cat "$out/$name.status")
  found="nothing"
  if [ "$status" -ne 0 ]; then
    failed=1
    found="FAILED (exit $status): $(ls "$out/$name" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | head -1)"
  fi
  echo "| \`$name\` | ${units:-?} | ${rate:-?} | ${start:-?} | ${end:-?} | ${corpus:-?} | $found |"
done
exit $failed

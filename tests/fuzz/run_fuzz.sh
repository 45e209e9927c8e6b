#!/usr/bin/env bash
# Runs a libFuzzer target for the test suite (tests/fuzz/CMakeLists.txt, docs/fuzzing.md).
#
#   run_fuzz.sh fuzz BINARY SECONDS WORK_DIR SEED_DIR DICT MAX_LEN [EXTRA_SEED_DIR...]
#     Fuzzes for SECONDS from the seeds in SEED_DIR and each EXTRA_SEED_DIR that exists (all
#     read only), writing new inputs to WORK_DIR/corpus (emptied first) and any failing input to
#     WORK_DIR/crash-*, leak-*, timeout-* or oom-*. Fails on a crash, a sanitizer report, a leak,
#     an input slower than CAREBOARD_FUZZ_TIMEOUT seconds (default 25) or one that needs more
#     than CAREBOARD_FUZZ_RSS_MB (default 2048) MiB.
#   run_fuzz.sh replay BINARY DIR...
#     Runs the target once on every file in each DIR (the saved regression inputs).
set -euo pipefail
mode=$1; binary=$2; shift 2

# Symbolized stacks; leaks are reported at exit in replay mode too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in llvm-symbolizer llvm-symbolizer-14; do
    if command -v "$s" >/dev/null; then export ASAN_SYMBOLIZER_PATH="$(command -v "$s")"; break; fi
  done
fi

case "$mode" in
  replay)
    files=()
    for dir in "$@"; do
      for f in "$dir"/*; do [ -f "$f" ] && files+=("$f"); done
    done
    if [ ${#files[@]} -eq 0 ]; then echo "no regression inputs in $*"; exit 0; fi
    echo "replaying ${#files[@]} regression inputs"
    exec "$binary" "${files[@]}"
    ;;
  fuzz)
    seconds=$1; work=$2; seeds=$3; dict=$4; max_len=$5; shift 5
    rm -rf "$work"
    mkdir -p "$work/corpus"
    dirs=("$work/corpus" "$seeds")
    for extra in "$@"; do
      if [ -d "$extra" ]; then
        echo "extra seeds (read only): $extra"
        dirs+=("$extra")
      else
        echo "extra seeds: $extra is absent, not used"
      fi
    done
    options=(-max_total_time="$seconds" -timeout="${CAREBOARD_FUZZ_TIMEOUT:-25}"
             -rss_limit_mb="${CAREBOARD_FUZZ_RSS_MB:-2048}" -max_len="$max_len"
             -artifact_prefix="$work/" -print_final_stats=1 -reload=0)
    [ -n "$dict" ] && options+=(-dict="$dict")
    echo "$binary ${options[*]} ${dirs[*]}"
    status=0
    "$binary" "${options[@]}" "${dirs[@]}" || status=$?
    if [ $status -ne 0 ]; then
      echo "FUZZ FAILURE (exit $status): the failing input is saved in $work/;"
      echo "minimise it ($binary -minimize_crash=1 -runs=10000 FILE), add it to tests/fuzz/regressions/<target>/"
      echo "and fix the cause (docs/fuzzing.md)."
      ls -l "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-* 2>/dev/null || true
    fi
    exit $status
    ;;
  *) echo "usage: run_fuzz.sh fuzz|replay BINARY ..." >&2; exit 2 ;;
esac

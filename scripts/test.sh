#!/usr/bin/env bash
# Runs every test: unit tests, whole-site and command-line tests, the independent reference
# implementation of the measures, and the robustness runs over ../shared's synthetic 903 files
# (skipped, and said so, when ../shared is absent); then, in a second build (build-sanitize/,
# clang with AddressSanitizer and UndefinedBehaviorSanitizer), the unit tests again and a short
# run of every fuzz target with its saved regression inputs (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
CAREBOARD_SETUP_NO_DEMO=1 bash scripts/setup.sh -DCAREBOARD_BUILD_TESTS=ON -DCAREBOARD_WARNINGS_AS_ERRORS=ON
status=0
ctest --test-dir build --output-on-failure -j"$(nproc)" || status=$?

cmake -S . -B build-sanitize -DCMAKE_CXX_COMPILER=clang++ \
      -DCAREBOARD_BUILD_TESTS=ON -DCAREBOARD_SANITIZE=ON -DCAREBOARD_FUZZ=ON >/dev/null
cmake --build build-sanitize -j"$(nproc)"
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -L '^(unit|fuzz|fuzz_replay)$' || status=$?
exit $status

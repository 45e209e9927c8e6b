#!/usr/bin/env bash
# Runs every test: unit tests, whole-site and command-line tests, the independent reference
# implementation of the measures, and the robustness runs over ../shared's synthetic 903 files
# (skipped, and said so, when ../shared is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
CAREBOARD_SETUP_NO_DEMO=1 bash scripts/setup.sh -DCAREBOARD_BUILD_TESTS=ON -DCAREBOARD_WARNINGS_AS_ERRORS=ON
ctest --test-dir build --output-on-failure -j"$(nproc)"

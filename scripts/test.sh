#!/usr/bin/env bash
# Runs every test: unit tests, whole-site and command-line tests, the independent reference
# implementation of the measures, and the robustness runs over ../shared's synthetic 903 files
# (skipped, and said so, when ../shared is absent); and, in a second build (build-sanitize/,
# clang with AddressSanitizer and UndefinedBehaviorSanitizer), the unit tests again, a short run
# of every fuzz target and its saved regression inputs (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
CAREBOARD_SETUP_NO_DEMO=1 bash scripts/setup.sh -DCAREBOARD_BUILD_TESTS=ON -DCAREBOARD_WARNINGS_AS_ERRORS=ON

# The main tests first, then the sanitizer build and its tests. One after the other: on two cores,
# compiling the sanitizer build beside the main tests slowed both (Chromium most) more than it
# saved.
started=$SECONDS
# Whole-site tests that take 8 to 30 s each under the sanitizers and run no code the others do
# not (publishing over locks, links and failures, building twice, scanning every output byte or
# page, a whole site on the DfE's real files, a spreadsheet-saved export, the public about page,
# the report's sentences): they run in the main build. The golden site, fuzz.pipeline and the
# shared synthetic files keep the whole pipeline under ASan.
sanitizer_skip_tests=(
  Hostile.LabelsFromDataAndConfigAreEscapedOnEveryPageTypeInBothEditions
  Site.NoChildLevelIdentifierReachesAnyOutputFile
  Publish.TwoBuildsAtOnceBothSucceedAndLeaveOneWholeSite
  Publish.BuildIntoASymlinkedOutKeepsTheSymlink
  Publish.BuildWaitsWhileAnotherProcessHoldsTheLock
  Publish.FailedBuildPutsBackASiteAStoppedBuildHadMovedAside
  Publish.FailedReportPutsBackAReportAStoppedReportHadMovedAside
  Site.RebuildFromMeasuresCsvGivesTheSameFigures
  Site.TwoBuildsAreByteIdentical
  Site.EditionsPageListsRevisedFigures
  Site.ASpreadsheetThatCannotBeMadeFailsTheBuildAndLeavesThePreviousSite
  Site.ThePublicAboutPageHasNoRowCountsAndNoComparisonWithTheDfe
  Site.FailedBuildLeavesThePreviousSiteUntouched
  Site.ChartCsvsKeepTheFullPrecisionOfMeasuresCsv
  Site.BoardProfileMarksEveryPageAndFileNotForPublication
  Site.EveryChartHasSpecTableSourceAndCsv
  Site.SnapshotsAndEveryComparisonAreReachable
  Site.EveryCsvHasItsHeaderOnLineOneAndNoNoteLines
  Site.PublicProfileIsTheDefaultAndKeysItsSymbolsEverywhere
  Site.RefusesToReplaceAFolderCareboardDidNotWrite
  Cli.BuildPrintsThePathOfIndexHtml
  Report.SentencesStateTheYearsFiguresAndTheirChange
  BenchmarksRealFiles.ASiteBuiltOnTheRealFilesShowsThePublishedNumbersAndRanks
  Robustness.ASpreadsheetSavedExportGivesTheSameFigures
  Robustness.UnknownCodesAreNeverPublishedAsWrittenInThePublicEdition
  Robustness.EscalationLabelInWindowsEncodingBuildsWithItsCharacterAndAWarning
)
# The generator's own tests (Synth.*, 5 to 12 s each under the sanitizers: most of their time is
# writing and reading back authorities of hundreds of children) run there as two, one of them
# the XML writer; every generated authority in the main build runs the generator too. The
# builds of several authorities (AuthoritiesSite.*) run the same per-authority pipeline the golden
# site does, three times over, and those of published figures (PublishedSite.*) 24 authorities'
# pages each, so they too run in the main build only.
sanitizer_synth_kept='^Synth\.(CodesAreValidAndConsistent|AnXmlReturnHoldsTheRowsOfTheSameReturnAsCsv)$'
sanitizer_skip="^($(IFS='|'; echo "${sanitizer_skip_tests[*]//./\\.}"))\$|^Synth\.|^AuthoritiesSite\.|^PublishedSite\."

status=0
ctest --test-dir build --output-on-failure -j"$(nproc)" || status=$?
echo "scripts/test.sh: main tests finished after $((SECONDS - started)) s"
echo
echo "=== The sanitizer build (build-sanitize/): unit tests under ASan and UBSan, fuzz targets ==="
sanitized_status=0
{
  cmake -S . -B build-sanitize -DCMAKE_CXX_COMPILER=clang++ -DCAREBOARD_BUILD_TESTS=ON \
        -DCAREBOARD_SANITIZE=ON -DCAREBOARD_FUZZ=ON >/dev/null &&
    cmake --build build-sanitize -j"$(nproc)" --target careboard careboard_tests \
          $(cmake --build build-sanitize --target help | sed -n 's/^\.\.\. \(fuzz_[a-z0-9_]*\)$/\1/p') \
          >build-sanitize/compile.log 2>&1 &&
    echo "scripts/test.sh: sanitizer build compiled after $((SECONDS - started)) s" &&
    ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -L '^(unit|fuzz)$' -E "$sanitizer_skip" &&
    ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -L '^unit$' -R "$sanitizer_synth_kept"
} || { sanitized_status=$?; [ -f build-sanitize/compile.log ] && tail -50 build-sanitize/compile.log; }
echo "scripts/test.sh: everything finished after $((SECONDS - started)) s"
if [ "$status" -ne 0 ]; then echo "scripts/test.sh: the main tests (build/) failed"; fi
if [ "$sanitized_status" -ne 0 ]; then echo "scripts/test.sh: the sanitizer build or its tests (build-sanitize/) failed"; fi
[ "$status" -eq 0 ] && [ "$sanitized_status" -eq 0 ]

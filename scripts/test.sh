#!/usr/bin/env bash
# `make test`: every check, in temporary paths: never the user's warehouse.duckdb or data/raw.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/tracker-test.XXXXXX")
LINT_PID=""
# On any exit: stop a linter still running in the background, then remove the scratch.
# Each step may find nothing to do (the linter gone already): under `set -e` a step that
# failed would end the cleanup before the scratch is removed.
cleanup() {
    if [ -n "$LINT_PID" ]; then
        pkill -P "$LINT_PID" 2>/dev/null || true
        kill "$LINT_PID" 2>/dev/null || true
    fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
# Stopped by Ctrl-C or a kill, the script exits through cleanup too: bash skips the EXIT
# trap when a signal it does not trap ends it, which left the scratch folder behind.
trap 'exit 130' INT
trap 'exit 143' TERM
export TRACKER_DB="$SCRATCH/warehouse.duckdb"
export TRACKER_DATA_DIR="$SCRATCH/data"
export DBT_TARGET_PATH="$SCRATCH/target"
export TRACKER_EXPORTS_DIR="$SCRATCH/exports"
export TRACKER_REPORTS_DIR="$SCRATCH/reports"
export TRACKER_POINT_IN_TIME_DIR="$SCRATCH/point_in_time"
export DBT_LOG_PATH="$SCRATCH/logs"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
# No dbt debug log file: writing it is about a tenth of each dbt run's CPU (docs/benchmarks.md),
# and make test reads none (its scratch folder goes at the end; a test that runs dbt shows
# dbt's output when it fails). A test that reads the log sets the level itself.
export DBT_LOG_LEVEL_FILE=none

# Each phase ends with the seconds it took, the run with its total; pytest lists its 10
# slowest steps (where to look when `make test` gets slow: docs/benchmarks.md).
STARTED=$SECONDS
LAST=$SECONDS
took() { echo "   ($1: $((SECONDS - LAST)) s)"; LAST=$SECONDS; }

echo "== ruff"
PY_DIRS=$(for d in ingest tests scripts bench; do if [ -d "$d" ]; then echo "$d"; fi; done)
$BIN/ruff check $PY_DIRS
$BIN/ruff format --check $PY_DIRS
took ruff

# sqlfluff lints in the background while the sample warehouse builds and pytest runs: it
# is one busy process for about 45 s, and the machine has two cores (one process: a second
# would load dbt's project again, 13 s more of CPU for nothing on two cores). It runs as
# scripts/lint_sql.py, which is `sqlfluff lint` with its layout rules sharing one depth map
# per file (a third less CPU, the same violations). The linter compiles the project through
# dbt, so it gets its own target folder and warehouse path: it never touches the build's.
echo "== sqlfluff lint (in the background, shown after pytest)"
LINT_LOG="$SCRATCH/sqlfluff.log"
mkdir -p "$SCRATCH/lint"
(
    LINT_STARTED=$SECONDS
    status=0
    TRACKER_DB="$SCRATCH/lint/warehouse.duckdb" DBT_TARGET_PATH="$SCRATCH/lint/target" \
        $BIN/python scripts/lint_sql.py dbt_project/models macros tests >"$LINT_LOG" 2>&1 || status=$?
    echo "   (sqlfluff lint, beside the rest: $((SECONDS - LINT_STARTED)) s)" >>"$LINT_LOG"
    exit "$status"
) &
LINT_PID=$!

echo "== dbt build on the sample data (offline)"
$BIN/tracker ingest --offline
# Strict: the source-data tests that warn in a refresh (dbt_project.yml) fail here, since
# every warning of a data test is an error. Every test runs (unit tests too); dbt runs as
# make run runs it (ingest/dbt_runner.py).
$BIN/tracker dbt build --warn-error-options '{"error": ["LogTestResult"]}'
# The parse this build saved is the one every test that runs dbt starts from
# (tests/python/temp_paths.py): a copy, since tests may write to this target folder.
cp "$DBT_TARGET_PATH/partial_parse.msgpack" "$SCRATCH/saved-parse.msgpack"
took "ingest and dbt build"

echo "== pytest"
# The warehouse just built is the one conftest's sample_warehouse needs: it copies it
# instead of ingesting and building the samples again. pytest-xdist runs the test modules
# on every core (at most 4 workers); --dist loadscope keeps each module on one worker, so
# a module's fixtures (a refresh, a rebuild) run once, as they do without it.
TRACKER_TEST_SAMPLE_WAREHOUSE="$TRACKER_DB" TRACKER_TEST_SAVED_PARSE="$SCRATCH/saved-parse.msgpack" \
    $BIN/pytest -q --durations=10 \
    -n auto --maxprocesses 4 --dist loadscope
took pytest

echo "== sqlfluff lint (its output)"
LINT_STATUS=0
wait "$LINT_PID" || LINT_STATUS=$?
LINT_PID=""
grep -v "^WARNING" "$LINT_LOG" || true
if [ "$LINT_STATUS" -ne 0 ]; then
    echo "sqlfluff lint failed (exit $LINT_STATUS): the violations are listed above"
    exit "$LINT_STATUS"
fi
took "rest of sqlfluff lint"
echo "== make test passed in $((SECONDS - STARTED)) s"

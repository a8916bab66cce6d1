# The two promises: `make run` refreshes the warehouse, `make test` checks everything.
# Both create .venv from scratch when it is missing, and work offline. Every target runs
# one subcommand of `tracker` (.venv/bin/tracker, installed by setup: `tracker --help`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint docs validate-overrides rebuild clean outputs point-in-time freshness bench publish

setup: $(STAMP)

# Every file pip installs is checked against the hashes in the locks (--require-hashes);
# the project itself (editable, so not hashable) comes last, without dependencies.
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

$(STAMP): pyproject.toml requirements.lock requirements-pip.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements-pip.lock
	$(PIP) --require-hashes --no-deps -r requirements.lock
	$(PIP) --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## make run: fetch every source (falling back to captures, then samples), dbt build, summary.
run: setup
	$(BIN)/tracker refresh

## make test: lint, pytest, and dbt build on the sample data, all in temporary paths.
test: setup
	bash scripts/test.sh

lint: setup
	$(BIN)/ruff check ingest tests scripts bench
	$(BIN)/ruff format --check ingest tests scripts bench

## Check the contractor's overrides file without building anything.
validate-overrides: setup
	$(BIN)/tracker validate-overrides

## dbt's docs of the warehouse make run builds, run as a refresh runs dbt (tracker dbt).
docs: setup
	$(BIN)/tracker dbt docs generate --static
	@echo "Open target/static_index.html in a browser."

## Exports, validation report, charts and reports/latest.md from the current warehouse.
outputs: setup
	$(BIN)/tracker outputs --freshness

## The list as it stood on a date, in its own warehouse: make point-in-time AS_OF=2025-06-30
point-in-time: setup
	@test -n "$(AS_OF)" || { echo "usage: make point-in-time AS_OF=YYYY-MM-DD"; exit 2; }
	$(BIN)/tracker point-in-time --as-of $(AS_OF)

## Which source has produced nothing new for longer than its usual cadence (by the fetch
## time of its newest capture; the rules are the sources' yml `freshness:` blocks).
freshness: setup
	$(BIN)/tracker freshness

## Rebuild a lost or corrupted warehouse from the captures in data/raw and the seeds.
rebuild: setup
	$(BIN)/tracker rebuild

## Copy the built warehouse to the analysts' published copy (make run does it after a build).
publish: setup
	$(BIN)/tracker publish

## Synthetic captures of every source at 1k..1M rows: ingest and dbt build time and peak
## memory, written to docs/benchmarks.md (~20 min; temporary paths only). See bench/README.md.
bench: setup
	$(BIN)/tracker bench

clean:
	rm -rf target logs .pytest_cache .ruff_cache

# The two promises: `make run` refreshes the warehouse, `make test` checks everything.
# Both create .venv from scratch when it is missing, and work offline.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint unit dbt-test docs validate-overrides rebuild clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@touch $(STAMP)

## make run: fetch every source (falling back to captures, then samples), dbt build, summary.
run: setup
	$(BIN)/python -m ingest.refresh

## make test: lint, pytest, and dbt build on the sample data, all in temporary paths.
test: setup
	bash scripts/test.sh

lint: setup
	$(BIN)/ruff check ingest tests scripts
	$(BIN)/ruff format --check ingest tests scripts

## Check the contractor's overrides file without building anything.
validate-overrides: setup
	$(BIN)/python -m ingest.overrides

docs: setup
	$(BIN)/dbt docs generate --static --profiles-dir . --project-dir .
	@echo "Open target/static_index.html in a browser."

## Rebuild a lost or corrupted warehouse from the captures in data/raw and the seeds.
rebuild: setup
	$(BIN)/python -m ingest.refresh --rebuild

clean:
	rm -rf target logs .pytest_cache .ruff_cache

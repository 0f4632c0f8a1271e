# Two commands: `make run` and `make test`. Both create .venv and install the project first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean ui

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/newsevents run --input seeds --warehouse warehouse/events.duckdb

ui: install
	$(BIN)/newsevents ui

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# two workers, one per core: most slow tests wait on a child process (a run, a server)
test: lint
	$(BIN)/pytest -q -n 2

score: install
	$(BIN)/newsevents export --warehouse warehouse/events.duckdb --out warehouse/events.jsonl
	$(BIN)/python tests/gold/score_events.py tests/gold/seeds.events.jsonl warehouse/events.jsonl

clean:
	rm -rf $(VENV) .prefect warehouse/*.duckdb warehouse/*.wal

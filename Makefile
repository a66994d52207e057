# The two Quick start commands (see README.md) and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo serve test lint typecheck test-sqlite test-postgresql clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

# The real WordPress REST clients tests/clients runs against a live server (Node.js from the machine).
CLIENTS := tests/clients
$(CLIENTS)/node_modules/.package-lock.json: $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	npm ci --prefix $(CLIENTS) --no-audit --no-fund

## Install, load the demo site into the embedded database and serve it on http://127.0.0.1:8000
demo: $(VENV)/.installed
	$(BIN)/vellum demo

## Install and serve whatever the configured database holds
serve: $(VENV)/.installed
	$(BIN)/vellum serve

## Install what the tests need; lint, type-check, and run the whole suite on SQLite and PostgreSQL
# The two suites share nothing (own scratch databases, temporary files and free ports), so they run side by
# side, one per core; each one's output is printed whole when it ends. pytest's cache is left alone, as both
# would write it.
test: $(VENV)/.installed-test $(CLIENTS)/node_modules/.package-lock.json lint typecheck
	PYTEST_ADDOPTS="-p no:cacheprovider" $(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgresql

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# pytest exits 5 when it collects no test, which make treats as the failure it is.
test-sqlite: $(VENV)/.installed-test
	VELLUM_TEST_DATABASE=sqlite $(BIN)/pytest

test-postgresql: $(VENV)/.installed-test
	VELLUM_TEST_DATABASE=postgresql $(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache $(CLIENTS)/node_modules

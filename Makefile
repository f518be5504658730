# Staffroom: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export STAFFROOM_VAR ?= $(CURDIR)/var

.PHONY: run test test-browser lint format messages install install-test clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Staffroom needs Python 3.11 or newer (set PYTHON=python3.12 for example).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	STAFFROOM_DEBUG=1 $(BIN)/staffroom serve --port $(PORT)

# The suite with coverage: the per-file table, then one line per app (tests/coverage_by_app.py),
# printed even when a test fails; the exit status stays pytest's.
test: install-test
	rm -f var/coverage/coverage.json; status=0; \
	  $(BIN)/python -m pytest --cov --cov-report=term --cov-report=json $(PYTEST_ARGS) || status=$$?; \
	  $(BIN)/python tests/coverage_by_app.py || true; exit $$status

test-browser: install-test
	$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	STAFFROOM_DEBUG=1 $(BIN)/mypy

format: install-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Extract and compile interface translations (needs GNU gettext).
messages: install
	cd src/staffroom && STAFFROOM_DEBUG=1 ../../$(BIN)/staffroom makemessages -l nl --ignore '*/migrations/*'
	cd src/staffroom && STAFFROOM_DEBUG=1 ../../$(BIN)/staffroom compilemessages

clean:
	rm -rf $(VENV) var

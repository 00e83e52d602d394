# make demo: create .venv, install Parallax, run it on the bundled sample corpus.
# make test: install what the tests need (Debian's chromium for the browser tests too) and run them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: demo test test-fast bench install browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/parallax demo --out demo-output

# Debian's chromium and chromium-driver for tests/test_browser.py (Playwright drives /usr/bin/chromium;
# no browser download). Failing to install is not fatal: the browser tests then skip, saying why.
browser:
	@if [ -x $(CHROMIUM) ] && command -v chromedriver >/dev/null 2>&1; then :; else \
	  echo "Installing chromium and chromium-driver (apt-get) for the browser tests..."; \
	  SUDO=""; if [ "$$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi; \
	  ( $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver ) >/dev/null 2>&1 \
	    && echo "chromium installed." \
	    || echo "*** Could not install chromium (no root or no apt): the browser tests will be SKIPPED. ***"; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache build *.egg-info

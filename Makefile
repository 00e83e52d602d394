# make demo: create .venv, install Parallax, run it on the bundled sample corpus.
# make test: install what the tests need (Debian's chromium for the browser tests too), run ruff, then the fast
#   tier (doctests included) and the slow tier (-m slow): two pytest runs, failing if either fails.
# make test-fast: ruff and the fast tier only.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
PYTEST := $(BIN)/python -m pytest -q

.PHONY: demo test test-fast lint bench install browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/parallax demo --out demo-output

# Debian's chromium and chromium-driver for tests/web/test_browser.py (Playwright drives /usr/bin/chromium;
# no browser download). Failing to install is not fatal: the browser tests then skip, saying why.
browser:
	@if [ -x $(CHROMIUM) ] && command -v chromedriver >/dev/null 2>&1; then :; else \
	  echo "Installing chromium and chromium-driver (apt-get) for the browser tests..."; \
	  SUDO=""; if [ "$$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi; \
	  ( $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver ) >/dev/null 2>&1 \
	    && echo "chromium installed." \
	    || echo "*** Could not install chromium (no root or no apt): the browser tests will be SKIPPED. ***"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check newsparallax tests bench

# The slow tier runs even when the fast one failed (both results in one CI log); either failing fails the target.
# Both tiers collect tests, so pytest's exit code 5 (nothing collected) can only mean a broken marker: a failure too.
test: $(STAMP) browser lint
	fast=0; slow=0; \
	$(PYTEST) -m "not slow" || fast=$$?; \
	$(PYTEST) -m slow || slow=$$?; \
	echo "fast tier: exit $$fast; slow tier: exit $$slow"; \
	[ $$fast -eq 0 ] && [ $$slow -eq 0 ]

test-fast: $(STAMP) lint
	$(PYTEST) -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache build *.egg-info

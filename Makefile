# The two set-up commands: `make serve` and `make test`. Both are idempotent and
# quick when nothing changed: the venv is rebuilt only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The site engine of `make build` and `make serve`: mkdocs (the default) or zensical.
ENGINE ?= mkdocs
ENGINE_INSTALLED := $(if $(filter zensical,$(ENGINE)),$(VENV)/.installed-zensical,$(VENV)/.installed)
# Test processes of `make test` (pytest-xdist): one per core. On 2 cores, 3 processes took as long
# (17 min 7 s against 16 min 40 s for a fresh clone's .ci/run): the suite is bound by the CPU,
# Chromium's above all. 0 runs the tests one after another in one process.
TEST_WORKERS ?= 2

.PHONY: serve build test check format lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-zensical: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[zensical]'
	touch $(VENV)/.installed $@

# With Zensical, so the tests always build the site with both engines.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,zensical]'
	touch $(VENV)/.installed $(VENV)/.installed-zensical $@

# Debian's Chromium: Playwright's own browser download does not work on our machines.
.PHONY: chromium
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium missing: run 'sudo apt-get install chromium' (browser tests will skip)"; \
	  fi; \
	fi

# Poppler's pdftoppm and pdftotext, for the print tests: PDFs of the guides, as pictures and text.
.PHONY: poppler
poppler:
	@if [ ! -x /usr/bin/pdftoppm ] || [ ! -x /usr/bin/pdftotext ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; \
	  else \
	    echo "poppler-utils missing: run 'sudo apt-get install poppler-utils' (print tests will skip)"; \
	  fi; \
	fi

# The site checkers, axe-core, the Nu Html Checker and Lighthouse, pinned in package-lock.json.
# Scripts stay off: vnu-jar's postinstall would download a Java of its own; it runs on the system's Java.
node_modules/.installed: package-lock.json
	@if [ ! -x /usr/bin/java ] || ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless npm; \
	  else \
	    echo "Java or npm missing: run 'sudo apt-get install default-jre-headless npm'"; \
	  fi; \
	fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

serve: $(ENGINE_INSTALLED)
	$(BIN)/python -m generator serve --engine $(ENGINE) --dev-addr $(HOST)

build: $(ENGINE_INSTALLED)
	$(BIN)/python -m generator build --engine $(ENGINE) --strict

check: $(VENV)/.installed
	$(BIN)/python -m generator check flows.yaml

# Lays out flows.yaml in its one layout (indentation, quotes, key order), comments kept.
format: $(VENV)/.installed
	$(BIN)/python -m generator format flows.yaml

# What `make test` needs from Debian, installed in one apt-get run where missing (as root):
# Chromium, Poppler (see above), and Java and npm for the site checkers. Each a package:command.
TEST_PACKAGES := chromium:/usr/bin/chromium poppler-utils:/usr/bin/pdftoppm \
  poppler-utils:/usr/bin/pdftotext default-jre-headless:/usr/bin/java npm:npm
.PHONY: test-packages
test-packages:
	@missing="$$(for need in $(TEST_PACKAGES); do \
	  command -v "$${need#*:}" >/dev/null || echo "$${need%%:*}"; done | sort -u | xargs)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing: run 'sudo apt-get install $$missing' (the tests that need them skip)"; \
	  fi; \
	fi

# The Python packages install while Debian's do, then the checkers with npm: a fresh clone's
# set-up in the time of the longest of them.
.PHONY: test-setup
test-setup: $(VENV)/.installed-test node_modules/.installed
node_modules/.installed: | test-packages

test:
	@$(MAKE) --no-print-directory -j2 test-setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

# Prints the figures beside their goals (BENCHMARKS.md); the tables also go to bench/out/.
bench: $(VENV)/.installed-test chromium
	$(BIN)/python -m bench --output bench/out/latest.md

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

clean:
	rm -rf site .pytest_cache test-artifacts

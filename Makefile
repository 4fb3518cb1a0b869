# collective.composite: `make start` serves a demo site, `make test` runs everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= localhost
PORT ?= 8080
# Zope's development mode (debug-mode in zope.conf): on only when asked for.
DEBUG_MODE ?= off
VAR ?= var
SITE_ID ?= Plone
export ADMIN_PASSWORD SITE_ID

ZCML_FILES = $(shell find src -name '*.zcml')
XML_FILES = $(shell find src/collective/composite/profiles -name '*.xml')

.PHONY: help
help: ## Show the targets
	@grep -hE '^[a-z0-9.-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

$(STAMP): setup.py constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install -q pip setuptools wheel
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install -q -e '.[test,dev]'
	touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create .venv and install the add-on with pinned versions

.PHONY: instance
instance: $(STAMP) ## Write the instance configuration under var/ (HOST, PORT, DEBUG_MODE=on|off)
	$(BIN)/python scripts/write_instance.py $(VAR) $(HOST) $(PORT) $(DEBUG_MODE)

.PHONY: start
start: instance ## Install, create the demo site once, serve it on http://localhost:8080
	$(BIN)/zconsole run $(VAR)/instance/etc/zope.conf scripts/create_site.py
	@echo "Serving http://$(HOST):$(PORT)/$(SITE_ID) (Ctrl-C stops)"
	@$(BIN)/runwsgi $(VAR)/instance/etc/zope.ini

CLUSTER_PORTS ?= 8081 8082

.PHONY: start-cluster
start-cluster: $(STAMP) ## Two instances on one throwaway PostgreSQL database via RelStorage (CLUSTER_PORTS)
	$(BIN)/python tests/cluster/cluster.py --host $(HOST) --ports $(CLUSTER_PORTS)

BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): setup.py constraints.txt benchmarks/constraints.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	PIP_CONSTRAINT="$(CURDIR)/constraints.txt $(CURDIR)/benchmarks/constraints.txt" \
	  $(BENCH_VENV)/bin/python -m pip install -q -e '.[test]' plone.app.mosaic WebTest cachetools
	touch $(BENCH_STAMP)

.PHONY: bench
bench: $(BENCH_STAMP) ## Benchmarks vs Document and mosaic, save sizes, wrk load run, design mode in Chromium, scale-out on RelStorage (benchmarks/results/)
	command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; } \
	  || echo "wrk could not be installed: the load run is skipped"
	$(BENCH_VENV)/bin/python benchmarks/bench.py $(BENCH_ARGS)

.PHONY: lint
lint: $(STAMP) i18n-check js-install ## ruff, ruff format --check, zpretty --check, eslint, i18n-check
	$(BIN)/ruff check src tests scripts docs
	$(BIN)/ruff format --check src tests scripts docs
	$(BIN)/zpretty --check $(ZCML_FILES) $(XML_FILES)
	cd $(JS_DIR) && npm run lint

LOCALES := src/collective/composite/locales
POT := $(LOCALES)/collective.composite.pot

.PHONY: i18n
i18n: $(STAMP) ## Rebuild the .pot from the sources (editor messages from design/messages.json) and sync the .po files
	$(BIN)/python scripts/i18n_check.py --rebuild
	$(BIN)/i18ndude sync --pot $(POT) $(wildcard $(LOCALES)/*/LC_MESSAGES/collective.composite.po)

.PHONY: i18n-check
i18n-check: $(STAMP) ## Fail on a stale .pot, a .po missing a translation, untranslated template text
	$(BIN)/python scripts/i18n_check.py

.PHONY: format
format: $(STAMP) ## Rewrite the sources in the house style
	$(BIN)/ruff check --fix src tests scripts docs
	$(BIN)/ruff format src tests scripts docs
	$(BIN)/zpretty -i $(ZCML_FILES) $(XML_FILES)

.PHONY: test-python
test-python: $(STAMP) ## The Python tests without the browser
	$(BIN)/pytest -m 'not browser'

FUZZ_EXAMPLES ?= 1500

.PHONY: fuzz
fuzz: $(STAMP) ## The fuzz suite (tests/fuzz) at length, new seeds each run (FUZZ_EXAMPLES per test)
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/fuzz $(FUZZ_ARGS)

.PHONY: test-browser
test-browser: $(STAMP) ## The browser tests in Debian's Chromium
	$(BIN)/pytest -m browser

.PHONY: screenshots
screenshots: $(STAMP) ## Refresh the editor guide's screenshots in docs/_static/screenshots
	COMPOSITE_SCREENSHOTS_DIR=docs/_static/screenshots $(BIN)/pytest -m browser \
		tests/browser/test_design_screenshots.py tests/browser/test_design_history_lock.py \
		tests/browser/test_design_merge.py

versions.cfg: constraints.txt scripts/versions_cfg.py ## Buildout's pins, generated from constraints.txt
	$(PYTHON) scripts/versions_cfg.py constraints.txt versions.cfg

.PHONY: test-buildout
test-buildout: $(STAMP) versions.cfg ## Prove that buildout.cfg resolves with the pins (offline, from .venv)
	$(BIN)/buildout -o -c buildout.cfg
	bin/test --collect-only -q tests/test_setup.py > /dev/null
	test -x bin/instance

# The smoke test (scripts/smoke.py) in a venv of its own: create a site, install
# the add-on as a wheel would, save and render a page. SMOKE_PYTHON and
# SMOKE_CONSTRAINTS choose the interpreter and the pins.
SMOKE_PYTHON ?= $(PYTHON)
SMOKE_CONSTRAINTS ?= constraints.txt
SMOKE_VENV ?= .venv-smoke-$(SMOKE_PYTHON)

.PHONY: smoke
smoke: ## The smoke test with SMOKE_PYTHON and SMOKE_CONSTRAINTS in SMOKE_VENV
	test -x $(SMOKE_VENV)/bin/python || $(SMOKE_PYTHON) -m venv $(SMOKE_VENV)
	PIP_CONSTRAINT=$(CURDIR)/$(SMOKE_CONSTRAINTS) $(SMOKE_VENV)/bin/python -m pip install -q pip setuptools wheel
	PIP_CONSTRAINT=$(CURDIR)/$(SMOKE_CONSTRAINTS) $(SMOKE_VENV)/bin/python -m pip install -q Plone .
	PIP_CONSTRAINT=$(CURDIR)/$(SMOKE_CONSTRAINTS) $(SMOKE_VENV)/bin/python -m pip install -q --no-deps --force-reinstall .
	var=$$(mktemp -d) && trap 'rm -rf "$$var"' EXIT && \
	  $(SMOKE_VENV)/bin/python scripts/write_instance.py "$$var" localhost 8080 >/dev/null && \
	  $(SMOKE_VENV)/bin/zconsole run "$$var/instance/etc/zope.conf" scripts/smoke.py

.PHONY: smoke-plone61
smoke-plone61: ## On Plone 6.1 (constraints-plone61.txt): create a site, install the add-on, save and render a page
	$(MAKE) smoke SMOKE_CONSTRAINTS=constraints-plone61.txt SMOKE_VENV=.venv-plone61

# A python3.13 that runs (a pyenv shim on PATH may not: pyenv answers for the
# version selected, 3.11 here), else pyenv's own 3.13, where this project's
# machines have it.
PYTHON313 ?= $(firstword $(shell python3.13 -c 'import sys; print(sys.executable)' 2>/dev/null) \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13))

.PHONY: smoke-python313
smoke-python313: ## On Python 3.13 (python3.13 on PATH, or pyenv's; or PYTHON313) with constraints.txt: the same smoke test
	@test -n "$(PYTHON313)" || { echo "No Python 3.13: put python3.13 on PATH or set PYTHON313=/path/to/python3.13" >&2; exit 1; }
	$(MAKE) smoke SMOKE_PYTHON=$(PYTHON313) SMOKE_VENV=.venv-python313

JS_DIR := resources
JS_STAMP := $(JS_DIR)/node_modules/.installed
JS_STATIC := src/collective/composite/static/editor

$(JS_STAMP): $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	cd $(JS_DIR) && npm ci --no-audit --no-fund
	touch $(JS_STAMP)

.PHONY: js-install
js-install: $(JS_STAMP) ## Install the editor's npm packages (npm ci)

.PHONY: js-test
js-test: $(JS_STAMP) ## The editor's JavaScript unit tests (vitest)
	cd $(JS_DIR) && npx vitest run

.PHONY: js-build
js-build: $(JS_STAMP) ## Build the editor bundle into the package's static folder
	cd $(JS_DIR) && node build.mjs && node size.mjs

.PHONY: js-check
js-check: js-build ## Fail when the committed editor bundle differs from a fresh build
	git diff --exit-code -- $(JS_STATIC)
	test -z "$$(git status --porcelain -- $(JS_STATIC))" || { git status --short -- $(JS_STATIC); exit 1; }

.PHONY: test
test: install lint js-test js-check test-python test-browser test-buildout docs ## Everything CI runs

.PHONY: docs
docs: $(STAMP) ## Build the documentation, warnings are errors
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

.PHONY: dist
dist: $(STAMP) ## Build the sdist and the wheel (with compiled .mo catalogs) into dist/
	rm -rf dist build
	$(BIN)/python -c "from setuptools import build_meta as b; b.build_sdist('dist'); b.build_wheel('dist')"
	rm -rf build

.PHONY: clean
clean: ## Remove the virtualenv and build output (keeps var/ data)
	rm -rf $(VENV) .venv-plone61 .venv-python313 .venv-smoke-* docs/_build node_modules
	rm -rf bin parts develop-eggs eggs .installed.cfg versions.cfg test-results dist build

# venv-guide: the toolchain lives in .venv, installed from two hash-locked sets made from
# pyproject.toml by `make lock`: requirements/docs.lock (what building the site needs: serve,
# build) and requirements/dev.lock (docs + test + lint: test, lint, setup). They are installed
# with uv (requirements/installer.lock, itself installed with the venv's pip). Works with GNU
# make 3.81+ (macOS ships 3.81); run `make help`.

PYTHON ?= python3
PYTEST_ARGS ?=
# Where `make serve` listens (e.g. SERVE_ADDR=127.0.0.1:8001 when 8000 is taken).
SERVE_ADDR ?= 127.0.0.1:8000
# The branch `make test-changed` compares with (what this branch changed since it left BASE).
BASE ?= main
# Extra options for `uv pip compile`, e.g. `make lock LOCK_ARGS=--upgrade`.
LOCK_ARGS ?=
# Where `make build-zensical` writes (Zensical has no --site-dir: mkdocs.yml reads SITE_DIR).
ZENSICAL_SITE ?= .zensical/site

ifeq ($(OS),Windows_NT)
BIN := Scripts
EXE := .exe
else
BIN := bin
EXE :=
endif
VENV_BIN := .venv/$(BIN)
VENV_PYTHON := $(VENV_BIN)/python
UV := $(VENV_BIN)/uv$(EXE)
INSTALLER_IN := requirements/installer.in
INSTALLER_LOCK := requirements/installer.lock
DOCS_LOCK := requirements/docs.lock
DEV_LOCK := requirements/dev.lock
DOCS_STAMP := .venv/.docs-stamp
DEV_STAMP := .venv/.dev-stamp
# The options both locks are compiled with: every platform and Python the toolchain supports.
LOCK_OPTS := --universal --generate-hashes --python-version 3.11.5 --custom-compile-command "make lock"

.DEFAULT_GOAL := help
.PHONY: help setup serve build build-zensical test test-changed wheelhouse lint lock clean

help: ## Show this help.
	@echo "Usage: make TARGET [PYTHON=python3] [PYTEST_ARGS=...]"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-15s %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))

setup: $(DEV_STAMP) ## Create .venv and install the whole locked toolchain (only when a lock changed).

# The venv itself: exactly the command the guide teaches.
$(VENV_PYTHON):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { \
	  echo "error: '$(PYTHON)' is missing or older than Python 3.11.5 (the toolchain's minimum); use make PYTHON=/path/to/python3.x" >&2; exit 1; }
	$(PYTHON) -m venv .venv || { rm -rf .venv; \
	  echo "error: '$(PYTHON) -m venv .venv' failed (on Debian/Ubuntu: apt install python3-venv)" >&2; exit 1; }

# The installer: uv, hash-locked, installed by the pip the venv comes with (no pip upgrade:
# hash-checking works with the pip venv bundles).
$(UV): $(INSTALLER_LOCK) | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check --quiet --no-deps --require-hashes -r $(INSTALLER_LOCK)
	@touch $@

# Install a lock into .venv, then this package (venv_guide/, the build hook) editable, offline:
# flit_core comes from the lock. `uv pip install`, not `sync`: sync would remove pip and uv.
# --no-deps: a lock is complete (uv resolved it), so there is nothing to add. uv links files from
# its cache (~/.cache/uv, or UV_CACHE_DIR): the docs set takes about 1 s where pip took 14 s.
define install_lock
	$(UV) pip install --python $(VENV_PYTHON) --quiet --no-deps --require-hashes -r $(1)
	$(UV) pip install --python $(VENV_PYTHON) --quiet --no-deps --no-build-isolation --offline -e .
	@touch $@
endef

# Each stamp is remade only when its lock is newer (or the venv is new). The dev set is the docs
# set plus test and lint (`make lock` pins both to the same versions), so it installs on top.
$(DOCS_STAMP): $(DOCS_LOCK) $(UV)
	$(call install_lock,$(DOCS_LOCK))

$(DEV_STAMP): $(DEV_LOCK) $(DOCS_STAMP)
	$(call install_lock,$(DEV_LOCK))

serve: $(DOCS_STAMP) ## Preview the site at http://127.0.0.1:8000 with live reload.
	SITE_URL=http://$(SERVE_ADDR)/ $(VENV_BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

build: $(DOCS_STAMP) ## Build the site into site/, failing on any warning.
	$(VENV_BIN)/mkdocs build --strict

# The same mkdocs.yml, built by Zensical (in the dev set, pinned), then the site step that
# Zensical cannot run as a hook (venv_guide/site.py): it reports every page rule and fails the
# build on one. --clean deletes all of .cache/, Zensical's page cache (it would keep a page whose
# snippets or results changed); nothing of ours lives there (the benchmarks' tools: .benchmarks/).
build-zensical: $(DEV_STAMP) ## Build the site with Zensical into .zensical/site/ (same checks).
	rm -rf $(ZENSICAL_SITE)
	SITE_DIR=$(ZENSICAL_SITE) NO_MKDOCS_2_WARNING=1 $(VENV_BIN)/zensical build --clean --strict --config-file mkdocs.yml
	$(VENV_PYTHON) -m venv_guide.site $(ZENSICAL_SITE) --config mkdocs.yml

# --dist loadgroup: the browser tests (xdist_group "browser") share one worker, one build of
# the site and one Chromium; every other test is spread over the workers as usual.
test: $(DEV_STAMP) ## Run the test suite (its set-up fills the wheelhouse, with network, once).
	$(VENV_PYTHON) -m pytest -n auto --dist loadgroup --snippet-results=results/snippet-results.json $(PYTEST_ARGS)

# Only the tests that read what changed against $(BASE): snippet sections, output files, pages
# (tests/harness/changes.py); a change to the harness or the build runs everything. Its results
# go to their own file, so the last whole run's stay what `make build` shows.
test-changed: $(DEV_STAMP) ## Run only the tests that read what changed against main (BASE=main).
	$(VENV_PYTHON) -m pytest -n auto --dist loadgroup --changed=$(BASE) --snippet-results=results/changed-results.json $(PYTEST_ARGS)

wheelhouse: $(DEV_STAMP) ## Fetch the wheels the journeys install from (network; make test does too).
	$(VENV_PYTHON) -m tests.harness.wheelhouse

lint: $(DEV_STAMP) ## Run every pre-commit hook on every file.
	$(VENV_BIN)/pre-commit run --all-files --show-diff-on-failure

# The dev set first; the docs set is then compiled with the dev set as constraints, so that
# both name the same version of every package they share. The installer's lock is compiled by
# the installed uv; a new uv (edit installer.in) takes effect from the next install.
lock: $(UV) ## Regenerate the locks in requirements/ (LOCK_ARGS=--upgrade to bump).
	$(UV) pip compile $(INSTALLER_IN) $(LOCK_OPTS) --output-file $(INSTALLER_LOCK) $(LOCK_ARGS)
	$(UV) pip compile pyproject.toml --extra test --extra lint $(LOCK_OPTS) --output-file $(DEV_LOCK) $(LOCK_ARGS)
	$(UV) pip compile pyproject.toml --constraint $(DEV_LOCK) $(LOCK_OPTS) --output-file $(DOCS_LOCK)

clean: ## Remove .venv, site/ and caches (never the locks).
	rm -rf .venv site .cache .zensical .benchmarks .pytest_cache .ruff_cache
	find . -name .git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

# venv-guide: the developer toolchain lives in .venv, installed from the hash-locked
# requirements.lock. Works with GNU make 3.81+ (macOS ships 3.81); run `make help`.

PYTHON ?= python3
PYTEST_ARGS ?=
# uv is used only by `make lock`, from a throw-away venv under .cache/.
UV_VERSION ?= 0.13.9
# Extra options for `uv pip compile`, e.g. `make lock LOCK_ARGS=--upgrade`.
LOCK_ARGS ?=

ifeq ($(OS),Windows_NT)
VENV_BIN := .venv/Scripts
LOCK_BIN := .cache/lock-venv/Scripts
else
VENV_BIN := .venv/bin
LOCK_BIN := .cache/lock-venv/bin
endif
VENV_PYTHON := $(VENV_BIN)/python
STAMP := .venv/.toolchain-stamp

.DEFAULT_GOAL := help
.PHONY: help setup serve build test lint lock clean

help: ## Show this help.
	@echo "Usage: make TARGET [PYTHON=python3] [PYTEST_ARGS=...]"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-8s %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))

setup: $(STAMP) ## Create .venv and install the locked toolchain (only when the lock changed).

# The venv itself: exactly the command the guide teaches.
$(VENV_PYTHON):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { \
	  echo "error: '$(PYTHON)' is missing or older than Python 3.11.5 (the toolchain's minimum); use make PYTHON=/path/to/python3.x" >&2; exit 1; }
	$(PYTHON) -m venv .venv || { rm -rf .venv; \
	  echo "error: '$(PYTHON) -m venv .venv' failed (on Debian/Ubuntu: apt install python3-venv)" >&2; exit 1; }

# Reinstall only when requirements.lock is newer than the stamp (or the venv is new).
# No pip upgrade: hash-checking mode works with the pip that venv bundles.
$(STAMP): requirements.lock | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check --require-hashes -r requirements.lock
	$(VENV_PYTHON) -m pip install --disable-pip-version-check --no-deps --no-build-isolation --no-index --quiet -e .
	@touch $@

serve: $(STAMP) ## Preview the site at http://127.0.0.1:8000 with live reload.
	SITE_URL=http://127.0.0.1:8000/ $(VENV_BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/, failing on any warning.
	$(VENV_BIN)/mkdocs build --strict

# --dist loadgroup: the browser tests (xdist_group "browser") share one worker, one build of
# the site and one Chromium; every other test is spread over the workers as usual.
test: $(STAMP) ## Run the test suite (its set-up fills the wheelhouse, with network, once).
	$(VENV_PYTHON) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP) ## Run every pre-commit hook on every file.
	$(VENV_BIN)/pre-commit run --all-files --show-diff-on-failure

lock: ## Regenerate requirements.lock from pyproject.toml (LOCK_ARGS=--upgrade to bump).
	test -x $(LOCK_BIN)/python || $(PYTHON) -m venv .cache/lock-venv
	$(LOCK_BIN)/python -m pip install --disable-pip-version-check --quiet "uv==$(UV_VERSION)"
	$(LOCK_BIN)/uv pip compile pyproject.toml --extra test --extra lint --universal --generate-hashes --python-version 3.11.5 --custom-compile-command "make lock" --output-file requirements.lock $(LOCK_ARGS)

clean: ## Remove .venv, site/ and caches (never requirements.lock).
	rm -rf .venv site .cache .pytest_cache .ruff_cache
	find . -name .git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

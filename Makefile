# weiquan — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
# The interpreter: a distribution's Python 3.11 where there is one. Debian's is linked statically and built
# with optimisation; a build with --enable-shared and without --enable-optimizations (pyenv's default) runs
# this code's hot paths up to twice as slowly (measured: imports with triage up to 1.3x slower). Any Python
# 3.11 that has venv works: `make PYTHON=/path/to/python3.11 …`.
PYTHON ?= $(shell for p in /usr/bin/python3.11 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (3, 11))' \
	2>/dev/null && command -v $$p && break; done)
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: demo test env test-env test-sqlite test-postgres browser-deps bench lint messages

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check 'uv==0.13.9'

env: $(UV)
	$(UV) sync --locked --no-dev --python $(PYTHON) --quiet

test-env: $(UV)
	$(UV) sync --locked --python $(PYTHON) --quiet

## make demo: environment, SQLite (WAL) under var/, migrations, the demo province on first run, server
demo: env
	WEIQUAN_DEBUG=1 $(VENV)/bin/weiquan demo --port $(PORT)

## make test: everything the tests need, then the whole suite on SQLite and on PostgreSQL
test: test-env browser-deps
	bash scripts/run-tests.sh

browser-deps:
	bash scripts/browser-deps.sh

bench: test-env
	$(VENV)/bin/weiquan bench --json

lint: test-env
	$(VENV)/bin/ruff check .

messages:
	cd weiquan && ../$(VENV)/bin/python ../manage.py makemessages -l zh_Hans -l en --no-obsolete && ../$(VENV)/bin/python ../manage.py compilemessages

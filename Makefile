# weiquan — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
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

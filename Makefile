# Two commands: `make run` (the demo on http://127.0.0.1:8000/) and `make test` (the test suite, but for its long
# tier: browsers, the whole demo, fuzzing; `make test-all` runs every test, as CI does).
# Both need only Python 3.11+; SQLite and in-process tasks are the default.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export DJANGO_DEBUG ?= 1

.PHONY: run test test-all lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The tables are made from the models (no migrations: `make lint` checks them, CI's PostgreSQL run applies them).
test: $(VENV)/.dev
	$(BIN)/pytest -m "not slow" --no-migrations

test-all: $(VENV)/.dev
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache

# After changing user-facing strings: update the catalogue, translate, then compile.
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages -l zh_Hans --no-location --ignore=.venv --ignore=static --ignore=tests
	$(BIN)/python manage.py compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-results

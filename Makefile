# Tripartite — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TP := $(BIN)/tripartite
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
DEMO_SCALE ?= ilc
PORT ?= 8000

.PHONY: install lock system run test lint cluster test-sqlite test-postgres bench clean messages

# requirements.lock pins every package to the versions CI tested (`make lock` renews it after a
# change of pyproject.toml's dependencies).
$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,browser]'
	touch $(STAMP)

# axe-core for the accessibility gate, from npm at the version its lock file names.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --silent; \
	else echo "npm is missing (Debian: nodejs, npm): the accessibility gate will be skipped."; fi

install: $(STAMP) $(AXE)
	$(TP) compiletranslations

# Debian packages (Chromium, the Noto fonts, LibreOffice): installed when run as root; otherwise
# the script names what is missing and what it disables, and the tests that need it are skipped.
system:
	@bash scripts/system-packages.sh

run: install system
	$(TP) migrate --no-input -v0
	$(TP) demo --scale $(DEMO_SCALE) --if-empty
	$(TP) collectstatic --no-input -v0
	@# The demonstration prints its mail (password-reset links too) to this terminal. The web
	@# server and a background worker run side by side; Ctrl-C stops both.
	EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend} \
		ALLOW_CONSOLE_EMAIL=$${ALLOW_CONSOLE_EMAIL:-true} TP=$(TP) scripts/serve-with-worker.sh --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
	PYTHONPATH=src $(BIN)/mypy
	$(TP) makemigrations --check --dry-run

test: system lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest -n 2 --dist worksteal --durations=20

# Runs the suite again on PostgreSQL when it answers; REQUIRE_POSTGRES=1 (CI) makes a
# silent server a failure instead of a skip.
test-postgres: install
	@if $(BIN)/python scripts/pg_answers.py "$(PG_URL)"; then \
		echo "== Test suite on PostgreSQL"; \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest -n 2 --dist worksteal --durations=20; \
	elif [ "$$REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL does not answer at $(PG_URL), and REQUIRE_POSTGRES=1."; exit 1; \
	else \
		echo "== PostgreSQL does not answer at $(PG_URL): PostgreSQL run skipped."; \
	fi

# Two application servers behind HAProxy, a worker, PostgreSQL, Redis and an S3 server, all on
# loopback; runs tests/cluster against them (.ci/run does).
cluster: install system
	bash scripts/cluster.sh test

bench: install
	$(BIN)/pip install --quiet -c requirements.lock -e '.[load]'
	$(BIN)/python bench/run.py

messages: install
	cd src/tripartite && ../../$(TP) makemessages -l fr -l es --no-obsolete --no-location --ignore 'migrations/*'
	$(TP) compiletranslations

lock:
	$(BIN)/pip install --quiet -e '.[dev,browser,load]'
	{ echo "# Versions CI tested; make installs with -c requirements.lock. Renew: make lock"; \
	  $(BIN)/pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) var/static

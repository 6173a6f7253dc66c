# IISG Hub: one command per chore. Needs only Python 3.11 on the PATH.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_DB ?= iisg_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
COVERAGE_MIN ?= 90

.PHONY: install locks run test lint bench clean

# The interface's catalogues are compiled on every install (a second, with no system gettext),
# with the fallback of the libraries' own strings for Montenegrin.
install: $(VENV)/.installed
	$(BIN)/pybabel -q compile --domain=django --directory=locale
	$(BIN)/pybabel -q compile --domain=django --directory=cms/fallback_catalogues

# Development and tests: the production lock (requirements.lock) plus the test tools
# (requirements-dev.lock, pinned to the same versions). Re-installed whenever either changes.
# Regenerate both after editing pyproject.toml with `make locks`.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

locks: install
	$(BIN)/pip-compile --quiet --no-emit-find-links --no-emit-index-url --strip-extras \
		--output-file=requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --no-emit-find-links --no-emit-index-url --strip-extras \
		--extra=dev --constraint=requirements.lock --output-file=requirements-dev.lock pyproject.toml

# Where `make run` serves the demo: the demo's Site (load_demo), so that the sitemap's and the
# API's absolute links lead there, and the links in e-mails.
DEMO_BASE_URL = $${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}

run: install
	$(MANAGE) migrate --noinput
	WAGTAILADMIN_BASE_URL="$(DEMO_BASE_URL)" $(MANAGE) load_demo
	@echo "Sign in with a demo login, its password and the code that '$(MANAGE) sign_in_codes <login>' prints."
	@echo "Serving IISG Hub on http://$(HOST):$(PORT)/ (admin: /admin/, API: /api/v3/docs/) with its task worker and periodic jobs."
	@trap 'kill 0' INT TERM EXIT; \
	export WAGTAILADMIN_BASE_URL="$(DEMO_BASE_URL)"; \
	$(MANAGE) worker & \
	$(MANAGE) periodic & \
	$(MANAGE) runserver $(HOST):$(PORT)

# Each browser journey runs in its own pytest process: a live-server test empties the
# database when it ends, and a fresh test database is the only reliable reset. The tests run in
# a random order (pytest-randomly; the seed is printed first and `--randomly-seed=N`
# repeats one); coverage adds up over every process and is reported per app at the end
# (`.venv/bin/coverage report -m` lists the lines not run).
test: install
	$(BIN)/pytest --ignore=tests/e2e --cov --cov-report=
	for journey in tests/e2e/test_*.py; do \
		$(BIN)/pytest "$$journey" --cov --cov-append --cov-report= || exit 1; \
	done
	@echo "Coverage per app (lines run by the tests, %; each must reach $(COVERAGE_MIN)):"
	@for app in cms iisg_pages needs_snippets workflows; do \
		printf "  %-16s %s\n" "$$app" "$$($(BIN)/coverage report --include="$$app/*" --format=total)"; \
	done
	@for app in cms iisg_pages needs_snippets workflows; do \
		$(BIN)/coverage report --include="$$app/*" --fail-under=$(COVERAGE_MIN) > /dev/null \
			|| { echo "$$app is under $(COVERAGE_MIN)% covered: .venv/bin/coverage report -m --include='$$app/*'"; exit 1; }; \
	done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Benchmarks on PostgreSQL, each figure printed beside its goal: the analyses as the members'
# pages run them at 1,000 and 10,000 needs; the report page at 50, 500 and 5,000 needs and the
# report PDF's seconds per page; importing a filled template of 1,000 and 10,000 rows; serving
# through gunicorn (public pages' requests/s, page cache off and on; members' pages and the
# database API at 10,000 needs × 50,000 responses).
bench: install
	psql -h 127.0.0.1 -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 \
		|| psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $(BENCH_DB)"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_analysis --sizes 1000 10000
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_report --sizes 50 500 5000 --pdf-size 1000
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_import --rows 1000 10000
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_serving

clean:
	rm -rf $(VENV) .pytest_cache .test-media .coverage

# Concours: `make demo` serves the portal with demo data; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY_VERSION := 3.11
VENV := .venv
BIN := $(VENV)/bin
CONCOURS := $(BIN)/concours
UV := python3 -m uv
# LibreOffice renders essays (pages counted as printed); python3-uno keeps it warm between documents.
OFFICE_PACKAGES := libreoffice-writer-nogui python3-uno fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2
# WeasyPrint lays out the selection report with Pango.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0
DEMO_PACKAGES := gettext $(OFFICE_PACKAGES) $(PDF_PACKAGES)
TEST_PACKAGES := gettext postgresql chromium $(OFFICE_PACKAGES) $(PDF_PACKAGES)
export PYTHONDONTWRITEBYTECODE := 1
# The demo runs with DEBUG on (its own key, plain static files) and lets staff in without a second
# factor (production requires one of recruiters and administrators; see the README).
DEMO_ENV := DEBUG=1 CONCOURS_REQUIRE_STAFF_MFA=0

.PHONY: help install system-demo system-test messages migrate demo-data demo test lint test-sqlite test-postgres bench clean

help:
	@echo "make demo   install, migrate, load the demo data and serve on http://127.0.0.1:8000"
	@echo "make test   install what the tests need (system packages too) and run every check"
	@echo "make bench  print the benchmark figures"

# uv installs the locked dependencies; it is bootstrapped from PyPI when missing.
install:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@mkdir -p var
	$(UV) sync --frozen --python $(PY_VERSION) --quiet

# Debian packages, installed only when missing so that a second run costs nothing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-demo:
	$(call apt_install,$(DEMO_PACKAGES))

system-test:
	$(call apt_install,$(TEST_PACKAGES))

messages: install
	cd src/concours && ../../$(CONCOURS) compilemessages --ignore '.venv' -v0

migrate: install messages
	$(CONCOURS) migrate --no-input -v0
	$(CONCOURS) createcachetable

demo-data: migrate
	$(DEMO_ENV) $(CONCOURS) load_demo

demo: system-demo demo-data
	$(DEMO_ENV) $(CONCOURS) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports
	$(CONCOURS) makemigrations --check --dry-run -v0
	$(BIN)/python scripts/check_translations.py

test-sqlite: install messages
	DATABASE_URL=sqlite:///var/test.sqlite3 $(BIN)/pytest -q -p no:cacheprovider

test-postgres: install messages
	scripts/with-postgres.sh $(BIN)/pytest -q -p no:cacheprovider

test: system-test install messages lint test-sqlite test-postgres

# Each script prints its figures; the end-to-end screening runs on SQLite and on PostgreSQL, the
# deadline rush (gunicorn and task workers) on PostgreSQL only.
bench: system-test install messages
	@for script in bench/bench_*.py; do [ $$script = bench/bench_deadline_rush.py ] || DATABASE_URL= $(BIN)/python $$script || exit 1; done
	@scripts/with-postgres.sh $(BIN)/python bench/bench_screening_e2e.py
	@scripts/with-postgres.sh $(BIN)/python bench/bench_deadline_rush.py

clean:
	rm -rf var/concours.sqlite3 var/media var/static

# Teilhabe: `make run` sets everything up and serves the Dresden demo;
# `make test` installs what is missing and runs every test. Both are safe to run twice.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# What CI prints after the tests: the slowest, so that a growing run shows where.
PYTEST_ARGS ?= --durations=25
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE ?= teilhabe.settings.development

.PHONY: run test install assets translations migrate demo serve lint check-system clean help

help:
	@echo "make run    set up, load the Dresden demo and serve on http://$(HOST):$(PORT) (PORT=8080 for another port)"
	@echo "make test   install what is missing and run every test (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint   ruff"

$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "==> Creating the virtual environment in $(VENV) and installing Python packages"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -r requirements.txt
	@$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@echo "==> Installing front-end packages (npm ci)"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed

# KERN ships physical left/right rules only: rtlcss mirrors them for Arabic and Persian
# pages at build time. Fira Sans has no Arabic letters: Noto Sans Arabic (Arabic
# subset, the two weights the pages use) comes from @fontsource.
ARABIC_FONT := node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic

assets: teilhabe/web/static/vendor/.built

# A stamp: two `make test` at once (CI runs both databases side by side) copy nothing twice.
teilhabe/web/static/vendor/.built: node_modules/.installed $(VENV)/.installed Makefile
	@echo "==> Copying KERN UX, htmx and Noto Sans Arabic into teilhabe/web/static/vendor"
	@mkdir -p teilhabe/web/static/vendor/kern teilhabe/web/static/vendor/htmx teilhabe/web/static/vendor/noto-sans-arabic
	@cp -R node_modules/@kern-ux/native/dist/. teilhabe/web/static/vendor/kern/
	@node_modules/.bin/rtlcss --silent teilhabe/web/static/vendor/kern/kern.min.css teilhabe/web/static/vendor/kern/kern.rtl.min.css
	@cp node_modules/htmx.org/dist/htmx.min.js teilhabe/web/static/vendor/htmx/
	@cp $(ARABIC_FONT)-400-normal.woff2 $(ARABIC_FONT)-700-normal.woff2 teilhabe/web/static/vendor/noto-sans-arabic/
	@# The PDFs read TrueType: WeasyPrint would unpack the WOFF2 in Python (1.4 s a weight) each time.
	@for weight in 400 700; do $(PY) -m fontTools.ttLib.woff2 decompress -q \
	  -o teilhabe/web/static/vendor/noto-sans-arabic/noto-sans-arabic-arabic-$$weight-normal.ttf \
	  $(ARABIC_FONT)-$$weight-normal.woff2; done
	@touch $@

translations: $(VENV)/.installed
	@echo "==> Compiling translations (German, English, plain language)"
	@$(PY) manage.py compile_translations

migrate: $(VENV)/.installed
	@echo "==> Migrating the database"
	@$(PY) manage.py migrate --no-input

demo: migrate
	@echo "==> Loading the Dresden demo (idempotent)"
	@$(PY) manage.py load_demo

serve:
	@echo "==> Serving on http://$(HOST):$(PORT) with the task worker beside it (Ctrl+C stops both)"
	@export PORT=$(PORT) TEILHABE_BASE_URL="$${TEILHABE_BASE_URL:-http://$(HOST):$(PORT)}"; \
	  $(PY) manage.py worker --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

run: install assets translations demo serve

check-system:
	@test -x /usr/bin/chromium || { echo "==> Installing Debian's Chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "    run: sudo apt-get install chromium"; fi; }
	@test -x /usr/sbin/nginx || { echo "==> Installing Debian's nginx for the reverse-proxy tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "    run: sudo apt-get install nginx"; fi; }
	@test -x /usr/bin/xgettext || { echo "==> Installing Debian's gettext (the catalogue test reads the source's strings)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "    run: sudo apt-get install gettext"; fi; }
	@test -x /usr/bin/pdftoppm || { echo "==> Installing Debian's poppler-utils (the report tests read its PDFs)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "    run: sudo apt-get install poppler-utils"; fi; }

test: install assets translations check-system
	@echo "==> Running ruff"
	@$(VENV)/bin/ruff check .
	@echo "==> Running the tests against $${DATABASE_URL:-SQLite}"
	@DJANGO_SETTINGS_MODULE=teilhabe.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check . || true

clean:
	rm -rf $(VENV) node_modules teilhabe/web/static/vendor var

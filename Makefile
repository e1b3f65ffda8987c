# NGVH: two commands for a newcomer — `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)

.PHONY: run test install system-deps lint lock messages bench bench-quick scale-test clean

# requirements.lock pins every package (and what they pull in) to the versions the suite
# passed with; `make lock` refreshes it after a change to pyproject.toml.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

## make run: set up, migrate SQLite, load the bundled plan and demo data, serve on :8000
run: $(STAMP)
	@mkdir -p var
	NGVH_DEMO=1 $(BIN)/ngvh serve

## Chromium (browser tests), LibreOffice with fonts metric-compatible with Times New Roman that
## cover Vietnamese (Liberation 2.x; Debian's 1.07 lacks many Vietnamese letters), poppler (PDF
## checks of the Word report), redis-server (shared cache tests), nginx (make scale-test),
## pg_dump/pg_restore (backup tests on PostgreSQL), gettext (the catalogue test runs makemessages);
## installed through apt when root.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	fc-list "Liberation Serif:lang=vi" family 2>/dev/null | grep -q . || missing="$$missing fonts-liberation2"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$(IS_ROOT)" = yes ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	    fc-cache -f >/dev/null 2>&1 || true; \
	  else \
	    echo "Not root: please install$$missing (browser and PDF tests are skipped outside CI, and fail in CI)"; \
	  fi; \
	fi

## make test: set up and run the whole suite (SQLite; CI runs it again on PostgreSQL)
test: $(STAMP) system-deps
	$(BIN)/python -m pytest

lock: $(STAMP)
	$(BIN)/python -m pip install -q pip-tools
	$(BIN)/pip-compile -q --extra test --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

## make scale-test: two gunicorn servers behind nginx with PostgreSQL, Redis and a local S3
## (scripts/scale_test.py; the commands of docs/deployment.md). Needs root or a PostgreSQL role.
scale-test: $(STAMP) system-deps
	$(BIN)/python scripts/scale_test.py

lint: $(STAMP)
	$(BIN)/ruff check src tests

messages: $(STAMP)
	@for app in src/ngvh/*/; do \
	  if [ -d $$app/locale ]; then (cd $$app && ../../../$(BIN)/django-admin compilemessages -v 0); fi; \
	done

## make bench: national-scale benchmark (BENCH_DB=postgres for PostgreSQL); see docs/performance.md
BENCH_DB ?= sqlite
bench: $(STAMP)
	$(BIN)/ngvh bench --scale 63 --db $(BENCH_DB)

bench-quick: $(STAMP)
	$(BIN)/ngvh bench --quick --db $(BENCH_DB)

clean:
	rm -rf $(VENV) var .pytest_cache

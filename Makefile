# Newsroom: the README's commands. Needs only Python >= 3.12 and make.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# make run's port: make run PORT=8010. The demo's login address and the links in
# moderators' emails follow it.
PORT ?= 8000
SITE_URL := http://127.0.0.1:$(PORT)

# The first interpreter on PATH that is Python 3.12 or newer.
PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 python3 python; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    $$p -c 'import sys; print(sys.executable)'; break; fi; done)

.PHONY: help run serve bench test setup demo lint format check clean bench-images \
	serve-cache test-varnish bench-wagtail bench-profile bench-drill need-wrk

help:
	@echo "make run    set everything up, load the demo and serve http://127.0.0.1:8000 (PORT=8010 for another port)"
	@echo "make test   run the whole test suite"
	@echo "make serve  production settings on http://127.0.0.1:8000 (needs DJANGO_SECRET_KEY)"
	@echo "make bench  generate data and load-test make serve (results in bench/results/)"
	@echo "make lint   ruff check + format check"
	@echo "make bench-images  time a 24-megapixel photo into renditions (bench/results/)"
	@echo "make serve-cache   make serve behind Varnish on http://127.0.0.1:8080"
	@echo "make test-varnish  test the Varnish configuration (deploy/varnish)"
	@echo "make bench-wagtail Newsroom's uncached article beside Wagtail's (bench/results/)"
	@echo "make bench-profile profile uncached reader pages (bench/results/)"
	@echo "make bench-drill   reader load while an editor corrects and publishes (bench/results/)"
	@echo "make clean  remove the environment and local data"

$(UV):
	@test -n "$(PYTHON)" || { echo "Newsroom needs Python 3.12 or newer on PATH (python3.12, python3.13 or python3)." >&2; exit 1; }
	@echo "Using $(PYTHON)"
	@$(PYTHON) -m venv $(TOOLS) || { echo "Could not create a virtual environment: install your Python's venv module (Debian: apt install python3-venv)." >&2; exit 1; }
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python "$(PYTHON)"
	@touch $@

setup: $(VENV)/.synced

demo: setup
	$(PY) manage.py migrate --no-input
	NEWSROOM_SITE_URL=$(SITE_URL) $(PY) manage.py load_demo

run: demo
	@echo
	@echo "Newsroom is starting on $(SITE_URL) (Ctrl+C to stop)."
	DJANGO_DEBUG=1 NEWSROOM_SITE_URL=$(SITE_URL) PY=$(PY) scripts/with-worker $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production settings over plain HTTP on 127.0.0.1: TLS ends at the proxy in front.
# make run and make serve start a background task worker beside the server.
serve: setup
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve uses production settings: set DJANGO_SECRET_KEY first, e.g." >&2; \
	  echo "  export DJANGO_SECRET_KEY=\$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" >&2; exit 1; }
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	NEWSROOM_SERVE_MEDIA=$${NEWSROOM_SERVE_MEDIA:-1} PY=$(PY) scripts/with-worker scripts/serve

need-wrk:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "the benchmarks need wrk (apt-get install wrk)" >&2; exit 1; }

bench: setup need-wrk
	$(PY) bench/run.py $(BENCH_ARGS)

# Wagtail goes into its own virtualenv under var/bench/wagtail.
bench-wagtail: setup need-wrk
	$(PY) bench/compare_wagtail.py $(BENCH_ARGS)

bench-profile: setup
	$(PY) bench/profile.py $(BENCH_ARGS)

bench-drill: setup need-wrk
	$(PY) bench/drill.py $(BENCH_ARGS)

# make serve with Varnish in front (deploy/varnish/newsroom.vcl); Ctrl+C stops both.
serve-cache: setup
	@scripts/serve-cache

# The VCL's own tests (varnishtest comes with Debian's varnish).
test-varnish:
	@scripts/ensure-varnish
	varnishtest -q deploy/varnish/newsroom.vtc && echo "deploy/varnish/newsroom.vtc: 1 passed, 0 failed"

test: setup
	@scripts/ensure-test-tools
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: setup
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	@scripts/ensure-test-tools
	$(PY) -m pytest -q tests/browser/test_quality.py

bench-images: setup
	$(PY) bench/images.py

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .ruff_cache

# Two commands: `make run` (set-up, demo content, search index, server) and `make test`.
# python3.13, or pyenv's 3.13 when the shim is not activated.
PYTHON ?= $(shell for p in python3.13 $$(ls -d $$HOME/.pyenv/versions/3.13*/bin/python3.13 2>/dev/null); do $$p -c 'import sys' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_ADMIN_PASSWORD ?= changeme
export PYTHAINLP_OFFLINE := 1

.PHONY: setup run test lint migrate demo bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --admin-password "$(DEMO_ADMIN_PASSWORD)" --site-url http://127.0.0.1:$(PORT)

run: demo
	@echo ""
	@echo "  เว็บไซต์: http://127.0.0.1:$(PORT)/"
	@echo "  ผู้ดูแลระบบ (admin): http://127.0.0.1:$(PORT)/admin/  ผู้ใช้ admin (หรือ editor, reviewer)  รหัสผ่าน $(DEMO_ADMIN_PASSWORD)"
	@echo ""
	@# Scheduled publishing (go-live/expiry dates) every minute, for as long as the server runs.
	@(while sleep 60; do $(PY) manage.py publish_scheduled >/dev/null; done) & sched=$$!; \
	  trap "kill $$sched 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The suite with line coverage of kb/, home/ and search/; below the floor the run fails.
COVERAGE_FLOOR ?= 90
test: setup
	$(PY) -m pytest --cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

# ruff: lint rules and formatting (pyproject.toml).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup
	$(PY) bench/bench_analysis.py
	$(PY) bench/bench_search.py

clean:
	rm -rf $(VENV) var

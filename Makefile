# Two commands: `make run` (set-up, demo content, search index, server) and `make test`.
# python3.13, or pyenv's 3.13 when the shim is not activated.
PYTHON ?= $(shell for p in python3.13 $$(ls -d $$HOME/.pyenv/versions/3.13*/bin/python3.13 2>/dev/null); do $$p -c 'import sys' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_ADMIN_PASSWORD ?= changeme
export PYTHAINLP_OFFLINE := 1

.PHONY: setup os-packages run test lint migrate demo bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# OCR of scanned PDFs and the Thai font of the demo files (kb.extraction, kb.demo_files):
# Debian packages, installed when missing if we are root with apt, else named.
OS_PACKAGES := tesseract-ocr tesseract-ocr-tha poppler-utils fonts-thai-tlwg
os-packages:
	@missing=$$(for p in $(OS_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done | xargs); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $$missing (OCR, Thai fonts)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
	      || echo "warning: could not install $$missing; OCR of scanned PDFs will fail until: apt-get install $$missing"; \
	  else \
	    echo "note: OCR of scanned PDFs needs Debian packages that are missing: sudo apt-get install $$missing"; \
	  fi; \
	fi

# axe-core for the accessibility browser test (package.json, pinned exactly; npm's registry).
# node and npm are Debian packages, installed when missing if we are root with apt, else named.
node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing nodejs npm (axe-core for the accessibility test)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null \
	    || echo "warning: could not install nodejs npm"; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --silent && touch $@; \
	else \
	  echo "note: the accessibility test (axe-core) needs node and npm, and is skipped without them: sudo apt-get install nodejs npm"; \
	fi

setup: $(VENV)/.installed os-packages node_modules/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --admin-password "$(DEMO_ADMIN_PASSWORD)" --site-url http://127.0.0.1:$(PORT)

run: demo
	@echo ""
	@echo "  เว็บไซต์: http://127.0.0.1:$(PORT)/"
	@echo "  ผู้ดูแลระบบ (admin): http://127.0.0.1:$(PORT)/admin/  ผู้ใช้ admin (หรือ editor, reviewer, officer: เจ้าหน้าที่รับเรื่องร้องเรียน)  รหัสผ่าน $(DEMO_ADMIN_PASSWORD)"
	@echo ""
	@# Beside the server, for as long as it runs: scheduled publishing (go-live/expiry dates)
	@# every minute, and the worker that extracts files' text (OCR for scans) as they arrive.
	@(while sleep 60; do $(PY) manage.py publish_scheduled >/dev/null; done) & sched=$$!; \
	  $(PY) manage.py db_worker --backend files --queue-name files --verbosity 0 & worker=$$!; \
	  trap "kill $$sched $$worker 2>/dev/null" EXIT INT TERM; \
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
	rm -rf $(VENV) var node_modules

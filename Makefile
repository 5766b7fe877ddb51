# Two commands on a fresh Debian machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format db browser postgres clean

run: $(VENV)/.runtime browser db
	$(BIN)/python -m ui.serve --server.port $(PORT) --server.address 0.0.0.0

# The store and app tests run on SQLite and on PostgreSQL: the tests start a throwaway cluster in a temporary
# folder (tests/pg_cluster.py) and stop it at the end, even on failure; BILATERAL_TEST_PG=URL uses a server.
test: $(VENV)/.dev browser postgres
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Create (first use) the database from data/ and print what it holds.
db: $(VENV)/.runtime
	$(BIN)/python -m bilateral init

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Debian's chromium renders chart exports (kaleido) and runs the browser tests; DejaVu fonts let the PDF
# report print accents and Cyrillic. Installed when missing and we are root; otherwise the app offers HTML
# exports only and the browser tests are skipped.
SYSTEM_PACKAGES := chromium fonts-liberation fonts-dejavu-core
browser:
	@if (command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1) \
		&& [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
		true; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's $(SYSTEM_PACKAGES) (once, ~30 s)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	else \
		echo "note: chromium not found and not root: chart image export and browser tests are unavailable"; \
	fi

# Debian's PostgreSQL server binaries, for the tests' throwaway cluster (not needed with BILATERAL_TEST_PG).
postgres:
	@if [ -n "$$BILATERAL_TEST_PG" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		true; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's postgresql (once, ~20 s)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else \
		echo "error: PostgreSQL is needed by the tests: install Debian's postgresql or set BILATERAL_TEST_PG=URL"; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .ruff_cache

# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f rasd-demo.db rasd-demo.db-wal rasd-demo.db-shm rasd-demo.db-rasd-merge.lock
	$(VENV)/bin/rasd run --samples --db sqlite:///rasd-demo.db
	$(VENV)/bin/rasd docs list --db sqlite:///rasd-demo.db --limit 10
	$(VENV)/bin/rasd events list --db sqlite:///rasd-demo.db --limit 15
	$(VENV)/bin/rasd export --db sqlite:///rasd-demo.db --format csv -o rasd-demo-events.csv
	@echo "Events exported to rasd-demo-events.csv; browse them with: $(VENV)/bin/rasd serve --db sqlite:///rasd-demo.db"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/mypy

test: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q

clean:
	rm -rf $(VENV) build dist *.egg-info rasd-demo.db* rasd-demo-events.csv test-output

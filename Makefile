# Every target works on a fresh clone: the ones that need the virtualenv create it first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup test unit lint typecheck docs regenerate unasync check-generated demo bench serve clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The whole gate CI runs: tests (including the regeneration check), lint and strict typing.
test: setup
	$(PY) -m pytest --cov --cov-report=term --cov-fail-under=90
	$(MAKE) --no-print-directory lint typecheck docs

unit: setup
	$(PY) -m pytest tests/unit

lint: setup
	$(VENV)/bin/ruff check oqtopus_sdk tests scripts benchmarks examples
	$(VENV)/bin/ruff format --check oqtopus_sdk tests scripts benchmarks examples

typecheck: setup
	$(VENV)/bin/mypy

# The documentation site into site/. --strict: a broken link, a missing reference or a
# docstring warning fails. Offline (no web fonts, no downloading plugins); the snippets in
# docs/ run in the test suite (tests/docs).
docs: setup
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

regenerate: setup
	$(PY) scripts/regenerate

# The sync client is generated from the async one: edit oqtopus_sdk/_async/, then run this.
unasync: setup
	$(PY) scripts/unasync.py

check-generated: setup
	$(PY) scripts/regenerate --check
	$(PY) scripts/unasync.py --check

demo: setup
	$(PY) examples/demo.py

serve: setup
	$(VENV)/bin/oqtopus-local serve

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache site

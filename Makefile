# parley: `make demo` runs the main job on the bundled examples; `make test` runs the tests.
# Both set up .venv first (Python 3.11, pinned dependencies from constraints.txt).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= parley.db

.PHONY: demo test setup setup-dev lint bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

demo: setup
	$(BIN)/parley ingest examples/articles --actors examples/actors.yaml --db $(DB)
	$(BIN)/parley signals --db $(DB)

test: setup-dev
	$(BIN)/python -m pytest

lint: setup-dev
	$(BIN)/ruff check parley tests

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache

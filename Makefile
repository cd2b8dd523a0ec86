# parley: `make demo` runs the main job on the bundled examples; `make test` runs the tests.
# Both set up .venv first (Python 3.11, pinned dependencies from constraints.txt).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= parley.db

.PHONY: demo test setup setup-dev chromium lint bench clean

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

# The browser tests drive the system Chromium (Debian's chromium package; Playwright's own browser
# download is not used). Install it when it is missing and apt-get can (root, or sudo without a
# password); otherwise say so: the browser tests then skip, naming the reason.
chromium:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then echo "no chromium, no apt-get: browser tests will skip"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "no chromium and no root to install it: browser tests will skip"; exit 0; fi; \
	  echo "installing chromium for the browser tests (apt-get)"; \
	  ( $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver >/dev/null 2>&1 ) || echo "could not install chromium: browser tests will skip"; \
	fi

test: setup-dev chromium
	$(BIN)/python -m pytest

lint: setup-dev
	$(BIN)/ruff check parley tests

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache

# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install -c constraints.txt
# citizens' texts and models stay on this machine
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) torch==2.13.0
	$(PIP) -e .
	touch $@

$(BIN)/.test-installed: $(BIN)/.installed
	$(PIP) -e ".[test]"
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }
	touch $@

run: $(BIN)/.installed
	$(BIN)/cocreate demo --if-missing
	$(BIN)/cocreate serve

test: $(BIN)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(BIN)/.test-installed
	$(PIP) -e ".[test,bench]"
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) test-output

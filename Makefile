# Two commands do all set-up on a fresh machine with Python >= 3.11:
#   make run    create .venv, install Descent Lab, launch the app
#   make test   create .venv, install the test extras, run the whole suite (headless)
#   make test-torch  also install the optional extra descent-lab[torch] and run its tests (tests/torch)
#   make wheel  build the sdist and the wheel into dist/ (what `pipx install dist/descent_lab-*.whl` installs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test test-torch bench wheel clean

# First use: pip prints one line per package it collects and installs (about 1-2 minutes and ~250 MB, mostly Qt;
# later runs start at once).
PIP := $(BIN)/python -m pip install --progress-bar off --no-input

$(BIN)/python:
	@echo "== Creating the virtual environment $(VENV) (once)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "== Installing Descent Lab and its dependencies (first time: about 1-2 minutes, ~250 MB, mostly Qt)"
	$(PIP) -e . | grep -E "^(Collecting|Successfully|ERROR)" || true
	@$(BIN)/python -c "import app, PySide6, pyqtgraph" || { echo "== The install failed: see pip's messages above"; exit 1; }
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "== Installing Descent Lab with the test tools (first time: about 1-2 minutes, ~300 MB, mostly Qt)"
	$(PIP) -e '.[test]' | grep -E "^(Collecting|Successfully|ERROR)" || true
	@$(BIN)/python -c "import app, PySide6, pyqtgraph, pytest, pytestqt" || { echo "== The install failed: see pip's messages above"; exit 1; }
	touch $@ $(VENV)/.installed

$(VENV)/.installed-torch: pyproject.toml | $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,torch]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/descent-lab

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test-torch: $(VENV)/.installed-torch
	$(BIN)/python -m pytest tests/torch tests/test_cli_landscape_extra.py

bench: $(VENV)/.installed-test
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

wheel: $(VENV)/.installed-test
	$(BIN)/python -m build --no-isolation --outdir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info

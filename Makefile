# The two commands of the README:  `make run` (tutorials + docs site)  and  `make test` (the test suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to start as root unless told to allow it.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: run test lab install system data docs docs-check export clean-nbs readme check

run: install data  ## execute every tutorial (fast settings), then render the docs site into _docs/
	$(BIN)/nbdev_test --n_workers 1 --timing
	$(BIN)/python tools/build_docs.py

test: install data  ## unit tests, one test per notebook, drift checks (on every core: pytest-xdist)
	$(BIN)/python -m pytest -q -n auto --dist worksteal --durations=12 tests

lab: install data  ## JupyterLab on the tutorials
	$(BIN)/jupyter lab --notebook-dir=nbs $(LAB_ROOT_FLAG)

install: $(STAMP) system

$(STAMP): constraints.txt settings.ini setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel -c constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

system:  ## Debian packages: pandoc (docs pages) and dataset-fashion-mnist (the data)
	@bash tools/install_system.sh

data: install  ## make sure Fashion-MNIST is present and intact (downloads only where the Debian package is unavailable)
	$(BIN)/python tools/ensure_data.py

docs: install  ## render the docs site into _docs/ (pandoc; `nbdev_docs` where Quarto is installed)
	$(BIN)/python tools/build_docs.py

docs-check: docs  ## load every page in headless Chromium (fails on console errors, failed loads, broken images); screenshots in _docs/_screenshots/
	$(BIN)/python tools/docs_check.py _docs

export: install  ## notebooks -> rpm_nb/, clean notebooks, README.md from nbs/index.ipynb
	$(BIN)/nbdev_export
	$(BIN)/nbdev_clean
	$(BIN)/python tools/build_docs.py --readme-only

check: install  ## the drift checks alone
	$(BIN)/python -m pytest -q tests/test_drift.py

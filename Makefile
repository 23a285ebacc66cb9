# OCR Desktop — `make run` and `make test` set up everything that is missing, then do their job.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/sample_with_typos.png
export OMP_THREAD_LIMIT := 1

.PHONY: help system-deps venv run test test-fast lint typecheck bench package train-confusions lock clean

help:
	@echo "make run      install what is missing, then open the window with the sample"
	@echo "make test     install what is missing, then run every test"
	@echo "make lint     ruff + mypy"
	@echo "make bench    print speed and accuracy figures"
	@echo "make package  build dist/ocr-desktop with PyInstaller and check it"

system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements-dev.lock
	$(VPY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: system-deps $(STAMP)

run: venv
	$(VENV)/bin/ocr-desktop $(SAMPLE)

test: venv
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest $(PYTEST_ARGS)

test-fast: venv
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -m "not slow" $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check ocr_desktop tests benchmarks scripts packaging
	$(VENV)/bin/mypy ocr_desktop

# fonts the worn-print benchmark draws its pages in, and the confusion training renders words in
FONT_PACKAGES := fonts-liberation fonts-freefont-ttf fonts-dejavu-extra

bench: venv
	@bash scripts/install-system-deps.sh $(FONT_PACKAGES)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(VPY) $$b || exit 1; done

package: venv
	bash packaging/build.sh

train-confusions: venv
	@bash scripts/install-system-deps.sh $(FONT_PACKAGES)
	$(VPY) scripts/train_confusions.py
	$(VPY) scripts/build_glyph_shapes.py

lock: venv
	$(VPY) -m pip freeze --exclude-editable > /tmp/ocr-desktop-freeze.txt
	@echo "review /tmp/ocr-desktop-freeze.txt and update requirements*.lock"

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache

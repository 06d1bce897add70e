# Two commands are all anyone needs:
#   make lab   — set up .venv (first time only) and open JupyterLab on the start page
#   make test  — set up .venv (first time only) and run every test
# Nothing here needs root or conda. Only `make setup` uses the network (to install packages).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# JupyterLab refuses to run as root unless told to; a classroom machine or a container may well be root.
ALLOW_ROOT := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

STUDENTS ?= 30
HUB_STAMP := $(VENV)/.hub-installed

.PHONY: help setup lab test test-fast execute html bench clean distclean hub-setup hubtools class-test

help:
	@echo "make lab      set up (first time) and open JupyterLab on notebooks/00-start-here.ipynb"
	@echo "make test     set up (first time) and run every test"
	@echo "make html     build the static course site into _build/html/"
	@echo "make execute  re-run every notebook and save its outputs (maintainers)"
	@echo "make bench    measure the performance targets into benchmarks/results.json"
	@echo "make class-test [STUDENTS=30]  a class on a real JupyterHub on 127.0.0.1 → benchmarks/class.json"

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	$(BIN)/python -m lessons.labconfig "$(VENV)"
	@touch $(STAMP)

# The class test's extras: JupyterHub + nbgitpuller (pip, the `hub` extra) and its proxy (npm, into .hubtools/).
hub-setup: $(HUB_STAMP) hubtools

$(HUB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,hub]"
	@touch $(HUB_STAMP)

hubtools:
	bash tools/install-hubtools.sh

class-test: hub-setup
	$(BIN)/python benchmarks/class_test.py --students $(STUDENTS)

lab: setup
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ALLOW_ROOT) notebooks/00-start-here.ipynb

test: setup hub-setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not browser and not slow"

execute: setup
	$(BIN)/python tools/execute_notebooks.py

html: setup
	$(BIN)/python -m lessons.site --out _build/html

bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/gradebook_bench.py

clean:
	rm -rf _build .pytest_cache

distclean: clean
	rm -rf $(VENV) .hubtools

# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
KB = $(VENV)/bin/kb

.PHONY: run install test bench quality clean

run: install
	$(KB) ingest corpus
	$(KB) serve --host $(HOST) --port $(PORT)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test,meaning]'
	touch $@

test: install
	$(VENV)/bin/python -m pytest

bench: install
	$(VENV)/bin/python bench/search_bench.py
	$(VENV)/bin/python bench/api_bench.py

quality: install
	$(VENV)/bin/python bench/quality.py

clean:
	rm -rf $(VENV) instance *.egg-info

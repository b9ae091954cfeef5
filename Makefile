# Two commands on a fresh machine with Python 3.11 and make:
#   make book   build the book into _build/html
#   make test   run every test (they build the book too)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: book test lock linkcheck benchmark clean

$(READY): requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

book: $(READY)
	$(BIN)/jupyter-book build . -n -W --keep-going

test: $(READY)
	$(BIN)/python -m pytest

# Checks external links: needs the network, so it is never part of `make test`.
linkcheck: $(READY)
	$(BIN)/jupyter-book build . --builder linkcheck

# Regenerate the pinned locks from requirements*.in (needs pip-tools).
lock: $(READY)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-test.txt requirements-test.in

clean:
	rm -rf _build

# Page weight of every built page against its budget; build times against the notebooks alone.
benchmark: $(READY)
	$(BIN)/jupyter-book build . -n -W --keep-going
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/build.py

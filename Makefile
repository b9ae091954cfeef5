# Two commands on a fresh machine with Python 3.11 and make:
#   make book   build the book into _build/html
#   make test   run every test; those that need the book run make book first
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: book test test-fast lock linkcheck benchmark clean pdf lab

$(READY): requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# cffconvert validates CITATION.cff in the tests; it needs jsonschema 3, so it has its own
# environment (requirements-cff.in says why).
CFF_READY := .venv-cff/.ready
$(CFF_READY): requirements-cff.txt
	$(PYTHON) -m venv .venv-cff
	.venv-cff/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-cff.txt
	touch $@

# JupyterLab (make lab), kept out of the build lock: only researchers who open it install it.
LAB_READY := $(VENV)/.lab-ready
$(LAB_READY): $(READY) requirements-lab.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-lab.txt
	touch $@

# Everything the book is built from. Sphinx runs only when one of these is newer than the
# last successful build, so `make book` on an unchanged tree costs next to nothing; the
# directories count too, so that a deleted file is noticed, and so does the commit. git is
# asked where HEAD and the branches are kept: in a linked worktree .git is a file. The list is
# exported to the builds of the site and the PDF, so that their commit label says "with
# uncommitted changes" only when one of these files has changed (README.md is not the book's).
STAMP        := _build/.book-stamp
export BOOK_SOURCES := _config.yml _toc.yml requirements.txt CITATION.cff book_citation.py \
                $(filter-out README.md,$(wildcard *.md)) chapters data sourcedata bookbuild _static _templates _extra
GIT_COMMON   := $(shell git rev-parse --git-common-dir 2>/dev/null)
BOOK_INPUTS  := $(shell find $(BOOK_SOURCES) -not -path '*/__pycache__*' 2>/dev/null) \
                $(wildcard $(shell git rev-parse --git-path HEAD 2>/dev/null) $(GIT_COMMON)/packed-refs $(GIT_COMMON)/refs/heads/*)

book: $(STAMP)

$(STAMP): $(READY) $(BOOK_INPUTS)
	$(BIN)/jupyter-book build . -n -W --keep-going
	touch $@

# Two workers, each test file on one worker (tests/conftest.py says why).
test: $(READY) $(CFF_READY)
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The unit and data tests only: every test that needs a built book (marked `book`) is left
# out. No test here shares a fixture, so xdist hands them out one by one.
test-fast: $(READY) $(CFF_READY)
	$(BIN)/python -m pytest -n 2 -m "not book"

# JupyterLab on the repository, for researchers: a double click opens a chapter as a
# notebook (jupytext; the setting is in .jupyter/lab/settings/overrides.json, which Binder
# uses too), run by this environment's Python with this folder's sourcedata importable.
# More options through LAB_OPTIONS, e.g. make lab LAB_OPTIONS="--no-browser --port=8899".
lab: $(LAB_READY)
	PYTHONPATH="$(CURDIR)$${PYTHONPATH:+:$$PYTHONPATH}" $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.app_settings_dir="$(CURDIR)/.jupyter/lab/settings" $(LAB_OPTIONS)

# The PDF edition, printed by WeasyPrint from the pages `make book` built (no notebook runs
# again), then copied into _build/html, which links it from every page. Offline; needs the
# DejaVu fonts (Debian: fonts-dejavu-core fonts-dejavu-extra, which .ci/run installs).
PDF_STAMP := _build/pdf/.pdf-stamp

pdf: $(PDF_STAMP)

# (-B: the script imports bookbuild/, an input of make book; it must not write there.)
$(PDF_STAMP): $(STAMP) pdf/build.py pdf/print.css
	$(BIN)/python -B pdf/build.py
	touch $@

# Checks external links: needs the network, so it is never part of `make test`.
linkcheck: $(READY)
	$(BIN)/jupyter-book build . --builder linkcheck

# Regenerate the pinned locks from requirements*.in (needs pip-tools).
lock: $(READY)
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-test.txt requirements-test.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-lab.txt requirements-lab.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-cff.txt requirements-cff.in

clean:
	rm -rf _build

# Page weight of every built page against its budget; build, PDF and test times against a clean build.
benchmark: book
	$(BIN)/python -m benchmarks.pages
	$(BIN)/python -m benchmarks.build

"""Shared fixtures: the book as `make book` builds it, a scratch copy of the data, and the
sources table.

The tests read the book that `make book` builds in the working tree. The first worker to
need it runs `make book` there (nothing to do when the book is up to date, as after your own
`make book`), then copies the tree and its build into a scratch folder, so that what the
tests write (the PDF, edits) never touches your files: this copy is the shared build. The
other worker, if it needs the book too, waits on a lock meanwhile (xdist's documented
recipe). test_builds also makes a clean build, in a copy of the tree without `_build`,
checks that it gives the shared build's site, and then edits that copy; test_build_failures
builds copies without `_build` that must fail.

`make test` runs the tests in two worker processes (pytest-xdist, `--dist loadfile`: each
file's tests stay on one worker, in order, so the edits of test_builds never overlap and the
PDFs of test_pdf are made once).

Every test that needs a built book is marked `book` (from the fixtures it uses);
`make test-fast` runs the others.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from sourcedata.load import load_package
from tests.helpers import build_book, build_failure
from tools.book import ROOT, copy_repo, make_book, make_pdf, pdf_of
from tools.browser import chromium_path, launch
from tools.serve import serve


# The fixtures that build the book, copy the one `make book` built, or give a copy for a
# test to build; a test that uses one, directly or through another fixture, is marked
# `book`, so that `make test-fast` (-m "not book") leaves it out.
BOOK_FIXTURES = {"built_copy", "second_build", "unbuilt_copy", "book_html", "pdf_builds", "book_pdf"}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BOOK_FIXTURES & fixtures:
            item.add_marker(pytest.mark.book)
        # test_builds edits the second build; under --dist loadfile only its own file's tests
        # run in order beside those edits.
        if "second_build" in fixtures and item.path.name != "test_builds.py":
            raise pytest.UsageError(f"{item.nodeid} uses second_build: move it to tests/test_builds.py")
    # The longest file first: xdist hands out files in this order, and test_builds' builds,
    # one after another, take longer than any other file, so the others fill in beside it.
    items.sort(key=lambda item: item.path.name != "test_builds.py")


def copy_of_the_book(target: Path) -> dict:
    """`make book` in the working tree, then the tree and its build copied to ``target``:
    the copy's folder, or the failure."""
    try:
        result = make_book(ROOT)
        if result.returncode != 0:
            return {"failure": build_failure(ROOT, result)}
        return {"folder": str(copy_repo(target, with_build=True))}
    except Exception as error:  # recorded, so that no other worker tries again
        return {"failure": f"the book could not be built and copied: {error!r}"}


@pytest.fixture(scope="session")
def built_copy(request, tmp_path_factory) -> Path:
    """The shared build: a copy of the working tree and of the book `make book` built there,
    for the whole run. The first worker to need it makes it; the other reads its record."""
    run_folder = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # an xdist worker
        run_folder = run_folder.parent  # the workers' folders sit side by side in the run's
    record = run_folder / "built-copy.json"
    with open(run_folder / "built-copy.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            record.write_text(json.dumps(copy_of_the_book(run_folder / "shared" / "book")), encoding="utf-8")
        made = json.loads(record.read_text(encoding="utf-8"))
    if "failure" in made:
        pytest.fail(made["failure"])
    return Path(made["folder"])


@pytest.fixture(scope="session")
def second_build(tmp_path_factory) -> Path:
    """A clean build in a copy of the working tree that has none, for test_builds to compare
    with the shared build and then to edit."""
    copy = copy_repo(tmp_path_factory.mktemp("second") / "book")
    build_book(copy)
    return copy


@pytest.fixture
def unbuilt_copy(tmp_path) -> Path:
    """A copy of the working tree without a build, for a build that must fail."""
    return copy_repo(tmp_path / "book")


@pytest.fixture(scope="session")
def book_html(built_copy) -> Path:
    return built_copy / "_build" / "html"


@pytest.fixture(scope="session")
def pdf_builds(built_copy, tmp_path_factory) -> dict[str, Path]:
    """`make pdf` in the shared built copy and, side by side, in a copy of it in another
    folder (the same commit and pages): the second is compared byte for byte."""
    again = tmp_path_factory.mktemp("pdf-again") / "book"
    shutil.copytree(built_copy, again, symlinks=True, ignore=lambda folder, names: ["pdf"] if Path(folder).name == "_build" else [])
    copies = {"shared": built_copy, "again": again}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(copies, pool.map(make_pdf, copies.values())))
    for name, result in results.items():
        if result.returncode != 0:
            pytest.fail(f"make pdf failed in {copies[name]}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    assert "jupyter-book" not in results["again"].stdout, "make pdf rebuilt the book in the copy"
    return {name: pdf_of(root) for name, root in copies.items()}


@pytest.fixture(scope="session")
def book_pdf(pdf_builds) -> Path:
    return pdf_builds["shared"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ for a test to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture(scope="module")
def sources():
    """data/sources.csv, as the book's loader reads it."""
    return load_package(tables=["sources"])["sources"]


@pytest.fixture(scope="module")
def site(book_html):
    """The built book served on 127.0.0.1, as a reader's browser would fetch it."""
    with serve(book_html) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    try:
        chromium_path()
    except RuntimeError as missing:
        if os.environ.get("CI"):
            raise  # CI installs Chromium: its absence there is a failure
        pytest.skip(f"{missing} (the browser tests run in CI)")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()

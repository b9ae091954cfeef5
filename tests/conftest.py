"""Shared fixtures: the book built once per session, and a scratch copy of the data.

The book is built with the README's own command (`make book`) in a scratch copy of the
working tree, so the developer's _build is never touched; the copy builds with its own code
and data, since the build takes every path from Sphinx.

`make test` runs the tests in two worker processes (pytest-xdist, `--dist loadfile`: each
file's tests stay on one worker, in order, so the edits of test_builds never overlap and the
PDFs of test_pdf are made once). The clean builds are made once for both workers: the first
to ask makes them while the other waits on a lock (xdist's documented recipe).

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

from tests.helpers import build_failure
from tools.book import ROOT, copy_repo, make_book, make_pdf, pdf_of
from tools.browser import chromium_path, launch
from tools.serve import serve


# The fixtures that build the book (in a scratch copy); a test that uses one, directly or
# through another fixture, is marked `book`, so that `make test-fast` (-m "not book") leaves it out.
BOOK_FIXTURES = {"clean_builds", "built_copy", "second_build", "book_html", "pdf_builds", "book_pdf"}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BOOK_FIXTURES & fixtures:
            item.add_marker(pytest.mark.book)
        # test_builds edits the second build; under --dist loadfile only its own file's tests
        # run in order beside those edits.
        if "second_build" in fixtures and item.path.name != "test_builds.py":
            raise pytest.UsageError(f"{item.nodeid} uses second_build: move it to tests/test_builds.py")


def make_clean_builds(names: list[str], tmp_path_factory) -> dict:
    """Clean builds, side by side: their folders, or the failure."""
    try:
        copies = {name: copy_repo(tmp_path_factory.mktemp(name) / "book") for name in names}
        with ThreadPoolExecutor(max_workers=len(copies)) as pool:
            results = list(pool.map(make_book, copies.values()))
    except Exception as error:  # recorded, so that no other worker tries again
        return {"failure": f"the clean builds could not be made: {error!r}"}
    for copy, result in zip(copies.values(), results):
        if result.returncode != 0:
            return {"failure": build_failure(copy, result)}
    return {"builds": {name: str(copy) for name, copy in copies.items()}}


@pytest.fixture(scope="session")
def clean_builds(request, tmp_path_factory) -> dict[str, Path]:
    """Clean builds in copies of the working tree: the one every test shares, and a second
    one when a collected test needs it (test_builds compares the two, then edits the
    second). Made once per run, by whichever worker asks first; the others read its record."""
    names = ["shared"] + (["second"] if any("second_build" in item.fixturenames for item in request.session.items) else [])
    run_folder = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # an xdist worker
        run_folder = run_folder.parent  # the workers' folders sit side by side in the run's
    record = run_folder / "clean-builds.json"
    with open(run_folder / "clean-builds.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            record.write_text(json.dumps(make_clean_builds(names, tmp_path_factory)), encoding="utf-8")
        made = json.loads(record.read_text(encoding="utf-8"))
    if "failure" in made:
        pytest.fail(made["failure"])
    return {name: Path(folder) for name, folder in made["builds"].items()}


@pytest.fixture(scope="session")
def built_copy(clean_builds) -> Path:
    """A copy of the working tree with the book built in it, shared by the whole session."""
    return clean_builds["shared"]


@pytest.fixture(scope="session")
def second_build(clean_builds) -> Path:
    """Another clean build of the same tree, for tests that compare builds or edit inputs."""
    return clean_builds["second"]


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

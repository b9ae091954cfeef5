"""Shared fixtures: the book built once per session, and a scratch copy of the data.

The book is built with the README's own command (`make book`) in a scratch copy of the
working tree, so the developer's _build is never touched; the copy builds with its own code
and data, since the build takes every path from Sphinx.
"""
from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tools.book import ROOT, copy_repo, make_book, make_pdf, pdf_of


def build_book(root: Path) -> subprocess.CompletedProcess:
    """`make book` in ``root``; fail the test on any error or warning."""
    result = make_book(root)
    if result.returncode != 0:
        pytest.fail(f"make book failed in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="session")
def clean_builds(request, tmp_path_factory) -> dict[str, Path]:
    """Clean builds in copies of the working tree: the one every test shares, and a second
    one when a collected test needs it (test_builds compares the two, then edits the
    second). They run side by side, which costs little more than one."""
    names = ["shared"] + (["second"] if any("second_build" in item.fixturenames for item in request.session.items) else [])
    copies = {name: copy_repo(tmp_path_factory.mktemp(name) / "book") for name in names}
    with ThreadPoolExecutor(max_workers=len(copies)) as pool:
        results = list(pool.map(make_book, copies.values()))
    for copy, result in zip(copies.values(), results):
        if result.returncode != 0:
            pytest.fail(f"make book failed in {copy}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return copies


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

"""Shared fixtures: the book built once per session, and a scratch copy of the data.

The book is built with the README's own command (`make book`) in a scratch copy of the
working tree, so the developer's _build is never touched; the copy builds with its own code
and data, since the build takes every path from Sphinx.

`make test` runs the tests in two worker processes (pytest-xdist). The clean builds are made
once for both: the first worker to ask makes them while the other waits on a lock. Two
groups of tests each stay on one worker, in order, and run side by side: those that edit
the second build, and those that print the shared one as a PDF or open it in the browser.
The other tests go wherever a worker is free.
"""
from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tools.book import ROOT, copy_repo, make_book, make_pdf, pdf_of


def build_failure(root: Path, result: subprocess.CompletedProcess) -> str:
    return f"make book failed in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"


def build_book(root: Path) -> subprocess.CompletedProcess:
    """`make book` in ``root``; fail the test on any error or warning."""
    result = make_book(root)
    if result.returncode != 0:
        pytest.fail(build_failure(root, result))
    return result


EDITS = "edits the second build"
PRINTS_OR_BROWSES = "prints or browses the shared build"
# The test files whose tests run in order on one worker: the edits must not overlap, and
# the PDF builds (a session fixture) must be made once. The browser tests join the PDF's
# group so that the two long groups, one on each worker, take about as long as each other.
SERIAL_GROUPS = {"test_builds.py": EDITS, "test_pdf.py": PRINTS_OR_BROWSES, "test_browser.py": PRINTS_OR_BROWSES}
GROUP_FIXTURES = {"second_build": EDITS, "pdf_builds": PRINTS_OR_BROWSES}


def group_of(nodeid: str) -> str:
    """The unit xdist schedules a test in: its file's group, or the test alone."""
    return SERIAL_GROUPS.get(Path(nodeid.split("::")[0]).name, nodeid)


@pytest.hookimpl(optionalhook=True)  # (xdist's hook: unknown when xdist is not loaded)
def pytest_xdist_make_scheduler(config, log):
    """With `-n` and xdist's default distribution, xdist's scope scheduling over the units
    of ``group_of``: it hands out the largest units first, so the two groups start side by
    side and single tests fill in wherever a worker runs short. (Not `--dist loadgroup`:
    xdist 3.8 marks a test's group by rewriting item._nodeid, which pytest 9.2 no longer
    reads, so the groups were silently ignored.) Any --dist chosen on the command line keeps
    xdist's own scheduler."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling
    if not hasattr(LoadScopeScheduling, "_split_scope"):
        raise pytest.UsageError("xdist's LoadScopeScheduling has no _split_scope any more: update tests/conftest.py")

    class GroupsFirst(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return GroupsFirst(config, log)


@pytest.fixture(autouse=True)
def in_its_group(request):
    """A test that uses a group's fixtures must be in one of the group's files (under xdist,
    elsewhere it would run beside the group, on another worker)."""
    for fixture, group in GROUP_FIXTURES.items():
        if fixture in request.fixturenames and SERIAL_GROUPS.get(request.path.name) != group:
            pytest.fail(f"{request.node.nodeid} uses {fixture}: move it to a file of the group '{group}' "
                        "(tests/conftest.py, SERIAL_GROUPS)")


def make_clean_builds(names: list[str], tmp_path_factory) -> dict:
    """Clean builds side by side (two cost little more than one): their folders, or the failure."""
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

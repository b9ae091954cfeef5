"""Shared fixtures: the repository root, a scratch copy of the data, and the built book."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD_ARGS = ["build", ".", "-n", "-W", "--keep-going"]


def build_book(root: Path) -> subprocess.CompletedProcess:
    """Build the book in ``root`` exactly as `make book` does; fail the test on any warning."""
    result = subprocess.run([str(JUPYTER_BOOK), *BUILD_ARGS], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"jupyter-book build failed in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="session")
def book_html() -> Path:
    """The book built from the working tree into _build/html (the cache keeps reruns quick)."""
    build_book(ROOT)
    return ROOT / "_build" / "html"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ for a test to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target

"""What the tests and the benchmarks share about the book: where it is, how to copy it,
which of its pages are notebooks, and the README's commands that build it and its PDF."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the repository leaves out: environments, builds and caches.
NOT_COPIED = shutil.ignore_patterns(".venv", "_build", ".pytest_cache", "__pycache__", "*.egg-info", ".jupyter_cache")


def copy_repo(target: Path, source: Path = ROOT) -> Path:
    """A copy of a working tree, file times kept so that make sees it as it is."""
    shutil.copytree(source, target, ignore=NOT_COPIED, symlinks=True)
    return target


def notebooks(root: Path = ROOT) -> list[Path]:
    """The book's pages that run as notebooks: those whose front matter names a kernel."""
    pages = [root / "intro.md", *sorted((root / "chapters").glob("*.md"))]
    return [page for page in pages if "kernelspec" in jupytext.read(page).metadata]


def make_book(root: Path) -> subprocess.CompletedProcess:
    """`make book` in ``root``, with the Python environment running this code."""
    return subprocess.run(["make", "--no-print-directory", "book", f"VENV={sys.prefix}"], cwd=root,
                          capture_output=True, text=True)


def make_pdf(root: Path) -> subprocess.CompletedProcess:
    """`make pdf` in ``root`` (after `make book`), with the Python environment running this code."""
    return subprocess.run(["make", "--no-print-directory", "pdf", f"VENV={sys.prefix}"], cwd=root,
                          capture_output=True, text=True)


def pdf_of(root: Path) -> Path:
    """The one PDF `make pdf` wrote in ``root``."""
    made = sorted((root / "_build" / "pdf").glob("*.pdf"))
    if len(made) != 1:
        raise FileNotFoundError(f"expected one PDF in {root}/_build/pdf, found {made}")
    return made[0]

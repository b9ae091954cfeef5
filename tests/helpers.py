"""What several test files share: the data's rows, a built page, a build that must pass, a
file edited for one test. (What the benchmarks share with the tests is in tools/book.py.)"""
from __future__ import annotations

import csv
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools.book import ROOT, make_book


def rows(table: str) -> list[dict]:
    """The rows of data/<table>.csv, as the file has them (strings)."""
    with open(ROOT / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def soup_of(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def build_failure(root: Path, result: subprocess.CompletedProcess) -> str:
    return f"make book failed in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"


def build_book(root: Path) -> subprocess.CompletedProcess:
    """`make book` in ``root``; fail the test on any error or warning."""
    result = make_book(root)
    if result.returncode != 0:
        pytest.fail(build_failure(root, result))
    return result


@contextmanager
def edited(path: Path, old: str, new: str):
    """The file with one edit, restored afterwards."""
    original = path.read_bytes()
    text = original.decode("utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        yield path
    finally:
        path.write_bytes(original)

"""Stamp the book with the commit it was built from, and with the code that built it.

The commit and its date become the substitutions ``book_commit`` and ``book_date``, and
SOURCE_DATE_EPOCH is set from the commit, so every date Sphinx prints is the commit's and
two builds of one commit are identical.

Sphinx writes every page again when an HTML setting changes, but it cannot see a change
to an extension's code. The digest of this folder's code and of the citation model
(``book_citation.py``) is therefore such a setting, ``bookbuild_digest``: an edit to either
makes the next build write every page again. (What the extensions do while pages are read,
running and caching the chapters, keys itself on what the chapters read; so writing is
enough, and costs less.)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from pathlib import Path

from sphinx.application import Sphinx

from book_citation import long_date


def git(srcdir: str, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=srcdir, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip()


def commit_label(srcdir) -> str:
    """The commit the book is built from, as the site and the PDF print it. "With uncommitted
    changes" means changes to the files the book is built from (the Makefile's BOOK_SOURCES;
    the whole tree when Sphinx is run by hand): an edited test leaves the book as committed."""
    commit = git(srcdir, "rev-parse", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    sources = os.environ.get("BOOK_SOURCES", ".").split()
    dirty = bool(git(srcdir, "status", "--porcelain", "--untracked-files=no", "--", *sources))
    return commit[:12] + (" (with uncommitted changes)" if dirty else "")


def stamp_commit(app: Sphinx, config) -> None:
    epoch = git(app.srcdir, "log", "-1", "--format=%ct")
    if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    config.myst_substitutions = {
        **config.myst_substitutions,
        "book_commit": commit_label(app.srcdir),
        "book_date": long_date(dt.date.fromisoformat(day)) if (day := git(app.srcdir, "log", "-1", "--format=%cs")) else "unknown",
    }


HERE = Path(__file__).parent
# The book's code that only Sphinx runs: its extensions and the citation model they import
# (sourcedata, which the chapters import too, keys the execution cache instead).
BOOK_CODE = [*sorted(HERE.glob("*.py")), HERE.parent / "book_citation.py"]


def code_digest() -> str:
    """SHA-256 over the names and bytes of the book's code."""
    digest = hashlib.sha256()
    for path in BOOK_CODE:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def setup(app: Sphinx) -> dict:
    app.add_config_value("bookbuild_digest", code_digest(), "html", str)
    app.connect("config-inited", stamp_commit)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

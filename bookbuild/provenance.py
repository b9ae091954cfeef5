"""Stamp the book with the commit it was built from.

The commit and its date become the substitutions ``book_commit`` and ``book_date``, and
SOURCE_DATE_EPOCH is set from the commit, so every date Sphinx prints is the commit's and
two builds of one commit are identical.
"""
from __future__ import annotations

import os
import subprocess

from sphinx.application import Sphinx


def git(srcdir: str, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=srcdir, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip()


def stamp_commit(app: Sphinx, config) -> None:
    commit = git(app.srcdir, "rev-parse", "HEAD")
    epoch = git(app.srcdir, "log", "-1", "--format=%ct")
    if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    dirty = bool(git(app.srcdir, "status", "--porcelain", "--untracked-files=no"))
    config.myst_substitutions = {
        **config.myst_substitutions,
        "book_commit": (commit[:12] + (" (with uncommitted changes)" if dirty else "")) if commit else "unknown (not a git checkout)",
        "book_date": git(app.srcdir, "log", "-1", "--format=%cs") or "unknown",
    }


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", stamp_commit)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

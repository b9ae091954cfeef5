"""Sphinx extension for the book: validate the data once, key the execution cache on it,
and stamp the build with its commit.

- At start-up the whole data package is validated, so bad data fails the build even when
  every chapter would come from the cache.
- Before a chapter is parsed, the files it depends on (``sourcedata.dependencies``) are
  noted as Sphinx dependencies, so that editing one makes Sphinx read the chapter again,
  and their fingerprint is written into its first code cell's metadata. The execution
  cache hashes cell metadata, so the chapter re-runs exactly when one of those files'
  contents changes.
- The commit and its date become the substitutions ``book_commit`` and ``book_date``, and
  SOURCE_DATE_EPOCH is set from the commit, so every date Sphinx prints is the commit's and
  two builds of one commit are identical.
"""
from __future__ import annotations

import os
import re
import subprocess

from myst_nb.core.read import read_myst_markdown_notebook
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from sourcedata.dependencies import ROOT, dependencies, fingerprint
from sourcedata.load import load_boundaries, load_package
from sourcedata.validate import DataError

FIRST_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n", re.MULTILINE)


def git(*args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip()


def validate_data(app: Sphinx) -> None:
    try:
        load_package()
        load_boundaries()
    except DataError as err:
        raise ExtensionError(f"the data package is invalid, so the book is not built:\n{err}") from None


def stamp_commit(app: Sphinx, config) -> None:
    commit = git("rev-parse", "HEAD")
    epoch = git("log", "-1", "--format=%ct")
    if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    date = git("log", "-1", "--format=%cs")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    config.myst_substitutions = {
        **config.myst_substitutions,
        "book_commit": (commit[:12] + (" (with uncommitted changes)" if dirty else "")) if commit else "unknown (not a git checkout)",
        "book_date": date or "unknown",
    }


def add_fingerprint(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    first = FIRST_CODE_CELL.search(text)
    if first is None:
        return
    code = "\n".join(cell.source for cell in read_myst_markdown_notebook(text).cells if cell.cell_type == "code")
    files = dependencies(code, cwd=(ROOT / docname).parent)
    for path in files:  # so that Sphinx re-reads the chapter when one of them changes
        app.env.note_dependency(str(path))
    stamp = fingerprint(files)
    after = text[first.end():]
    if after.startswith("---"):
        raise ExtensionError(f"{docname}: give the first code cell its options as ':key: value' lines")
    source[0] = text[: first.end()] + f":data_fingerprint: sha256-{stamp}\n" + after


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", stamp_commit)
    app.connect("builder-inited", validate_data)
    app.connect("source-read", add_fingerprint)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Stamp the book with the commit it was built from, and write every page in every build.

The commit and its date become the substitutions ``book_commit`` and ``book_date``, and
SOURCE_DATE_EPOCH is set from the commit, so every date Sphinx prints is the commit's and
two builds of one commit are identical.

Sphinx writes only the pages whose source changed. But a page also shows what the book's
extensions, its citation model and CITATION.cff make of it, which Sphinx cannot see change;
and when Sphinx updates the search index it drops the index entries (the glossary's terms)
of every page it does not write (sphinx-doc/sphinx#12599). So every build writes every
page, through ``env-updated``, Sphinx's own way to name pages to write: a build made step
by step then gives the clean build's site. Writing costs a few seconds; reading and running
the chapters again is what costs, and that is keyed on what the chapters read.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess

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


def write_every_page(app: Sphinx, env) -> set[str]:
    return env.found_docs


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", stamp_commit)
    app.connect("env-updated", write_every_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

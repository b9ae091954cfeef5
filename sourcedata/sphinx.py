"""Sphinx extension for the book: validate the data once, key the execution cache on it,
run the chapters that need it two at a time, and stamp the build with its commit.

- At start-up the whole data package is validated, so bad data fails the build even when
  every chapter would come from the cache.
- Before a chapter is parsed, the files it depends on (``sourcedata.dependencies``) are
  noted as Sphinx dependencies, so that editing one makes Sphinx read the chapter again,
  and their fingerprint is written into its first code cell's metadata. The execution
  cache hashes cell metadata, so the chapter re-runs exactly when one of those files'
  contents changes.
- Chapters that are about to be read and miss the cache are executed in parallel (one
  kernel per core) and stored in the cache, so myst-nb then finds them there. A chapter
  that fails is not stored: myst-nb runs it again and reports the error as usual.
- The commit and its date become the substitutions ``book_commit`` and ``book_date``, and
  SOURCE_DATE_EPOCH is set from the commit, so every date Sphinx prints is the commit's and
  two builds of one commit are identical.
"""
from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import read_myst_markdown_notebook
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from sourcedata.dependencies import ROOT, dependencies, fingerprint
from sourcedata.load import load_boundaries, load_package
from sourcedata.validate import DataError

FIRST_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n", re.MULTILINE)
logger = logging.getLogger(__name__)


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


def with_fingerprint(docname: str, text: str) -> tuple[str, list[Path]]:
    """The chapter's text with its fingerprint added, and the files it depends on."""
    first = FIRST_CODE_CELL.search(text)
    if first is None:
        return text, []
    code = "\n".join(cell.source for cell in read_myst_markdown_notebook(text).cells if cell.cell_type == "code")
    files = dependencies(code, cwd=(ROOT / docname).parent)
    after = text[first.end():]
    if after.startswith("---"):
        raise ExtensionError(f"{docname}: give the first code cell its options as ':key: value' lines")
    return text[: first.end()] + f":data_fingerprint: sha256-{fingerprint(files)}\n" + after, files


def add_fingerprint(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0], files = with_fingerprint(docname, source[0])
    for path in files:
        app.env.note_dependency(str(path))


def execute_missing(app: Sphinx, env, docnames: list[str]) -> None:
    """Run the chapters about to be read that are not in the cache, in parallel."""
    config = env.mystnb_config  # myst-nb's resolved settings, cache path included
    if config.execution_mode != "cache":
        return
    cache = get_cache(config.execution_cache_path)
    todo = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".md":
            continue
        text, files = with_fingerprint(docname, path.read_text(encoding="utf-8"))
        if not files:
            continue
        notebook = read_myst_markdown_notebook(text, add_source_map=True, path=path)
        with suppress(KeyError):
            cache.match_cache_notebook(notebook)
            continue
        todo.append((path, notebook))
    if len(todo) < 2:
        return  # nothing to gain: myst-nb runs a single chapter itself

    def run(item):
        path, notebook = item
        result = single_nb_execution(notebook, cwd=str(path.parent), timeout=config.execution_timeout,
                                     allow_errors=False, meta_override=True)
        return path, notebook, result

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        for path, notebook, result in pool.map(run, todo):
            if result.err is None:
                cache.cache_notebook_bundle(CacheBundleIn(notebook, str(path), data={"execution_seconds": result.time}),
                                            check_validity=False, overwrite=True)
            else:
                logger.info(f"{path.name} failed in parallel execution; myst-nb will run it and report why")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", stamp_commit)
    app.connect("builder-inited", validate_data)
    app.connect("env-before-read-docs", execute_missing)
    app.connect("source-read", add_fingerprint)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

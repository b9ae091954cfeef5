"""Validate the data, run the chapters, and key the execution cache on what they read.

- When the builder starts, the whole data package is validated: bad data stops the build
  with one message listing every problem (file, row, column, rule) and no traceback, even
  when every chapter would come from the cache.
- Before a chapter is parsed, the files it reads (``bookbuild.dependencies``) are noted as
  Sphinx dependencies, so that editing one makes Sphinx read the chapter again, and their
  fingerprint is written into its first code cell's metadata. jupyter-cache hashes cell
  metadata with the code, so the chapter re-runs exactly when one of those files changes.
- The chapters about to be read that miss the cache are run here, in parallel (one kernel
  per core), and stored in the cache, where myst-nb then finds them. Kernels talk over
  local IPC sockets rather than unencrypted TCP, and import the book's own ``sourcedata``
  from the source folder, so a copy of the repository builds with its own code and data.
  A chapter whose cell raises stops the build with that cell's error.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from fnmatch import fnmatch
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from myst_nb.core.read import read_myst_markdown_notebook
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode
from sphinx.application import Sphinx
from traitlets.config import Config

from bookbuild.dependencies import DependencyError, dependencies, fingerprint

FIRST_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n", re.MULTILINE)
COLOUR_CODES = re.compile(r"\x1b\[[0-9;]*m")  # a report in a log reads best in plain text


class BuildStopped(SystemExit):
    """Stops the build with a message for the author and no traceback: the problem is in
    the book's data or chapters, not in the build's code."""

    def __init__(self, message: str):
        super().__init__(f"\nThe book was not built.\n{message}")


def validate_data(app: Sphinx, config) -> None:
    # On reading the configuration, before any other extension (the bibliography) reads data/
    # and could stop the build on bad data with a traceback of its own.
    from sourcedata import DataError
    from sourcedata.load import load_boundaries, load_package

    data_dir = Path(app.srcdir) / "data"
    try:
        load_package(data_dir)
        load_boundaries(data_dir)
    except DataError as err:
        raise BuildStopped(str(err)) from None


def with_fingerprint(app: Sphinx, docname: str, text: str) -> tuple[str, list[Path]]:
    """The chapter's text with its fingerprint added, and the files it depends on."""
    first = FIRST_CODE_CELL.search(text)
    if first is None:
        return text, []
    source = Path(app.env.doc2path(docname))
    code = "\n".join(cell.source for cell in read_myst_markdown_notebook(text).cells if cell.cell_type == "code")
    try:
        files = dependencies(code, cwd=source.parent, root=Path(app.srcdir))
    except DependencyError as err:
        raise BuildStopped(f"{source.relative_to(app.srcdir)}: {err}") from None
    after = text[first.end():]
    if after.startswith("---"):
        raise BuildStopped(f"{docname}: give the first code cell its options as ':key: value' lines, not a --- block")
    return text[: first.end()] + f":data_fingerprint: sha256-{fingerprint(files, Path(app.srcdir))}\n" + after, files


def add_fingerprint(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0], files = with_fingerprint(app, docname, source[0])
    for path in files:
        app.env.note_dependency(str(path))


def run_notebook(notebook: NotebookNode, folder: Path, srcdir: Path, timeout: int, allow_errors: bool) -> float:
    """Execute in place with the book's package importable; seconds taken."""
    path = os.pathsep.join(filter(None, [str(srcdir), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:  # each kernel its own sockets
        # No timing in cell metadata: the cache hashes it, and myst-nb must find this run.
        client = NotebookClient(notebook, timeout=timeout, allow_errors=allow_errors, record_timing=False,
                                resources={"metadata": {"path": str(folder)}},
                                config=Config(KernelManager={"transport": "ipc", "ip": f"{sockets}/ipc"}))
        start = time.perf_counter()
        client.execute(env={**os.environ, "PYTHONPATH": path})
        return time.perf_counter() - start


def execute_missing(app: Sphinx, env, docnames: list[str]) -> None:
    """Run the chapters about to be read that are not in the cache, in parallel."""
    config = env.mystnb_config  # myst-nb's resolved settings, cache path included
    if config.execution_mode != "cache":
        raise BuildStopped("bookbuild.execution needs execute_notebooks: cache in _config.yml")
    cache = get_cache(config.execution_cache_path)
    todo = []
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname))
        if path.suffix != ".md" or any(fnmatch(docname, p) for p in config.execution_excludepatterns):
            continue
        text, files = with_fingerprint(app, docname, path.read_text(encoding="utf-8"))
        if not files:
            continue  # no code
        notebook = read_myst_markdown_notebook(text, add_source_map=True, path=path)
        with suppress(KeyError):
            cache.match_cache_notebook(notebook)
            continue
        todo.append((path, notebook))

    def run(item):
        path, notebook = item
        try:
            return path, notebook, run_notebook(notebook, path.parent, Path(app.srcdir), config.execution_timeout,
                                                config.execution_allow_errors), None
        except CellExecutionError as err:
            return path, notebook, None, err

    failures = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for path, notebook, seconds, error in pool.map(run, todo):
            if error is None:
                cache.cache_notebook_bundle(CacheBundleIn(notebook, str(path), data={"execution_seconds": seconds}),
                                            check_validity=False, overwrite=True)
            else:
                failures.append(f"{path.relative_to(app.srcdir)} failed to run:\n{COLOUR_CODES.sub('', str(error))}")
    if failures:
        raise BuildStopped("\n\n".join(failures))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", validate_data, priority=100)  # before any other handler
    app.connect("env-before-read-docs", execute_missing)
    app.connect("source-read", add_fingerprint)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""What the tests and the benchmarks share about the book: where it is, how to copy it,
the sources of its pages, which of them are notebooks and which files key each one's cache,
the pages of a built site, the README's commands that build it and its PDF, and a chapter
run as a researcher runs it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the repository leaves out: environments and caches, and (unless asked for) the build.
NOT_COPIED = (".venv", ".venv-cff", ".pytest_cache", "__pycache__", "*.egg-info", ".jupyter_cache")


def copy_repo(target: Path, source: Path = ROOT, with_build: bool = False) -> Path:
    """A copy of a working tree, file times kept so that make sees it as it is; with the
    book it built (but not the execution cache) when ``with_build`` is true."""
    ignored = NOT_COPIED if with_build else (*NOT_COPIED, "_build")
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*ignored), symlinks=True)
    return target


def page_sources(root: Path = ROOT) -> list[Path]:
    """The sources of the book's pages: intro.md, then every chapter."""
    return [root / "intro.md", *sorted((root / "chapters").glob("*.md"))]


def notebooks(root: Path = ROOT) -> list[Path]:
    """The book's pages that run as notebooks: those whose front matter names a kernel."""
    return [page for page in page_sources(root) if "kernelspec" in jupytext.read(page).metadata]


def rendered_pages(html: Path) -> list[Path]:
    """Every page Sphinx rendered into the built site ``html``: not Jupyter Book's redirect
    (index.html), not the theme's files."""
    return sorted(p for p in html.rglob("*.html")
                  if p != html / "index.html" and not p.relative_to(html).parts[0].startswith("_"))


def key_inputs(root: Path = ROOT) -> dict[str, set[Path]]:
    """For each notebook (relative to ``root``), the files its execution-cache key covers
    (bookbuild.dependencies): an edit to one of them re-runs it."""
    from bookbuild.dependencies import dependencies

    inputs = {}
    for page in notebooks(root):
        code = "\n".join(cell.source for cell in jupytext.read(page).cells if cell.cell_type == "code")
        inputs[page.relative_to(root).as_posix()] = set(dependencies(code, cwd=page.parent, root=root))
    return inputs


def make_in(root: Path, target: str, *options: str) -> subprocess.CompletedProcess:
    """`make [options] target` in ``root``, with the Python environment running this code, as
    it is: a copy whose locks are newer than that environment must not reinstall it (which
    would point its editable install of the book's package at the copy)."""
    return subprocess.run(["make", "--no-print-directory", f"--assume-old={sys.prefix}/.ready", *options, target,
                           f"VENV={sys.prefix}"], cwd=root, capture_output=True, text=True)


def make_book(root: Path) -> subprocess.CompletedProcess:
    return make_in(root, "book")


def make_pdf(root: Path) -> subprocess.CompletedProcess:
    """`make pdf` in ``root``, after `make book`."""
    return make_in(root, "pdf")


def pdf_of(root: Path) -> Path:
    """The one PDF `make pdf` wrote in ``root``."""
    made = sorted((root / "_build" / "pdf").glob("*.pdf"))
    if len(made) != 1:
        raise FileNotFoundError(f"expected one PDF in {root}/_build/pdf, found {made}")
    return made[0]


def run_as_notebook(root: Path, chapter: str) -> nbformat.NotebookNode:
    """The chapter run as Jupyter runs it: read by jupytext, executed by the book's kernel
    (python3 of this environment) in the chapter's folder, with ``root``'s package first on
    the kernel's path. A last cell prints which sourcedata the kernel imported."""
    notebook = jupytext.read(root / chapter)
    notebook.cells.append(nbformat.v4.new_code_cell("import sourcedata\nprint(sourcedata.__file__)"))
    path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:  # local sockets, as the build's kernels use
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str((root / chapter).parent)}},
                       config=Config(KernelManager={"transport": "ipc", "ip": f"{sockets}/ipc"})
                       ).execute(env={**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"})  # no trace in the copy
    return notebook


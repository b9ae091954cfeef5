"""Which files a chapter's output depends on, and a fingerprint of their contents.

Jupyter Book's execution cache keys a notebook on its code alone, so an edit to a CSV file
or to the analysis package would leave stale numbers in the book. ``bookbuild.execution``
adds the fingerprint computed here to each chapter before the cache looks it up: a chapter
re-runs exactly when a file it depends on changes.

A chapter depends on:
- the tables it names in ``load_package(tables=[...])`` and every table they refer to
  (all tables when it names none), with ``datapackage.json``;
- the boundaries file if it calls ``load_boundaries``, every data file if it calls
  ``data_digests``;
- every module of ``sourcedata`` that it imports, directly or through another module;
- any file it names in a string literal, such as ``Path("CITATION.cff")``;
- ``requirements.txt``, since new package versions can change any output.

The tables are read from the code, so the code must name them plainly: a call of
``load_package`` whose ``tables`` is not a literal list of names, or an import of it under
another name, raises DependencyError, which stops the build, rather than leaving a chapter
that silently misses its data.
"""
from __future__ import annotations

import ast
import hashlib
from pathlib import Path

PACKAGE = "sourcedata"
LOADER = "load_package"


class DependencyError(ValueError):
    """The chapter's code hides what it reads."""


def module_file(root: Path, module: str) -> Path:
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_modules(tree: ast.AST, root: Path) -> set[str]:
    """Modules of the package that the code imports (``from sourcedata import style`` counts)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == PACKAGE:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if module_file(root, f"{node.module}.{a.name}").exists()}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE}
    # Importing any submodule runs the package's __init__ first.
    return found | {PACKAGE} if found else found


def module_closure(modules: set[str], root: Path) -> set[Path]:
    files, todo = set(), list(modules)
    while todo:
        path = module_file(root, todo.pop())
        if path not in files:
            files.add(path)
            todo += imported_modules(ast.parse(path.read_text(encoding="utf-8")), root)
    return files


def called_name(node: ast.Call) -> str | None:
    return getattr(node.func, "id", getattr(node.func, "attr", None))


def tables_requested(tree: ast.AST) -> list[str] | None:
    """Tables named in ``load_package(tables=[...])`` calls; None if any call loads them all."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == LOADER and a.asname not in (None, LOADER) for a in node.names):
            raise DependencyError(f"import {LOADER} under its own name, so the build can see which tables are read")
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) == LOADER:
            keyword = next((k for k in node.keywords if k.arg == "tables"), None)
            if keyword is None:
                return None
            if not (isinstance(keyword.value, ast.List)
                    and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in keyword.value.elts)):
                raise DependencyError(f"line {node.lineno}: give {LOADER}(tables=[...]) a literal list of table names, "
                                      "so the build knows which tables the chapter reads")
            names += [element.value for element in keyword.value.elts]
    return names


def calls(tree: ast.AST, function: str) -> bool:
    return any(isinstance(node, ast.Call) and called_name(node) == function for node in ast.walk(tree))


def named_files(tree: ast.AST, cwd: Path) -> set[Path]:
    """Files named by string literals in the code, relative to the notebook's folder."""
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return {(cwd / s).resolve() for s in strings if "\n" not in s and len(s) < 200 and (cwd / s).is_file()}


def dependencies(code: str, cwd: Path, root: Path) -> list[Path]:
    """Every file the output of this notebook code (run in folder ``cwd`` of the book at
    ``root``) depends on, sorted."""
    from sourcedata.load import BOUNDARIES, tabular_resources, with_references

    tree = ast.parse(code)
    data_dir = root / "data"
    files = {root / "requirements.txt"} | module_closure(imported_modules(tree, root), root) | named_files(tree, cwd)
    resources = tabular_resources(data_dir)
    requested = tables_requested(tree)
    if requested is None or requested:
        names = with_references(resources if requested is None else requested, resources)
        files |= {data_dir / "datapackage.json"} | {data_dir / resources[name]["path"] for name in names}
    if calls(tree, "load_boundaries"):
        files.add(data_dir / BOUNDARIES)
    if calls(tree, "data_digests"):
        files |= {p for p in data_dir.iterdir() if p.is_file()}
    return sorted(files)


def fingerprint(files: list[Path], root: Path) -> str:
    """SHA-256 over the files' paths (relative to the book) and contents."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()

"""Which files a chapter's output depends on, and a fingerprint of their contents.

Jupyter Book's execution cache keys a notebook on its code alone, so an edit to a CSV file
or to this package would leave stale numbers in the book. The book's Sphinx extension
(``sourcedata.sphinx``) adds the fingerprint computed here to each chapter before the cache
looks it up: a chapter re-runs exactly when a file it depends on changes.

A chapter depends on:
- the tables it names in ``load_package(tables=[...])`` and every table they refer to
  (all tables when it names none), with ``datapackage.json``;
- the boundaries file if it calls ``load_boundaries``, every data file if it calls
  ``data_digests``;
- every module of this package that it imports, directly or through another module;
- any file it names in a string literal, such as ``Path("CITATION.cff")``;
- ``requirements.txt``, since new package versions can change any output.
"""
from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from sourcedata.load import BOUNDARIES, DATA_DIR, tabular_resources, with_references

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
PACKAGE = PACKAGE_DIR.name


def module_file(module: str) -> Path:
    relative = module.split(".")[1:]
    path = PACKAGE_DIR.joinpath(*relative)
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_modules(tree: ast.AST) -> set[str]:
    """Modules of this package that the code imports (``from sourcedata import style`` counts)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == PACKAGE:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names if module_file(f"{node.module}.{alias.name}").exists()}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE}
    # Importing any submodule runs the package's __init__ first.
    return found | {PACKAGE} if found else found


def module_closure(modules: set[str]) -> set[Path]:
    files, todo = set(), list(modules)
    while todo:
        path = module_file(todo.pop())
        if path not in files:
            files.add(path)
            todo += imported_modules(ast.parse(path.read_text(encoding="utf-8")))
    return files


def tables_requested(tree: ast.AST) -> list[str] | None:
    """Tables named in ``load_package(tables=[...])`` calls; None if any call loads them all."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "load_package":
            keyword = next((k for k in node.keywords if k.arg == "tables"), None)
            if keyword is None:
                return None
            names += [ast.literal_eval(element) for element in keyword.value.elts]
    return names


def calls(tree: ast.AST, function: str) -> bool:
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == function
        for node in ast.walk(tree)
    )


def named_files(tree: ast.AST, cwd: Path) -> set[Path]:
    """Files named by string literals in the code, relative to the notebook's folder."""
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return {(cwd / s).resolve() for s in strings if "\n" not in s and len(s) < 200 and (cwd / s).is_file()}


def dependencies(code: str, cwd: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file the output of this notebook code (run in folder ``cwd``) depends on, sorted."""
    tree = ast.parse(code)
    files = {ROOT / "requirements.txt"} | module_closure(imported_modules(tree)) | named_files(tree, cwd)
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


def fingerprint(files: list[Path]) -> str:
    """SHA-256 over the files' paths (relative to the repository) and contents."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()

"""Build benchmark: how long the book takes to build in the situations contributors meet.

Run with `make benchmark` (or `.venv/bin/python benchmarks/build.py [--repeat N]`). In one
process and one scratch copy of the repository it times, with N repetitions and medians:

- a clean build (no _build folder);
- a build with nothing changed;
- a build after editing one chapter's prose;
- a build after editing one data file;
- the same notebooks executed alone with nbclient, one after another (the baseline).

It prints each median, how many notebooks each build executed (from the execution cache),
and the ratios the project aims at: nothing changed / clean <= 0.1 and
clean / notebooks alone <= 1.5. Timings on a shared machine are noisy; the ratios, taken
within one run, are what to compare between commits.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from jupyter_cache import get_cache
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
IGNORED = shutil.ignore_patterns(".venv", "_build", ".pytest_cache", "__pycache__", "*.egg-info")


def notebooks(copy: Path) -> list[Path]:
    candidates = [copy / "intro.md", *sorted((copy / "chapters").glob("*.md"))]
    return [p for p in candidates if "```{code-cell}" in p.read_text(encoding="utf-8")]


def cache_entries(copy: Path) -> set[tuple[str, str]]:
    cache_dir = copy / "_build" / ".jupyter_cache"
    if not cache_dir.exists():
        return set()
    return {(r.uri, r.hashkey) for r in get_cache(cache_dir).list_cache_records()}


def build(copy: Path) -> tuple[float, int]:
    """Seconds for one `jupyter-book build`, and how many notebooks it executed."""
    before = cache_entries(copy)
    start = time.perf_counter()
    result = subprocess.run([str(JUPYTER_BOOK), "build", ".", "-n", "-W", "--keep-going"], cwd=copy,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(copy)})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {copy}:\n{result.stdout[-3000:]}")
    return seconds, len(cache_entries(copy) - before)


def execute_alone(copy: Path) -> tuple[float, int]:
    """Seconds to run every notebook with nbclient, as a reader re-running them would."""
    start = time.perf_counter()
    env_path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(copy)
    try:
        for path in notebooks(copy):
            notebook = jupytext.read(path)
            NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ.pop("PYTHONPATH") if env_path is None else os.environ.update(PYTHONPATH=env_path)
    return time.perf_counter() - start, len(notebooks(copy))


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each measurement (default 3)")
    repeat = parser.parse_args().repeat

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "book"
        shutil.copytree(ROOT, copy, ignore=IGNORED)
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in
                                                    ("clean", "nothing changed", "one chapter edited", "one data file edited", "notebooks alone")}
        for round_number in range(1, repeat + 1):
            shutil.rmtree(copy / "_build", ignore_errors=True)
            runs["clean"].append(build(copy))
            runs["nothing changed"].append(build(copy))
            append(copy / "chapters" / "glossary.md", f"\n<!-- benchmark edit {round_number} -->\n")
            append(copy / "chapters" / "rtop_background.md", f"\nA sentence added by the benchmark, round {round_number}.\n")
            runs["one chapter edited"].append(build(copy))
            sessions = copy / "data" / "sessions.csv"
            edited = re.sub(r"Gender Justice( \d+)?,", f"Gender Justice {round_number},", sessions.read_text(encoding="utf-8"), count=1)
            sessions.write_text(edited, encoding="utf-8")
            runs["one data file edited"].append(build(copy))
            runs["notebooks alone"].append(execute_alone(copy))
            print(f"round {round_number}/{repeat} done", file=sys.stderr)

    median = {name: statistics.median(s for s, _ in values) for name, values in runs.items()}
    print(f"{'measurement':<24}{'median s':>10}{'notebooks run':>16}")
    for name, values in runs.items():
        executed = sorted({n for _, n in values})
        print(f"{name:<24}{median[name]:>10.1f}{'/'.join(map(str, executed)):>16}")
    print()
    print(f"nothing changed / clean : {median['nothing changed'] / median['clean']:.2f}  (aim: <= 0.10)")
    print(f"clean / notebooks alone : {median['clean'] / median['notebooks alone']:.2f}  (aim: <= 1.50)")


if __name__ == "__main__":
    main()

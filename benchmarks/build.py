"""Build benchmark: what the README's commands cost, as multiples of one clean build.

Run with `make benchmark` (or `.venv/bin/python -m benchmarks.build [--repeat N]`). In one
process and one scratch copy of the repository it times `make book` in the situations
contributors meet, N times each (medians):

- a clean build (no _build folder);
- nothing changed (make finds every input older than the last build and skips Sphinx);
- one chapter's prose edited;
- one data file edited;

and, after each clean build, `make pdf` on it (the execution cache is warm: no notebook
runs; the time is WeasyPrint laying out and writing the pages, and the checks of
pdf/build.py); then `make test-fast` and `make test` once each, as a contributor runs them
after `make book` (the data edit undone and the book brought up to date, not timed). Last,
it deletes `_build` and runs `make test` once more, as `.ci/run` does on a fresh checkout,
so that the tests make the clean build first; this row has no aim of its own. It prints
each median, how many notebooks each command executed (from the execution cache), the PDF's
pages and size, and the ratios the project holds to: nothing changed / clean <= 0.10,
make pdf / clean <= 0.5, make test-fast / clean <= 0.5 and make test / clean <= 4. Seconds
on a shared machine are noisy; the ratios, taken within one run, are what to compare
between commits.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_cache import get_cache

from tools.book import ROOT, copy_repo, make_book, make_in, make_pdf

AIMS = {"nothing changed": 0.10, "make pdf": 0.5, "make test-fast": 0.5, "make test": 4.0}


def cache_entries(copy: Path) -> set[tuple[str, str]]:
    cache_dir = copy / "_build" / ".jupyter_cache"
    if not cache_dir.exists():
        return set()
    return {(r.uri, r.hashkey) for r in get_cache(cache_dir).list_cache_records()}


def timed(command, copy: Path) -> tuple[float, int, str]:
    """Seconds for one command in the copy, how many notebooks it executed, and what it printed."""
    before = cache_entries(copy)
    start = time.perf_counter()
    result = command(copy)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed in {copy}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, len(cache_entries(copy) - before), result.stdout


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each build (default 3)")
    repeat = parser.parse_args().repeat

    rounds = ("clean", "make pdf", "nothing changed", "one chapter edited", "one data file edited")
    runs: dict[str, list[tuple[float, int, str]]] = {name: [] for name in rounds}
    with tempfile.TemporaryDirectory() as scratch:
        copy = copy_repo(Path(scratch) / "book")
        if (ROOT / ".venv-cff").exists():  # the tests' cffconvert, installed once, not timed
            (copy / ".venv-cff").symlink_to(ROOT / ".venv-cff")
        for round_number in range(1, repeat + 1):
            subprocess.run(["rm", "-rf", str(copy / "_build")], check=True)
            runs["clean"].append(timed(make_book, copy))
            runs["make pdf"].append(timed(make_pdf, copy))
            runs["nothing changed"].append(timed(make_book, copy))
            append(copy / "chapters" / "rtop_background.md", f"\nA sentence added by the benchmark, round {round_number}.\n")
            runs["one chapter edited"].append(timed(make_book, copy))
            # A value no chapter guards with an assert (the researcher's path in test_builds edits it too).
            table = copy / "data" / "later_statistics.csv"
            original = table.read_text(encoding="utf-8")
            edited = re.sub(r",more than,45,countries,2019-05,", ",more than,46,countries,2019-05,", original, count=1)
            table.write_text(edited, encoding="utf-8")
            runs["one data file edited"].append(timed(make_book, copy))
            table.write_text(original, encoding="utf-8")  # make test's researcher path edits this value
            print(f"round {round_number}/{repeat} done", file=sys.stderr)
        timed(make_book, copy)  # not recorded: the README's order is make book, then make test
        for target in ("test-fast", "test"):
            runs[f"make {target}"] = [timed(lambda root: make_in(root, target), copy)]
        subprocess.run(["rm", "-rf", str(copy / "_build")], check=True)
        runs["make test, no build"] = [timed(lambda root: make_in(root, "test"), copy)]

    median = {name: statistics.median(s for s, _, _ in values) for name, values in runs.items()}
    print(f"{'measurement':<24}{'median s':>10}{'notebooks run':>16}{'/ clean':>10}")
    for name, values in runs.items():
        executed = "/".join(map(str, sorted({n for _, n, _ in values})))
        print(f"{name:<24}{median[name]:>10.1f}{executed:>16}{median[name] / median['clean']:>10.2f}")
    print()
    pdf_report = runs["make pdf"][-1][2]  # pdf/build.py's line: the PDF's pages, size and fonts
    print(next((line for line in pdf_report.splitlines() if line.startswith("_build/pdf/")), pdf_report.strip()[-300:]))
    for name, aim in AIMS.items():
        ratio = median[name] / median["clean"]
        print(f"{name} / clean : {ratio:.2f}  (aim: <= {aim:.2f}){'' if ratio <= aim else '  MISSED'}")


if __name__ == "__main__":
    main()

"""PDF benchmark: what `make pdf` costs, as a multiple of one clean HTML build.

Run with `.venv/bin/python -m benchmarks.pdf [--repeat N]`. In one process and one
scratch copy of the repository it times, N times each (medians):

- a clean `make book` (no _build folder);
- then `make pdf` on that build (the execution cache is warm: no notebook runs; the
  time is WeasyPrint laying out and writing the pages, and the checks of pdf/build.py).

It prints both, their ratio, and the PDF's pages and size. Seconds on a shared machine
are noisy; the ratio, taken within one run, is what to compare between commits.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.book import copy_repo, make_book, make_pdf

AIM = 0.5  # make pdf / clean build


def timed(command, copy: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = command(copy)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed in {copy}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="repetitions of each build (default 2)")
    repeat = parser.parse_args().repeat

    clean, pdf, report = [], [], ""
    with tempfile.TemporaryDirectory() as scratch:
        copy = copy_repo(Path(scratch) / "book")
        for round_number in range(1, repeat + 1):
            subprocess.run(["rm", "-rf", str(copy / "_build")], check=True)
            clean.append(timed(make_book, copy)[0])
            seconds, report = timed(make_pdf, copy)
            pdf.append(seconds)
            print(f"round {round_number}/{repeat} done", file=sys.stderr)

    book_s, pdf_s = statistics.median(clean), statistics.median(pdf)
    print(f"{'measurement':<24}{'median s':>10}{'/ clean':>10}")
    print(f"{'clean make book':<24}{book_s:>10.1f}{1:>10.2f}")
    print(f"{'make pdf':<24}{pdf_s:>10.1f}{pdf_s / book_s:>10.2f}")
    print()
    print(next((line for line in report.splitlines() if line.startswith("_build/pdf/")), report.strip()[-300:]))
    ratio = pdf_s / book_s
    print(f"make pdf / clean : {ratio:.2f}  (aim: <= {AIM:.2f}){'' if ratio <= AIM else '  MISSED'}")


if __name__ == "__main__":
    main()

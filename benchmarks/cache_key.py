"""Cache-key benchmark: how many notebooks an edit re-runs, per kind of edit, under the
per-chapter key (``bookbuild.dependencies``: the tables and sourcedata modules a chapter
reads) and under one digest of ``data/`` and ``sourcedata/`` for every chapter.

Run with `.venv/bin/python -m benchmarks.cache_key`. Nothing is built: a notebook re-runs
when its key changes, so the count for an edit of a file is the number of chapters whose
key covers that file. A chapter's own code re-runs that chapter alone under either key.
"""
from __future__ import annotations

import statistics

from tools.book import ROOT, key_inputs


def main() -> None:
    inputs = key_inputs()
    total = len(inputs)
    kinds = {
        "a data table": sorted((ROOT / "data").glob("*.csv")),
        "a sourcedata module": sorted((ROOT / "sourcedata").glob("*.py")),
    }
    print(f"{total} notebooks. Notebooks re-run by one edit (min / median / max over the files of each kind):")
    print(f"{'edit':<24}{'per-chapter key':>18}{'one digest':>12}")
    for kind, files in kinds.items():
        counts = [sum(path in read for read in inputs.values()) for path in files]
        print(f"{kind:<24}{f'{min(counts)} / {statistics.median(counts):g} / {max(counts)}':>18}{total:>12}")
    print(f"{'a chapter':<24}{1:>18}{1:>12}")
    for kind, files in kinds.items():
        print(f"\n{kind}:")
        for path in files:
            print(f"  {path.name:<34}{sum(path in read for read in inputs.values()):>3}")


if __name__ == "__main__":
    main()

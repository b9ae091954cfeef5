"""Lighthouse mobile performance of every page of the built book: the median of 5 runs.

Lighthouse is a Node program, so it is not part of the Python environment: install it once
in a folder of your choice (Lighthouse 13 needs Node 22; 12.2.3 runs on Node 20), then
point this script at it after `make book`:

    npm i -E lighthouse@12.2.3 --prefix /tmp/lighthouse
    .venv/bin/python -m benchmarks.lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse

It serves _build/html on 127.0.0.1 with gzip, as the page-weight benchmark does, runs Lighthouse's
default mobile audit (simulated slow 4G and a slowed CPU) in Debian's Chromium, and prints
each page's performance score and first contentful paint. The aim is 95 or more on every
page. Scores move by a few points from run to run, and on this shared machine single runs of
one page have ranged from 72 to 98; Lighthouse's own advice (docs/variability.md in its
repository) is the median of five runs, which about halves that spread.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess

from tools.book import ROOT, rendered_pages
from tools.browser import FLAGS, chromium_path
from tools.serve import serve

AIM = 95
RUNS = 5


def audit(lighthouse: str, url: str) -> tuple[float, float]:
    """Performance score (0-100) and first contentful paint (ms) of one run."""
    result = subprocess.run([lighthouse, url, "--only-categories=performance", "--output=json", "--quiet",
                             f"--chrome-flags={' '.join(FLAGS)}"],
                            capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": chromium_path()})
    report = json.loads(result.stdout)
    return report["categories"]["performance"]["score"] * 100, report["audits"]["first-contentful-paint"]["numericValue"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lighthouse", help="the lighthouse command (its path in node_modules/.bin)")
    lighthouse = parser.parse_args().lighthouse
    html = ROOT / "_build" / "html"
    pages = [page.relative_to(html).as_posix() for page in rendered_pages(html)]
    print(f"{'page':<36}{'score':>7}{'first paint ms':>16}")
    with serve(html) as base:
        for name in pages:
            runs = [audit(lighthouse, f"{base}/{name}") for _ in range(RUNS)]
            score, paint = statistics.median(s for s, _ in runs), statistics.median(p for _, p in runs)
            print(f"{name:<36}{score:>7.0f}{paint:>16.0f}{'' if score >= AIM else '  below ' + str(AIM)}", flush=True)


if __name__ == "__main__":
    main()

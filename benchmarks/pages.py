"""Page-weight benchmark: what a cold load of each page of the built book transfers.

Run `make book` first, then `.venv/bin/python benchmarks/pages.py` (or `make benchmark`).
It serves _build/html on 127.0.0.1 with gzip, opens every page in a fresh Debian Chromium
context (no cache), and prints the bytes transferred (bodies as sent, plus headers) and
the ratio to the 400 KB budget. Bytes, unlike seconds, are the same on every run.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tools.browser import BUDGET_BYTES, launch, visit  # noqa: E402
from tools.serve import serve  # noqa: E402


def main() -> int:
    html = ROOT / "_build" / "html"
    pages = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html") if not p.relative_to(html).parts[0].startswith("_"))
    over = 0
    with serve(html) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        print(f"{'page':<36}{'KB':>8}{'of budget':>11}")
        for name in pages:
            page, seen = visit(browser, f"{base}/{name}", base)
            page.context.close()
            ratio = seen.transferred_bytes / BUDGET_BYTES
            over += ratio > 1
            print(f"{name:<36}{seen.transferred_bytes / 1024:>8.0f}{ratio:>11.2f}{'  OVER' if ratio > 1 else ''}")
        browser.close()
    print(f"\n{len(pages) - over} of {len(pages)} pages within the {BUDGET_BYTES // 1024} KB budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

"""Page-weight benchmark: what a cold load of each page of the built book transfers.

Run `make book` first, then `.venv/bin/python -m benchmarks.pages` (or `make benchmark`).
It serves _build/html on 127.0.0.1 with gzip, opens every page in a fresh Debian Chromium
context (no cache), and prints the bytes transferred (bodies as sent, plus headers) and
the ratio to the 400 KB budget. Bytes, unlike seconds, are the same on every run.
The browser test asserts the same budget, but shows a page's bytes only when it fails.
"""
from __future__ import annotations

from playwright.sync_api import sync_playwright

from tools.book import ROOT, rendered_pages
from tools.browser import BUDGET_BYTES, launch, visit
from tools.serve import serve


def main() -> None:
    html = ROOT / "_build" / "html"
    pages = [page.relative_to(html).as_posix() for page in rendered_pages(html)]
    with serve(html) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        print(f"{'page':<36}{'KB':>8}{'of budget':>11}")
        for name in pages:
            page, seen = visit(browser, f"{base}/{name}", base)
            page.context.close()
            ratio = seen.transferred_bytes / BUDGET_BYTES
            print(f"{name:<36}{seen.transferred_bytes / 1024:>8.0f}{ratio:>11.2f}{'  OVER' if ratio > 1 else ''}")


if __name__ == "__main__":
    main()

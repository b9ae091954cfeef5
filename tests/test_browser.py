"""The built book in a real browser (Debian's Chromium via Playwright), page by page:
no third-party requests, no errors, no axe-core violations in light or dark mode, images
described, no sideways scrolling on a phone, metadata, search, and reading from disk."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tools.browser import chromium_path, launch, visit
from tools.serve import serve

AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js").read_text(encoding="utf-8")
BUDGET_BYTES = 400 * 1024
PHONE = {"width": 375, "height": 740}


def built_pages(book_html: Path) -> list[str]:
    return sorted(p.relative_to(book_html).as_posix() for p in book_html.rglob("*.html") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def site(book_html):
    with serve(book_html) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    try:
        chromium_path()
    except RuntimeError as missing:
        if os.environ.get("CI"):
            raise  # CI installs Chromium: its absence there is a failure
        pytest.skip(f"{missing} (the browser tests run in CI)")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def pages_of(book_html_dir: Path = Path(__file__).resolve().parent.parent / "_build" / "html"):
    # Parametrised at collection time from the toc, so that a missing page is a failure, not a skip.
    import yaml

    root = Path(__file__).resolve().parent.parent
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"], *(c["file"] for part in toc["parts"] for c in part["chapters"])]
    return [f"{d}.html" for d in docs] + ["search.html", "genindex.html"]


PAGES = pages_of()


def run_axe(page) -> list[str]:
    page.add_script_tag(content=AXE)
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 120)}`)")
    return violations


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_within_budget(site, browser, name):
    page, seen = visit(browser, f"{site}/{name}", site)
    try:
        assert seen.external_requests == [], f"{name} asked other hosts: {seen.external_requests}"
        assert seen.errors == [], f"{name}: {seen.errors}"
        assert seen.failed_responses == [], f"{name}: {seen.failed_responses}"
        assert seen.transferred_bytes <= BUDGET_BYTES, f"{name}: {seen.transferred_bytes} bytes on a cold load"
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(site, browser, name, scheme):
    page, _ = visit(browser, f"{site}/{name}", site, color_scheme=scheme)
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        assert run_axe(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("name", PAGES)
def test_images_metadata_and_phone_width(site, browser, name):
    page, _ = visit(browser, f"{site}/{name}", site, viewport=PHONE)
    try:
        missing_alt = page.evaluate("[...document.images].filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src)")
        assert missing_alt == [], f"{name}: images without alt text: {missing_alt}"
        broken = page.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], f"{name}: images that did not load: {broken}"
        description = page.evaluate("document.querySelector('meta[name=description]')?.content || ''")
        assert len(description) > 30, f"{name}: no meta description"
        assert page.evaluate("!!document.querySelector('link[rel~=icon]')"), f"{name}: no favicon"
        heading = page.evaluate("document.querySelector('main h1')?.childNodes[0]?.textContent || ''").strip()
        if name not in ("search.html", "genindex.html"):  # these two have no chapter heading
            assert heading and heading in page.title(), f"{name}: title {page.title()!r} does not name {heading!r}"
        overflow = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.right > window.innerWidth + 1 && !e.closest('.table-scroll, pre, .highlight, .bd-sidebar-primary, .bd-sidebar-secondary');
        }).map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{name} scrolls sideways: {overflow}"
    finally:
        page.context.close()


@pytest.mark.parametrize("query", ["1325", "Responsibility to Protect"])
def test_search_finds_the_chapters(site, browser, query):
    page, seen = visit(browser, f"{site}/search.html?q={query.replace(' ', '+')}", site)
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=10_000)
        hits = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
        assert any("/chapters/" in hit for hit in hits), hits
        assert seen.errors == []
    finally:
        page.context.close()


def test_book_works_opened_from_disk(book_html, browser):
    prefix = book_html.as_uri()
    page, seen = visit(browser, f"{prefix}/chapters/participants.html", prefix)
    try:
        assert seen.external_requests == [] and seen.errors == []
        assert page.evaluate("[...document.images].every(i => i.naturalWidth > 0)"), "a figure did not load from disk"
        page.click("a.right-next")
        page.wait_for_load_state("load")
        assert page.url.endswith("countries.html")
        page.goto(f"{prefix}/search.html?q=1325")
        page.wait_for_selector("#search-results ul.search li", timeout=10_000)
    finally:
        page.context.close()


def test_every_executable_chapter_offers_a_notebook(book_html):
    import nbformat

    for name in PAGES:
        html = (book_html / name).read_text(encoding="utf-8")
        source = Path(__file__).resolve().parent.parent / name.replace(".html", ".md")
        if source.exists() and "```{code-cell}" in source.read_text(encoding="utf-8"):
            assert 'class="notebook-download"' in html, name
            notebook = nbformat.read(book_html / "_sources" / name.replace(".html", ".ipynb"), as_version=4)
            nbformat.validate(notebook)
            assert any(cell.cell_type == "code" and cell.outputs for cell in notebook.cells), f"{name}: no outputs"


def test_figures_have_their_data_one_click_away(book_html):
    for name in PAGES:
        html = (book_html / name).read_text(encoding="utf-8")
        figures, data_blocks = html.count("<figure"), html.count('class="figure-data"')
        assert data_blocks >= figures, f"{name}: {figures} figures but {data_blocks} data blocks"
        for link in __import__("re").findall(r'href="\.\./data/([^"]+)"', html):
            assert (book_html / "data" / link).exists(), f"{name}: links to missing data/{link}"

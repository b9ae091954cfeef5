"""The built book in a real browser (Debian's Chromium via Playwright). Each page is loaded
once: no third-party requests, no errors, within the byte budget; images described,
metadata; glued values set like the text around them; no axe-core violations in light
mode, nor of its colour rules in dark; no sideways scrolling on a phone, tables included.
Then search, and reading from disk."""
from __future__ import annotations

import base64
import hashlib
import os
from contextlib import suppress
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from tools.browser import BUDGET_BYTES, chromium_path, launch, visit
from tools.serve import serve

ROOT = Path(__file__).resolve().parent.parent
# The newest axe-core, kept in tests/vendor (see its README) and checked against the hash its
# publisher gives for the release before any page is judged by it.
AXE_VERSION = "4.14.1"
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
AXE_FILE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 740}
WITHOUT_HEADING = ("search.html", "genindex.html")  # pages with no chapter heading


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


def trusted_axe() -> str:
    script = AXE_FILE.read_bytes()
    digest = "sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert digest == AXE_SRI, f"{AXE_FILE} is not the published axe-core {AXE_VERSION} ({digest})"
    assert script.startswith(f"/*! axe v{AXE_VERSION}\n".encode())
    return script.decode("utf-8")


AXE = trusted_axe()


def pages_of_the_toc() -> list[str]:
    # Read at collection time, so that a page missing from the build is a failure, not a skip.
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"], *(c["file"] for part in toc["parts"] for c in part["chapters"])]
    return [f"{d}.html" for d in docs] + list(WITHOUT_HEADING)


# The axe-core rules whose outcome depends on colour: all that can change between light and
# dark, as long as no element shows in one mode only (the theme's only-light and only-dark).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page, every rule or only ``rules``. (resultTypes: axe
    details only the violations, the one result read here, which is faster.)"""
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    return page.evaluate("async options => (await axe.run(document, options)).violations.map(v => "
                         "`${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 120)}`)", options)


def load_every_image(page) -> None:
    """Figures load lazily: ask for every one now, and wait until each has loaded or failed."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("[...document.images].every(i => i.complete)", timeout=10_000)


@pytest.mark.parametrize("name", pages_of_the_toc())
def test_page_is_light_clean_and_accessible(site, browser, name):
    page, seen = visit(browser, f"{site}/{name}", site, color_scheme="light")
    try:
        assert seen.external_requests == [], f"{name} asked other hosts: {seen.external_requests}"
        assert seen.errors == [], f"{name}: {seen.errors}"
        assert seen.failed_responses == [], f"{name}: {seen.failed_responses}"
        assert seen.transferred_bytes <= BUDGET_BYTES, f"{name}: {seen.transferred_bytes} bytes on a cold load"

        missing_alt = page.evaluate("[...document.images].filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src)")
        assert missing_alt == [], f"{name}: images without alt text: {missing_alt}"
        description = page.evaluate("document.querySelector('meta[name=description]')?.content || ''")
        assert len(description) > 30, f"{name}: no meta description"
        assert page.evaluate("!!document.querySelector('link[rel~=icon]')"), f"{name}: no favicon"
        heading = page.evaluate("document.querySelector('main h1')?.childNodes[0]?.textContent || ''").strip()
        if name not in WITHOUT_HEADING:
            assert heading and heading in page.title(), f"{name}: title {page.title()!r} does not name {heading!r}"

        # axe-core fetches the stylesheets again, relative to the page: a 404 it causes is not the page's.
        page.add_script_tag(content=AXE)
        # Colours must be final when axe measures contrast, not halfway through the theme's fades.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        assert page.evaluate("document.querySelectorAll('.only-light, .only-dark').length") == 0, \
            f"{name} shows content in one colour mode only: run every axe rule in dark mode too"
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            with suppress(PlaywrightTimeout):  # the theme follows the system ("auto" mode), soon
                page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'", timeout=5_000)
            assert page.evaluate("document.documentElement.dataset.theme") == scheme, f"{name} ignores a {scheme} system"
            # every rule in light mode; in dark, the colour rules, the only ones it can change
            assert axe_violations(page, None if scheme == "light" else COLOUR_RULES) == [], f"{name} in {scheme} mode"

        bold = page.evaluate("""[...document.querySelectorAll('span.pasted-text')].filter(e =>
            getComputedStyle(e).fontWeight !== getComputedStyle(e.parentElement).fontWeight).map(e => e.textContent)""")
        assert bold == [], f"{name}: glued values set apart from their sentence: {bold[:5]}"

        page.set_viewport_size(PHONE)
        wide = page.evaluate("""[...document.querySelectorAll('.table-scroll')].filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => e.getAttribute('aria-label'))""")
        assert wide == [], f"{name}: tables that scroll sideways on a phone: {wide}"
        load_every_image(page)
        broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], f"{name}: images that did not load: {broken}"
        overflow = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.right > window.innerWidth + 1 && !e.closest('.table-scroll, pre, .highlight, .bd-sidebar-primary, .bd-sidebar-secondary');
        }).map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{name} scrolls sideways on a phone: {overflow}"
    finally:
        page.context.close()


@pytest.mark.parametrize("query", ["1325", "Responsibility to Protect"])
def test_search_finds_the_chapters(site, browser, query):
    page, seen = visit(browser, f"{site}/search.html?q={query.replace(' ', '+')}", site)
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=10_000)
        hits = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
        assert any("/chapters/" in hit for hit in hits), f"searching {query!r} found no chapter: {hits}"
        assert seen.errors == [], f"searching {query!r}: {seen.errors}"
    finally:
        page.context.close()


def test_book_works_opened_from_disk(book_html, browser):
    prefix = book_html.as_uri()
    page, seen = visit(browser, f"{prefix}/chapters/participants.html", prefix)
    try:
        assert seen.external_requests == [] and seen.errors == [], f"from disk: {seen}"
        load_every_image(page)
        assert page.evaluate("[...document.images].every(i => i.naturalWidth > 0)"), "a figure did not load from disk"
        page.click("a.right-next")
        page.wait_for_load_state("load")
        assert page.url.endswith("rtop_background.html")  # the next chapter in _toc.yml
        page.goto(f"{prefix}/search.html?q=1325")
        page.wait_for_selector("#search-results ul.search li", timeout=10_000)
    finally:
        page.context.close()

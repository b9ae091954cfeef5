"""The built book in a real browser (Debian's Chromium via Playwright). Each page is loaded
once: no rule the build trimmed from the themes' stylesheets matches an element; no
third-party requests, no errors, within the byte budget; images described,
metadata; glued values set like the text around them; no axe-core violations in light
mode, nor of its colour rules in dark; no sideways scrolling on a phone, tables included;
and on the phone a tap opens each of its menus. Then search, and reading from disk. Then a
reader's taps and clicks: the menus on a phone and on a laptop, the mode button, search,
"Cite this", the download menu, a figure's data; and what the layout must show: the
heading scale, long tables, citations, the footer's links."""
from __future__ import annotations

import base64
import hashlib
import re
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

import pydata_sphinx_theme
import pytest
import sphinx
import sphinx_book_theme
import sphinx_copybutton
import sphinx_design
import sphinx_togglebutton
import tinycss2
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.helpers import toc_pages
from tools.book import ROOT
from tools.browser import BUDGET_BYTES, visit

# The newest axe-core, kept in tests/vendor (see its README) and checked against the hash its
# publisher gives for the release before any page is judged by it.
AXE_VERSION = "4.14.1"
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
AXE_FILE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 740}
WITHOUT_HEADING = ("search.html", "genindex.html")  # pages with no chapter heading


def trusted_axe() -> str:
    script = AXE_FILE.read_bytes()
    digest = "sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert digest == AXE_SRI, f"{AXE_FILE} is not the published axe-core {AXE_VERSION} ({digest})"
    assert script.startswith(f"/*! axe v{AXE_VERSION}\n".encode())
    return script.decode("utf-8")


AXE = trusted_axe()


def pages_of_the_toc() -> list[str]:
    # Read at collection time, so that a page missing from the build is a failure, not a skip.
    return [f"{name}.html" for name in toc_pages()] + list(WITHOUT_HEADING)


# The axe-core rules whose outcome depends on colour: all that can change between light and
# dark on a page where no element shows in one mode only (the theme's only-light and only-dark).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page, every rule or only ``rules``. (resultTypes: axe
    details only the violations, the one result read here, which is faster.)"""
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    return page.evaluate("async options => (await axe.run(document, options)).violations.map(v => "
                         "`${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 120)}`)", options)


# The themes' stylesheets as their packages ship them, beside what the build trims them to
# (bookbuild/stylesheets.py): no rule the trim took away may match an element.
SHIPPED = {
    "styles/pydata-sphinx-theme.css": Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "styles",
    "styles/sphinx-book-theme.css": Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme" / "static" / "styles",
    "sphinx-design.min.css": Path(sphinx_design.__file__).parent / "static",
    "togglebutton.css": Path(sphinx_togglebutton.__file__).parent / "_static",
    "copybutton.css": Path(sphinx_copybutton.__file__).parent / "_static",
    "basic.css": Path(sphinx.__file__).parent / "themes" / "basic" / "static",  # basic.css.jinja: plain CSS but three settings
}
# What a selector asks of the reader's pointer, focus or history, or of a part of an element,
# outside parentheses: without it, a selector matches whenever the element it styles is in the page.
STATE_OR_PART = re.compile(r"::?(?:before|after|placeholder|marker|selection|backdrop|-webkit-[\w-]+|-moz-[\w-]+)(?![\w-])"
                           r"|:(?:focus-visible|focus-within|hover|focus|active|visited|checked|target)(?![\w-])")


def without_states(selector: str) -> str:
    """``selector`` without its STATE_OR_PART, but for those inside :not() and the like."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(selector + "("):
        if char in "()":
            if depth == 0:
                parts.append(STATE_OR_PART.sub("", selector[start:i]))
                start = i
            depth += 1 if char == "(" else -1
            if depth == 0:
                parts.append(selector[start:i + 1])
                start = i + 1
    return "".join(parts).strip() or "*"


def selectors(css: str) -> set[str]:
    """Every selector of a stylesheet's rules, those in @media and @supports too."""
    found = set()
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "qualified-rule":
            depth, start, text = 0, 0, tinycss2.serialize(rule.prelude)
            for i, char in enumerate(text + ","):  # split at the commas outside :is(), :not() and the like
                depth += {"(": 1, ")": -1}.get(char, 0)
                if char == "," and depth == 0:
                    found.add(without_states(text[start:i]))
                    start = i + 1
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            found |= selectors(tinycss2.serialize(rule.content))
    return found


@cache
def trimmed_away(book_html: Path) -> list[str]:
    removed = set()
    for name, folder in SHIPPED.items():
        shipped = next(folder.glob(Path(name).name + "*")).read_text(encoding="utf-8")
        removed |= selectors(shipped) - selectors((book_html / "_static" / name).read_text(encoding="utf-8"))
    return sorted(removed)


def load_every_image(page) -> None:
    """Figures load lazily: ask for every one now, and wait until each has loaded or failed."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("[...document.images].every(i => i.complete)", timeout=10_000)


@pytest.mark.parametrize("name", pages_of_the_toc())
def test_page_is_light_clean_accessible_and_opens_its_menus_on_a_phone(site, book_html, browser, name):
    # With touch, so that the reader on a phone below can tap; at laptop width it changes no
    # style, layout or request.
    page, seen = visit(browser, f"{site}/{name}", site, color_scheme="light", has_touch=True)
    try:
        matched = page.evaluate("""selectors => selectors.filter(s => {
            try { return document.querySelector(s) !== null; } catch (invalid) { return CSS.supports(`selector(${s})`); } })""",
                                trimmed_away(book_html))
        assert matched == [], f"{name}: rules the build trimmed from the themes' stylesheets match: {matched[:5]}"
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

        # Everything folded is checked as a reader who opens it sees it.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        # axe-core fetches the stylesheets again, relative to the page: a 404 it causes is not the page's.
        page.add_script_tag(content=AXE)
        # Colours must be final when axe measures contrast, not halfway through the theme's fades.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        # Content shown in one mode only (the figures' light and dark renderings) is checked by every rule in each.
        one_mode_only = page.evaluate("document.querySelectorAll('.only-light, .only-dark').length") > 0
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            with suppress(PlaywrightTimeout):  # the theme follows the system ("auto" mode), soon
                page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'", timeout=5_000)
            assert page.evaluate("document.documentElement.dataset.theme") == scheme, f"{name} ignores a {scheme} system"
            every_rule = scheme == "light" or one_mode_only
            assert axe_violations(page, None if every_rule else COLOUR_RULES) == [], f"{name} in {scheme} mode"

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

        # Last, as a menu's contents move into its dialog and back: the checks above read the page as served.
        for toggle, menu in ((".primary-toggle", "#pst-primary-sidebar-modal a.reference"),
                             (".secondary-toggle", "#pst-secondary-sidebar-modal nav.page-toc a")):
            if not page.locator(f"{toggle}:visible").count():
                assert toggle == ".secondary-toggle" and not page.locator("nav.page-toc").count(), f"{name} has no {toggle}"
                continue  # a page without sections has no contents to show
            opens_and_closes(page, page.tap, f"{toggle}:visible", page.locator(menu).first)
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


# A reader's taps and clicks: each test does what a reader does and looks for what the reader
# would see. A page opened fresh, at a size and (on a phone) with touch.
@contextmanager
def opened(browser, site, name, width, height=800, **options):
    """A page as a reader opens it ``width`` px wide: the page, what loading it showed up to
    the load event (the reader's task begins there), and how the reader presses (a tap on a
    touch screen, a click on a laptop); closed afterwards."""
    touch = width < 992  # the themes' breakpoint between the laptop and the phone layouts
    page, seen = visit(browser, f"{site}/{name}", site, until="load", viewport={"width": width, "height": height},
                       has_touch=touch, color_scheme=options.pop("color_scheme", "light"), **options)
    try:
        yield page, seen, (page.tap if touch else page.click)
    finally:
        page.context.close()


def opens_and_closes(page, tap, toggle: str, shown) -> None:
    """A tap on ``toggle`` brings ``shown`` into view, and Escape puts it away again."""
    expect(shown).not_to_be_visible()
    tap(toggle)
    expect(shown).to_be_visible()
    expect(shown).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(shown).not_to_be_visible()


@pytest.mark.parametrize("width", [375, 700])
def test_a_reader_on_a_small_screen_opens_the_chapter_list_and_goes_to_a_chapter(site, browser, width):
    with opened(browser, site, "chapters/conference.html", width) as (page, seen, tap):
        chapter = page.locator("#pst-primary-sidebar-modal a.reference", has_text="How this book knows what it says")
        opens_and_closes(page, tap, ".primary-toggle:visible", chapter)  # the ☰ in the article's header
        tap(".primary-toggle:visible")
        chapter.tap()
        page.wait_for_url("**/chapters/methods.html")
        assert seen.errors == [], seen.errors


def test_a_mistyped_address_shows_the_book_s_404_page_whose_menu_leads_to_a_chapter(site, browser):
    with opened(browser, site, "chapters/no-such-chapter.html", PHONE["width"], PHONE["height"]) as (page, seen, tap):
        page.wait_for_load_state("networkidle")  # every file the 404 page asks for, from an address below the root
        assert seen.failed_responses == [f"404 {site}/chapters/no-such-chapter.html"], seen.failed_responses
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        tap(".primary-toggle:visible")
        page.locator("#pst-primary-sidebar-modal a.reference", has_text="How this book knows what it says").tap()
        page.wait_for_url(f"{site}/chapters/methods.html")
        expect(page.locator("main h1").first).to_contain_text("How this book knows what it says")


def test_a_reader_on_a_tablet_opens_the_contents_of_the_page(site, browser):
    # (on a phone, test_page_is_light_clean_accessible_and_opens_its_menus_on_a_phone taps it on every page)
    with opened(browser, site, "chapters/conference.html", 700) as (page, seen, tap):
        # "On this page", the last icon of the article's header
        opens_and_closes(page, tap, ".secondary-toggle:visible", page.locator("#pst-secondary-sidebar-modal nav.page-toc a").first)


def test_on_a_laptop_the_menu_button_folds_and_unfolds_the_chapter_list(site, browser):
    with opened(browser, site, "chapters/conference.html", 1280) as (page, seen, click):
        chapter = page.locator("#pst-primary-sidebar a.reference", has_text="How this book knows what it says")
        expect(chapter).to_be_visible()
        click(".primary-toggle:visible")
        expect(chapter).not_to_be_visible()
        click(".primary-toggle:visible")
        expect(chapter).to_be_visible()
        expect(chapter).to_be_in_viewport()


def test_the_mode_button_switches_between_light_and_dark(site, browser):
    with opened(browser, site, "chapters/methods.html", 1280) as (page, seen, click):
        background = "getComputedStyle(document.body).backgroundColor"
        light = page.evaluate(background)
        expect(page.locator("html")).to_have_attribute("data-theme", "light")
        for _ in range(3):  # the button cycles through light, dark and the system's ("auto")
            click(".theme-switch-button:visible")
            if page.evaluate("document.documentElement.dataset.theme") == "dark":
                break
        expect(page.locator("html")).to_have_attribute("data-theme", "dark")
        assert page.evaluate(background) != light, "dark mode left the page's colours as they were"


@pytest.mark.parametrize("query", ["1325", "Responsibility to Protect"])
@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_searches_from_a_page_and_finds_the_chapters(site, browser, width, query):
    with opened(browser, site, "chapters/methods.html", width) as (page, seen, tap):
        tap(".search-button__button:visible")
        field = page.locator("#pst-search-dialog input[name=q]")
        expect(field).to_be_focused()
        field.fill(query)
        field.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        hits = page.locator("#search-results ul.search li a")
        expect(hits.first).to_be_visible(timeout=10_000)
        found = hits.evaluate_all("links => links.map(a => a.href)")
        assert any("/chapters/" in hit for hit in found), f"searching {query!r} found no chapter: {found}"
        # Following a result, the reader finds the words marked on the page, until Escape.
        tap("#search-results ul.search li a[href*='chapters/']")
        page.wait_for_url("**/chapters/*")
        marked = page.locator("span.highlighted")
        expect(marked.first).to_be_attached()
        words = set(marked.evaluate_all("spans => spans.map(s => s.textContent.toLowerCase())"))
        assert words and words <= set(query.lower().split()), f"searching {query!r} marked {words}"
        page.keyboard.press("Escape")
        expect(marked).to_have_count(0)
        assert seen.errors == [], f"searching {query!r}: {seen.errors}"


@pytest.mark.parametrize("width, height", [(1280, 800), (375, 740)])
def test_the_landing_page_first_screen_says_where_to_start_and_how_to_cite(site, browser, width, height):
    with opened(browser, site, "intro.html", width, height) as (page, seen, tap):
        for link in ("Start reading", "The data"):
            expect(page.locator(".book-actions").get_by_role("link", name=link)).to_be_in_viewport()
        expect(page.locator("p.book-edition a.book-pdf-link")).to_be_in_viewport()
        cite = page.get_by_text("Cite this book")
        expect(cite).to_be_in_viewport()
        if width >= 992:  # on a laptop, the key findings begin on the first screen too
            expect(page.locator("#key-findings li").first).to_be_in_viewport()
        citation = page.locator("#cite-this p").first
        expect(citation).not_to_be_visible()
        cite.tap() if width < 992 else cite.click()
        expect(citation).to_be_visible()
        expect(citation).to_contain_text("Precarious Progress")
        expect(citation).to_be_in_viewport()
        page.get_by_role("link", name="Start reading").click()
        page.wait_for_url("**/chapters/methods.html")


def test_cite_this_chapter_opens_at_the_end_of_a_chapter(site, browser):
    with opened(browser, site, "chapters/conference.html", 1280) as (page, seen, click):
        citation = page.locator("#cite-this p").first
        expect(citation).not_to_be_visible()
        page.get_by_text("Cite this chapter").click()
        expect(citation).to_be_visible()
        expect(citation).to_contain_text("Precarious Progress")


def test_the_download_menu_offers_each_format_once(site, browser):
    with opened(browser, site, "chapters/conference.html", 1280) as (page, seen, click):
        click("button[aria-label='Download this page']")
        entries = page.locator(".dropdown-download-buttons .dropdown-menu a:visible, "
                               ".dropdown-download-buttons .dropdown-menu button:visible")
        expect(entries.first).to_be_visible()
        formats = [text.strip().rsplit(".", 1)[-1].rstrip(")") for text in entries.all_inner_texts()]
        assert sorted(formats) == sorted(set(formats)) and "pdf" in formats, f"the download menu offers {formats}"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name, fold, first_line", [
    ("chapters/recommendations.html", "details.figure-data", "table tbody tr"),  # a figure's data, under it
    ("chapters/data.html", "details.folded-table", "dl.fields dt")])  # a table's fields
def test_a_fold_opens_whole(site, browser, width, name, fold, first_line):
    with opened(browser, site, name, width) as (page, seen, tap):
        summary = page.locator(f"{fold} summary").first
        load_every_image(page)  # so that nothing above moves the line once the reader has scrolled to it
        summary.evaluate("s => s.scrollIntoView({block: 'center'})")  # where a reader scrolls to read it
        # the line shows whole: nothing of it above the box that clips what overflows it
        clipped = summary.evaluate("""s => { let box = s.parentElement;
            while (box && getComputedStyle(box).overflowY === 'visible') box = box.parentElement;
            return box ? box.getBoundingClientRect().top - s.getBoundingClientRect().top : 0; }""")
        assert clipped <= 0, f"the line {summary.inner_text()!r} is cut {clipped} px at the top"
        line = page.locator(f"{fold} {first_line}").first
        expect(line).not_to_be_visible()
        summary.click()
        expect(line).to_be_in_viewport()


def style_of(locator, *properties):
    return locator.evaluate("(e, ps) => ps.map(p => getComputedStyle(e)[p])", list(properties))


def pixels(value: str) -> float:
    return float(value.removesuffix("px"))


@pytest.mark.parametrize("width", [375, 1280])
def test_headings_fall_from_title_to_section_to_subsection(site, browser, width):
    with opened(browser, site, "chapters/methods.html", width) as (page, seen, tap):
        sizes, weights = zip(*(map(pixels, style_of(page.locator(f"article {level}").first, "fontSize", "fontWeight"))
                               for level in ("h1", "h2", "h3")))
        assert sizes[0] > sizes[1] > sizes[2], f"H1, H2, H3 at {width} px: {sizes} px"
        assert weights[0] >= weights[1] >= weights[2], f"H1, H2, H3 weights at {width} px: {weights}"


@pytest.mark.parametrize("width", [375, 1280])
def test_a_long_table_folds_under_a_header_that_stays_in_view(site, browser, width):
    with opened(browser, site, "chapters/after_san_diego.html", width) as (page, seen, tap):
        tallest = page.locator(".table-scroll").evaluate_all(
            "boxes => boxes.reduce((a, b) => a.scrollHeight > b.scrollHeight ? a : b).getAttribute('aria-label')")
        box = page.locator(f".table-scroll[aria-label={tallest!r}]")
        box.scroll_into_view_if_needed()
        height = box.evaluate("b => b.getBoundingClientRect().height")
        assert height <= page.viewport_size["height"], f"{tallest!r} runs to {height} px, longer than the screen"
        rows = box.locator("tbody tr")
        assert pixels(style_of(rows.nth(1).locator("td").first, "borderTopWidth")[0]) >= 1, "rows without rules"
        box.evaluate("b => { b.scrollTop = b.scrollHeight / 2; }")
        if width >= 992:  # on a phone the rows stack, each cell after its column's name
            header, top = box.locator("thead th").first.evaluate(
                "h => [h.getBoundingClientRect().top, "
                "h.getBoundingClientRect().top - h.closest('.table-scroll').getBoundingClientRect().top]")
            assert 0 <= header < page.viewport_size["height"] and abs(top) <= 1, \
                f"the header of {tallest!r} scrolled away ({top} px from the top of its box)"


def test_citations_read_as_text_until_pointed_at(site, browser):
    with opened(browser, site, "chapters/conference.html", 1280) as (page, seen, click):
        citation = page.locator("p .bibtex-citation a.reference").first
        text_colour = style_of(citation.locator("xpath=ancestor::p[1]"), "color")[0]
        colour, underline = style_of(citation, "color", "textDecorationLine")
        assert colour == text_colour and "underline" in underline, f"a citation: {colour}, {underline}"
        citation.hover()
        assert style_of(citation, "color")[0] != text_colour, "a citation pointed at does not show it is a link"


def test_the_footer_links_the_repository_pdf_data_and_licences(site, browser):
    with opened(browser, site, "chapters/conference.html", 1280) as (page, seen, click):
        footer = page.locator("footer .extra_footer")
        for name in ("Source repository", "The book as a PDF", "The data", "MIT licence", "CC BY 4.0"):
            expect(footer.get_by_role("link", name=name)).to_be_visible()
        pdf = page.locator("p.book-edition a.book-pdf-link, details.cite-this a.book-pdf-link").first
        assert footer.get_by_role("link", name="The book as a PDF").get_attribute("href") == pdf.get_attribute("href")
        footer.get_by_role("link", name="The data").click()
        page.wait_for_url("**/chapters/data.html")
        expect(page.locator("a[href$='.zip']").first).to_be_attached()

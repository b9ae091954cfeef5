"""The built site, read as files (and once in a browser): the notebooks and data a reader
can download; and the rewrites of bookbuild/pages.py, each of which must fail the build,
naming the package and its version, the day a release changes the markup it expects."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from functools import partial
from importlib.metadata import version
from pathlib import Path

import nbformat
import pydata_sphinx_theme
import pytest
import sphinx
from docutils.core import publish_parts
from sphinx.errors import ExtensionError
from sphinx.util.images import get_image_size

from book_citation import long_date
from bookbuild.pages import allow_number_search, draw_icons_inline, open_figures, plain_citation_list, without_search_scripts
from bookbuild.stylesheets import SiteWords, trim_stylesheets, trimmed
from tests.helpers import last_commit, link_target, reader_text, soup_of
from tools.book import ROOT, notebooks, rendered_pages

ICON_SCRIPT = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"
SEARCHTOOLS = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
# The theme's markup for its icon script and icons, as pydata-sphinx-theme 0.17 writes it.
PAGE = ('<script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>\n'
        '<button><i class="fa-solid fa-magnifying-glass fa-lg"></i></button> <a><i class="fab fa-github"></i></a>')
CITATIONS = publish_parts(".. [A] One.\n.. [B] Two.\n", writer_name="html5")["body"]  # docutils' own markup
SPHINX_IMAGE = '<p>Text.</p>\n<img alt="A chart" src="../_images/chart.svg" />'
SEARCH_SCRIPTS = '<script src="_static/searchtools.js"></script>\n<script src="_static/language_data.js"></script>\n'


def outdated(package: str, module: str = "bookbuild/pages.py") -> str:
    """What the build's error says about ``package`` (a pattern for pytest.raises)."""
    return rf"^{re.escape(package)} {re.escape(version(package))}: .*; update {re.escape(module)}$"


def test_every_executable_chapter_offers_its_notebook(book_html):
    for source in notebooks():
        doc = source.relative_to(ROOT).with_suffix("").as_posix()
        page = book_html / f"{doc}.html"
        assert page.is_file(), f"{doc}: not built (is it in _toc.yml?)"
        button = soup_of(page).select_one("a.btn-download-notebook-button")
        assert button is not None, f"{doc}: no notebook download button"
        path = (page.parent / button["href"]).resolve()
        assert path == (book_html / "_sources" / f"{doc}.ipynb").resolve(), f"{doc}: the button links {button['href']}"
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert any(cell.cell_type == "code" and cell.outputs for cell in notebook.cells), f"{doc}: no outputs"
        assert [cell.id for cell in notebook.cells] == [f"cell-{n}" for n in range(len(notebook.cells))], f"{doc}: cell ids"


def test_figures_have_their_data_one_click_away(book_html):
    # (That each link to a data file resolves: test_pdf's test_every_internal_link_and_anchor_resolves.)
    for page in rendered_pages(book_html):
        for figure in soup_of(page).select("figure"):  # its data folded under it, before the next figure
            after = figure.find_next(lambda tag: tag.name == "figure" or "figure-data" in tag.get("class", []))
            assert after is not None and after.name == "details", f"{page.name}: no data under {figure.get('id')}"


def test_every_page_has_one_search_field_and_no_header_bar(book_html):
    # pydata-sphinx-theme 0.17 adds a header bar with a second search field (navbar_persistent)
    # and hidden sidebar toggles, which its scripts then bind instead of the visible ones.
    for page in rendered_pages(book_html):
        soup = soup_of(page)
        assert len(soup.select(".search-button-field")) == 1, f"{page.name}: search fields {len(soup.select('.search-button-field'))}"
        header = soup.select_one("header#pst-header")
        assert header is None or not header.get_text(strip=True) and not header.select("button"), f"{page.name}: a header bar"


def test_repository_links_draw_no_brand_icon(site, browser):
    # The theme marks a link whose text is a GitHub or GitLab address (as below) and its CSS
    # draws a brand icon before it from a 118 KB web font. Such links, added to a built page,
    # must show no icon, and the browser must fetch no font for them.
    context = browser.new_context()
    page = context.new_page()
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    try:
        page.goto(site + "/intro.html", wait_until="networkidle")
        icons = page.evaluate("""async () => {
        const article = document.querySelector("article");
        article.insertAdjacentHTML("beforeend", '<p><a class="reference external github" href="https://github.com/o/r">o/r</a> '
            + '<a class="reference external gitlab" href="https://gitlab.com/o/r">o/r</a></p>');
        const links = [...article.querySelectorAll("a.github, a.gitlab")];
        links.forEach(link => { link.scrollIntoView(); link.getBoundingClientRect(); });  // laid out: a font in use loads
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        await document.fonts.ready;
        return links.map(link => getComputedStyle(link, "::before").content);
    }""")
    finally:
        context.close()
    assert icons == ["none", "none"], f"icons drawn before repository links: {icons}"
    assert not [url for url in fonts if "fa-brands" in url], f"the brand font was fetched: {fonts}"


def test_no_script_file_holds_up_the_first_paint(book_html):
    # A script file without defer or async stops the page being parsed until it has loaded.
    for page in rendered_pages(book_html):
        soup = soup_of(page)
        blocking = [s["src"] for s in soup.select("script[src]") if not ({"defer", "async"} & set(s.attrs))]
        assert blocking == [], f"{page.name}: {blocking}"


def test_no_stylesheet_is_fetched_twice(book_html):
    # Every stylesheet holds up the first paint: a second link to one costs a request for nothing.
    for page in rendered_pages(book_html):
        soup = soup_of(page)
        sheets = [link["href"].split("?")[0] for link in soup.select('link[rel="stylesheet"]')]
        assert len(sheets) == len(set(sheets)), f"{page.name}: {sheets}"


def test_only_the_search_page_loads_the_search_index(book_html):
    # The theme's search field opens the search page: any other page would load 78 KB for nothing.
    for page in rendered_pages(book_html):
        soup = soup_of(page)
        index = [s["src"] for s in soup.select("script[src]") if "searchindex.js" in s["src"]]
        assert len(index) == (1 if page.name == "search.html" else 0), f"{page.name}: {index}"


def test_the_search_scripts_are_dropped_unless_search_as_you_type_is_on():
    head = SEARCH_SCRIPTS + '<script src="searchindex.js"></script>'
    assert without_search_scripts(head, "False").strip() == ""
    assert "searchindex" in without_search_scripts(head, True)


def test_no_stylesheet_waits_for_another(book_html):
    # An @import is fetched only once the sheet that names it has arrived: a round trip more before the first paint.
    for page in rendered_pages(book_html):
        soup = soup_of(page)
        for link in soup.select('link[rel="stylesheet"]'):
            sheet = link_target(book_html, page, link["href"])
            assert "@import" not in sheet.read_text(encoding="utf-8"), f"{page.name}: {link['href']} imports another"


def site_with(tmp_path: Path, page: str, script: str = "") -> SiteWords:
    (tmp_path / "_static").mkdir(exist_ok=True)
    (tmp_path / "_static" / "theme.js").write_text(script, encoding="utf-8")
    (tmp_path / "page.html").write_text(f'<script defer src="_static/theme.js"></script>{page}', encoding="utf-8")
    return SiteWords(tmp_path)


def test_the_trim_keeps_every_rule_a_page_or_its_scripts_can_use(tmp_path):
    site = site_with(tmp_path, '<p class="used">', 'el.classList.add("shown"); tip.classList.add(`bs-${name}-auto`)')
    css = """/*! Bootstrap, MIT licence */ /* a note */ .used{a:1}.absent{b:2}.used .absent{c:3}.shown{d:4}
             .bs-tooltip-auto{e:5}.absent,p{f:6}p:not(.absent){g:7}[class~=absent]{k:11}.sm\\:absent{l:12}
             @media (min-width:1px){.absent{h:8}}@media print{.used{i:9}.absent{j:10}}@font-face{m:13}"""
    kept = trimmed(css, site)
    for declaration in ("MIT licence", "a:1", "d:4", "e:5", "f:6", "g:7", "i:9", "k:11", "l:12", "m:13"):
        assert declaration in kept
    for declaration in ("a note", "b:2", "c:3", "h:8", "j:10", "min-width"):
        assert declaration not in kept
    assert trimmed(kept, site) == kept  # a later build trims the trimmed file to itself


def test_the_trim_reads_only_the_scripts_a_page_loads(tmp_path):
    site = site_with(tmp_path, '<p class="used">')
    (tmp_path / "_static" / "unused.js").write_text('"absent"', encoding="utf-8")
    assert "absent" not in trimmed(".absent{b:2}", site)


def a_static_folder(tmp_path: Path, theme_css: str) -> Path:
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    for name in ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "sphinx-design.min.css",
                 "mystnb.0123.css", "togglebutton.css", "copybutton.css"):
        (static / name).write_text(".absent{b:2}", encoding="utf-8")
    (static / "basic.css").write_text("p{a:1;background:url(file.png)}", encoding="utf-8")
    (static / "styles" / "theme.css").write_text(theme_css, encoding="utf-8")
    return static


def test_the_theme_import_is_inlined_with_its_addresses(tmp_path):
    static = a_static_folder(tmp_path, '/* Provided by Sphinx */\n@import "../basic.css";\n')
    trim_stylesheets(static)
    inlined = (static / "styles" / "theme.css").read_text(encoding="utf-8")
    assert "@import" not in inlined and "a:1" in inlined and "url(../file.png)" in inlined
    trim_stylesheets(static)  # a later build that wrote no page, so Sphinx copied nothing
    assert (static / "styles" / "theme.css").read_text(encoding="utf-8") == inlined


@pytest.mark.parametrize("theme_css", ['@import url("../basic.css");', '@import "../basic.css" print;', '@import "other.css";'])
def test_a_changed_theme_import_fails_the_build(tmp_path, theme_css):
    with pytest.raises(ExtensionError, match=outdated("pydata-sphinx-theme", "bookbuild/stylesheets.py")):
        trim_stylesheets(a_static_folder(tmp_path, theme_css))


def test_a_missing_stylesheet_fails_the_build(tmp_path):
    static = a_static_folder(tmp_path, '@import "../basic.css";')
    (static / "copybutton.css").unlink()
    with pytest.raises(FileNotFoundError, match="copybutton.css"):
        trim_stylesheets(static)


def test_icons_are_drawn_from_the_theme_copy_of_font_awesome():
    drawn = draw_icons_inline(PAGE, ICON_SCRIPT, "page.html")
    assert "fontawesome.js" not in drawn and 'class="fa' not in drawn
    assert drawn.count('<svg class="svg-inline--fa') == 2


draw_icons = partial(draw_icons_inline, script=ICON_SCRIPT, page="page.html")


# Each rewrite of bookbuild/pages.py, given the markup a new release might write instead of
# the one it expects: the build stops, naming the package and its version.
@pytest.mark.parametrize("rewrite, changed, package", [
    pytest.param(draw_icons, PAGE.replace('src="../_static/scripts/fontawesome.js?digest=55c2"', "src='../_static/scripts/fontawesome.js'"),
                 "pydata-sphinx-theme", id="icon script tag"),
    pytest.param(draw_icons, PAGE.replace("fontawesome.js", "icons.js"), "pydata-sphinx-theme", id="icon script name"),
    pytest.param(draw_icons, PAGE.replace('<i class="', '<i data-icon="'), "pydata-sphinx-theme", id="icon tags"),
    pytest.param(draw_icons, PAGE.replace("fa-magnifying-glass", "fa-no-such-icon"), "pydata-sphinx-theme", id="icon name"),
    pytest.param(lambda head: without_search_scripts(head, False), SEARCH_SCRIPTS, "pydata-sphinx-theme", id="search scripts"),
    pytest.param(lambda body: plain_citation_list(body, "page"),
                 CITATIONS.replace('<div role="list" class="citation-list">', '<div class="citation-list" role="list">'),
                 "docutils", id="citation list"),
    pytest.param(lambda body: open_figures(body, "page", 1, {"chart.svg": (640, 480)}),
                 SPHINX_IMAGE.replace("<img alt", "<img\n  alt"), "Sphinx", id="image tag"),
])
def test_changed_markup_fails_the_build(rewrite, changed, package):
    with pytest.raises(ExtensionError, match=outdated(package)):
        rewrite(changed)


def test_a_changed_icon_script_fails_the_build(tmp_path):
    script = tmp_path / "fontawesome.js"
    script.write_text(ICON_SCRIPT.read_text(encoding="utf-8").replace('d("fas",p)', 'define("fas",p)'), encoding="utf-8")
    with pytest.raises(ExtensionError, match=outdated("pydata-sphinx-theme")):
        draw_icons_inline(PAGE, script, "page.html")


def test_citation_lists_lose_their_roles():
    plain = plain_citation_list(CITATIONS, "page")
    assert "role=" not in plain and plain.count('class="citation"') == 2


def test_every_image_keeps_the_room_of_its_size(book_html):
    # (That each loads lazily and opens full size: test_figures' test_every_figure_has_a_light_a_dark_and_a_phone_drawing.)
    images = 0
    for page in rendered_pages(book_html):
        for image in soup_of(page).select('img[src*="_images/"]'):
            declared = get_image_size(book_html / "_images" / Path(image["src"]).name)
            assert (int(image["width"]), int(image["height"])) == declared, f"{page.name}: {image['src']} keeps the wrong room"
            images += 1
    assert images >= 10, f"only {images} images found"


def test_an_image_of_unknown_size_fails_the_build_and_a_sized_one_keeps_its_size():
    with pytest.raises(ExtensionError, match="no size known for the image chart.svg"):
        open_figures(SPHINX_IMAGE, "page", 1, {})
    scaled = SPHINX_IMAGE.replace("<img alt", '<img width="320" alt')
    assert open_figures(scaled, "page", 1, {}).count("width=") == 1


def test_search_looks_up_numbers(tmp_path):
    searchtools = tmp_path / "searchtools.js"
    shutil.copy(SEARCHTOOLS, searchtools)
    allow_number_search(searchtools)
    once = searchtools.read_text(encoding="utf-8")
    assert "queryTerm.match(/^\\d+$/)" not in once and "stopwords.indexOf(queryTermLower)" in once
    allow_number_search(searchtools)  # a later build that wrote no page, so Sphinx copied nothing
    assert searchtools.read_text(encoding="utf-8") == once


def test_a_changed_digit_filter_fails_the_build(tmp_path):
    searchtools = tmp_path / "searchtools.js"
    searchtools.write_text(SEARCHTOOLS.read_text(encoding="utf-8").replace("queryTerm.match(/^\\d+$/)", "/^\\d+$/.test(queryTerm)"),
                           encoding="utf-8")
    with pytest.raises(ExtensionError, match=outdated("Sphinx")):
        allow_number_search(searchtools)


def test_the_reproducibility_page_names_the_commit_and_its_date_in_words(built_copy, book_html):
    commit, day = last_commit(built_copy, "%H %cs").split()
    text = reader_text(book_html, "chapters/reproducibility")
    assert f"commit {commit[:12]}" in text
    assert f"dated {long_date(dt.date.fromisoformat(day))}." in text

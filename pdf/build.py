"""`make pdf`: the book's PDF edition, printed by WeasyPrint from the pages `make book` built.

The PDF is made from the very pages of _build/html, so no notebook runs again and no
second Sphinx build is needed: each chapter's article is taken in the order of _toc.yml,
its ids made unique across the book, its links turned into links inside the PDF, and
the web-only furniture left out (navigation, buttons, heading links, the citation box).
The folded "data behind this figure" tables are printed as an annex, each figure pointing
to its table. The theme's CSS and scripts are not used: pdf/print.css is the whole style.

Around the chapters come a title page (title, authors, version, commit, date, licence,
how to cite, all from CITATION.cff and git), a table of contents with page numbers, and
document metadata; the PDF is tagged and declares PDF/UA-1 in its XMP metadata. Fonts are the DejaVu families from Debian's
fonts-dejavu-core and fonts-dejavu-extra, embedded. The build stops if fontconfig gives any
other font, if anything is laid out outside the page margins, and on any warning of
WeasyPrint (a missing image, say); it reads only local files, never the network. Dates
come from the commit (SOURCE_DATE_EPOCH when it is set), so two builds of one commit give
the same bytes.

Writes _build/pdf/<name>.pdf and copies it into _build/html, where every page links it.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import os
import posixpath
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from book_citation import (LICENCES, CitationError, Work, bibtex, given_first, long_date,  # noqa: E402
                           pdf_name, plain_citation, read_work)
from bookbuild.provenance import commit_label, git  # noqa: E402

HTML_DIR = ROOT / "_build" / "html"
OUT_DIR = ROOT / "_build" / "pdf"
STYLESHEET = Path(__file__).resolve().parent / "print.css"
FONTS = {"DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono"}  # Debian: fonts-dejavu-core, fonts-dejavu-extra
FONT_PACKAGES = "fonts-dejavu-core fonts-dejavu-extra"
LONG_WORD = 24  # characters: a table cell with a longer word may break it anywhere
MANY_COLUMNS = 7  # a table with as many columns or more is set smaller
SHORT_TABLE = 25  # rows: a table this short is not split between pages
WEB_ONLY = ["a.headerlink", "details.cite-this", "p.book-edition", "script", "style", "button", "form",
            "nav", ".prev-next-area", ".toggle-details",
            ".only-dark", ".figure-open-label",  # a figure on paper: its light drawing, with no tap to open it
            # a folded table on paper: in place, its caption says what it holds (a list keeps its line)
            "details.folded-table:has(> .table-scroll) > summary"]


class BuildError(SystemExit):
    def __init__(self, message: str):
        super().__init__(f"\nThe PDF was not built.\n{message}")


def edition() -> dict:
    """The commit the book was built from, as the site prints it, and the moment every date
    in the PDF takes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or git(ROOT, "log", "-1", "--format=%ct") or "0"
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return {"commit": commit_label(ROOT), "full_commit": git(ROOT, "rev-parse", "HEAD") or "main", "moment": moment}


def reading_order() -> list[tuple[str | None, str]]:
    """(part caption, page) for every page of the book, in the order of _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [(None, toc["root"])]
    for part in toc.get("parts", []):
        pages += [(part.get("caption"), chapter["file"]) for chapter in part["chapters"]]
    pages += [(None, chapter["file"]) for chapter in toc.get("chapters", [])]
    return [(caption, str(Path(page).with_suffix("")).replace("\\", "/")) for caption, page in pages]


def anchor(page: str, fragment: str = "") -> str:
    """A page's id in the PDF, or that of an element of it: unique across the whole book."""
    base = "p-" + re.sub(r"[^A-Za-z0-9_-]", "-", page)
    return f"{base}--{fragment}" if fragment else base


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


class Book:
    """The chapters' articles, joined into one document with links that stay inside it."""

    def __init__(self, work: Work, commit: str):
        self.work, self.commit = work, commit
        self.order = reading_order()
        self.pages = {page for _, page in self.order}
        self.annex: list[str] = []  # the folded data tables, in the order of their figures
        self.toc: list[str] = []  # the lines of the table of contents
        self.parts_begun: set[int] = set()

    def article(self, page: str) -> Tag:
        path = HTML_DIR / f"{page}.html"
        if not path.is_file():
            raise BuildError(f"{path.relative_to(ROOT)} is missing: run `make book` first")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.bd-article") or soup.select_one("main article") or soup.select_one("main")
        if article is None or article.find("h1") is None:
            raise BuildError(f"{path.relative_to(ROOT)}: no article with a title; the theme's markup changed, update pdf/build.py")
        return article

    def link(self, page: str, href: str) -> str:
        """Where a link of ``page`` leads in the PDF: a place in it, or an absolute address."""
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href
        if not parts.path:
            return "#" + anchor(page, unquote(parts.fragment))
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.endswith(".html") and target[:-5] in self.pages:
            return "#" + anchor(target[:-5], unquote(parts.fragment))
        if target.startswith("data/"):  # the data package, as it stood at this commit
            return f"{self.work.repository.rstrip('/')}/blob/{self.commit}/{target}"
        return self.work.url + target  # anything else the site publishes

    def chapter(self, page: str, part: str | None, part_number: int | None) -> str:
        article = self.article(page)
        for selector in WEB_ONLY:
            for tag in article.select(selector):
                tag.decompose()
        for tag in article.select("[id]"):
            tag["id"] = anchor(page, tag["id"])
        for tag in article.select("[tabindex], [role=region]"):  # a scrolling box on screen, none on paper
            for attribute in ("tabindex", "role"):
                tag.attrs.pop(attribute, None)
        for tag in article.select("a[href]"):
            tag["href"] = self.link(page, tag["href"])
            for attribute in ("download", "target"):
                tag.attrs.pop(attribute, None)
        for tag in article.select("img[src]"):
            if not urlsplit(tag["src"]).scheme:  # a file of the site: from _build/html, the document's base
                tag["src"] = posixpath.normpath(posixpath.join(posixpath.dirname(page), tag["src"]))
        for cell in article.select("td, th"):  # a digest or an address: may break anywhere, or it overflows
            if any(len(word) > LONG_WORD for word in cell.get_text(" ").split()):
                cell["class"] = cell.get("class", []) + ["long-words"]
        for table in article.select("table"):
            rows = table.select("tr")
            if max((len(row.find_all(["td", "th"], recursive=False)) for row in rows), default=0) >= MANY_COLUMNS:
                table["class"] = table.get("class", []) + ["many-columns"]  # smaller type
            if len(rows) <= SHORT_TABLE:  # kept on one page with its caption, which is outside the table's grid
                table.wrap(article.new_tag("div", attrs={"class": "keep-together"}))
        title = words(article.find("h1"))
        self.move_figure_data_to_annex(article, page, title)

        kicker = ""
        if part:
            starts = part_number not in self.parts_begun
            if starts:
                self.parts_begun.add(part_number)
                self.toc.append(f'<li class="toc-part"><a href="#{anchor(f"part-{part_number}")}">'
                                f"Part {roman(part_number)} · {html.escape(part)}</a></li>")
            kicker = (f'<div class="{"part-title" if starts else "part-name"}"'
                      + (f' id="{anchor(f"part-{part_number}")}"' if starts else "")
                      + f">Part {roman(part_number)} · {html.escape(part)}</div>\n")
        sections = "".join(f'<li><a href="#{section["id"]}">{html.escape(words(section.find("h2")))}</a></li>'
                           for section in article.select("section > section[id]") if section.find("h2", recursive=False))
        self.toc.append(f'<li class="toc-chapter"><a href="#{anchor(page)}">{html.escape(title)}</a>'
                        + (f'<ul class="toc-sections">{sections}</ul>' if sections else "") + "</li>")
        classes = "chapter in-part" if part else "chapter"
        inner = "".join(str(child) for child in article.children)
        return f'<section class="{classes}" id="{anchor(page)}">\n{kicker}{inner}\n</section>\n'

    def move_figure_data_to_annex(self, article: Tag, page: str, chapter: str) -> None:
        """Each folded "data behind this figure" table to the annex; a line under its figure
        says where it went."""
        for details in article.select("details.figure-data"):
            number = len(self.annex) + 1
            summary = details.find("summary")
            what = words(summary) if summary else ""
            if summary:
                summary.decompose()
            for paragraph in details.find_all("p"):  # on paper, the files are named, not offered for download
                if paragraph.get_text().startswith("Download the data ("):
                    files = paragraph.find_all("a")
                    for link in files:
                        link.string = posixpath.basename(urlsplit(link["href"]).path)
                    paragraph.replace_with(BeautifulSoup(f"<p>From the data package: {', '.join(map(str, files))}.</p>", "html.parser"))
            figure = details.find_previous("figure")
            caption = figure.select_one(".caption-number") if figure else None
            label = words(caption).rstrip(".") if caption else "a figure"
            figure_id = figure["id"] if figure and figure.has_attr("id") else anchor(page)
            about = re.sub(r"^Data behind this figure\s*", "", what).strip("() ")
            annex_id = f"annex-{number}"
            self.annex.append(
                f'<section class="annex-table" id="{annex_id}">\n'
                f'<h2>Table A.{number}. Data behind {html.escape(label)} (<a href="#{figure_id}">{html.escape(chapter)}</a>)</h2>\n'
                + (f"<p>{html.escape(about[:1].upper() + about[1:])}.</p>\n" if about else "")
                + "".join(str(child) for child in details.children) + "\n</section>\n")
            details.replace_with(BeautifulSoup(
                f'<p class="figure-data-note">The data behind {html.escape(label)} are printed in the annex as '
                f'<a class="annex-ref" href="#{annex_id}">Table A.{number}</a>.</p>', "html.parser"))

    def body(self) -> str:
        """Every chapter, then the annex; fills the table of contents on the way."""
        numbers: dict[str, int] = {}
        chapters = []
        for part, page in self.order:
            if part and part not in numbers:
                numbers[part] = len(numbers) + 1
            chapters.append(self.chapter(page, part, numbers.get(part)))
        annex = ""
        if self.annex:
            self.toc.append('<li class="toc-chapter"><a href="#annex">Annex: the data behind the figures</a></li>')
            annex = ('<section class="annex" id="annex">\n<h1>Annex: the data behind the figures</h1>\n'
                     "<p>The tables below are the data each figure of the book draws, as the web edition shows them "
                     "under each figure. The files they come from are in the data package (<code>data/</code> in the "
                     "repository), described by its <code>datapackage.json</code>.</p>\n"
                     + "".join(self.annex) + "</section>\n")
        return "".join(chapters) + annex

    def contents(self) -> str:
        """The table of contents (parts, chapters and their sections, with page numbers);
        after body()."""
        return ('<section class="contents" id="contents">\n<h1>Contents</h1>\n<ul class="toc">\n'
                + "\n".join(self.toc) + "\n</ul>\n</section>\n")


def roman(number: int | None) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out, number = "", number or 0
    for value, numeral in numerals:
        while number >= value:
            out, number = out + numeral, number - value
    return out


def title_page(work: Work, stamp: dict) -> str:
    authors = ", ".join(given_first(a) for a in work.authors)
    licence, licence_url = LICENCES.get(work.licence, (work.licence, ""))
    licence_html = f'<a href="{licence_url}">{html.escape(licence)}</a>' if licence_url else html.escape(licence)
    doi = f'<p>DOI: <a href="https://doi.org/{work.doi}">{html.escape(work.doi)}</a></p>' if work.doi else ""
    return f"""<section class="title-page">
<h1 class="book-title">{html.escape(work.main_title)}</h1>
<p class="subtitle">{html.escape(work.subtitle)}</p>
<p class="authors">{html.escape(authors)}</p>
<div class="edition">
<p>Version {html.escape(work.version)}, released {long_date(work.released)}</p>
<p>Printed from commit <code>{html.escape(stamp["commit"])}</code> of {long_date(stamp["moment"].date())}</p>
</div>
<div class="colophon">
<p>Published at <a href="{work.url}">{html.escape(work.url)}</a>; source, data and code at
<a href="{work.repository}">{html.escape(work.repository)}</a>.</p>
<p>Text and data: {licence_html}. Code: MIT License. The country boundaries are public-domain Natural Earth data.</p>
{doi}
<h2 class="cite-heading">How to cite</h2>
<p class="citation">{html.escape(plain_citation(work))}</p>
<pre class="bibtex">{html.escape(bibtex(work))}</pre>
<p>Every number in this book was computed from its data package when the book was built; the web edition
and this PDF are made from the same executed pages.</p>
</div>
</section>
"""


def document(work: Work, stamp: dict) -> str:
    book = Book(work, stamp["full_commit"])
    body = book.body()  # first: it fills the table of contents
    moment = stamp["moment"].strftime("%Y-%m-%dT%H:%M:%SZ")
    authors = "".join(f'<meta name="author" content="{html.escape(given_first(a))}">\n' for a in work.authors)
    keywords = html.escape(", ".join(work.keywords))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(work.title)}</title>
{authors}<meta name="description" content="{html.escape(work.abstract)}">
<meta name="keywords" content="{keywords}">
<meta name="generator" content="Jupyter Book and WeasyPrint (pdf/build.py)">
<meta name="dcterms.created" content="{moment}">
<meta name="dcterms.modified" content="{moment}">
</head>
<body>
{title_page(work, stamp)}{book.contents()}{body}</body>
</html>
"""


def outside_margins(rendered) -> list[str]:
    """Text, images and table cells laid out beyond a page's content area."""
    from weasyprint.formatting_structure import boxes

    problems, tolerance = [], 0.5  # CSS px
    for number, page in enumerate(rendered.pages, 1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, bottom = left + page_box.width, top + page_box.height
        for root in page_box.children:
            if isinstance(root, boxes.MarginBox):
                continue  # running heads and page numbers live in the margins by design
            for box in root.descendants():
                if not isinstance(box, (boxes.TextBox, boxes.ReplacedBox, boxes.TableCellBox)):
                    continue
                x, y = box.border_box_x(), box.border_box_y()
                width, height = box.border_width(), box.border_height()
                if x < left - tolerance or x + width > right + tolerance or y < top - tolerance or y + height > bottom + tolerance:
                    what = getattr(box, "text", None) or getattr(box.element, "tag", type(box).__name__)
                    problems.append(f"page {number}: {type(box).__name__} {str(what)[:60]!r} at x={x:.0f}..{x + width:.0f}, "
                                    f"y={y:.0f}..{y + height:.0f} (content area x={left:.0f}..{right:.0f}, y={top:.0f}..{bottom:.0f})")
    return problems


class Complaints(logging.Handler):
    """WeasyPrint's warnings and errors (a missing image, a rule it ignores): each stops the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main() -> None:
    start = time.perf_counter()
    from weasyprint import CSS, HTML, LOGGER, URLFetcher, __version__ as weasyprint_version

    try:
        work = read_work(ROOT)
    except CitationError as error:
        raise BuildError(str(error)) from None
    stamp = edition()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    source = document(work, stamp)
    (OUT_DIR / "book.html").write_text(source, encoding="utf-8")  # what was printed, for inspection

    complaints = Complaints()
    LOGGER.addHandler(complaints)
    offline = URLFetcher(allowed_protocols=("file", "data"))  # nothing is fetched from the network
    rendered = HTML(string=source, base_url=HTML_DIR.as_uri() + "/", url_fetcher=offline).render(
        stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=offline)])
    if complaints.messages:
        raise BuildError("WeasyPrint:\n  " + "\n  ".join(dict.fromkeys(complaints.messages)))
    problems = outside_margins(rendered)
    if problems:
        raise BuildError("content outside the page margins (fix pdf/print.css):\n  " + "\n  ".join(problems[:20]))
    target = OUT_DIR / pdf_name(work.main_title)
    # PDF/UA-1: tagged (the variant turns tags on), with XMP metadata that declares it
    rendered.write_pdf(target, pdf_variant="pdf/ua-1", pdf_identifier=True)
    families = {font.family for font in rendered.fonts.values()}
    if not families <= FONTS:
        target.unlink()
        raise BuildError(f"fontconfig gave {sorted(families - FONTS)} instead of {sorted(FONTS)}: "
                         f"install the Debian packages {FONT_PACKAGES} (`.ci/run` does)")
    shutil.copyfile(target, HTML_DIR / target.name)
    print(f"{target.relative_to(ROOT)}: {len(rendered.pages)} pages, {target.stat().st_size / 1e6:.1f} MB, "
          f"fonts {', '.join(sorted(families))}, WeasyPrint {weasyprint_version}, {time.perf_counter() - start:.1f} s; "
          f"copied to {(HTML_DIR / target.name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""The PDF edition, built once per session with the README's `make pdf` in the shared built
copy (its execution cache is warm, so no notebook runs), then read back with pypdf (its text
with PDFium, through pypdfium2): it opens, has the pages, bookmarks, fonts, metadata, text
and links a reader expects, keeps inside its margins, is published with the site (whose
every internal link then resolves), and a second build, made side by side in another
folder, gives the same bytes."""
from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.helpers import cff, last_commit, link_target, soup_of, toc_pages
from tools.book import ROOT, rendered_pages

MM = 72 / 25.4  # PDF points per millimetre


@cache
def build_module():
    """pdf/build.py, for its layout check and its names."""
    spec = importlib.util.spec_from_file_location("pdf_build", ROOT / "pdf" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def reader(book_pdf) -> PdfReader:
    return PdfReader(book_pdf)


def page_margins() -> tuple[float, float, float, float]:
    """The @page margins of pdf/print.css (top, right, bottom, left), in points."""
    css = (ROOT / "pdf" / "print.css").read_text(encoding="utf-8")
    found = re.search(r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm", css)
    assert found, "pdf/print.css: no `margin: T R B L` in mm in its @page rule"
    return tuple(float(value) * MM for value in found.groups())


@pytest.fixture(scope="session")
def lines(book_pdf) -> list[list[tuple[float, float, str]]]:
    """Each page's text runs with where they start (x, y in points from the bottom left): a
    run is one text object (a line or a piece of one), in the order of the page's content.
    Read with PDFium, as pypdf's text extraction takes several times as long."""
    pages = []
    with pdfium.PdfDocument(book_pdf) as pdf:
        for page in pdf:
            textpage = page.get_textpage()
            runs = []
            for text_object in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_TEXT], textpage=textpage):
                # PDFium gives a hyphen that ends a line as \x02.
                text = text_object.extract().replace("\x02", "-")
                if text.strip():
                    origin = text_object.get_matrix()
                    runs.append((origin.e, origin.f, text))
            pages.append(runs)
    return pages


def in_body(reader, lines) -> list[list[tuple[float, float, str]]]:
    top, _, bottom, _ = page_margins()
    height = float(reader.pages[0].mediabox.height)
    return [[run for run in page if bottom <= run[1] <= height - top + 2] for page in lines]


def squeeze(text: str) -> str:
    """Text compared without whitespace (lines break anywhere) and with plain apostrophes."""
    return re.sub(r"\s+", "", text).replace("\u2019", "'").replace("\u2018", "'")


def article(book_html: Path, name: str) -> BeautifulSoup:
    soup = soup_of(book_html / f"{name}.html")
    found = soup.select_one("article.bd-article") or soup.select_one("main")
    for web_only in found.select("details.cite-this, p.book-edition, a.headerlink"):
        web_only.decompose()
    return found


def test_the_pages_are_a4_and_the_document_metadata_comes_from_citation_cff(reader, built_copy):
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(595, 842)}, f"page sizes {sizes}, not A4"
    work = cff(built_copy)
    info = reader.metadata
    assert info.title == work["title"]
    names = [a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("name-particle"), a["family-names"]]))
             for a in work["authors"]]
    assert info.author == ", ".join(names)
    assert info.subject == " ".join(work["abstract"].split())
    assert info["/Keywords"] == ", ".join(work["keywords"])
    commit_date = last_commit(built_copy, "%cs")
    assert info["/CreationDate"].startswith("D:" + commit_date.replace("-", "")), "the PDF is not dated by its commit"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_the_pdf_is_tagged_and_its_figures_carry_their_descriptions(reader, book_html, built_copy):
    """For screen readers: a structure tree with headings, tables, and each figure's alt text."""
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog, "the PDF is not tagged"
    kinds, descriptions = {}, []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        kinds[node.get("/S")] = kinds.get(node.get("/S"), 0) + 1
        if node.get("/S") == "/Figure":
            descriptions.append(str(node.get("/Alt", "")))
        children = node.get("/K")
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            walk(child)

    walk(catalog["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/Link"} <= kinds.keys(), sorted(k for k in kinds if k)
    alts = [" ".join(img.get("alt", "").split()) for name in toc_pages(built_copy)
            for img in article(book_html, name).select("figure img")
            if not img.find_parent(class_="only-dark")]  # the dark rendering is the web's only
    assert sorted(" ".join(d.split()) for d in descriptions) == sorted(alts), "figures lost their alt text"


def test_the_pdf_declares_pdf_ua_1_in_its_xmp_metadata(book_pdf, built_copy):
    """PDF/UA-1 (ISO 14289-1) is declared by pdfuaid:part in the XMP metadata stream, which
    also carries the title, as archives and accessibility checkers read it."""
    with pikepdf.open(book_pdf) as pdf:
        assert "/Metadata" in pdf.Root, "no XMP metadata stream"
        xmp = pdf.open_metadata()
        assert xmp.get("pdfuaid:part") == "1", f"no PDF/UA-1 declaration: {dict(xmp)}"
        assert xmp.get("dc:title") == cff(built_copy)["title"]
        assert pdf.Root.ViewerPreferences.DisplayDocTitle, "PDF/UA asks viewers to show the title, not the file name"


def test_qpdf_finds_no_problem_in_the_pdf(book_pdf):
    with pikepdf.open(book_pdf) as pdf:
        assert pdf.check_pdf_syntax() == [], "qpdf --check"


def test_the_title_page_names_the_edition_and_how_to_cite_it(lines, built_copy):
    work = cff(built_copy)
    first = squeeze(" ".join(text for _, _, text in lines[0]))
    commit = last_commit(built_copy, "%H")
    for expected in [work["title"].partition(": ")[0], f"Version {work['version']}", commit[:12], "CC BY 4.0",
                     "How to cite", work["url"], *(a.get("name") or a["family-names"] for a in work["authors"])]:
        assert squeeze(expected) in first, f"the title page lacks {expected!r}"


def test_every_chapter_and_section_has_a_bookmark(reader, book_html, built_copy):
    def flatten(outline, depth=0):
        for item in outline:
            if isinstance(item, list):
                yield from flatten(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    bookmarks = list(flatten(reader.outline))
    titles = [squeeze(title) for _, title, _ in bookmarks]
    pages_of = [page for _, _, page in bookmarks]
    assert pages_of == sorted(pages_of), "bookmarks are not in reading order"
    for name in toc_pages(built_copy):
        page = article(book_html, name)
        chapter = squeeze(page.find("h1").get_text())
        assert chapter in titles, f"no bookmark for the chapter {chapter!r}"
        at = titles.index(chapter)
        for heading in page.select("section > section > h2"):
            assert squeeze(heading.get_text()) in titles[at:], f"{name}: no bookmark for the section {heading.get_text()!r}"


def test_fonts_are_embedded_and_are_the_dejavu_families(reader):
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts, "no fonts"
    for name, font in fonts.items():
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), f"{name} is not embedded"
        family = name.split("+", 1)[-1]
        assert family.startswith("DejaVu-"), f"{name}: not one of the DejaVu fonts the build installs"


def test_every_glued_value_and_chapter_title_of_the_html_is_in_the_pdf(reader, lines, book_html, built_copy):
    text = squeeze(" ".join(run[2] for page in in_body(reader, lines) for run in page))
    missing = []
    for name in toc_pages(built_copy):
        page = article(book_html, name)
        wanted = [page.find("h1").get_text()] + [span.get_text() for span in page.select(".pasted-text")]
        missing += [f"{name}: {value!r}" for value in wanted if squeeze(value) not in text]
    assert not missing, "not in the PDF:\n" + "\n".join(missing)


def test_the_layout_check_catches_what_overflows_a_page(tmp_path):
    """The build stops on any box beyond the margins (so the PDF it writes needs no check of
    its own); here is one that would be."""
    from weasyprint import CSS, HTML

    build = build_module()
    css = CSS(filename=str(ROOT / "pdf" / "print.css"))
    fits = HTML(string="<p>Text that fits.</p><table><tr><td>a</td></tr></table>").render(stylesheets=[css])
    assert build.outside_margins(fits) == []
    wide = HTML(string='<p style="white-space: nowrap">' + "overflowing " * 60 + "</p>").render(stylesheets=[css])
    assert any("overflowing" in problem for problem in build.outside_margins(wide))


def test_long_tables_repeat_their_header_row_on_every_page():
    from weasyprint import CSS, HTML

    rows = "".join(f"<tr><td>row {n}</td><td>value {n}</td></tr>" for n in range(150))
    document = HTML(string=f"<table><thead><tr><th>Heading one</th><th>Heading two</th></tr></thead>{rows}</table>").render(
        stylesheets=[CSS(filename=str(ROOT / "pdf" / "print.css"))])
    assert len(document.pages) > 1
    for page in document.pages:
        texts = [box.text for box in page._page_box.descendants() if hasattr(box, "text")]
        assert "Heading one" in texts, "a page of a long table has no header row"


def test_figures_stay_vector(reader, book_html, built_copy):
    """Every figure is SVG and is drawn as vectors; the only pictures in the PDF are raster
    images an SVG itself embeds (a matplotlib heat map, say)."""
    svgs = {((book_html / name).parent / img["src"]).resolve()
            for name in toc_pages(built_copy) for img in article(book_html, name).select("figure img")}
    assert svgs and all(path.suffix == ".svg" for path in svgs), sorted(svgs)
    embedded = sum(path.read_text(encoding="utf-8").count("<image") for path in svgs)
    images = {x.idnum for page in reader.pages for x in page["/Resources"].get("/XObject", {}).values()
              if x.get_object().get("/Subtype") == "/Image"}
    assert len(images) <= embedded, f"{len(images)} raster images in the PDF, {embedded} in the SVG figures"


def test_links_stay_inside_the_pdf_or_go_to_the_web(reader):
    named = set(reader.named_destinations)
    broken, kinds = [], set()
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                kinds.add("internal")
                if str(annotation["/Dest"]) not in named:
                    broken.append(f"page {number}: no destination {annotation['/Dest']}")
            else:
                uri = str(annotation["/A"]["/URI"])
                kinds.add("web")
                if not uri.startswith(("https://", "http://", "mailto:")):
                    broken.append(f"page {number}: {uri}")
    assert kinds == {"internal", "web"}
    assert not broken, "\n".join(broken[:20])


def test_every_figure_with_data_points_to_its_table_in_the_annex(reader, lines, book_html, built_copy):
    folded = sum(len(article(book_html, name).select("details.figure-data")) for name in toc_pages(built_copy))
    text = squeeze(" ".join(run[2] for page in lines for run in page))
    assert folded, "no folded data table in the HTML"
    for number in range(1, folded + 1):
        assert squeeze(f"printed in the annex as Table A.{number}") in text
        assert squeeze(f"Table A.{number}. Data behind") in text
    # On paper a table names the files it comes from (on the web they are links to download).
    files = {Path(link["href"]).name for name in toc_pages(built_copy)
             for link in article(book_html, name).select("details.figure-data a[download]")}
    annex = text.split(squeeze("Table A.1. Data behind"), 1)[-1]  # the Data page names every file too
    unnamed = [file for file in sorted(files) if squeeze(file) not in annex]
    assert not unnamed, f"files of the figures' data not named in the PDF: {unnamed}"


def test_the_pdf_is_published_with_the_site_and_linked_from_every_page(book_pdf, book_html):
    published = book_html / book_pdf.name
    assert published.read_bytes() == book_pdf.read_bytes(), "the site does not carry this PDF"
    for page in rendered_pages(book_html):
        links = soup_of(page).select(f'a[href$="{book_pdf.name}"]')
        assert links, f"{page.relative_to(book_html)} does not link the PDF"
        for link in links:
            assert link_target(book_html, page, link["href"]) == published.resolve(), f"{page.name}: {link['href']}"
    # (The landing page's link under its title, in view: test_browser's landing-page test.)


def test_two_builds_of_one_commit_give_the_same_bytes(pdf_builds):
    """The second was made in another folder, so no path of the build reaches the PDF."""
    assert pdf_builds["again"].read_bytes() == pdf_builds["shared"].read_bytes(), "two builds of one commit differ"


def test_every_internal_link_and_anchor_resolves(book_html, book_pdf):
    """Every page links the PDF too, so the site is checked once `make pdf` has put it there."""
    pages = {p: soup_of(p) for p in book_html.rglob("*.html")}
    ids = {p: {tag["id"] for tag in soup.select("[id]")} for p, soup in pages.items()}
    broken = []
    for page, soup in pages.items():
        for tag in soup.select("a[href]"):
            href = tag["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = link_target(book_html, page, href)
            if not target.exists():
                broken.append(f"{page.relative_to(book_html)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, set()):
                broken.append(f"{page.relative_to(book_html)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)

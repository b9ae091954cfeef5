"""How the book is cited, from CITATION.cff alone: the Highwire Press meta tags of every
page (read by Zotero, Mendeley and Google Scholar), the "Cite this" block in plain text and
BibTeX (which pybtex's standard style formats), the edition under the landing page's title,
the functions that make them (book_citation), and CITATION.cff itself, as cffconvert
validates it."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pybtex.errors
import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_string
from pybtex.exceptions import PybtexError
from pybtex.style.formatting.plain import Style

import book_citation as citation
from tests.helpers import PAGES_WITHOUT_TEXT, cff, soup_of
from tools.book import ROOT, rendered_pages


def meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.select("head meta[name]"):
        found.setdefault(tag["name"], []).append(tag.get("content", ""))
    return found


def heading(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("article h1") or soup.select_one("main h1")
    for link in h1.select("a.headerlink"):
        link.decompose()
    return " ".join(h1.get_text(" ").split())


def expected_author(author: dict) -> str:
    """How CITATION.cff's author should read in a citation_author tag: "Family, Given"."""
    if "family-names" not in author:
        return author["name"]
    family = " ".join(filter(None, [author.get("name-particle"), author["family-names"]]))
    return f"{family}, {author['given-names']}" if author.get("given-names") else family


def test_every_page_carries_highwire_tags_from_citation_cff(book_html, built_copy):
    data = cff(built_copy)
    site = data["url"].rstrip("/") + "/"
    pdf = citation.pdf_name(data["title"].partition(": ")[0])
    released = dt.date.fromisoformat(str(data["date-released"]))
    pages = rendered_pages(book_html)
    assert len(pages) >= 10
    for path in pages:
        relative = path.relative_to(book_html).as_posix()
        soup = soup_of(path)
        tags = meta(soup)
        where = f"{relative}: "
        assert tags.get("citation_author") == [expected_author(a) for a in data["authors"]], where + "authors"
        assert tags.get("citation_publication_date") == [released.strftime("%Y/%m/%d")], where + "date"
        assert tags.get("citation_publisher") == [data["preferred-citation"]["publisher"]["name"]], where + "publisher"
        # Google Scholar reads citation_pdf_url as the page's own PDF: only the book's page names the book's
        assert tags.get("citation_pdf_url") == ([site + pdf] if relative == "intro.html" else None), where + "PDF"
        assert tags.get("citation_keywords") == [str(k) for k in data.get("keywords", [])], where + "keywords"
        # Zotero's Embedded Metadata translator reads a chapter as a book section (citation_book_title,
        # whatever og:type says) and the book as a book (no Highwire type: bibo.type outranks og:type "website").
        assert not {"citation_journal_title", "citation_conference_title", "citation_technical_report_institution",
                    "citation_dissertation_institution"} & tags.keys(), where + "another Highwire type"
        chapter = relative != "intro.html" and relative not in PAGES_WITHOUT_TEXT
        if chapter:
            assert tags.get("citation_title") == [heading(soup)], where + "chapter title"
            assert tags.get("citation_book_title") == [data["title"]] and "bibo.type" not in tags, where + "book title"
            assert tags.get("citation_public_url") == [site + relative], where + "address"
        else:
            assert tags.get("citation_title") == [data["title"]], where + "book title"
            assert "citation_book_title" not in tags and tags.get("bibo.type") == ["Book"], where + "type"


def test_every_page_with_text_offers_its_citation_in_plain_text_and_bibtex(book_html, built_copy):
    data = cff(built_copy)
    site = data["url"].rstrip("/") + "/"
    for path in rendered_pages(book_html):
        relative = path.relative_to(book_html).as_posix()
        if relative in PAGES_WITHOUT_TEXT:
            continue
        soup = soup_of(path)
        block = soup.select_one("article details.cite-this") or soup.select_one("main details.cite-this")
        assert block, f"{relative}: no Cite this block"
        landing = relative == "intro.html"
        assert block.summary.get_text() == ("Cite this book" if landing else "Cite this chapter")
        plain = block.select("p")[0].get_text()
        address = site if landing else site + relative
        for part in (data["title"], f"Version {data['version']}", address, str(data["date-released"])[:4]):
            assert part in plain, f"{relative}: {part!r} not in {plain!r}"
        if not landing:
            assert f"“{heading(soup)}”" in plain
        entry = block.select_one("pre").get_text()
        kind, key = re.match(r"@(\w+)\{([\w]+),", entry).groups()
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.M))
        assert kind == ("book" if landing else "incollection"), relative
        assert fields["url"] == address and fields["year"] == str(data["date-released"])[:4]
        assert fields["note"] == f"Version {data['version']}"
        assert data["title"] in fields["title" if landing else "booktitle"]
        assert entry.count("{") == entry.count("}"), f"{relative}: unbalanced braces in BibTeX"
        assert plain_style(entry), f"{relative}: pybtex's plain style gives nothing"
        assert block.select_one("a.book-pdf-link"), f"{relative}: no link to the PDF"


def plain_style(entry: str) -> str:
    """The BibTeX entry as pybtex's standard "plain" style formats it; any warning (a
    missing required field, such as a book's publisher) is an error."""
    pybtex.errors.set_strict_mode(True)
    entries = parse_string(entry, "bibtex").entries
    assert len(entries) == 1, entry
    return "".join(item.text.render_as("text") for item in Style().format_entries(entries.values()))


def test_pybtex_rejects_a_book_without_its_publisher():
    """The yardstick of the Cite-this test can fail: the book's entry without its publisher is refused."""
    entry = citation.bibtex(citation.read_work(ROOT))
    without = re.sub(r"^  publisher = .*\n", "", entry, flags=re.M)
    assert without != entry
    with pytest.raises(PybtexError, match="publisher"):
        plain_style(without)


def test_citation_cff_is_valid_and_prefers_the_book():
    """cffconvert (in its own environment, .venv-cff, which `make test` builds) validates the
    file against the CFF schema; GitHub's "Cite this repository" and Zenodo then cite its
    preferred-citation, which must be the book and agree with the file's own fields."""
    cffconvert = ROOT / ".venv-cff" / "bin" / "cffconvert"
    assert cffconvert.is_file(), "no .venv-cff: run `make .venv-cff/.ready` (make test does)"
    result = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    data = cff(ROOT)
    preferred = data["preferred-citation"]
    assert preferred["type"] == "book"
    for key in ("title", "authors", "version", "url", "license", "repository-code"):
        assert preferred[key] == data[key], f"preferred-citation: {key} differs from the file's own"
    assert preferred["year"] == dt.date.fromisoformat(str(data["date-released"])).year
    assert preferred["publisher"]["name"]


def test_the_landing_page_shows_the_edition_under_its_title(book_html, built_copy):
    data = cff(built_copy)
    edition = soup_of(book_html / "intro.html").select_one("p.book-edition")
    assert edition and f"Version {data['version']}" in edition.get_text()
    assert edition.find_previous("h1") is not None


# --- the functions, on authors and fields the book's own CITATION.cff may not have yet ------

WORK = citation.Work(
    title="A Title: with a subtitle & more", version="1.2.0", released=dt.date(2027, 3, 4),
    authors=({"family-names": "Teitt", "given-names": "Sarah"}, {"family-names": "Gaulle", "name-particle": "de",
             "given-names": "Anne"}, {"name": "UN Women"}),
    url="https://example.org/book/", repository="https://github.com/o/r", licence="CC-BY-4.0", abstract="",
    keywords=(), doi="10.5281/zenodo.123", publisher="A Press")


def test_authors_read_family_name_first_where_reference_managers_expect_it():
    assert [citation.family_first(a) for a in WORK.authors] == ["Teitt, Sarah", "de Gaulle, Anne", "UN Women"]
    assert citation.author_list(WORK) == "Teitt, Sarah, Anne de Gaulle, and UN Women"
    tags = citation.meta_tags(WORK, "A chapter", "https://example.org/book/c.html", None)
    assert [v for k, v in tags if k == "citation_author"] == ["Teitt, Sarah", "de Gaulle, Anne", "UN Women"]
    assert ("citation_doi", "10.5281/zenodo.123") in tags and ("citation_publication_date", "2027/03/04") in tags


def test_bibtex_protects_names_and_escapes_special_characters():
    entry = citation.bibtex(WORK, "Who came & why", "https://example.org/book/c.html", "chapters/who_came")
    assert entry.startswith("@incollection{a_title_who_came,")
    assert "author = {Teitt, Sarah and de Gaulle, Anne and {UN Women}}" in entry
    assert r"title = {{Who came \& why}}" in entry and r"booktitle = {{A Title: with a subtitle \& more}}" in entry
    assert "doi = {10.5281/zenodo.123}" in entry
    assert "https://doi.org/10.5281/zenodo.123" in citation.plain_citation(WORK)


def test_a_citation_file_without_a_needed_field_stops_the_build(tmp_path):
    (tmp_path / "CITATION.cff").write_text("cff-version: 1.2.0\ntitle: T\nauthors: [{name: X}]\nversion: '1'\n",
                                           encoding="utf-8")
    with pytest.raises(citation.CitationError, match="no date-released, url, license, preferred-citation: publisher"):
        citation.read_work(tmp_path)


def test_an_edit_to_citation_cff_alone_rewrites_every_page(tmp_path):
    """Sphinx rewrites only the pages whose source changed; the book's extensions make it
    write every page, so an edit to CITATION.cff alone reaches them all. (A two-page Sphinx project.)"""
    source, out = tmp_path / "source", tmp_path / "html"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["myst_parser", "bookbuild.citation", "bookbuild.provenance"]\nhtml_theme = "basic"\n'
                                    'templates_path = ["_templates"]\n', encoding="utf-8")
    (source / "_templates").mkdir()
    shutil.copy(ROOT / "_templates" / "cite-this.html", source / "_templates")
    (source / "index.rst").write_text("The book\n========\n\n.. toctree::\n\n   chapter\n", encoding="utf-8")
    (source / "chapter.rst").write_text("A chapter\n=========\n\nIts text.\n", encoding="utf-8")
    original = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = yaml.safe_load(original)["version"]
    (source / "CITATION.cff").write_text(original, encoding="utf-8")

    def build() -> None:
        result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr

    build()
    assert f"Version {version}" in (out / "chapter.html").read_text(encoding="utf-8")
    edited = original.replace(f'version: "{version}"', 'version: "99.0.0"', 1)
    assert edited != original, "test setup: the version line was not found"
    (source / "CITATION.cff").write_text(edited, encoding="utf-8")
    build()
    for page in ("index.html", "chapter.html"):
        assert "Version 99.0.0" in (out / page).read_text(encoding="utf-8"), f"{page} kept the old version"

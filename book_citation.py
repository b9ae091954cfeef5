"""The book's citation, from its one source of truth: ``CITATION.cff``.

``read_work`` reads the file into a ``Work``; the other functions write it as a reader or
a reference manager wants it: the plain citation, a BibTeX entry (``@book`` for the book,
``@incollection`` for a chapter) and the Highwire Press meta tags. The Sphinx extension
``bookbuild.citation`` puts them on every page, and ``pdf/build.py`` on the PDF's title page;
this module knows neither.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml


class CitationError(ValueError):
    """CITATION.cff lacks a field the citation is made from."""


CFF = "CITATION.cff"
LICENCES = {  # SPDX identifier: (name, address)
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International (CC BY 4.0)",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "MIT": ("MIT License", "https://opensource.org/license/mit"),
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass(frozen=True)
class Work:
    """The book as CITATION.cff describes it."""
    title: str
    authors: tuple[dict, ...]
    version: str
    released: dt.date
    url: str                 # where the book is published (its landing page)
    repository: str
    licence: str
    abstract: str
    keywords: tuple[str, ...]
    doi: str | None
    publisher: str

    @property
    def year(self) -> str:
        return str(self.released.year)

    @property
    def main_title(self) -> str:
        return self.title.partition(": ")[0]

    @property
    def subtitle(self) -> str:
        return self.title.partition(": ")[2]


def read_work(root: Path) -> Work:
    """CITATION.cff at ``root``; a missing field is named in a CitationError."""
    path = root / CFF
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [key for key in ("title", "authors", "version", "date-released", "url", "license") if not data.get(key)]
    publisher = (data.get("preferred-citation") or {}).get("publisher", {}).get("name")
    if not publisher:
        missing.append("preferred-citation: publisher: name")
    if missing:
        raise CitationError(f"{path}: no {', '.join(missing)}; the book's citation and its PDF are made from these fields")
    released = data["date-released"]
    if not isinstance(released, dt.date):
        released = dt.date.fromisoformat(str(released))
    licence = data["license"] if isinstance(data["license"], str) else " OR ".join(data["license"])
    return Work(title=str(data["title"]).strip(), authors=tuple(data["authors"]), version=str(data["version"]),
                released=released, url=str(data["url"]).rstrip("/") + "/", repository=str(data.get("repository-code", "")),
                licence=licence, abstract=" ".join(str(data.get("abstract", "")).split()),
                keywords=tuple(map(str, data.get("keywords", []))), doi=data.get("doi"), publisher=str(publisher))


def pdf_name(title: str) -> str:
    """The PDF's file name, from the book's title: "precarious-progress-2010.pdf"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".pdf"


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def is_person(author: dict) -> bool:
    return "family-names" in author


def given_first(author: dict) -> str:
    """ "Sarah Teitt", or an organisation's name."""
    if not is_person(author):
        return str(author["name"])
    parts = [author.get("given-names"), author.get("name-particle"), author["family-names"], author.get("name-suffix")]
    return " ".join(str(part) for part in parts if part)


def family_first(author: dict) -> str:
    """ "Teitt, Sarah" (how reference managers and BibTeX read a person), or an organisation's name."""
    if not is_person(author):
        return str(author["name"])
    family = " ".join(str(part) for part in (author.get("name-particle"), author["family-names"]) if part)
    given = ", ".join(str(part) for part in (author.get("name-suffix"), author.get("given-names")) if part)
    return f"{family}, {given}" if given else family


def author_list(work: Work) -> str:
    """Author–date style: the first person inverted, the others not, "and" before the last."""
    names = [family_first(a) if i == 0 else given_first(a) for i, a in enumerate(work.authors)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1]


def plain_citation(work: Work, chapter: str | None = None, url: str | None = None) -> str:
    """The citation as a reader copies it."""
    where = url or work.url
    doi = f" https://doi.org/{work.doi}." if work.doi else ""
    if chapter is None:
        return f"{author_list(work)} ({work.year}). {work.title}. Version {work.version}. {where}{doi}"
    return f"{author_list(work)} ({work.year}). “{chapter}”. In {work.title}. Version {work.version}. {where}{doi}"


def bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bibtex_key(work: Work, docname: str | None = None) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", work.main_title.lower()).strip("_")
    return key if docname is None else f"{key}_{docname.rsplit('/', 1)[-1]}"


def bibtex(work: Work, chapter: str | None = None, url: str | None = None, docname: str | None = None) -> str:
    """A BibTeX entry: @book for the book, @incollection for one of its chapters."""
    authors = " and ".join(family_first(a) if is_person(a) else "{" + family_first(a) + "}" for a in work.authors)
    fields = [("author", authors)]
    if chapter is None:
        kind, fields = "book", fields + [("title", "{" + work.title + "}")]
    else:
        kind, fields = "incollection", fields + [("title", "{" + chapter + "}"), ("booktitle", "{" + work.title + "}")]
    fields += [("publisher", work.publisher), ("year", work.year), ("note", f"Version {work.version}"),
               ("url", url or work.url)]
    if work.doi:
        fields.append(("doi", work.doi))
    body = ",\n".join(f"  {name} = {{{value if name in ('url', 'doi') else bibtex_escape(value)}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(work, None if chapter is None else docname)},\n{body}\n}}"


def meta_tags(work: Work, chapter: str | None, page_url: str, pdf_url: str | None) -> list[tuple[str, str]]:
    """Highwire Press tags (Google Scholar's inclusion guidelines; Zotero's Embedded
    Metadata translator): a chapter is a book section, the landing page the book. Only the
    book names the PDF: Google Scholar reads citation_pdf_url as the PDF of the page's own
    work, and the PDF is the whole book's: ``pdf_url`` is given on the landing page alone."""
    tags = [("citation_title", chapter or work.title)]
    tags += [("citation_author", family_first(a)) for a in work.authors]
    tags += [("citation_publication_date", work.released.strftime("%Y/%m/%d")),
             ("citation_online_date", work.released.strftime("%Y/%m/%d"))]
    if chapter is not None:
        tags += [("citation_book_title", work.title), ("citation_inbook_title", work.title)]
    else:
        tags += [("bibo.type", "Book")]  # Zotero: a book, not the web page og:type would make it
    tags += [("citation_public_url", page_url), ("citation_fulltext_html_url", page_url)]
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    tags += [("citation_publisher", work.publisher), ("citation_language", "en")]
    tags += [("citation_keywords", keyword) for keyword in work.keywords]
    if work.doi:
        tags.append(("citation_doi", work.doi))
    return tags

"""How to cite the book, from its one source of truth: ``CITATION.cff``.

Every page of the HTML book gets

- Highwire Press ``citation_*`` meta tags, which Zotero, Mendeley and Google Scholar read:
  a chapter is a section of the book (``citation_book_title``), the landing page is the
  book itself; each page names the PDF edition (``citation_pdf_url``);
- a folded "Cite this chapter" (or "Cite this book") block at the end of its text, with
  the citation in plain text and in BibTeX, the edition, and a link to the PDF;
- a link to the PDF in the theme's download menu (or, where a page has no menu, in its
  header), and, on the landing page, an edition line under the title.

The PDF itself is made by ``make pdf`` (pdf/build.py), which uses the same functions
for its title page. ``make book`` does not need it. Everything is added through the
``html-page-context`` event: no template or theme file is touched. The digest of
CITATION.cff is a configuration value, so that an edit to it rewrites every page.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

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
    """CITATION.cff at ``root``; a missing field stops the build with its name."""
    path = root / CFF
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [key for key in ("title", "authors", "version", "date-released", "url", "license") if not data.get(key)]
    if missing:
        raise ExtensionError(f"{path}: no {', '.join(missing)}; the book's citation and its PDF are made from these fields")
    released = data["date-released"]
    if not isinstance(released, dt.date):
        released = dt.date.fromisoformat(str(released))
    licence = data["license"] if isinstance(data["license"], str) else " OR ".join(data["license"])
    return Work(title=str(data["title"]).strip(), authors=tuple(data["authors"]), version=str(data["version"]),
                released=released, url=str(data["url"]).rstrip("/") + "/", repository=str(data.get("repository-code", "")),
                licence=licence, abstract=" ".join(str(data.get("abstract", "")).split()),
                keywords=tuple(map(str, data.get("keywords", []))), doi=data.get("doi"))


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
    fields += [("year", work.year), ("note", f"Version {work.version}"), ("url", url or work.url)]
    if work.doi:
        fields.append(("doi", work.doi))
    body = ",\n".join(f"  {name} = {{{value if name in ('url', 'doi') else bibtex_escape(value)}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(work, None if chapter is None else docname)},\n{body}\n}}"


def meta_tags(work: Work, chapter: str | None, page_url: str, pdf_url: str) -> list[tuple[str, str]]:
    """Highwire Press tags (Google Scholar's inclusion guidelines; Zotero's Embedded
    Metadata translator): a chapter is a book section, the landing page the book."""
    tags = [("citation_title", chapter or work.title)]
    tags += [("citation_author", family_first(a)) for a in work.authors]
    tags += [("citation_publication_date", work.released.strftime("%Y/%m/%d")),
             ("citation_online_date", work.released.strftime("%Y/%m/%d"))]
    if chapter is not None:
        tags += [("citation_book_title", work.title), ("citation_inbook_title", work.title)]
    else:
        tags += [("bibo.type", "Book")]  # Zotero: a book, not the web page og:type would make it
    tags += [("citation_public_url", page_url), ("citation_fulltext_html_url", page_url),
             ("citation_pdf_url", pdf_url), ("citation_language", "en")]
    tags += [("citation_keywords", keyword) for keyword in work.keywords]
    if work.doi:
        tags.append(("citation_doi", work.doi))
    return tags


# --- The Sphinx extension -------------------------------------------------------------


def read_config(app: Sphinx, config) -> None:
    path = Path(app.srcdir) / CFF
    config.book_citation_digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def cite_block(work: Work, chapter: str | None, page_url: str, docname: str, pdf_href: str) -> str:
    what = "chapter" if chapter else "book"
    return (
        f'\n<details class="cite-this" id="cite-this">\n<summary>Cite this {what}</summary>\n'
        f"<p>{html.escape(plain_citation(work, chapter, page_url))}</p>\n"
        f'<p>BibTeX:</p>\n<pre tabindex="0" style="white-space: pre-wrap; overflow-wrap: anywhere">'
        f"{html.escape(bibtex(work, chapter, page_url, docname))}</pre>\n"
        f"<p>Version {html.escape(work.version)} of the book, released {long_date(work.released)}. "
        f'<a class="book-pdf-link" href="{html.escape(pdf_href)}">The whole book as a PDF</a>.</p>\n</details>\n'
    )


def edition_line(work: Work, pdf_href: str) -> str:
    return (f'<p class="book-edition">Version {html.escape(work.version)}, released {long_date(work.released)} · '
            f'<a class="book-pdf-link" href="{html.escape(pdf_href)}">Download the whole book as a PDF</a></p>\n')


def add_pdf_button(context: dict, pdf_href: str) -> None:
    """The PDF first in the theme's download menu; a header button where a page has none."""
    entry = {"type": "link", "url": pdf_href, "text": "Book (.pdf)", "icon": "fas fa-file-pdf",
             "tooltip": "Download the whole book as a PDF", "label": "download-book-pdf-button"}
    buttons = context.get("header_buttons")
    if buttons is None:
        return  # not sphinx-book-theme: the page's own links still lead to the PDF
    group = next((b for b in buttons if b.get("label") == "download-buttons"), None)
    if group is not None:
        group["buttons"].insert(0, entry)
    else:
        buttons.insert(0, {k: v for k, v in entry.items() if k != "text"} | {"label": "book-pdf-button"})


def cite_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name != "html":
        return
    work = read_work(Path(app.srcdir))
    name = pdf_name(work.main_title)  # as pdf/build.py names it
    pdf_href = context["pathto"](name, 1)
    root = app.config.root_doc
    chapter = None if doctree is None or pagename == root else app.env.titles[pagename].astext()
    page_url = work.url if pagename == root else work.url + app.builder.get_target_uri(pagename)
    tags = meta_tags(work, chapter, page_url if doctree is not None else work.url, work.url + name)
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{key}" content="{html.escape(value)}" />' for key, value in tags)
    add_pdf_button(context, pdf_href)
    context["book_pdf_href"] = pdf_href  # for the footer's link (_templates/extra-footer.html)
    if doctree is None:
        return  # search, genindex: no text of their own to cite
    body = context.get("body", "")
    cite = cite_block(work, chapter, page_url, pagename, pdf_href)
    if pagename == root:  # on the landing page, "Cite this book" is on the first screen, under the edition
        title_end = body.find("</h1>")
        if title_end == -1:
            raise ExtensionError(f"bookbuild.citation: {pagename} has no <h1> to put the edition under")
        context["body"] = body[: title_end + 5] + "\n" + edition_line(work, pdf_href) + cite + body[title_end + 5:]
    else:
        context["body"] = body + cite


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_citation_digest", "", "html", str)  # CITATION.cff's digest: an edit rewrites every page
    app.connect("config-inited", read_config)
    app.connect("html-page-context", cite_page, priority=600)  # after the theme's buttons (501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

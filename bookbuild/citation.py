"""Sphinx extension: how to cite the book, on every page, from ``CITATION.cff`` (read
and written by the plain module ``book_citation``).

Every page of the HTML book gets

- Highwire Press ``citation_*`` meta tags, which Zotero, Mendeley and Google Scholar read:
  a chapter is a section of the book (``citation_book_title``), the landing page is the
  book itself and alone names the PDF edition (``citation_pdf_url``);
- a folded "Cite this chapter" (or "Cite this book") block at the end of its text, with
  the citation in plain text and in BibTeX, the edition, and a link to the PDF, rendered
  from the template ``_templates/cite-this.html``;
- a link to the PDF in the theme's download menu (or, where a page has no menu, in its
  header), and, on the landing page, an edition line under the title.

The PDF itself is made by ``make pdf`` (pdf/build.py), which uses the same functions
for its title page. ``make book`` does not need it. Everything is added through the
``html-page-context`` event: no theme file is overridden. (Every build writes every page,
bookbuild.provenance says why, so an edit to CITATION.cff reaches them all.)
"""
from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from book_citation import CitationError, Work, bibtex, long_date, meta_tags, pdf_name, plain_citation, read_work

# --- The Sphinx extension -------------------------------------------------------------


def cite_block(app: Sphinx, work: Work, chapter: str | None, page_url: str, docname: str, pdf_href: str) -> str:
    return "\n" + app.builder.templates.render("cite-this.html", {
        "chapter": chapter, "plain": plain_citation(work, chapter, page_url),
        "bibtex": bibtex(work, chapter, page_url, docname), "version": work.version,
        "released": long_date(work.released), "pdf_href": pdf_href}) + "\n"


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
    try:
        work = read_work(Path(app.srcdir))
    except CitationError as error:
        raise ExtensionError(str(error)) from None
    name = pdf_name(work.main_title)  # as pdf/build.py names it
    pdf_href = context["pathto"](name, 1)
    root = app.config.root_doc
    chapter = None if doctree is None or pagename == root else app.env.titles[pagename].astext()
    page_url = work.url if pagename == root else work.url + app.builder.get_target_uri(pagename)
    tags = meta_tags(work, chapter, page_url if doctree is not None else work.url,
                     work.url + name if pagename == root else None)
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{key}" content="{html.escape(value)}" />' for key, value in tags)
    add_pdf_button(context, pdf_href)
    context["book_pdf_href"] = pdf_href  # for the footer's link (_templates/extra-footer.html)
    if doctree is None:
        return  # search, genindex: no text of their own to cite
    body = context.get("body", "")
    cite = cite_block(app, work, chapter, page_url, pagename, pdf_href)
    if pagename == root:  # on the landing page, "Cite this book" is on the first screen, under the edition
        title_end = body.find("</h1>")
        if title_end == -1:
            raise ExtensionError(f"bookbuild.citation: {pagename} has no <h1> to put the edition under")
        context["body"] = body[: title_end + 5] + "\n" + edition_line(work, pdf_href) + cite + body[title_end + 5:]
    else:
        context["body"] = body + cite


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", cite_page, priority=600)  # after the theme's buttons (501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""The bibliography, made from data/sources.csv: every source of the book's data is one
entry, keyed by its source_id, so the text ({cite:p}`source_id`), the chapters' source lists
and the data cite the same works under the same labels.

The BibTeX file is written into the build's doctree folder (never into the sources) when
the configuration is read, and only when its text changes, so sphinxcontrib-bibtex's cache
holds. The styles, all named "book", give an author–date list:

- citations give author and date in parentheses, the date carrying a letter where one name
  has two works in a year, in date order (labels and letters come from sourcedata.sources,
  which labels the tables the same way); a work with no known author is cited by its short
  title, in italics, and listed under its title;
- a journal article or chapter reads: Author. Year. "Title." *Journal* Volume (Issue):
  pages. doi link;
- any other work reads: Author. Year. *Title*. Site or series. Publisher. UN document
  symbol. Link to the work's own record (for a UN document, undocs.org);
- the copy actually read, where it is not the work's own record, follows as "Read via"
  and its site.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from pybtex import plugin as pybtex_plugin
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field as bib_field
from pybtex.style.template import first_of, href, join, names, optional, sentence, tag
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from book_citation import bibtex_escape
from sourcedata.load import load_package
from sourcedata.sources import author_parts, citation_years, cited_author, people, short_title

STYLE = "book"
BIBFILE = "sources.bib"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
PLAIN_TEXT = pybtex_plugin.find_plugin("pybtex.backends", "text")()


def text(value) -> str:
    """A cell as text: empty for a missing value."""
    return value if isinstance(value, str) else ""


def bib_author(row) -> str | None:
    """People as BibTeX names joined by "and"; an organisation in braces, taken whole."""
    if row["author_kind"] == "unknown":
        return None
    if row["author_kind"] == "person":
        return " and ".join(bibtex_escape(name) for name in people(row["author"]))
    return "{" + bibtex_escape(author_parts(row["author"])[0]) + "}"


def site(url: str) -> str:
    """The site a link is shown as: 'undocs.org', 'doi.org'."""
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def is_article(row) -> bool:
    """A part of a journal or a serial (volume, issue, pages or DOI known): cited as
    "Title." *Journal* Volume (Issue): pages."""
    return bool(text(row["container"]) and any(text(row[c]) for c in ("volume", "issue", "pages", "doi")))


def container(row) -> str:
    """The container as the entry shows it; nothing where it only repeats the author's name
    ("GenPrev in the News" in "GenPrev in the News (blog)")."""
    value = text(row["container"])
    name = author_parts(text(row["author"]))[0]
    return "" if name and value.casefold().startswith(name.casefold()) else value


def entry(row, year: str) -> str:
    """One source as a BibTeX @misc entry. Its "label" field is the label the list shows,
    the citation's own words: 'Davies and Teitt 2012'."""
    url, read_via, published = text(row["url"]), text(row["read_via"]), text(row["published"])
    fields = {
        "label": bibtex_escape(f"{cited_author(row)} {year}"),
        "author": bib_author(row),
        "shorttitle": bibtex_escape(short_title(row["title"])) if row["author_kind"] == "unknown" else None,
        "title": bibtex_escape(row["title"]),
        "year": year,
        "month": MONTHS[int(published[5:7]) - 1] if len(published) >= 7 else None,
        "journal": bibtex_escape(container(row)) if is_article(row) else None,
        "series": bibtex_escape(container(row)) if not is_article(row) else None,
        "volume": bibtex_escape(text(row["volume"])),
        "number": bibtex_escape(text(row["issue"])),
        "pages": text(row["pages"]).replace("-", "–"),
        "publisher": bibtex_escape(text(row["publisher"])),
        "symbol": text(row["symbol"]),
        "doi": text(row["doi"]),
        "url": url,
        "howpublished": site(url) if url else None,
        "readvia": read_via,
        "readviasite": site(read_via) if read_via else None,
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{row['source_id']},\n{body}\n}}"


def bibtex_database(sources: pd.DataFrame) -> str:
    years = citation_years(sources)
    return "".join(f"{entry(row, years[row['source_id']])}\n\n" for _, row in sources.iterrows())


class BookStyle(BaseStyle):
    """The author–date reference list of the book (see the module's docstring)."""
    default_sorting_style = STYLE
    default_label_style = STYLE

    def get_misc_template(self, entry):
        fields = entry.fields
        article = "journal" in fields
        title = join['"', sentence[bib_field("title")], '"'] if article else sentence[tag("em")[bib_field("title")]]
        year = sentence[bib_field("year", raw=True)]
        if "author" in entry.persons:
            parts = [sentence[names("author", sep=", ", sep2=" and ", last_sep=" and ")], year, title]
        else:  # listed under its title, then the date
            parts = [title, year]
        if article:
            parts.append(sentence[join[
                join(" ")[tag("em")[bib_field("journal")], optional[bib_field("volume")], optional[join["(", bib_field("number"), ")"]]],
                optional[join[": ", bib_field("pages", raw=True)]],
            ]])
        else:
            parts.append(optional[sentence[bib_field("series")]])
        parts.append(optional[sentence[bib_field("publisher")]])
        parts.append(optional[sentence[join(" ")["UN Doc.", bib_field("symbol", raw=True)]]])
        if "doi" in fields:
            parts.append(sentence[href(join["https://doi.org/", bib_field("doi", raw=True)])[join["doi:", bib_field("doi", raw=True)]]])
        elif "url" in fields:
            parts.append(sentence[href(bib_field("url", raw=True))[bib_field("howpublished", raw=True)]])
        parts.append(optional[sentence[join(" ")["Read via", href(bib_field("readvia", raw=True))[bib_field("readviasite", raw=True)]]]])
        return toplevel[tuple(parts)]


def plain(latex: str) -> str:
    """A BibTeX field as plain text. (Through a backend made once: render_as looks the backend
    up among every installed package's entry points on each call, a fifth of a second each.)"""
    return Text.from_latex(latex).render(PLAIN_TEXT)


class BookSortingStyle(BaseSortingStyle):
    """In the order of the labels, as a reader looks a citation up."""

    def sorting_key(self, entry):
        return plain(entry.fields["label"]).casefold()


class BookLabelStyle(BaseLabelStyle):
    """Each entry labelled as the text cites it, not by a code made from its fields."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield plain(entry.fields["label"])


@dataclass
class BookPersonStyle(PersonStyle):
    """Authors as the text cites them; a work with no known author by its short title."""

    def author_or_editor_or_title(self, full: bool):
        return first_of[
            optional[self.names("author", full=full)],
            tag("em")[bib_field("shorttitle")],
        ]


@dataclass
class BookReferenceStyle(AuthorYearReferenceStyle):
    """(Davies and Teitt 2012) in parentheses; Davies and Teitt (2012) in a sentence."""
    bracket_parenthetical: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
    bracket_textual: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
    person: PersonStyle = field(default_factory=BookPersonStyle)
    author_year_sep: str = " "


def write_bibfile(app, config) -> None:
    """Write the database beside the doctrees (only when it changes) and point
    sphinxcontrib-bibtex at it."""
    sources = load_package(Path(app.srcdir) / "data", tables=["sources"])["sources"]
    path = Path(app.doctreedir) / BIBFILE
    text_ = bibtex_database(sources)
    if not path.exists() or path.read_text(encoding="utf-8") != text_:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_, encoding="utf-8")
    # relative to the configuration, as sphinxcontrib-bibtex reads it: an absolute path would
    # enter the build's configuration hash and tell two copies of one book apart
    config.bibtex_bibfiles = [os.path.relpath(path, app.confdir)]


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    pybtex_plugin.register_plugin("pybtex.style.sorting", STYLE, BookSortingStyle)
    pybtex_plugin.register_plugin("pybtex.style.labels", STYLE, BookLabelStyle)
    pybtex_plugin.register_plugin("pybtex.style.formatting", STYLE, BookStyle)
    bibtex_plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE, BookReferenceStyle)
    app.connect("config-inited", write_bibfile)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

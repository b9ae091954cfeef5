"""The bibliography, made from data/sources.csv: every source of the book's data is one
entry, keyed by its source_id, so the text ({cite:p}`source_id`), the chapters' source lists
and the data cite the same works under the same labels.

The BibTeX file is written into the build's doctree folder (never into the sources) when
the configuration is read, and only when its text changes, so sphinxcontrib-bibtex's cache
holds. The styles, all named "book": citations give author and date in parentheses, the
date carrying a letter where one name has two works in a year (labels and letters come from
sourcedata.sources, which labels the tables the same way); the list is in the order of
those labels, each entry keeps its title's capitals, cites a UN document by its symbol and
gives a copy on another site as "accessed via" that site.
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
from pybtex.style.template import href, join, names, optional, sentence, tag
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from bookbuild.citation import bibtex_escape
from sourcedata.load import load_package
from sourcedata.sources import COPY_HOSTS, author_parts, citation_years, cited_author, people

STYLE = "book"
BIBFILE = "sources.bib"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bib_author(row) -> str | None:
    """People as BibTeX names joined by "and"; an organisation in braces, taken whole."""
    if row["author_kind"] == "unknown":
        return None
    if row["author_kind"] == "person":
        return " and ".join(bibtex_escape(name) for name in people(row["author"]))
    return "{" + bibtex_escape(author_parts(row["author"])[0]) + "}"


def entry(row, year: str) -> str:
    """One source as a BibTeX @misc entry. Its "label" field is the label the list shows,
    the citation's own words: 'Davies and Teitt 2012'."""
    host = urlsplit(row["url"]).hostname if isinstance(row["url"], str) else None
    fields = {
        "label": bibtex_escape(f"{cited_author(row)} {year}"),
        "author": bib_author(row),
        "title": bibtex_escape(row["title"]),
        "year": year,
        "month": MONTHS[int(row["published"][5:7]) - 1] if isinstance(row["published"], str) and len(row["published"]) >= 7 else None,
        # what the author field notes: "archive", "byline not seen"; all of it when no author was seen
        "note": bibtex_escape(row["author"] if row["author_kind"] == "unknown" else author_parts(row["author"])[1]) or None,
        "number": row["symbol"] if isinstance(row["symbol"], str) else None,
        "url": row["url"] if isinstance(row["url"], str) else None,
        "howpublished": host,
        "copy": "yes" if host in COPY_HOSTS else None,
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{row['source_id']},\n{body}\n}}"


def bibtex_database(sources: pd.DataFrame) -> str:
    years = citation_years(sources)
    return "".join(f"{entry(row, years[row['source_id']])}\n\n" for _, row in sources.iterrows())


class BookStyle(BaseStyle):
    """Author. Year. Title. Note. Symbol. Link: the author–date reference list of the book."""
    default_sorting_style = STYLE
    default_label_style = STYLE

    def get_misc_template(self, entry):
        site = href[bib_field("url", raw=True), bib_field("howpublished", raw=True)]
        link = join(" ")["Accessed via", site] if "copy" in entry.fields else site
        return toplevel[
            optional[sentence[names("author", sep=", ", sep2=" and ", last_sep=" and ")]],
            sentence[bib_field("year", raw=True)],
            sentence[tag("em")[bib_field("title")]],
            optional[sentence(capfirst=True)[bib_field("note")]],
            optional[sentence[join(" ")["UN Doc.", bib_field("number", raw=True)]]],
            optional[sentence[link]],
        ]


class BookSortingStyle(BaseSortingStyle):
    """In the order of the labels, as a reader looks a citation up."""

    def sorting_key(self, entry):
        return Text.from_latex(entry.fields["label"]).render_as("text").casefold()


class BookLabelStyle(BaseLabelStyle):
    """Each entry labelled as the text cites it, not by a code made from its fields."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield Text.from_latex(entry.fields["label"]).render_as("text")


@dataclass
class BookReferenceStyle(AuthorYearReferenceStyle):
    """(Davies and Teitt 2012) in parentheses; Davies and Teitt (2012) in a sentence."""
    bracket_parenthetical: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
    bracket_textual: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
    author_year_sep: str = " "


def write_bibfile(app, config) -> None:
    """Write the database beside the doctrees (only when it changes) and point
    sphinxcontrib-bibtex at it."""
    sources = load_package(Path(app.srcdir) / "data", tables=["sources"])["sources"]
    path = Path(app.doctreedir) / BIBFILE
    text = bibtex_database(sources)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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

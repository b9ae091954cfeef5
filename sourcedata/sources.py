"""The sources behind the data: when each appeared relative to the conference, how each
is named in figures and prose, how each is cited (author and date, the same rule as the
bibliography's), and the list of sources a chapter ends with, cited as the text cites them.

The timing values and their order come from the package's schema (the enumeration of
``sources.timing``), so a value added there reaches every table, figure and sentence.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from sourcedata.load import DATA_DIR, tabular_resources
from sourcedata.style import PALETTE, TIMING_COLOURS
from sourcedata.text import join_words

UNKNOWN = "unknown"


@cache
def timings(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """The values of ``sources.timing`` in the order the schema gives them."""
    fields = tabular_resources(data_dir)["sources"]["schema"]["fields"]
    return tuple(next(f for f in fields if f["name"] == "timing")["constraints"]["enum"])


def timing_label(timing: str) -> str:
    """'published before the conference'; 'publication date unknown'."""
    if timing not in timings():
        raise ValueError(f"{timing!r} is not a timing of sources.csv: {list(timings())}")
    return "publication date unknown" if timing == UNKNOWN else f"published {timing} the conference"


def timing_colours() -> dict[str, str]:
    """A colour for each timing, in schema order (``sourcedata.style.TIMING_COLOURS``); unknown,
    and a timing the schema adds beyond those, is grey."""
    return {t: TIMING_COLOURS.get(t, PALETTE["grey"]) for t in timings()}


def sort_by_timing(frame: pd.DataFrame, *then: str) -> pd.DataFrame:
    """Rows ordered by the ``timing`` column in schema order, then by the columns named."""
    rank = {t: n for n, t in enumerate(timings())}
    return frame.sort_values(["timing", *then], key=lambda s: s.map(rank) if s.name == "timing" else s, kind="stable")


# How the figures name the sources of the attendance and peace-process figures in their
# labels, and the conference page in its prose: by what each is, where tables and citations
# use author and date. Any other source falls back to its author as data/sources.csv gives it.
SOURCE_NAMES = {
    "usd-news-56634": "University of San Diego announcement",
    "usd-press-2078": "University of San Diego press release",
    "inside-usd-13055": "Inside USD story",
    "ipj-blog-2010-09-30": "Kroc Institute conference blog",
    "peacewomen-repost-2010": "PeaceWomen repost of a blog excerpt",
    "peacewomen-usd-story-2010": "PeaceWomen repost of a news story",
    "livelearnteachpeace-2010-09-30": "Personal blog (livelearnteachpeace)",
    "compass-fall-2010": "Kroc Institute newsletter",
    "icrtop-report": "ICRtoP report",
    "witness-blog-2010-10": "WITNESS blog",
    "mcwilliams-lecture": "Published keynote lecture",
    "ipj-research-29": "Kroc Institute record of the narrative on Vaiba Kebeh Flomo",
    "ipj-research-51": "Kroc Institute profile of Luz Méndez",
    "unifem-2010-negotiations": "UNIFEM study",
    "peacewomen-news-2010-09": "PeaceWomen news item",
}


def source_name(source_id: str, author=None) -> str:
    """A reader's name for a source: never its id."""
    if source_id in SOURCE_NAMES:
        return SOURCE_NAMES[source_id]
    if author is None or pd.isna(author):
        raise KeyError(f"no readable name for source {source_id!r}: add it to SOURCE_NAMES")
    return str(author).split(" (")[0]


# A note the author field may end with, in parentheses: "(archive)", "(byline not seen)".
AUTHOR_NOTE = re.compile(r"\s*\(([^()]*)\)$")


def author_parts(author: str) -> tuple[str, str]:
    """The author field split into the name(s) and the note after them, if any."""
    note = AUTHOR_NOTE.search(author)
    return (author[:note.start()], note.group(1)) if note else (author, "")


def people(author: str) -> list[str]:
    """The people an author field of kind ``person`` names, in order."""
    return [name.strip() for name in author_parts(author)[0].split(";")]


def short_title(title: str, most: int = 5) -> str:
    """A title as a citation shortens it: up to its first colon or bracket, and at most
    ``most`` words, with an ellipsis where words were left out."""
    short = re.split(r": | \(", title, maxsplit=1)[0]
    words = short.split()
    return short if len(words) <= most else " ".join(words[:most]) + "…"


def cited_author(row) -> str:
    """Who a citation names: surnames for people (one, two, or the first and "et al."), an
    organisation by name, and the title when no author could be seen. The same rule as the
    bibliography's citations, so a label in a table and a citation in the text agree."""
    if row["author_kind"] == "unknown":
        return short_title(row["title"])
    if row["author_kind"] == "organisation":
        return author_parts(row["author"])[0]
    surnames = [surname(name) for name in people(row["author"])]
    return join_words(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."


def surname(name: str) -> str:
    """A person's surname as cited, with the particle that begins it ("de Greiff", "van
    Boven"): the words from the first lower-case one after the given names, as BibTeX (and
    so the bibliography) reads a name; else the last word."""
    words = name.split()
    start = next((n for n, word in enumerate(words[1:-1], 1) if word[0].islower()), len(words) - 1)
    return " ".join(words[start:])


def citation_years(sources: pd.DataFrame) -> pd.Series:
    """The year each source is cited with, by source_id: a letter tells apart the works
    cited under one name in one year (2010a, 2010b), in date order (then by title)."""
    year = sources["published"].astype("string").str[:4].fillna("n.d.")
    frame = sources.assign(year=year, cited=[cited_author(row) for _, row in sources.iterrows()])
    frame = frame.sort_values(["cited", "year", "published", "title"], kind="stable", na_position="last")
    size = frame.groupby(["cited", "year"])["source_id"].transform("size")
    rank = frame.groupby(["cited", "year"]).cumcount()
    suffix = ["" if n == 1 else ("-" if y == "n.d." else "") + chr(ord("a") + r) for r, n, y in zip(rank, size, frame["year"])]
    return pd.Series([y + s for y, s in zip(frame["year"], suffix)], index=frame["source_id"].to_numpy()).reindex(sources["source_id"])


def citation_labels(sources: pd.DataFrame) -> pd.Series:
    """Author–date labels by source_id, as the text cites them: 'University of San Diego
    (2010a)', 'Davies and Teitt (2012)'."""
    years = citation_years(sources)
    return pd.Series([f"{cited_author(row)} ({years[row['source_id']]})" for _, row in sources.iterrows()],
                     index=sources["source_id"].to_numpy())


# The characters of a title that MyST could read as markup (emphasis, a role, a link, raw
# HTML, an entity, maths): each is escaped with a backslash. (Quotes are left to Sphinx,
# which sets them curly, as in the rest of the text.)
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|$~!&]")


def cited_sources(sources: pd.DataFrame, source_ids) -> Markdown:
    """The sources behind a chapter's rows, each cited as the text cites it, with its title,
    kind and timing, as a MyST list: the build links each citation to the bibliography, as
    it links those of the text. ``sources`` is the whole sources table, so that the list
    is in the order of the labels the bibliography gives."""
    labels = citation_labels(sources)
    wanted = sources[sources["source_id"].isin(set(source_ids))].assign(label=lambda f: f["source_id"].map(labels))
    items = []
    for row in wanted.sort_values("label", key=lambda column: column.str.casefold()).itertuples():
        title = MARKDOWN_SPECIAL.sub(r"\\\g<0>", " ".join(row.title.split()))  # on one line: one list item
        title += "" if row.title.endswith(("?", "!", ".")) else "."
        what = "The book's own coding" if row.kind == "editorial" else f"{row.kind.capitalize()} source, {timing_label(row.timing)}"
        items.append(f"- {{cite:t}}`{row.source_id}`. {title} {what}.")
    # The empty rst-class directive gives the list after it its class, for the stylesheets.
    return Markdown("```{rst-class} source-list\n```\n\n" + "\n".join(items) + "\n")

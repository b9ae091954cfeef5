"""The sources behind the data: when each appeared relative to the conference, how each
is cited (author and date), and the list of sources a chapter ends with.

The timing values and their order come from the package's schema (the enumeration of
``sources.timing``), so a value added there reaches every table, figure and sentence.
"""
from __future__ import annotations

import html
from functools import cache
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from sourcedata.load import DATA_DIR, tabular_resources
from sourcedata.style import PALETTE

UNKNOWN = "unknown"
# In timing order; a timing the schema adds beyond these is drawn in grey too.
TIMING_PALETTE = [PALETTE["sky"], PALETTE["orange"], PALETTE["blue"]]


@cache
def timings(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """The values of ``sources.timing`` in the order the schema gives them."""
    fields = tabular_resources(data_dir)["sources"]["schema"]["fields"]
    return tuple(next(f for f in fields if f["name"] == "timing")["constraints"]["enum"])


def timing_phrase(timing: str) -> str:
    """'published before the conference'; 'publication date unknown'."""
    if timing not in timings():
        raise ValueError(f"{timing!r} is not a timing of sources.csv: {list(timings())}")
    return "publication date unknown" if timing == UNKNOWN else f"published {timing} the conference"


def timing_colours() -> dict[str, str]:
    """A colour for each timing, in schema order; unknown is grey."""
    known = [t for t in timings() if t != UNKNOWN]
    colours = dict(zip(known, TIMING_PALETTE + [PALETTE["grey"]] * len(known)))
    return {t: colours.get(t, PALETTE["grey"]) for t in timings()}


def sort_by_timing(frame: pd.DataFrame, *then: str) -> pd.DataFrame:
    """Rows ordered by the ``timing`` column in schema order, then by the columns named."""
    rank = {t: n for n, t in enumerate(timings())}
    return frame.sort_values(["timing", *then], key=lambda s: s.map(rank) if s.name == "timing" else s, kind="stable")


def citation_labels(sources: pd.DataFrame) -> pd.Series:
    """Author–date labels by source_id: 'University of San Diego (2010a)'. A letter tells
    apart the works of one author in one year, in the order of their titles."""
    year = sources["published"].astype("string").str[:4].fillna("n.d.")
    frame = sources.assign(year=year).sort_values(["author", "year", "title"], kind="stable")
    size = frame.groupby(["author", "year"])["source_id"].transform("size")
    rank = frame.groupby(["author", "year"]).cumcount()
    letters = [chr(ord("a") + r) if n > 1 else "" for r, n in zip(rank, size)]
    labels = [f"{a} ({y}{letter})" for a, y, letter in zip(frame["author"], frame["year"], letters)]
    return pd.Series(labels, index=frame["source_id"].to_numpy()).reindex(sources["source_id"])


def cited_sources(sources: pd.DataFrame, source_ids) -> HTML:
    """The sources behind a chapter's rows, by author and date, with title, link, kind and
    timing. ``sources`` is the whole sources table, so that labels agree across chapters."""
    labels = citation_labels(sources)
    wanted = sources[sources["source_id"].isin(set(source_ids))].assign(label=lambda f: f["source_id"].map(labels))
    items = []
    for row in wanted.sort_values("label").itertuples():
        title = html.escape(row.title)
        if not pd.isna(row.url):
            title = f'<a href="{html.escape(row.url)}">{title}</a>'
        items.append(f"<li>{html.escape(row.label)}. {title}. {row.kind.capitalize()} source, {timing_phrase(row.timing)}.</li>")
    return HTML('<ul class="source-list">\n' + "\n".join(items) + "\n</ul>")

"""HTML tables for chapters: plain, captioned, and the same bytes on every run; and the
folded data behind each figure."""
from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from sourcedata.load import DATA_DIR


def data_link(name: str, shown: str) -> str:
    """A download link, showing the HTML ``shown``, to a file of data/, by its path in the
    repository from the folder the notebook runs in: it downloads the file in JupyterLab,
    and on the site, which publishes data/ where the repository keeps it."""
    path = Path(os.path.relpath(DATA_DIR / name)).as_posix()
    return f'<a href="{html.escape(path)}" download>{shown}</a>'


def cell_text(value) -> str:
    """What a cell shows: nothing for a missing value, 45 (never 45.0) for a whole number."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def html_table(frame: pd.DataFrame, caption: str) -> HTML:
    """A captioned table with no index column, its cells shown as text."""
    return HTML(table_markup(*as_cells(frame), caption))


def as_cells(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """A frame's column names and its rows as HTML cells of text, without its index."""
    return [str(c) for c in frame.columns], [[html.escape(cell_text(v)) for v in row] for row in frame.itertuples(index=False)]


def table_markup(columns: list[str], rows: list[list[str]], caption: str) -> str:
    """A captioned table of cells already in HTML. Each cell carries its column's name, so
    that on a phone the rows can stack as label–value pairs instead of scrolling sideways."""
    header = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f'<td data-label="{html.escape(c)}">{v}</td>' for c, v in zip(columns, row)) + "</tr>"
        for row in rows
    )
    table = (f'<table class="data-table">\n<caption>{html.escape(caption)}</caption>\n'
             f"<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")
    # A wide table scrolls in its own box, which keyboard users must be able to focus.
    return f'<div class="table-scroll" tabindex="0" role="region" aria-label="{html.escape(caption)}">{table}</div>'


def folded(summary: str, content: HTML) -> HTML:
    """A table or list folded under a one-line summary, for readers who want the detail. (On
    paper it is printed in place, under its caption or, for a list, the summary.)"""
    return HTML(f'<details class="folded-table"><summary>{html.escape(summary)}</summary>\n{content.data}</details>')


def figure_data(frame: pd.DataFrame, files: list[str], what: str) -> HTML:
    """The data behind a figure, folded under it: a table, and links to the files it comes
    from (see :func:`data_fold`)."""
    return data_fold(*as_cells(frame), files, what)


def data_fold(columns: list[str], rows: list[list[str]], files: list[str], what: str) -> HTML:
    """A figure's data fold from cells already in HTML: the table, and links to the files it
    comes from, each shown by its format ("Download the data (CSV)"); the file's name is
    only in the link's address."""
    formats = [FORMATS.get(name.rsplit(".", 1)[-1], name.rsplit(".", 1)[-1].upper()) for name in files]
    shown = [f"{kind} {formats[:n].count(kind) + 1}" if formats.count(kind) > 1 else kind for n, kind in enumerate(formats)]
    links = ", ".join(data_link(name, kind) for name, kind in zip(files, shown))
    return HTML(
        f'<details class="figure-data"><summary>Data behind this figure ({html.escape(what)})</summary>\n'
        f"<p>Download the data ({links}).</p>\n{table_markup(columns, rows, f'Data behind the figure: {what}')}</details>"
    )


FORMATS = {"csv": "CSV", "geojson": "GeoJSON", "json": "JSON"}

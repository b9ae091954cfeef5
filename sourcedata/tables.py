"""HTML tables for chapters: plain, captioned, and the same bytes on every run; and the
folded data behind each figure."""
from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML


def html_table(frame: pd.DataFrame, caption: str) -> HTML:
    """A captioned table with no index column; wide tables scroll in their own box."""
    # Missing values show as empty cells (pandas would print "<NA>" for its string columns).
    cells = frame.astype(object).where(frame.notna(), "")
    body = cells.to_html(index=False, border=0, classes="data-table", escape=True)
    body = re.sub(r"<table[^>]*>", lambda m: f'<table class="data-table">\n<caption>{html.escape(caption)}</caption>', body, count=1)
    # A wide table scrolls in its own box, which keyboard users must be able to focus.
    return HTML(f'<div class="table-scroll" tabindex="0" role="region" aria-label="{html.escape(caption)}">{body}</div>')


def figure_data(frame: pd.DataFrame, files: list[str], what: str) -> HTML:
    """The data behind a figure, folded under it: a table, and links to the CSV files."""
    links = ", ".join(f'<a href="../data/{name}" download><code>{name}</code></a>' for name in files)
    table = html_table(frame, f"Data behind the figure: {what}").data
    return HTML(
        f'<details class="figure-data"><summary>Data behind this figure ({html.escape(what)})</summary>\n'
        f"<p>Download: {links}.</p>\n{table}</details>"
    )

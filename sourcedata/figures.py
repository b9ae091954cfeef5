"""Figures shared by several chapters, drawn in the book's one style."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import PALETTE

LANE_COLOURS = {"RtoP": PALETTE["blue"], "WPS": PALETTE["vermillion"], "Beijing": PALETTE["green"]}


def timeline(events: pd.DataFrame, conference: pd.Series, title: str):
    """Events on horizontal lanes, one lane per ``track``, with the conference marked.

    ``events`` needs columns track, label, start, end. An event dated only to a month
    or a year is drawn as a bar over that period, so imprecision stays visible.
    """
    lanes = list(dict.fromkeys(events["track"]))
    fig, ax = plt.subplots(figsize=(8, 1.6 + 2.2 * len(lanes)))
    for lane_number, lane in enumerate(lanes):
        rows = events[events["track"] == lane].sort_values("start").reset_index(drop=True)
        colour = LANE_COLOURS.get(lane, PALETTE["purple"])
        for i, row in rows.iterrows():
            # Labels alternate above and below their lane so neighbours do not overlap.
            offset = 0.32 * (1 if i % 2 == 0 else -1) * (1 + (i // 2) % 2 * 0.55)
            y = lane_number
            start, end = row["start"], row["end"] + pd.Timedelta(days=1)
            if (end - start).days > 1:
                ax.plot([start, end], [y, y], color=colour, linewidth=7, solid_capstyle="butt")
            ax.plot([start], [y], marker="o", color=colour, markersize=6)
            ax.plot([start, start], [y, y + offset * 0.8], color=colour, linewidth=0.8)
            ax.annotate(row["label"], (start, y + offset), ha="center", va="bottom" if offset > 0 else "top", fontsize=8.5)
    ax.axvspan(conference["start"], conference["end"] + pd.Timedelta(days=1), color=PALETTE["orange"], alpha=0.9, zorder=0, linewidth=2)
    ax.annotate("Conference", (conference["start"], len(lanes) - 0.45), ha="right", va="bottom", fontsize=9, color="#8a5a00")
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.9, len(lanes) - 0.1)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=1 if events["start"].dt.year.nunique() < 12 else 2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(title, loc="left")
    return fig

"""Figures shared by several chapters, drawn in the book's one style."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import PALETTE

LANE_COLOURS = {"RtoP": PALETTE["blue"], "WPS": PALETTE["vermillion"]}


def timeline(events: pd.DataFrame, conference: pd.Series, title: str):
    """One panel per ``track``, one row per event, with the conference marked.

    ``events`` needs columns track, label, start, end. An event dated only to a month or
    spanning several days is drawn as a bar over that period, so imprecision stays visible.
    Each event has its own row, so labels never overlap however close the dates.
    """
    lanes = list(dict.fromkeys(events["track"]))
    heights = [max(2, (events["track"] == lane).sum()) for lane in lanes]
    fig, axes = plt.subplots(
        len(lanes), 1, sharex=True, squeeze=False, figsize=(8, 1.2 + 0.32 * sum(heights)),
        gridspec_kw={"height_ratios": heights},
    )
    first, last = events["start"].min(), max(events["end"].max(), conference["end"])
    middle = first + (last - first) * 0.6
    for ax, lane in zip(axes[:, 0], lanes):
        rows = events[events["track"] == lane].sort_values(["start", "end"]).reset_index(drop=True)
        colour = LANE_COLOURS.get(lane, PALETTE["purple"])
        for y, row in rows.iterrows():
            start, end = row["start"], row["end"] + pd.Timedelta(days=1)
            ax.plot([start, end], [y, y], color=colour, linewidth=6, solid_capstyle="butt")
            ax.plot([start], [y], marker="o", color=colour, markersize=5)
            gap = pd.Timedelta(days=60)
            left = start > middle
            ax.annotate(row["label"], (start - gap if left else end + gap, y), ha="right" if left else "left",
                        va="center", fontsize=9)
        ax.axvspan(conference["start"], conference["end"] + pd.Timedelta(days=1), color=PALETTE["orange"], linewidth=1.5)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_yticks([])
        ax.set_ylabel(lane, rotation=0, ha="right", va="center", fontsize=11)
        ax.spines["left"].set_visible(False)
    axes[0, 0].annotate("Conference", (conference["start"], -0.6), ha="center", va="bottom", fontsize=9,
                        color="#8a5a00", annotation_clip=False)
    axis = axes[-1, 0].xaxis
    axis.set_major_locator(mdates.YearLocator(base=1 if last.year - first.year < 12 else 2))
    axis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes[0, 0].set_title(title, loc="left", pad=18)
    return fig

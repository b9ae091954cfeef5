"""Figures shared by several chapters, drawn in the book's one style."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import AGENDA_COLOURS, PALETTE, mark_conference

LANE_COLOURS = AGENDA_COLOURS  # the book's one home for them is sourcedata.style
CONFERENCE_DAYS = "#ececec"  # the conference's days behind its line, in the default look


def timeline(events: pd.DataFrame, conference: pd.Series, title: str, *, marks: str = "bars",
             conference_mark: str = "band", fontsize: float = 9, width: float = 8):
    """One panel per ``track``, one row per event, with the conference marked.

    ``events`` needs columns track, label, start, end. An event dated only to a month or
    spanning several days is drawn as a bar over that period, so imprecision stays visible.
    Each event has its own row, so labels never overlap however close the dates.

    On an axis of many years a month or a few days is narrower than a bar can show, so
    ``marks="precision"`` draws instead a filled dot for an event the sources date to the day
    (at its first day) and an open circle for one dated only to a month or a year (in the
    middle of that period; events without a ``precision`` count as dated to the day).

    The conference is always the book's one mark for it, a dashed line in the ink colour at
    its first day, labelled "Conference" (:func:`sourcedata.style.mark_conference`). The
    default ``conference_mark="band"`` also shades its days in pale grey behind the line,
    which shows on an axis of a few years; ``"line"`` draws the line alone. ``fontsize`` is
    the size of the event labels, ``width`` the figure's width in inches.
    """
    if marks not in ("bars", "precision") or conference_mark not in ("band", "line"):
        raise ValueError(f"unknown marks={marks!r} or conference_mark={conference_mark!r}")
    lanes = list(dict.fromkeys(events["track"]))
    heights = [max(2, (events["track"] == lane).sum()) for lane in lanes]
    row_height = 0.32 * max(1.0, fontsize / 9)
    fig, axes = plt.subplots(
        len(lanes), 1, sharex=True, squeeze=False, figsize=(width, 1.2 + row_height * sum(heights)),
        gridspec_kw={"height_ratios": heights},
    )
    first, last = events["start"].min(), max(events["end"].max(), conference["end"])
    middle = first + (last - first) * 0.6
    for ax, lane in zip(axes[:, 0], lanes):
        rows = events[events["track"] == lane].sort_values(["start", "end"]).reset_index(drop=True)
        colour = LANE_COLOURS.get(lane, PALETTE["purple"])
        for y, row in rows.iterrows():
            start, end = row["start"], row["end"] + pd.Timedelta(days=1)
            if marks == "precision":
                loose = row.get("precision") in ("month", "year")
                at = start + (end - start) / 2 if loose else start
                ax.plot([at], [y], marker="o", markersize=7, markerfacecolor="white" if loose else colour,
                        markeredgecolor=colour, markeredgewidth=1.8, zorder=3)
            else:
                ax.plot([start, end], [y, y], color=colour, linewidth=6, solid_capstyle="butt")
                ax.plot([start], [y], marker="o", color=colour, markersize=5)
            left = start > middle
            if marks == "precision":  # a fixed distance from the mark, whatever the axis spans
                ax.annotate(row["label"], (at, y),
                            xytext=(-8 if left else 8, 0), textcoords="offset points",
                            ha="right" if left else "left", va="center", fontsize=fontsize)
                continue
            gap = pd.Timedelta(days=60)
            ax.annotate(row["label"], (start - gap if left else end + gap, y), ha="right" if left else "left",
                        va="center", fontsize=fontsize)
        if conference_mark == "band":
            ax.axvspan(conference["start"], conference["end"] + pd.Timedelta(days=1), color=CONFERENCE_DAYS,
                       linewidth=0, zorder=0)
        mark_conference(ax, conference["start"], label=ax is axes[0, 0], fontsize=fontsize)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_yticks([])
        ax.set_ylabel(lane, rotation=0, ha="right", va="center", fontsize=max(11, fontsize + 1))
        ax.spines["left"].set_visible(False)
    axis = axes[-1, 0].xaxis
    axis.set_major_locator(mdates.YearLocator(base=1 if last.year - first.year < 12 else 2))
    axis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes[0, 0].set_title(title, loc="left", pad=18)
    return fig

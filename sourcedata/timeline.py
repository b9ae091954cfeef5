"""Figures shared by several chapters, drawn in the book's one style."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import AGENDA_COLOURS, PALETTE, PHONE_WIDTH, mark_conference

LANE_COLOURS = AGENDA_COLOURS  # the book's one home for them is sourcedata.style


def timeline(events: pd.DataFrame, conference: pd.Series, title: str, *, fontsize: float = 9, width: float = 8,
             phone: bool = False):
    """One panel per ``track``, one row per event, with the conference marked.

    ``events`` needs columns track, label, start, end. Each event has its own row, so labels
    never overlap however close the dates. On an axis of many years a month or a few days is
    too narrow to show as a bar, so an event the sources date to the day is a filled dot (at
    its first day) and one dated only to a month or a year an open circle (in the middle of
    that period; events without a ``precision`` count as dated to the day).

    The conference is the book's one mark for it, a dashed line in the ink colour at its
    first day, labelled "Conference" (:func:`sourcedata.style.mark_conference`). ``fontsize``
    is the size of the event labels, ``width`` the figure's width in inches.

    ``phone=True`` lays the timeline out for a phone's column: the lanes span the whole width
    under their names, each label goes to the side of its mark where it fits (wrapped where
    it fits on neither), and the years are ticked more sparsely.
    """
    lanes = list(dict.fromkeys(events["track"]))
    heights = [max(2, (events["track"] == lane).sum()) + phone for lane in lanes]  # on a phone, a row for the name
    row_height = 0.32 * max(1.0, fontsize / 9) * (1.2 if phone else 1)  # on a phone, room for a label in two lines
    fig, axes = plt.subplots(
        len(lanes), 1, sharex=True, squeeze=False,
        figsize=(PHONE_WIDTH - 0.3 if phone else width, 1.2 + row_height * sum(heights)),
        gridspec_kw={"height_ratios": heights},
    )
    labels = []  # on a phone, placed once the axis' span is known
    first, last = events["start"].min(), max(events["end"].max(), conference["end"])
    middle = first + (last - first) * 0.6
    for ax, lane in zip(axes[:, 0], lanes):
        rows = events[events["track"] == lane].sort_values(["start", "end"]).reset_index(drop=True)
        colour = LANE_COLOURS.get(lane, PALETTE["purple"])
        for y, row in rows.iterrows():
            start, end = row["start"], row["end"] + pd.Timedelta(days=1)
            loose = row.get("precision") in ("month", "year")
            at = start + (end - start) / 2 if loose else start
            ax.plot([at], [y], marker="o", markersize=7, markerfacecolor="white" if loose else colour,
                    markeredgecolor=colour, markeredgewidth=1.8, zorder=3)
            if phone:
                labels.append((ax, at, y, row["label"]))
                continue
            left = start > middle
            ax.annotate(row["label"], (at, y),  # a fixed distance from the mark, whatever the axis spans
                        xytext=(-8 if left else 8, 0), textcoords="offset points",
                        ha="right" if left else "left", va="center", fontsize=fontsize)
        mark_conference(ax, conference["start"], label=ax is axes[0, 0], fontsize=fontsize)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        if phone:
            ax.set_ylim(len(rows) - 0.4, -1.6)
            ax.annotate(lane, (0, -1), xycoords=ax.get_yaxis_transform(), ha="left", va="center",
                        fontsize=max(11, fontsize + 1), fontweight="bold",
                        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})
            continue
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_ylabel(lane, rotation=0, ha="right", va="center", fontsize=max(11, fontsize + 1))
    axis = axes[-1, 0].xaxis
    years = last.year - first.year
    if phone:
        fig.subplots_adjust(left=0.04, right=0.96)  # room for the first year and the conference's label
        axis.set_major_locator(mdates.YearLocator(base=2 if years < 10 else 5))
        axis.set_minor_locator(mdates.YearLocator(base=1))
        _place_labels(fig, labels, fontsize)
    else:
        axis.set_major_locator(mdates.YearLocator(base=1 if years < 12 else 2))
    axis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes[0, 0].set_title(textwrap.fill(title, 32) if phone else title, loc="left", pad=18)
    return fig


def _place_labels(fig, labels, fontsize: float) -> None:
    """Each label beside its mark, on the side where the axes have room for it: the right
    if it fits there, else the left, else (wrapped) the roomier side."""
    renderer = fig.canvas.get_renderer()
    gap = 8  # points between a mark and its label
    for ax, at, y, label in labels:
        x0, x1 = ax.get_xlim()
        span = ax.get_window_extent(renderer).width * 72 / fig.dpi  # points
        share = (mdates.date2num(at) - x0) / (x1 - x0)
        room = {"right": (1 - share) * span - gap, "left": share * span - gap}
        text = ax.annotate(label, (at, y), xytext=(gap, 0), textcoords="offset points", ha="left", va="center",
                           fontsize=fontsize)
        needed = text.get_window_extent(renderer).width * 72 / fig.dpi
        side = next((side for side in ("right", "left") if needed <= room[side]), max(room, key=room.get))
        if needed > room[side]:
            text.set_text(textwrap.fill(label, max(8, int(len(label) * room[side] / needed))))
        if side == "left":
            text.set_position((-gap, 0))
            text.set_horizontalalignment("right")

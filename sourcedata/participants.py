"""The figures of the chapters on the conference's participants."""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from sourcedata.sources import timing_colours, timing_label
from sourcedata.style import FONT, GRID, label_rows_above
from sourcedata.text import stated

# ---------------------------------------------------------------------------------------
# Figures

# Short forms of the timing phrases, for figure labels next to a date.
WHEN = {"before": "before the conference", "during": "during the conference", "after": "after the conference"}


def plot_claims(claims: pd.DataFrame, phone: bool = False):
    """One panel per quantity, one row per claim: a dot for a bare figure, a line from a
    tick to an arrow for a lower limit with no upper limit. ``claims`` needs ``quantity``,
    ``qualifier``, ``value``, ``low``, ``high``, ``timing``, ``name`` (the source's name)
    and ``date`` (when it appeared, or ''). Each row's label says when the source appeared, so colour is not the only cue.
    For a phone, each row's label stands above its range rather than beside it."""
    quantities = list(dict.fromkeys(claims["quantity"]))
    colours = timing_colours()
    sizes = [int((claims["quantity"] == q).sum()) for q in quantities]
    row_height = 1.05 if phone else 0.6
    fig, axes = plt.subplots(len(quantities), 1, figsize=(3.9 if phone else 6.9, row_height * sum(sizes) + 0.75 * len(quantities)),
                             gridspec_kw={"height_ratios": sizes}, squeeze=False)
    for ax, quantity in zip(axes[:, 0], quantities):
        rows = claims[claims["quantity"] == quantity].reset_index(drop=True)
        lows = rows["low"].astype(float)
        right = lows.max() + max(8, 0.12 * lows.max())
        for y, row in rows.iterrows():
            colour = colours[row["timing"]]
            if row["high"] == row["low"]:
                ax.plot([row["low"]], [y], "o", color=colour, markersize=9)
            else:
                end = right if row["high"] == math.inf else row["high"]
                ax.annotate("", xy=(end, y), xytext=(row["low"], y),
                            arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 2.5})
                ax.plot([row["low"]], [y], "|", color=colour, markersize=13, markeredgewidth=2.5)
            ax.annotate(stated(row["qualifier"], row["value"]), (row["low"], y), xytext=(0, 8),
                        textcoords="offset points", fontsize=FONT, ha="center")
        labels = [f"{name}\n{date + ', ' if date else ''}{WHEN.get(t, timing_label(t))}"
                  for name, date, t in zip(rows["name"], rows["date"], rows["timing"])]
        if phone:
            label_rows_above(ax, labels, rise=21, fontsize=FONT)
            ax.spines["left"].set_visible(False)
            ax.set_ylim(len(rows) - 0.6, -1.0)
        else:
            ax.set_yticks(range(len(rows)), labels, fontsize=FONT, linespacing=1.2)
            ax.set_ylim(len(rows) - 0.5, -0.9)
        ax.set_xlim(lows.min() - max(4, 0.06 * lows.min()), right)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5 if phone else 10, integer=True))
        ax.tick_params(axis="x", labelsize=FONT)
        ax.set_title(f"Number of {quantity}", loc="left", fontsize=FONT + 1, fontweight="bold")
        ax.grid(axis="x", **GRID)
        ax.set_axisbelow(True)
    if phone:
        fig.subplots_adjust(left=0.02, right=0.98, top=0.97, bottom=0.04, hspace=0.2)
    else:
        fig.subplots_adjust(left=0.42, right=0.98, hspace=0.35)
    return fig

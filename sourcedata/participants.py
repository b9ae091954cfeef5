"""Figures for the participant statistics chapter."""
from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.sources import timing_colours, timing_phrase
from sourcedata.style import PALETTE


def plot_claims(claims: pd.DataFrame):
    """One panel per quantity; one row per claim; a range from ``low`` to ``high``."""
    quantities = list(dict.fromkeys(claims["quantity"]))
    colours = timing_colours()
    fig, axes = plt.subplots(1, len(quantities), figsize=(9, 0.45 * claims.groupby("quantity").size().max() + 1.8))
    for ax, quantity in zip(axes, quantities):
        rows = claims[claims["quantity"] == quantity].reset_index(drop=True)
        lows = rows["low"].astype(float)
        right = lows.max() + max(8, 0.12 * lows.max())
        for y, row in rows.iterrows():
            colour = colours[row["timing"]]
            if row["high"] == row["low"]:
                ax.plot([row["low"]], [y], "o", color=colour, markersize=8)
            else:
                end = right if row["high"] == math.inf else row["high"]
                ax.annotate("", xy=(end, y), xytext=(row["low"], y),
                            arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 2.5})
                ax.plot([row["low"]], [y], "|", color=colour, markersize=12, markeredgewidth=2.5)
            stated = f'{int(row["value"])}' if row["qualifier"] == "exact" else f'{row["qualifier"]} {int(row["value"])}'
            ax.annotate(stated, (row["low"], y), xytext=(0, 7),
                        textcoords="offset points", fontsize=8.5, ha="center")
        ax.set_yticks(range(len(rows)), [f'{s} ({t})' for s, t in zip(rows["source_id"], rows["timing"])], fontsize=9)
        ax.set_ylim(len(rows) - 0.5, -0.8)
        ax.set_xlim(lows.min() - max(4, 0.06 * lows.min()), right)
        ax.set_title(quantity.capitalize(), loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
    shown = [t for t in colours if t in set(claims["timing"])]
    handles = [plt.Line2D([], [], color=colours[t], linewidth=3, label=timing_phrase(t)) for t in shown]
    fig.legend(handles=handles, loc="lower center", ncols=len(handles), frameon=False, fontsize=9)
    fig.subplots_adjust(bottom=0.2, wspace=0.9)
    return fig


def plot_sectors(categories: pd.DataFrame):
    """Bars counting categories per sector, each bar labelled with its categories."""
    groups = categories.groupby("label")["category"].apply(list)
    groups = groups.loc[groups.map(len).sort_values(ascending=True, kind="stable").index]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(groups) + 1))
    ax.barh(groups.index, groups.map(len), color=PALETTE["blue"])
    for y, members in enumerate(groups):
        ax.annotate(textwrap.shorten(", ".join(members), 60), (len(members), y), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=8.5)
    ax.set_xlabel("Number of participant categories")
    ax.set_xlim(0, groups.map(len).max() + 3.2)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig

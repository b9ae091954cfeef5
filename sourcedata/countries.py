"""Figures for the country statistics chapter: action plans by year and the world map."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from sourcedata.style import PALETTE

# Map categories in drawing order; later ones are drawn on top.
MAP_COLOURS = {
    "other": "#e4e4e4",
    "plan after the cut-off": PALETTE["sky"],
    "plan date undecided": PALETTE["yellow"],
    "plan by the cut-off": PALETTE["blue"],
}
PARTICIPANT_EDGE = PALETTE["vermillion"]


def plot_cumulative(per_year: pd.DataFrame, cutoff_label: str):
    """Countries certainly with a plan (line) and the band of those that may have one."""
    fig, ax = plt.subplots(figsize=(7.5, 4))
    ax.fill_between(per_year["year"], per_year["certain"], per_year["possible"], step="post",
                    color=PALETTE["orange"], alpha=0.45, label="may have had one (sources disagree or undated)")
    ax.step(per_year["year"], per_year["certain"], where="post", color=PALETTE["blue"], linewidth=2.5,
            label="certainly had one")
    last = per_year.iloc[-1]
    ax.annotate(f"{int(last['certain'])}–{int(last['possible'])} by {cutoff_label}", (last["year"], last["possible"]),
                xytext=(-6, 8), textcoords="offset points", ha="right", fontsize=9)
    ax.set_xticks(per_year["year"])
    ax.set_xlim(per_year["year"].min() - 0.2, per_year["year"].max() + 0.8)
    ax.set_ylim(0, per_year["possible"].max() * 1.2)
    ax.set_ylabel("Countries with a national action plan")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig


def plot_world(outlines: dict, category: pd.Series, participant_countries: set[str]):
    """Countries filled by action-plan status; participants' home countries outlined."""
    fig, ax = plt.subplots(figsize=(9, 4.6))
    for name, colour in MAP_COLOURS.items():
        codes = [c for c in sorted(outlines) if category.get(c, "other") == name]
        rings = [ring for c in codes for ring in outlines[c]]
        ax.add_collection(PolyCollection(rings, facecolors=colour, edgecolors="white", linewidths=0.3))
    rings = [ring for c in sorted(participant_countries & set(outlines)) for ring in outlines[c]]
    ax.add_collection(PolyCollection(rings, facecolors="none", edgecolors=PARTICIPANT_EDGE, linewidths=1.6))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-58, 84)
    ax.set_aspect(1.15)
    ax.set_axis_off()
    handles = [Patch(facecolor=c, label=n) for n, c in MAP_COLOURS.items() if n != "other"]
    handles.append(Patch(facecolor="none", edgecolor=PARTICIPANT_EDGE, linewidth=1.6, label="home of a named participant"))
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8.5)
    return fig


def plot_bounds(stats: pd.DataFrame):
    """Percentages stated as bounds: a bar to the bound, open-ended where the source says 'less than'."""
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(stats) + 1.2))
    for y, row in enumerate(stats.itertuples()):
        strict = row.qualifier in {"less than", "fewer than"}
        colour = PALETTE["blue"] if row.confidence == "high" else PALETTE["grey"]
        ax.barh(y, row.value, color=colour, alpha=0.35 if strict else 1, hatch="///" if strict else None,
                edgecolor=colour)
        ax.annotate(f"{'< ' if strict else ''}{row.value:g}%", (row.value, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(range(len(stats)), [f"{m}\n[{s}]" for m, s in zip(stats["measure"], stats["source_id"])], fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, stats["value"].max() * 1.25)
    ax.set_xlabel("Per cent")
    return fig

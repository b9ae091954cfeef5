"""Countries: names and UN regions for ISO 3166-1 alpha-3 codes, and the world map."""
from __future__ import annotations

from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from sourcedata.style import PALETTE


@cache
def _country_table() -> pd.DataFrame:
    import country_converter

    return country_converter.CountryConverter().data.set_index("ISO3")


def country_name(iso3) -> str:
    """Short English name for an ISO 3166-1 alpha-3 code; '' when the code is missing."""
    if iso3 is None or pd.isna(iso3):
        return ""
    return str(_country_table().loc[iso3, "name_short"])


def un_region(iso3) -> str:
    """UN M49 sub-region (e.g. 'Western Africa') for an ISO 3166-1 alpha-3 code."""
    return str(_country_table().loc[iso3, "UNregion"])

# Map categories in drawing order; later ones are drawn on top.
MAP_COLOURS = {
    "other": "#e4e4e4",
    "plan after the cut-off": PALETTE["sky"],
    "plan date undecided": PALETTE["yellow"],
    "plan by the cut-off": PALETTE["blue"],
}
PARTICIPANT_EDGE = PALETTE["vermillion"]


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

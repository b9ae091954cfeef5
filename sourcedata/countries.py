"""Countries: names for ISO 3166-1 alpha-3 codes, and the world map."""
from __future__ import annotations

from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch, Rectangle

from sourcedata.style import (HATCH_LINES, INK, PALETTE, PHONE_WIDTH, SECONDARY_INK, PLAN_AFTER, PLAN_BY_CUTOFF, PLAN_NONE, PLAN_STATUS,
                              PLAN_UNDECIDED)


@cache
def _country_table() -> pd.DataFrame:
    import country_converter

    return country_converter.CountryConverter().data.set_index("ISO3")


def country_name(iso3) -> str:
    """Short English name for an ISO 3166-1 alpha-3 code; '' when the code is missing."""
    if iso3 is None or pd.isna(iso3):
        return ""
    return str(_country_table().loc[iso3, "name_short"])


# Map categories in drawing order (later ones on top), each in the book's colour and hatch for
# that plan status (``sourcedata.style.PLAN_STATUS``), so that colour is never the only cue.
_MAP_STATUS = {"other": PLAN_NONE, "plan after the cut-off": PLAN_AFTER, "plan date undecided": PLAN_UNDECIDED,
               "plan by the cut-off": PLAN_BY_CUTOFF}
MAP_COLOURS = {name: PLAN_STATUS[status]["color"] for name, status in _MAP_STATUS.items()}
MAP_HATCH = {name: PLAN_STATUS[status]["hatch"] for name, status in _MAP_STATUS.items() if PLAN_STATUS[status]["hatch"]}
PARTICIPANT_EDGE = INK
EUROPE = (-25.0, 32.0, 36.0, 70.0)  # lon min, lon max, lat min, lat max of the enlarged panel


def map_category(status: pd.Series) -> pd.Series:
    """Each country's plan status (``sourcedata.naps``) under the map's name for it: 'plan by the cut-off'."""
    return status.map({plan: name for name, plan in _MAP_STATUS.items()})


def _draw(ax, outlines: dict, category: pd.Series, participant_countries: set[str], edge_width: float):
    for name, colour in MAP_COLOURS.items():
        codes = [c for c in sorted(outlines) if category.get(c, "other") == name]
        rings = [ring for c in codes for ring in outlines[c]]
        ax.add_collection(PolyCollection(rings, facecolors=colour, edgecolors=HATCH_LINES, linewidths=0.4,
                                         hatch=MAP_HATCH.get(name)))
    rings = [ring for c in sorted(participant_countries & set(outlines)) for ring in outlines[c]]
    ax.add_collection(PolyCollection(rings, facecolors="none", edgecolors=PARTICIPANT_EDGE, linewidths=edge_width))
    ax.set_axis_off()


def plot_world(outlines: dict, category: pd.Series, participant_countries: set[str], phone: bool = False):
    """Countries filled by action-plan status, participants' home countries outlined in black;
    Europe enlarged in a panel of its own, and the legend beside it, clear of the map. For a
    phone, the three stacked: the world, Europe below it, the legend at the bottom."""
    width = PHONE_WIDTH if phone else 6.8  # inches; at 100 dpi the figure fits the page's text column without shrinking
    world_height = width * (84 + 58) * 1.15 / 360
    panel_height = 2.9 if phone else 2.5
    west, east, south, north = EUROPE
    panel_width = panel_height * (east - west) / ((north - south) * 1.6)
    gap = 0.15
    key_height = 1.4  # on a phone, the legend's own row under Europe
    below = gap + key_height if phone else 0
    height = world_height + gap + panel_height + below
    fig = plt.figure(figsize=(width, height))
    world = fig.add_axes((0, (panel_height + gap + below) / height, 1, world_height / height))
    _draw(world, outlines, category, participant_countries, 1.4)
    world.set_xlim(-180, 180)
    world.set_ylim(-58, 84)
    world.set_aspect(1.15)
    box = dict(fill=False, edgecolor=PALETTE["grey"], linewidth=1, linestyle="--")
    world.add_patch(Rectangle((west, south), east - west, north - south, **box))
    world.annotate("Europe:\nenlarged below" if phone else "Europe: enlarged below", (east, north), va="top" if phone else "baseline", xytext=(4, 2), textcoords="offset points", fontsize=10,
                   color=SECONDARY_INK)
    if phone:
        europe = fig.add_axes(((1 - panel_width / width) / 2, below / height, panel_width / width, panel_height / height))
    else:
        europe = fig.add_axes((1 - panel_width / width, 0, panel_width / width, panel_height / height))
    _draw(europe, outlines, category, participant_countries, 1.8)
    europe.set_xlim(west, east)
    europe.set_ylim(south, north)
    europe.set_aspect(1.6)
    europe.add_patch(Rectangle((west, south), east - west, north - south, **box))
    if phone:
        key = fig.add_axes((0, 0, 1, key_height / height))
    else:
        key = fig.add_axes((0, 0, 1 - panel_width / width - 0.02, panel_height / height))
    key.set_axis_off()
    handles = [Patch(facecolor=c, edgecolor=HATCH_LINES, hatch=MAP_HATCH.get(n), label=n)
               for n, c in MAP_COLOURS.items() if n != "other"][::-1]
    handles.append(Patch(facecolor="none", edgecolor=PARTICIPANT_EDGE, linewidth=1.8, label="home of a named participant"))
    handles.append(Patch(facecolor=MAP_COLOURS["other"], label="no plan dated in the data"))
    key.legend(handles=handles, loc="center left", frameon=False, fontsize=10.5, handlelength=1.6, handleheight=1.1)
    return fig

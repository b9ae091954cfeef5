"""The conference and its participants: sentences that read well for every value the data
can give, readable names for the sources, and the figures of the participant chapter.

Every sentence builder here takes values computed from the data and returns plain English
for each case the data allows (none, one, several; agreement or conflict). The chapters
glue what these return; tests/test_people_pages.py checks the odd cases.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from sourcedata.sources import timing_colours, timing_label
from sourcedata.style import FONT

# ---------------------------------------------------------------------------------------
# Words for counts, dates and lists

def capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


# ---------------------------------------------------------------------------------------
# Sources by name

# How the figures name the sources of the attendance and peace-process figures in their
# labels, and the conference page in its prose: by what each is, where tables and citations
# use author and date. Any other source falls back to its author as data/sources.csv gives it.
SOURCE_NAMES = {
    "usd-news-56634": "University of San Diego announcement",
    "usd-press-2078": "University of San Diego press release",
    "inside-usd-13055": "Inside USD story",
    "ipj-blog-2010-09-30": "Kroc Institute conference blog",
    "peacewomen-repost-2010": "PeaceWomen repost of a blog excerpt",
    "peacewomen-usd-story-2010": "PeaceWomen repost of a news story",
    "livelearnteachpeace-2010-09-30": "Personal blog (livelearnteachpeace)",
    "compass-fall-2010": "Kroc Institute newsletter",
    "icrtop-report": "ICRtoP report",
    "witness-blog-2010-10": "WITNESS blog",
    "mcwilliams-lecture": "Published keynote lecture",
    "ipj-research-29": "Kroc Institute record of the narrative on Vaiba Kebeh Flomo",
    "ipj-research-51": "Kroc Institute profile of Luz Méndez",
    "unifem-2010-negotiations": "UNIFEM study",
    "peacewomen-news-2010-09": "PeaceWomen news item",
}


def publication_date(published, short: bool = False) -> str:
    """'30 September 2010', 'September 2010' or '2010' from an ISO date of any precision;
    '' when unknown. ``short`` abbreviates the month ('Sep 2010')."""
    if published is None or (not isinstance(published, str) and pd.isna(published)) or not str(published):
        return ""
    parts = str(published).split("-")
    if len(parts) == 1:
        return parts[0]
    month = pd.Timestamp(f"{parts[0]}-{parts[1]}-01").strftime("%b" if short else "%B")
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def source_name(source_id: str, author=None) -> str:
    """A reader's name for a source: never its id."""
    if source_id in SOURCE_NAMES:
        return SOURCE_NAMES[source_id]
    if author is None or pd.isna(author):
        raise KeyError(f"no readable name for source {source_id!r}: add it to SOURCE_NAMES")
    return str(author).split(" (")[0]


# ---------------------------------------------------------------------------------------
# Attendance figures as the sources state them, and what they support together


def stated(qualifier: str, value) -> str:
    """'175', 'more than 175', 'over 47' — the figure in the source's own words."""
    return f"{int(value)}" if qualifier == "exact" else f"{qualifier} {int(value)}"


# ---------------------------------------------------------------------------------------
# Named people

# The people.role of someone the sources name in connection with the conference without
# saying what part, if any, they took in it ends with this phrase.
ROLE_NOT_STATED = "conference role not stated"


# ---------------------------------------------------------------------------------------
# Figures

# Short forms of the timing phrases, for figure labels next to a date.
WHEN = {"before": "before the conference", "during": "during the conference", "after": "after the conference"}


def plot_claims(claims: pd.DataFrame):
    """One panel per quantity, one row per claim: a dot for a bare figure, a line from a
    tick to an arrow for a lower limit with no upper limit. ``claims`` needs ``quantity``,
    ``qualifier``, ``value``, ``low``, ``high``, ``timing``, ``name`` (the source's name)
    and ``date`` (when it appeared, or ''). Each row's label says when the source appeared, so colour is not the only cue."""
    quantities = list(dict.fromkeys(claims["quantity"]))
    colours = timing_colours()
    sizes = [int((claims["quantity"] == q).sum()) for q in quantities]
    fig, axes = plt.subplots(len(quantities), 1, figsize=(6.9, 0.6 * sum(sizes) + 0.75 * len(quantities)),
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
        ax.set_yticks(range(len(rows)), labels, fontsize=FONT, linespacing=1.2)
        ax.set_ylim(len(rows) - 0.5, -0.9)
        ax.set_xlim(lows.min() - max(4, 0.06 * lows.min()), right)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="x", labelsize=FONT)
        ax.set_title(f"Number of {quantity}", loc="left", fontsize=FONT + 1, fontweight="bold")
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
    fig.subplots_adjust(left=0.42, right=0.98, hspace=0.35)
    return fig



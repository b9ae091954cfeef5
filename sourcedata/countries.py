"""Countries: names and UN regions for ISO 3166-1 alpha-3 codes, the world map, and the
sentences of the Country statistics chapter that need branches (zero, one, many)."""
from __future__ import annotations

from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch, Rectangle

from sourcedata.style import (HATCH_LINES, INK, PALETTE, PLAN_AFTER, PLAN_BY_CUTOFF, PLAN_NONE, PLAN_STATUS,
                              PLAN_UNDECIDED)
from sourcedata.text import join_words, number_word, percent


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


# Short names that read differently inside a sentence.
_SPELLED_OUT = {"DR Congo": "Democratic Republic of the Congo", "Congo Republic": "Republic of the Congo"}
_WITH_ARTICLE = ("United ", "Netherlands", "Philippines", "Czech Republic", "Dominican Republic", "Central African Republic",
                 "Democratic Republic", "Republic of the", "Gambia", "Bahamas", "Maldives", "Comoros", "Marshall Islands",
                 "Solomon Islands", "Seychelles")


def prose_name(iso3) -> str:
    """A country's name as it reads in a sentence: 'the United Kingdom', 'the Democratic
    Republic of the Congo', 'Kenya'."""
    name = country_name(iso3)
    name = _SPELLED_OUT.get(name, name)
    return f"the {name}" if name.startswith(_WITH_ARTICLE) else name


def sort_key(name: str) -> str:
    """Alphabetical order that ignores a leading 'the'."""
    return name.removeprefix("the ")




def count_noun(n: int, singular: str, plural: str | None = None, words: bool = False) -> str:
    """'1 country', '6 countries'; with ``words``, 'no countries', 'one country', 'six countries' (digits from 10)."""
    n = int(n)
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{number_word(n) if words else n} {noun}"


def capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def regions_sentence(n_named: int, homes: pd.Series) -> str:
    """Where the named people with a stated country came from, by UN (M49) sub-region.

    ``n_named`` counts everyone the sources name; ``homes`` holds one country code per
    person whose country a source states.
    """
    n_placed = len(homes)
    if n_placed == 0:
        return "No source gives a country for any of the people it names."
    if n_placed == n_named:
        opening = "The sources give a country for every person they name"
    else:
        opening = f"The sources give a country for only {number_word(n_placed)} of the {n_named} people they name"
    codes = list(dict.fromkeys(homes))
    by_region: dict[str, list[str]] = {}
    for code in codes:
        by_region.setdefault(un_region(code), []).append(prose_name(code))
    if len(codes) == 1:
        (region, (name,)), = by_region.items()
        return f"{opening}: {'' if n_placed == 1 else 'both from ' if n_placed == 2 else 'all from '}{name}, in {region}."
    groups = [f"{region} ({join_words(sorted(names, key=sort_key))})" for region, names in sorted(by_region.items())]
    return (f"{opening}. Their {count_noun(len(codes), 'country', 'countries', words=True)} lie in "
            f"{count_noun(len(by_region), 'UN sub-region', words=True)}: {join_words(groups)}.")


def home_plans_sentence(home_status: pd.Series, phrases: dict[str, str]) -> str:
    """Which home countries of named people had a plan at the cut-off.

    ``home_status`` maps country codes to a plan status (a key of ``phrases``), or to NaN
    when no source dates a plan; ``phrases`` says what each status means, as a predicate
    that fits one country or several ('had a plan by the cut-off').
    """
    none_phrase = "no source we could read records a plan before the conference"
    if home_status.empty:
        return "No named person has a stated country, so nothing can be said of their countries' plans."
    if len(home_status) == 1:
        code, status = next(iter(home_status.items()))
        said = f"for which {none_phrase}" if pd.isna(status) else f"which {phrases[status]}"
        return f"Only one country is home to a named person: {prose_name(code)}, {said}."
    parts = []
    for status, phrase in phrases.items():
        names = sorted((prose_name(c) for c in home_status.index[home_status == status]), key=sort_key)
        if names:
            parts.append(f"{join_words(names)} {phrase}")
    unknown = sorted((prose_name(c) for c in home_status.index[home_status.isna()]), key=sort_key)
    if unknown:
        parts.append(f"for {join_words(unknown)}, {none_phrase}")
    n = count_noun(len(home_status), "country", "countries", words=True)
    return f"Of the {n} that named people came from, " + "; ".join(parts) + "."


def map_note(n_drawn: int, missing: list[str]) -> str:
    """What the map shows; what it leaves out is said only when it leaves something out."""
    shown = (f"The map shows the {count_noun(n_drawn, 'country', 'countries')} for which a source dates a plan, or "
             "from which a named participant came")
    if not missing:
        return shown + "."
    verb = "is" if len(missing) == 1 else "are"
    return f"{shown}, except {join_words(missing)}, which {verb} too small to draw at the map's scale."


def qualified_percent(qualifier: str, value: float) -> str:
    """'less than 3 per cent', '3 per cent', 'more than 30 per cent'."""
    number = f"{value:g} per cent"
    return number if qualifier == "exact" else f"{qualifier} {number}"


def mediators_clause(n: int) -> str:
    """UNIFEM's count of women chief mediators in UN-brokered talks, as a clause."""
    if n == 0:
        return "no woman had been chief mediator in talks the UN brokered"
    if n == 1:
        return "only one woman had been chief mediator in talks the UN brokered"
    return f"only {n} women had been chief mediators in talks the UN brokered"


def membership_sentence(floor: int, highest: int, highest_wording: str, members: int) -> str:
    """The reported number of countries against the UN's membership: one floor, or the lowest
    and the highest when they differ. ``highest_wording`` says where the highest comes from."""
    def share(n):
        return percent(n / members)

    caveat = ("lower limit" if floor == highest else "lower limits") + (
        ", and a participant's country need not be a UN member, so the share compares scales; it is not a strict "
        "proportion.")
    if floor == highest:
        return (f"Read literally, every source implies at least {floor} countries, or at least {share(floor)} of the "
                f"membership. That is a {caveat}")
    return (f"Read literally, every source implies at least {floor} countries, or at least {share(floor)} of the "
            f"membership; the highest floor any source implies, {highest} (from {highest_wording}), would make it "
            f"{share(highest)}. Both are {caveat}")


def placed_limit(n_placed: int) -> str:
    """The limit on knowing where participants came from, as a clause."""
    if n_placed == 0:
        return "no named person has a stated country"
    if n_placed == 1:
        return "only one named person has a stated country"
    return f"only {number_word(n_placed)} named people have a stated country"


def source_gave(author: str, published) -> str:
    """'PeaceWomen gave in March 2011': who gave a figure and when, for 'the figure … '."""
    from sourcedata.naps import partial_date

    who = str(author).split(" (")[0]
    if published is None or pd.isna(published) or not str(published):
        return f"{who} gives (its date is not known)"
    return f"{who} gave in {partial_date(published)}"


# Map categories in drawing order (later ones on top), each in the book's colour and hatch for
# that plan status (``sourcedata.style.PLAN_STATUS``), so that colour is never the only cue.
_MAP_STATUS = {"other": PLAN_NONE, "plan after the cut-off": PLAN_AFTER, "plan date undecided": PLAN_UNDECIDED,
               "plan by the cut-off": PLAN_BY_CUTOFF}
MAP_COLOURS = {name: PLAN_STATUS[status]["color"] for name, status in _MAP_STATUS.items()}
MAP_HATCH = {name: PLAN_STATUS[status]["hatch"] for name, status in _MAP_STATUS.items() if PLAN_STATUS[status]["hatch"]}
PARTICIPANT_EDGE = INK
EUROPE = (-25.0, 32.0, 36.0, 70.0)  # lon min, lon max, lat min, lat max of the enlarged panel


def _draw(ax, outlines: dict, category: pd.Series, participant_countries: set[str], edge_width: float):
    for name, colour in MAP_COLOURS.items():
        codes = [c for c in sorted(outlines) if category.get(c, "other") == name]
        rings = [ring for c in codes for ring in outlines[c]]
        ax.add_collection(PolyCollection(rings, facecolors=colour, edgecolors=HATCH_LINES, linewidths=0.4,
                                         hatch=MAP_HATCH.get(name)))
    rings = [ring for c in sorted(participant_countries & set(outlines)) for ring in outlines[c]]
    ax.add_collection(PolyCollection(rings, facecolors="none", edgecolors=PARTICIPANT_EDGE, linewidths=edge_width))
    ax.set_axis_off()


def plot_world(outlines: dict, category: pd.Series, participant_countries: set[str]):
    """Countries filled by action-plan status, participants' home countries outlined in black;
    Europe enlarged in a panel of its own, and the legend beside it, clear of the map."""
    width = 6.8  # inches; at 100 dpi the figure fits the page's text column without shrinking
    world_height = width * (84 + 58) * 1.15 / 360
    panel_height = 2.5
    west, east, south, north = EUROPE
    panel_width = panel_height * (east - west) / ((north - south) * 1.6)
    gap = 0.15
    height = world_height + gap + panel_height
    fig = plt.figure(figsize=(width, height))
    world = fig.add_axes((0, (panel_height + gap) / height, 1, world_height / height))
    _draw(world, outlines, category, participant_countries, 1.4)
    world.set_xlim(-180, 180)
    world.set_ylim(-58, 84)
    world.set_aspect(1.15)
    box = dict(fill=False, edgecolor=PALETTE["grey"], linewidth=1, linestyle="--")
    world.add_patch(Rectangle((west, south), east - west, north - south, **box))
    world.annotate("Europe: enlarged below", (east, north), xytext=(4, 2), textcoords="offset points", fontsize=10,
                   color="#444444")
    europe = fig.add_axes((1 - panel_width / width, 0, panel_width / width, panel_height / height))
    _draw(europe, outlines, category, participant_countries, 1.8)
    europe.set_xlim(west, east)
    europe.set_ylim(south, north)
    europe.set_aspect(1.6)
    europe.add_patch(Rectangle((west, south), east - west, north - south, **box))
    key = fig.add_axes((0, 0, 1 - panel_width / width - 0.02, panel_height / height))
    key.set_axis_off()
    handles = [Patch(facecolor=c, edgecolor=HATCH_LINES, hatch=MAP_HATCH.get(n), label=n)
               for n, c in MAP_COLOURS.items() if n != "other"][::-1]
    handles.append(Patch(facecolor="none", edgecolor=PARTICIPANT_EDGE, linewidth=1.8, label="home of a named participant"))
    handles.append(Patch(facecolor=MAP_COLOURS["other"], label="no plan dated in the data"))
    key.legend(handles=handles, loc="center left", frameon=False, fontsize=10.5, handlelength=1.6, handleheight=1.1)
    return fig

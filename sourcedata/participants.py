"""The conference and its participants: sentences that read well for every value the data
can give, readable names for the sources, and the figures of the participant chapter.

Every sentence builder here takes values computed from the data and returns plain English
for each case the data allows (none, one, several; agreement or conflict). The chapters
glue what these return; tests/test_people_pages.py checks the odd cases.
"""
from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from sourcedata.bounds import Interval, count_interval
from sourcedata.sources import timing_colours, timing_phrase
from sourcedata.style import PALETTE
from sourcedata.text import date_range, join_words, number_word, percent

# ---------------------------------------------------------------------------------------
# Words for counts, dates and lists

def count_words(n: int, noun: str, plural: str | None = None) -> str:
    """'no source', 'one source', 'six sources', '12 sources': numbers up to ten in words."""
    return f"{number_word(n)} {noun if int(n) == 1 else (plural or noun + 's')}"


def capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def conference_dates(start, end) -> str:
    """'ran for 3 days, from 29 September to 1 October 2010', or 'met on a single day,
    29 September 2010'."""
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    if days == 1:
        return f"met on a single day, {date_range(start, end)}"
    return f"ran for {count_words(days, 'day')}, from {date_range(start, end)}"


def join_names(names) -> str:
    """Names joined for prose. Names that contain commas of their own ('NGO Working Group
    on Women, Peace and Security') are separated by semicolons, so the list stays legible."""
    names = [str(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    if any("," in n for n in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    return join_words(names)


def named_with_acronym(name: str, acronym) -> str:
    """'United Nations Development Fund for Women (UNIFEM)'; the name alone without one."""
    return name if acronym is None or pd.isna(acronym) or not str(acronym) else f"{name} ({acronym})"


def conveners_sentence(names) -> str:
    """The one place the book defines the co-conveners, for any number of them."""
    names = list(names)
    if not names:
        return "No source we could read names co-conveners of the conference"
    if len(names) == 1:
        return (f"One organisation, {names[0]}, is named as co-convener of the conference, that is, "
                "as convening it jointly with others, and it signed the conference's statement")
    return (f"The conference had {count_words(len(names), 'co-convener')}, organisations that convened it jointly, "
            f"and they signed its statement: {join_names(names)}")


def panels_sentence(themes) -> str:
    """'lists 4 panel discussions open to the public, on peace processes, ... and justice'."""
    themes = list(themes)
    if not themes:
        return "names no panel discussion open to the public"
    if len(themes) == 1:
        return f"lists one panel discussion open to the public, on {themes[0]}"
    return f"lists {number_word(len(themes))} panel discussions open to the public, on {join_words(themes)}"


def funders_sentence(funders) -> str:
    """Who the sources say paid for what. ``funders`` are (name, what it funded) for each
    funder the data records, at least one; none of them funded the conference itself."""
    funders = list(funders)
    if not funders:
        raise ValueError("no funder to name")
    named = join_names(f"the {name}, which funded the {what}" for name, what in funders)
    return f"The only {'funder' if len(funders) == 1 else 'funders'} the sources name {'is' if len(funders) == 1 else 'are'} {named}"


def presenters_sentence(presenters) -> str:
    """``presenters``: (name, affiliation or '', topic) for each presentation, in order."""
    presenters = list(presenters)
    if not presenters:
        return "No source we could read names its presenters"
    parts = [f"{name}{f', of the {aff}' if aff else ''}, on {topic}" for name, aff, topic in presenters]
    if len(parts) == 1:
        return f"There was one presentation, by {parts[0]}"
    return (f"There were {count_words(len(parts), 'presentation')}: "
            + join_names(f"by {p}" for p in parts))


def peacemakers_sentence(names, countries) -> str:
    """Who the year's Women PeaceMakers were, with their countries, for any number of them."""
    names, countries = list(names), list(countries)
    if not names:
        return "No source we could read names the institute's 2010 Women PeaceMakers"
    listed = people_with_countries(names, countries)
    if len(names) == 1:
        return f"The institute's one 2010 Woman PeaceMaker, invited for a residency at the institute that autumn, was {listed}"
    return (f"The institute's 2010 Women PeaceMakers, {count_words(len(names), 'woman', 'women')} invited for a "
            f"residency at the institute that autumn, were {listed}")


def people_with_countries(names, countries) -> str:
    """'A (Kenya), B (Liberia) and C'; a person with no stated country stands alone."""
    return join_words(f"{n} ({c})" if c else str(n) for n, c in zip(names, countries))


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


def plain_form(qualifier: str, value) -> str:
    """As :func:`stated`, with 'over' said as 'more than' so that equal ranges read alike."""
    return stated("more than" if qualifier == "over" else qualifier, value)


def range_words(interval: Interval) -> str:
    """'exactly 175', '176 or more', 'between 45 and 47'."""
    if interval.low == interval.high:
        return f"exactly {interval.low:g}"
    if interval.high == math.inf:
        return f"{interval.low:g} or more"
    return f"between {interval.low:g} and {interval.high:g}"


def _groups(rows: pd.DataFrame) -> list[dict]:
    """Claims that allow the same range, in order of their lower bound: each with its
    range, its figure(s) in plain words and the names of its sources."""
    groups = []
    for (low, high), part in rows.groupby(["low", "high"], sort=True):
        forms = list(dict.fromkeys(plain_form(q, v) for q, v in zip(part["qualifier"], part["value"])))
        groups.append({"interval": Interval(low, high), "form": " or ".join(forms),
                       "names": list(dict.fromkeys(part["name"])), "n": len(part)})
    return groups


def figures_summary(rows: pd.DataFrame) -> str:
    """What the sources say, in one or two sentences: the forecast made before the
    conference, then the figures written during or after it.

    ``rows``: one row per claim, with ``qualifier``, ``value``, ``timing``, ``low``, ``high``
    and ``name`` (the source's readable name)."""
    if rows.empty:
        return "No source we could read gives a figure"
    before, later = rows[rows["timing"] == "before"], rows[rows["timing"] != "before"]
    sentences = []
    if not before.empty:
        forms = join_words(dict.fromkeys(stated(q, v) for q, v in zip(before["qualifier"], before["value"])))
        who = join_words(dict.fromkeys(before["name"]))
        sentences.append(f"before the conference, the {who} expected {forms}")
    if not later.empty:
        groups = _groups(later)
        n = later["name"].nunique()
        sources = count_words(n, "source")
        if n == 1:
            sentences.append(f"the one source written during or after it says {groups[0]['form']}")
        elif len(groups) == 1:
            sentences.append(f"all {sources} written during or after it say {groups[0]['form']}")
        elif all(len(g["names"]) == 1 for g in groups):
            sentences.append(f"the {sources} written during or after it give " + join_words(g["form"] for g in groups))
        else:
            counts = [f"{number_word(len(g['names']))} {'says' if len(g['names']) == 1 else 'say'} {g['form']}"
                      for g in groups]
            sentences.append(f"of the {sources} written during or after it, " + join_words(counts))
    return capitalise("; ".join(sentences))


def conflicts_sentence(rows: pd.DataFrame, noun: str) -> str:
    """Which figures rule each other out, read literally, and how many pairs of claims that
    makes. ``noun`` says what is counted ('participant', 'country')."""
    groups = _groups(rows)
    clauses, pairs = [], 0
    for i, first in enumerate(groups):
        against = [g for g in groups[i + 1:] if not first["interval"].overlaps(g["interval"])]
        if against:
            pairs += sum(first["n"] * g["n"] for g in against)
            others = " or with ".join(f"{g['form']} ({join_words(g['names'])})" for g in against)
            clauses.append(f"{first['form']} ({join_words(first['names'])}) cannot be true together with {others}")
    if not clauses:
        return f"All the {noun} figures can be true at once."
    return (f"Among the {noun} figures, read literally, {'; and '.join(clauses)}: that makes "
            f"{count_words(pairs, 'pair', 'pairs')} of figures that cannot both be true.")


def common_sentence(people: Interval | None, countries: Interval | None) -> str:
    """Whether one number fits every figure, for participants and for countries."""
    if people is None and countries is None:
        return ("No number of participants fits every figure the sources give, and no number of "
                "countries does either: in both cases some figures rule out others.")
    if people is None:
        return (f"No number of participants fits every figure the sources give; for countries, "
                f"every figure allows {range_words(countries)}.")
    if countries is None:
        return (f"Every participant figure allows {range_words(people)} participants, but no number "
                "of countries fits every country figure the sources give.")
    return (f"Every participant figure allows {range_words(people)} participants, and every "
            f"country figure allows {range_words(countries)} countries.")


def weakest(rows: pd.DataFrame) -> str:
    """The figure(s) that set the joint floor, with their sources and when they appeared:
    'more than 165 (University of San Diego announcement, published before the conference)'."""
    low = rows["low"].min()
    floor = rows[rows["low"] == low]
    return join_words(f"{stated(q, v)} ({n}, {timing_phrase(t)})"
                      for q, v, n, t in zip(floor["qualifier"], floor["value"], floor["name"], floor["timing"]))


def quotation_sentence(own: tuple[str, int], quoted: tuple[str, int], what: str) -> str:
    """How a figure quoted from the organisers compares with the organisers' own figure in
    their newsletter. ``own`` and ``quoted`` are (qualifier, value); ``what`` is the noun."""
    own_range, quoted_range = count_interval(*own), count_interval(*quoted)
    if stated(*own) == stated(*quoted):
        return f"{stated(*quoted)} {what}, as the newsletter has it"
    if own_range == quoted_range:
        return f"{stated(*quoted)} {what}, which means the same as the newsletter's {stated(*own)}"
    if own_range.overlaps(quoted_range):
        return f"{stated(*quoted)} {what}, which allows the newsletter's {stated(*own)}"
    return (f"{stated(*quoted)} {what}, which read literally means {range_words(quoted_range)} and cannot "
            f"be true together with the newsletter's {stated(*own)}")


def rounding_note(rows: pd.DataFrame) -> str:
    """Where a bare figure sits one below a 'more than' figure (175 against more than 175),
    the likeliest reading, said as no more than that; '' when no such pair exists."""
    exact = sorted({int(lo) for lo, hi in zip(rows["low"], rows["high"]) if lo == hi})
    starts = {int(lo) for lo, hi in zip(rows["low"], rows["high"]) if hi == math.inf}
    rounded = [v for v in exact if v + 1 in starts]
    if not rounded:
        return ""
    return " ".join(f"A bare {v} may be a round figure for “more than {v}”, but no source says which is meant."
                    for v in rounded)


def limits_sentence(rows: pd.DataFrame) -> str:
    """What the figures say about the size of the conference, as a limit from below and,
    where a bare figure gives one, from above."""
    low, high = rows["low"].min(), rows["low"].max()
    first = (f"every figure's lower limit is {low:g}" if low == high
             else f"the figures' lower limits run from {low:g} to {high:g}")
    exact = sorted(set(rows.loc[rows["low"] == rows["high"], "low"]))
    if not exact:
        return f"{first}, and no figure sets an upper limit"
    caps = join_words(f"{v:g}" for v in exact)
    beyond = rows[rows["low"] > max(exact)]
    if beyond.empty:
        return f"{first}, and a bare {caps} sets the upper limit"
    return (f"{first}; the only figure that would set an upper limit, a bare {caps}, is ruled out by "
            f"{count_words(len(beyond), 'other figure')}")


def share_sentence(panel: int, rows: pd.DataFrame) -> str:
    """The panel's discussion as a share of the conference, for every attendance figure the
    sources give; ``rows`` are the participant claims with ``low``, ``high`` and ``name``."""
    floor = rows["low"].min()
    parts = [f"at most {percent(panel / floor)} of the conference if attendance was at the lowest "
             f"figure any source allows ({floor:g})"]
    exact = sorted(set(rows.loc[rows["low"] == rows["high"], "low"]))
    for value in exact:
        parts.append(f"about {percent(panel / value)} if exactly {value:g} attended")
    open_ended = rows[rows["high"] == math.inf]
    top = open_ended["low"].max() if not open_ended.empty else None
    if top is not None and top > floor and top > max(exact, default=-1):
        n = int((open_ended["low"] == top).sum())
        top_form = plain_form(*next((q, v) for q, v, lo in zip(open_ended["qualifier"], open_ended["value"], open_ended["low"]) if lo == top))
        parts.append(f"at most {percent(panel / top)} if {top_form} attended, as "
                     f"{count_words(n, 'source')} {'says' if n == 1 else 'say'}")
    sentence = "That is " + join_words(parts) + "."
    if not exact:
        return sentence + " No figure caps attendance, so the share has no lower limit: it could be smaller."
    caps = join_words(f"{v:g}" for v in exact)
    beyond = rows[rows["low"] > max(exact)]
    if beyond.empty:
        return sentence + (f" Only the bare figure of {caps} caps attendance, so the share is at least "
                           f"{percent(panel / max(exact))}.")
    return sentence + (f" Only the bare figure of {caps} would cap attendance, and "
                       f"{count_words(len(beyond), 'other figure')} {'rules' if len(beyond) == 1 else 'rule'} it out, "
                       "so the share has no agreed lower limit: it could be smaller.")


# ---------------------------------------------------------------------------------------
# Named people

# The people.role of someone the sources name in connection with the conference without
# saying what part, if any, they took in it ends with this phrase.
ROLE_NOT_STATED = "conference role not stated"


def has_stated_role(role: str) -> bool:
    return ROLE_NOT_STATED not in str(role)


def named_people_brief(n_total: int, n_stated: int) -> str:
    """'the sources name 18 people, 11 of them with a stated part in the conference'."""
    if n_total == 0:
        return "no source we could read names anyone who was there"
    people = count_words(n_total, "person", "people")
    if n_total == 1:
        return f"the sources name {people}, with {'a' if n_stated else 'no'} stated part in the conference"
    if n_stated == n_total:
        return f"the sources name {people}, each with a stated part in the conference"
    if n_stated == 0:
        return f"the sources name {people}, none of them with a stated part in the conference"
    return f"the sources name {people}, {number_word(n_stated)} of them with a stated part in the conference"


def named_people_sentence(n_total: int, n_stated: int, n_country: int) -> str:
    """How many people the sources name, for how many they state a part in the
    conference, and for how many a country."""
    if n_total == 0:
        return "No source we could read names anyone at the conference."
    them = "them" if n_total > 1 else "this person"
    first = f"The sources name {count_words(n_total, 'person', 'people')} in connection with the conference."
    if n_stated == n_total:
        second = f" For {'each of them' if n_total > 1 else 'this person'} a source states a part in the conference or its programme."
    elif n_stated == 0:
        second = f" For none of {them} does a source state a part in the conference itself."
    else:
        rest = n_total - n_stated
        second = (f" For {number_word(n_stated)} of them a source states a part in the conference or its programme; for the "
                  f"other {number_word(rest)}, the sources say how they were connected with it, "
                  "not what part, if any, they took in it.")
    if n_country == 0:
        third = f" No source gives a country for {'any of them' if n_total > 1 else 'this person'}."
    elif n_country == n_total:
        third = f" A source gives a country for {'each of them' if n_total > 1 else 'this person'}."
    else:
        third = f" A source gives a country for {number_word(n_country)} of them."
    return first + second + third


# ---------------------------------------------------------------------------------------
# Figures

# Short forms of the timing phrases, for figure labels next to a date.
WHEN = {"before": "before the conference", "during": "during the conference", "after": "after the conference"}

FONT = 10  # points; the figures are drawn no wider than the page column, so this is what a reader sees


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
        labels = [f"{name}\n{date + ', ' if date else ''}{WHEN.get(t, timing_phrase(t))}"
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


def plot_sectors(categories: pd.DataFrame):
    """A bar per sector counting the participant categories in it, each bar labelled with
    its categories. ``categories`` needs ``label`` (the sector) and ``category``."""
    groups = categories.groupby("label")["category"].apply(list)
    groups = groups.loc[groups.map(len).sort_values(ascending=True, kind="stable").index]
    most = int(groups.map(len).max())
    fig, ax = plt.subplots(figsize=(6.4, 0.62 * len(groups) + 0.9))
    ax.barh(groups.index, groups.map(len), color=PALETTE["blue"], height=0.6)
    for y, members in enumerate(groups):
        ax.annotate(textwrap.fill(", ".join(members), 34), (len(members), y), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=FONT, linespacing=1.1)
    ax.set_xlabel("Kinds of participant in the sector", fontsize=FONT, loc="left")
    ax.set_xlim(0, most * 2.3)
    ax.set_xticks(range(most + 1))
    ax.spines["bottom"].set_bounds(0, most)
    ax.tick_params(labelsize=FONT)
    return fig

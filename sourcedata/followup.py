"""After San Diego: the two agendas after 2010, what became of each recommendation, and
national action plans since the conference.

The follow-up status of a recommendation is this book's coding (``followup_status``), the
evidence behind it is ``followup_evidence``; :func:`check_followup` holds the two to each
other, so that a status the evidence does not bear stops the build. Dates that sources give
only to the month or year are kept as intervals, as everywhere in the book.
"""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from sourcedata import naps, text
from sourcedata.recommendations import SCHEMES as PILLAR_SCHEMES
from sourcedata.recommendations import SET_NAMES, SETS
from sourcedata.style import (CONFIDENCE, GRID, HATCH_LINES, PALETTE, PLAN_BY_CUTOFF, PLAN_STATUS, PLAN_UNDECIDED,
                              REFERENCE_LINE, SECONDARY_INK, mark_conference)

STATUS_SCHEME = "followup_status"
NO_EVIDENCE = "no_evidence"
# Evidence at these confidences can carry a status; a low-confidence row is only flagged.
SOLID = ("high", "medium")
# Lanes of the timeline after 2010, top to bottom.
LANES = ("RtoP", "Both agendas", "WPS", "Arms control")
STATUS_STYLE = {  # colour and hatch, so that colour is never the only cue
    "taken_up": (PALETTE["blue"], None),
    "partly": (PALETTE["sky"], "///"),
    NO_EVIDENCE: ("#d9d9d9", "..."),
}
QUALIFIER_MARKERS = {"exact": "o", "about": "D", "over": "^", "more than": "^", "less than": "v"}
# The book's colours for confidence (``sourcedata.style.CONFIDENCE``); low is also hollow.
CONFIDENCE_COLOURS = {level: look["color"] for level, look in CONFIDENCE.items()}


# --- dates given at the precision of their source -------------------------------------

def partial_date_span(value) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day a date given as YYYY, YYYY-MM or YYYY-MM-DD allows; NaT for none."""
    if value is None or pd.isna(value) or value == "":
        return pd.NaT, pd.NaT
    value = str(value)
    start = pd.Timestamp(value)
    if len(value) == 4:
        return start, pd.Timestamp(year=start.year, month=12, day=31)
    if len(value) == 7:
        return start, start + pd.offsets.MonthEnd(0)
    return start, start


# --- recommendations and their follow-up -------------------------------------------------

def status_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """The follow-up codebook, in its own order, indexed by code."""
    book = codes[codes["scheme"] == STATUS_SCHEME].set_index("code")
    if book.empty:
        raise ValueError(f"codes.csv has no codes in the scheme {STATUS_SCHEME!r}")
    if NO_EVIDENCE not in book.index:
        raise ValueError(f"the {STATUS_SCHEME} codebook needs a {NO_EVIDENCE!r} code")
    return book


ADVANCES = "advances"  # the bearing of evidence that an item was acted on


def check_followup(recs: pd.DataFrame, status: pd.DataFrame, evidence: pd.DataFrame, codes: pd.DataFrame,
                   sources: pd.DataFrame | None = None) -> list[str]:
    """What the schema cannot check, one line per problem; empty when all agree.

    Every recommendation has exactly one status from the follow-up codebook; a status other
    than 'no evidence' rests on at least one advancing piece of evidence at medium or high
    confidence, and names one of those as its source with that row's confidence; 'no
    evidence' has no such evidence and no confidence (evidence that is only *related* to the
    item, near it but not doing what it asks, may stand beside it). With ``sources``, a row
    graded high must rest on a primary source: a secondary source carries at most medium.
    That every row belongs to a recommendation and has a known bearing, the package's schema
    checks when it is loaded.
    """
    problems = []
    book = status_codes(codes)
    counts = status["rec_id"].value_counts()
    for rec_id in recs["rec_id"]:
        if counts.get(rec_id, 0) != 1:
            problems.append(f"{rec_id}: {counts.get(rec_id, 0)} status rows, expected exactly one")
    if sources is not None:
        kind = sources.set_index("source_id")["kind"]
        for row in evidence[evidence["confidence"] == "high"].itertuples():
            if kind.get(row.source_id) != "primary":
                problems.append(f"{row.rec_id}: evidence graded high rests on a {kind.get(row.source_id, 'missing')} source "
                                f"{row.source_id!r}; a secondary source carries at most medium")
    solid = evidence[(evidence["bearing"] == ADVANCES) & evidence["confidence"].isin(SOLID)]
    for row in status.itertuples():
        if row.status not in book.index:
            problems.append(f"{row.rec_id}: status {row.status!r} is not in the {STATUS_SCHEME} codebook")
            continue
        backing = solid[solid["rec_id"] == row.rec_id]
        if row.status == NO_EVIDENCE:
            if len(backing):
                problems.append(f"{row.rec_id}: coded 'no evidence' but {len(backing)} evidence row(s) record action")
            if not pd.isna(row.confidence):
                problems.append(f"{row.rec_id}: 'no evidence' carries no confidence")
            continue
        if backing.empty:
            problems.append(f"{row.rec_id}: coded {row.status!r} with no evidence of action at medium or high confidence")
            continue
        cited = backing[backing["source_id"] == row.source_id]
        if cited.empty:
            problems.append(f"{row.rec_id}: its source {row.source_id!r} is not one of its evidence rows that record action")
        elif row.confidence not in set(cited["confidence"]):
            problems.append(f"{row.rec_id}: confidence {row.confidence!r} differs from its evidence ({', '.join(sorted(set(cited['confidence'])))})")
    return problems


def assert_followup(recs, status, evidence, codes, sources=None) -> None:
    """Raise ValueError listing every problem :func:`check_followup` finds."""
    problems = check_followup(recs, status, evidence, codes, sources)
    if problems:
        raise ValueError("the follow-up tables disagree:\n" + "\n".join(f"  {p}" for p in problems))


def status_by(status: pd.DataFrame, recs: pd.DataFrame, coded: pd.DataFrame, codes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Items per status (columns, in codebook order) by set of recommendations and by pillar.

    An item counts once in its set and once under every pillar it is coded to, so the pillar
    rows add up to more items than there are.
    """
    book = status_codes(codes)
    merged = status.merge(recs[["rec_id", "made_by"]], on="rec_id", validate="one_to_one")
    by_set = pd.crosstab(merged["made_by"], merged["status"]).reindex(index=list(SETS), columns=book.index, fill_value=0)
    pillars = codes.loc[codes["scheme"].isin(PILLAR_SCHEMES), "code"]
    by_pillar_rows = merged.merge(coded[["rec_id", "code"]], on="rec_id")
    by_pillar = pd.crosstab(by_pillar_rows["code"], by_pillar_rows["status"]).reindex(
        index=list(pillars), columns=book.index, fill_value=0)
    return by_set.rename_axis(index="set", columns="status"), by_pillar.rename_axis(index="pillar", columns="status")


def plot_status(by_set: pd.DataFrame, by_pillar: pd.DataFrame, codes: pd.DataFrame, phone: bool = False):
    """Stacked bars: statuses by set (top) and by pillar (bottom), with counts in the bars.
    For a phone, narrower and taller, with the key in one column."""
    book = status_codes(codes)
    labels = codes.set_index("code")["label"]
    fig, axes = plt.subplots(2, 1, figsize=(3.8, 7.4) if phone else (6.9, 6.3), sharex=True,
                             gridspec_kw={"height_ratios": [len(by_set), len(by_pillar)], "hspace": 0.5})
    panels = [
        (by_set, [f"{SET_NAMES[s]} ({by_set.loc[s].sum()})" for s in by_set.index], "By set of recommendations"),
        (by_pillar, [labels[p] for p in by_pillar.index], "By pillar (an item counts under each of its pillars)"),
    ]
    for ax, (frame, names, title) in zip(axes, panels):
        left = pd.Series(0, index=frame.index)
        for code in book.index:
            colour, hatch = STATUS_STYLE.get(code, (PALETTE["grey"], None))
            ax.barh(range(len(frame)), frame[code], left=left, color=colour, hatch=hatch, edgecolor="white", linewidth=1)
            for y, (start, width) in enumerate(zip(left, frame[code])):
                if width:
                    dark = code == "taken_up"
                    ax.text(start + width / 2, y, str(int(width)), ha="center", va="center", fontsize=10,
                            color="white" if dark else "black",
                            bbox=None if dark else {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
            left = left + frame[code]
        ax.set_yticks(range(len(frame)), names, fontsize=10.5)
        ax.invert_yaxis()
        ax.set_title(textwrap.fill(title, 22) if phone else title, loc="left", fontsize=11.5)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", **GRID)
        ax.set_axisbelow(True)
    xlabel = "Recommendations and good practices"
    axes[-1].set_xlabel(textwrap.fill(xlabel, 24) if phone else xlabel, fontsize=10.5)
    axes[-1].xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    if phone:
        fig.subplots_adjust(left=0.51, right=0.97)  # the pillars' names beside the bars, within the width
    handles = [Patch(facecolor=STATUS_STYLE.get(c, (PALETTE["grey"], None))[0], hatch=STATUS_STYLE.get(c, (None, None))[1],
                     edgecolor="white", label=book.loc[c, "label"]) for c in book.index]
    # Above the first panel's title, so that it can never cover a bar.
    axes[0].legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.4 if phone else 1.35),
                   ncol=1 if phone else len(handles), frameon=False,
                   fontsize=10.5, borderaxespad=0, handlelength=1.6, columnspacing=1.2)
    return fig


# --- the two agendas after 2010 ----------------------------------------------------------

def official_resolutions(resolutions: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per WPS resolution: the one from a primary source."""
    primary = set(sources.loc[sources["kind"] == "primary", "source_id"])
    official = resolutions[resolutions["source_id"].isin(primary)]
    if official["resolution"].duplicated().any():
        raise ValueError("a WPS resolution has two primary rows")
    return official.sort_values("resolution").reset_index(drop=True)


def later_events(later: pd.DataFrame, milestones: pd.DataFrame, official: pd.DataFrame, conference: pd.Series) -> pd.DataFrame:
    """Every event after the conference, for a timeline: the later milestones, the earlier
    table's milestones that fall after the conference, and the WPS resolutions adopted since."""
    after = conference["end"]
    earlier = milestones[(milestones["start"] > after) & (milestones["track"] != "Conference")]
    adopted = official[official["adopted"] > after]
    resolutions = adopted.assign(track="WPS", label="SC res. " + adopted["resolution"].astype(str),
                                 start=adopted["adopted"], end=adopted["adopted"], precision="day")
    columns = ["track", "label", "start", "end", "precision", "source_id", "confidence"]
    events = pd.concat([later[columns], earlier[columns], resolutions[columns]], ignore_index=True)
    unknown = set(events["track"]) - set(LANES)
    if unknown:
        raise ValueError(f"events on lanes the timeline does not know: {sorted(unknown)}")
    events["lane"] = pd.Categorical(events["track"], categories=LANES, ordered=True)
    return events.sort_values(["lane", "start", "end"]).drop(columns="lane").reset_index(drop=True)


def divided_votes(official: pd.DataFrame) -> pd.DataFrame:
    """The resolutions of :func:`official_resolutions` not adopted unanimously: a vote against or an abstention."""
    return official[(official["votes_against"] > 0) | (official["abstentions"] > 0)]


def abstainers(votes: pd.DataFrame, resolution: int) -> pd.DataFrame:
    """The states that abstained on a resolution, with how many sources say so."""
    rows = votes[(votes["resolution"] == resolution) & (votes["position"] == "abstained")]
    return rows.groupby("member_state").agg(sources=("source_id", "nunique")).reset_index()


# --- national action plans after 2010 ----------------------------------------------------

COUNT_TOPIC, MEMBERSHIP_TOPIC = "NAP count", "UN membership"


def stated_counts(*tables: pd.DataFrame) -> pd.DataFrame:
    """Every count of national action plans as stated, with the span its as-of date allows."""
    counts = pd.concat([t[t["topic"] == COUNT_TOPIC] for t in tables], ignore_index=True)
    spans = [partial_date_span(v) for v in counts["as_of"]]
    counts = counts.assign(start=[s for s, _ in spans], end=[e for _, e in spans])
    return counts.sort_values(["start", "value"], na_position="last").reset_index(drop=True)


def memberships(*tables: pd.DataFrame) -> pd.DataFrame:
    """UN membership figures with the first day each is known to hold."""
    rows = pd.concat([t[t["topic"] == MEMBERSHIP_TOPIC] for t in tables], ignore_index=True)
    rows = rows.assign(start=[partial_date_span(v)[0] for v in rows["as_of"]])
    return rows.sort_values("start").reset_index(drop=True)


def latest_count(counts: pd.DataFrame) -> pd.Series:
    """The dated count whose period ends last; among several, the one of highest confidence."""
    dated = counts[counts["end"].notna()]
    last = dated[dated["end"] == dated["end"].max()]
    rank = {"high": 0, "medium": 1, "low": 2}
    best = last[last["confidence"].map(rank) == last["confidence"].map(rank).min()]
    if best["value"].nunique() > 1:
        raise ValueError(f"the latest counts disagree: {sorted(best['value'])}; say which one the text should give")
    return best.iloc[0]


def plot_nap_counts(per_year: pd.DataFrame, cutoff, counts: pd.DataFrame, members: pd.DataFrame, conference: pd.Series,
                    phone: bool = False):
    """Plans by year up to the conference (from the dated plans: a blue step line for the
    countries that had one, a cross-hatched orange band above it for those that may have had
    one, as in the Country statistics figures), every count stated since (markers over the
    span of its as-of date, coloured by confidence), UN membership (dotted) and the
    conference (the book's dashed ink line). For a phone, narrower, with the key in one column."""
    cutoff = pd.Timestamp(cutoff)
    fig, ax = plt.subplots(figsize=(3.9, 4.2) if phone else (6.9, 4.4))
    ends = [min(pd.Timestamp(year=int(y), month=12, day=31), cutoff) for y in per_year["year"]]
    had, may = PLAN_STATUS[PLAN_BY_CUTOFF], PLAN_STATUS[PLAN_UNDECIDED]
    ax.fill_between(ends, per_year["certain"], per_year["possible"], step="post", facecolor=may["color"],
                    hatch=may["hatch"], edgecolor=HATCH_LINES, linewidth=0)
    ax.step(ends, per_year["certain"], where="post", color=had["color"], linewidth=2)
    dated = counts[counts["start"].notna()]
    for row in dated.itertuples():
        colour = CONFIDENCE_COLOURS[row.confidence]
        middle = row.start + (row.end - row.start) / 2
        if row.end > row.start:
            ax.plot([row.start, row.end + pd.Timedelta(days=1)], [row.value, row.value], color=colour, linewidth=2)
        ax.plot([middle], [row.value], marker=QUALIFIER_MARKERS[row.qualifier], markersize=5.5 if phone else 7.5,
                linestyle="none", color=colour, markerfacecolor=colour if CONFIDENCE[row.confidence]["filled"] else "white",
                markeredgewidth=1.2 if phone else 1.5)  # smaller on a phone, so that counts close in time stand apart
    last = max(dated["end"].max(), cutoff) + pd.Timedelta(days=180)
    steps = members[["start", "value"]].copy()
    steps.loc[steps.index[0], "start"] = conference["start"]
    ax.step(list(steps["start"]) + [last], list(steps["value"]) + [steps["value"].iloc[-1]], where="post",
            **REFERENCE_LINE)
    ax.annotate("UN member states", (last, steps["value"].iloc[-1]), xytext=(0, -5), textcoords="offset points",
                ha="right", va="top", fontsize=10, color=SECONDARY_INK)
    mark_conference(ax, conference["start"])
    top = max(steps["value"].max(), dated["value"].max()) * 1.08
    first = pd.Timestamp(year=int(per_year["year"].min()), month=1, day=1)
    ax.set_xlim(first, last)
    ax.set_ylim(0, top)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=5))
    ax.xaxis.set_minor_locator(mdates.YearLocator(base=1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylabel("Countries with a national action plan")
    ax.grid(axis="y", **GRID)
    ax.set_axisbelow(True)
    kinds = {QUALIFIER_MARKERS[q]: q for q in dated["qualifier"].drop_duplicates()}
    names = {"o": "stated exactly", "D": "stated as about", "^": "stated as a lower bound", "v": "stated as an upper bound"}
    handles = [
        Line2D([], [], color=had["color"], linewidth=2, label="dated plans: certain"),
        Patch(facecolor=may["color"], hatch=may["hatch"], edgecolor=HATCH_LINES, label="dated plans: possible"),
        *[Line2D([], [], marker=m, linestyle="none", color=SECONDARY_INK, markersize=7, label=names[m]) for m in kinds],
        *[Line2D([], [], marker="o", linestyle="none", color=c, markersize=7,
                 markerfacecolor=c if CONFIDENCE[conf]["filled"] else "white", label=f"{conf} confidence")
          for conf, c in CONFIDENCE_COLOURS.items() if conf in set(dated["confidence"])],
    ]
    # Below the axis, so that it can never cover a marker.
    ax.legend(handles=handles, loc="upper left" if phone else "upper center", bbox_to_anchor=(-0.25, -0.1) if phone else (0.5, -0.12),
              ncol=1 if phone else 3, frameon=False, fontsize=10,
              columnspacing=1.2, handlelength=1.6)
    return fig


def sample_by_year(claims: pd.DataFrame, name) -> pd.DataFrame:
    """The sample of later first plans, one row per year (or pair of years where sources
    disagree), with the countries; a country known only by its plan's period is marked so."""
    adoption = naps.adoption_window(claims)
    period = claims[(claims["event"] == "plan period starts") & ~claims["country_code"].isin(adoption.index)]
    window = pd.concat([
        adoption.assign(period_only=False),
        period.groupby("country_code").agg(earliest=("earliest", "min"), latest=("latest", "max")).assign(period_only=True),
    ])
    first, last = window["earliest"].dt.year, window["latest"].dt.year
    window["year"] = [str(a) if a == b else f"{a} or {b}" for a, b in zip(first, last)]
    window["country"] = [name(code) + (" (plan period)" if only else "") for code, only in zip(window.index, window["period_only"])]
    window = window.sort_values("country")
    window["country"] = window["country"].map(text.with_article)
    rows = window.groupby("year").agg(countries=("country", text.join_words), n=("country", "size"),
                                      earliest=("earliest", "min"))
    return rows.sort_values("earliest").drop(columns="earliest").reset_index()

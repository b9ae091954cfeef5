"""National action plans on resolution 1325: who had one by a cut-off date.

Each row of ``national_action_plans`` is one source's dating of one event, as an interval
[earliest, latest]. Sources may disagree; a country is decided only when all its dated
adoptions fall on the same side of the cut-off.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from sourcedata import text
from sourcedata.style import GRID, HATCH_LINES, PLAN_AFTER, PLAN_BY_CUTOFF, PLAN_STATUS, PLAN_UNDECIDED

# A dated document alone is not a plan in force (Ghana's was dated 2010, launched 2012).
COUNTS_AS_ADOPTION = {"adopted", "announced"}

# A country's status at the cut-off: the values sourcedata.style gives a colour and hatch (PLAN_STATUS).
BEFORE, AFTER, UNDECIDED = PLAN_BY_CUTOFF, PLAN_AFTER, PLAN_UNDECIDED


def adoption_window(claims: pd.DataFrame) -> pd.DataFrame:
    """Per country, the earliest and latest day any source allows for its first adoption."""
    adoptions = claims[claims["event"].isin(COUNTS_AS_ADOPTION)]
    return adoptions.groupby("country_code").agg(earliest=("earliest", "min"), latest=("latest", "max"))


def status_by_country(claims: pd.DataFrame, cutoff) -> pd.Series:
    """For each country code: BEFORE, AFTER or UNDECIDED at ``cutoff`` (inclusive)."""
    cutoff = pd.Timestamp(cutoff)
    window = adoption_window(claims)
    status = pd.Series(UNDECIDED, index=window.index, name="status")
    status[window["latest"] <= cutoff] = BEFORE
    status[window["earliest"] > cutoff] = AFTER
    return status


def count_range(status: pd.Series) -> tuple[int, int]:
    """Fewest and most countries that can have had a plan by the cut-off."""
    certain = int((status == BEFORE).sum())
    return certain, certain + int((status == UNDECIDED).sum())


def cumulative_by_year(claims: pd.DataFrame, cutoff) -> pd.DataFrame:
    """Per year up to the cut-off: countries certainly with a plan and those that may have one.

    A country counts as certain from the year its latest possible adoption falls in (but
    never after the cut-off), and as possible from the year of its earliest.
    """
    cutoff = pd.Timestamp(cutoff)
    per_country = adoption_window(claims)
    years = range(int(per_country["earliest"].dt.year.min()), cutoff.year + 1)
    rows = []
    for year in years:
        end = min(pd.Timestamp(year=year, month=12, day=31), cutoff)
        rows.append({
            "year": year,
            "certain": int((per_country["latest"] <= end).sum()),
            "possible": int((per_country["earliest"] <= end).sum()),
        })
    return pd.DataFrame(rows)


def plot_cumulative(per_year: pd.DataFrame, cutoff_label: str, phone: bool = False):
    """A bar per year: countries certainly with a plan by its end (solid blue) and those that
    may have had one (cross-hatched orange, stacked on top), in the book's colours for these
    statuses (``sourcedata.style.PLAN_STATUS``); the last bar stops at the cut-off. For a
    phone, narrower, with the key's entries wrapped."""
    fig, ax = plt.subplots(figsize=(3.5, 3.9) if phone else (6.8, 3.9))
    years, certain, possible = per_year["year"], per_year["certain"], per_year["possible"]
    had, may = PLAN_STATUS[BEFORE], PLAN_STATUS[UNDECIDED]

    def key(label):
        return textwrap.fill(label, 30) if phone else label
    ax.bar(years, certain, width=0.7, color=had["color"], hatch=had["hatch"],
           label=key("had one: every source dates the plan by then"))
    ax.bar(years, possible - certain, bottom=certain, width=0.7, color=may["color"], hatch=may["hatch"],
           edgecolor=HATCH_LINES, linewidth=1, label=key("may have had one: the sources disagree, or give only a year"))
    for year, low, high in zip(years, certain, possible):
        ax.annotate(f"{low}" if low == high else f"{low}–{high}", (year, high), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=11)
    labels = [str(y) for y in years]
    labels[-1] = f"{labels[-1]}\n(to {cutoff_label.rsplit(' ', 1)[0]})"
    ax.set_xticks(list(years), labels)
    ax.set_ylim(0, possible.max() * 1.12)
    ax.set_ylabel("Countries with a plan")
    # Above the axes, so that it can never cover a bar.
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0, frameon=False, fontsize=10.5)
    ax.grid(axis="y", **GRID)
    ax.set_axisbelow(True)
    return fig


CONFIDENCE_MARKS = {"medium": "*", "low": "†"}


def counts_table(counts: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The counts of plans as a reader's table (date, who published it, what was counted, the
    count) and its caption; a mark on the count stands for a confidence below high."""
    authors = sources.set_index("source_id")["author"].str.split(" (", regex=False).str[0]
    rows = counts.sort_values("as_of")
    table = pd.DataFrame({
        "Date": rows["as_of"].map(text.partial_date),
        "Published by": rows["source_id"].map(authors),
        "What was counted": rows["measure"].map(text.capitalise),
        "Count": [text.stated(q, v) + CONFIDENCE_MARKS.get(c, "")
                  for q, v, c in zip(rows["qualifier"], rows["value"], rows["confidence"])],
    })
    notes = [f"{mark} {level} confidence" for level, mark in CONFIDENCE_MARKS.items() if (rows["confidence"] == level).any()]
    caption = "Counts of countries with a national action plan, as published in the conference year."
    return table, caption + (f" Marks: {'; '.join(notes)}." if notes else "")

"""National action plans on resolution 1325: who had one by a cut-off date.

Each row of ``national_action_plans`` is one source's dating of one event, as an interval
[earliest, latest]. Sources may disagree; a country is decided only when all its dated
adoptions fall on the same side of the cut-off.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import PALETTE

# A dated document alone is not a plan in force (Ghana's was dated 2010, launched 2012).
COUNTS_AS_ADOPTION = {"adopted", "announced"}

BEFORE, AFTER, UNDECIDED = "by the cut-off", "after the cut-off", "undecided"


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

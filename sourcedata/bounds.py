"""What a qualified number allows: "more than 175" people is at least 176.

Counts of people and countries are whole numbers, so a strict qualifier moves the bound
by one. A missing upper bound is ``math.inf``: "at least 45" says nothing about the top.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import PALETTE

LOWER_STRICT = {"more than", "over"}
LOWER_INCLUSIVE = {"at least"}
UPPER_STRICT = {"less than", "fewer than"}


@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf when the source sets no upper limit

    def __post_init__(self):
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def describe(self) -> str:
        if self.low == self.high:
            return f"exactly {self.low:g}"
        if self.high == math.inf:
            return f"at least {self.low:g}"
        return f"{self.low:g} to {self.high:g}"


def count_interval(qualifier: str, value: int) -> Interval:
    """The whole numbers a count with this qualifier allows."""
    if qualifier == "exact":
        return Interval(value, value)
    if qualifier in LOWER_STRICT:
        return Interval(value + 1, math.inf)
    if qualifier in LOWER_INCLUSIVE:
        return Interval(value, math.inf)
    if qualifier in UPPER_STRICT:
        return Interval(0, value - 1)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def claim_intervals(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with their bounds as columns ``low`` and ``high``."""
    intervals = [count_interval(q, int(v)) for q, v in zip(claims["qualifier"], claims["value"])]
    return claims.assign(low=[i.low for i in intervals], high=[i.high for i in intervals])


def supported_by_all(intervals: list[Interval]) -> Interval:
    """The tightest statement every claim implies: the hull of all intervals."""
    return Interval(min(i.low for i in intervals), max(i.high for i in intervals))


def common_to_all(intervals: list[Interval]) -> Interval | None:
    """The values every claim allows at once; None when the claims contradict each other."""
    low, high = max(i.low for i in intervals), min(i.high for i in intervals)
    return Interval(low, high) if low <= high else None


def conflicting_pairs(labels: list[str], intervals: list[Interval]) -> list[tuple[str, str]]:
    """Every pair of claims that cannot both be true."""
    return [
        (labels[i], labels[j])
        for i in range(len(intervals))
        for j in range(i + 1, len(intervals))
        if not intervals[i].overlaps(intervals[j])
    ]


def share_range(part: Interval, whole: Interval) -> Interval:
    """Bounds on part / whole (as a fraction) given bounds on each."""
    low = part.low / whole.high if whole.high != math.inf else 0.0
    return Interval(low, part.high / whole.low)


def plot_bounds(stats: pd.DataFrame):
    """Percentages stated as bounds: a bar to the bound, open-ended where the source says 'less than'."""
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(stats) + 1.2))
    for y, row in enumerate(stats.itertuples()):
        strict = row.qualifier in UPPER_STRICT
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

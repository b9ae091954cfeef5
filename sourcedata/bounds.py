"""What a qualified number allows: "more than 175" people is at least 176.

Counts of people and countries are whole numbers, so a strict qualifier moves the bound
by one. A missing upper bound is ``math.inf``: "at least 45" says nothing about the top.
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import to_rgba

from sourcedata.style import CONFIDENCE

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


def tint(colour: str, share: float = 0.22) -> tuple[float, float, float]:
    """An opaque light version of ``colour`` (``share`` of it on white). Opaque, because an SVG
    hatch pattern takes the fill's transparency and its lines would all but vanish."""
    r, g, b, _ = to_rgba(colour)
    return tuple(share * c + (1 - share) for c in (r, g, b))


def plot_bounds(stats: pd.DataFrame):
    """Percentages stated as bounds: a bar to the stated value, light and hatched where the
    source says 'less than' (an upper bound), solid where it gives the figure bare; in the
    book's colour for the row's confidence (``sourcedata.style.CONFIDENCE``: blue high,
    reddish purple medium, grey low). Each bar is labelled with what it measures
    and the source's name (never its id)."""
    from sourcedata.participants import FONT, source_name  # that module imports this one

    fig, ax = plt.subplots(figsize=(6.9, 0.8 * len(stats) + 0.9))
    with plt.rc_context({"hatch.linewidth": 1.3}):
        for y, row in enumerate(stats.itertuples()):
            strict = row.qualifier in UPPER_STRICT
            colour = CONFIDENCE[row.confidence]["color"]
            ax.barh(y, row.value, height=0.6, color=tint(colour) if strict else colour,
                    edgecolor=colour, linewidth=1.3, hatch="///" if strict else None)
            ax.annotate(f"{'< ' if strict else ''}{row.value:g}%", (row.value, y), xytext=(5, 0),
                        textcoords="offset points", va="center", fontsize=FONT)
    labels = [f"{textwrap.fill(str(m), 34)}\n({source_name(s)})" for m, s in zip(stats["measure"], stats["source_id"])]
    ax.set_yticks(range(len(stats)), labels, fontsize=FONT)
    ax.invert_yaxis()
    ax.set_xlim(0, stats["value"].max() * 1.3)
    ax.set_xlabel("Per cent", fontsize=FONT)
    ax.tick_params(axis="x", labelsize=FONT)
    fig.subplots_adjust(left=0.4, right=0.97)  # the labels stay inside the figure's width
    return fig

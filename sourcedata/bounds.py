"""What a qualified number allows: "more than 175" people is at least 176.

Counts of people and countries are whole numbers, so a strict qualifier moves the bound
by one. A missing upper bound is ``math.inf``: "at least 45" says nothing about the top.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


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

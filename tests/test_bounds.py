"""Qualifiers to bounds, and what a set of claims jointly supports."""
from __future__ import annotations

import math

import pytest

from sourcedata.bounds import (
    Interval,
    count_interval,
)


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high"),
    [
        ("exact", 175, 175, 175),
        ("more than", 175, 176, math.inf),
        ("over", 47, 48, math.inf),
        ("at least", 45, 45, math.inf),
        ("less than", 8, 0, 7),
        ("fewer than", 3, 0, 2),
        ("exact", 0, 0, 0),
        ("at least", 0, 0, math.inf),
    ],
)
def test_qualifier_to_bounds(qualifier, value, low, high):
    assert count_interval(qualifier, value) == Interval(low, high)


def test_unknown_qualifier_is_refused():
    with pytest.raises(ValueError, match="roughly"):
        count_interval("roughly", 10)


def test_fewer_than_zero_is_impossible():
    with pytest.raises(ValueError, match="empty interval"):
        count_interval("fewer than", 0)


def test_touching_intervals_do_not_conflict():
    assert Interval(45, 45).overlaps(Interval(45, math.inf))
    assert not Interval(45, 45).overlaps(Interval(46, math.inf))

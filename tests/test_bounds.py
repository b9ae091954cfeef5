"""Qualifiers to bounds, and what a set of claims jointly supports."""
from __future__ import annotations

import math

import pytest

from sourcedata.bounds import (
    Interval,
    common_to_all,
    conflicting_pairs,
    count_interval,
    share_range,
    supported_by_all,
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


def test_hull_and_intersection_of_agreeing_claims():
    claims = [count_interval("at least", 45), count_interval("exact", 47), count_interval("over", 40)]
    assert supported_by_all(claims) == Interval(41, math.inf)
    assert common_to_all(claims) == Interval(47, 47)


def test_contradicting_claims_have_no_common_value_and_are_paired():
    labels = ["bare", "more", "announced"]
    claims = [count_interval("exact", 175), count_interval("more than", 175), count_interval("more than", 165)]
    assert common_to_all(claims) is None
    assert conflicting_pairs(labels, claims) == [("bare", "more")]


def test_touching_intervals_do_not_conflict():
    assert Interval(45, 45).overlaps(Interval(45, math.inf))
    assert not Interval(45, 45).overlaps(Interval(46, math.inf))


def test_share_range_with_and_without_an_upper_bound():
    assert share_range(Interval(30, 30), Interval(150, 200)) == Interval(0.15, 0.2)
    assert share_range(Interval(30, 30), Interval(150, math.inf)) == Interval(0.0, 0.2)


@pytest.mark.parametrize(("interval", "words"), [
    (Interval(5, 5), "exactly 5"), (Interval(5, math.inf), "at least 5"), (Interval(0, 7), "0 to 7")])
def test_describe(interval, words):
    assert interval.describe() == words

"""Small formatters for numbers, dates and names that chapters glue into prose."""
from __future__ import annotations

from functools import cache

import pandas as pd


def long_date(day) -> str:
    """'29 September 2010'."""
    day = pd.Timestamp(day)
    return f"{day.day} {day:%B %Y}"


def ordinal(n: int) -> str:
    """'1st', '2nd', '15th'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join_words(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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

"""Small formatters for dates, ordinals and lists that chapters glue into prose."""
from __future__ import annotations

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


def date_span(start, end) -> str:
    """'29 September to 1 October 2010', '29–30 September 2010', or one day."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"

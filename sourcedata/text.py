"""Small formatters for dates, ordinals and lists that chapters glue into prose."""
from __future__ import annotations

import pandas as pd


def long_date(day) -> str:
    """'29 September 2010'."""
    day = pd.Timestamp(day)
    return f"{day.day} {day:%B %Y}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """'no', 'one' … 'ten' in words, larger numbers in digits: '11', '31'."""
    n = int(n)
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def percent(share: float) -> str:
    """A share as prose writes it: 0.21 -> '21 per cent'."""
    return f"{share:.0%}".replace("%", " per cent")


def join_words(items) -> str:
    """'a', 'a and b', 'a, b and c'; '' for none."""
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def date_range(start, end, dashed: bool = False) -> str:
    """'29 September 2010'; '1 to 3 October 2010'; '29 September to 1 October 2010';
    '30 December 2010 to 2 January 2011'. Dashed, as the timelines write them:
    '14–16 September 2005', '28 September – 2 October 2010'."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"the range ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
    days, months = ("–", " – ") if dashed else (" to ", " to ")
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{days}{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B}{months}{long_date(end)}"
    return f"{long_date(start)}{months}{long_date(end)}"

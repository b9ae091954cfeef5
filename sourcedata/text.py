"""The words, dates and numbers that chapters glue into prose and tables: each formatter once."""
from __future__ import annotations

import pandas as pd


def long_date(day) -> str:
    """'29 September 2010'."""
    day = pd.Timestamp(day)
    return f"{day.day} {day:%B %Y}"


def partial_date(value, short: bool = False) -> str:
    """A date at the precision its source gives, from YYYY-MM-DD, YYYY-MM or YYYY: '30 September
    2010', 'September 2010', '2010'; '' when there is none. ``short`` abbreviates the month ('Sep 2010')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value):
        return ""
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = pd.Timestamp(year=int(parts[0]), month=int(parts[1]), day=1).strftime("%b" if short else "%B")
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


ISO_LENGTH = {"year": 4, "month": 7, "day": 10}  # characters of YYYY-MM-DD each precision keeps


def at_precision(day, precision: str) -> str:
    """A day written to the precision ('day', 'month' or 'year') its source gives: '2008'."""
    return partial_date(f"{pd.Timestamp(day):%Y-%m-%d}"[:ISO_LENGTH[precision]])


def date_range(start, end) -> str:
    """'29 September 2010'; '1 to 3 October 2010'; '29 September to 1 October 2010';
    '30 December 2010 to 2 January 2011'."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"the range ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """'no', 'one' … 'ten' in words, larger numbers in digits: '11', '31'."""
    n = int(n)
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def number(value) -> str:
    """A stated figure as a reader expects it: '48' (never '48.0'), '28.5'."""
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def stated(qualifier: str, value) -> str:
    """A figure in its source's own words: '175', 'more than 175', 'about 28.5'."""
    return number(value) if qualifier == "exact" else f"{qualifier} {number(value)}"


def percent(share: float) -> str:
    """A share as prose writes it: 0.21 -> '21 per cent'."""
    return f"{share:.0%}".replace("%", " per cent")


def capitalise(phrase: str) -> str:
    """The first letter upper-case, the rest untouched ('UN membership' stays as it is)."""
    return phrase[:1].upper() + phrase[1:]


# Country names that take "the" in a sentence, as country_name and the data write them: the
# plural and descriptive names ("the Netherlands", "the Central African Republic", "the Russian
# Federation") and the few that keep it by custom ("the Gambia", "the Holy See").
WITH_ARTICLE = ("United ", "Netherlands", "Philippines", "Bahamas", "Comoros", "Maldives", "Seychelles",
                "Cook Islands", "Marshall Islands", "Solomon Islands", "Central African Republic", "Czech Republic",
                "Dominican Republic", "Democratic Republic", "Republic of ", "Russian Federation", "Gambia", "Holy See")


def with_article(name: str) -> str:
    """'the United States', 'the Republic of the Congo'; 'Kenya'."""
    return f"the {name}" if name.startswith(WITH_ARTICLE) else name


def join_words(items) -> str:
    """'a', 'a and b', 'a, b and c'; '' for none."""
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

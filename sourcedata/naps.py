"""National action plans on resolution 1325: who had one by a cut-off date.

Each row of ``national_action_plans`` is one source's dating of one event, as an interval
[earliest, latest]. Sources may disagree; a country is decided only when all its dated
adoptions fall on the same side of the cut-off.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sourcedata.style import HATCH_LINES, PLAN_BY_CUTOFF, PLAN_STATUS, PLAN_UNDECIDED

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
    """A bar per year: countries certainly with a plan by its end (solid blue) and those that
    may have had one (cross-hatched orange, stacked on top), in the book's colours for these
    statuses (``sourcedata.style.PLAN_STATUS``); the last bar stops at the cut-off."""
    fig, ax = plt.subplots(figsize=(6.8, 3.9))
    years, certain, possible = per_year["year"], per_year["certain"], per_year["possible"]
    had, may = PLAN_STATUS[PLAN_BY_CUTOFF], PLAN_STATUS[PLAN_UNDECIDED]
    ax.bar(years, certain, width=0.7, color=had["color"], hatch=had["hatch"],
           label="had one: every source dates the plan by then")
    ax.bar(years, possible - certain, bottom=certain, width=0.7, color=may["color"], hatch=may["hatch"],
           edgecolor=HATCH_LINES, linewidth=1, label="may have had one: the sources disagree, or give only a year")
    for year, low, high in zip(years, certain, possible):
        ax.annotate(f"{low}" if low == high else f"{low}–{high}", (year, high), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=11)
    labels = [str(y) for y in years]
    labels[-1] = f"{labels[-1]}\n(to {cutoff_label.rsplit(' ', 1)[0]})"
    ax.set_xticks(list(years), labels)
    ax.set_ylim(0, possible.max() * 1.12)
    ax.set_ylabel("Countries with a plan")
    # Above the axes, so that it can never cover a bar.
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0, frameon=False, fontsize=10.5)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig


# Sentences of the Country statistics chapter that need branches (none, one, many).

def _when(earliest, latest) -> str:
    """A dated interval as words: '5 October 2010', 'October 2010', '2012', or a span."""
    earliest, latest = pd.Timestamp(earliest), pd.Timestamp(latest)
    if earliest == latest:
        return f"{earliest.day} {earliest:%B %Y}"
    if earliest.is_month_start and latest.is_month_end and (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest:%B %Y}"
    if earliest.is_year_start and latest.is_year_end and earliest.year == latest.year:
        return str(earliest.year)
    return f"between {earliest.day} {earliest:%B %Y} and {latest.day} {latest:%B %Y}"


def partial_date(as_of: str) -> str:
    """'2010-03-24' → '24 March 2010'; '2010-05' → 'May 2010'; '2009' → '2009'."""
    parts = str(as_of).split("-")
    if len(parts) == 1:
        return parts[0]
    month = pd.Timestamp(year=int(parts[0]), month=int(parts[1]), day=1)
    return f"{month:%B %Y}" if len(parts) == 2 else f"{int(parts[2])} {month:%B %Y}"


def range_phrase(fewest: int, most: int) -> str:
    """'between 19 and 23 countries', '19 countries', 'one country', 'no country'."""
    if most == 0:
        return "no country"
    if fewest == most:
        return "one country" if most == 1 else f"{most} countries"
    return f"between {fewest} and {most} countries"


def range_sentence(fewest: int, most: int) -> str:
    """How many countries had a plan when the conference opened: a range, or one number."""
    if most == 0:
        return "On these dates, no country had a plan when the conference opened."
    if fewest == most:
        return f"On these dates the count is exact: {range_phrase(fewest, most)} had a plan when the conference opened."
    return f"The result is a range, not a number: {range_phrase(fewest, most)} had a plan when the conference opened."


def undecided_sentence(claims: pd.DataFrame, status: pd.Series) -> str:
    """Which countries the sources leave undecided at the cut-off, and why."""
    from sourcedata.countries import capitalise, join_words, number_word, prose_name, sort_key

    codes = list(status.index[status == UNDECIDED])
    if not codes:
        return "The dates leave no country undecided."
    adoptions = claims[claims["event"].isin(COUNTS_AS_ADOPTION)]
    only_span, disagree = {}, {}
    for code in codes:
        rows = adoptions[adoptions["country_code"] == code]
        spans = sorted({(pd.Timestamp(e), pd.Timestamp(l)) for e, l in zip(rows["earliest"], rows["latest"])})
        if len(spans) == 1:
            only_span.setdefault(_when(*spans[0]), []).append(prose_name(code))
        else:
            disagree[prose_name(code)] = join_words(_when(*span) for span in spans)
    n = len(codes)
    names = sorted([p for group in only_span.values() for p in group] + list(disagree), key=sort_key)
    opening = (f"One country is undecided: {names[0]}." if n == 1 else
               f"{capitalise(number_word(n))} countries are undecided: {join_words(names)}.")
    reasons = []
    for when, group in only_span.items():
        group = join_words(sorted(group, key=sort_key))
        if when.isdigit():
            reasons.append(f"for {group}, the sources give only the year {when}, which runs on past the cut-off")
        elif when.startswith("between"):
            reasons.append(f"for {group}, the sources date the plan only {when}, a span that contains the cut-off")
        else:
            reasons.append(f"for {group}, the sources give only {when}, which contains the cut-off")
    for name, versions in sorted(disagree.items(), key=lambda kv: sort_key(kv[0])):
        reasons.append(f"for {name} they disagree between {versions}")
    return f"{opening} {capitalise('; '.join(reasons))}."


def disputed_sentence(claims: pd.DataFrame, status: pd.Series) -> str:
    """Countries whose sources disagree on the date but not on the side of the cut-off."""
    from sourcedata.countries import join_words, number_word, prose_name, sort_key

    adoptions = claims[claims["event"].isin(COUNTS_AS_ADOPTION)]
    spans = adoptions.groupby("country_code").apply(lambda f: len({*zip(f["earliest"], f["latest"])}), include_groups=False)
    disputed = [c for c in spans.index[spans > 1] if status.get(c) in (BEFORE, AFTER)]
    if not disputed:
        return ""
    names = join_words(sorted((prose_name(c) for c in disputed), key=sort_key))
    sides = {status[c] for c in disputed}
    side = "before" if sides == {BEFORE} else "after" if sides == {AFTER} else "on one side"
    if len(disputed) == 1:
        return (f"The sources also disagree on the date for {names}, but every version falls {side} the cut-off, "
                "so the disagreement does not change the count.")
    return (f"The sources also disagree on the date for {number_word(len(disputed))} more countries, {names}, but for "
            f"each of them every version falls {side} {'the cut-off' if side != 'on one side' else 'of the cut-off'}, "
            "so the disagreement does not change the count.")


def after_sentence(claims: pd.DataFrame, status: pd.Series) -> str:
    """The countries whose first plan came after the cut-off, each with its date."""
    from sourcedata.countries import capitalise, join_words, number_word, prose_name

    codes = list(status.index[status == AFTER])
    if not codes:
        return "No country in the data adopted its first plan after the cut-off."
    adoptions = claims[claims["event"].isin(COUNTS_AS_ADOPTION)].sort_values("earliest")
    first = adoptions.drop_duplicates("country_code").set_index("country_code").loc[codes].sort_values("earliest")
    events = set(first["event"])
    verb = join_words(sorted(events)).replace(" and ", " or ")
    items = []
    for code, row in first.iterrows():
        when = _when(row["earliest"], row["latest"])
        note = f"{row['event']} {when}" if len(events) > 1 and row["event"] != "adopted" else when
        documents = claims[(claims["country_code"] == code) & ~claims["event"].isin(COUNTS_AS_ADOPTION)]
        for _, doc in documents.iterrows():
            note += f"; its plan document is dated {_when(doc['earliest'], doc['latest'])}"
        items.append(f"{prose_name(code)} ({note})")
    n = len(codes)
    lead = "One country in the data" if n == 1 else f"{capitalise(number_word(n))} countries in the data"
    return f"{lead} {verb} {'its' if n == 1 else 'their'} first plan only after the cut-off: {join_words(items)}."


ORDINAL_WORDS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def counts_sentence(counts: pd.DataFrame, year: int) -> str:
    """The counts of plans published in one year: how many, their spread, and the outliers
    (counts the book gives low confidence)."""
    from sourcedata.countries import capitalise, join_words, number_word

    if counts.empty:
        return f"No count of plans published in {year} survives in the sources we could read."

    def stated(row):
        return f"{row['value']:g}" if row["qualifier"] == "exact" else f"“{row['qualifier']} {row['value']:g}”"

    n = len(counts)
    outliers = counts[counts["confidence"] == "low"].sort_values("as_of")
    rest = counts[counts["confidence"] != "low"]
    opening = f"The sources hold {'one count' if n == 1 else f'{number_word(n)} counts'} published in {year}."
    parts = []
    if len(rest) == 1:
        parts.append(f"{'It' if n == 1 else 'One'} gives {stated(rest.iloc[0])}")
    elif len(rest) > 1:
        low, high = rest["value"].min(), rest["value"].max()
        spread = f"all give {low:g}" if low == high else f"run from {low:g} to {high:g}"
        parts.append(f"{capitalise(number_word(len(rest))) if len(rest) < n else 'They'} {spread}")
    if len(outliers):
        told = join_words(f"{stated(r)}, dated {partial_date(r['as_of'])}" for _, r in outliers.iterrows())
        if not len(rest):
            parts.append(f"{'It gives' if n == 1 else 'All give'} {told}, and the table marks "
                         f"{'it' if n == 1 else 'them'} as low confidence")
        elif len(outliers) == 1:
            which = "the other" if n == 2 else f"the {ORDINAL_WORDS[n]}" if n < len(ORDINAL_WORDS) else "the last"
            parts.append(f"{which}, {told}, is an outlier that no other count supports, and the table marks it "
                         "as low confidence")
        else:
            parts.append(f"the other {number_word(len(outliers))}, {told}, are outliers that the table marks as "
                         "low confidence")
    return opening + " " + "; ".join(capitalise(p) if i == 0 else p for i, p in enumerate(parts)) + "."


CONFIDENCE_MARKS = {"medium": "*", "low": "†"}


def counts_table(counts: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The counts of plans as a reader's table (date, who published it, what was counted, the
    count) and its caption; a mark on the count stands for a confidence below high."""
    authors = sources.set_index("source_id")["author"].str.split(" (", regex=False).str[0]
    rows = counts.sort_values("as_of")
    table = pd.DataFrame({
        "Date": rows["as_of"].map(partial_date),
        "Published by": rows["source_id"].map(authors),
        "What was counted": rows["measure"].map(lambda m: m[:1].upper() + m[1:]),
        "Count": [(f"{v:g}" if q == "exact" else f"{q} {v:g}") + CONFIDENCE_MARKS.get(c, "")
                  for q, v, c in zip(rows["qualifier"], rows["value"], rows["confidence"])],
    })
    notes = [f"{mark} {level} confidence" for level, mark in CONFIDENCE_MARKS.items() if (rows["confidence"] == level).any()]
    caption = "Counts of countries with a national action plan, as published in the conference year."
    return table, caption + (f" Marks: {'; '.join(notes)}." if notes else "")


def undecided_limit(n_undecided: int) -> str:
    """What the dates leave open at the cut-off, as a clause."""
    if n_undecided == 0:
        return "none, on the dates we have: they decide every country"
    from sourcedata.countries import count_noun

    return f"the sources leave {count_noun(n_undecided, 'country', 'countries', words=True)} undecided"

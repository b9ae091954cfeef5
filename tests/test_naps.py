"""National action plans: the count at a cut-off date, on small made-up tables and the real one."""
from __future__ import annotations

import pandas as pd
import pytest

from sourcedata import load_package, naps


def claims(*rows):
    return pd.DataFrame(rows, columns=["country_code", "event", "earliest", "latest"]).astype(
        {"earliest": "datetime64[ns]", "latest": "datetime64[ns]"})


CUTOFF = "2010-09-29"


# One country's dated claims (event, earliest, latest) and its status at the cut-off.
STATUS_CASES = {
    "the cut-off day itself counts": ([("adopted", "2010-09-29", "2010-09-29")], naps.BEFORE),
    "the day after is after": ([("adopted", "2010-09-30", "2010-09-30")], naps.AFTER),
    "a year straddling the cut-off is undecided": ([("adopted", "2010-01-01", "2010-12-31")], naps.UNDECIDED),
    "sources disagreeing across the cut-off": ([("adopted", "2010-01-01", "2010-12-31"), ("adopted", "2011-01-01", "2011-12-31")],
                                               naps.UNDECIDED),
    "sources disagreeing on one side": ([("adopted", "2007-01-01", "2007-12-31"), ("adopted", "2008-01-01", "2008-12-31")],
                                        naps.BEFORE),
    "a dated document alone is no plan": ([("document dated", "2009-10-01", "2009-10-31"), ("adopted", "2012-12-01", "2012-12-31")],
                                          naps.AFTER),
}


@pytest.mark.parametrize("case", STATUS_CASES)
def test_status_at_the_cutoff(case):
    rows, expected = STATUS_CASES[case]
    status = naps.status_by_country(claims(*(("AAA", *row) for row in rows)), CUTOFF)
    assert status["AAA"] == expected


def test_count_range_and_cumulative_years():
    table = claims(
        ("AAA", "adopted", "2005-06-01", "2005-06-30"),
        ("BBB", "announced", "2009-03-01", "2009-03-01"),
        ("CCC", "adopted", "2010-01-01", "2010-12-31"),
        ("DDD", "adopted", "2011-02-01", "2011-02-01"),
    )
    status = naps.status_by_country(table, CUTOFF)
    assert naps.count_range(status) == (2, 3)
    per_year = naps.cumulative_by_year(table, CUTOFF).set_index("year")
    assert list(per_year.index) == [2005, 2006, 2007, 2008, 2009, 2010]
    assert per_year.loc[2008, "certain"] == 1 and per_year.loc[2009, "certain"] == 2
    assert per_year.loc[2010, "certain"] == 2 and per_year.loc[2010, "possible"] == 3


def test_real_data_range_brackets_the_countries_listed_before_the_conference():
    plans = load_package()["national_action_plans"]
    status = naps.status_by_country(plans, CUTOFF)
    fewest, most = naps.count_range(status)
    # Every country with only pre-2010 dates must be counted; none dated after must be.
    only_before_2010 = set(plans.groupby("country_code")["latest"].max().loc[lambda s: s.dt.year < 2010].index)
    assert only_before_2010 <= set(status[status == naps.BEFORE].index)
    assert status.get("NPL") == naps.AFTER and status.get("SRB") == naps.AFTER
    assert fewest <= most <= plans["country_code"].nunique()

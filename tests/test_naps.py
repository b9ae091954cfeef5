"""National action plans: the count at a cut-off date, on small made-up tables and the real one."""
from __future__ import annotations

import pandas as pd

from sourcedata import load_package, naps


def claims(*rows):
    return pd.DataFrame(rows, columns=["country_code", "event", "earliest", "latest"]).astype(
        {"earliest": "datetime64[ns]", "latest": "datetime64[ns]"})


CUTOFF = "2010-09-29"


def test_cutoff_day_itself_counts_as_before():
    status = naps.status_by_country(claims(("AAA", "adopted", "2010-09-29", "2010-09-29")), CUTOFF)
    assert status["AAA"] == naps.BEFORE


def test_day_after_cutoff_is_after():
    status = naps.status_by_country(claims(("AAA", "adopted", "2010-09-30", "2010-09-30")), CUTOFF)
    assert status["AAA"] == naps.AFTER


def test_year_only_date_straddling_cutoff_is_undecided():
    status = naps.status_by_country(claims(("AAA", "adopted", "2010-01-01", "2010-12-31")), CUTOFF)
    assert status["AAA"] == naps.UNDECIDED


def test_sources_disagreeing_across_the_cutoff_leave_it_undecided():
    status = naps.status_by_country(
        claims(("AAA", "adopted", "2010-01-01", "2010-12-31"), ("AAA", "adopted", "2011-01-01", "2011-12-31")), CUTOFF)
    assert status["AAA"] == naps.UNDECIDED


def test_sources_disagreeing_on_the_same_side_are_decided():
    status = naps.status_by_country(
        claims(("AAA", "adopted", "2007-01-01", "2007-12-31"), ("AAA", "adopted", "2008-01-01", "2008-12-31")), CUTOFF)
    assert status["AAA"] == naps.BEFORE


def test_a_dated_document_alone_is_not_a_plan():
    status = naps.status_by_country(
        claims(("AAA", "document dated", "2009-10-01", "2009-10-31"), ("AAA", "adopted", "2012-12-01", "2012-12-31")), CUTOFF)
    assert status["AAA"] == naps.AFTER


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

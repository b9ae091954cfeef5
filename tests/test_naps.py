"""National action plans: the count at a cut-off date, on small made-up tables and the real one."""
from __future__ import annotations

import pandas as pd
import pytest

from matplotlib.colors import to_hex

from sourcedata import countries, followup, load_package, naps, style
from tests.helpers import plan_claims


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
    status = naps.status_by_country(plan_claims(*(("AAA", *row) for row in rows)), CUTOFF)
    assert status["AAA"] == expected


def test_count_range_and_cumulative_years():
    table = plan_claims(
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


def test_every_country_dated_only_before_2010_counts_as_having_a_plan():
    plans = load_package()["national_action_plans"]
    status = naps.status_by_country(plans, CUTOFF)
    only_before_2010 = set(plans.groupby("country_code")["latest"].max().loc[lambda s: s.dt.year < 2010].index)
    assert only_before_2010 <= set(status[status == naps.BEFORE].index)


# The table of counts published in 2010 that the countries page shows, on made-up rows.

def counts(*rows):
    """Rows of (qualifier, value, as_of, confidence) for plan counts."""
    return pd.DataFrame(rows, columns=["qualifier", "value", "as_of", "confidence"]).assign(
        measure="countries with a plan", source_id="some-source")


def test_counts_table_has_reader_columns_and_marks():
    sources = pd.DataFrame({"source_id": ["some-source"], "author": ["PeaceWomen (WILPF)"]})
    table, caption = naps.counts_table(counts(("exact", 16, "2010-05", "medium"), ("more than", 30, "2010-08-25", "low")), sources)
    assert list(table.columns) == ["Date", "Published by", "What was counted", "Count"]
    assert table.values.tolist() == [["May 2010", "PeaceWomen", "Countries with a plan", "16*"],
                                     ["25 August 2010", "PeaceWomen", "Countries with a plan", "more than 30†"]]
    assert caption.endswith("Marks: * medium confidence; † low confidence.")
    _, caption = naps.counts_table(counts(("exact", 16, "2010-05", "high")), sources)
    assert "Marks" not in caption and "*" not in caption


def test_cumulative_figure_draws_a_visible_band_for_every_open_year():
    table = plan_claims(("AAA", "adopted", "2005-06-01", "2005-06-30"), ("CCC", "adopted", "2010-01-01", "2010-12-31"))
    per_year = naps.cumulative_by_year(table, CUTOFF)
    fig = naps.plot_cumulative(per_year, "29 September 2010")
    ax = fig.axes[0]
    bands = [p for p in ax.patches if p.get_hatch()]
    band_2010 = [p for p in bands if abs(p.get_x() + p.get_width() / 2 - 2010) < 0.01]
    assert band_2010 and band_2010[0].get_height() == 1 and band_2010[0].get_width() > 0.5
    # The hatch must differ from the face, or it vanishes in SVG.
    assert band_2010[0].get_edgecolor() != band_2010[0].get_facecolor()
    legend = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
    assert legend.y0 >= ax.get_window_extent(fig.canvas.get_renderer()).y1, "the legend must sit above the bars"
    assert ax.get_xticklabels()[-1].get_text() == "2010\n(to 29 September)"


def test_may_have_had_a_plan_looks_the_same_in_every_figure():
    """Undecided plans are cross-hatched orange in the bars, on the map and in the later counts,
    plans certainly in force solid blue; and the conference is the book's dashed ink line."""
    import matplotlib.pyplot as plt
    table = plan_claims(("AAA", "adopted", "2005-06-01", "2005-06-30"), ("CCC", "adopted", "2009-01-01", "2010-12-31"))
    per_year = naps.cumulative_by_year(table, CUTOFF)
    undecided, certain = style.PLAN_STATUS[naps.UNDECIDED], style.PLAN_STATUS[naps.BEFORE]
    looks = {}
    bars = naps.plot_cumulative(per_year, "29 September 2010")
    for patch in bars.axes[0].patches:
        looks.setdefault("bars", set()).add((to_hex(patch.get_facecolor()), patch.get_hatch()))
    looks["map"] = {(to_hex(countries.MAP_COLOURS[name]), countries.MAP_HATCH.get(name))
                    for name in ("plan date undecided", "plan by the cut-off")}
    conference = pd.Series({"start": pd.Timestamp(CUTOFF), "end": pd.Timestamp("2010-10-01")})
    counts = pd.DataFrame({"start": pd.to_datetime(["2012-01-01"]), "end": pd.to_datetime(["2012-12-31"]), "value": [30],
                           "qualifier": ["exact"], "confidence": ["medium"]})
    members = pd.DataFrame({"start": pd.to_datetime(["2006-06-28", "2011-07-14"]), "value": [192, 193]})
    later = followup.plot_nap_counts(per_year, CUTOFF, counts, members, conference)
    ax = later.axes[0]
    band = [c for c in ax.collections if c.get_hatch()]
    assert len(band) == 1
    looks["later"] = {(to_hex(band[0].get_facecolor()[0]), band[0].get_hatch())}
    steps = [line for line in ax.get_lines() if line.get_drawstyle() == "steps-post" and line.get_linestyle() == "-"]
    assert steps and to_hex(steps[0].get_color()) == to_hex(certain["color"])
    wanted = (to_hex(undecided["color"]), undecided["hatch"])
    assert undecided["hatch"] and undecided["hatch"] != style.PLAN_STATUS[naps.AFTER]["hatch"]
    for figure, seen in looks.items():
        assert wanted in seen, f"{figure}: 'may have had a plan' drawn as {seen}"
    assert (to_hex(certain["color"]), None) in looks["bars"] | looks["map"]
    dashed = [line for line in ax.get_lines() if set(line.get_xdata()) == {conference["start"]}]
    assert len(dashed) == 1 and dashed[0].get_linestyle() == "--" and to_hex(dashed[0].get_color()) == to_hex(style.INK)
    assert [t.get_text() for t in ax.texts].count(style.CONFERENCE_LABEL) == 1
    plt.close("all")

"""After San Diego: the follow-up of the recommendations, the later timeline, the counts of
national action plans, on small made-up tables and on the real data."""
from __future__ import annotations

import pandas as pd
import pytest

from sourcedata import findings, followup, load_package, naps
from sourcedata.countries import country_name
from tests.helpers import plan_claims, reader_text

CODES = pd.DataFrame({
    "code": ["taken_up", "partly", "no_evidence", "prevention", "rtop_pillar_1"],
    "scheme": ["followup_status"] * 3 + ["wps_pillar", "rtop_pillar"],
    "label": ["Taken up", "Partly taken up", "No evidence found", "WPS: prevention", "RtoP pillar one"],
})
RECS = pd.DataFrame({
    "rec_id": ["analysis-1", "panel-1", "conveners-1"],
    "made_by": ["analysis", "panel", "co-conveners"],
    "kind": ["recommendation", "recommendation", "good practice"],
    "position": [1, 1, 1],
})


def status(*rows):
    return pd.DataFrame(rows, columns=["rec_id", "status", "source_id", "confidence"]).astype({"confidence": "string"})


def evidence(*rows):
    return pd.DataFrame(rows, columns=["rec_id", "bearing", "source_id", "confidence"])


GOOD_STATUS = status(("analysis-1", "taken_up", "s1", "high"), ("panel-1", "partly", "s2", "medium"),
                     ("conveners-1", "no_evidence", "editorial", None))
GOOD_EVIDENCE = evidence(("analysis-1", "advances", "s1", "high"), ("panel-1", "advances", "s2", "medium"),
                         ("panel-1", "falls short", "s3", "high"), ("conveners-1", "falls short", "s4", "high"),
                         ("conveners-1", "advances", "s5", "low"))


def test_consistent_follow_up_has_no_problem():
    # A setback and a low-confidence hint do not count as evidence of action.
    assert followup.check_followup(RECS, GOOD_STATUS, GOOD_EVIDENCE, CODES) == []


# Each case breaks one rule: (status rows, evidence rows, fragment of the problem reported).
BROKEN = {
    "an item without a status": (GOOD_STATUS.iloc[:2], GOOD_EVIDENCE, "conveners-1: 0 status rows"),
    "an item with two statuses": (pd.concat([GOOD_STATUS, GOOD_STATUS.iloc[[0]]]), GOOD_EVIDENCE, "analysis-1: 2 status rows"),
    "a status of another scheme": (GOOD_STATUS.replace({"taken_up": "prevention"}), GOOD_EVIDENCE, "not in the followup_status codebook"),
    "taken up on low confidence only": (GOOD_STATUS, GOOD_EVIDENCE.replace({"s1": "s1"}).assign(
        confidence=lambda f: f["confidence"].where(f["source_id"] != "s1", "low")), "analysis-1: coded 'taken_up' with no evidence"),
    "no evidence, yet evidence of action": (GOOD_STATUS, pd.concat([GOOD_EVIDENCE, evidence(("conveners-1", "advances", "s6", "medium"))]),
                                            "conveners-1: coded 'no evidence' but 1 evidence row"),
    "a source that is not its evidence": (GOOD_STATUS.replace({"s2": "s9"}), GOOD_EVIDENCE, "panel-1: its source 's9'"),
    "a source cited only for a setback": (GOOD_STATUS.replace({"s2": "s3"}), GOOD_EVIDENCE, "panel-1: its source 's3'"),
    "a confidence the evidence does not have": (GOOD_STATUS.replace({"medium": "high"}), GOOD_EVIDENCE, "panel-1: confidence 'high'"),
    "no evidence with a confidence": (GOOD_STATUS.assign(confidence=["high", "medium", "low"]), GOOD_EVIDENCE,
                                      "conveners-1: 'no evidence' carries no confidence"),
}


def test_related_evidence_may_stand_beside_no_evidence_but_never_carries_a_status():
    related = evidence(("conveners-1", "related", "s7", "high"))
    assert followup.check_followup(RECS, GOOD_STATUS, pd.concat([GOOD_EVIDENCE, related]), CODES) == []
    # panel-1 resting on related evidence alone has nothing to stand on.
    only_related = GOOD_EVIDENCE.assign(bearing=lambda f: f["bearing"].where(f["rec_id"] != "panel-1", "related"))
    problems = followup.check_followup(RECS, GOOD_STATUS, only_related, CODES)
    assert any("panel-1: coded 'partly' with no evidence of action" in p for p in problems), problems


def test_high_confidence_needs_a_primary_source():
    sources = pd.DataFrame({"source_id": ["s1", "s2", "s3", "s4", "s5"],
                            "kind": ["primary", "secondary", "primary", "primary", "secondary"]})
    assert followup.check_followup(RECS, GOOD_STATUS, GOOD_EVIDENCE, CODES, sources) == []
    graded_up = GOOD_EVIDENCE.assign(confidence=lambda f: f["confidence"].where(f["source_id"] != "s2", "high"))
    problems = followup.check_followup(RECS, GOOD_STATUS.replace({"medium": "high"}), graded_up, CODES, sources)
    assert problems == ["panel-1: evidence graded high rests on a secondary source 's2'; a secondary source carries at most medium"]


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_rule_is_reported(case):
    rows, proofs, fragment = BROKEN[case]
    problems = followup.check_followup(RECS, rows.reset_index(drop=True), proofs, CODES)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(ValueError, match="disagree"):
        followup.assert_followup(RECS, rows.reset_index(drop=True), proofs, CODES)


def test_status_counts_by_set_and_by_pillar():
    coded = pd.DataFrame({"rec_id": ["analysis-1", "analysis-1", "panel-1"], "code": ["prevention", "rtop_pillar_1", "prevention"]})
    by_set, by_pillar = followup.status_by(GOOD_STATUS, RECS, coded, CODES)
    assert list(by_set.index) == ["analysis", "panel", "co-conveners"]
    assert list(by_set.columns) == ["taken_up", "partly", "no_evidence"]
    assert by_set.loc["co-conveners", "no_evidence"] == 1 and by_set.values.sum() == 3
    # An item counts under every pillar it is coded to; an uncoded item under none.
    assert by_pillar.loc["prevention"].tolist() == [1, 1, 0]
    assert by_pillar.loc["rtop_pillar_1"].tolist() == [1, 0, 0]


@pytest.mark.parametrize("value, start, end", [
    ("2012", "2012-01-01", "2012-12-31"),
    ("2016-02", "2016-02-01", "2016-02-29"),
    ("2014-12-08", "2014-12-08", "2014-12-08"),
])
def test_partial_dates_are_intervals(value, start, end):
    assert followup.partial_date_span(value) == (pd.Timestamp(start), pd.Timestamp(end))


def test_a_missing_date_stays_missing():
    assert all(pd.isna(d) for d in followup.partial_date_span(None))


def test_abstainers_are_counted_by_source():
    votes = pd.DataFrame({"resolution": [9, 9, 9, 8], "member_state": ["A", "A", "B", "C"],
                          "position": ["abstained"] * 3 + ["against"], "source_id": ["x", "y", "x", "x"]})
    table = followup.abstainers(votes, 9).set_index("member_state")["sources"]
    assert table.to_dict() == {"A": 2, "B": 1}
    assert followup.abstainers(votes, 7).empty


def stats(*rows):
    return pd.DataFrame(rows, columns=["stat_id", "topic", "qualifier", "value", "unit", "as_of", "source_id", "confidence"])


def test_the_latest_count_prefers_confidence_and_refuses_to_choose_between_disagreeing_sources():
    table = stats(("a", "NAP count", "exact", 100, "states", "2025", "x", "medium"),
                  ("b", "NAP count", "exact", 108, "states", "2025", "y", "high"),
                  ("c", "NAP count", "exact", 90, "states", "2023", "z", "high"))
    assert followup.latest_count(followup.stated_counts(table))["stat_id"] == "b"
    rival = stats(("a", "NAP count", "exact", 100, "states", "2025", "x", "high"),
                  ("b", "NAP count", "exact", 108, "states", "2025", "y", "high"))
    with pytest.raises(ValueError, match="latest counts disagree"):
        followup.latest_count(followup.stated_counts(rival))


def test_the_sample_groups_countries_by_year_and_keeps_disagreements():
    claims = plan_claims(
        ("DEU", "adopted", "2012-12-19", "2012-12-19"),
        ("DEU", "adopted", "2013-01-01", "2013-12-31"),
        ("AUS", "plan period starts", "2012-01-01", "2012-12-31"),
        ("KEN", "adopted", "2016-03-08", "2016-03-08"),
        ("UKR", "adopted", "2016-02-24", "2016-02-24"),
        ("IRQ", "document dated", "2014-01-01", "2014-01-31"),
        ("IRQ", "announced", "2014-02-06", "2014-02-06"),
        ("USA", "adopted", "2011-12-19", "2011-12-19"),
    )
    table = followup.sample_by_year(claims, country_name).set_index("year")
    assert list(table.index) == ["2011", "2012", "2012 or 2013", "2014", "2016"]
    assert table.loc["2011", "countries"] == "the United States"
    assert table.loc["2012", "countries"] == "Australia (plan period)"
    assert table.loc["2016", "countries"] == "Kenya and Ukraine" and table.loc["2016", "n"] == 2


def test_later_events_start_after_the_conference_and_know_their_lanes():
    conference = pd.Series({"start": pd.Timestamp("2010-09-29"), "end": pd.Timestamp("2010-10-01")})
    columns = ["track", "label", "start", "end", "precision", "source_id", "confidence"]
    later = pd.DataFrame([("Both agendas", "x", pd.Timestamp("2012-01-01"), pd.Timestamp("2012-12-31"), "year", "s", "high")],
                         columns=columns)
    earlier = pd.DataFrame([("WPS", "before", pd.Timestamp("2009-01-01"), pd.Timestamp("2009-01-01"), "day", "s", "high"),
                            ("Conference", "conf", conference["start"], conference["end"], "day", "s", "high"),
                            ("WPS", "debate", pd.Timestamp("2010-10-26"), pd.Timestamp("2010-10-26"), "day", "s", "high")],
                           columns=columns)
    official = pd.DataFrame({"resolution": [1889, 1960], "adopted": pd.to_datetime(["2009-10-05", "2010-12-16"]),
                             "source_id": ["s", "s"], "confidence": ["high", "high"]})
    events = followup.later_events(later, earlier, official, conference)
    assert list(events["label"]) == ["x", "debate", "SC res. 1960"]  # lanes in order, then dates
    with pytest.raises(ValueError, match="lanes the timeline does not know"):
        followup.later_events(later.assign(track="Elsewhere"), earlier, official, conference)


# --- the real data -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    return load_package(tables=["recommendations", "followup_status", "followup_evidence", "codes", "wps_resolutions",
                                "resolution_language", "vote_positions", "milestones", "sources",
                                "national_action_plans", "later_nap_adoptions", "later_statistics", "statistics"])


def test_every_status_agrees_with_its_evidence(data):
    assert followup.check_followup(data["recommendations"], data["followup_status"], data["followup_evidence"], data["codes"],
                                   data["sources"]) == []


def test_the_atrocity_language_predates_the_conference_and_later_texts_only_repeat_it(data):
    language = data["resolution_language"]
    baseline = language[(language["resolution"] == 1820) & (language["first_or_repeat"] == "new")]
    quoted = " ".join(baseline["quotation"].dropna())
    assert all(crime in quoted for crime in ("war crime", "crime against humanity", "genocide")), quoted
    official = followup.official_resolutions(data["wps_resolutions"], data["sources"])
    conference = data["milestones"].set_index("milestone_id").loc["conference"]
    after = set(official.loc[official["adopted"] > conference["end"], "resolution"])
    later_seen = language[language["resolution"].isin(after) & (language["atrocity_language"] == "seen")]
    assert set(later_seen["first_or_repeat"]) <= {"restates", "reaffirms"}, (
        "revise 'later WPS resolutions restate or reaffirm the atrocity language of 2008' in After San Diego")


def test_a_not_seen_on_a_part_read_is_never_a_claim_about_the_whole_text(data):
    language = data["resolution_language"]
    partial = language[language["read_whole_text"] == "no"]
    assert not (partial["text_read"] == "full text").any()
    assert not ((language["read_whole_text"] == "yes") & (language["text_read"] != "full text")).any()


def test_the_us_atrocity_wording_is_cited_to_the_executive_order(data):
    evidence = data["followup_evidence"].set_index("evidence_id")
    title = data["sources"].set_index("source_id").loc[evidence.loc["p6-eo-2011", "source_id"], "title"]
    assert title.startswith("Executive Order 13595") and "order" in evidence.loc["p6-eo-2011", "finding"]


def test_the_abstaining_states_match_the_recorded_vote(data):
    official = followup.official_resolutions(data["wps_resolutions"], data["sources"]).set_index("resolution")
    votes = data["vote_positions"]
    for resolution in votes["resolution"].unique():
        assert len(followup.abstainers(votes, resolution)) == official.loc[resolution, "abstentions"]


def test_the_later_sample_holds_no_plan_from_before_the_conference(data):
    conference = data["milestones"].set_index("milestone_id").loc["conference", "start"]
    status = naps.status_by_country(data["national_action_plans"], conference)
    earlier = set(status[status != naps.AFTER].index)
    assert not earlier & set(data["later_nap_adoptions"]["country_code"])
    assert (data["later_nap_adoptions"]["earliest"] > conference).all()




def test_the_budget_share_is_the_budget_count_over_the_plans_counted_on_the_same_date(data):
    """After San Diego gives 34 plans with a budget as 43 per cent: of the 79 counted in
    December 2018, not of the 82 counted in September 2019."""
    stats = data["later_statistics"].set_index("stat_id")
    count, share = stats.loc["naps-budget-2018-12"], stats.loc["naps-budget-2018-12-share"]
    plans = stats.loc[(stats["as_of"] == count["as_of"]) & (stats["measure"].str.contains("national action plan"))
                      & (stats["unit"] == "states"), "value"]
    assert count["as_of"] == share["as_of"] and len(plans) == 1
    assert round(100 * count["value"] / plans.iloc[0]) == share["value"]


def test_every_page_that_states_the_headline_numbers_states_the_ones_computed_once(book_html, data):
    """The plan range at the opening and the latest count, as sourcedata.findings computes
    them, are what the intro, the countries page, After San Diego and the conclusion say."""
    fewest, most = findings.plans_at_opening(data)
    latest = int(findings.latest_plan_count(data)["value"])
    for name, says_latest in [("intro", f"{latest} of the 193"), ("chapters/countries", None),
                              ("chapters/after_san_diego", f"{latest} UN member states"),
                              ("chapters/conclusion", f"{latest} by")]:
        text = reader_text(book_html, name)
        assert f"between {fewest} and {most}" in text, f"{name} gives another range of plans at the opening"
        assert says_latest is None or says_latest in text, f"{name} gives another latest count of plans"

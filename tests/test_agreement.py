"""Agreement between the two coders: Cohen's kappa against published worked examples, the
rebuilding of the first coding from the disagreements, and the real double coding."""
from __future__ import annotations

import pandas as pd
import pytest

from sourcedata import agreement, load_package


def table(yes_yes, yes_no, no_yes, no_no):
    """Two coders' labels from a 2 x 2 table of counts (first coder's label first)."""
    pairs = ([("yes", "yes")] * yes_yes + [("yes", "no")] * yes_no + [("no", "yes")] * no_yes + [("no", "no")] * no_no)
    return [a for a, _ in pairs], [b for _, b in pairs]


@pytest.mark.parametrize("counts, kappa", [
    # The worked example of the Wikipedia article "Cohen's kappa": 50 grant proposals,
    # p_o = 0.7, p_e = 0.5, kappa = 0.4.
    ((20, 5, 10, 15), 0.4),
    # The same article's two tables with equal agreement (p_o = 0.6) and different kappas.
    ((45, 15, 25, 15), 0.1304),
    ((25, 35, 5, 35), 0.2593),
])
def test_kappa_matches_published_worked_examples(counts, kappa):
    first, second = table(*counts)
    assert agreement.cohen_kappa(first, second) == pytest.approx(kappa, abs=5e-5)
    assert agreement.cohen_kappa(second, first) == pytest.approx(kappa, abs=5e-5)  # symmetric


def test_kappa_is_one_for_full_agreement_and_zero_at_chance():
    assert agreement.cohen_kappa(["a", "b", "c", "a"], ["a", "b", "c", "a"]) == 1.0
    # Independent coders: each says yes half the time, and they agree half the time.
    first, second = table(25, 25, 25, 25)
    assert agreement.cohen_kappa(first, second) == pytest.approx(0.0)
    assert agreement.percent_agreement(first, second) == pytest.approx(0.5)
    # Below chance is negative.
    assert agreement.cohen_kappa(*table(0, 10, 10, 0)) == pytest.approx(-1.0)


def test_kappa_refuses_unequal_or_empty_codings():
    with pytest.raises(ValueError, match="different numbers"):
        agreement.cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError, match="no decisions"):
        agreement.cohen_kappa([], [])


ITEMS = ["x-1", "x-2", "x-3"]
CODES = ["p", "q"]


def coding(*pairs):
    return pd.DataFrame(pairs, columns=["rec_id", "code"])


def disagreements(*rows):
    return pd.DataFrame(rows, columns=["scheme", "rec_id", "code", "first", "second", "resolved", "reason"])


SECOND = coding(("x-1", "p"), ("x-2", "q"))
# The first coder had x-1 q (not p) and x-3 p; one resolved each way.
DISAGREE = disagreements(("s", "x-1", "p", "absent", "present", "present", "second right"),
                         ("s", "x-1", "q", "present", "absent", "absent", "second right"),
                         ("s", "x-3", "p", "present", "absent", "present", "first kept"))


def test_the_first_coding_is_rebuilt_from_the_disagreements():
    first = agreement.original_first(SECOND, DISAGREE, "s", ITEMS, CODES)
    present = sorted(first[first == agreement.PRESENT].index)
    assert present == [("x-1", "q"), ("x-2", "q"), ("x-3", "p")]
    theirs = agreement.second_labels(SECOND, "s", ITEMS, CODES)
    assert agreement.percent_agreement(first, theirs) == pytest.approx(3 / 6)


def test_the_published_coding_must_be_the_second_with_the_resolutions_applied():
    final = coding(("x-1", "p"), ("x-2", "q"), ("x-3", "p"))
    assert agreement.check_resolution(final, SECOND, DISAGREE, "s", ITEMS, CODES) == []
    unresolved = coding(("x-1", "p"), ("x-2", "q"))  # x-3 p was kept, but is missing
    assert any("('x-3', 'p'): published 'absent'" in p for p in agreement.check_resolution(unresolved, SECOND, DISAGREE, "s", ITEMS, CODES))
    no_dispute = disagreements(("s", "x-2", "q", "present", "present", "present", "?"))
    assert any("both coders say" in p for p in agreement.check_resolution(final, SECOND, pd.concat([DISAGREE, no_dispute]), "s", ITEMS, CODES))
    wrong_second = DISAGREE.assign(second=lambda f: f["second"].where(f["code"] != "q", "present"))
    assert any("the coding says" in p for p in agreement.check_resolution(final, SECOND, wrong_second, "s", ITEMS, CODES))


def test_single_status_scheme():
    second = pd.DataFrame({"rec_id": ITEMS, "status": ["partly", "taken_up", "partly"]})
    table_ = disagreements(("followup_status", "x-2", None, "partly", "taken_up", "partly", "first kept"))
    first = agreement.original_first(second, table_, "followup_status", ITEMS)
    assert first.tolist() == ["partly", "partly", "partly"]
    final = pd.DataFrame({"rec_id": ITEMS, "status": ["partly", "partly", "partly"]})
    assert agreement.check_resolution(final, second, table_, "followup_status", ITEMS) == []


# --- the real double coding ------------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    return load_package(tables=["recommendations", "codes", "recommendation_codes", "recommendation_codes_second",
                                "followup_status", "followup_status_second", "coding_disagreements"])


def test_every_scheme_is_compared_on_all_its_decisions(data):
    result = agreement.agreement_table(data["recommendations"], data["codes"], data["recommendation_codes_second"],
                                       data["followup_status_second"], data["coding_disagreements"]).set_index("scheme")
    n = len(data["recommendations"])
    sizes = data["codes"].groupby("scheme").size()
    assert result.loc["followup_status", "decisions"] == n
    for scheme in agreement.MULTI_LABEL:
        assert result.loc[scheme, "decisions"] == n * sizes[scheme]


@pytest.mark.parametrize("scheme", [*agreement.MULTI_LABEL, agreement.STATUS_SCHEME])
def test_the_published_coding_is_the_resolved_one(data, scheme):
    items = data["recommendations"]["rec_id"].tolist()
    if scheme == agreement.STATUS_SCHEME:
        problems = agreement.check_resolution(data["followup_status"], data["followup_status_second"],
                                              data["coding_disagreements"], scheme, items)
    else:
        codes = data["codes"].loc[data["codes"]["scheme"] == scheme, "code"].tolist()
        final = data["recommendation_codes"][data["recommendation_codes"]["code"].isin(codes)]
        second = data["recommendation_codes_second"][data["recommendation_codes_second"]["code"].isin(codes)]
        problems = agreement.check_resolution(final, second, data["coding_disagreements"], scheme, items, codes)
    assert problems == []


def test_each_resolution_says_whose_coding_it_follows(data):
    table_ = data["coding_disagreements"]
    for row in table_.itertuples():
        if row.resolved == row.second:
            assert row.reason.startswith("The second coder was right"), row
        else:
            assert row.reason.startswith("The first coding is kept"), row

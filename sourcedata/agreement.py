"""How far two coders agree: Cohen's kappa and the share of decisions on which they agree.

Two people coded the 19 items independently: the first coder (the published coding) and a
second coder who worked blind, from the items and the codebook alone (and, for the follow-up
status, from the evidence rows without any status). Both codings are published, with a table
of every disagreement and how it was resolved (``coding_disagreements``).

* The follow-up status gives each item exactly one code, so the decisions are the 19 items.
* The pillars and the addressees are multi-label: an item can carry several codes of a scheme
  or none. There the decisions are item x code pairs within the scheme, each coded present
  or absent (19 items x 4 WPS pillars = 76 decisions, and so on).

The first coder's *original* coding is not stored apart: it equals the second coding except
on the decisions listed as disagreements, where the table gives what the first coder had.
:func:`original_first` rebuilds it, and :func:`check_resolution` holds the published coding
to "the second coding, with each disagreement resolved as the table says".
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import pandas as pd

STATUS_SCHEME = "followup_status"
MULTI_LABEL = ("wps_pillar", "rtop_pillar", "addressee")  # schemes where an item may carry several codes
PRESENT, ABSENT = "present", "absent"


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Cohen's kappa for two coders' labels of the same decisions, in the same order.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of decisions on which they agree
    and p_e the agreement expected by chance: the sum over labels of the product of the two
    coders' shares of that label (Cohen 1960). When both coders use one and the same label for
    everything, p_e is 1 and kappa is undefined; it is returned as 1.0 if they agree
    throughout, which is then the only possible case.
    """
    first, second = list(first), list(second)
    observed = percent_agreement(first, second)
    n = len(first)
    one, two = Counter(first), Counter(second)
    expected = sum(one[label] * two[label] for label in set(one) | set(two)) / n ** 2
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def percent_agreement(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Share of decisions (0 to 1) on which the two coders give the same label."""
    first, second = list(first), list(second)
    if len(first) != len(second):
        raise ValueError(f"the coders labelled different numbers of decisions ({len(first)} and {len(second)})")
    if not first:
        raise ValueError("no decisions to compare")
    return sum(a == b for a, b in zip(first, second)) / len(first)


# --- the decisions of each scheme ------------------------------------------------------------

def presence(items: Sequence[str], coded: pd.DataFrame, scheme_codes: Sequence[str]) -> pd.Series:
    """'present'/'absent' for every item x code of a scheme, indexed by (rec_id, code)."""
    given = set(zip(coded["rec_id"], coded["code"]))
    index = pd.MultiIndex.from_product([list(items), list(scheme_codes)], names=["rec_id", "code"])
    return pd.Series([PRESENT if pair in given else ABSENT for pair in index], index=index, name="label")


def original_first(second: pd.DataFrame, disagreements: pd.DataFrame, scheme: str,
                   items: Sequence[str], scheme_codes: Sequence[str] | None = None) -> pd.Series:
    """The first coder's coding before resolution, rebuilt from the second coding and the
    disagreements: one label per decision (see the module's note)."""
    rows = disagreements[disagreements["scheme"] == scheme]
    if scheme == STATUS_SCHEME:
        labels = second.set_index("rec_id")["status"].reindex(list(items))
        if labels.isna().any():
            raise ValueError(f"the second coding has no status for {labels[labels.isna()].index.tolist()}")
        for row in rows.itertuples():
            labels[row.rec_id] = row.first
        return labels.rename("label")
    labels = presence(items, second, scheme_codes)
    for row in rows.itertuples():
        labels[(row.rec_id, row.code)] = row.first
    return labels


def second_labels(second: pd.DataFrame, scheme: str, items: Sequence[str],
                  scheme_codes: Sequence[str] | None = None) -> pd.Series:
    """The second coder's labels, one per decision, in the order of :func:`original_first`."""
    if scheme == STATUS_SCHEME:
        return second.set_index("rec_id")["status"].reindex(list(items)).rename("label")
    return presence(items, second, scheme_codes)


def check_resolution(final: pd.DataFrame, second: pd.DataFrame, disagreements: pd.DataFrame, scheme: str,
                     items: Sequence[str], scheme_codes: Sequence[str] | None = None) -> list[str]:
    """Problems, one line each, where the published coding is not the second coding with each
    disagreement resolved as the table says, or where a listed disagreement is no disagreement."""
    problems = []
    rows = disagreements[disagreements["scheme"] == scheme]
    theirs = second_labels(second, scheme, items, scheme_codes)
    if scheme == STATUS_SCHEME:
        ours = final.set_index("rec_id")["status"].reindex(list(items))
        keys = {row.rec_id: row for row in rows.itertuples()}
    else:
        ours = presence(items, final, scheme_codes)
        keys = {(row.rec_id, row.code): row for row in rows.itertuples()}
    for key, row in keys.items():
        if row.first == row.second:
            problems.append(f"{scheme} {key}: listed as a disagreement, but both coders say {row.first!r}")
        if row.second != theirs.get(key):
            problems.append(f"{scheme} {key}: the table says the second coder gave {row.second!r}, the coding says {theirs.get(key)!r}")
        if row.resolved not in (row.first, row.second):
            problems.append(f"{scheme} {key}: resolved as {row.resolved!r}, which neither coder gave")
    for key in ours.index:
        expected = keys[key].resolved if key in keys else theirs[key]
        if ours[key] != expected:
            problems.append(f"{scheme} {key}: published {ours[key]!r}, but the second coding and the resolutions give {expected!r}")
    return problems


def agreement_table(recs: pd.DataFrame, codes: pd.DataFrame, second_codes: pd.DataFrame,
                    second_status: pd.DataFrame, disagreements: pd.DataFrame) -> pd.DataFrame:
    """One row per scheme: how many decisions the two coders made, the share on which they
    agreed and Cohen's kappa, computed on the two independent codings (before resolution).

    Columns: scheme, label (the scheme's name for readers), decisions, agreement (0 to 1),
    kappa.
    """
    items = recs["rec_id"].tolist()
    names = {"wps_pillar": "WPS pillars", "rtop_pillar": "RtoP pillars", "addressee": "Addressees",
             STATUS_SCHEME: "Follow-up status"}
    rows = []
    for scheme in (*MULTI_LABEL, STATUS_SCHEME):
        if scheme == STATUS_SCHEME:
            scheme_codes, second = None, second_status
        else:
            scheme_codes = codes.loc[codes["scheme"] == scheme, "code"].tolist()
            second = second_codes[second_codes["code"].isin(scheme_codes)]
        first = original_first(second, disagreements, scheme, items, scheme_codes)
        theirs = second_labels(second, scheme, items, scheme_codes)
        rows.append({"scheme": scheme, "label": names[scheme], "decisions": len(first),
                     "agreement": percent_agreement(first, theirs), "kappa": cohen_kappa(first, theirs)})
    return pd.DataFrame(rows)

"""The three pages on the agendas (The Responsibility to Protect, Where RtoP meets WPS, The
recommendations): the labels of the recommendations and their coding; the figures' labels and
the conference's mark; and, in the built book, what the pages say and where their tables live."""
from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from matplotlib.colors import to_hex

from sourcedata import load_package, style, timeline
from sourcedata import recommendations as rec
from tests.helpers import reader_text, reader_view, rows, soup_of

matplotlib.use("Agg")

PAGES = ["chapters/rtop_background", "chapters/rtop_wps_link", "chapters/recommendations"]


# --- the recommendations' labels -----------------------------------------------------------

def test_item_labels_and_names():
    assert rec.item_label("panel", "recommendation", 2) == "Panel 2"
    assert rec.item_label("co-conveners", "good practice", 1) == "Co-conveners' good practice 1"
    assert rec.item_name("co-conveners", "recommendation", 4) == "Co-conveners' recommendation 4"
    assert rec.item_name("analysis", "recommendation", 1) == "Teitt's recommendation 1"
    assert rec.item_label("analysis", "recommendation", 3) == "Teitt 3"


# --- the coding -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def package():
    return load_package(tables=["recommendations", "codes", "recommendation_codes", "milestones",
                                "wps_resolutions", "sources"])


def test_code_matrix_takes_any_scheme_and_leaves_the_others_out(package):
    recs, coded, codes = package["recommendations"], package["recommendation_codes"], package["codes"]
    pillars = rec.code_matrix(recs, coded, codes)
    assert list(pillars.columns) == rec.scheme_codes(codes, rec.SCHEMES)
    addressees = rec.code_matrix(recs, coded, codes, schemes=[rec.ADDRESSEE])
    assert list(addressees.columns) == list(codes.loc[codes["scheme"] == rec.ADDRESSEE, "code"])
    assert list(pillars.index) == list(recs["rec_id"]) == list(addressees.index)
    # A code of another scheme in the same table is left out, not refused.
    other = codes.loc[~codes["scheme"].isin([*rec.SCHEMES, rec.ADDRESSEE]), "code"].iloc[0]
    extra = pd.concat([coded, pd.DataFrame([{"rec_id": recs["rec_id"].iloc[0], "code": other, "rationale": "x",
                                             "source_id": "editorial"}])])
    assert rec.code_matrix(recs, extra, codes).equals(pillars)


def test_code_matrix_refuses_an_unknown_scheme(package):
    recs, coded, codes = package["recommendations"], package["recommendation_codes"], package["codes"]
    with pytest.raises(ValueError, match="no_such_scheme"):
        rec.code_matrix(recs, coded, codes, schemes=["no_such_scheme"])


def test_no_item_both_names_and_names_no_addressee_and_every_code_has_a_reason(package):
    # (That every item has a pillar and an addressee, recommendations.md asserts in every build.)
    recs, coded, codes = package["recommendations"], package["recommendation_codes"], package["codes"]
    addressees = rec.code_matrix(recs, coded, codes, schemes=[rec.ADDRESSEE])
    named = addressees.drop(columns="addressee_unnamed").sum(axis=1)
    assert not (addressees["addressee_unnamed"].astype(bool) & (named > 0)).any(), "an item both names and names no one"
    assert coded["rationale"].str.len().min() > 15


def test_items_that_ask_for_the_same_thing_are_coded_alike(package):
    """Both early-warning items bear on RtoP the same way (the coding once gave one an RtoP
    pillar and not the other); the panel's human-rights plans are not 1325 plans."""
    recs, coded, codes = package["recommendations"], package["recommendation_codes"], package["codes"]
    rtop = rec.code_matrix(recs, coded, codes, schemes=["rtop_pillar"])
    early_warning = recs.loc[recs["summary"].str.contains("early-warning"), "rec_id"]
    assert len(early_warning) >= 2
    assert len({tuple(rtop.loc[r]) for r in early_warning}) == 1
    # Atrocity prevention in human rights plans (not plans on resolution 1325) is each state's own
    # duty, RtoP pillar one; with no gender element it carries no WPS pillar (both coders agreed
    # on pillar one; the first coder's WPS prevention code was dropped on the second's reading).
    plans = coded[coded["rec_id"].isin(recs.loc[recs["summary"].str.contains("action plans for human rights"), "rec_id"])]
    schemes = set(codes.set_index("code").loc[plans["code"], "scheme"])
    assert "rtop_pillar_1" in set(plans["code"]) and "wps_pillar" not in schemes


def test_addressee_table_counts_every_item_once_per_set(package):
    recs, coded, codes = package["recommendations"], package["recommendation_codes"], package["codes"]
    matrix = rec.code_matrix(recs, coded, codes, schemes=[rec.ADDRESSEE])
    table = rec.addressee_table(recs, matrix, codes)
    assert list(table["Set"]) == ["Teitt", "Panel", "Co-conveners", "All items"]
    assert table["Items"].iloc[-1] == len(recs) == table["Items"].iloc[:-1].sum()
    assert list(table.columns[2:]) == list(codes.loc[codes["scheme"] == rec.ADDRESSEE, "label"])


# --- the figures as a reader sees them ---------------------------------------------------------

def agenda_figures(package):
    milestones = package["milestones"].set_index("milestone_id")
    conference = milestones.loc["conference"]
    rtop = milestones[milestones["track"] == "RtoP"].reset_index()
    yield "timeline", timeline.timeline(rtop, conference, "RtoP")
    recs, coded, codes = package["recommendations"], package["recommendation_codes"], package["codes"]
    matrix = rec.code_matrix(recs, coded, codes, schemes=(*rec.SCHEMES, rec.ADDRESSEE))
    yield "grid", rec.plot_code_matrix(matrix, codes, recs)


def test_figure_labels_are_never_ids(package):
    # (The text's size as shown is test_figures' test_figure_text_is_legible_at_the_width_it_is_shown.)
    import matplotlib.pyplot as plt
    ids = {*package["recommendations"]["rec_id"], *package["codes"]["code"]}
    for name, fig in agenda_figures(package):
        fig.canvas.draw()  # tick labels get their text when drawn
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
        assert not ids & set(texts), f"{name}: ids as labels: {ids & set(texts)}"
        if name == "grid":  # the caption promises the totals under the columns
            assert "Items coded" in texts
        plt.close(fig)


def conference_marks(fig, day) -> list:
    """The vertical lines at ``day`` drawn as the book's conference mark: dashed, in ink."""
    return [line for ax in fig.axes for line in ax.get_lines()
            if set(line.get_xdata()) == {day} and line.get_linestyle() == "--"
            and to_hex(line.get_color()) == to_hex(style.INK)]


def test_the_conference_is_one_labelled_dashed_ink_line_in_every_timeline(package):
    import matplotlib.pyplot as plt
    milestones = package["milestones"].set_index("milestone_id")
    conference = milestones.loc["conference"]
    events = milestones[milestones["track"].isin(["RtoP", "WPS"])].reset_index()
    fig = timeline.timeline(events, conference, "Both")
    assert len(conference_marks(fig, conference["start"])) == len(fig.axes), "one dashed ink line in every lane"
    labels = [t for ax in fig.axes for t in ax.texts if t.get_text() == style.CONFERENCE_LABEL]
    assert len(labels) == 1 and labels[0].get_color() == style.INK
    colours = {to_hex(p.get_facecolor()) for ax in fig.axes for p in ax.patches}
    assert not colours & {style.PALETTE["orange"].lower(), style.PALETTE["vermillion"].lower()}
    plt.close(fig)


# --- the built pages ----------------------------------------------------------------------------

def test_facts_once_wrong_stay_right(book_html):
    background = reader_text(book_html, "chapters/rtop_background")
    link = reader_text(book_html, "chapters/rtop_wps_link")
    recs = reader_text(book_html, "chapters/recommendations")
    assert "all men and women" in background
    assert "16 September 2005" in background
    assert "resolution 1820" in link.split("The WPS resolutions")[0], "the link chapter opens with resolution 1820"
    [split] = [r["resolution"] for r in rows("wps_resolutions") if int(r["abstentions"]) or int(r["votes_against"])]
    assert f"except resolution {split}" in link
    assert "national action plans for human rights" in recs


def test_recommendations_name_teitt_once_and_label_their_codes(book_html):
    """Teitt is named in full once, with her centre, then by surname; the folded table of codes
    shows the codebook's labels, never its ids; the addressee counts are stated, not ranked."""
    text = reader_text(book_html, "chapters/recommendations")
    assert text.count("Sarah Teitt") == 1 and "Sarah Teitt, of the Asia Pacific Centre" in text
    assert "Teitt's analysis" in text
    codes = {r["code"]: r["label"] for r in rows("codes")}
    soup = soup_of(book_html / "chapters/recommendations.html")
    fold = soup.select_one("details.figure-data table")
    cells = {td.get_text(strip=True) for td in fold.select("td")}
    used = {r["code"] for r in rows("recommendation_codes")}
    assert {codes[c] for c in used} <= cells, "a code's label is missing from the folded table"
    assert not (used | {r["rec_id"] for r in rows("recommendations")}) & cells, "ids or codes in the folded table"


def test_teitts_recommendations_are_tabled_once(book_html):
    analysis = [r["summary"] for r in rows("recommendations") if r["made_by"] == "analysis"]
    pages = {name: reader_view(book_html / f"{name}.html") for name in PAGES}
    holding = [name for name, main in pages.items()
               if any(analysis[0] in table.get_text(" ") for table in main.select("table"))]
    assert holding == ["chapters/recommendations"]

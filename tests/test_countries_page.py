"""The Country statistics page: its sentences for every value the data can give (zero, one,
many), its figures as a reader sees them, and the built page read as a reader reads it."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from sourcedata import countries, load_package, naps, style
from sourcedata.load import load_boundaries
from tools.book import ROOT

matplotlib.use("Agg")

COLUMN_PX = 700  # the page's text column at 1280 px; a wider figure is scaled down to it
MIN_PT = 9


# --- Sentences -----------------------------------------------------------------------------

@pytest.mark.parametrize(("n_named", "homes", "expected"), [
    (11, ["GBR", "KEN", "LBR", "PHL", "ZWE", "GTM"],
     "The sources give a country for only six of the 11 people they name. Their six countries lie in five UN "
     "sub-regions: Central America (Guatemala), Eastern Africa (Kenya and Zimbabwe), Northern Europe (the United "
     "Kingdom), South-eastern Asia (the Philippines) and Western Africa (Liberia)."),
    (11, ["KEN"], "The sources give a country for only one of the 11 people they name: Kenya, in Eastern Africa."),
    (11, ["KEN", "KEN"], "The sources give a country for only two of the 11 people they name: both from Kenya, in Eastern Africa."),
    (3, ["KEN", "KEN", "KEN"], "The sources give a country for every person they name: all from Kenya, in Eastern Africa."),
    (2, ["KEN", "UGA"], "The sources give a country for every person they name. Their two countries lie in one UN "
                        "sub-region: Eastern Africa (Kenya and Uganda)."),
    (11, [], "No source gives a country for any of the people it names."),
])
def test_regions_sentence(n_named, homes, expected):
    assert countries.regions_sentence(n_named, pd.Series(homes, dtype=object)) == expected


PHRASES = {naps.BEFORE: "had a plan by the cut-off", naps.UNDECIDED: "may or may not have had one by then",
           naps.AFTER: "adopted one only after the conference"}


@pytest.mark.parametrize(("statuses", "expected"), [
    ({"GBR": naps.BEFORE, "LBR": naps.BEFORE, "PHL": naps.BEFORE, "KEN": np.nan, "ZWE": np.nan, "GTM": np.nan},
     "Of the six countries that named people came from, Liberia, the Philippines and the United Kingdom had a plan by "
     "the cut-off; for Guatemala, Kenya and Zimbabwe, no source we could read records a plan before the conference."),
    ({"GBR": naps.BEFORE, "FRA": naps.UNDECIDED, "SRB": naps.AFTER},
     "Of the three countries that named people came from, the United Kingdom had a plan by the cut-off; France may or "
     "may not have had one by then; Serbia adopted one only after the conference."),
    ({"KEN": np.nan, "ZWE": np.nan},
     "Of the two countries that named people came from, for Kenya and Zimbabwe, no source we could read records a plan "
     "before the conference."),
    ({"GBR": naps.BEFORE}, "Only one country is home to a named person: the United Kingdom, which had a plan by the cut-off."),
    ({"KEN": np.nan}, "Only one country is home to a named person: Kenya, for which no source we could read records a "
                      "plan before the conference."),
    ({}, "No named person has a stated country, so nothing can be said of their countries' plans."),
])
def test_home_plans_sentence(statuses, expected):
    assert countries.home_plans_sentence(pd.Series(statuses, dtype=object), PHRASES) == expected


def test_map_note_speaks_of_an_exception_only_when_there_is_one():
    shown = "The map shows the 31 countries for which a source dates a plan, or from which a named participant came"
    assert countries.map_note(31, []) == shown + "."
    assert countries.map_note(31, ["Malta"]) == shown + ", except Malta, which is too small to draw at the map's scale."
    assert countries.map_note(31, ["Andorra", "Malta"]).endswith("except Andorra and Malta, which are too small to draw at the map's scale.")
    assert "none" not in countries.map_note(31, []) and "1 countries" not in countries.map_note(1, [])


def test_membership_sentence_for_one_floor_and_two():
    two = countries.membership_sentence(41, 48, "ICRtoP's “over 47”", 192)
    assert two == ("Read literally, every source implies at least 41 countries, or at least 21 per cent of the membership; "
                   "the highest floor any source implies, 48 (from ICRtoP's “over 47”), would make it 25 per cent. Both are "
                   "lower limits, and a participant's country need not be a UN member, so the share compares scales; it is "
                   "not a strict proportion.")
    one = countries.membership_sentence(45, 45, "unused", 192)
    assert one.count("45") == 1 and "That is a lower limit, and" in one and "Both" not in one and "%" not in one


@pytest.mark.parametrize(("n", "expected"), [
    (0, "no woman had been chief mediator in talks the UN brokered"),
    (1, "only one woman had been chief mediator in talks the UN brokered"),
    (3, "only 3 women had been chief mediators in talks the UN brokered"),
])
def test_mediators_clause_is_a_count_not_a_bound(n, expected):
    assert countries.mediators_clause(n) == expected


def test_small_phrases():
    assert countries.qualified_percent("exact", 3.0) == "3 per cent"
    assert countries.qualified_percent("less than", 3.0) == "less than 3 per cent"
    assert countries.qualified_percent("fewer than", 7.5) == "fewer than 7.5 per cent"
    assert countries.placed_limit(0) == "no named person has a stated country"
    assert countries.placed_limit(1) == "only one named person has a stated country"
    assert countries.placed_limit(6) == "only six named people have a stated country"
    assert countries.placed_limit(12) == "only 12 named people have a stated country"
    assert countries.source_gave("PeaceWomen (WILPF)", "2011-03") == "PeaceWomen gave in March 2011"
    assert countries.source_gave("Operation 1325", float("nan")) == "Operation 1325 gives (its date is not known)"
    assert [countries.prose_name(c) for c in ("GBR", "PHL", "COD", "KEN", "NLD")] == [
        "the United Kingdom", "the Philippines", "the Democratic Republic of the Congo", "Kenya", "the Netherlands"]
    assert countries.count_noun(1, "country", "countries") == "1 country"
    assert countries.count_noun(0, "country", "countries", words=True) == "no countries"
    assert countries.count_noun(12, "region", words=True) == "12 regions"
    assert countries.join_words([]) == "" and countries.join_words(["a", "b", "c"]) == "a, b and c"


# --- Figures as a reader sees them ----------------------------------------------------------

def smallest_text_shown(fig) -> float:
    """The smallest font, in points, at the size the page shows the figure (scaled to the column)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width_px = fig.get_tightbbox(renderer).width * fig.dpi
    scale = min(1.0, COLUMN_PX / width_px)
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) * scale


@pytest.fixture(scope="module")
def plan_data():
    data = load_package(tables=["national_action_plans", "milestones", "people"])
    cutoff = data["milestones"].set_index("milestone_id").loc["conference", "start"]
    status = naps.status_by_country(data["national_action_plans"], cutoff)
    return data, cutoff, status


def test_nap_figure_text_is_readable(plan_data):
    data, cutoff, _ = plan_data
    style.apply_style()
    fig = naps.plot_cumulative(naps.cumulative_by_year(data["national_action_plans"], cutoff), "29 September 2010")
    assert smallest_text_shown(fig) >= MIN_PT


def test_world_map_legend_clear_of_the_map_and_text_readable(plan_data):
    data, _, status = plan_data
    style.apply_style()
    category = status.map({naps.BEFORE: "plan by the cut-off", naps.UNDECIDED: "plan date undecided",
                           naps.AFTER: "plan after the cut-off"})
    homes = set(data["people"]["country_code"].dropna())
    fig = countries.plot_world(load_boundaries(), category, homes)
    assert smallest_text_shown(fig) >= MIN_PT
    renderer = fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert len(legends) == 1
    legend_box = legends[0].get_window_extent(renderer)
    maps = [ax for ax in fig.axes if ax.collections]
    assert len(maps) == 2, "a world map and an enlarged panel for Europe"
    for ax in maps:
        assert not legend_box.overlaps(ax.get_window_extent(renderer)), "the legend covers a map"
    # Colour is not the only cue between the two blues: plans after the cut-off are hatched.
    assert countries.MAP_HATCH.get("plan after the cut-off")
    assert countries.PARTICIPANT_EDGE == style.PALETTE["black"]


# --- The built page -------------------------------------------------------------------------

def rows(table: str) -> list[dict]:
    with open(ROOT / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def reader_view(book_html: Path) -> BeautifulSoup:
    """The page's main text as a reader reads it: without the folded data tables (for
    researchers) and the chapter-end list of sources."""
    soup = BeautifulSoup((book_html / "chapters" / "countries.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article.bd-article") or soup.select_one("main")
    for fold in main.select("details.figure-data, ul.source-list"):
        fold.decompose()
    return main


def words(node) -> str:
    return " ".join(node.get_text(" ").split()).replace("\u2019", "'")


def test_no_internal_ids_or_file_names_reach_the_reader(book_html):
    main = reader_view(book_html)
    text = words(main)
    ids = {r["source_id"] for r in rows("sources")} | {r["stat_id"] for r in rows("statistics")} | {
        r["claim_id"] for r in rows("national_action_plans")}
    shown = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text) and "-" in i)
    assert not shown, f"ids in the reader's text: {shown}"
    for machinery in ("data/", ".csv", "country_converter", "(source:", "1:110m", "_id"):
        assert machinery not in text, machinery
    headers = {words(th) for th in main.select("table th")}
    assert not headers & {"Source", "Confidence", "Locator"}, headers
    assert not re.search(r"(?<![\d.])\d+\.0(?![\d.])", text), "a whole number printed as a float"


def test_sentences_read_for_the_data(book_html):
    text = words(reader_view(book_html))
    # Template leftovers: an exception that does not exist, a zero written as a bound.
    for broken in (": none", "was 0", "1 countries", "1 people", "The 0 ", "for ;"):
        assert not re.search(rf"(?<![\w.]){re.escape(broken)}", text), broken
    # Five counts include the outlier: the sentence counts it once.
    stats = [r for r in rows("statistics") if r["topic"] == "NAP count" and r["as_of"].startswith("2010")]
    outliers = [r for r in stats if r["confidence"] == "low"]
    assert f"hold {countries.number_word(len(stats))} counts published in 2010" in text
    if len(outliers) == 1 and len(stats) > 2:
        assert f"{countries.number_word(len(stats) - 1).capitalize()} run from" in text and "plus one outlier" not in text
    # Only one blog credits UNIFEM; the keynote is not said to draw on the study.
    assert "drew on a UNIFEM study" not in text and "The UNIFEM figures quoted at the conference" not in text
    assert "The WITNESS post credits the counting to UNIFEM" in text
    # The plans the panel meant are told apart from the plans counted here.
    assert "national action plan for human rights" in text and "counts only plans on resolution 1325" in text


def test_the_named_people_table_lives_on_the_participants_page(book_html):
    main = reader_view(book_html)
    for table in main.select("table"):
        assert "Name" not in {words(th) for th in table.select("th")}, "the named-people table belongs to Participant statistics"
    links = [a.get("href", "") for a in main.select("a")]
    assert any(href.startswith("participants.html") for href in links)


def test_captions_describe_what_is_drawn(book_html):
    main = BeautifulSoup((book_html / "chapters" / "countries.html").read_text(encoding="utf-8"), "html.parser")
    captions = {fig.get("id"): words(fig.select_one("figcaption")) for fig in main.select("figure")}
    assert "red" not in captions["fig-world-map"] and "black outline" in captions["fig-world-map"]
    assert "hatched orange" in captions["fig-nap-cumulative"] and "band" not in captions["fig-nap-cumulative"]
    assert "Hatched bars are" not in captions["fig-peace-processes"]
    for name in ("fig-nap-cumulative", "fig-world-map"):
        image = main.select_one(f"figure#{name} img")
        svg = (book_html / "chapters" / image["src"]).read_text(encoding="utf-8")
        assert "<pattern" in svg, f"{name}: the caption speaks of hatching that the figure does not draw"


def test_glued_percentages_read_as_words(book_html):
    text = words(reader_view(book_html))
    members = next(int(float(r["value"])) for r in rows("statistics") if r["stat_id"] == "un-members-2010")
    claims = [r for r in rows("attendance_claims") if r["quantity"] == "countries"]
    step = {"exact": 0, "at least": 0, "more than": 1, "over": 1}
    floor = min(int(r["value"]) + step[r["qualifier"]] for r in claims)
    assert f"at least {round(100 * floor / members)} per cent of the membership" in text
    assert not re.search(r"\d%", text.split("Sources")[0].replace("Fig.", "")), "prose writes per cent, not %"

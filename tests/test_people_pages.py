"""The conference, participant and attendance-annex pages: the attendance figure names its
sources, never their ids; the data behind them keeps the selection the text describes, and
the built pages say what the data and the sources say (who ran the panel, how many came, who
is named)."""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from sourcedata import bounds, load_package  # noqa: E402
from sourcedata import participants as figures  # noqa: E402
from sourcedata.sources import source_name  # noqa: E402
from sourcedata.text import partial_date  # noqa: E402
from tests.helpers import NUMBER_WORDS, reader_text, rows, soup_of  # noqa: E402


def stated(row: dict) -> str:
    return row["value"] if row["qualifier"] == "exact" else f"{row['qualifier']} {row['value']}"


# --- the data the pages read --------------------------------------------------------------


def test_every_source_the_pages_show_has_a_readable_name():
    sources = {r["source_id"]: r for r in rows("sources")}
    shown = {r["source_id"] for r in rows("attendance_claims")} | {r["source_id"] for r in rows("people")}
    for source_id in shown:
        name = source_name(source_id, sources[source_id]["author"])
        assert source_id not in name and not re.fullmatch(r"[a-z0-9-]+", name), name


def test_the_panels_staff_carry_their_roles_with_a_source():
    people = {r["person_id"]: r for r in rows("people")}
    kinds = {r["source_id"]: r["kind"] for r in rows("sources")}
    for person, role in (("mpoumou", "director"), ("arnaud", "outreach officer")):
        row = people[person]
        assert row["affiliation"].startswith(role) and "Responsibility to Protect" in row["affiliation"], person
        # a role resting on a secondary source alone is graded medium, not high
        if kinds[row["affiliation_source_id"]] != "primary":
            assert row["confidence"] != "high", person


# --- the figure ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def claims_figure():
    data = load_package(tables=["attendance_claims", "sources"])
    claims = bounds.claim_intervals(data["attendance_claims"]).merge(data["sources"], on="source_id")
    claims["name"] = claims["source_id"].map(source_name)
    claims["date"] = [partial_date(p[:7] if isinstance(p, str) else p) for p in claims["published"]]
    yield figures.plot_claims(claims[claims["quantity"].isin(["participants", "countries"])]), set(data["sources"]["source_id"])
    plt.close("all")


def test_the_attendance_figure_names_no_source_by_its_id(claims_figure):
    # (The text's size as shown is test_figures' test_figure_text_is_legible_at_the_width_it_is_shown.)
    fig, source_ids = claims_figure
    fig.canvas.draw()
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    for text in texts:
        assert not any(source_id in text for source_id in source_ids), f"an id in {text!r}"


# --- the built pages ----------------------------------------------------------------------


def test_the_panels_staff_are_named_with_their_roles_at_first_mention(book_html):
    text = reader_text(book_html, "chapters/conference")
    assert "facilitated by Doris Mpoumou" in text and "ICRtoP's director since February 2010" in text and "Jansen 2010" in text
    assert "Marion Arnaud, ICRtoP's outreach officer" in text
    assert text.count("Sarah Teitt") == 1 and text.count("Monica McWilliams") == 1
    assert "Sarah Teitt, of the Asia Pacific Centre for the Responsibility to Protect" in text


def test_the_keynote_is_cited_with_its_year_and_its_speaker_placed(book_html):
    # The keynote was delivered on 29 September 2010 (the published lecture says so), so its
    # citation must not read "n.d."; the sentence says why the speaker mattered.
    text = reader_text(book_html, "chapters/conference")
    assert "McWilliams 2010" in text
    assert "Northern Ireland Women's Coalition" in text and "Good Friday Agreement" in text


def test_the_co_conveners_are_counted_and_named_by_their_acronyms(book_html):
    text = reader_text(book_html, "chapters/conference")
    conveners = [r for r in rows("organisations") if r["role"] == "co-convener"]
    assert "The institute convened the conference" in text
    assert f"{NUMBER_WORDS[len(conveners)].capitalize()} organisations signed the joint statement" in text
    for row in conveners:
        assert row["acronym"] in text


def test_the_conference_page_gives_the_organisers_figures_and_the_forecast_as_one(book_html):
    text = reader_text(book_html, "chapters/conference")
    own = {r["quantity"]: r for r in rows("attendance_claims") if r["source_id"] == "compass-fall-2010"}
    assert f"{stated(own['participants'])} participants from {stated(own['countries'])} countries" in text
    # the full set of figures lives in the annex; the conference page links it
    soup = soup_of(book_html / "chapters" / "conference.html")
    assert soup.select_one('main a[href*="annex_attendance"]') is not None
    assert text.count("Thirty participants took part in the discussion") == 1


def test_tables_live_on_one_page_each(book_html):
    def headers(name):
        soup = soup_of(book_html / "chapters" / f"{name}.html")
        return [[th.get_text(strip=True) for th in table.select("thead th")] for table in soup.select("main table")
                if not table.find_parent("details")]

    assert headers("conference") == [], "the conference page repeats tables"
    participants, annex = headers("participants"), headers("annex_attendance")
    assert any("Name" in t for t in participants) and not any("Who the source counts" in t for t in participants)
    # the annex shows its figures once: the figure, with its data folded beneath it
    assert annex == [], "the annex repeats its figures in a second table"
    soup = soup_of(book_html / "chapters" / "annex_attendance.html")
    folded = [th.get_text(strip=True) for th in soup.select("main details.figure-data thead th")]
    assert "Who the source counts" in folded and "Lowest value allowed" in folded
    for table in participants + [folded]:
        assert not {"Confidence", "Locator", "claim_id", "source_id"} & set(table), table


def test_the_named_people_table_has_a_row_for_each_named_person(book_html):
    people = rows("people")
    soup = soup_of(book_html / "chapters" / "participants.html")
    section = soup.select_one("section#named-people, #named-people")
    assert section is not None, "the named-people table has lost its anchor"
    table = section.find_next("table")
    assert len(table.select("tbody tr")) == len(people)
    text = reader_text(book_html, "chapters/participants")
    assert f"It names {len(people)}, chosen by one rule" in text
    with_country = sum(bool(r["country_code"]) for r in people)
    assert f"A source gives a country for {NUMBER_WORDS[with_country]} of the {len(people)}" in text


def test_the_annex_counts_from_the_accounts_written_at_or_after_the_conference(book_html):
    text = reader_text(book_html, "chapters/annex_attendance")
    timing = {r["source_id"]: r["timing"] for r in rows("sources")}
    later = [r for r in rows("attendance_claims") if r["quantity"] == "participants" and timing[r["source_id"]] != "before"]
    least = min(int(r["value"]) for r in later)  # bare or "more than": the plainest reading's floor
    assert f"All {NUMBER_WORDS[len(later)]} accounts of attendance written during or after the conference" in text
    assert f"at least {least} people, on the plainest reading" in text
    assert "A forecast is not a count" in text

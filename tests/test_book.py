"""The built book: every chapter present, figures captioned and described, numbers true to the data."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.helpers import rows, soup_of
from tools.book import ROOT

CHAPTERS = sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "chapters").glob("*.md"))


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


def page(book_html: Path, name: str) -> BeautifulSoup:
    return soup_of(book_html / f"{name}.html")


def text_of(book_html: Path, name: str) -> str:
    words = page(book_html, name).select_one("main").get_text(" ").split()
    return " ".join(words).replace("\u2019", "'")  # undo Sphinx's smart apostrophes


def test_every_chapter_file_is_in_the_table_of_contents():
    assert sorted(toc_files()) == CHAPTERS



@pytest.mark.parametrize("name", CHAPTERS)
def test_figures_have_caption_label_and_descriptive_alt_text(book_html, name):
    for figure in page(book_html, name).select("figure"):
        assert figure.get("id", "").startswith("fig-"), f"{name}: a figure has no fig- label"
        caption = figure.select_one("figcaption")
        assert caption and len(caption.get_text(strip=True)) > 30, f"{name}: figure {figure.get('id')} has no caption"
        for image in figure.select("img"):
            alt = image.get("alt", "")
            assert len(alt.split()) >= 15, f"{name}: figure {figure.get('id')} alt text is not a description: {alt!r}"


@pytest.mark.parametrize("name", ["intro", *CHAPTERS])
def test_no_code_or_error_output_reaches_the_reader(book_html, name):
    soup = page(book_html, name)
    assert not soup.select(".cell_input"), f"{name}: a code cell's source is shown"
    assert not soup.select(".output.error, .output.traceback, .output.stderr"), f"{name}: error output in the page"



# The numbers below are recomputed here from the CSV files with the standard library, then
# looked for in the rendered text: if a chapter's glue and the data part ways, these fail.


# The conference and participant pages spell out counts up to ten.
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def test_conference_numbers_match_the_data(book_html):
    milestones = {r["milestone_id"]: r for r in rows("milestones")}
    start = dt.date.fromisoformat(milestones["conference"]["start"])
    end = dt.date.fromisoformat(milestones["conference"]["end"])
    conveners = [r for r in rows("organisations") if r["role"] == "co-convener"]
    panels = [r for r in rows("sessions") if r["kind"] == "public panel"]
    text = text_of(book_html, "chapters/conference")
    assert f"from {start.day} {start:%B} to {end.day} {end:%B %Y}" in text
    assert f"{NUMBER_WORDS.get(len(conveners)).capitalize()} organisations signed the joint statement" in text
    assert f"lists {NUMBER_WORDS.get(len(panels))} panel discussions" in text


def test_attendance_and_named_people_match_the_data(book_html):
    timing = {r["source_id"]: r["timing"] for r in rows("sources")}
    later = [r for r in rows("attendance_claims") if r["quantity"] == "participants" and timing[r["source_id"]] != "before"]
    text = text_of(book_html, "chapters/annex_attendance")
    assert f"at least {min(int(r['value']) for r in later)} people" in text
    assert f"It names {len(rows('people'))}, chosen by one rule" in text_of(book_html, "chapters/participants")


def test_resolution_count_matches_the_data(book_html):
    primary = {r["source_id"] for r in rows("sources") if r["kind"] == "primary"}
    resolutions = {r["resolution"] for r in rows("wps_resolutions") if r["source_id"] in primary}
    assert f"of the {NUMBER_WORDS.get(len(resolutions), len(resolutions))} wps resolutions" \
        in text_of(book_html, "chapters/rtop_wps_link").lower()


def test_country_numbers_match_the_data(book_html):
    members = next(int(float(r["value"])) for r in rows("statistics") if r["stat_id"] == "un-members-2010")
    text = text_of(book_html, "chapters/countries")
    assert f"The United Nations had {members} member states in 2010" in text
    countries = re.search(r"between (\d+) and (\d+) countries had a plan", text)
    exact = re.search(r"the count is exact: (\d+) countries had a plan", text)
    assert countries or exact, "the NAP range sentence is missing"
    fewest, most = map(int, countries.groups()) if countries else (int(exact.group(1)),) * 2
    dated = {r["country_code"] for r in rows("national_action_plans") if r["latest"] <= "2010-09-29" and r["event"] != "document dated"}
    assert fewest <= len(dated) <= most

"""The built book: every chapter present, figures captioned and described, no machinery where a
reader looks, numbers true to the data."""
from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest

from sourcedata.load import tabular_resources
from tests.helpers import NUMBER_WORDS, reader_text, reader_view, rows, soup_of, toc_pages, words
from tools.book import ROOT

CHAPTERS = sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "chapters").glob("*.md"))


def test_every_chapter_file_is_in_the_table_of_contents():
    assert sorted(toc_pages()) == sorted(["intro", *CHAPTERS])



@pytest.mark.parametrize("name", CHAPTERS)
def test_figures_have_caption_label_and_descriptive_alt_text(book_html, name):
    for figure in soup_of(book_html / f"{name}.html").select("figure"):
        assert figure.get("id", "").startswith("fig-"), f"{name}: a figure has no fig- label"
        caption = figure.select_one("figcaption")
        assert caption and len(caption.get_text(strip=True)) > 30, f"{name}: figure {figure.get('id')} has no caption"
        for image in figure.select("img"):
            alt = image.get("alt", "")
            assert len(alt.split()) >= 15, f"{name}: figure {figure.get('id')} alt text is not a description: {alt!r}"


@pytest.mark.parametrize("name", ["intro", *CHAPTERS])
def test_no_code_or_error_output_reaches_the_reader(book_html, name):
    soup = soup_of(book_html / f"{name}.html")
    assert not soup.select(".cell_input"), f"{name}: a code cell's source is shown"
    assert not soup.select(".output.error, .output.traceback, .output.stderr"), f"{name}: error output in the page"


@cache
def data_ids() -> set[str]:
    """Every id and code of the data: each *_id and code column that datapackage.json lists.
    Ids with no hyphen or underscore (a surname, say) read as words, so they are left out."""
    ids = set()
    for table, resource in tabular_resources().items():
        columns = [field["name"] for field in resource["schema"]["fields"]
                   if field["name"].endswith("_id") or field["name"] == "code"]
        ids |= {row[column] for row in rows(table) for column in columns}
    return {i for i in ids if "-" in i or "_" in i}


@cache
def field_names() -> set[str]:
    """The data's field names that cannot be plain words (those with an underscore)."""
    return {field["name"] for resource in tabular_resources().values()
            for field in resource["schema"]["fields"] if "_" in field["name"]}


# A doubled article, or a whole number printed as a float (not the licence's "Attribution 4.0").
SEAMS = r"\bThe The\b|(?<![\d.])(?<!Attribution )\d+\.0(?![\d.])"
# File, module and library names, the map's Natural Earth scale and UN area codes, and a
# "(source: …)" left by a template: machinery that only the pages for researchers name.
MACHINERY = r"\b\w+\.(?:csv|py|json)\b|\bdata/|\bsourcedata\b|\bcountry_converter\b|1:110m|\bM49\b|\(source:|_id\b"
FOR_RESEARCHERS = {"chapters/data", "chapters/reproducibility"}

# Bans of some pages only, as (where, pattern); where None is the whole text. The participants
# table keeps its Source column; the methods page's tables use %, but the countries page's
# prose says per cent.
DATA_COLUMNS = ("table th", r"(?i)^(source|confidence|locator|where in the report)$")
PAGE_BANS = {
    "chapters/rtop_background": [DATA_COLUMNS],
    "chapters/rtop_wps_link": [DATA_COLUMNS],
    "chapters/recommendations": [DATA_COLUMNS],
    "chapters/countries": [DATA_COLUMNS, (None, r"\d%")],
}


@pytest.mark.parametrize("name", toc_pages())
def test_no_ids_file_names_or_template_seams_reach_the_reader(book_html, name):
    assert data_ids() and field_names(), "test setup: no ids or field names read from datapackage.json"
    assert set(PAGE_BANS) | FOR_RESEARCHERS <= set(toc_pages()), "test setup: a page named below is not in _toc.yml"
    main = reader_view(book_html / f"{name}.html")
    text = words(main)
    shown = sorted(data_ids() & set(re.findall(r"[\w-]+", text)))
    assert not shown, f"{name}: ids in the reader's text: {shown}"
    seam = re.search(SEAMS, text)
    assert not seam, f"{name}: a template seam: {seam[0]!r}"
    if name not in FOR_RESEARCHERS:
        machinery = [m[0] for m in re.finditer(MACHINERY, text)] + sorted(field_names() & set(re.findall(r"\w+", text)))
        assert not machinery, f"{name}: machinery in the reader's text: {machinery}"
    for where, pattern in PAGE_BANS.get(name, []):
        for node in [main] if where is None else main.select(where):
            assert not re.search(pattern, words(node)), f"{name}: {pattern!r} in {words(node)[:200]!r}"



# The numbers below are recomputed here from the CSV files with the standard library, then
# looked for in the rendered text: if a chapter's glue and the data part ways, these fail.


def test_conference_numbers_match_the_data(book_html):
    milestones = {r["milestone_id"]: r for r in rows("milestones")}
    start = dt.date.fromisoformat(milestones["conference"]["start"])
    end = dt.date.fromisoformat(milestones["conference"]["end"])
    panels = [r for r in rows("sessions") if r["kind"] == "public panel"]
    text = reader_text(book_html, "chapters/conference")
    assert f"from {start.day} {start:%B} to {end.day} {end:%B %Y}" in text
    assert f"lists {NUMBER_WORDS.get(len(panels))} panel discussions" in text


def test_resolution_count_matches_the_data(book_html):
    primary = {r["source_id"] for r in rows("sources") if r["kind"] == "primary"}
    resolutions = {r["resolution"] for r in rows("wps_resolutions") if r["source_id"] in primary}
    assert f"of the {NUMBER_WORDS.get(len(resolutions), len(resolutions))} wps resolutions" \
        in reader_text(book_html, "chapters/rtop_wps_link").lower()


def test_country_numbers_match_the_data(book_html):
    members = next(int(float(r["value"])) for r in rows("statistics") if r["stat_id"] == "un-members-2010")
    text = reader_text(book_html, "chapters/countries")
    assert f"The United Nations had {members} member states in 2010" in text
    countries = re.search(r"between (\d+) and (\d+) countries had a plan", text)
    exact = re.search(r"the count is exact: (\d+) countries had a plan", text)
    assert countries or exact, "the NAP range sentence is missing"
    fewest, most = map(int, countries.groups()) if countries else (int(exact.group(1)),) * 2
    dated = {r["country_code"] for r in rows("national_action_plans") if r["latest"] <= "2010-09-29" and r["event"] != "document dated"}
    assert fewest <= len(dated) <= most

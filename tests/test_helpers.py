"""The small helpers chapters rely on (formatting, countries, sources, glue values, tables)
and the build's dependency tracking."""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest
from markdown_it import MarkdownIt

from bookbuild import dependencies
from sourcedata import countries, sources, text
from sourcedata.style import plain
from sourcedata.tables import data_link, html_table
from tools.book import ROOT


def test_country_names_and_missing_codes():
    assert countries.country_name("CIV") == "Côte d'Ivoire"
    assert countries.country_name(None) == "" and countries.country_name(pd.NA) == ""


def test_long_date_and_join_words():
    assert text.long_date("2010-09-29") == "29 September 2010"
    assert text.long_date(pd.Timestamp("2010-10-01")) == "1 October 2010"
    assert text.join_words(["a"]) == "a"
    assert text.join_words(["a", "b"]) == "a and b"
    assert text.join_words([1, 2, 3]) == "1, 2 and 3"


@pytest.mark.parametrize(("value", "words", "short"), [
    ("2012", "2012", "2012"), ("2016-02", "February 2016", "Feb 2016"),
    ("2014-12-08", "8 December 2014", "8 Dec 2014"), (None, "", ""), (pd.NA, "", ""), ("", "", ""),
])
def test_a_date_is_written_at_the_precision_its_source_gives(value, words, short):
    assert text.partial_date(value) == words
    assert text.partial_date(value, short=True) == short


@pytest.mark.parametrize(("precision", "words"), [("year", "2008"), ("month", "February 2008"), ("day", "1 February 2008")])
def test_a_day_is_written_at_the_precision_given(precision, words):
    assert text.at_precision(pd.Timestamp("2008-02-01"), precision) == words


@pytest.mark.parametrize(("start", "end", "words"), [
    ("2005-09-16", "2005-09-16", "16 September 2005"),
    ("2005-09-14", "2005-09-16", "14 to 16 September 2005"),
    ("2010-09-28", "2010-10-02", "28 September to 2 October 2010"),
    ("2005-12-30", "2006-01-02", "30 December 2005 to 2 January 2006"),
])
def test_date_ranges_read_across_months_and_years(start, end, words):
    assert text.date_range(start, end) == words


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        text.date_range("2005-09-16", "2005-09-14")


@pytest.mark.parametrize(("qualifier", "value", "words"), [
    ("exact", 175, "175"), ("exact", 48.0, "48"), ("more than", 175, "more than 175"), ("less than", 2.5, "less than 2.5"),
])
def test_a_figure_is_stated_in_its_sources_words(qualifier, value, words):
    assert text.stated(qualifier, value) == words


@pytest.mark.parametrize(("code", "words"), [
    ("USA", "the United States"), ("NLD", "the Netherlands"), ("CAF", "the Central African Republic"),
    ("GMB", "the Gambia"), ("SYC", "the Seychelles"), ("KEN", "Kenya"), ("RUS", "Russia"), ("CZE", "Czechia"),
])
def test_country_names_take_an_article_where_english_needs_one(code, words):
    assert text.with_article(countries.country_name(code)) == words


@pytest.mark.parametrize("name", ["Russian Federation", "Holy See", "Republic of the Congo", "Democratic Republic of the Congo"])
def test_names_as_the_data_writes_them_take_the_article_too(name):
    assert text.with_article(name) == f"the {name}"


def test_numbers_in_words_and_phrases():
    assert [text.number_word(n) for n in (0, 1, 10, 11)] == ["no", "one", "ten", "11"]
    assert text.percent(0.214) == "21 per cent"
    assert text.capitalise("countries with a plan") == "Countries with a plan"
    assert text.capitalise("UN members") == "UN members"  # unlike str.capitalize, the rest is kept


def test_glued_values_are_plain_python():
    assert type(plain(np.int64(3))) is int and plain(np.int64(3)) == 3
    assert type(plain(np.float64(0.5))) is float
    assert plain("text") == "text"
    with pytest.raises(TypeError):
        plain(True)
    with pytest.raises(TypeError):
        plain([1, 2])


def test_tables_escape_their_content_and_scroll_in_their_own_box():
    output = html_table(pd.DataFrame({"name": ["<b>x</b>"]}), "A caption & more").data
    assert "&lt;b&gt;x&lt;/b&gt;" in output and "<caption>A caption &amp; more</caption>" in output
    assert output.startswith('<div class="table-scroll" tabindex="0" role="region"')


def chapter_dependencies(code: str, folder: str = "chapters") -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in dependencies.dependencies(code, ROOT / folder, ROOT)}


def test_named_tables_bring_the_tables_they_refer_to():
    found = chapter_dependencies('from sourcedata import load_package\ndata = load_package(tables=["session_roles"])')
    assert {"data/session_roles.csv", "data/sessions.csv", "data/people.csv", "data/sources.csv", "data/datapackage.json"} <= found
    assert "data/national_action_plans.csv" not in found


def test_loading_every_table_depends_on_every_table():
    found = chapter_dependencies("from sourcedata import load_package\ndata = load_package()")
    assert {f"data/{p.name}" for p in (ROOT / "data").glob("*.csv")} <= found


def test_imports_are_followed_through_the_package():
    found = chapter_dependencies("from sourcedata.participants import plot_claims")
    assert {"sourcedata/participants.py", "sourcedata/sources.py", "sourcedata/style.py", "sourcedata/__init__.py",
            "requirements.txt"} <= found
    assert "sourcedata/countries.py" not in found


def test_files_named_in_the_code_are_dependencies():
    assert "CITATION.cff" in chapter_dependencies('open("CITATION.cff")', folder=".")
    assert chapter_dependencies("x = 1") == {"requirements.txt"}


def test_missing_values_show_as_empty_cells():
    frame = pd.DataFrame({"affiliation": ["IPJ", None]}).astype("string")
    output = html_table(frame, "caption").data
    assert "NA" not in output and '<td data-label="affiliation"></td>' in output


def test_whole_numbers_print_as_integers_and_cells_name_their_column():
    frame = pd.DataFrame({"Countries": [45.0, 47.5], "Source": ["a", "b"]})
    output = html_table(frame, "caption").data
    assert '<td data-label="Countries">45</td>' in output and ">47.5<" in output and "45.0" not in output
    assert '<th scope="col">Source</th>' in output


@pytest.mark.parametrize("code", [
    'from sourcedata import load_package as load\ndata = load(tables=["codes"])',
    'from sourcedata import load_package\nTABLES = ["codes"]\ndata = load_package(tables=TABLES)',
    'from sourcedata import load_package\ndata = load_package(tables=["codes", name])',
])
def test_code_that_hides_which_tables_it_reads_is_refused(code):
    with pytest.raises(dependencies.DependencyError):
        chapter_dependencies(code)


@pytest.mark.parametrize("timing", sources.timings())
def test_every_timing_of_the_schema_reads_as_a_sentence(timing):
    row = {"source_id": "s", "title": "A report", "symbol": None, "author": "An author", "author_kind": "organisation",
           "published": None, "url": None, "kind": "secondary", "timing": timing}
    listed = sources.cited_sources(pd.DataFrame([row]), {"s"}).data
    expected = "publication date unknown" if timing == "unknown" else f"published {timing} the conference"
    assert listed.endswith(f"Secondary source, {expected}.\n")


def test_a_listed_source_ends_its_title_once_and_an_editorial_one_says_whose_it_is():
    rows = pd.DataFrame([{"source_id": "q", "title": "Does gender matter?", "symbol": None, "author": "A", "author_kind": "organisation",
                          "published": None, "url": None, "kind": "primary", "timing": "after"},
                         {"source_id": "e", "title": "Codebook", "symbol": None, "author": "B", "author_kind": "organisation",
                          "published": None, "url": None, "kind": "editorial", "timing": "after"}])
    listed = sources.cited_sources(rows, {"q", "e"}).data
    assert "Does gender matter? Primary source, published after the conference.\n" in listed
    assert "Codebook. The book's own coding.\n" in listed


def test_a_listed_title_reads_as_written_and_its_source_is_cited_as_in_the_text():
    title = "Report *one* of [two] on A/RES/63/308 & S/2010/604_b, 1325 (2000)\nat `$5`"
    row = {"source_id": "r", "title": title, "symbol": None, "author": "A", "author_kind": "organisation",
           "published": None, "url": None, "kind": "primary", "timing": "after"}
    listed = sources.cited_sources(pd.DataFrame([row]), {"r"}).data
    item = listed.splitlines()[-1]
    assert item.startswith("- {cite:t}`r`. ")
    rendered = MarkdownIt("commonmark").renderInline(item.removeprefix("- {cite:t}`r`. "))  # MyST reads escapes as CommonMark does
    assert rendered == html.escape(" ".join(title.split()), quote=False) + ". Primary source, published after the conference."


def test_a_data_link_is_the_file_s_path_from_the_notebook_s_folder(monkeypatch):
    monkeypatch.chdir(ROOT / "chapters")
    assert data_link("codes.csv", "CSV") == '<a href="../data/codes.csv" download>CSV</a>'
    monkeypatch.chdir(ROOT)
    assert data_link("codes.csv", "CSV") == '<a href="data/codes.csv" download>CSV</a>'


def test_timings_follow_the_schema_order_and_refuse_strangers():
    assert sources.timings()[:3] == ("before", "during", "after")
    frame = pd.DataFrame({"timing": ["after", "unknown", "before", "during"], "n": range(4)})
    assert list(sources.sort_by_timing(frame)["timing"]) == list(sources.timings())
    with pytest.raises(ValueError, match="not a timing"):
        sources.timing_label("later")


def test_citation_labels_tell_apart_one_authors_works_of_one_year():
    frame = pd.DataFrame({"source_id": ["b", "a", "c", "d", "e", "f"], "author": ["USD", "USD", "USD", "UN", "UN", "UN"],
                          "author_kind": "organisation", "published": ["2010-09", "2010", "2011", None, None, "2012"],
                          "title": ["Press", "News", "Later", "Old", "Older", "New"]})
    labels = sources.citation_labels(frame)
    assert labels.to_dict() == {"b": "USD (2010b)", "a": "USD (2010a)", "c": "USD (2011)", "d": "UN (n.d.-a)",
                                "e": "UN (n.d.-b)", "f": "UN (2012)"}


@pytest.mark.parametrize("author, kind, title, cited", [
    ("Hilary Charlesworth", "person", "T", "Charlesworth"),
    ("Sara E. Davies; Sarah Teitt", "person", "T", "Davies and Teitt"),
    ("Sara E. Davies; Sarah Teitt; Zim Nwokora", "person", "T", "Davies et al."),
    ("Caitlin Hamilton; Laura J. Shepherd (LSE blog)", "person", "T", "Hamilton and Shepherd"),
    ("International Coalition for the Responsibility to Protect (archive)", "organisation", "T",
     "International Coalition for the Responsibility to Protect"),
    ("author not seen", "unknown", "The Responsibility to Protect: Integrating Gender", "The Responsibility to Protect"),
    ("author not seen", "unknown", "Tracking implementation of Security Council resolution 1325 (2000)",
     "Tracking implementation of Security Council…"),
])
def test_a_citation_names_people_by_surname_organisations_whole_and_else_the_title(author, kind, title, cited):
    assert sources.cited_author({"author": author, "author_kind": kind, "title": title}) == cited



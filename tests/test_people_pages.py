"""The conference and participant pages: the sentences they build read well for every value
the data can give, their figures are legible at the size a reader sees them, and the built
pages keep the facts the fact-check corrected (who organised what, how many are named, what
the attendance figures say)."""
from __future__ import annotations

import csv
import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from sourcedata import bounds, load_package  # noqa: E402
from sourcedata import participants as words  # noqa: E402
from sourcedata.bounds import Interval  # noqa: E402
from tools.book import ROOT  # noqa: E402

NUMBER = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def rows(table: str) -> list[dict]:
    with open(ROOT / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def claims_frame(spec) -> pd.DataFrame:
    """Claims from (qualifier, value, timing, source name) tuples, with their bounds."""
    frame = pd.DataFrame(spec, columns=["qualifier", "value", "timing", "name"])
    return bounds.claim_intervals(frame)


# --- words -----------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "expected"), [(0, "no sources"), (1, "one source"), (6, "six sources"),
                                             (10, "ten sources"), (11, "11 sources")])
def test_count_words(n, expected):
    assert words.count_words(n, "source") == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2010-09-29", "2010-09-29", "29 September 2010"),
    ("2010-10-01", "2010-10-03", "1 to 3 October 2010"),
    ("2010-09-29", "2010-10-01", "29 September to 1 October 2010"),
    ("2010-12-30", "2011-01-02", "30 December 2010 to 2 January 2011"),
])
def test_date_range_names_the_year_once_where_it_can(start, end, expected):
    assert words.date_range(start, end) == expected


def test_date_range_refuses_a_backwards_range():
    with pytest.raises(ValueError):
        words.date_range("2010-10-01", "2010-09-29")


def test_conference_dates_for_one_and_several_days():
    assert words.conference_dates("2010-09-29", "2010-09-29") == "met on a single day, 29 September 2010"
    assert words.conference_dates("2010-09-29", "2010-10-01") == "ran for three days, from 29 September to 1 October 2010"


def test_names_with_commas_are_kept_apart_by_semicolons():
    names = ["Kroc Institute", "NGO Working Group on Women, Peace and Security", "IANSA"]
    assert words.join_names(names) == "Kroc Institute; NGO Working Group on Women, Peace and Security; and IANSA"
    assert words.join_names(["A, B", "C"]) == "A, B; and C"
    assert words.join_names(["A", "B", "C"]) == "A, B and C"
    assert words.join_names(["A"]) == "A" and words.join_names([]) == ""


def test_conveners_sentence_for_none_one_and_many():
    assert words.conveners_sentence([]) == "No source we could read names co-conveners of the conference"
    one = words.conveners_sentence(["UNIFEM"])
    assert one.startswith("One organisation, UNIFEM, is named as co-convener") and "co-conveners" not in one
    many = words.conveners_sentence(["A", "B, C"])
    assert many.startswith("The conference had two co-conveners, organisations that convened it jointly")
    assert many.endswith(": A; and B, C")


def test_funders_sentence_names_what_each_funder_paid_for():
    with pytest.raises(ValueError):
        words.funders_sentence([])
    one = words.funders_sentence([("Fred J. Hansen Foundation", "Women PeaceMakers Program")])
    assert one == "The only funder the sources name is the Fred J. Hansen Foundation, which funded the Women PeaceMakers Program"
    two = words.funders_sentence([("A", "x"), ("B", "y")])
    assert two == "The only funders the sources name are the A, which funded the x; and the B, which funded the y"


def test_panels_presenters_and_peacemakers_for_none_one_and_many():
    assert words.panels_sentence([]) == "names no panel discussion open to the public"
    assert words.panels_sentence(["justice"]) == "lists one panel discussion open to the public, on justice"
    assert words.panels_sentence(["a", "b", "c"]) == "lists three panel discussions open to the public, on a, b and c"
    assert words.presenters_sentence([]) == "No source we could read names its presenters"
    assert words.presenters_sentence([("A", "", "x")]) == "There was one presentation, by A, on x"
    assert words.presenters_sentence([("A", "", "x"), ("B", "Centre", "y")]) == (
        "There were two presentations: by A, on x; and by B, of the Centre, on y")
    assert words.peacemakers_sentence([], []).startswith("No source we could read names")
    assert " one 2010 Woman PeaceMaker, " in words.peacemakers_sentence(["A"], ["Kenya"])
    assert words.peacemakers_sentence(["A", "B"], ["Kenya", ""]).endswith("two women invited for a residency at the "
                                                                         "institute that autumn, were A (Kenya) and B")


@pytest.mark.parametrize(("published", "short", "expected"), [
    ("2010-09-30", False, "30 September 2010"), ("2010-09", False, "September 2010"), ("2010-09", True, "Sep 2010"),
    ("2010", False, "2010"), (None, False, ""), (pd.NA, False, "")])
def test_publication_date_keeps_the_precision_of_the_source(published, short, expected):
    assert words.publication_date(published, short) == expected


def test_every_source_the_pages_show_has_a_readable_name():
    sources = {r["source_id"]: r for r in rows("sources")}
    shown = {r["source_id"] for r in rows("attendance_claims")} | {r["source_id"] for r in rows("people")}
    for source_id in shown:
        name = words.source_name(source_id, sources[source_id]["author"])
        assert source_id not in name and not re.fullmatch(r"[a-z0-9-]+", name), name


# --- what the figures say together ------------------------------------------------------

BEFORE = ("more than", 165, "before", "Announcement")


def test_figures_summary_for_none_one_agreeing_and_mixed_sources():
    assert words.figures_summary(claims_frame([])).startswith("No source we could read")
    assert words.figures_summary(claims_frame([BEFORE])) == (
        "Before the conference, the Announcement expected more than 165")
    one_later = words.figures_summary(claims_frame([BEFORE, ("exact", 175, "after", "Blog")]))
    assert one_later.endswith("; the one source written during or after it says 175")
    agreeing = words.figures_summary(claims_frame([("over", 175, "during", "A"), ("more than", 175, "after", "B")]))
    assert agreeing == "All two sources written during or after it say more than 175"
    distinct = words.figures_summary(claims_frame([("exact", 45, "during", "A"), ("over", 47, "after", "B")]))
    assert distinct == "The two sources written during or after it give 45 and more than 47"
    mixed = words.figures_summary(claims_frame([("exact", 175, "during", "A"), ("exact", 175, "after", "B"),
                                                ("more than", 175, "after", "C")]))
    assert mixed == "Of the three sources written during or after it, two say 175 and one says more than 175"


def test_conflicts_sentence_counts_pairs_and_reads_well_without_any():
    agree = claims_frame([("at least", 45, "before", "A"), ("exact", 47, "after", "B")])
    assert words.conflicts_sentence(agree, "country") == "All the country figures can be true at once."
    one = claims_frame([("exact", 175, "after", "A"), ("more than", 175, "after", "B")])
    assert words.conflicts_sentence(one, "participant") == (
        "Among the participant figures, read literally, 175 (A) cannot be true together with more than 175 (B): "
        "that makes one pair of figures that cannot both be true.")
    three = claims_frame([("exact", 45, "during", "A"), ("exact", 47, "after", "B"), ("over", 47, "after", "C")])
    sentence = words.conflicts_sentence(three, "country")
    assert "45 (A) cannot be true together with 47 (B) or with more than 47 (C); and 47 (B)" in sentence
    assert sentence.endswith("three pairs of figures that cannot both be true.")


def test_conflicts_sentence_agrees_with_the_pair_count_of_the_bounds_module():
    frame = pd.DataFrame(rows("attendance_claims"))
    frame["value"] = frame["value"].astype(int)
    frame = bounds.claim_intervals(frame).assign(name=lambda f: f["source_id"])
    for quantity in ("participants", "countries"):
        part = frame[frame["quantity"] == quantity]
        pairs = bounds.conflicting_pairs(list(part["claim_id"]), [Interval(lo, hi) for lo, hi in zip(part["low"], part["high"])])
        sentence = words.conflicts_sentence(part, "x")
        expected = f"{NUMBER.get(len(pairs), len(pairs))} {'pair' if len(pairs) == 1 else 'pairs'} of figures"
        assert (expected in sentence) if pairs else sentence.startswith("All the")


@pytest.mark.parametrize(("people", "countries", "start"), [
    (None, None, "No number of participants fits every figure the sources give, and no number of countries"),
    (None, Interval(45, 47), "No number of participants fits"),
    (Interval(176, math.inf), None, "Every participant figure allows 176 or more participants, but no number of countries"),
    (Interval(175, 175), Interval(45, 47), "Every participant figure allows exactly 175 participants, and every country "
                                           "figure allows between 45 and 47 countries."),
])
def test_common_sentence_never_prints_none(people, countries, start):
    sentence = words.common_sentence(people, countries)
    assert sentence.startswith(start) and "none, because" not in sentence


@pytest.mark.parametrize(("own", "quoted", "expected"), [
    (("exact", 47), ("exact", 47), "47 countries, as the newsletter has it"),
    (("over", 47), ("more than", 47), "more than 47 countries, which means the same as the newsletter's over 47"),
    (("at least", 45), ("exact", 47), "47 countries, which allows the newsletter's at least 45"),
    (("exact", 47), ("over", 47), "over 47 countries, which read literally means 48 or more and cannot be true "
                                  "together with the newsletter's 47"),
])
def test_quotation_sentence(own, quoted, expected):
    assert words.quotation_sentence(own, quoted, "countries") == expected


def test_rounding_note_only_where_a_bare_figure_meets_a_more_than():
    assert words.rounding_note(claims_frame([("exact", 175, "after", "A"), ("more than", 175, "after", "B")])).startswith(
        "A bare 175 may be a round figure")
    assert words.rounding_note(claims_frame([("exact", 45, "after", "A"), ("over", 47, "after", "B")])) == ""


def test_share_sentence_without_any_bare_figure_and_with_one_that_nothing_rules_out():
    open_only = claims_frame([("more than", 165, "before", "A"), ("more than", 175, "after", "B")])
    sentence = words.share_sentence(30, open_only)
    assert sentence.startswith("That is at most 18 per cent of the conference if attendance was at the lowest figure")
    assert "at most 17 per cent if more than 175 attended, as one source says" in sentence
    assert sentence.endswith("No figure caps attendance, so the share has no lower limit: it could be smaller.")
    capped = claims_frame([("more than", 165, "before", "A"), ("exact", 175, "after", "B")])
    sentence = words.share_sentence(30, capped)
    assert "about 17 per cent if exactly 175 attended" in sentence and "if more than" not in sentence
    assert sentence.endswith("Only the bare figure of 175 caps attendance, so the share is at least 17 per cent.")
    ruled_out = claims_frame([("exact", 175, "after", "B"), ("over", 175, "after", "C"), ("over", 175, "during", "D")])
    assert words.share_sentence(30, ruled_out).endswith(
        "Only the bare figure of 175 would cap attendance, and two other figures rule it out, so the share has no "
        "agreed lower limit: it could be smaller.")


def test_limits_sentence_for_equal_floors_and_caps():
    assert words.limits_sentence(claims_frame([("at least", 45, "before", "A")])) == (
        "every figure's lower limit is 45, and no figure sets an upper limit")
    assert words.limits_sentence(claims_frame([("at least", 45, "before", "A"), ("exact", 47, "after", "B")])) == (
        "the figures' lower limits run from 45 to 47, and a bare 47 sets the upper limit")


@pytest.mark.parametrize(("total", "stated", "country", "parts"), [
    (0, 0, 0, ["No source we could read names anyone at the conference."]),
    (1, 1, 1, ["name one person in", "For this person a source states", "for this person."]),
    (3, 3, 0, ["name three people", "For each of them", "No source gives a country for any of them."]),
    (3, 0, 3, ["For none of them does a source state", "A source gives a country for each of them."]),
    (18, 11, 6, ["name 18 people", "For 11 of them", "for the other seven,", "a country for six of them."]),
    (12, 11, 1, ["for the other one,", "a country for one of them."]),
])
def test_named_people_sentence(total, stated, country, parts):
    sentence = words.named_people_sentence(total, stated, country)
    for part in parts:
        assert part in sentence, (part, sentence)
    assert "1 people" not in sentence and " 0 " not in sentence


@pytest.mark.parametrize(("total", "stated", "expected"), [
    (0, 0, "no source we could read names anyone who was there"),
    (1, 0, "the sources name one person, with no stated part in the conference"),
    (2, 2, "the sources name two people, each with a stated part in the conference"),
    (2, 0, "the sources name two people, none of them with a stated part in the conference"),
    (18, 11, "the sources name 18 people, 11 of them with a stated part in the conference"),
])
def test_named_people_brief(total, stated, expected):
    assert words.named_people_brief(total, stated) == expected


# --- figures ----------------------------------------------------------------------------

COLUMN_INCHES = 7.0  # the page column at 1280 px is about 672 px, and figures are drawn at 96 px per inch
MIN_POINTS = 9


@pytest.fixture(scope="module")
def drawn():
    data = load_package(tables=["attendance_claims", "sources", "participant_categories", "codes", "statistics"])
    claims = bounds.claim_intervals(data["attendance_claims"]).merge(data["sources"], on="source_id")
    claims["name"] = claims["source_id"].map(words.source_name)
    claims["date"] = [words.publication_date(p, short=True) for p in claims["published"]]
    categories = data["participant_categories"].merge(data["codes"][["code", "label"]], left_on="sector", right_on="code")
    statistics = data["statistics"]
    shares = statistics[(statistics["topic"] == "peace processes") & (statistics["unit"] == "percent")]
    figures = {
        "claims": words.plot_claims(claims[claims["quantity"].isin(["participants", "countries"])]),
        "sectors": words.plot_sectors(categories),
        "bounds": bounds.plot_bounds(shares),
    }
    yield figures, set(data["sources"]["source_id"])
    plt.close("all")


@pytest.mark.parametrize("name", ["claims", "sectors", "bounds"])
def test_figures_fit_the_column_with_text_of_at_least_nine_points(drawn, name):
    figures, source_ids = drawn
    fig = figures[name]
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    assert box.width <= COLUMN_INCHES, f"{name} is {box.width:.2f} in wide: it would be shrunk below its type size"
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    for text in texts:
        assert text.get_fontsize() >= MIN_POINTS, f"{name}: {text.get_text()!r} at {text.get_fontsize()} pt"
        assert not any(source_id in text.get_text() for source_id in source_ids), f"{name}: an id in {text.get_text()!r}"


def test_sector_axis_stops_at_the_longest_bar(drawn):
    ax = drawn[0]["sectors"].axes[0]
    most = max(p.get_width() for p in ax.patches)
    assert max(ax.get_xticks()) == most


def test_upper_bounds_are_hatched_and_bare_figures_are_not(drawn):
    ax = drawn[0]["bounds"].axes[0]
    shares = [r for r in rows("statistics") if r["topic"] == "peace processes" and r["unit"] == "percent"]
    for bar, row in zip(ax.patches, shares):
        assert bool(bar.get_hatch()) == (row["qualifier"] in bounds.UPPER_STRICT), row["stat_id"]
        # An SVG hatch pattern takes the fill's transparency: a see-through fill hides the hatching.
        assert bar.get_facecolor()[3] == 1, row["stat_id"]


# --- the built pages ----------------------------------------------------------------------


def reader_text(book_html, name: str) -> str:
    """The chapter's own text as a reader meets it: without the folded data tables (for
    researchers), the chapter-end source list and the site's furniture around the chapter."""
    soup = BeautifulSoup((book_html / "chapters" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article section") or soup.select_one("main")
    for hidden in main.select("details.figure-data, ul.source-list, .source-list"):
        hidden.decompose()
    return " ".join(main.get_text(" ").split()).replace("\u2019", "'")


@pytest.mark.parametrize("name", ["conference", "participants"])
def test_no_internal_ids_or_machinery_reach_the_reader(book_html, name):
    text = reader_text(book_html, name)
    ids = {r["source_id"] for r in rows("sources")} | {r["claim_id"] for r in rows("attendance_claims")}
    ids |= {r["session_id"] for r in rows("sessions")} | {r["category_id"] for r in rows("participant_categories")}
    found = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text) and "-" in i)
    assert found == [], f"{name}: ids in the reader's text: {found}"
    for machinery in ("sourcedata", ".py", ".csv", "data/", "none, because", "The The "):
        assert machinery not in text, f"{name}: {machinery!r} in the reader's text"
    assert not re.search(r"(?<![\d.])\d+\.0(?![\d.])", text), f"{name}: a whole number printed as a float"


def test_the_keynote_is_cited_with_its_year(book_html):
    # The keynote was delivered on 29 September 2010 (the published lecture says so), so its
    # citation must not read "n.d.": data/sources.csv has to give the lecture its date.
    assert "McWilliams 2010" in reader_text(book_html, "conference")


@pytest.mark.parametrize("name", ["conference", "participants"])
def test_icrtop_takes_part_in_the_panel_and_organises_nothing(book_html, name):
    text = reader_text(book_html, name)
    assert not re.search(r"ICRtoP (held|ran|organised|brought)|panel of its own|by its organisers", text), name
    assert "ICRtoP panel" not in text


def test_the_co_conveners_are_named_once_and_never_denied(book_html):
    text = reader_text(book_html, "conference")
    conveners = [r for r in rows("organisations") if r["role"] == "co-convener"]
    assert f"The conference had {NUMBER.get(len(conveners), len(conveners))} co-conveners" in text
    for row in conveners:
        assert row["name"].replace("\u2019", "'") in text
    assert "names sponsors or co-conveners" not in text and "closed the conference" not in text


def test_conference_page_gives_the_attendance_figures_with_their_qualifiers(book_html):
    text = reader_text(book_html, "conference")
    claims = [r for r in rows("attendance_claims") if r["quantity"] == "participants"]
    before = [r for r in claims if next(s for s in rows("sources") if s["source_id"] == r["source_id"])["timing"] == "before"]
    for row in before:
        assert f"expected {row['qualifier']} {row['value']}" in text
    strict = {r["source_id"] for r in claims if r["qualifier"] in ("more than", "over") and r not in before}
    if len({(r["qualifier"] in ("more than", "over"), r["value"]) for r in claims if r not in before}) > 1:
        assert f"{NUMBER.get(len(strict), len(strict))} say more than" in text
    assert "between 165 and 175" not in text


def test_each_table_once_the_participants_page_owns_the_shared_ones(book_html):
    def headers(name):
        soup = BeautifulSoup((book_html / "chapters" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        return [[th.get_text(strip=True) for th in table.select("thead th")] for table in soup.select("main table")
                if not table.find_parent("details")]

    conference, participants = headers("conference"), headers("participants")
    assert conference == [], f"the conference page repeats tables: {conference}"
    for table in participants:
        assert not {"Confidence", "Locator", "Counts", "Who is counted"} & set(table), table
    assert any("Who the source counts" in t for t in participants) and any("Name" in t for t in participants)


def test_named_people_are_counted_from_the_data(book_html):
    people = rows("people")
    stated = sum(words.has_stated_role(r["role"]) for r in people)
    text = reader_text(book_html, "participants")
    assert f"The sources name {NUMBER.get(len(people), len(people))} people in connection with the conference." in text
    if 0 < stated < len(people):
        assert f"For {NUMBER.get(stated, stated)} of them a source states a part" in text
    soup = BeautifulSoup((book_html / "chapters" / "participants.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.select_one("section#named-people, #named-people")
    assert section is not None, "the named-people table has lost its anchor"
    table = section.find_next("table")
    assert len(table.select("tbody tr")) == len(people)


def test_the_organisers_are_the_newsletter_and_icrtop_only_quotes_them(book_html):
    text = reader_text(book_html, "participants")
    own = {r["quantity"]: r for r in rows("attendance_claims") if r["source_id"] == "compass-fall-2010"}
    def stated(row):
        return row["value"] if row["qualifier"] == "exact" else f"{row['qualifier']} {row['value']}"

    assert (f"in the institute's newsletter: {stated(own['participants'])} participants from "
            f"{stated(own['countries'])} countries") in text
    assert "ICRtoP's report quotes the organisers" in text

"""The bibliography, made from data/sources.csv: one entry a source, each labelled and cited
as a reader cites it (author and date, a letter in date order where one author has two works
in a year; a work without author under its title), titles with their capitals, journal
articles with journal, volume, pages and DOI, UN documents by symbol with their undocs.org
record, the copy read "Read via" its site; and every citation in the text and every
chapter's source list links to its entry."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from bookbuild.bibliography import bibtex_database
from sourcedata.sources import citation_labels, citation_years, cited_author
from tests.helpers import soup_of


@pytest.fixture(scope="module")
def bibliography_page(book_html) -> BeautifulSoup:
    return soup_of(book_html / "chapters" / "bibliography.html")


def reader_label(label: str) -> str:
    """'Davies and Teitt (2012)' as the bibliography labels it: 'Davies and Teitt 2012'."""
    return re.sub(r" \(([^()]*)\)$", r" \1", label)


def test_every_source_is_one_entry_under_its_own_id(sources):
    database = parse_string(bibtex_database(sources), "bibtex")
    assert list(database.entries) == list(sources["source_id"])
    labels = [entry.fields["label"] for entry in database.entries.values()]
    duplicates = {label for label in labels if labels.count(label) > 1}
    assert not duplicates, f"two works would be cited alike: {sorted(duplicates)}"


def test_one_name_with_two_works_in_a_year_gets_letters_in_date_order(sources):
    years = citation_years(sources)
    by_usd = sources[[cited_author(row) == "University of San Diego" for _, row in sources.iterrows()]]
    letters = sorted(years[by_usd["source_id"]].str[4:])
    assert len(letters) >= 2 and letters == [chr(ord("a") + n) for n in range(len(letters))], "the university's 2010 works are not told apart"
    council = sources[[cited_author(row) == "United Nations Security Council" for _, row in sources.iterrows()]]
    dated = council.assign(year=years[council["source_id"]].to_numpy()).sort_values("published")
    for _, group in dated.groupby(dated["published"].str[:4]):
        assert list(group["year"]) == sorted(group["year"]), f"letters not in date order: {list(group['source_id'])}"


def test_entries_read_as_references(sources):
    from pybtex.plugin import register_plugin
    import bookbuild.bibliography as bib
    for kind, style in (("sorting", bib.BookSortingStyle), ("labels", bib.BookLabelStyle)):
        try:
            register_plugin(f"pybtex.style.{kind}", "book", style)
        except Exception:
            pass
    database = parse_string(bibtex_database(sources), "bibtex")
    shown = {e.key: e.text.render(bib.PLAIN_TEXT) for e in bib.BookStyle().format_entries(database.entries.values())}
    assert shown["davies-2015-record"].startswith("Sara E. Davies, Sarah Teitt and Zim Nwokora. 2015. \"Bridging the gap")
    assert "Cooperation and Conflict 50 (2): 228–249. doi:10.1177/0010836714545689." in shown["davies-2015-record"]
    assert "UN Doc. S/RES/1325 (2000). undocs.org. Read via " in shown["s-res-1325-text"]
    untitled = sources[sources["author_kind"] == "unknown"]
    assert len(untitled) > 0
    for row in untitled.itertuples():  # listed under its title, then its date
        assert not shown[row.source_id].startswith(("n.d.", "1", "2")), shown[row.source_id]
        assert shown[row.source_id].lstrip('"').startswith(row.title[:20]), shown[row.source_id]
    for key, text in shown.items():  # no site named twice in a row ("Wps.asean.org. wps.asean.org.")
        words = [w.strip(".").casefold() for w in text.split(". ")]
        assert not any(a and a == b for a, b in zip(words, words[1:])), f"{key}: {text}"


def test_the_bibliography_lists_every_source_by_its_reader_label(bibliography_page, sources):
    labels = citation_labels(sources)
    for row in sources.itertuples():
        entry = bibliography_page.find(id=f"source-{row.source_id}")
        assert entry is not None, f"{row.source_id} has no entry"
        shown = entry.find(class_="label").get_text(" ", strip=True).strip("[] ")
        assert shown == reader_label(labels[row.source_id]), row.source_id
        text = entry.get_text(" ", strip=True)
        if isinstance(row.symbol, str):
            assert f"UN Doc. {row.symbol}" in text, f"{row.source_id}: not cited by its symbol"
        if isinstance(row.doi, str):
            assert entry.find("a", href=f"https://doi.org/{row.doi}") is not None, f"{row.source_id}: no DOI link"
        elif isinstance(row.url, str):
            assert entry.find("a", href=row.url) is not None, f"{row.source_id}: no link to its own record"
        if isinstance(row.read_via, str):
            link = entry.find("a", href=row.read_via)
            assert link is not None and "Read via " + link.get_text() in text, f"{row.source_id}: the copy read must read 'Read via'"


def test_titles_keep_their_capitals(bibliography_page, sources):
    text = bibliography_page.get_text(" ")
    for title in sources["title"]:
        assert re.sub(r"\s+", " ", title) in re.sub(r"\s+", " ", text), f"title changed: {title}"


def cited_keys(link) -> str:
    return link["href"].split("#source-", 1)[1]


def test_every_citation_reads_as_its_entry_and_source_lists_keep_the_bibliography_s_order(book_html, bibliography_page, sources):
    labels = citation_labels(sources)
    bibliography_order = [entry["id"].removeprefix("source-")
                          for entry in bibliography_page.select('[id^="source-"]')]
    checked = 0
    for page in sorted((book_html / "chapters").glob("*.html")):
        soup = soup_of(page)
        for citation in soup.select("span.bibtex-citation"):
            links = citation.select('a[href*="#source-"]')
            text = " ".join(citation.get_text().split())
            if len(links) == 1 and text == labels[cited_keys(links[0])]:
                checked += 1  # in a sentence: Davies and Teitt (2012)
                continue
            for link in links:  # in parentheses, one or more: (Charlesworth 2010; Davies and Teitt 2012)
                assert " ".join(link.get_text().split()) == reader_label(labels[cited_keys(link)]), f"{page.name}: {citation}"
                checked += 1
        lists = soup.select("ul.source-list")
        source = (book_html.parent.parent / "chapters" / page.name).with_suffix(".md")  # the copy's chapter
        ends_with_sources = "cited_sources(" in source.read_text(encoding="utf-8")
        assert len(lists) == ends_with_sources, f"{page.name}: {len(lists)} lists of sources"
        for listed in lists:  # the sources behind the chapter's data, each cited as in a sentence
            keys = []
            for item in listed.select(":scope > li"):
                citation = item.select_one("span.bibtex-citation")
                assert citation and item.get_text().lstrip().startswith(citation.get_text().strip()), f"{page.name}: {item}"
                keys.append(cited_keys(citation.a))
                assert " ".join(citation.get_text().split()) == labels[keys[-1]], f"{page.name}: {item}"
            assert keys and keys == sorted(keys, key=bibliography_order.index), f"{page.name}: not in the bibliography's order: {keys}"
    assert checked > 100, f"only {checked} citations found: the selectors no longer match the pages"

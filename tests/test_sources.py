"""The sources table as the house style asks (fast, no book build): a high grade rests on a
primary source; no encyclopedia mirror is ever a source, and no file-sharing copy is a work's
own record; UN documents link the UN's own record; journal articles carry their reference;
one work is one row."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from sourcedata.load import DATA_DIR

# Encyclopedias and their copies: never a source, not even as the copy read.
MIRRORS = ("liquisearch.com", "absoluteastronomy.com", "wikisum.wiki", "wikipedia.org", "ipfs.io",
           "dweb.link", "wikimili.com", "infogalactic.com", "theinfolist.com", "sourcewatch.org", "askwikinow.com")
# File-sharing sites: at most the copy a primary text was read in (read_via), never its record (url).
FILE_SHARING = ("docslib.org", "studyres.com", "studylib.net", "pdfslide.us", "pdfslide.net", "vdocuments.site",
                "vdocuments.us", "zbook.org", "fdokumen.com", "fdocuments.net", "fdocuments.in", "scribd.com",
                "cryptome.org", "kubatana.net", "lawsdocbox.com", "xlibx.info", "paperzz.com", "yumpu.com")
UN_RECORDS = ("undocs.org", "digitallibrary.un.org")
PRESS = ("press.un.org",)


def on(url, domains) -> bool:
    host = (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    return any(host == d or host.endswith("." + d) for d in domains)


def graded_rows() -> list[tuple[str, int, str, str]]:
    """(table, row, source_id, confidence) for every table that grades its rows by source."""
    rows = []
    for path in sorted(Path(DATA_DIR).glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if {"source_id", "confidence"} <= set(table.columns):
            rows += [(path.stem, i, r.source_id, r.confidence) for i, r in enumerate(table.itertuples())]
    return rows


def test_every_high_grade_rests_on_a_primary_source(sources):
    kind = dict(zip(sources["source_id"], sources["kind"]))
    graded = graded_rows()
    assert len(graded) > 100, "the graded tables were not found"
    wrong = [f"{t} row {i}: {sid}" for t, i, sid, c in graded if c == "high" and kind.get(sid) != "primary"]
    assert not wrong, "high confidence on a source that is not primary (grade it medium or re-source it):\n" + "\n".join(wrong)


def test_no_mirror_is_a_source_and_no_file_sharing_copy_is_a_record(sources):
    mirrors = [r.source_id for r in sources.itertuples() if on(r.url, MIRRORS) or on(r.read_via, MIRRORS)]
    assert not mirrors, f"encyclopedia mirrors cited: {mirrors}"
    copies = [r.source_id for r in sources.itertuples() if on(r.url, FILE_SHARING)]
    assert not copies, f"a file-sharing copy given as the work's own record (move it to read_via): {copies}"


def test_un_documents_link_the_uns_own_record(sources):
    un = sources[sources["symbol"].notna()]
    assert len(un) >= 15
    press = un["symbol"].str.startswith("SC/")
    own = un["url"].map(lambda u: on(u, UN_RECORDS)) | (press & un["url"].map(lambda u: on(u, PRESS)))
    assert own.mean() >= 0.9, f"only {own.mean():.0%} of UN documents link the UN's record: {sorted(un.loc[~own, 'source_id'])}"
    documents = un[~press]
    bad = [r.source_id for r in documents.itertuples()
           if on(r.url, ("undocs.org",)) and r.url != "https://undocs.org/" + r.symbol.split("–")[0].replace(" ", "")]
    assert not bad, f"undocs.org link does not match the symbol: {bad}"
    hyphen = [s for s in un["symbol"] if "-S/" in s]
    assert not hyphen, f"two symbols joined by a hyphen, not an en dash: {hyphen}"


def test_journal_articles_with_a_doi_carry_their_reference(sources):
    articles = sources[sources["doi"].notna()]
    assert len(articles) >= 4
    for r in articles.itertuples():
        assert isinstance(r.container, str), f"{r.source_id}: DOI without journal"
        if r.source_id != "stefan-2021-record":  # Global Studies Quarterly numbers articles, not pages
            assert isinstance(r.volume, str) and isinstance(r.pages, str), f"{r.source_id}: DOI without volume or pages"
        assert r.url == f"https://doi.org/{r.doi}", f"{r.source_id}: an article with a DOI links its DOI"


def test_one_work_one_row(sources):
    urls = sources["url"].dropna()
    assert not urls.duplicated().any(), f"two rows share a url: {sorted(urls[urls.duplicated()])}"
    # the same title by the same author in the same year is one work (two annual reports may share a title)
    pairs = sources.apply(lambda r: (r["title"].casefold(), r["author"].casefold(), str(r["published"])[:4]), axis=1)
    assert not pairs.duplicated().any(), f"two rows share title, author and year: {sorted(pairs[pairs.duplicated()])}"


def test_titles_carry_no_process_notes_and_undated_sources_are_unknown(sources):
    notes = ("catalogue entry", "copy on", "landing page", "authors' copy", "as reposted", "wikipedia",
             "derived spreadsheet", "resource page", "event page")
    noted = [t for t in sources["title"] if any(n in t.casefold() for n in notes)]
    assert not noted, f"process notes in titles: {noted}"
    content_dated = {"stoprapenow-osapg", "icrtop-wps-undated", "icrtop-thematic-resolutions", "pw-node-93228",
                     "voa-2467", "icrtop-blog-protection", "pw-member-states", "cuny-gcr2p-2008"}
    undated = sources[sources["published"].isna() & (sources["timing"] != "unknown")
                      & ~sources["source_id"].isin(content_dated) & (sources["kind"] != "editorial")]
    assert undated.empty, f"undated sources given a timing: {sorted(undated['source_id'])}"

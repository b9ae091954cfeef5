"""Whole builds with `make book`. A clean build, in a copy of the tree without `_build`,
must give the site of the shared build (conftest); then, in that copy, edits to data, code
and style re-run the chapters that show what they changed and spare chapters that never read
the edited files (the data edit along the researcher's path, its chapter first run as a
notebook), an unchanged tree skips Sphinx, a failing cell stops the build with a plain
message, and once every edit is undone the build made step by step is the clean build
again. (Builds that stop before any chapter runs are in test_build_failures.)"""
from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jupyter_cache import get_cache

from tests.helpers import build_book, edited
from tools.book import make_book, make_in, notebooks, rendered_pages, run_as_notebook

STAMP = Path("_build/.book-stamp")


def executions(copy: Path) -> set[tuple[str, str]]:
    """(notebook, hash) of every execution cached so far."""
    cache = get_cache(copy / "_build" / ".jupyter_cache")
    return {(Path(r.uri).relative_to(copy).as_posix(), r.hashkey) for r in cache.list_cache_records()}


def executed_by_build(copy: Path) -> set[str]:
    """Build with `make book`; the notebooks that build executed."""
    before = executions(copy)
    build_book(copy)
    return {uri for uri, _ in executions(copy) - before}


def search_index(path: Path) -> dict:
    """A site's search index, without the words that lead to no page. When Sphinx updates an
    earlier build's index, it removes each rewritten page from the words it used to contain,
    but keeps a word with no page left (IndexBuilder.prune): a build made step by step may
    hold such words."""
    index = json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)", path.read_text(encoding="utf-8"), re.S)[1])
    for kind in ("terms", "titleterms"):
        index[kind] = {word: pages for word, pages in index[kind].items() if pages != []}
    return index


def same_file(clean: Path, other: Path) -> bool:
    if filecmp.cmp(clean, other, shallow=False):
        return True
    return clean.name == "searchindex.js" and search_index(clean) == search_index(other)


def differing_files(clean: Path, other: Path) -> list[str]:
    """The files of a clean build's site that ``other`` lacks or holds with other contents,
    and the pages only ``other`` has (a renamed chapter's old page would still be published).
    Other files an earlier build left are ignored, as no page links to them: an old figure's
    image, or the PDF (which `make pdf` adds, and which has its own byte-identity test)."""
    files = {p.relative_to(clean) for p in clean.rglob("*") if p.is_file()}
    others = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    extra_pages = {p for p in others - files if p.suffix == ".html"}
    return sorted(str(p) for p in (files - others) | extra_pages) + sorted(
        str(p) for p in files & others if not same_file(clean / p, other / p))


@pytest.fixture(scope="module")
def clean_site(second_build, tmp_path_factory) -> Path:
    """The site of the clean build, as it was before any test edited its tree."""
    return Path(shutil.copytree(second_build / "_build/html", tmp_path_factory.mktemp("clean") / "html"))


def test_a_clean_build_runs_every_notebook_once(second_build):
    expected = {p.relative_to(second_build).as_posix() for p in notebooks(second_build)}
    recorded = [uri for uri, _ in executions(second_build)]
    assert sorted(recorded) == sorted(expected)


def test_a_clean_build_gives_the_shared_build_s_site(book_html, clean_site):
    # The shared build is the working tree's (clean in CI, where the checkout has none; after
    # a developer's edits, made step by step): either way a clean build must give its site.
    differing = differing_files(clean_site, book_html)
    assert not differing, (f"files of a clean build that differ from the shared build's: {differing} (if your "
                           "_build was made step by step, run `make clean` and `make test` again: if that fails too, two clean "
                           "builds differ; if it passes, the build made step by step went wrong)")


def test_an_unchanged_tree_skips_sphinx(second_build):
    stamp = (second_build / STAMP).stat().st_mtime_ns
    result = build_book(second_build)
    assert "jupyter-book" not in result.stdout, "make ran the build although no input changed"
    assert (second_build / STAMP).stat().st_mtime_ns == stamp


def make_book_question(root: Path) -> subprocess.CompletedProcess:
    """`make -q book`: exit status 0 when the book is up to date, 1 when it would build."""
    return make_in(root, "book", "-q")


@pytest.mark.parametrize("relative", [
    "intro.md", "chapters/glossary.md", "data/codes.csv", "data/datapackage.json", "sourcedata/text.py",
    "bookbuild/pages.py", "book_citation.py", "_static/book.css", "_extra/favicon.ico", "_config.yml", "_toc.yml",
    "data/sources.csv", "requirements.txt"])
def test_a_changed_input_makes_the_build_run(second_build, relative):
    path = second_build / relative
    times = path.stat()
    later = (second_build / STAMP).stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    try:
        question = make_book_question(second_build)
        assert question.returncode == 1, f"make would not rebuild after {relative} changed"
    finally:
        os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert make_book_question(second_build).returncode == 0


def glued(notebook, name: str) -> str:
    """The value a notebook glued under ``name``, as text."""
    values = [text for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("metadata", {}).get("scrapbook", {}).get("name") == name
              for mime, text in output.get("data", {}).items() if mime.endswith("text/plain")]
    assert len(values) == 1, f"{name} glued {len(values)} times"
    return values[0].strip("'")


UNAFFECTED_BY_LATER_STATISTICS = {"chapters/conference.md", "chapters/participants.md", "chapters/rtop_background.md",
                                  "chapters/recommendations.md"}


def test_edits_to_data_code_and_style_rerun_the_chapters_that_read_them_and_reach_every_page(second_build):
    """The researcher's path (one value changed in the data, the chapter that shows it run as
    a notebook with the book's kernel, then `make book`), in one build with edits to code and
    style: sourcedata/package.py, which only the Data page imports; book_citation.py, which
    only the build's extensions import; the book's stylesheet."""
    chapter = "chapters/after_san_diego.md"
    html = second_build / "_build/html"
    pages = rendered_pages(html)  # not the redirect the build writes once
    written = {page: page.stat().st_mtime_ns for page in pages}
    with edited(second_build / "data/later_statistics.csv", ",more than,45,countries,2019-05,", ",more than,46,countries,2019-05,"), \
            edited(second_build / "sourcedata/package.py", '"""The data package', '"""Edited. The data package'), \
            edited(second_build / "book_citation.py", '"""The book\'s citation', '"""Edited. The book\'s citation'), \
            edited(second_build / "_static/book.css", "/* The book's own styles", "/* Edited. The book's own styles"):
        notebook = run_as_notebook(second_build, chapter)
        imported = notebook.cells.pop().outputs[0].text.strip()
        assert imported == str(second_build / "sourcedata" / "__init__.py"), f"the kernel imported {imported}"
        assert glued(notebook, "focal_countries") == "46", "the re-run notebook does not show the new value"
        executed = executed_by_build(second_build)
        chapters = {path.relative_to(second_build).as_posix() for path in notebooks(second_build)}
        assert UNAFFECTED_BY_LATER_STATISTICS <= chapters, "test setup: a chapter named as spared is not in the book"
        assert {chapter, "chapters/data.md"} <= executed, f"a chapter that shows an edit did not run again: {executed}"
        # Chapters on the conference and the years before it read no statistic of later years,
        # and none of them describes the data package.
        assert not executed & UNAFFECTED_BY_LATER_STATISTICS, f"chapters that never read the edits ran again: {executed}"
        text = " ".join(re.sub(r"<[^>]+>", "", (html / chapter).with_suffix(".html").read_text(encoding="utf-8")).split())
        assert "more than 46 countries" in text, "the rebuilt page does not show the new value"
        assert "Edited. The book's own styles" in (html / "_static/book.css").read_text(encoding="utf-8"), \
            "the site still serves the old stylesheet"
    stale = [page.name for page in pages if page.stat().st_mtime_ns == written[page]]
    assert not stale, f"pages not written again after book_citation.py and the stylesheet changed: {stale}"


def test_a_cell_that_raises_stops_the_build_naming_the_chapter(second_build):
    with edited(second_build / "chapters/rtop_background.md", "style.apply_style()",
                "style.apply_style()\nraise RuntimeError('a deliberate failure')"):
        result = make_book(second_build)
    assert result.returncode != 0
    assert "chapters/rtop_background.md failed to run" in result.stderr
    assert "RuntimeError: a deliberate failure" in result.stderr
    assert "\x1b[" not in result.stderr, "the report carries terminal colour codes"


def test_once_the_edits_are_undone_a_build_step_by_step_gives_the_clean_build(second_build, clean_site):
    # Each test above edited the tree, built it, and undid its edit.
    build_book(second_build)
    differing = differing_files(clean_site, second_build / "_build/html")
    assert not differing, f"files in which a build made step by step differs from a clean build: {differing}"

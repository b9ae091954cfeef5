"""Whole builds in scratch copies of the repository: the cache notices data, builds repeat
to the byte, and every internal link resolves."""
from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from jupyter_cache import get_cache

from conftest import ROOT, build_book
from sourcedata.load import data_digests

IGNORED = shutil.ignore_patterns(".venv", "_build", ".pytest_cache", "__pycache__", "*.egg-info")


def copy_repo(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=IGNORED)
    return target


def build_copy(copy: Path):
    # The copy's own package, not the one installed from the working tree, runs the chapters.
    os.environ["PYTHONPATH"] = str(copy)
    try:
        return build_book(copy)
    finally:
        del os.environ["PYTHONPATH"]


def executions(copy: Path) -> set[tuple[str, str]]:
    """(notebook, hash) of every execution cached so far."""
    cache = get_cache(copy / "_build" / ".jupyter_cache")
    return {(Path(r.uri).relative_to(copy).as_posix(), r.hashkey) for r in cache.list_cache_records()}


def executed_between(before, after) -> set[str]:
    return {uri for uri, _ in after - before}


@pytest.fixture(scope="module")
def cached_copy(tmp_path_factory):
    copy = copy_repo(tmp_path_factory.mktemp("cache") / "book")
    build_copy(copy)
    return copy


def test_first_build_executes_every_notebook(cached_copy):
    notebooks = {p.relative_to(cached_copy).as_posix() for p in [cached_copy / "intro.md", *(cached_copy / "chapters").glob("*.md")]
                 if "```{code-cell}" in p.read_text(encoding="utf-8")}
    assert {uri for uri, _ in executions(cached_copy)} == notebooks


def test_unchanged_build_executes_nothing(cached_copy):
    before = executions(cached_copy)
    build_copy(cached_copy)
    assert executed_between(before, executions(cached_copy)) == set()


def test_data_edit_reruns_exactly_the_chapters_that_use_it(cached_copy):
    sessions = cached_copy / "data" / "sessions.csv"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace(
        "From Peace Talks to Gender Justice", "From Peace Talks to Gender Justice Revisited"), encoding="utf-8")
    before = executions(cached_copy)
    build_copy(cached_copy)
    # sessions.csv is read by the conference chapter, and hashed by the reproducibility page.
    assert executed_between(before, executions(cached_copy)) == {"chapters/conference.md", "chapters/reproducibility.md"}
    html = (cached_copy / "_build/html/chapters/conference.html").read_text(encoding="utf-8")
    assert "From Peace Talks to Gender Justice Revisited" in html


def test_helper_edit_reruns_exactly_the_chapters_that_import_it(cached_copy):
    coding = cached_copy / "sourcedata" / "coding.py"
    coding.write_text(coding.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    before = executions(cached_copy)
    build_copy(cached_copy)
    assert executed_between(before, executions(cached_copy)) == {"chapters/recommendations.md"}


def test_invalid_data_fails_the_build_even_when_every_chapter_is_cached(cached_copy, tmp_path):
    broken = copy_repo(tmp_path / "broken")
    shutil.copytree(cached_copy / "_build", broken / "_build")
    people = broken / "data" / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(",GBR,", ",XXX,"), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=r"people\.csv, row 1 \(line 2\), column 'country_code'"):
        build_copy(broken)


def test_two_clean_builds_are_identical_byte_for_byte(tmp_path):
    first, second = (copy_repo(tmp_path / name) for name in ("first", "second"))
    for copy in (first, second):
        build_copy(copy)
    differing = compare_trees(first / "_build/html", second / "_build/html")
    assert not differing, f"files that differ between two clean builds: {differing}"


def compare_trees(left: Path, right: Path) -> list[str]:
    left_files = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    differing = sorted(str(p) for p in left_files ^ right_files)
    differing += sorted(str(p) for p in left_files & right_files if not filecmp.cmp(left / p, right / p, shallow=False))
    return differing


def test_every_internal_link_and_anchor_resolves(book_html):
    pages = {p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in book_html.rglob("*.html")}
    ids = {p: {tag["id"] for tag in soup.select("[id]")} for p, soup in pages.items()}
    broken = []
    for page, soup in pages.items():
        for tag in soup.select("a[href]"):
            href = tag["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(book_html)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, set()):
                broken.append(f"{page.relative_to(book_html)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_a_cell_that_raises_fails_the_build(tmp_path):
    broken = copy_repo(tmp_path / "raises")
    chapter = broken / "chapters" / "rtop_background.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "style.apply_style()", "style.apply_style()\nraise RuntimeError('a deliberate failure')", 1), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="rtop_background"):
        build_copy(broken)


def test_a_build_never_writes_to_data(book_html, tmp_path):
    copy = copy_repo(tmp_path / "readonly")
    shutil.copytree(book_html.parent, copy / "_build")  # start from the cached build: quick
    before = data_digests(copy / "data")
    build_copy(copy)
    assert data_digests(copy / "data") == before
    assert sorted(p.name for p in (copy / "data").iterdir()) == sorted(before)

"""What several test files share: the data's rows, a made-up table of plans, a built page
and what a reader reads of it, the number words the pages spell, the book's configuration,
pages, citation record and address, the entries of a lock, the commit checked out, a build
that must pass, a file edited for one test, and every kind of bad input to the data
package. (What the benchmarks share with the tests is in tools/book.py.)"""
from __future__ import annotations

import csv
import re
import subprocess
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from tools.book import ROOT, make_book


def rows(table: str) -> list[dict]:
    """The rows of data/<table>.csv, as the file has them (strings)."""
    with open(ROOT / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def soup_of(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def reader_view(page: Path):
    """A page's text as a reader meets it: the article without the tables folded for
    researchers and without the list of sources at its end."""
    soup = soup_of(page)
    main = soup.select_one("main article") or soup.select_one("main")
    for fold in main.select("details.figure-data, details.folded-table, .source-list, section#sources"):
        fold.decompose()
    return main


def words(node) -> str:
    """A node's text in one line, with typographic apostrophes made plain."""
    return " ".join(node.get_text(" ").split()).replace("\u2019", "'")


def reader_text(book_html: Path, name: str) -> str:
    """What a reader reads of a built page (``name`` as _toc.yml gives it), in one line."""
    return words(reader_view(book_html / f"{name}.html"))


def plan_claims(*rows) -> pd.DataFrame:
    """A made-up table of national action plans: rows of (country_code, event, earliest, latest)."""
    return pd.DataFrame(rows, columns=["country_code", "event", "earliest", "latest"]).astype(
        {"earliest": "datetime64[ns]", "latest": "datetime64[ns]"})


# The pages spell out counts up to ten.
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def cff(root: Path = ROOT) -> dict:
    """CITATION.cff, read."""
    return yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))


def toc_pages(root: Path = ROOT) -> list[str]:
    """The book's pages in reading order, as _toc.yml lists them: the root, then each part's chapters."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"], *(chapter["file"] for part in toc["parts"] for chapter in part["chapters"])]
    return [str(Path(file).with_suffix("")) for file in files]


# Pages Sphinx renders from no source of the book's: they show, and are cited as, the whole book.
PAGES_WITHOUT_TEXT = ("search.html", "genindex.html", "404.html")


def book_config() -> dict:
    """_config.yml, read."""
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


@cache  # read for every link a test resolves
def base_url() -> str:
    return book_config()["sphinx"]["config"]["html_baseurl"]


def link_target(book_html: Path, page: Path, href: str) -> Path:
    """The built file a link within the site points to: relative to its page or, as on the
    404 page (served at any address), absolute under the site's path."""
    path = unquote(urlsplit(href).path)
    if not path:
        return page
    site_path = urlsplit(base_url()).path
    if path.startswith(site_path):
        return (book_html / path[len(site_path):]).resolve()
    return (page.parent / path).resolve()


def lock_entries(name: str) -> dict[str, str]:
    """Each requirement of a requirements file (a lock or its .in), by package name (lower
    case, _ as -): its logical line, continuations joined."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):  # options such as -c are not packages
            entries[re.split(r"[=<>!~ ]", line)[0].lower().replace("_", "-")] = line
    return entries


def last_commit(root: Path, field: str) -> str:
    """A field of the commit checked out in ``root``, as git log's --format writes it (%H: its hash)."""
    return subprocess.run(["git", "log", "-1", f"--format={field}"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()


def build_failure(root: Path, result: subprocess.CompletedProcess) -> str:
    return f"make book failed in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"


def build_book(root: Path) -> subprocess.CompletedProcess:
    """`make book` in ``root``; fail the test on any error or warning."""
    result = make_book(root)
    if result.returncode != 0:
        pytest.fail(build_failure(root, result))
    return result


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file with ``new`` (its line endings kept as they are)."""
    text = path.read_bytes().decode("utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


@contextmanager
def edited(path: Path, old: str, new: str):
    """The file with one edit, restored afterwards."""
    original = path.read_bytes()
    replace_once(path, old, new)
    try:
        yield path
    finally:
        path.write_bytes(original)


# ---- Bad inputs, each applied to a copy of data/ ------------------------------------------

def replace(old, new):
    """An edit that replaces the first `old` in a file with `new`."""
    return lambda path: replace_once(path, old, new)


def drop_last_column(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")


def add_notes_column(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",notes"] + [line + "," for line in lines[1:]]) + "\n", encoding="utf-8")


def empty(path):
    path.write_bytes(b"")


def keep_header_only(path):
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def write_one_name_in_latin1(path):
    path.write_bytes(path.read_bytes().replace("Méndez".encode(), "Méndez".encode("latin-1")))


# Damage to a whole file: (file, edit, fragments the message must hold).
FILE_EDITS = {
    "missing file": ("people.csv", Path.unlink, ["file not found", "[rule: file exists]"]),
    "missing column": ("people.csv", drop_last_column, ["column 'confidence'", "missing column", "[rule: header matches schema]"]),
    "extra column": ("sessions.csv", add_notes_column, ["column 'notes'", "unexpected column", "[rule: header matches schema]"]),
    "empty file": ("codes.csv", empty, ["the file is empty", "[rule: non-empty file]"]),
    "header without rows": ("session_roles.csv", keep_header_only, ["no rows", "[rule: non-empty file]"]),
    "not UTF-8": ("people.csv", write_one_name_in_latin1, ["row 6 (line 7)", "is not UTF-8", "[rule: encoding utf-8]"]),
}

# One edit of one cell each: (file, text to replace, replacement, fragments the message must hold).
CELL_EDITS = {
    "wrong type": ("wps_resolutions.csv", "1820,S/RES/1820 (2008),2008-06-19,5916", "1820,S/RES/1820 (2008),2008-06-19,5916th",
                   ["row 2 (line 3)", "column 'meeting'", "'5916th' is not an integer", "[rule: type integer]"]),
    "empty required value": ("attendance_claims.csv", "compass-fall-2010,article by Alicia Simoni,participants",
                             "compass-fall-2010,,participants", ["row 7 (line 8)", "column 'locator'", "[rule: required]"]),
    "duplicate key": ("people.csv", "\nmendoza,", "\nlochodo,",
                      ["row 4 (line 5)", "column 'person_id'", "repeats row 2", "[rule: unique key]"]),
    "dangling source_id": ("milestones.csv", ",globalr2p-iciss,", ",no-such-source,",
                           ["row 2 (line 3)", "column 'source_id'", "'no-such-source'", "[rule: foreign key]"]),
    "unknown country code": ("national_action_plans.csv", "nor,NOR,", "nor,NRW,",
                             ["row 2 (line 3)", "column 'country_code'", "'NRW' does not match", "ISO 3166-1 alpha-3", "[rule: pattern]"]),
    "unknown optional country code": ("people.csv", ",GBR,", ",XXX,",
                                      ["row 1 (line 2)", "column 'country_code'", "'XXX' does not match", "[rule: pattern]"]),
    "malformed date": ("milestones.csv", "2006-04-28,2006-04-28", "2006-04-31,2006-04-28",
                       ["row 5 (line 6)", "column 'start'", "'2006-04-31' is not a date", "[rule: type date]"]),
    "partial date out of pattern": ("sources.csv", ",2010-09-30,https://sites.sandiego.edu", ",30 Sept 2010,https://sites.sandiego.edu",
                                    ["row 5 (line 6)", "column 'published'", "[rule: pattern]"]),
    "value outside enumeration": ("attendance_claims.csv", "participants,over,175", "participants,roughly,175",
                                  ["row 3 (line 4)", "column 'qualifier'", "'roughly' is not one of", "[rule: enum]"]),
    "value below minimum": ("wps_resolutions.csv", "2008-06-19,5916,15,0,0", "2008-06-19,5916,15,-1,0",
                            ["row 2 (line 3)", "column 'votes_against'", "[rule: minimum]"]),
    "wrong number of cells": ("codes.csv", "\nmultilateral,sector,", "\nmultilateral,sector,extra,",
                              ["row 1 (line 2)", "[rule: cell count]"]),
}


# Every kind of bad input, defined once: (file, edit, fragments). test_validation checks our
# loader's message for each; test_standard_package feeds the same cases to frictionless.
BAD_INPUTS = FILE_EDITS | {case: (file, replace(old, new), fragments) for case, (file, old, new, fragments) in CELL_EDITS.items()}


def make_bad_input(data_dir, case):
    """Apply one case of BAD_INPUTS to a copy of data/; returns the file it broke."""
    file, edit, _ = BAD_INPUTS[case]
    edit(data_dir / file)
    return file

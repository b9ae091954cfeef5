"""Builds that must fail, each in a copy of the working tree without a build: they stop
before any chapter runs, with one plain message that says what to fix. (A failing cell
needs an earlier build, so that only its chapter runs: test_builds checks it.)"""
from __future__ import annotations

import re

from sourcedata.load import data_digests
from tests.helpers import edited
from tools.book import make_book


def test_a_chapter_that_hides_its_tables_stops_the_build(unbuilt_copy):
    with edited(unbuilt_copy / "chapters/recommendations.md", 'data = load_package(tables=[',
                'TABLES = ["recommendations"]\ndata = load_package(tables=TABLES + ['):
        result = make_book(unbuilt_copy)
    assert result.returncode != 0
    assert "chapters/recommendations.md: line" in result.stderr and "a literal list of table names" in result.stderr
    assert not list(unbuilt_copy.glob("_build/.jupyter_cache/executed/*")), "chapters ran before the build stopped"


def test_bad_data_stops_the_build_with_one_plain_message(unbuilt_copy):
    data = unbuilt_copy / "data"
    before = data_digests(data)
    # (sources.csv is read by the bibliography too, on reading the configuration)
    with edited(data / "sources.csv", ",primary,before,", ",primary,later,"), \
            edited(data / "people.csv", "\nmendoza,", "\nlochodo,"), \
            edited(data / "milestones.csv", ",globalr2p-iciss,", ",nowhere,"):
        edited_digests = data_digests(data)
        result = make_book(unbuilt_copy)
        assert data_digests(data) == edited_digests, "the build wrote to data/"
    assert data_digests(data) == before
    assert result.returncode != 0
    # The message, line by line; make's own report of the failed target is make's, not ours.
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip() and not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert lines == [
        "The book was not built.",
        f"3 problem(s) in the data package at {data}:",
        "sources.csv, row 2 (line 3), column 'timing': 'later' is not one of ['before', 'during', 'after', 'unknown'] [rule: enum]",
        "people.csv, row 4 (line 5), column 'person_id': 'lochodo' repeats row 2 [rule: unique key]",
        "milestones.csv, row 2 (line 3), column 'source_id': 'nowhere' is not a source_id in sources.csv [rule: foreign key]",
    ]
    assert "Traceback" not in result.stdout + result.stderr

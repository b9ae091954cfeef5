"""Every kind of bad input stops the load with one message naming file, row, column and rule."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sourcedata import DATA_DIR, DataError, load_package
from sourcedata.load import load_boundaries
from sourcedata.validate import check_keys


def replace(old, new):
    """An edit that replaces the first `old` in a file with `new`."""

    def edit(path):
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


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


def expect_problem(data_dir, *fragments):
    with pytest.raises(DataError) as caught:
        load_package(data_dir)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from:\n{message}"
    return message


def test_the_real_package_loads_and_every_table_has_rows():
    tables = load_package()
    assert tables, "no tables loaded"
    assert all(len(frame) > 0 for frame in tables.values())


def test_loading_never_writes_to_data():
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(DATA_DIR.iterdir())}

    before = digest()
    load_package()
    load_boundaries()
    assert digest() == before


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


# Every kind of bad input, defined once: (file, edit, fragments). tests/test_standard_package.py
# feeds the same cases to frictionless.
BAD_INPUTS = FILE_EDITS | {case: (file, replace(old, new), fragments) for case, (file, old, new, fragments) in CELL_EDITS.items()}


def make_bad_input(data_dir, case):
    """Apply one case of BAD_INPUTS to a copy of data/; returns the file it broke."""
    file, edit, _ = BAD_INPUTS[case]
    edit(data_dir / file)
    return file


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_reported_with_file_row_column_and_rule(data_copy, case):
    file = make_bad_input(data_copy, case)
    expect_problem(data_copy, file, *BAD_INPUTS[case][2])


def test_every_problem_is_reported_at_once(data_copy):
    make_bad_input(data_copy, "unknown optional country code")
    make_bad_input(data_copy, "dangling source_id")
    message = expect_problem(data_copy, "people.csv", "milestones.csv")
    assert message.startswith("2 problem(s)")


def test_composite_keys_are_shown_whole_and_a_primary_key_is_optional():
    pair = ["session_id", "person_id"]
    resources = {
        "roles": {"path": "roles.csv", "schema": {"fields": [], "foreignKeys": [{"fields": pair, "reference": {"resource": "pairs", "fields": pair}}]}},
        "pairs": {"path": "pairs.csv", "schema": {"fields": []}},
    }
    tables = {"roles": [{"session_id": "s1", "person_id": "p9"}], "pairs": [{"session_id": "s1", "person_id": "p1"}]}
    [problem] = check_keys(tables, resources)
    assert str(problem) == (
        "roles.csv, row 1 (line 2), column 'session_id+person_id': "
        "('s1', 'p9') is not a session_id+person_id in pairs.csv [rule: foreign key]"
    )


def test_schema_features_we_do_not_check_are_refused(data_copy):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"][0]["schema"]["fields"][0]["constraints"]["minLength"] = 3
    path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataError, match="unsupported schema feature"):
        load_package(data_copy)


def test_broken_boundaries_file(data_copy):
    (data_copy / "natural_earth_110m_countries.geojson").write_text('{"type": "FeatureCollection", "features": [{"properties": {}}]}')
    with pytest.raises(DataError, match="feature 1"):
        load_boundaries(data_copy)

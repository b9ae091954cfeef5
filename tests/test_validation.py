"""Every kind of bad input stops the load with one message naming file, row, column and rule."""
from __future__ import annotations

import hashlib
import json

import pytest

from sourcedata import DATA_DIR, DataError, load_package
from sourcedata.load import load_boundaries
from sourcedata.validate import check_keys
from tests.helpers import BAD_INPUTS, make_bad_input


def expect_problem(data_dir, *fragments):
    with pytest.raises(DataError) as caught:
        load_package(data_dir)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from:\n{message}"
    return message


def test_loading_never_writes_to_data():
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(DATA_DIR.iterdir())}

    before = digest()
    load_package()
    load_boundaries()
    assert digest() == before


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

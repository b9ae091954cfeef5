"""data/ is a standard Data Package: frictionless accepts it and rejects what our loader rejects."""
from __future__ import annotations

import json
import socket

import frictionless
import pytest

from bookbuild import downloads
from tests.helpers import BAD_INPUTS, make_bad_input
from tools.book import ROOT
from tools.iso3_pattern import country_code_fields, iso3_pattern

# Bad inputs that frictionless accepts, each with the reason; our loader still rejects them.
FRICTIONLESS_ACCEPTS = {
    "header without rows": "Table Schema has no rule that a table must have rows",
}


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Fail on any attempt to open a connection: the package must validate without the network."""

    def refuse(*args):
        raise AssertionError(f"tried to use the network: {args}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)  # name lookups
    monkeypatch.setattr(socket.socket, "connect", refuse)


def frictionless_report(data_dir, file: str | None = None):
    """frictionless on the whole package, or on the one table in ``file`` (read as part of
    the package, so that its foreign keys are checked against the other tables), which
    takes a sixth of the time."""
    resources = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    name = next(r["name"] for r in resources if r["path"] == file) if file else None
    return frictionless.validate(str(data_dir / "datapackage.json"), resource_name=name)


def test_frictionless_accepts_the_package():
    report = frictionless_report(ROOT / "data")
    assert report.valid, report.flatten(["place", "type", "message"])


def test_frictionless_opens_the_published_zip_as_the_package(tmp_path):
    """`frictionless validate precarious-progress-2010.zip`, as a reader would run it on the
    download: it finds datapackage.json at the zip's top level and checks every table."""
    archive = tmp_path / downloads.zip_name(ROOT)
    archive.write_bytes(downloads.data_zip(ROOT))
    report = frictionless.validate(str(archive))
    assert report.valid, report.flatten(["place", "type", "message"])
    names = {resource["name"] for resource in json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert {task.name for task in report.tasks} == names, "frictionless did not read the zip as the data package"


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_frictionless_rejects_every_bad_input_our_loader_rejects(data_copy, case):
    # (Our loader's message for each case: test_validation's test_bad_input_is_reported_with_file_row_column_and_rule.)
    file = make_bad_input(data_copy, case)
    report = frictionless_report(data_copy, file)
    if case in FRICTIONLESS_ACCEPTS:
        assert report.valid, f"frictionless now rejects {case!r}: drop it from FRICTIONLESS_ACCEPTS ({FRICTIONLESS_ACCEPTS[case]})"
    else:
        rejected = {task.place for task in report.tasks if not task.valid}
        assert file in rejected, report.flatten(["place", "type", "message"])


def test_country_code_patterns_are_todays_iso_codes():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = country_code_fields(package)
    assert fields, "no field says it holds ISO 3166-1 alpha-3 codes"
    stale = [field["name"] for field in fields if field.get("constraints", {}).get("pattern") != iso3_pattern()]
    assert not stale, f"the pattern of {stale} is out of date: run .venv/bin/python tools/iso3_pattern.py"

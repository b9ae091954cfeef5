"""Write the ISO 3166-1 alpha-3 pattern into every country-code field of data/datapackage.json.

Table Schema has no format for country codes, so each such field carries a `pattern`
constraint that lists every code the maintained country_converter package knows. A
well-formed code that does not exist (such as NRW) then fails both our validator and
frictionless. A field counts as a country code when its description says
"ISO 3166-1 alpha-3".

Regenerate after upgrading country_converter (tests/test_standard_package.py fails until
you do):

    .venv/bin/python tools/iso3_pattern.py
"""
from __future__ import annotations

import json
from pathlib import Path

import country_converter

DESCRIPTOR = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"
MARKER = "ISO 3166-1 alpha-3"


def iso3_pattern() -> str:
    """An anchored alternation of every code, sorted so that the result is repeatable."""
    codes = sorted(set(country_converter.CountryConverter().data["ISO3"].dropna()))
    return "^(" + "|".join(codes) + ")$"


def country_code_fields(package: dict) -> list[dict]:
    return [
        field
        for resource in package["resources"]
        for field in resource.get("schema", {}).get("fields", [])
        if MARKER in field.get("description", "")
    ]


def main() -> None:
    package = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    pattern = iso3_pattern()
    for field in country_code_fields(package):
        field.setdefault("constraints", {})["pattern"] = pattern
    # The descriptor is kept in exactly this layout, so a rewrite changes only the patterns.
    DESCRIPTOR.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

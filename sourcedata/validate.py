"""Check CSV tables against the Table Schema in ``datapackage.json``.

Every problem is reported as one line naming the file, the row, the column and the rule
broken, and all lines of a package are raised together as one ``DataError``, so a bad
edit stops the build before any figure is drawn from it.

Why not frictionless, which validates the same Table Schema: every chapter loads its tables
when it runs, and the build validates the whole package once more before it starts.
frictionless takes about ten times as long to check data/ (measured on this machine:
about 10 s against about 1 s for ``load_package``, which reads, checks and converts), and
it would be one more package in the build lock. It stays the yardstick: the tests
(tests/test_standard_package.py) check that it accepts data/ and rejects every bad input
this module rejects, so the two cannot drift apart unnoticed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

# The subset of Table Schema we support; anything else in the schema is an error, so a
# constraint can never be silently ignored.
FIELD_KEYS = {"name", "type", "description", "constraints"}
CONSTRAINTS = {"required", "unique", "enum", "minimum", "maximum", "pattern"}
TYPES = {"string", "integer", "number", "date"}
# A pattern longer than this (the list of country codes) is named by the field's description
# instead of being printed in full.
SHOWN_PATTERN_LENGTH = 80


class DataError(ValueError):
    """The data package breaks its schema; the message lists every problem found."""


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # data row, counted from 1 after the header; None for the whole file
    column: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row} (line {self.row + 1})")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.detail} [rule: {self.rule}]"


def parse_value(text: str, field: dict):
    """Turn one cell into a Python value of the field's type, or raise ValueError."""
    kind = field["type"]
    if kind == "string":
        return text
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError(f"'{text}' is not an integer")
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
    if kind == "date":
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    raise AssertionError(kind)


def check_schema(resource: dict) -> None:
    """Refuse schema features this validator does not implement."""
    for field in resource["schema"]["fields"]:
        unknown = (set(field) - FIELD_KEYS) | (set(field.get("constraints", {})) - CONSTRAINTS)
        if unknown or field["type"] not in TYPES:
            raise DataError(
                f"datapackage.json, resource '{resource['name']}', field '{field['name']}': "
                f"unsupported schema feature {sorted(unknown) or field['type']}"
            )


def read_rows(path: Path, resource: dict) -> tuple[list[dict], list[Problem]]:
    """Read one table: typed rows (None for empty cells) and the problems found."""
    name = path.name
    if not path.exists():
        return [], [Problem(name, None, None, "file exists", f"file not found at {path}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        row = line - 1 if line > 1 else None
        return [], [Problem(name, row, None, "encoding utf-8", f"byte {raw[err.start]:#x} at line {line} is not UTF-8")]
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader, None)
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    if not header:
        return [], [Problem(name, None, None, "non-empty file", "the file is empty: it has no header row")]
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = "; ".join(
            part
            for part in (
                missing and f"missing column(s) {missing}",
                extra and f"unexpected column(s) {extra}",
                not (missing or extra) and f"columns out of order: expected {expected}",
            )
            if part
        )
        return [], [Problem(name, None, (missing or extra or [None])[0], "header matches schema", detail)]

    rows, problems = [], []
    for number, cells in enumerate(reader, start=1):
        if len(cells) != len(fields):
            problems.append(Problem(name, number, None, "cell count", f"{len(cells)} cells, expected {len(fields)}"))
            continue
        row = {}
        for field, cell in zip(fields, cells):
            row[field["name"]], broken = check_cell(cell, field)
            problems.extend(Problem(name, number, field["name"], rule, detail) for rule, detail in broken)
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(name, None, None, "non-empty file", "the table has a header but no rows"))
    return rows, problems


def check_cell(cell: str, field: dict) -> tuple[object, list[tuple[str, str]]]:
    """The cell's typed value (None when empty or unreadable) and the (rule, detail) pairs it breaks."""
    rules = field.get("constraints", {})
    if cell == "":
        return None, [("required", "empty, but a value is required")] if rules.get("required") else []
    if cell != cell.strip():
        return None, [("no surrounding spaces", f"'{cell}' has leading or trailing spaces")]
    try:
        value = parse_value(cell, field)
    except ValueError as err:
        return None, [("type " + field["type"], str(err))]
    broken = []
    if "enum" in rules and value not in rules["enum"]:
        broken.append(("enum", f"'{cell}' is not one of {rules['enum']}"))
    if "minimum" in rules and value < rules["minimum"]:
        broken.append(("minimum", f"{cell} is below the minimum {rules['minimum']}"))
    if "maximum" in rules and value > rules["maximum"]:
        broken.append(("maximum", f"{cell} is above the maximum {rules['maximum']}"))
    if "pattern" in rules and not re.fullmatch(rules["pattern"], cell):
        pattern = rules["pattern"]
        if len(pattern) > SHOWN_PATTERN_LENGTH:
            pattern = f"the column's pattern ({field.get('description', 'see datapackage.json')})"
        broken.append(("pattern", f"'{cell}' does not match {pattern}"))
    return value, broken


def columns_of(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else fields


def label_of(fields: str | list[str]) -> str:
    """source_id, or session_id+person_id for a composite key."""
    return "+".join(columns_of(fields))


def key_of(row: dict, fields: str | list[str]) -> tuple:
    return tuple(row[f] for f in columns_of(fields))


def show_key(key: tuple) -> str:
    """'a' for a one-column key, ('a', 'b') for a composite one."""
    return repr(key[0]) if len(key) == 1 else repr(key)


def check_keys(tables: dict[str, list[dict]], resources: dict[str, dict]) -> list[Problem]:
    """Uniqueness, primary keys and foreign keys across the whole package."""
    problems = []
    for name, rows in tables.items():
        schema = resources[name]["schema"]
        file = resources[name]["path"]
        unique = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
        primary = [schema["primaryKey"]] if "primaryKey" in schema else []
        # A primary key that is also marked unique is checked once: one problem, one line.
        keys = [*primary, *(column for column in unique if [column] not in map(columns_of, primary))]
        for columns in keys:
            seen: dict[tuple, int] = {}
            for number, row in enumerate(rows, start=1):
                key = key_of(row, columns)
                if key in seen:
                    problems.append(Problem(file, number, label_of(columns), "unique key", f"{show_key(key)} repeats row {seen[key]}"))
                seen.setdefault(key, number)
        for fk in schema.get("foreignKeys", []):
            target, target_fields = fk["reference"]["resource"], fk["reference"]["fields"]
            known = {key_of(r, target_fields) for r in tables.get(target, [])}
            for number, row in enumerate(rows, start=1):
                key = key_of(row, fk["fields"])
                if None not in key and key not in known:
                    detail = f"{show_key(key)} is not a {label_of(target_fields)} in {target}.csv"
                    problems.append(Problem(file, number, label_of(fk["fields"]), "foreign key", detail))
    return problems

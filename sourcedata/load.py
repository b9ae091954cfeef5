"""Load the data package as validated pandas DataFrames."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sourcedata.validate import DataError, check_keys, check_schema, read_rows

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "date": "datetime64[ns]"}


def read_descriptor(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(f"{path}: cannot read the package descriptor: {err}") from None


def load_package(data_dir: Path | str = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Every table of the package, validated; raises DataError listing every problem.

    Files are only read, never written.
    """
    data_dir = Path(data_dir)
    resources = {r["name"]: r for r in read_descriptor(data_dir)["resources"]}
    tables, problems = {}, []
    for name, resource in resources.items():
        check_schema(resource)
        tables[name], found = read_rows(data_dir / resource["path"], resource)
        problems += found
    problems += check_keys(tables, resources)
    if problems:
        raise DataError(
            f"{len(problems)} problem(s) in the data package at {data_dir}:\n" + "\n".join(f"  {p}" for p in problems)
        )
    return {name: to_frame(rows, resources[name]) for name, rows in tables.items()}


def to_frame(rows: list[dict], resource: dict) -> pd.DataFrame:
    fields = resource["schema"]["fields"]
    frame = pd.DataFrame(rows, columns=[f["name"] for f in fields])
    return frame.astype({f["name"]: DTYPES[f["type"]] for f in fields})

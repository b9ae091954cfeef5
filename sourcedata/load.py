"""Load the data package as validated pandas DataFrames."""
from __future__ import annotations

import hashlib
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


def tabular_resources(data_dir: Path | str = DATA_DIR) -> dict[str, dict]:
    return {r["name"]: r for r in read_descriptor(Path(data_dir))["resources"] if r.get("profile") == "tabular-data-resource"}


def with_references(names, resources: dict[str, dict]) -> list[str]:
    """The named tables plus every table their foreign keys point to, transitively."""
    unknown = set(names) - set(resources)
    if unknown:
        raise DataError(f"datapackage.json has no table(s) {sorted(unknown)}")
    needed, todo = [], list(names)
    while todo:
        name = todo.pop(0)
        if name not in needed:
            needed.append(name)
            todo += [fk["reference"]["resource"] for fk in resources[name]["schema"].get("foreignKeys", [])]
    return needed


def load_package(data_dir: Path | str = DATA_DIR, tables: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The named tables (default: all), validated with the tables they refer to.

    Raises DataError listing every problem found. Files are only read, never written.
    Naming the tables lets a reader of the code, or a build, see which files a result
    depends on: those tables, the tables they refer to, and the descriptor.
    """
    data_dir = Path(data_dir)
    resources = tabular_resources(data_dir)
    wanted = list(resources) if tables is None else list(tables)
    resources = {name: resources[name] for name in with_references(wanted, resources)}
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
    return {name: to_frame(tables[name], resources[name]) for name in wanted}


def to_frame(rows: list[dict], resource: dict) -> pd.DataFrame:
    fields = resource["schema"]["fields"]
    frame = pd.DataFrame(rows, columns=[f["name"] for f in fields])
    return frame.astype({f["name"]: DTYPES[f["type"]] for f in fields})


BOUNDARIES = "natural_earth_110m_countries.geojson"


def load_boundaries(data_dir: Path | str = DATA_DIR) -> dict[str, list[list[tuple[float, float]]]]:
    """Country outlines by ISO 3166-1 alpha-3 code: a list of rings of (longitude, latitude)."""
    path = Path(data_dir) / BOUNDARIES
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(f"{path.name}: cannot read the boundaries: {err}") from None
    outlines = {}
    for number, feature in enumerate(collection.get("features", []), start=1):
        code = feature.get("properties", {}).get("iso_a3")
        geometry = feature.get("geometry") or {}
        if not isinstance(code, str) or geometry.get("type") != "MultiPolygon":
            raise DataError(f"{path.name}, feature {number}: needs a string iso_a3 and a MultiPolygon geometry")
        outlines.setdefault(code, []).extend(ring for polygon in geometry["coordinates"] for ring in polygon)
    if not outlines:
        raise DataError(f"{path.name}: no features")
    return outlines


def data_digests(data_dir: Path | str = DATA_DIR) -> dict[str, str]:
    """SHA-256 of every file in the data folder, by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(data_dir).iterdir()) if p.is_file()}

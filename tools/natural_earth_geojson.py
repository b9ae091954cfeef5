"""Convert the Natural Earth 1:110m countries shapefile into the book's small GeoJSON.

Run once by hand when the boundaries are updated; the build only reads the result.
It reads the shapefile with the standard library alone (polygons and a dBASE table), keeps
each country's name and ISO 3166-1 alpha-3 code, and rounds coordinates to 0.01 degree.

usage: python tools/natural_earth_geojson.py DIR_WITH_naturalearth_lowres.shp OUT.geojson
"""
from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

POLYGON = 5


def read_dbf(path: Path) -> list[dict]:
    encoding = path.with_suffix(".cpg").read_text().strip()  # the shapefile's declared code page
    raw = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<xxxxIHH", raw[:12])
    fields, offset = [], 32
    while raw[offset] != 0x0D:
        name = raw[offset : offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, raw[offset + 16]))
        offset += 32
    records = []
    for i in range(n_records):
        start = header_len + i * record_len + 1  # skip the deletion flag
        record = {}
        for name, width in fields:
            record[name] = raw[start : start + width].decode(encoding).strip()
            start += width
        records.append(record)
    return records


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    raw = path.read_bytes()
    offset, shapes = 100, []
    while offset < len(raw):
        _, length = struct.unpack(">ii", raw[offset : offset + 8])
        content = raw[offset + 8 : offset + 8 + 2 * length]
        offset += 8 + 2 * length
        shape_type, = struct.unpack("<i", content[:4])
        if shape_type != POLYGON:
            raise ValueError(f"{path}: shape type {shape_type} is not a polygon")
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts])) + [n_points]
        points = struct.unpack(f"<{2 * n_points}d", content[44 + 4 * n_parts : 44 + 4 * n_parts + 16 * n_points])
        xy = [(round(points[2 * k], 2), round(points[2 * k + 1], 2)) for k in range(n_points)]
        shapes.append([xy[parts[p] : parts[p + 1]] for p in range(n_parts)])
    return shapes


def convert(folder: Path, out: Path) -> None:
    records = read_dbf(folder / "naturalearth_lowres.dbf")
    shapes = read_polygons(folder / "naturalearth_lowres.shp")
    features = [
        {
            "type": "Feature",
            "properties": {"name": record["name"], "iso_a3": record["iso_a3"]},
            # Each ring is kept as its own polygon: the map fills rings, it needs no holes.
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]},
        }
        for record, rings in zip(records, shapes, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": sorted(features, key=lambda f: f["properties"]["name"])}
    out.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))

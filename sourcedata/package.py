"""The data package described for its users: the Data page's lists of fields, its
diagram of the links between tables, its pandas example, and the zip of the package
that the build publishes (``bookbuild.downloads``).

Everything here is read from ``datapackage.json``, so the page changes with the schema.
"""
from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from sourcedata.load import DATA_DIR, read_descriptor
from sourcedata.style import PALETTE, PHONE_WIDTH
from sourcedata.tables import data_fold, data_link, folded, table_markup
from sourcedata.text import join_words

# A pattern that only lists literal values, such as every ISO 3166-1 alpha-3 code.
ALTERNATION = re.compile(r"\^\(((?:[\w-]+\|)+[\w-]+)\)\$")
# pandas types for the Table Schema types the package uses; dates are parsed instead.
PANDAS_TYPES = {"integer": "Int64", "number": "Float64"}


def descriptor(data_dir: Path | str = DATA_DIR) -> dict:
    return read_descriptor(Path(data_dir))


def tabular(package: dict) -> list[dict]:
    """The package's tables, in the descriptor's order."""
    return [r for r in package["resources"] if r.get("profile") == "tabular-data-resource"]


def other_resources(package: dict) -> list[dict]:
    return [r for r in package["resources"] if r.get("profile") != "tabular-data-resource"]


def as_list(fields) -> list[str]:
    """Table Schema allows one field name as a string, or a list."""
    return [fields] if isinstance(fields, str) else list(fields)


# ---- Links between tables -------------------------------------------------------------

def foreign_keys(package: dict) -> pd.DataFrame:
    """One row per foreign key: the table and fields that refer, the table and fields referred to."""
    rows = []
    for resource in tabular(package):
        for key in resource["schema"].get("foreignKeys", []):
            rows.append({"table": resource["name"], "fields": ", ".join(as_list(key["fields"])),
                         # an empty resource name is the table itself
                         "refers_to": key["reference"]["resource"] or resource["name"],
                         "referenced_fields": ", ".join(as_list(key["reference"]["fields"]))})
    return pd.DataFrame(rows, columns=["table", "fields", "refers_to", "referenced_fields"])


def hub(package: dict) -> str | None:
    """The table most others refer to (the sources), if more than half of them do."""
    names = [r["name"] for r in tabular(package)]
    keys = foreign_keys(package)
    referrers = {name: set(keys.loc[keys["refers_to"] == name, "table"]) - {name} for name in names}
    centre = max(names, key=lambda name: len(referrers[name]), default=None)
    if centre is not None and 2 * len(referrers[centre]) > len(names) - 1:
        return centre
    return None


def layers(nodes: list[str], edges: set[tuple[str, str]]) -> dict[str, int]:
    """Each table's longest chain of references: 0 for a table that refers to none."""
    depth: dict[str, int] = {}

    def visit(node: str, seen: frozenset) -> int:
        if node not in depth:
            targets = [b for a, b in edges if a == node and b not in seen]
            depth[node] = 1 + max((visit(b, seen | {b}) for b in targets), default=-1)
        return depth[node]

    for node in nodes:
        visit(node, frozenset({node}))
    return depth


def link_columns(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The linked tables in columns, those that refer to others on the left, each column
    ordered by the rows of the tables that point into it, to keep arrows from crossing."""
    depth = layers(sorted({n for edge in edges for n in edge}), edges)
    columns = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for name in sorted(depth):
        columns[len(columns) - 1 - depth[name]].append(name)
    for number in range(1, len(columns)):
        placed = {n: i for column in columns[:number] for i, n in enumerate(column)}
        rows = {n: [placed[a] for a, b in edges if b == n and a in placed] for n in columns[number]}
        columns[number].sort(key=lambda n: (sum(rows[n]) / len(rows[n]) if rows[n] else len(placed), n))
    return columns


def name_lines(name: str, width: int = 15) -> str:
    """A table's name in lines of at most ``width`` characters, broken after underscores:
    'recommendation_codes_second' -> 'recommendation_\ncodes_second'."""
    lines = [""]
    for part in re.findall(r"[^_]+_?", name):
        if lines[-1] and len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(lines)


def plot_links(package: dict, fontsize: float = 10.5, phone: bool = False):
    """The tables as boxes, an arrow from each table to each table it refers to.

    The linked tables stand in columns; those linked to nothing but the table most others
    refer to (if any) are gathered in a grid below; that table is a bar along the bottom,
    which counts the tables that refer to it, rather than a fan of arrows. For a phone, the long names are set in two
    lines and the grid has two columns, so that the boxes fit its width.
    """
    names = [r["name"] for r in tabular(package)]
    keys, centre = foreign_keys(package), hub(package)
    edges = {(a, b) for a, b in zip(keys["table"], keys["refers_to"]) if a != b and b != centre}
    loops = {a for a, b in zip(keys["table"], keys["refers_to"]) if a == b}
    columns = link_columns(edges)
    alone = sorted(set(names) - {n for column in columns for n in column} - {centre})

    shown = name_lines if phone else str  # a table's name as the box shows it
    lines = max(shown(n).count("\n") + 1 for n in names)
    if phone:
        width, row, box_h, grid = PHONE_WIDTH - 0.1, 0.42 + 0.17 * (lines - 1), 0.3 + 0.17 * (lines - 1), 2
    else:
        width, row, box_h, grid = 7.5, 0.42, 0.3, 3  # inches; tables per row of the grid
    def fitting(tables) -> float:  # a box's width in inches that fits the longest of these names
        return max((len(line) for n in tables for line in shown(n).split("\n")), default=0) * 0.6 * fontsize / 72 + 0.25

    box_w = fitting(names)
    linked_rows, alone_rows = max(map(len, columns), default=0), -(-len(alone) // grid)
    if centre:
        referring = keys.loc[(keys["refers_to"] == centre) & (keys["table"] != centre)]
        fields = sorted(set(referring["fields"]))
        hub_text = f"{centre}: {referring['table'].nunique()} of the {len(names) - 1} other tables refer to it ({join_words(fields)})"
        if phone:
            hub_text = textwrap.fill(hub_text, int((width - 0.4) * 72 / (0.6 * fontsize)))
        bar = 0.4 + 0.17 * hub_text.count("\n")
    height = 0.2 + linked_rows * row + (0.45 + alone_rows * row if alone else 0) + (0.3 + bar if centre else 0) + 0.1
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set(xlim=(0, width), ylim=(0, height))
    ax.axis("off")
    positions = {}

    def box(name, x, y, colour, box_w=box_w):
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h, boxstyle="round,pad=0,rounding_size=0.06",
                                    facecolor="white", edgecolor=colour, linewidth=1.2))
        ax.text(x, y, shown(name), ha="center", va="center", fontsize=fontsize)
        positions[name] = (x, y)

    top = height - 0.2
    usable = width - (0.3 if loops else 0)  # room right of the last column for a table's loop
    for number, column in enumerate(columns):
        offset = (linked_rows - len(column)) * row / 2
        for i, name in enumerate(column):
            box(name, usable * (2 * number + 1) / (2 * len(columns)), top - offset - (i + 0.5) * row, PALETTE["blue"])
    # Arrows leave and reach a box at points spread down its side, in the order of the boxes
    # at their other ends, so that no two arrowheads meet.
    by_height = sorted(edges, key=lambda edge: (-positions[edge[0]][1], -positions[edge[1]][1], edge))
    leaving = {a: [b for x, b in by_height if x == a] for a, _ in edges}
    reaching = {b: [a for a, y in by_height if y == b] for _, b in edges}
    def spread(i: int, n: int) -> float:
        return 0 if n == 1 else box_h * 0.8 * (0.5 - i / (n - 1))
    for a, b in by_height:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        ya += spread(leaving[a].index(b), len(leaving[a]))
        yb += spread(reaching[b].index(a), len(reaching[b]))
        ax.add_patch(FancyArrowPatch((xa + box_w / 2, ya), (xb - box_w / 2, yb), arrowstyle="-|>", mutation_scale=9,
                                     color=PALETTE["grey"], linewidth=1, shrinkA=0, shrinkB=1))
    y = top - linked_rows * row
    if alone:
        label = f"Tables linked only to {centre}" if centre else "Tables linked to no other table"
        ax.text(0.1, y - 0.2, label, ha="left", va="center", fontsize=fontsize, style="italic", color=PALETTE["grey"])
        for i, name in enumerate(alone):
            box(name, width * (2 * (i % grid) + 1) / (2 * grid), y - 0.45 - (i // grid + 0.5) * row, PALETTE["grey"],
                fitting(alone))  # the grid's own names, so that its boxes stand apart
        y -= 0.45 + alone_rows * row
    for name in sorted(loops & set(positions)):
        x, y_loop = positions[name]
        ax.add_patch(FancyArrowPatch((x + box_w / 2, y_loop + 0.1), (x + box_w / 2, y_loop - 0.1), connectionstyle="arc3,rad=-1.9",
                                     arrowstyle="-|>", mutation_scale=10, color=PALETTE["grey"], linewidth=1))
    if centre:
        ax.add_patch(FancyBboxPatch((0.1, y - 0.2 - bar), width - 0.2, bar, boxstyle="round,pad=0,rounding_size=0.06",
                                    facecolor="#e8f3fb", edgecolor=PALETTE["sky"], linewidth=1.2))
        ax.text(width / 2, y - 0.2 - bar / 2, hub_text, ha="center", va="center", fontsize=fontsize)
    return fig


def links_data(package: dict) -> str:
    """The data behind the diagram, folded under it as the book's other figures have it,
    each field set as code."""
    rows = [[code(f"{a}.{f}"), code(f"{b}.{g}")]
            for a, f, b, g in foreign_keys(package).itertuples(index=False)]
    return data_fold(["Field", "Refers to"], rows, ["datapackage.json"], "every foreign key").data


# ---- Tables and fields ------------------------------------------------------------------

def code(text) -> str:
    """Text set as code; a long name wraps on a phone by the stylesheet's rule for code."""
    return f"<code>{html.escape(str(text))}</code>"


def pattern_text(pattern: str) -> str:
    literals = ALTERNATION.fullmatch(pattern)
    if literals:
        values = literals.group(1).split("|")
        return f"one of {len(values)} codes, from {code(values[0])} to {code(values[-1])} (all listed in {code('datapackage.json')})"
    return f"matches the pattern {code(pattern)}"


def constraint_text(constraints: dict) -> list[str]:
    """Each constraint of a field as a short phrase, in HTML: all six kinds that the
    package's validator (``sourcedata.validate.CONSTRAINTS``) lets a field have."""
    phrases = []
    if constraints.get("required"):
        phrases.append("required")
    if constraints.get("unique"):
        phrases.append("unique")
    if "enum" in constraints:
        phrases.append("one of " + ", ".join(code(v) for v in constraints["enum"]))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        phrases.append(f"from {low} to {high}")
    elif low is not None:
        phrases.append(f"at least {low}")
    elif high is not None:
        phrases.append(f"at most {high}")
    if "pattern" in constraints:
        phrases.append(pattern_text(constraints["pattern"]))
    return phrases


def keys_text(resource: dict) -> str:
    """'Key: a + b. c refers to other.c.' for one table, in HTML, each target linked to its section."""
    schema = resource["schema"]
    parts = []
    if schema.get("primaryKey"):
        parts.append("Key: " + " + ".join(code(f) for f in as_list(schema["primaryKey"])) + ".")
    for key in schema.get("foreignKeys", []):
        target = key["reference"]["resource"] or resource["name"]
        pointed = ", ".join(code(f"{target}.{f}") for f in as_list(key["reference"]["fields"]))
        parts.append(f"{', '.join(code(f) for f in as_list(key['fields']))} refers to "
                     f'<a href="#table-{html.escape(target)}">{pointed}</a>.')
    return " ".join(parts)


def table_section(resource: dict, rows: int) -> str:
    """A table's heading, description, download link and keys, then its fields, in HTML."""
    name = resource["name"]
    description = html.escape(resource.get("description") or "")
    link = data_link(resource["path"], code(resource["path"]))
    count = f"{rows} row" + ("" if rows == 1 else "s")
    fields = resource["schema"]["fields"]
    items = "\n".join(f'<dt>{code(field["name"])} ({html.escape(field["type"])})</dt>'
                      f'<dd>{html.escape(field.get("description", ""))}</dd>'
                      + (f'<dd class="rules">{"; ".join(constraint_text(field["constraints"]))}</dd>'
                         if field.get("constraints") else "")
                      for field in fields)
    # A folded list, not an open table: the page's 200-odd fields as table rows were more
    # elements than a phone paints quickly.
    listing = folded(f"The {len(fields)} fields of {resource['path']}, each with its type, meaning and any rules",
                     HTML(f'<dl class="fields">\n{items}\n</dl>')).data
    return (f'<h3 id="table-{html.escape(name)}">{code(name)}: {html.escape(resource.get("title") or name)}</h3>\n'
            + (f"<p>{description}</p>\n" if description else "")
            + f"<p>File {link}, {count}. {keys_text(resource)}</p>\n" + listing)


def resource_section(resource: dict) -> str:
    """A file of the package that is not a table (the boundaries): what it is, where it
    comes from and its licence, in HTML."""
    link = data_link(resource["path"], code(resource["path"]))
    origins, licences = ("; ".join(f'<a href="{html.escape(s["path"])}">{html.escape(s["title"])}</a>' for s in resource[key])
                         for key in ("sources", "licenses"))
    return (f'<h3 id="table-{html.escape(resource["name"])}">{html.escape(resource["title"])}</h3>\n'
            f'<p>{html.escape(resource["description"])}</p>\n'
            f"<p>File {link}. Source: {origins}. Licence: {licences}.</p>")


def overview(package: dict, rows: dict[str, int]) -> str:
    """Every table with its row count and title, each linked to its section, in HTML."""
    cells = [[f'<a href="#table-{html.escape(r["name"])}">{code(r["name"])}</a>', str(rows[r["name"]]), html.escape(r["title"])]
             for r in tabular(package)]
    return table_markup(["Table", "Rows", "What it holds"], cells, "The tables of the data package, with their number of rows.")


# ---- Reuse --------------------------------------------------------------------------------

def example_table(package: dict) -> dict:
    """The table the pandas example loads: the first with a field that pandas would not
    read as declared without being told (a date, or a whole number), else the first."""
    tables = tabular(package)
    return next((r for r in tables if any(f["type"] in ("date", "integer") for f in r["schema"]["fields"])), tables[0])


def pandas_example(package: dict) -> str:
    """Three lines that load one table of the unzipped package with its declared types."""
    resource = example_table(package)
    fields = resource["schema"]["fields"]
    types = {f["name"]: PANDAS_TYPES[f["type"]] for f in fields if f["type"] in PANDAS_TYPES}
    dates = [f["name"] for f in fields if f["type"] == "date"]
    # Only an empty cell is missing: pandas would also read "NA" or "null" as missing.
    arguments = ["path", *([f"dtype={json.dumps(types)}"] if types else []),
                 *([f"parse_dates={json.dumps(dates)}"] if dates else []), "keep_default_na=False", 'na_values=[""]']
    return "\n".join([
        "import pandas as pd",
        f'path = "{package["name"]}/{resource["path"]}"  # in the unzipped package',
        f'{resource["name"]} = pd.read_csv(',
        *(f"    {argument}," for argument in arguments),
        ")",
    ])


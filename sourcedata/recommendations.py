"""The recommendations and their coding: readable labels for the items, a 0/1 matrix of items
by code for any of the codebook's schemes, the phrases the chapter builds from it, and the
grid that shows it."""
from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import ListedColormap

from sourcedata.style import PALETTE, PHONE_WIDTH
from sourcedata.text import capitalise

SCHEMES = ("wps_pillar", "rtop_pillar")  # the pillars of the two agendas
ADDRESSEE = "addressee"  # whom an item asks to act
SETS = ("analysis", "panel", "co-conveners")
SET_NAMES = {"analysis": "Teitt", "panel": "Panel", "co-conveners": "Co-conveners"}
OWNERS = {"analysis": "Teitt's", "panel": "Panel", "co-conveners": "Co-conveners'"}
SCHEME_TITLES = {"wps_pillar": "WPS pillars", "rtop_pillar": "RtoP pillars", ADDRESSEE: "Addressed to"}
SCHEME_COLOURS = {"wps_pillar": PALETTE["blue"], "rtop_pillar": PALETTE["blue"], ADDRESSEE: PALETTE["green"]}


# --- the items and their names ------------------------------------------------------------

def item_label(made_by: str, kind: str, position: int) -> str:
    """The short label of tables and figures: 'Panel 2'; a good practice keeps its full name,
    "Co-conveners' good practice 1"."""
    if kind == "recommendation":
        return f"{SET_NAMES[made_by]} {int(position)}"
    return item_name(made_by, kind, position)


def item_name(made_by: str, kind: str, position: int) -> str:
    """The name in prose: 'Panel recommendation 2', "Co-conveners' good practice 1"."""
    return f"{OWNERS[made_by]} {kind} {int(position)}"


def item_labels(recs: pd.DataFrame, name=item_label) -> pd.Series:
    """Labels (or, with ``name=item_name``, prose names) of the items, indexed by rec_id."""
    return pd.Series([name(*row) for row in zip(recs["made_by"], recs["kind"], recs["position"])],
                     index=recs["rec_id"].values, name="item")


# --- the coding ----------------------------------------------------------------------------

def scheme_codes(codes: pd.DataFrame, schemes: Sequence[str]) -> list[str]:
    """The codes of ``schemes``, scheme by scheme in the order given, each in codebook order."""
    missing = [s for s in schemes if not (codes["scheme"] == s).any()]
    if missing:
        raise ValueError(f"codes.csv has no codes in the scheme(s) {missing}")
    return [c for s in schemes for c in codes.loc[codes["scheme"] == s, "code"]]


def code_matrix(recs: pd.DataFrame, coded: pd.DataFrame, codes: pd.DataFrame,
                schemes: Sequence[str] = SCHEMES) -> pd.DataFrame:
    """Rows: every item, in the order of ``recs``; columns: the codes of ``schemes``; 1 where given.

    One table holds the codes of several schemes, so codes of other schemes are left out.
    (The package's foreign keys refuse a code or an item that does not exist.)
    """
    columns = scheme_codes(codes, schemes)
    given = coded[coded["code"].isin(columns)]
    matrix = pd.crosstab(given["rec_id"], given["code"]).reindex(index=recs["rec_id"], columns=columns, fill_value=0)
    matrix.columns.name = None
    return matrix.clip(upper=1).astype(int)


def uncoded(matrix: pd.DataFrame) -> list[str]:
    """Items with no code at all in the matrix's schemes."""
    return matrix.index[matrix.sum(axis=1) == 0].tolist()


def column_label(code: str, codes: pd.DataFrame, width: int = 12) -> str:
    """A column head under its scheme's title: 'Prevention', 'Pillar one', 'Civil\\nsociety'."""
    row = codes.set_index("code").loc[code]
    label = row["label"].split(":", 1)[-1].strip()
    if row["scheme"] == "rtop_pillar" and label.startswith("RtoP "):
        label = label[len("RtoP "):]
    return "\n".join(textwrap.wrap(capitalise(label), width, break_long_words=False))


def by_set(recs: pd.DataFrame, matrix: pd.DataFrame) -> pd.DataFrame:
    """How many items of each set (rows, in SETS order, then a row 'all') carry each code
    (columns), with the number of items in the set first ('items')."""
    sets = recs.set_index("rec_id").loc[matrix.index, "made_by"]
    order = [s for s in SETS if s in set(sets)]
    table = matrix.groupby(sets).sum().reindex(order)
    table.insert(0, "items", sets.value_counts().reindex(order))
    table.loc["all"] = table.sum()
    return table


def addressee_table(recs: pd.DataFrame, matrix: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """:func:`by_set` for readers: sets and codes under their names."""
    table = by_set(recs, matrix)
    table.index = [SET_NAMES.get(s, "All items") for s in table.index]
    labels = codes.set_index("code")["label"]
    return table.rename(columns={"items": "Items", **labels}).rename_axis("Set").reset_index()


# --- the figure -----------------------------------------------------------------------------

def phone_item_label(made_by: str, kind: str, position: int) -> str:
    """A row label short enough for a phone: 'Panel 2'; a good practice, which only the
    co-conveners gave and which stands among their rows, 'Good practice 1'."""
    if kind == "recommendation":
        return item_label(made_by, kind, position)
    return f"{capitalise(kind)} {int(position)}"


def plot_code_matrix(matrix: pd.DataFrame, codes: pd.DataFrame, recs: pd.DataFrame, phone: bool = False):
    """The matrix as a grid: rows are the items under their readable labels, a rule between
    sets; columns are the codes, grouped by scheme under the scheme's title, a rule between
    schemes, each scheme in its colour; the count of items in each column is printed under it.
    For a phone, narrower columns under one-line heads and titles set in two lines, and the
    good practices labelled without their set's name."""
    recs = recs.set_index("rec_id").loc[matrix.index].reset_index()
    schemes = codes.set_index("code")["scheme"].loc[matrix.columns].tolist()
    n_rows, n_cols = matrix.shape
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH, 0.3 * n_rows + 2.6) if phone else (0.36 * n_cols + 2.3, 0.3 * n_rows + 2.6))
    if phone:
        fig.subplots_adjust(left=0.28, right=0.99)  # the rows' labels within the width
    palette = list(dict.fromkeys(SCHEME_COLOURS.get(scheme, PALETTE["purple"]) for scheme in schemes))
    shades = matrix.copy()
    for j, scheme in enumerate(schemes):
        shades.iloc[:, j] = matrix.iloc[:, j] * (palette.index(SCHEME_COLOURS.get(scheme, PALETTE["purple"])) + 1)
    ax.imshow(shades.values, cmap=ListedColormap(["#ececec", *palette]), aspect="auto", vmin=0, vmax=len(palette),
              interpolation="nearest")
    ax.set_yticks(range(n_rows), item_labels(recs, phone_item_label if phone else item_label).tolist(), fontsize=10)
    ax.xaxis.tick_top()
    ax.set_xticks(range(n_cols), [column_label(c, codes, 40 if phone else 12) for c in matrix.columns], fontsize=10, rotation=90,
                  va="bottom", ha="center", multialignment="left")
    ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="both", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    for column in range(1, n_cols):
        if schemes[column] != schemes[column - 1]:
            ax.axvline(column - 0.5, color=PALETTE["black"], linewidth=1.5)
    sets = recs["made_by"].tolist()
    for row in range(1, n_rows):
        if sets[row] != sets[row - 1]:
            ax.axhline(row - 0.5, color=PALETTE["black"], linewidth=1.5)
    for j, column in enumerate(matrix.columns):
        ax.text(j, n_rows - 0.3, str(int(matrix[column].sum())), ha="center", va="top", fontsize=10)
    ax.text(-0.7, n_rows - 0.3, "Items coded", ha="right", va="top", fontsize=10)
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    # The schemes' titles go above the tallest column head.
    heads = max(label.get_window_extent().height for label in ax.get_xticklabels()) * 72 / fig.dpi
    starts = [j for j in range(n_cols) if j == 0 or schemes[j] != schemes[j - 1]]
    for start, end in zip(starts, [*starts[1:], n_cols]):
        title = SCHEME_TITLES.get(schemes[start], schemes[start])
        ax.annotate(title.replace(" ", "\n", 1) if phone else title, ((start + end - 1) / 2, 1),
                    xytext=(0, heads + 10), textcoords="offset points", xycoords=("data", "axes fraction"),
                    ha="center", va="bottom", fontsize=10.5, fontweight="bold")
    return fig

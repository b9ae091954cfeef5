"""The recommendations and their coding: a 0/1 matrix of items by pillar, and its heatmap."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import ListedColormap

from sourcedata.style import PALETTE

SCHEMES = ("wps_pillar", "rtop_pillar")


def code_matrix(recs: pd.DataFrame, coded: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """Rows: every recommendation and good practice, in report order; columns: the pillar codes."""
    pillars = codes.loc[codes["scheme"].isin(SCHEMES), "code"].tolist()
    unknown = set(coded["code"]) - set(pillars)
    if unknown:
        raise ValueError(f"recommendation_codes.csv uses codes outside the pillar schemes: {sorted(unknown)}")
    matrix = pd.crosstab(coded["rec_id"], coded["code"]).reindex(index=recs["rec_id"], columns=pillars, fill_value=0)
    return matrix.clip(upper=1).astype(int)


def plot_code_matrix(matrix: pd.DataFrame, codes: pd.DataFrame):
    """The matrix as a grid, columns labelled from the codebook, a rule between the schemes."""
    labels = codes.set_index("code")["label"]
    colours = ListedColormap(["#f2f2f2", PALETTE["blue"]])
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(matrix) + 2.2))
    ax.imshow(matrix.values, cmap=colours, aspect="auto", vmin=0, vmax=1)
    ax.set_xticks(range(matrix.shape[1]), [f"{labels[c]}\n(n={matrix[c].sum()})" for c in matrix.columns],
                  rotation=35, ha="right", fontsize=9)
    ax.set_yticks(range(len(matrix)), matrix.index, fontsize=9)
    ax.set_xticks([x - 0.5 for x in range(1, matrix.shape[1])], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(matrix))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="both", length=0)
    schemes = codes.set_index("code")["scheme"].loc[matrix.columns].tolist()
    for column in range(1, len(schemes)):
        if schemes[column] != schemes[column - 1]:
            ax.axvline(column - 0.5, color=PALETTE["black"], linewidth=1.5)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title("Recommendations coded by pillar (WPS left, RtoP right)", loc="left")
    return fig

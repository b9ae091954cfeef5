"""One look for every figure and every glued value in the book.

Called once from each chapter's hidden preamble. Figures are SVG with a fixed hash salt
and no date, so the same data always gives the same bytes.
"""
from __future__ import annotations

import numbers

import matplotlib as mpl
from myst_nb import glue

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#6E6E6E",
}

RC = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=[PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple")]),
    "figure.facecolor": "white",  # readable on the dark theme too
    "svg.hashsalt": "precarious-progress-2010",
    "svg.fonttype": "path",  # no dependency on the reader's fonts
}


def apply_style() -> None:
    """Set the book's matplotlib style and a deterministic SVG inline output."""
    mpl.rcParams.update(RC)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['svg']")
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight', 'metadata': {'Date': None}}")


def plain(value):
    """A plain Python int, float or str, never a NumPy scalar (NumPy 2 prints np.int64(3))."""
    if isinstance(value, bool):
        raise TypeError("glue a number or text, not a bool")
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot glue {type(value).__name__}: give an int, float or str")


def glue_value(name: str, value) -> None:
    """Glue a value for ``{glue:text}`` without showing it where it is computed."""
    glue(name, plain(value), display=False)

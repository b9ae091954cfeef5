"""One look for every figure and every glued value in the book.

Called once from each chapter's hidden preamble. Figures are SVG with a fixed hash salt
and no date, so the same data always gives the same bytes.
"""
from __future__ import annotations

import io
import numbers

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
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

# --- Encodings shared by the figures: one meaning, one look, in every figure ------------------
# Colour is never the only cue: every status that shares a figure with another also has its
# own hatch or marker. All colours are the Okabe & Ito ones above, drawn on white.

INK = PALETTE["black"]
SECONDARY_INK = "#4d4d4d"  # labels that explain the drawing rather than mark data
GRID = {"color": "#dddddd", "linewidth": 0.8}

# The conference: everywhere a dashed vertical line in the ink colour, labelled above the axes.
# On a date axis a dashed line means the conference and nothing else; other reference lines
# there (UN membership) are dotted.
CONFERENCE_LINE = {"color": INK, "linestyle": (0, (4, 3)), "linewidth": 1.2}
CONFERENCE_LABEL = "Conference"
REFERENCE_LINE = {"color": PALETTE["grey"], "linestyle": (0, (1, 2)), "linewidth": 1.8}

# The two agendas (and what joins them) in the timelines.
AGENDA_COLOURS = {"RtoP": PALETTE["blue"], "WPS": PALETTE["vermillion"], "Both agendas": PALETTE["purple"],
                  "Arms control": PALETTE["green"]}

# A country's national action plan at the cut-off (the day the conference opened): face colour
# and hatch. Orange and sky blue are equally light, so the hatches differ as well: solid for a
# plan by the cut-off, cross-hatched for one the sources leave undecided ("may have had one"),
# diagonal lines for a first plan only after the cut-off. Hatch lines are white.
PLAN_BY_CUTOFF, PLAN_UNDECIDED, PLAN_AFTER, PLAN_NONE = "by the cut-off", "undecided", "after the cut-off", "none"
PLAN_STATUS = {
    PLAN_BY_CUTOFF: {"color": PALETTE["blue"], "hatch": None},
    PLAN_UNDECIDED: {"color": PALETTE["orange"], "hatch": "xxx"},
    PLAN_AFTER: {"color": PALETTE["sky"], "hatch": "////"},
    PLAN_NONE: {"color": "#e4e4e4", "hatch": None},
}
HATCH_LINES = "white"

# The book's confidence in a fact: blue high, reddish purple medium, grey and hollow (or
# light) low. ``filled`` is the non-colour cue where the figure draws markers.
CONFIDENCE = {
    "high": {"color": PALETTE["blue"], "filled": True},
    "medium": {"color": PALETTE["purple"], "filled": True},
    "low": {"color": PALETTE["grey"], "filled": False},
}

# When a source appeared, relative to the conference: before it dark blue and after it light
# blue, as plans by and after the cut-off; during it in the ink of the conference's own mark.
TIMING_COLOURS = {"before": PALETTE["blue"], "during": INK, "after": PALETTE["sky"], "unknown": PALETTE["grey"]}


def mark_conference(ax, start, *, label: bool = True, fontsize: float = 10):
    """The conference on a date axis: a dashed ink line at its first day and, with ``label``,
    "Conference" just above the axes, centred on the line."""
    ax.axvline(start, zorder=1, **CONFERENCE_LINE)
    if label:
        ax.annotate(CONFERENCE_LABEL, (start, 1), xycoords=ax.get_xaxis_transform(), ha="center", va="bottom",
                    fontsize=fontsize, color=INK, annotation_clip=False)


FONT = 10  # points: the smallest text a figure draws (PHONE_WIDTH keeps it legible on a phone)

def label_rows_above(ax, labels, *, rise: float, fontsize: float) -> None:
    """Each row's label set above its row (row ``y`` at ``y`` in data units), ``rise`` points up,
    from the axes' left edge: on a phone, where a label beside the axes would leave the marks
    no room. The labels stand on the paper's colour, so that grid lines do not cross them."""
    for y, label in enumerate(labels):
        ax.annotate(label, (0, y), xycoords=ax.get_yaxis_transform(), xytext=(4, rise), textcoords="offset points",
                    ha="left", va="bottom", fontsize=fontsize, linespacing=1.2,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.set_yticks([])


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


# --- Variants: each figure drawn for a dark page and for a phone's width ---------------------
# A dark rendering is the same drawing with its neutrals swapped (ink light, paper dark): the
# palette's colours, which captions and keys name, are not touched. A phone rendering is the
# same data laid out by the figure's own code on a narrower canvas (PHONE_WIDTH), so that its
# text, at the same point size, is larger relative to the figure when a phone shrinks it to
# the screen's width.

DARK_GROUND = "#14181e"
LIGHT_INK = "#e6e6e6"
DARK_NEUTRALS = {
    "#ffffff": DARK_GROUND,   # paper, and what is drawn in the paper's colour (gaps, hollow marks)
    INK: LIGHT_INK,
    SECONDARY_INK: "#c4c4c4",
    PALETTE["grey"].lower(): "#a3a3a3",  # grey marks and lines keep their contrast on the dark page
    GRID["color"]: "#363c45",
    "#d9d9d9": "#5a606a",     # no evidence found (follow-up status)
    "#e4e4e4": "#454b54",     # no plan in the data
    "#ececec": "#2c323b",     # an empty cell
    "#e8f3fb": "#1d3a50",     # a pale blue panel
}
PHONE_WIDTH = 4.0  # inches: text of 9 pt or more stays above 10 px on a phone's 327 px column
VARIANTS_KEY = "precarious-progress-figure-variants"  # in the output's metadata, which renderers pass over


def _svg(fig) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", facecolor=fig.get_facecolor(), metadata={"Date": None})
    return out.getvalue()


def _dark(colour):
    """A colour's dark-page counterpart: a neutral swapped, anything else (alpha kept) as it is."""
    if colour is None or (isinstance(colour, str) and colour in ("none", "auto", "face")):
        return colour
    rgba = mcolors.to_rgba(colour)
    swapped = DARK_NEUTRALS.get(mcolors.to_hex(rgba))
    return rgba if swapped is None else mcolors.to_rgba(swapped, rgba[3])


def _darken(fig) -> None:
    """Swap every artist's neutral colours for their dark-page counterparts, in place."""
    fig.set_facecolor(DARK_GROUND)
    for artist in fig.findobj():
        if isinstance(artist, Text):
            if mcolors.to_hex(artist.get_color()) != "#ffffff":  # white text sits on a coloured fill: it stays
                artist.set_color(_dark(artist.get_color()))
            if artist.get_bbox_patch() is not None:
                _darken_patch(artist.get_bbox_patch())
            if getattr(artist, "arrow_patch", None) is not None:  # an annotation's arrow is not among its children
                _darken_patch(artist.arrow_patch)
        elif isinstance(artist, Line2D):
            artist.set_color(_dark(artist.get_color()))
            artist.set_markerfacecolor(_dark(artist.get_markerfacecolor()))
            artist.set_markeredgecolor(_dark(artist.get_markeredgecolor()))
        elif isinstance(artist, Patch) and artist is not fig.patch:
            _darken_patch(artist)
        elif isinstance(artist, Collection):
            artist.set_facecolor([_dark(c) for c in artist.get_facecolor()])
            artist.set_edgecolor([_dark(c) for c in artist.get_edgecolor()])
        elif isinstance(artist, AxesImage) and isinstance(artist.get_cmap(), mcolors.ListedColormap):
            artist.set_cmap(mcolors.ListedColormap([_dark(c) for c in artist.get_cmap().colors]))


def _darken_patch(patch) -> None:
    hatch = patch.get_hatchcolor() if patch.get_hatch() else None
    patch.set_facecolor(_dark(patch.get_facecolor()))
    patch.set_edgecolor(_dark(patch.get_edgecolor()))
    if hatch is not None:
        patch.set_hatchcolor(hatch)  # hatch lines keep their colour: white reads on every fill


class Variants:
    """A figure as the notebook shows it (light, full width) with its other renderings (dark,
    phone, phone and dark) alongside, as SVG, in the output's metadata: the figure
    ``draw(phone=...)`` makes. ``draw`` is called once for each rendering, with ``phone=True``
    for a phone's narrow column: it then lays the figure out in about :data:`PHONE_WIDTH`
    inches, its text at the sizes of the wide rendering."""

    def __init__(self, draw):
        self.svg = {}
        for dark in (False, True):
            for phone in (False, True):
                fig = draw(phone=phone)
                if dark:
                    _darken(fig)
                self.svg[("dark-" if dark else "light-") + ("phone" if phone else "wide")] = _svg(fig)
                plt.close(fig)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"image/svg+xml": self.svg["light-wide"], "text/plain": "<figure>"},
                {VARIANTS_KEY: {name: svg for name, svg in self.svg.items() if name != "light-wide"}})

"""The page on national action plans and the peace table in 2010: its figures as a reader sees
them (ceilings drawn as ceilings), and the built page read as a reader reads it."""
from __future__ import annotations

import ast
import re

import jupytext
import matplotlib
import pytest

from sourcedata import bounds, countries, load_package, naps, sources, style
from sourcedata.load import load_boundaries
from tests.helpers import reader_text, soup_of, words
from tools.book import ROOT

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

CHAPTER = ROOT / "chapters" / "countries.md"


# --- Figures as a reader sees them (their text's size as shown: test_figures) ---------------

@pytest.fixture(scope="module")
def plan_data():
    data = load_package(tables=["national_action_plans", "milestones", "statistics"])
    cutoff = data["milestones"].set_index("milestone_id").loc["conference", "start"]
    status = naps.status_by_country(data["national_action_plans"], cutoff)
    return data, cutoff, status


def test_the_world_map_legend_is_clear_of_the_maps_and_later_plans_are_hatched(plan_data):
    _, _, status = plan_data
    style.apply_style()
    category = countries.map_category(status)
    fig = countries.plot_world(load_boundaries(), category, set())
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert len(legends) == 1
    legend_box = legends[0].get_window_extent(renderer)
    maps = [ax for ax in fig.axes if ax.collections]
    assert len(maps) == 2, "a world map and an enlarged panel for Europe"
    for ax in maps:
        assert not legend_box.overlaps(ax.get_window_extent(renderer)), "the legend covers a map"
    # Colour is not the only cue between the two blues: plans after the cut-off are hatched.
    assert countries.MAP_HATCH.get("plan after the cut-off")
    plt.close(fig)


def chapter_function(name: str):
    """A function the chapter defines in one of its cells, compiled on its own."""
    for cell in jupytext.read(CHAPTER).cells:
        if cell.cell_type == "code" and f"def {name}(" in cell.source:
            tree = ast.parse(cell.source)
            node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
            namespace = {"plt": plt, "bounds": bounds, "style": style,
                         "source_name": sources.source_name}
            exec(compile(ast.Module(body=[node], type_ignores=[]), str(CHAPTER), "exec"), namespace)
            return namespace[name]
    raise LookupError(f"the chapter defines no {name}()")


def test_ceilings_are_marks_at_the_bound_not_bars_as_long_as_it(plan_data):
    data, _, _ = plan_data
    stats = data["statistics"].set_index("stat_id")
    shown = stats.loc[["unifem-negotiators", "unifem-signatories", "peacewomen-negotiators"]]
    style.apply_style()
    fig = chapter_function("plot_ceilings")(shown)
    ax = fig.axes[0]
    assert not [p for p in ax.patches if isinstance(p, Rectangle)], "a share is drawn as a bar"
    ticks = [line for line in ax.get_lines() if isinstance(line, Line2D) and line.get_marker() == "|"]
    for y, row in enumerate(shown.itertuples()):  # (each a ceiling: countries.md asserts it in every build)
        assert any(list(t.get_xdata()) == [row.value] and list(t.get_ydata()) == [y] for t in ticks), row.Index
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == len(shown), "each ceiling has an arrow pointing below it"
    plt.close(fig)


# --- The built page -------------------------------------------------------------------------

def test_the_range_of_plans_is_said_at_most_twice(book_html, plan_data):
    # (That the page gives the range findings computes: test_followup's headline-numbers test.)
    fewest, most = naps.count_range(plan_data[2])
    text = reader_text(book_html, "chapters/countries")
    assert len(re.findall(rf"[Bb]etween {fewest} and {most}\b", text)) <= 2, "the NAP range is said more than twice"


def test_unifems_signatories_figure_is_given_once_and_akers_as_a_ceiling(book_html):
    text = reader_text(book_html, "chapters/countries")
    assert text.count("fewer than 3 per cent") == 1, "UNIFEM's signatories figure is repeated on the page"
    assert "less than 2½ per cent of signatories from 1992 to 2008" in text


def test_the_text_before_each_figure_describes_what_is_drawn(book_html):
    main = soup_of(book_html / "chapters" / "countries.html")
    guides = {fig.get("id"): words(fig.find_previous("p")) for fig in main.select("figure")}
    assert "orange cross-hatched top" in guides["fig-nap-cumulative"]
    assert "tick sits at the bound" in guides["fig-peace-processes"] and "arrow" in guides["fig-peace-processes"]
    for name in ("fig-nap-cumulative", "fig-world-map"):
        image = main.select_one(f"figure#{name} img")
        svg = (book_html / "chapters" / image["src"]).read_text(encoding="utf-8")
        assert "<pattern" in svg, f"{name}: the caption speaks of hatching that the figure does not draw"

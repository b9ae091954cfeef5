"""Sphinx extension that makes the book's HTML pages light, offline and accessible.

The stock Jupyter Book 1 pages load a 540 KB icon script, declare the Thebe script twice
(a console error on every page), carry ARIA roles that axe-core flags, and have no meta
description. This extension:

- drops the Thebe scripts (the book has no live-code button) and the icon script, and
  draws each icon as inline SVG taken from the theme's own Font Awesome Free copy (icons
  CC BY 4.0), so pages show the same icons with no script;
- gives every page a meta description (its first paragraph), fixes the bibliography's
  list roles, and puts the primary sidebar in a labelled landmark;
- links each executable chapter's executed notebook (.ipynb) under its title, with cell
  ids fixed so the file is the same every build, and publishes the data files next to
  the pages, so figures can link to their data.
"""
from __future__ import annotations

import html
import re
import shutil
from contextlib import suppress
from functools import cache
from pathlib import Path

import nbformat
from docutils import nodes
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


STYLE_PREFIX = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far", "fa-brands": "fab", "fab": "fab"}
MODIFIERS = {"fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-2x", "fa-3x", "fa-spin", "fa-inverse"}
ICON_TAG = re.compile(r'<(i|span) class="([^"]*\bfa[brs]?\b[^"]*|[^"]*\bfa-(?:solid|regular|brands)\b[^"]*)"([^>]*)>\s*</\1>')
ICON_SCRIPT = re.compile(r'<script[^>]*src="[^"]*fontawesome\.js[^"]*"[^>]*></script>\s*')
PRIMARY_SIDEBAR = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar"'  # given a landmark role
# The theme leaves the colour mode empty when no choice is stored, which its own script
# then reports as an error; "auto" follows the reader's system setting.
EMPTY_MODE = ('localStorage.getItem("mode") || ""', 'localStorage.getItem("theme") || ""')
NOTEBOOK_FOLDER = "_sources"
ARTICLE_TITLE_END = re.compile(r'<a class="headerlink"[^>]*>#</a></h1>')  # not the print-only title
DESCRIPTION_LENGTH = 155


@cache
def icon_packs(script: Path) -> dict[str, str]:
    """The icon definitions of each Font Awesome pack in the theme's script, by prefix."""
    text = script.read_text(encoding="utf-8")
    packs = {}
    for prefix in ("fab", "far", "fas"):
        end = text.index(f'd("{prefix}",p)')
        packs[prefix] = text[text.rindex("var p={", 0, end) : end]
    return packs


def icon_svg(script: Path, classes: str, attributes: str) -> str:
    names = classes.split()
    prefix = next((STYLE_PREFIX[n] for n in names if n in STYLE_PREFIX), "fas")
    icon = next((n[3:] for n in names if n.startswith("fa-") and n not in STYLE_PREFIX and n not in MODIFIERS), None)
    found = icon and re.search(r'(?:"%s"|\b%s):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]' % (re.escape(icon), re.escape(icon)),
                               icon_packs(script)[prefix])
    if not found:
        raise ExtensionError(f"no Font Awesome icon for <i class=\"{classes}\">")
    width, height, path = found.groups()
    # The fa-* classes would make the theme's CSS download Font Awesome's web fonts.
    kept = [n for n in names if not n.startswith("fa")] + ["svg-inline--fa"] + (["icon-lg"] if "fa-lg" in names else [])
    return (f'<svg class="{" ".join(kept)}"{attributes} aria-hidden="true" focusable="false" '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><path fill="currentColor" d="{path}"/></svg>')


def first_paragraph(doctree: nodes.document | None) -> str:
    for paragraph in (doctree.findall(nodes.paragraph) if doctree is not None else []):
        words = " ".join(paragraph.astext().split())
        if len(words) > 40:
            return words if len(words) <= DESCRIPTION_LENGTH else words[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return ""


def is_notebook(app: Sphinx, pagename: str) -> bool:
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    return bool(source and source.suffix == ".md" and "```{code-cell}" in source.read_text(encoding="utf-8"))


def polish_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["script_files"] = [s for s in context.get("script_files", []) if "thebe" not in str(s).lower()
                               and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()]
    context["css_files"] = [c for c in context.get("css_files", []) if "thebe" not in str(c).lower()]
    description = first_paragraph(doctree) or app.config.book_description
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(description)}" />'


def rewrite_page(text: str, download_link: str | None, script: Path) -> str:
    """One built page with the fixes above applied; applying it twice changes nothing."""
    if download_link and 'class="notebook-download"' not in text:
        paragraph = (f'<p class="notebook-download"><a href="{download_link}" download>Download this chapter as a '
                     "Jupyter notebook (.ipynb)</a>; run it from a clone of the repository, which holds the data.</p>")
        text = ARTICLE_TITLE_END.sub(lambda m: m.group(0) + "\n" + paragraph, text, count=1)
    text = text.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
    text = text.replace(' role="doc-biblioentry"', "")
    # The theme marks GitHub links with a brand icon drawn from a 118 KB web font.
    text = re.sub(r'class="(?:github|gitlab) reference external"', 'class="reference external"', text)
    text = ICON_TAG.sub(lambda m: icon_svg(script, m.group(2), m.group(3)), text)
    text = ICON_SCRIPT.sub("", text)
    text = text.replace(PRIMARY_SIDEBAR + ">", PRIMARY_SIDEBAR + ' role="navigation" aria-label="Book contents">', 1)
    for empty in EMPTY_MODE:
        text = text.replace(empty, empty[:-2] + '"auto"')
    return text


# Sphinx's search drops every query word made of digits, so "1325" finds nothing although
# the index holds it. The book is about resolution numbers: let them through.
DIGIT_FILTER = """ ||
        queryTerm.match(/^\\d+$/)
      )"""


def allow_number_search(searchtools: Path) -> None:
    text = searchtools.read_text(encoding="utf-8")
    if DIGIT_FILTER in text:
        searchtools.write_text(text.replace(DIGIT_FILTER, "\n      )"), encoding="utf-8")
    elif "queryTerm.match(/^\\d+$/)" in text:
        raise ExtensionError(f"{searchtools}: the digit filter changed shape; update allow_number_search")


def publish_executed(path: Path, cache) -> None:
    """Give a published notebook its outputs, and numbered cell ids.

    myst-nb publishes the notebook as read, without the outputs of a cached execution;
    they are taken back from the cache. Random cell ids would change every build.
    """
    if '"id": "cell-0"' in path.read_text(encoding="utf-8"):
        return  # done by an earlier build, and not rewritten by Sphinx since
    notebook = nbformat.read(path, as_version=4)
    with suppress(KeyError):
        _, notebook = cache.merge_match_into_notebook(notebook)
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    nbformat.write(notebook, path)


def finish_site(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    script = out / "_static" / "scripts" / "fontawesome.js"
    notebooks = sorted(docname for docname in app.env.found_docs if is_notebook(app, docname))
    for page in sorted(out.rglob("*.html")):
        docname = page.relative_to(out).with_suffix("").as_posix()
        link = "../" * docname.count("/") + f"{NOTEBOOK_FOLDER}/{docname}.ipynb" if docname in notebooks else None
        # (the theme publishes each executed chapter there, outputs included)
        text = page.read_text(encoding="utf-8")
        page.write_text(rewrite_page(text, link, script), encoding="utf-8")
    allow_number_search(out / "_static" / "searchtools.js")
    for unused in [*out.glob("_static/scripts/fontawesome.js*"), *out.glob("_static/sphinx-thebe.*")]:
        unused.unlink()
    shutil.copytree(Path(app.srcdir) / "data", out / "data", dirs_exist_ok=True)
    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    for path in sorted(out.glob(f"{NOTEBOOK_FOLDER}/**/*.ipynb")):
        publish_executed(path, cache)


def static_changed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page, when a file of the book's _static folder differs from its published copy.

    Sphinx copies static files only when some page is written, and pages link them with a
    checksum; without this, an edit to book.css alone would never reach the site.
    """
    source, published = Path(app.srcdir) / "_static", Path(app.outdir) / "_static"
    for path in sorted(source.rglob("*")):
        copy = published / path.relative_to(source)
        if path.is_file() and (not copy.is_file() or copy.read_bytes() != path.read_bytes()):
            return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_description", "", "html", str)  # for pages with no text of their own
    app.add_css_file("book.css")
    app.connect("env-get-outdated", static_changed)
    app.connect("html-page-context", polish_context)
    app.connect("build-finished", finish_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension that makes the book's HTML pages light, offline and accessible.

Most of that is settings in _config.yml: the theme's own notebook-download button, meta
descriptions from sphinxext-opengraph, the colour mode that follows the reader's system,
and a template that puts the sidebar's book title in a landmark (_templates/). This
extension does what no setting offers:

- drops the Thebe scripts (the book has no live-code button; they are declared twice,
  a console error on every page);
- loads every script file with `defer` (what Sphinx's add_js_file(loading_method="defer")
  does), so that none holds up the first paint on a slow phone;
- describes the pages with no text of their own (search, genindex) with `book_description`;
- leaves one entry per format in the download menu: the theme's ".pdf" (the browser's
  print dialog) goes, as the menu already offers the book's PDF (bookbuild/citation.py);
- publishes each notebook the download button links with its outputs and fixed cell
  ids, and the data files next to the pages, so that figures can link to their data.

Four rewrites of built files and one of a theme template remain, each of which fails the
build, naming the package and its version, when the markup it expects is not there:

- the theme's search scripts and index are left out of every page but the search page
  (_templates/layout.html), as they serve only a search-as-you-type the book leaves off;
- the theme's 540 KB icon script is dropped and each icon drawn as inline SVG taken from
  the theme's own Font Awesome Free copy (icons CC BY 4.0): the same icons, no script;
- docutils' ARIA roles on citation lists, which axe-core rejects, are dropped;
- figures open full size at a tap and load lazily (`loading="lazy"`), which Sphinx offers
  for SVG images only when they are scaled, and not at all, in room kept for them by the
  width and height each image declares;
- Sphinx's search is made to look up numbers ("1325").
"""
from __future__ import annotations

import html
import re
import shutil
from contextlib import suppress
from functools import cache
from importlib.metadata import version
from pathlib import Path

import nbformat
from docutils import nodes
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.images import get_image_size

THEME = "pydata-sphinx-theme"
STYLE_PREFIX = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far", "fa-brands": "fab", "fab": "fab"}
MODIFIERS = {"fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-2x", "fa-3x", "fa-spin", "fa-inverse"}
ICON_TAG = re.compile(r'<(i|span) class="([^"]*\bfa[brs]?\b[^"]*|[^"]*\bfa-(?:solid|regular|brands)\b[^"]*)"([^>]*)>\s*</\1>')
ICON_SCRIPT = re.compile(r'<script[^>]*src="[^"]*fontawesome\.js[^"]*"[^>]*></script>\s*')
# docutils gives a citation list role="list" and each citation the deprecated role
# doc-biblioentry, which is no list item: axe-core reports both.
CITATION_LIST, CITATION_ROLE = '<div role="list" class="citation-list">', ' role="doc-biblioentry"'
# Sphinx's search drops every query word made of digits, so "1325" finds nothing although
# the index holds it. The book is about resolution numbers: let them through.
DIGIT_FILTER = " ||\n        queryTerm.match(/^\\d+$/)\n      )"
NUMBERS_ALLOWED = "\n        /* numbers are searched too (bookbuild/pages.py) */\n      )"


def outdated(package: str, problem: str, module: str = "bookbuild/pages.py") -> ExtensionError:
    """The error for a rewrite that no longer fits the markup of the installed ``package``."""
    return ExtensionError(f"{package} {version(package)}: {problem}; update {module}")


# pydata-sphinx-theme loads Sphinx's search scripts and the whole search index (78 KB) in
# the head of every page, for its search-as-you-type, which this book leaves off (the theme's
# default): the search field then opens search.html, which loads them itself.
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:searchtools|language_data|searchindex)\.js"></script>')


def without_search_scripts(head: str, search_as_you_type) -> str:
    """The theme's rendered head without the search scripts, unless its search-as-you-type
    is on (a Jinja filter: see _templates/layout.html)."""
    if str(search_as_you_type).lower() == "true":
        return head
    head, dropped = SEARCH_SCRIPTS.subn("", head)
    if dropped != 3:
        raise outdated(THEME, f"{dropped} of the 3 search scripts of layout.html's head were found")
    return head


@cache
def icon_packs(script: Path) -> dict[str, str]:
    """The icon definitions of each Font Awesome pack in the theme's script, by prefix."""
    text = script.read_text(encoding="utf-8")
    packs = {}
    for prefix in ("fab", "far", "fas"):
        end = text.find(f'd("{prefix}",p)')
        start = text.rfind("var p={", 0, end)
        if end == -1 or start == -1:
            raise outdated(THEME, f"the {prefix} icon pack was not found in {script.name}")
        packs[prefix] = text[start:end]
    return packs


@cache  # a search of the whole pack: once per icon, not once for each of its 300-odd uses
def icon_shape(script: Path, prefix: str, icon: str) -> tuple[str, str, str] | None:
    """The width, height and path of one icon of the pack, or None."""
    found = re.search(r'(?:"%s"|\b%s):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]' % (re.escape(icon), re.escape(icon)),
                      icon_packs(script)[prefix])
    return found.groups() if found else None


def icon_svg(script: Path, classes: str, attributes: str) -> str:
    names = classes.split()
    prefix = next((STYLE_PREFIX[n] for n in names if n in STYLE_PREFIX), "fas")
    icon = next((n[3:] for n in names if n.startswith("fa-") and n not in STYLE_PREFIX and n not in MODIFIERS), None)
    shape = icon and icon_shape(script, prefix, icon)
    if not shape:
        raise outdated(THEME, f'no icon for <i class="{classes}"> in {script.name}')
    width, height, path = shape
    # The fa-* classes would make the theme's CSS download Font Awesome's web fonts.
    kept = [n for n in names if not n.startswith("fa")] + ["svg-inline--fa"] + (["icon-lg"] if "fa-lg" in names else [])
    # SVG has no title attribute, and a <title> child would give the hidden icon a text that
    # no longer matches its button's label: the button's own label and tooltip name it.
    attributes = re.sub(r'\s+title="[^"]*"', "", attributes)
    return (f'<svg class="{" ".join(kept)}"{attributes} aria-hidden="true" focusable="false" '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><path fill="currentColor" d="{path}"/></svg>')


def draw_icons_inline(text: str, script: Path, page: str) -> str:
    """A page the theme rendered, without its icon script and with its icons as inline SVG."""
    text, scripts = ICON_SCRIPT.subn("", text)
    if scripts != 1 or "fontawesome.js" in text:
        raise outdated(THEME, f"{page}: the icon script tag was not found")
    text, icons = ICON_TAG.subn(lambda m: icon_svg(script, m.group(2), m.group(3)), text)
    if not icons:
        raise outdated(THEME, f"{page}: no icon tag was found")
    return text


def plain_citation_list(body: str, page: str) -> str:
    """A page body with citations, without docutils' roles on their list."""
    if CITATION_LIST not in body or CITATION_ROLE not in body:
        raise outdated("docutils", f"{page}: the roles of the citation list were not found")
    return body.replace(CITATION_LIST, '<div class="citation-list">').replace(CITATION_ROLE, "")


# An image of the page's own, which Sphinx copies into _images/. Sphinx writes SVG images
# itself, ignoring docutils' :loading: option, and links an image to its file only when it
# is scaled; hence this rewrite. The groups: the tag's attributes, its address, the file name.
FIGURE_IMAGE = re.compile(r'<img ((?=[^>]*\bsrc="([^"]*_images/([^"/]*))")[^>]*?)\s*/>')


def open_figures(body: str, page: str, images: int, sizes: dict[str, tuple[int, int]]) -> str:
    """A page body whose ``images`` figures each open full size at a tap (a link to the image,
    as Sphinx makes for a scaled one) and load only as the reader nears them, so that they
    do not compete with the text for a slow connection before the first paint. ``sizes``
    (by file name) give each image its width and height, so that the page keeps its place
    for an image not yet loaded and does not jump when it arrives; an image Sphinx already
    sized (a scaled one) keeps its own."""
    def opened(m: re.Match) -> str:
        attributes = m.group(1)
        if not re.search(r"\bwidth=", attributes):
            if m.group(3) not in sizes:
                raise outdated("Sphinx", f"{page}: no size known for the image {m.group(3)}")
            attributes = 'width="{}" height="{}" '.format(*sizes[m.group(3)]) + attributes
        return f'<a class="reference internal image-reference" href="{m.group(2)}"><img loading="lazy" {attributes} /></a>'
    body, found = FIGURE_IMAGE.subn(opened, body)
    if found != images:
        raise outdated("Sphinx", f"{page}: {images} images in the page, but {found} image tags in _images/ found")
    return body


def allow_number_search(searchtools: Path) -> None:
    text = searchtools.read_text(encoding="utf-8")
    if NUMBERS_ALLOWED in text:
        return  # done by an earlier build: Sphinx copies its static files only when it writes pages
    if DIGIT_FILTER not in text:
        raise outdated("Sphinx", f"the digit filter was not found in {searchtools.name}")
    searchtools.write_text(text.replace(DIGIT_FILTER, NUMBERS_ALLOWED), encoding="utf-8")


def note_rendered_pages(app: Sphinx) -> None:
    app.builder.rendered_pages = []  # the pages the theme renders in this build, for finish_site
    if app.builder.format == "html":
        app.builder.templates.environment.filters["without_search_scripts"] = without_search_scripts


def one_entry_per_format(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Drop the theme's ".pdf" from the download menu: it opens the print dialog, beside
    the book's own PDF (bookbuild/citation.py), and so two entries read "pdf"."""
    group = next((b for b in context.get("header_buttons", []) if b.get("label") == "download-buttons"), None)
    if group is None:
        return  # a page without the menu (search, genindex)
    kept = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"]
    if len(kept) == len(group["buttons"]):
        raise outdated("sphinx-book-theme", f"{pagename}: the print-to-PDF entry of the download menu was not found")
    group["buttons"] = kept


def deferred(script):
    """A script file run after the page is parsed, in its order among the others, so that
    no script holds up the first paint (loading_method="defer" of Sphinx's add_js_file).
    Inline scripts (the settings some of these files read) still run where they stand."""
    if not script.filename or {"async", "defer"} & set(script.attributes):
        return script
    return type(script)(script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"})


def polish_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    app.builder.rendered_pages.append(pagename)
    context["script_files"] = [s for s in context.get("script_files", []) if "thebe" not in str(s).lower()
                               and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()]
    context["css_files"] = [c for c in context.get("css_files", []) if "thebe" not in str(c).lower()]
    context["script_files"] = [deferred(script) for script in context["script_files"]]
    if doctree is None:  # search, genindex: sphinxext-opengraph describes a page from its text
        description = html.escape(app.config.book_description)
        context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{description}" />'
    else:
        if next(doctree.findall(nodes.citation), None) is not None:
            context["body"] = plain_citation_list(context["body"], pagename)
        # (the writer has already pointed each image node at its copy in _images/)
        images = [Path(node["uri"]).name for node in doctree.findall(nodes.image)]
        if images:
            source_of = {copy: source for source, copy in app.builder.images.items()}
            # each of the page's images' size in CSS pixels, read from the file Sphinx copies
            sizes = {name: size for name in images
                     if name in source_of and (size := get_image_size(Path(app.srcdir) / source_of[name]))}
            context["body"] = open_figures(context["body"], pagename, len(images), sizes)


def notebook_pages(app: Sphinx) -> list[str]:
    """The pages myst-nb read as notebooks: it records their kernel, as the theme checks."""
    return sorted(docname for docname in app.env.found_docs if "kernelspec" in app.env.metadata[docname])


HOW_TO_RUN = "how-to-run"  # the tag of a published notebook's first cell


def how_to_run(options: dict, source: str) -> str:
    """The first cell of a published notebook: in one line, how to run it (``source``: the
    chapter's path in the repository; ``options``: the theme's, from _config.yml)."""
    repository = options["repository_url"].rstrip("/")
    line = (f"**To run this notebook**, clone {repository} and run `make lab` in the clone, which opens "
            f"`{source}` (this notebook, without its outputs) with the book's data and pinned packages")
    launch = options.get("launch_buttons", {})
    binder = launch.get("binderhub_url", "").rstrip("/")
    if binder and repository.startswith("https://github.com/"):  # the theme's launch button, as it builds the address
        interface = {"classic": "tree", "jupyterlab": "lab/tree"}[launch.get("notebook_interface", "classic")]
        url = (f"{binder}/v2/gh/{repository.removeprefix('https://github.com/')}/{options.get('repository_branch', 'main')}"
               f"?urlpath={interface}/{source}")
        line += f"; or [open it on Binder]({url})"
    return line + "."


def publish_executed(path: Path, cache, first_cell: str) -> None:
    """Give a published notebook its outputs, numbered cell ids, and a first cell that
    says how to run it.

    myst-nb publishes the notebook as read, without the outputs of a cached execution;
    they are taken back from the cache. Random cell ids would change every build.
    """
    notebook = nbformat.read(path, as_version=4)
    if notebook.cells and notebook.cells[0].get("id") == "cell-0" and notebook.cells[0].source == first_cell:
        return  # done by an earlier build, and not rewritten by the theme since
    with suppress(KeyError):
        _, notebook = cache.merge_match_into_notebook(notebook)
    notebook.cells = [cell for cell in notebook.cells if HOW_TO_RUN not in cell.metadata.get("tags", [])]  # an older line
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(first_cell, metadata={"tags": [HOW_TO_RUN]}))
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    nbformat.write(notebook, path)


def finish_site(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    script = out / "_static" / "scripts" / "fontawesome.js"
    for pagename in app.builder.rendered_pages:
        page = Path(app.builder.get_outfilename(pagename))
        page.write_text(draw_icons_inline(page.read_text(encoding="utf-8"), script, pagename), encoding="utf-8")
    allow_number_search(out / "_static" / "searchtools.js")
    shutil.copytree(Path(app.srcdir) / "data", out / "data", dirs_exist_ok=True)
    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    for docname in notebook_pages(app):
        notebook = out / "_sources" / f"{docname}.ipynb"
        if not notebook.is_file():
            raise outdated("sphinx-book-theme", f"no {notebook.relative_to(out)}, which the theme publishes for its "
                           "download button (only while _config.yml sets a launch button)")
        source = Path(app.env.doc2path(docname)).relative_to(app.srcdir).as_posix()
        publish_executed(notebook, cache, how_to_run(app.config.html_theme_options, source))


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_description", "", "html", str)  # for pages with no text of their own
    app.connect("builder-inited", note_rendered_pages)
    app.connect("html-page-context", polish_context)
    app.connect("html-page-context", one_entry_per_format, priority=550)  # after the theme's buttons (501)
    app.connect("build-finished", finish_site)
    # Not parallel-write safe: a page rendered in a worker process would go unnoted.
    return {"parallel_read_safe": True, "parallel_write_safe": False}

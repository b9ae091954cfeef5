"""Sphinx extension that serves each figure in the rendering that suits the reader's screen.

A figure cell shows a :class:`sourcedata.style.Variants`: its light, full-width SVG, which
myst-nb writes into the page as for any figure (and which the PDF edition prints), and, in
the output's metadata, the same figure drawn dark and drawn for a phone. The execution cache holds that entry for every notebook page; this extension writes the other renderings next to the image in
_images/ and gives the page two pictures, one shown in light mode, one in dark (the theme's
`only-light` and `only-dark`), each of which offers the phone's drawing on a narrow screen.
A lazily loaded image that is not displayed is not fetched, so a reader loads one rendering.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.util.images import get_image_size

from sourcedata.style import VARIANTS_KEY

PHONE = "(max-width: 599px)"  # the theme's narrowest layout, where the column is a phone's width
# A figure's image as bookbuild.pages leaves it: a link to the file around the image itself.
LINKED_IMAGE = re.compile(r'<a class="reference internal image-reference" href="([^"]*_images/)([^"/]+)">'
                          r'<img loading="lazy" [^>]*?\balt="([^"]*)"[^>]*/></a>')


def file_bytes(svg: str) -> bytes:
    """The bytes myst-nb writes for an SVG output (and names the file by)."""
    return os.linesep.join(svg.splitlines()).encode("utf-8")


def file_name(svg: str) -> str:
    return hashlib.sha256(file_bytes(svg)).hexdigest() + ".svg"


def size(images: Path, svg: str) -> tuple[int, int]:
    """A written drawing's width and height in CSS pixels, read as Sphinx reads the size of
    the images it writes itself, so that every rendering of a figure keeps the same room."""
    found = get_image_size(images / file_name(svg))
    if not found:
        raise RuntimeError(f"bookbuild.figures: no width and height in {file_name(svg)}")
    return found


def page_variants(app: Sphinx, pagename: str) -> dict[str, dict[str, str]]:
    """The renderings of each figure of a page, by the file name of its light, wide image."""
    path = Path(app.env.mystnb_config.output_folder, *f"{pagename}.ipynb".split("/"))
    if not path.exists():
        return {}
    try:  # myst-nb writes the notebook as read: the outputs are the execution cache's
        _, notebook = get_cache(app.env.mystnb_config.execution_cache_path).merge_match_into_notebook(
            nbformat.read(path, as_version=4))
    except KeyError:
        return {}
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if VARIANTS_KEY in output.get("metadata", {}):
                wide = output["data"]["image/svg+xml"]
                found[file_name(wide)] = {"light-wide": wide, **output["metadata"][VARIANTS_KEY]}
    return found


def picture(images: Path, prefix: str, alt: str, wide: str, phone: str, mode: str) -> str:
    """A link to the full-size drawing around a picture that offers the phone's on a narrow screen."""
    (w, h), (pw, ph) = size(images, wide), size(images, phone)
    return (f'<a class="reference internal image-reference figure-open only-{mode}" href="{prefix}{file_name(wide)}">'
            f'<picture><source media="{PHONE}" srcset="{prefix}{file_name(phone)}" width="{pw}" height="{ph}" />'
            f'<img class="figure-drawing" loading="lazy" width="{w}" height="{h}" alt="{alt}" src="{prefix}{file_name(wide)}" />'
            f'</picture><span class="figure-open-label">Open full size</span></a>')


def serve_variants(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    variants = page_variants(app, pagename) if doctree is not None else {}
    if not variants:
        return
    images = Path(app.outdir, "_images")
    images.mkdir(exist_ok=True)  # on a clean build Sphinx copies the page images only later
    for drawings in variants.values():
        for svg in drawings.values():
            target = images / file_name(svg)
            if not target.exists():
                target.write_bytes(file_bytes(svg))

    def served(m: re.Match) -> str:
        drawings = variants[m.group(2)]
        prefix, alt = m.group(1), m.group(3)
        # In a box of their own: the theme hides a caption that follows an only-light or
        # only-dark sibling in the other mode, and this caption belongs to both.
        return ('<div class="figure-renderings">'
                + picture(images, prefix, alt, drawings["light-wide"], drawings["light-phone"], "light")
                + picture(images, prefix, alt, drawings["dark-wide"], drawings["dark-phone"], "dark") + "</div>")
    body = LINKED_IMAGE.sub(lambda m: served(m) if m.group(2) in variants else m.group(0), context["body"])
    missing = set(variants) - {m.group(2) for m in LINKED_IMAGE.finditer(context["body"])}
    if missing:
        raise RuntimeError(f"{pagename}: no linked image found for the figure(s) {sorted(missing)}: "
                           "bookbuild.pages' figure markup has changed")
    context["body"] = body


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", serve_variants, priority=600)  # after bookbuild.pages opens the figures
    return {"parallel_read_safe": True, "parallel_write_safe": True}

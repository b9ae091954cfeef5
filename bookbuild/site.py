"""What search engines, browsers and link previews look for at a site, beside the pages.

- ``sitemap.xml`` at the site's root, listing every page of the book, and ``robots.txt``
  naming it (written here rather than by sphinx-sitemap, which lists only the pages the
  last build wrote);
- the 404 page's links made absolute under the site's path, so that it works at any depth
  (sphinx-notfound-page's ``notfound_urls_prefix``, taken from ``html_baseurl``);
- each page's description (``<meta name="description">`` and ``og:description``) ending on
  a whole word: sphinxext-opengraph cuts its own at a character count, mid-word, but leaves
  a page's ``og:*`` fields and an existing meta description alone, as its documentation says.

``html_baseurl`` (in _config.yml) is the one place the site's public address is set.
"""
from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

DESCRIPTION_LENGTH = 200  # characters at most, as sphinxext-opengraph's default


def check_baseurl(app: Sphinx, config) -> None:
    if not urlsplit(config.html_baseurl).scheme or not config.html_baseurl.endswith("/"):
        raise ConfigError(f"_config.yml: html_baseurl {config.html_baseurl!r} must be the site's absolute address, "
                          "ending in /; the sitemap, robots.txt, canonical links and og:url are made from it")
    config.notfound_urls_prefix = urlsplit(config.html_baseurl).path


def description(doctree: nodes.document, length: int = DESCRIPTION_LENGTH) -> str:
    """The page's first paragraphs, cut after the last whole word that fits, with an ellipsis."""
    text = ""
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(parent, (nodes.Admonition, nodes.Invisible, nodes.table)) for parent in parents(paragraph)):
            continue  # asides and tables are not what a page is about
        text = f"{text} {' '.join(paragraph.astext().split())}".strip()
        if len(text) > length:
            return text[: length].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def parents(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def describe_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None:
        return
    text = description(doctree)
    if text:
        context["meta"] = (context.get("meta") or {}) | {"og:description": html.escape(text)}
        context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(text)}" />'


def write_sitemap_and_robots(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    base = app.config.html_baseurl
    urls = "".join(f"<url><loc>{html.escape(base + app.builder.get_target_uri(doc))}</loc></url>"
                   for doc in sorted(app.env.found_docs))
    out = Path(app.outdir)
    (out / "sitemap.xml").write_text("<?xml version='1.0' encoding='utf-8'?>\n"
                                     f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', encoding="utf-8")
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", check_baseurl)
    app.connect("html-page-context", describe_page, priority=450)  # before sphinxext-opengraph's (500)
    app.connect("build-finished", write_sitemap_and_robots)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

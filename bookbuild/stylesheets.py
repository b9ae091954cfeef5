"""The themes' stylesheets, trimmed to the rules that can apply to the book's pages.

pydata-sphinx-theme links all of Bootstrap and Font Awesome's class list (397 KB) from every
page, and a browser parses and matches all of it before the first paint: on Lighthouse's
slowed phone that is the largest part of each page's main-thread work. A rule goes when
every one of its selectors names a class that no page and no script of the built site
contains: such a selector can match no element, now or after a script has run. A class a
script may compose from a prefix (Bootstrap's "bs-" + "tooltip" + "-auto") counts as
contained when a script has a word that begins it and ends in "-".

The trim runs when the build has finished, after the book's other extensions have
rewritten the pages: bookbuild.pages draws the icons inline, so that the fa-* classes are
gone, and bookbuild.figures writes each figure's renderings. Sphinx copies the static files
afresh whenever it writes a page, and the trim is its own fixed point, so a build made step
by step trims again from the whole site as it then stands. (Before any page is written, the
module also copies myst-nb's stylesheet: see copy_mystnb_stylesheet_before_the_pages.)
"""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from myst_nb.sphinx_ext import add_global_html_resources
from sphinx.application import Sphinx

from bookbuild.pages import outdated

# The theme's and the extensions' stylesheets the pages link (the book's own book.css is
# written for the book and stays whole).
TRIMMED = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "basic.css",
           "sphinx-design.min.css", "mystnb.*.css", "togglebutton.css", "copybutton.css")
WORD = re.compile(r"[A-Za-z_][\w-]*")
SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"?#]+)')
GROUPS = {"media", "supports", "layer", "container"}  # at-rules that hold rules
# styles/theme.css as pydata-sphinx-theme ships it: a comment and an import of basic.css.
THEME_IMPORT = re.compile(r'(/\*.*?\*/\s*)?@import "\.\./basic\.css";\s*', re.S)
RELATIVE_URL = re.compile(r"""url\((['"]?)(?![\w+.-]+:|/|#)""")  # not data:, http:, /root or #fragment


class SiteWords:
    """Every word of the site's pages and of the scripts they load, and the prefixes those
    scripts compose."""

    def __init__(self, out: Path):
        self.words, self.prefixes, scripts = set(), set(), set()
        for page in sorted(out.rglob("*.html")):
            if page.is_relative_to(out / "_static"):
                continue  # theme templates copied as they are, not pages
            text = page.read_text(encoding="utf-8")
            self.words |= set(WORD.findall(text))
            scripts |= {(page.parent / src).resolve() for src in SCRIPT.findall(text)
                        if not src.startswith("/") and "//" not in src}  # the 404 page's absolute addresses repeat the others'
        for script in sorted(scripts):
            found = set(WORD.findall(script.read_text(encoding="utf-8")))
            self.words |= found
            self.prefixes |= {word for word in found if word.endswith("-")}

    def contains(self, name: str) -> bool:
        if not WORD.fullmatch(name):
            return True  # an escaped name (.sm\:flex) no word can spell: kept, as undecided
        return name in self.words or any(name.startswith(prefix) for prefix in self.prefixes)


def required_classes(prelude: list) -> list[set[str]]:
    """The classes each selector of a rule's list requires: those outside its functional
    pseudo-classes (whose arguments, as in :not(.a), need not match for the selector to)."""
    selectors, current, previous = [], set(), None
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = set()
        elif token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            current.add(token.value)
        previous = token
    return selectors + [current]


def can_apply(prelude: list, site: SiteWords) -> bool:
    """Whether any selector of a rule's list could match an element of the site."""
    return any(all(site.contains(name) for name in classes) for classes in required_classes(prelude))


def trimmed_rules(rules: list, site: SiteWords) -> list:
    kept = []
    for rule in rules:
        if rule.type == "whitespace" or rule.type == "comment" and not rule.value.startswith("!"):
            continue  # but a /*! comment, a licence notice (Bootstrap's, Font Awesome's), stays
        if rule.type == "qualified-rule" and not can_apply(rule.prelude, site):
            continue
        if rule.type == "at-rule" and rule.lower_at_keyword in GROUPS and rule.content is not None:
            inner = trimmed_rules(tinycss2.parse_blocks_contents(rule.content), site)
            if not inner:
                continue
            rule.content = [tinycss2.ast.WhitespaceToken(rule.source_line, rule.source_column, "\n")] + [
                token for r in inner for token in (r, tinycss2.ast.WhitespaceToken(rule.source_line, rule.source_column, "\n"))]
        kept.append(rule)
    return kept


def trimmed(css: str, site: SiteWords) -> str:
    return "\n".join(rule.serialize() for rule in trimmed_rules(tinycss2.parse_stylesheet(css), site)) + "\n"


def inline_theme_import(theme: Path) -> None:
    """Write Sphinx's basic.css into the theme's styles/theme.css in place of its import,
    which a page fetches only once theme.css has arrived (a round trip more before the first
    paint), with basic.css's relative addresses made relative to styles/."""
    text = theme.read_text(encoding="utf-8")
    if "@import" not in text:
        return  # inlined by an earlier build: Sphinx copies static files only when it writes pages
    if not THEME_IMPORT.fullmatch(text):
        raise outdated("pydata-sphinx-theme", "styles/theme.css is not one import of basic.css", "bookbuild/stylesheets.py")
    basic = (theme.parent.parent / "basic.css").read_text(encoding="utf-8")
    theme.write_text(RELATIVE_URL.sub(r"url(\1../", basic), encoding="utf-8")


def trim_stylesheets(static: Path) -> None:
    """Trim each of the TRIMMED stylesheets in the built site's ``static`` folder, then
    inline the theme's one import."""
    site = SiteWords(static.parent)
    for pattern in TRIMMED:
        paths = sorted(static.glob(pattern))
        if len(paths) != 1:
            raise FileNotFoundError(f"bookbuild/stylesheets.py: {len(paths)} files match _static/{pattern}, where one "
                                    "was expected (after an upgrade, `make clean` drops an old copy; else update TRIMMED)")
        paths[0].write_text(trimmed(paths[0].read_text(encoding="utf-8"), site), encoding="utf-8")
    inline_theme_import(static / "styles" / "theme.css")


def copy_mystnb_stylesheet_before_the_pages(app: Sphinx) -> None:
    """myst-nb copies its stylesheet only when the build has finished, after the pages are
    written. Sphinx adds a checksum to a stylesheet's link (?v=...) only if the file is
    already there, so a clean build linked it without one and every later build with one.
    Copied here as well, before any page is written, it is linked the same way by every build."""
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)
        if not any(static.glob("mystnb.*.css")):
            raise outdated("myst-nb", "add_global_html_resources copied no mystnb.*.css", "bookbuild/stylesheets.py")


def finish_site(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        trim_stylesheets(Path(app.outdir) / "_static")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", copy_mystnb_stylesheet_before_the_pages)
    app.connect("build-finished", finish_site, priority=900)  # after every other rewrite of the pages (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

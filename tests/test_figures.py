"""The figures as a reader sees them: drawn for the screen they are on, light or dark, legible,
briefly captioned, and visibly openable full size (bookbuild.figures, sourcedata.style)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import soup_of

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 800}
SMALLEST_TEXT = {375: 10, 1280: 12}  # CSS px: the smallest figure text a reader can take without zooming
CAPTION_WORDS = 35
GLYPH_SCALE = re.compile(r"scale\(([\d.]+) -\1\)")  # matplotlib's text: glyphs drawn at 100 units to the em


def figure_pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in (html / "chapters").glob("*.html")
                  if "<figure" in (text := p.read_text(encoding="utf-8")) and "_images/" in text)


def smallest_text_px(svg: str, shown_width: float) -> float:
    """The smallest text of an SVG figure in CSS px, when it is shown ``shown_width`` px wide."""
    view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', svg).group(1))
    return min(float(s) for s in GLYPH_SCALE.findall(svg)) * 100 * shown_width / view_width


def shown_figures(page, base: str, html: Path):
    """Each figure's displayed image: its id, the SVG it shows and the width it is shown at."""
    found = []
    figures = page.locator("figure:has(img)")
    for i in range(figures.count()):
        image = figures.nth(i).locator("img:visible")
        assert image.count() == 1, f"figure {i} shows {image.count()} images"
        assert figures.nth(i).locator("figcaption").is_visible(), f"figure {i}: its caption is hidden"
        image.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
        source, width = image.evaluate("i => [i.currentSrc, i.getBoundingClientRect().width]")
        found.append((figures.nth(i).get_attribute("id"), image, source,
                      (html / source.removeprefix(base + "/")).read_text(encoding="utf-8"), width))
    return found


def test_every_figure_has_a_light_a_dark_and_a_phone_drawing(book_html):
    pages = figure_pages(book_html)
    assert len(pages) >= 7
    for name in pages:
        soup = soup_of(book_html / name)
        for figure in soup.select("figure"):
            if not figure.find("img"):
                continue
            links = {mode: figure.select_one(f"a.only-{mode}[href]") for mode in ("light", "dark")}
            assert all(links.values()), f"{name} #{figure['id']}: no link for each mode"
            files = set()
            for mode, link in links.items():
                source, image = link.select_one("picture > source[media][srcset]"), link.select_one("picture > img[src]")
                assert source and image and image["loading"] == "lazy", f"{name} #{figure['id']} ({mode}): no phone source"
                assert link["href"] == image["src"]
                assert "Open full size" in link.get_text(), f"{name} #{figure['id']}: no visible open-full-size label"
                files |= {image["src"], source["srcset"]}
            assert len(files) == 4 and all((book_html / name).parent.joinpath(f).resolve().is_file() for f in files)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_figure_text_is_legible_at_the_width_it_is_shown(site, browser, book_html, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    too_small = []
    for name in figure_pages(book_html):
        page.goto(site + "/" + name)  # each figure is waited for as it is read
        for figure_id, image, source, svg, width in shown_figures(page, site, book_html):
            # a phone shows the drawing made for it, not the wide one shrunk; a laptop the wide one
            phone_drawing = image.evaluate("i => new URL(i.closest('picture').querySelector('source').srcset, location).href")
            assert (source == phone_drawing) == (viewport is PHONE), f"{name} #{figure_id}: {viewport} shows {source}"
            px = smallest_text_px(svg, width)
            if px < SMALLEST_TEXT[viewport["width"]]:
                too_small.append(f"{name} #{figure_id}: {px:.1f} px")
    context.close()
    assert not too_small, f"figure text below {SMALLEST_TEXT[viewport['width']]} px: {too_small}"


def mean_brightness(png: bytes) -> float:
    grey = Image.open(io.BytesIO(png)).convert("L")
    return sum(v * n for v, n in enumerate(grey.histogram())) / (255 * grey.width * grey.height)


@pytest.mark.parametrize("how", ["system", "switch"])
def test_dark_mode_shows_the_dark_drawing(site, browser, book_html, how):
    """On every page at `auto` with a dark system; and after the reader switches the mode to
    dark on one page, there and on the next page they open."""
    context = browser.new_context(viewport=LAPTOP, color_scheme="dark" if how == "system" else "light")
    page = context.new_page()
    pages = figure_pages(book_html) if how == "system" else figure_pages(book_html)[:2]
    for name in pages:
        page.goto(site + "/" + name)  # each figure is waited for as it is read
        if how == "switch" and name == pages[0]:
            for _ in range(3):
                if page.evaluate("document.documentElement.dataset.mode") == "dark":
                    break
                page.locator("button.theme-switch-button:visible").first.click()
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        for figure_id, image, source, svg, width in shown_figures(page, site, book_html):
            assert image.evaluate("i => i.closest('a').classList.contains('only-dark')"), f"{name} #{figure_id}"
            brightness = mean_brightness(image.screenshot())
            assert brightness < 0.3, f"{name} #{figure_id}: mean brightness {brightness:.2f} in dark mode"
    context.close()


def test_captions_are_short(book_html):
    long = []
    for name in figure_pages(book_html):
        soup = soup_of(book_html / name)
        for caption in soup.select("figure figcaption .caption-text"):
            text = caption.get_text(" ", strip=True)
            sentences = len(re.findall(r"[.!?](?:\s|$)", text))
            if len(text.split()) > CAPTION_WORDS or sentences > 2:
                long.append(f"{name}: {len(text.split())} words, {sentences} sentences: {text[:60]}…")
    assert not long, long

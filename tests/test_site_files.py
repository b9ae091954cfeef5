"""What search engines, browsers and link previews look for at the published site:
sitemap.xml listing every page, robots.txt naming it, a 404 page in the book's look whose
links work from any depth, favicon.ico at the root, and on every page an absolute
canonical link and og:url under html_baseurl, and a description that ends on a whole word.
And the local server the tests and benchmarks read the site through answers as GitHub Pages
does."""
from __future__ import annotations

import gzip
import http.client
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from tests.helpers import PAGES_WITHOUT_TEXT, base_url, book_config, soup_of
from tools.book import rendered_pages
from tools.serve import serve

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pages(book_html: Path) -> list[str]:
    """Every page Sphinx rendered from a source of the book's."""
    return [p.relative_to(book_html).as_posix() for p in rendered_pages(book_html) if p.name not in PAGES_WITHOUT_TEXT]


def test_the_base_url_is_the_github_pages_address_of_the_repository():
    config = book_config()
    owner, name = config["repository"]["url"].removeprefix("https://github.com/").split("/")
    assert base_url() == f"https://{owner}.github.io/{name}/"


def test_the_sitemap_lists_every_page_once_and_robots_txt_names_it(book_html):
    urls = [loc.text for loc in ET.parse(book_html / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert sorted(urls) == [base_url() + page for page in pages(book_html)]
    robots = (book_html / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base_url()}sitemap.xml" in robots.splitlines()


def test_every_page_names_its_absolute_address_as_canonical_and_og_url(book_html):
    for page in pages(book_html):
        soup = soup_of(book_html / page)
        canonical = soup.select("head link[rel=canonical]")
        assert [c["href"] for c in canonical] == [base_url() + page], page
        assert soup.select_one('head meta[property="og:url"]')["content"] == base_url() + page, page


def test_every_description_ends_on_a_whole_word_of_the_page(book_html):
    for page in pages(book_html):
        soup = soup_of(book_html / page)
        descriptions = [soup.select_one('head meta[name="description"]'), soup.select_one('head meta[property="og:description"]')]
        assert all(descriptions), f"{page}: no description"
        text = descriptions[0]["content"]
        assert descriptions[1]["content"] == text and 50 <= len(text) <= 201, f"{page}: {text!r}"
        words = " ".join(soup.select_one("main").get_text(" ").split())
        last = re.sub(r"\W+$", "", text.removesuffix("…").split()[-1])
        assert re.search(rf"(?<!\w){re.escape(last)}(?!\w)", words), f"{page}: description cut mid-word: {text!r}"


def test_the_404_page_looks_like_the_book_and_its_links_work_from_any_depth(book_html):
    soup = soup_of(book_html / "404.html")
    assert soup.select_one("article h1").get_text(strip=True) == "Page not found"
    assert [h.get_text(strip=True) for h in soup.select("h1")] == ["Page not found"] * 2, "on screen and printed"
    assert soup.select_one(".bd-sidebar-primary"), "no chapter menu: not in the book's theme"
    prefix = "/" + base_url().split("/", 3)[3]
    local = [tag.get("href") or tag.get("src") for tag in soup.select("link[href], script[src], .bd-sidebar-primary a[href]")
             if not re.match(r"\w+:|#", tag.get("href") or tag.get("src"))]
    assert local, "no links to check"
    for address in local:
        assert address.startswith(prefix), f"404.html: {address} is relative, and breaks below the root"
        assert (book_html / address.removeprefix(prefix).split("#")[0].split("?")[0]).exists(), address


def test_favicon_ico_sits_at_the_root(book_html):
    with Image.open(book_html / "favicon.ico") as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]


def test_the_local_server_answers_as_github_pages_on_one_connection(tmp_path):
    (tmp_path / "page.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not found</p>", encoding="utf-8")
    with serve(tmp_path) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname, address.port)
        answers = []
        try:
            for path in (f"{address.path}/page.html", f"{address.path}/missing.html", "/page.html"):
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                answers.append((response.status, gzip.decompress(response.read()).decode()))
                assert connection.sock is not None, f"the server closed the connection after {path}"
        finally:
            connection.close()
    assert answers == [(200, "<p>page</p>"), (404, "<p>not found</p>"), (404, "<p>not found</p>")]

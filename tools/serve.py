"""Serve a built book on 127.0.0.1 as GitHub Pages serves it, for the browser tests and the
benchmarks: under the site's path (that of ``html_baseurl`` in _config.yml), with gzip, over
connections kept open, and with the book's 404 page, and that status, at an address that
has no file.

usage: python tools/serve.py [DIR]   (default _build/html; prints the address)
"""
from __future__ import annotations

import gzip
import io
import sys
import threading
from contextlib import contextmanager
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
SITE_PATH = urlsplit(CONFIG["sphinx"]["config"]["html_baseurl"]).path  # e.g. /book/

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".ipynb", ".md", ".csv", ".map")


@cache
def compressed(path: Path, mtime_ns: int) -> bytes:
    """The gzip body of a file as it was at ``mtime_ns``: every page asks for the same styles."""
    return gzip.compress(path.read_bytes(), mtime=0)


class SiteHandler(SimpleHTTPRequestHandler):
    # Connections kept open between requests, as GitHub Pages keeps them (HTTP/2): a page's
    # stylesheets and scripts do not each wait for a new connection (Lighthouse counts that).
    protocol_version = "HTTP/1.1"

    def translate_path(self, path: str) -> str:
        address = urlsplit(path).path
        if not address.startswith(SITE_PATH):
            return str(Path(self.directory, "no-such-file"))  # nothing is served outside the site
        return super().translate_path("/" + address.removeprefix(SITE_PATH))

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200 if path.is_file() else 404
        if status == 404:
            path = Path(self.directory, "404.html")  # as GitHub Pages answers an address with no file
            if not path.is_file():
                self.send_error(404)
                return None
        gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        body = compressed(path, path.stat().st_mtime_ns) if gzipped else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser left for another page before this file was sent whole

    def log_message(self, *args):  # keep test output quiet
        pass


@contextmanager
def serve(directory: Path):
    """Yield the base URL of ``directory`` served on a free port of 127.0.0.1 under the site's
    path, without its final slash (so that a page's address is the base, "/" and its name)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    with serve(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")) as url:
        print(url, flush=True)
        threading.Event().wait()

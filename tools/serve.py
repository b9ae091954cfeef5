"""Serve a built book on 127.0.0.1 with gzip, as a static host would, for the browser tests
and the page-weight benchmark.

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

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".ipynb", ".md", ".csv", ".map")


@cache
def compressed(path: Path, mtime_ns: int) -> bytes:
    """The gzip body of a file as it was at ``mtime_ns``: every page asks for the same styles."""
    return gzip.compress(path.read_bytes(), mtime=0)


class GzipHandler(SimpleHTTPRequestHandler):
    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@contextmanager
def serve(directory: Path):
    """Yield the base URL of ``directory`` served on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    with serve(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")) as url:
        print(url, flush=True)
        threading.Event().wait()

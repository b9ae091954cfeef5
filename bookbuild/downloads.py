"""Sphinx extension that publishes the data package as one zip file beside the pages.

When an HTML build finishes, ``data/<package name>.zip`` is written into the site: every
file of ``data/`` with the licence and the citation file, ``datapackage.json`` at the top
level, so that ``frictionless validate <name>.zip`` opens it as a Data Package. Its entries
are sorted and dated with the book's commit (SOURCE_DATE_EPOCH, which
``bookbuild.provenance`` sets), so two builds of one commit publish the same bytes.
"""
from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

from sphinx.application import Sphinx

from sourcedata.load import read_descriptor

# Files published beside the data in the zip: the licence of the data and how to cite it.
ZIP_EXTRAS = ("LICENSE-CONTENT.md", "CITATION.cff")
EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format cannot date a file earlier


def zip_name(root: Path) -> str:
    """The zip's file name, from the package's name: "precarious-progress-2010.zip"."""
    return f"{read_descriptor(root / 'data')['name']}.zip"


def zip_members(root: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file): every file of data/, then the licence and citation, all at
    the top level, where a Data Package reader looks for datapackage.json."""
    files = sorted(p for p in (root / "data").iterdir() if p.is_file())
    return [(p.name, p) for p in files] + [(name, root / name) for name in ZIP_EXTRAS]


def data_zip(root: Path, epoch: int | None = None) -> bytes:
    """The data package of the book at ``root`` as a zip, the same bytes for the same files:
    sorted entries, each dated ``epoch`` (seconds; the book's commit) or 1980-01-01."""
    stamp = max(time.gmtime(epoch)[:6], EARLIEST_ZIP_TIME) if epoch is not None else EARLIEST_ZIP_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, path in zip_members(root):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o100644 << 16  # a plain file, rw-r--r--
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def publish_data_zip(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.srcdir)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    target = Path(app.outdir) / "data" / zip_name(root)
    content = data_zip(root, int(epoch) if epoch else None)
    if not target.is_file() or target.read_bytes() != content:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", publish_data_zip)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension that publishes the data package as one zip file beside the pages.

When an HTML build finishes, ``data/<package name>.zip`` is written into the site: every
file of ``data/`` with the licence and the citation file, under one folder named after
the package (``sourcedata.package.data_zip``), for the Data page to link. Its entries are
sorted and dated with the book's commit (SOURCE_DATE_EPOCH, which ``bookbuild.provenance``
sets), so two builds of one commit publish the same bytes.
"""
from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx


def publish_data_zip(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sourcedata.package import data_zip, descriptor, zip_name

    root = Path(app.srcdir)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    target = Path(app.outdir) / "data" / zip_name(descriptor(root / "data"))
    content = data_zip(root, int(epoch) if epoch else None)
    if not target.is_file() or target.read_bytes() != content:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", publish_data_zip)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

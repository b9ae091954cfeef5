"""Load, validate and plot the book's sourced data package (``data/``).

Chapters call this package; it keeps them about their subject.
"""
from sourcedata.validate import DataError
from sourcedata.load import DATA_DIR, load_package

__all__ = ["DATA_DIR", "DataError", "load_package"]

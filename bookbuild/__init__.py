"""The Sphinx extensions that build this book, listed under ``sphinx.local_extensions`` in
``_config.yml``: ``execution`` (validate the data, run the chapters, key the execution
cache on what they read), ``provenance`` (the commit stamp) and ``pages`` (light, offline,
accessible pages). They take every path from Sphinx, so a copy of the repository builds
as itself. The analysis package, ``sourcedata``, knows nothing of them.
"""

"""The chapters' sources: each executable page opens in Jupyter as a Python notebook, and
every acronym the prose uses is in the glossary. (That each notebook runs is proved by the
builds, which run every one of them and stop on the first error.)"""
from __future__ import annotations

import re

import jupytext

from tools.book import ROOT, notebooks, page_sources


def test_every_page_with_code_opens_as_a_python_notebook():
    with_code = {p for p in page_sources()
                 if any(c.cell_type == "code" for c in jupytext.read(p).cells)}
    assert with_code == set(notebooks()), "a page has code cells but no kernel in its front matter, or the reverse"
    for path in with_code:
        assert jupytext.read(path).metadata["kernelspec"]["name"] == "python3", path.name


def test_every_acronym_in_the_prose_is_in_the_glossary():
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"^([A-Z][\w-]*(?: \d+)?)$", glossary, flags=re.MULTILINE))
    not_acronyms = {"CSV", "HTML", "SHA", "SHA-256", "MIT", "CC", "BY", "UTF", "UTF-8", "II", "I", "USA", "URL", "OK", "WITNESS",
                    "MyST"}  # names, not abbreviations
    missing = set()
    for path in page_sources():
        prose = re.sub(r"```.*?```|<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # code, comments
        prose = re.sub(r"`[^`]*`|\{[a-z:]+\}|\([^)]*\)=", "", prose)
        prose = re.sub(r"\b[A-Z]+(?:/[A-Z0-9.]+)+", "", prose)  # UN document symbols such as A/RES/63/308
        # an abbreviation may join parts with a hyphen, as SRSG-SVC does
        for word in re.findall(r"\b(?:[A-Z]{2,}[a-z]?[A-Z0-9]*(?:-[A-Z0-9]+\b)*|[A-Z][a-z][A-Z][A-Za-z0-9]*)\b", prose):
            if word not in terms and word not in not_acronyms and not word.startswith("Mc"):  # McWilliams is a name
                missing.add(f"{word} ({path.name})")
    assert not missing, sorted(missing)


def test_every_glossary_term_is_used_in_the_book():
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    block = glossary.split("```{glossary}")[1]
    terms = re.findall(r"^(\S[^\n]*)$", block, flags=re.MULTILINE)
    # A reader meets a term in the chapters, in the tables drawn from the data, and in the
    # labels the book's package writes on its figures.
    pages = [p for p in page_sources() if p.name != "glossary.md"]
    pages += [*(ROOT / "data").glob("*.csv"), *(ROOT / "sourcedata").glob("*.py")]
    text = " ".join(p.read_text(encoding="utf-8") for p in pages).lower()
    unused = [t for t in terms if t != "```" and not any(alt.strip().rstrip("s").lower() in text for alt in t.split(","))]
    assert not unused, f"glossary terms no page uses: {unused}"

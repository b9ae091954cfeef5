"""Each chapter opens as a notebook (jupytext) and re-runs top to bottom, as a researcher would."""
from __future__ import annotations

import re

import jupytext
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted(p for p in [ROOT / "intro.md", *(ROOT / "chapters").glob("*.md")]
                   if "```{code-cell}" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_reruns_as_a_notebook(path):
    notebook = jupytext.read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []


def test_every_acronym_in_the_prose_is_in_the_glossary():
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"^([A-Z][\w-]*(?: \d+)?)$", glossary, flags=re.MULTILINE))
    not_acronyms = {"CSV", "HTML", "SHA", "MIT", "CC", "BY", "UTF", "II", "I", "USA", "URL", "OK"}
    missing = set()
    for path in [ROOT / "intro.md", *(ROOT / "chapters").glob("*.md")]:
        prose = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        prose = re.sub(r"`[^`]*`|\{[a-z:]+\}|\([^)]*\)=", "", prose)
        prose = re.sub(r"\b[A-Z]+(?:/[A-Z0-9.]+)+", "", prose)  # UN document symbols such as A/RES/63/308
        for word in re.findall(r"\b(?:[A-Z]{2,}[a-z]?[A-Z0-9]*|[A-Z][a-z][A-Z][A-Za-z0-9]*)\b", prose):
            if word not in terms and word not in not_acronyms:
                missing.add(f"{word} ({path.name})")
    assert not missing, sorted(missing)

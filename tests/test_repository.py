"""The project's own files: the lock, the CI workflows, originality, and the rules that keep
the prose in the chapters. (cffconvert validates CITATION.cff in test_citation.)"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import lock_entries
from tools.book import ROOT, page_sources



def main_checkout() -> Path:
    """The repository's main checkout: this one, or the one a git worktree belongs to."""
    common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=ROOT,
                            capture_output=True, text=True)
    return Path(common.stdout.strip()).parent if common.returncode == 0 else ROOT


# The authors' shared folder (seed report, sources, tools) sits beside the main checkout.
ORIGINALITY_CHECK = main_checkout().parent / "shared" / "tools" / "check_originality.py"


def test_lock_covers_every_direct_dependency():
    unlocked = lock_entries("requirements.in").keys() - lock_entries("requirements.txt").keys()
    assert not unlocked, f"{sorted(unlocked)} in requirements.in but not locked"


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("workflow", sorted(p.name for p in (ROOT / ".github/workflows").glob("*.yml")))
def test_github_workflow_matches_the_published_schema(workflow):
    result = run_tool("-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", f".github/workflows/{workflow}")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not ORIGINALITY_CHECK.exists(), reason=f"no {ORIGINALITY_CHECK} (the authors' ../shared is not beside the repository)")
def test_no_sentence_is_copied_from_the_seed_report():
    result = run_tool(str(ORIGINALITY_CHECK), ".")
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_analysis_package_builds_no_sentences():
    """Prose lives in the chapters; sourcedata computes values, never clauses or sentences."""
    builders = [f"{path.name}: {name}" for path in sorted((ROOT / "sourcedata").glob("*.py"))
                for name in re.findall(r"^def (\w+)\(", path.read_text(encoding="utf-8"), flags=re.M)
                if re.search(r"_(sentence|phrase|clause|brief|limit|note)$", name)]
    assert not builders, f"sentence-building functions in sourcedata: {builders}"


def test_glued_values_stay_few_enough_for_the_prose_to_read_as_prose():
    roles = sum(path.read_text(encoding="utf-8").count("{glue:text}") for path in page_sources())
    assert roles <= 220, f"{roles} glued values in the chapters: write the sentences, glue only computed numbers"

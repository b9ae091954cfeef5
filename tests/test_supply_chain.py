"""What the build runs is pinned: packages by hash, actions by commit, and the token is least-privileged.

The yardstick is the OpenSSF Scorecard's Pinned-Dependencies and Token-Permissions checks.
"""
from __future__ import annotations

import re

import pytest
import yaml

from tests.helpers import lock_entries
from tools.book import ROOT

LOCKS = ["requirements.txt", "requirements-test.txt", "requirements-lab.txt", "requirements-cff.txt"]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
SHA256 = re.compile(r"--hash=sha256:[0-9a-f]{64}")


@pytest.mark.parametrize("name", LOCKS)
def test_every_locked_package_is_pinned_with_a_hash(name):
    entries = lock_entries(name)
    assert entries, f"{name} lists no packages"
    unhashed = [package for package, line in entries.items() if "==" not in line or not SHA256.search(line)]
    assert not unhashed, f"{name}: no exact pin or no sha256 hash for {unhashed}; run `make lock`"


@pytest.mark.parametrize("name", ["requirements-test.txt", "requirements-lab.txt"])
def test_the_test_and_lab_locks_agree_with_the_build_lock(name):
    book, other = lock_entries("requirements.txt"), lock_entries(name)
    differ = [package for package in book.keys() & other.keys() if book[package] != other[package]]
    assert not differ, f"pinned differently in requirements.txt and {name}: {differ}; run `make lock`"


def test_jupyterlab_stays_out_of_the_build_lock():
    assert "jupyterlab" not in lock_entries("requirements.txt"), "make book would install JupyterLab"
    assert "jupyterlab" in lock_entries("requirements-lab.txt")


def test_the_makefile_installs_the_locks_with_require_hashes():
    installs = [line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if "pip install" in line and " -r " in line]
    assert installs, "the Makefile installs no requirements file"
    assert all("--require-hashes" in line for line in installs), installs


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(workflow):
    text = workflow.read_text(encoding="utf-8")
    jobs = yaml.safe_load(text)["jobs"].values()
    refs = [job["uses"] for job in jobs if "uses" in job] + [step["uses"] for job in jobs for step in job.get("steps", []) if "uses" in step]
    assert refs, f"{workflow.name} uses no actions"
    for ref in refs:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a full commit SHA"
        assert re.search(rf"uses:\s+{re.escape(ref)}\s+#\s*v\d+(\.\d+)*\s*$", text, re.M), f"{ref} lacks a `# vX.Y.Z` comment"


def grants_write(permissions) -> bool:
    return permissions == "write-all" or (isinstance(permissions, dict) and "write" in permissions.values())


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_the_token_gets_only_the_permissions_each_job_declares(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    # Without a top-level block, a job that declares nothing gets the repository's default.
    assert "permissions" in data, f"{workflow.name}: no top-level permissions (use `permissions: {{}}`)"
    assert not grants_write(data["permissions"]), f"{workflow.name}: write permissions at the top level reach every job"
    write_all = [name for name, job in data["jobs"].items() if job.get("permissions") == "write-all"]
    assert not write_all, f"{workflow.name}: jobs {write_all} ask for write-all; name the scopes they need"

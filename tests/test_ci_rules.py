"""The CI rule in tests/conftest.py: under CI=true any skipped test fails the run
(a PostgreSQL-only test on SQLite aside); without CI a skip stays a skip."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import pytest

@pytest.mark.browser
def test_needs_a_browser():
    pytest.skip("no browser here")

def test_plain_skip():
    pytest.skip("no reason is good enough under CI")

@pytest.mark.once
def test_sweep():
    pass

@pytest.mark.once(database="postgresql")
def test_sweep_on_postgresql():
    pass

def test_plain():
    pass
"""


@pytest.fixture(scope="module")
def probe_runs():
    """The probe module above, run by pytest once under CI=true and once without CI
    (each run starts Django: two runs for all the cases)."""
    folder = ROOT / "tests" / f"_ci_probe_{os.getpid()}"
    folder.mkdir()
    try:
        (folder / "__init__.py").write_text("")
        (folder / "test_probe.py").write_text(PROBE)
        runs = {}
        for ci in ("true", ""):
            runs[ci] = subprocess.run(
                [sys.executable, "-m", "pytest", str(folder), "-v", "-p", "no:cacheprovider"],
                cwd=ROOT,
                env={**os.environ, "CI": ci},
                capture_output=True,
                text=True,
                timeout=300,
            )
        return runs
    finally:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


def outcome(run, name):
    """PASSED, SKIPPED, ... of the probe test ``name`` in a run, or None if it did not run."""
    found = re.search(rf"test_probe\.py::{name} (\w+)", run.stdout)
    return found.group(1) if found else None


def failed_for_skipping(run):
    if "counts as failure" not in run.stdout:
        return set()
    listed = run.stdout.split("counts as failure:", 1)[1]
    return set(re.findall(r"test_probe\.py::(\w+)", listed))


def test_skipped_browser_test_fails_under_ci(probe_runs):
    run = probe_runs["true"]
    assert run.returncode != 0, run.stdout
    assert "test_needs_a_browser" in failed_for_skipping(run)


def test_skipped_browser_test_is_a_skip_outside_ci(probe_runs):
    run = probe_runs[""]
    assert run.returncode == 0, run.stdout
    assert outcome(run, "test_needs_a_browser") == "SKIPPED"
    assert failed_for_skipping(run) == set()


def test_any_skipped_test_fails_under_ci(probe_runs):
    run = probe_runs["true"]
    assert failed_for_skipping(run) == {"test_needs_a_browser", "test_plain_skip"}


def test_a_sweep_marked_once_runs_on_its_database_and_is_deselected_not_skipped_on_the_other(
    probe_runs,
):
    from django.db import connection

    run = probe_runs["true"]
    assert outcome(run, "test_plain") == "PASSED"
    assert "1 deselected" in run.stdout
    if connection.vendor == "postgresql":
        assert outcome(run, "test_sweep") is None
        assert outcome(run, "test_sweep_on_postgresql") == "PASSED"
    else:
        assert outcome(run, "test_sweep") == "PASSED"
        assert outcome(run, "test_sweep_on_postgresql") is None


def test_every_browser_test_runs_once(request):
    """All of tests/browser is marked ``once`` (tests/browser/conftest.py): it runs on
    one of CI's two runs; the rest of the suite runs on both."""
    browser = [item for item in request.session.items if "/tests/browser/" in str(item.path)]
    others = [item for item in request.session.items if item not in browser]
    assert all("once" in item.keywords for item in browser)
    assert not any("once" in item.keywords for item in others if item.nodeid != request.node.nodeid)

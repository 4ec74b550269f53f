"""The CI rule in tests/conftest.py: under CI=true any skipped test fails the run
(a PostgreSQL-only test on SQLite aside); without CI a skip stays a skip."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SKIPPING_TEST = """
import pytest

@pytest.mark.browser
def test_needs_a_browser():
    pytest.skip("no browser here")
"""

PLAIN_SKIP = """
import pytest

def test_plain():
    pytest.skip("no reason is good enough under CI")
"""


def run_pytest(tmp_path, ci, source=SKIPPING_TEST):
    folder = ROOT / "tests" / f"_ci_probe_{os.getpid()}"
    folder.mkdir()
    try:
        (folder / "__init__.py").write_text("")
        (folder / "test_probe.py").write_text(source)
        env = {**os.environ, "CI": ci}
        return subprocess.run(
            [sys.executable, "-m", "pytest", str(folder), "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


def test_skipped_browser_test_fails_under_ci(tmp_path):
    result = run_pytest(tmp_path, "true")
    assert result.returncode != 0, result.stdout
    assert "counts as failure" in result.stdout


def test_skipped_browser_test_is_a_skip_outside_ci(tmp_path):
    result = run_pytest(tmp_path, "")
    assert result.returncode == 0, result.stdout


def test_any_skipped_test_fails_under_ci(tmp_path):
    result = run_pytest(tmp_path, "true", PLAIN_SKIP)
    assert result.returncode != 0, result.stdout
    assert "counts as failure" in result.stdout
    assert "test_plain" in result.stdout


ONCE_AND_PLAIN = """
import pytest

@pytest.mark.once
def test_sweep():
    pass

def test_plain():
    pass
"""


def test_a_sweep_marked_once_runs_on_sqlite_and_is_deselected_not_skipped_on_postgresql(
    tmp_path,
):
    from django.db import connection

    result = run_pytest(tmp_path, "true", ONCE_AND_PLAIN)
    assert result.returncode == 0, result.stdout
    assert "skipped" not in result.stdout
    if connection.vendor == "postgresql":
        assert "1 passed, 1 deselected" in result.stdout
    else:
        assert "2 passed" in result.stdout
        assert "deselected" not in result.stdout


def test_every_browser_test_runs_once(request):
    """All of tests/browser is marked ``once`` (tests/browser/conftest.py): on the
    PostgreSQL run of CI it is deselected; the rest of the suite is not."""
    browser = [item for item in request.session.items if "/tests/browser/" in str(item.path)]
    others = [item for item in request.session.items if item not in browser]
    assert all("once" in item.keywords for item in browser)
    assert not any("once" in item.keywords for item in others if item.nodeid != request.node.nodeid)

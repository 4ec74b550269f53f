"""The CI rule in tests/conftest.py: under CI=true a skipped browser or PostgreSQL test
fails the run; without CI it stays a skip."""

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

def test_plain():
    pytest.skip("an ordinary skip is fine")
"""


def run_pytest(tmp_path, ci):
    folder = ROOT / "tests" / f"_ci_probe_{os.getpid()}"
    folder.mkdir()
    try:
        (folder / "__init__.py").write_text("")
        (folder / "test_probe.py").write_text(SKIPPING_TEST)
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

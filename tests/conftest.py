"""Shared fixtures, and the CI rule: under CI=true every skipped test fails the run,
except a PostgreSQL-only test on the SQLite run (CI runs both databases)."""

import os

import pytest
from django.db import connection

from tests import factories


def pytest_collection_modifyitems(config, items):
    # A test that needs PostgreSQL is skipped on SQLite runs; CI runs both.
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL)"))


_skipped_required = []


def pytest_runtest_logreport(report):
    if report.skipped and os.environ.get("CI", "").lower() == "true":
        markers = set(report.keywords)
        on_sqlite_only_pg = "postgres" in markers and connection.vendor != "postgresql"
        if not on_sqlite_only_pg:
            _skipped_required.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped_required:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _skipped_required:
        terminalreporter.write_line(
            "CI=true: these tests were skipped, which counts as failure:",
            red=True,
        )
        for nodeid in _skipped_required:
            terminalreporter.write_line(f"  {nodeid}", red=True)


@pytest.fixture(autouse=True)
def german_by_default():
    """Each test starts in German, whatever language an earlier request activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def municipality(db):
    return factories.MunicipalityFactory(name="Dresden", slug="dresden")


@pytest.fixture
def other_municipality(db):
    return factories.MunicipalityFactory(name="Leipzig", slug="leipzig")


def make_user_with_role(municipality, kind, **role_kwargs):
    role = factories.RoleFactory(municipality=municipality, kind=kind, **role_kwargs)
    return role.user

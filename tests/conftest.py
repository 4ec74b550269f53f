"""Shared fixtures, and the CI rule: under CI=true every skipped test fails the run,
except a PostgreSQL-only test on the SQLite run (CI runs both databases).

A test marked ``once`` (every browser test: see tests/browser/conftest.py) runs on one
of the two runs only, the SQLite run unless marked ``once(database="postgresql")``: on
the other it is deselected, not skipped, so the CI rule is kept and the browser's time
is spent once (and shared between the two runs, which CI starts side by side)."""

import os
import time
from types import SimpleNamespace

import pytest
from django.db import connection

from tests import factories
from tests.smtp import RecordingHandler, start_server


def pytest_collection_modifyitems(config, items):
    # A test that needs PostgreSQL is skipped on SQLite runs; CI runs both.
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL)"))
    this_run = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    elsewhere = [item for item in items if once_on(item) not in (None, this_run)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if item not in elsewhere]


def once_on(item):
    """The database whose CI run runs a test marked ``once``; None for other tests."""
    marker = item.get_closest_marker("once")
    return None if marker is None else marker.kwargs.get("database", "sqlite")


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


@pytest.fixture(autouse=True)
def shared_cache_starts_empty(request):
    """Rate-limit counters and lock-out claims live in the database cache, whose table is
    no model: the flush after a transactional test leaves it as it was. Every test that
    uses the database starts with it empty."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from django.core.cache import cache

    from teilhabe.web.caching import local_copies

    cache.clear()
    local_copies.clear()  # the process's copies of what the shared cache held


@pytest.fixture
def rate_limit_clock(monkeypatch):
    """django-ratelimit picks the counting window from the clock; in this test the clock
    of the rate limits stands still, so the test never straddles two windows. (Only the
    window: cache entries still expire by the real clock.)"""
    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))
    return now


@pytest.fixture(scope="module")
def dresden_demo(django_db_setup, django_db_blocker):
    """The Dresden demo (``load_dresden``'s report), loaded once for a test module: in a
    transaction around all of its tests (each test's own transaction is a savepoint in
    it, rolled back after the test), rolled back when the module is done. Loading takes
    seconds; a test that needs the demo asks for ``db`` and this."""
    from django.db import transaction

    from teilhabe.demo.loader import load_dresden

    with django_db_blocker.unblock(), transaction.atomic():
        report = load_dresden()
        with django_db_blocker.block():
            yield report
        transaction.set_rollback(True)


@pytest.fixture
def municipality(db):
    return factories.MunicipalityFactory(name="Dresden", slug="dresden")


@pytest.fixture
def other_municipality(db):
    return factories.MunicipalityFactory(name="Leipzig", slug="leipzig")


def make_user_with_role(municipality, kind, **role_kwargs):
    role = factories.RoleFactory(municipality=municipality, kind=kind, **role_kwargs)
    return role.user


@pytest.fixture
def smtp_server(settings):
    """Start a local SMTP server (``smtp_server(refuse=..., hold=...)``) and point this
    process's mail settings at it; returns its RecordingHandler."""

    def start(**options):
        handler = RecordingHandler(**options)
        started.append(start_server(handler))
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = handler.port
        return handler

    started = []
    yield start
    for controller in started:
        controller.stop()

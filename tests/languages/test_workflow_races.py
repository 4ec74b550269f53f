"""The import against simultaneous requests, on SQLite and PostgreSQL: a German text
rewritten at the moment the import is confirmed is never lost and never gets a
translation marked current that was made from the old text; a file confirmed twice at
once is imported once."""

import threading
import time
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from teilhabe.languages import selectors, services, xliff
from teilhabe.languages.fields import source_version
from teilhabe.languages.models import TranslationImport
from teilhabe.plan.models import Measure
from tests import factories
from tests.languages.test_workflow import fill
from tests.plan.factories import MeasureFactory
from tests.simultaneous import CSRF_INPUT, Browser, bounded_server, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

OLD, NEW = "Sprachcafés", "Sprachcafés in allen Stadtteilen"


@pytest.fixture
def dresden():
    dresden = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    services.change_content_languages(dresden, ["de", "en", "uk"], {})
    return dresden


def stored_import(dresden):
    units = selectors.export_units(dresden, "uk")
    content = fill(xliff.write_xliff(units, "uk", original="t"), lambda text: f"UK {text}")
    return TranslationImport.objects.create(municipality=dresden, filename="f.xlf", content=content)


def office_browser(live_server, dresden, path):
    office = factories.RoleFactory(municipality=dresden).user
    client = Client()
    client.force_login(office)
    split = urlsplit(live_server.url)
    browser = Browser(split.hostname, split.port)
    browser.cookies["sessionid"] = client.cookies["sessionid"].value
    status, page = browser.request("GET", path)
    assert status == 200, page[:500]
    return browser, CSRF_INPUT.search(page).group(1)


def rewrite_german(pk):
    """An editor's change of the German title, as a careful editing service makes it:
    under the row's lock, in its own transaction."""
    with transaction.atomic():
        measure = Measure.objects.select_for_update().get(pk=pk)
        measure.title.set("de", NEW)
        measure.save(update_fields=["title"])
    return "edited"


def test_an_edit_at_the_moment_of_confirmation_is_neither_lost_nor_hidden(live_server, dresden):
    measure = MeasureFactory(
        goal__field__cycle__municipality=dresden, title=OLD, description="Was die Stadt tut."
    )
    upload = stored_import(dresden)
    path = reverse("languages:import_preview", kwargs={"municipality": "dresden", "pk": upload.pk})
    browser, csrf = office_browser(live_server, dresden, path)
    try:
        with bounded_server(live_server, 2):
            (status, page), edited = run_at_once(
                [
                    lambda: browser.request("POST", path, {"csrfmiddlewaretoken": csrf}),
                    lambda: rewrite_german(measure.pk),
                ]
            )
    finally:
        browser.close()
    assert edited == "edited"
    measure.refresh_from_db()
    # The editor's German always survives.
    assert measure.title.text("de") == NEW
    if status == 302:
        # The import came first: its translation stays, marked as made from the old text.
        assert measure.title.text("uk") == f"UK {OLD}"
        assert measure.title.sources["uk"] == source_version(OLD)
        assert measure.title.is_outdated("uk")
        assert measure.description.text("uk") == "UK Was die Stadt tut."
    else:
        # The edit came first: the import is refused as a whole, with the reason.
        assert status == 409, page[:500]
        assert "Der deutsche Text hat sich seit dem Export geändert" in page
        assert not measure.title.get("uk") and not measure.description.get("uk")
        assert TranslationImport.objects.get().imported_at is None


def test_a_file_confirmed_twice_at_once_is_imported_once(live_server, dresden):
    measure = MeasureFactory(goal__field__cycle__municipality=dresden, title=OLD)
    upload = stored_import(dresden)
    path = reverse("languages:import_preview", kwargs={"municipality": "dresden", "pk": upload.pk})
    browsers = [office_browser(live_server, dresden, path) for _ in range(2)]
    try:
        with bounded_server(live_server, 2):
            results = run_at_once(
                [
                    lambda b=b, c=c: (b.request("POST", path, {"csrfmiddlewaretoken": c}), b)
                    for b, c in browsers
                ]
            )
        locations = sorted(browser.last_location for _result, browser in results)
    finally:
        for browser, _csrf in browsers:
            browser.close()
    assert [status for (status, _page), _b in results] == [302, 302]
    # One import goes to the language page, the other finds the file imported already.
    assert locations == sorted([path, "/dresden/uebersetzungen/uk/"])
    upload.refresh_from_db()
    assert upload.imported_count == len(selectors.units_of(dresden))
    measure.refresh_from_db()
    assert measure.title.text("uk") == f"UK {OLD}" and not measure.title.is_outdated("uk")


def test_a_confirmation_waits_for_an_edit_in_progress_and_then_refuses(dresden):
    """The editor holds the row when the confirmation starts: the confirmation must
    wait for the edit and then see the new German text (a confirmation that read the
    row without its lock would check the old text and write it back over the edit)."""
    measure = MeasureFactory(goal__field__cycle__municipality=dresden, title=OLD)
    upload = stored_import(dresden)
    holding = threading.Event()

    def edit():
        with transaction.atomic():
            locked = Measure.objects.select_for_update().get(pk=measure.pk)
            locked.title.set("de", NEW)
            locked.save(update_fields=["title"])
            holding.set()
            time.sleep(1)  # the confirmation starts meanwhile
        return "edited"

    def confirm():
        assert holding.wait(30)
        try:
            return services.confirm_import(upload.pk, dresden)
        except services.ImportRefused as refused:
            return [unit.error for unit in refused.preview.errors]

    edited, confirmed = run_at_once([edit, confirm])
    assert edited == "edited"
    assert confirmed == [
        "Der deutsche Text hat sich seit dem Export geändert; exportieren Sie ihn neu."
    ]
    measure.refresh_from_db()
    assert measure.title.text("de") == NEW
    assert not measure.title.get("uk")

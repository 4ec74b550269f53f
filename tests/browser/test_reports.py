"""The implementation report in the browser (issue 13), one lean journey: the office
asks for a PDF, the page shows that it waits and, once the worker laid it out, offers
the download without a reload (htmx); the file is a PDF (0 axe violations)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.once(database="postgresql")]


def test_the_office_makes_a_pdf_and_downloads_it(
    page, base_url, transactional_db, log_in, axe_check
):
    from tests import factories
    from tests.reports.factories import build_plan, office_user

    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    build_plan(municipality)
    log_in(page, office_user(municipality))
    page.goto(f"{base_url}/dresden/berichte/2021/verwalten/")
    page.locator("#id_starts_on").fill("2021-01-01")
    page.locator("#id_ends_on").fill("2022-12-31")
    page.get_by_role("button", name="PDF erstellen").click()
    expect(page.locator("#report-waiting")).to_contain_text("Das PDF wartet")
    axe_check(page)

    call_command("worker", batch=True, interval=0, verbosity=0)
    expect(page.locator("#report-ready")).to_be_visible(timeout=15_000)  # htmx asked again
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    path = download.value.path()
    with open(path, "rb") as file:
        assert file.read(5) == b"%PDF-"
    axe_check(page)

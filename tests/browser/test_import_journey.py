"""The office imports a file of organisations: from the workspace to the upload form,
the check's progress and preview (htmx asks until the worker is done), an error shown
per row and column, the corrected file, the confirmation and the result."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def run_worker():
    from django.core.management import call_command

    call_command("worker", batch=True, interval=0, verbosity=0)


@pytest.mark.once(database="postgresql")
def test_upload_preview_confirm_import(page, base_url, directory_data, log_in, axe_check):
    from teilhabe.accounts.models import Role
    from teilhabe.directory.models import Organisation
    from tests import factories

    office = factories.RoleFactory(
        municipality=directory_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="import@example.org",
    ).user
    log_in(page, office)
    with page.expect_navigation():
        page.locator("#office-data a").first.click()
    axe_check(page)

    def upload(content):
        page.locator("input[name=kind][value=organisations]").check()
        page.locator("#id_file").set_input_files(
            {"name": "vereine.csv", "mimeType": "text/csv", "buffer": content}
        )
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()

    # Windows-1252, as German Excel saves "CSV": one row with a bad web address.
    upload("name;type;website\r\nVerein Grün;migrant;keine-adresse\r\n".encode("cp1252"))
    expect(page.locator("#import-checking")).to_be_visible()
    run_worker()
    expect(page.locator("#import-refused")).to_be_visible(timeout=10_000)
    expect(page.locator("#import-errors")).to_contain_text("website")
    expect(page.locator("#import-errors")).to_contain_text("vollständige Webadresse")
    axe_check(page)

    page.locator("main a", has_text="Eine andere Datei hochladen").click()
    upload(
        "name;type;website\r\nVerein Grün;migrant;https://gruen.example.org\r\n".encode("cp1252")
    )
    run_worker()
    expect(page.locator("#import-checked")).to_be_visible(timeout=10_000)
    expect(page.locator("#import-changes")).to_contain_text("Verein Grün")
    axe_check(page)
    assert not Organisation.objects.filter(name="Verein Grün").exists()
    with page.expect_navigation():
        page.locator("#import-confirm button.kern-btn--primary").click()
    expect(page.locator("#import-importing")).to_be_visible()
    run_worker()
    expect(page.locator("#import-done")).to_contain_text("1 neu", timeout=10_000)
    organisation = Organisation.objects.get(name="Verein Grün")
    assert organisation.website == "https://gruen.example.org"
    assert page.console_errors == []

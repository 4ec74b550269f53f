"""Issue 12's "Done when" for the directory: an organisation is claimed, verified and
edited in the browser. A person without an account asks to represent the Ukrainian
community from its public profile and confirms the address by the mailed link; the
office finds the request in its workspace and verifies it; the person chooses a
password through the mailed link, logs in, and edits the now verified profile from the
organisation's page for representatives; the change waits until the office approves
it, and the public profile then shows it."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.once(database="postgresql")]


def _link(mail, pattern):
    return re.search(rf"https?://[^/\s]+({pattern}\S*)", mail.body_text).group(1)


def test_claim_verify_and_edit_an_organisation(page, base_url, directory_data, log_in):
    from teilhabe.accounts.models import Role
    from teilhabe.mail.models import OutgoingMail
    from tests import factories

    organisation = directory_data.gemeinde
    office = factories.RoleFactory(
        municipality=directory_data.dresden, kind=Role.Kind.OFFICE_ADMIN
    ).user

    # The person asks from the public profile.
    page.goto(f"{base_url}{organisation.get_absolute_url()}")
    page.get_by_role("link", name="Arbeiten Sie für diese Organisation?").click()
    page.locator("#id_full_name").fill("Olena Koval")
    page.locator("#id_email").fill("olena@example.org")
    page.locator("#id_message").fill("Ich bin die Vorsitzende.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#claim-sent")).to_contain_text("olena@example.org")

    # The link in the mail: a button confirms.
    mail = OutgoingMail.objects.get(purpose="representation_claim_confirm")
    page.goto(base_url + _link(mail, "/dresden/verzeichnis/anfrage/"))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#claim-confirmed")).to_be_visible()

    # The office: from its workspace to the request, which it verifies.
    log_in(page, office)
    page.locator("#office-claims a").click()
    expect(page.locator("#claim-details")).to_contain_text("Ich bin die Vorsitzende.")
    expect(page.locator("#what-happens")).to_contain_text("olena@example.org")
    expect(page.locator("#id_mark_verified")).to_be_checked()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Olena Koval vertritt nun die Organisation")
    page.context.clear_cookies()  # logged out

    # The person chooses a password through the mailed link and logs in.
    mail = OutgoingMail.objects.get(purpose="representation_claim_verified")
    page.goto(base_url + _link(mail, "/konto/passwort-neu/"))
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    representative = Role.objects.get(user__email="olena@example.org").user
    log_in(page, representative)

    # From the workspace to the organisation's page, and on to its profile form.
    page.get_by_role(
        "link", name=re.compile("Vertretung, Veranstaltungen und Stellungnahmen")
    ).click()
    expect(page.locator("#representatives")).to_contain_text("olena@example.org")
    page.get_by_role("link", name="Profil bearbeiten").click()
    page.locator("#id_district").fill("Johannstadt")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("an das Integrationsbüro gesendet")
    expect(page.locator("main dl").first).not_to_contain_text("Johannstadt")
    page.context.clear_cookies()  # logged out

    # The office approves from its workspace; the public profile shows the change.
    log_in(page, office)
    page.get_by_role("link", name=re.compile("Änderungen an .*Ukrainische Gemeinde")).click()
    page.get_by_role("button", name="Freigeben und veröffentlichen").click()
    expect(page.locator("main dl").first).to_contain_text("Johannstadt")
    assert not page.console_errors, page.console_errors

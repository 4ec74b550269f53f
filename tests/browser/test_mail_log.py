"""The office's mail log and its confirmation step pass axe in all three languages,
and a failed mail is sent again by keyboard."""

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGE_PREFIXES, LANGUAGES

pytestmark = pytest.mark.browser


@pytest.fixture
def mail_data(directory_data):
    from teilhabe.accounts.models import Role
    from teilhabe.mail.models import OutgoingMail
    from tests import factories

    directory_data.office = factories.RoleFactory(
        municipality=directory_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="buero@example.org",
        user__full_name="Ina Integrationsbüro",
    ).user
    mail = dict(municipality=directory_data.dresden, subject="Erinnerung", body_text="Hallo")
    OutgoingMail.objects.create(
        **mail, purpose="event_reminder", to="anna@example.org", status="sent", attempts=1
    )
    directory_data.failed = OutgoingMail.objects.create(
        **mail,
        purpose="event_invitation",
        to="bert@example.org",
        status="failed",
        attempts=5,
        last_error="SMTPRecipientsRefused: {'bert@example.org': (550, b'No such user')}",
    )
    return directory_data


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["", "?status=unknown", "{failed}/erneut-senden/"])
def test_mail_log_pages_are_accessible(
    page, base_url, log_in, mail_data, axe_check, language, path
):
    prefix = LANGUAGE_PREFIXES[language]
    log_in(page, mail_data.office, prefix=prefix)
    page.goto(f"{base_url}{prefix}/dresden/postausgang/{path.format(failed=mail_data.failed.pk)}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
    page.set_viewport_size({"width": 360, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []


def test_the_office_sends_a_failed_mail_again_by_keyboard(page, base_url, log_in, mail_data):
    from teilhabe.mail.models import OutgoingMail

    log_in(page, mail_data.office)
    page.goto(f"{base_url}/dresden/postausgang/?status=failed")
    page.locator("main a[href$='/erneut-senden/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/postausgang/{mail_data.failed.pk}/erneut-senden/")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/postausgang/")
    assert OutgoingMail.objects.get(pk=mail_data.failed.pk).status == "queued"

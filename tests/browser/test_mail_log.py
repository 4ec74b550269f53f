"""A failed mail is sent again by keyboard, each focus visible on the way (the mail
log's pages are swept with axe in test_accessibility.py)."""

import pytest

from .helpers import tab_to

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


def test_the_office_sends_a_failed_mail_again_by_keyboard(page, base_url, log_in, mail_data):
    from teilhabe.mail.models import OutgoingMail

    log_in(page, mail_data.office)
    page.goto(f"{base_url}/dresden/postausgang/?status=failed")
    # From the filter, by Tab: past the table's scrolling region (its focus shows too).
    page.locator("main form button[type=submit]").focus()
    tab_to(page, "main [role=region]")
    tab_to(page, "main a[href$='/erneut-senden/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/postausgang/{mail_data.failed.pk}/erneut-senden/")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/postausgang/")
    assert OutgoingMail.objects.get(pk=mail_data.failed.pk).status == "queued"

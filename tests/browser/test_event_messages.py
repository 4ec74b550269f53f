"""Writing to an event's participants in the browser, by keyboard, in all three
languages and on a phone: from the management page to the form, the confirmation page
that counts the people, and back to the management page that lists the message; axe on
every step."""

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGE_PREFIXES, LANGUAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_office_writes_to_participants_by_keyboard(
    page, base_url, directory_data, log_in, axe_check, language
):
    from teilhabe.accounts.models import Role
    from teilhabe.events.models import EventMessage, Registration
    from teilhabe.mail.models import OutgoingMail
    from tests import factories
    from tests.events.factories import EventFactory, RegistrationFactory

    event = EventFactory(municipality=directory_data.dresden, slug="werkstatt", capacity=1)
    RegistrationFactory(event=event, name="Anna Ankunft", email="anna@example.org")
    RegistrationFactory(
        event=event, name="Bao Wartend", email="bao@example.org", status=Registration.Status.WAITING
    )
    office = factories.RoleFactory(
        municipality=directory_data.dresden, kind=Role.Kind.OFFICE_ADMIN
    ).user
    prefix = LANGUAGE_PREFIXES[language]
    log_in(page, office, prefix=prefix)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/werkstatt/verwalten/")
    page.locator("#message-link").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("label[for=id_groups_1]")).to_contain_text("(1)")
    axe_check(page)

    page.locator("input[name=groups][value=waiting]").focus()
    page.keyboard.press("Space")
    page.locator("#id_subject_0").fill("Raumänderung")
    page.locator("#id_body_0").fill("Wir treffen uns im Saal 2.")
    page.locator("#message-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#recipients-waiting")).to_contain_text("1")
    expect(page.locator("#message-subject")).to_have_text("Raumänderung")
    axe_check(page)
    assert not EventMessage.objects.exists()

    page.locator("main form button[type=submit]").first.focus()  # "Yes, send"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#sent-messages")).to_contain_text("Raumänderung")
    axe_check(page)
    assert list(OutgoingMail.objects.values_list("to", "purpose")) == [
        ("bao@example.org", "event_message")
    ]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []

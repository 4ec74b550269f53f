"""Commenting on a draft with the keyboard only, in the real browser, with axe-core on
every page, in German, English and plain language (the plain-language reader gets the
plain version of the text): Tab to the section's "Comment on this section" button,
write, send, confirm through the link of the mail (read from the outbox), and find the
comment published on the draft (post-moderation) or waiting for the moderator (pre)."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGE_PREFIXES, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def consultation_data(directory_data):
    from django.utils import timezone

    from teilhabe.consultation.models import Consultation
    from tests.consultation.factories import ConsultationFactory, DraftFactory, SectionFactory
    from tests.plan.factories import ConceptCycleFactory

    today = timezone.localdate()
    consultation = ConsultationFactory(
        cycle=ConceptCycleFactory(municipality=directory_data.dresden, slug="ik-2021"),
        slug="analyse",
        title={"de": "Beteiligung zur Analyse", "en": "Consultation on the analysis"},
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=1),
        moderation=Consultation.Moderation.POST,
    )
    draft = DraftFactory(consultation=consultation, version=1, title="Analyse")
    SectionFactory(draft=draft, key="sprache", position=0, number="1", level=1, heading="Sprache")
    SectionFactory(draft=draft, key="kurse", position=1, number="1.1", heading="Sprachkurse")
    SectionFactory(
        draft=draft,
        key="arbeit",
        position=2,
        number="1.2",
        heading="Arbeit",
        text={
            "de": "Ausländische Berufsabschlüsse sollen schneller anerkannt werden.",
            "en": "Foreign qualifications should be recognised faster.",
            "de-x-simple": "Abschlüsse aus anderen Ländern: Die Stadt prüft sie schneller.",
        },
    )
    directory_data.consultation = consultation
    return directory_data


def confirm_link(email):
    from teilhabe.mail.models import OutgoingMail

    mail = OutgoingMail.objects.filter(to=email, purpose="consultation_comment_confirm").latest(
        "created_at"
    )
    return urlsplit(re.search(r"https?://\S+/bestaetigen/", mail.body_text).group(0)).path


# The section's text as each reader gets it: plain language for the plain-language reader.
SECTION_TEXT = {
    "de": "Ausländische Berufsabschlüsse sollen schneller anerkannt werden.",
    "en": "Foreign qualifications should be recognised faster.",
    "de-x-simple": "Abschlüsse aus anderen Ländern: Die Stadt prüft sie schneller.",
}


@pytest.mark.parametrize("language", ["de", "en", "de-x-simple"])
def test_comment_with_the_keyboard_only(page, base_url, consultation_data, axe_check, language):
    from teilhabe.consultation.models import Comment

    prefix = LANGUAGE_PREFIXES[language]
    email = f"leser-{language}@example.org"
    page.goto(f"{base_url}{prefix}/dresden/beteiligung/analyse/entwurf/1/")
    expect(page.locator("#abschnitt-arbeit").locator("xpath=..")).to_contain_text(
        SECTION_TEXT[language]
    )
    axe_check(page)
    tab_to(page, "a.comment-button[href$='/abschnitt/arbeit/kommentieren/']", max_tabs=120)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/abschnitt/arbeit/kommentieren/$"))
    page.wait_for_load_state()
    axe_check(page)
    tab_to(page, "#id_text")
    page.keyboard.type("Bitte mehr Beratung <b>für</b> Berufseinsteiger.")
    tab_to(page, "#id_name")
    page.keyboard.type("Lea")
    tab_to(page, "#id_email")
    page.keyboard.type(email)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#comment-sent")).to_be_visible()
    axe_check(page)
    comment = Comment.objects.get(section__key="arbeit")
    assert comment.status == Comment.Status.UNCONFIRMED

    page.goto(f"{base_url}{confirm_link(email)}")
    axe_check(page)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED  # opening the link is not enough
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#comment-confirmed")).to_be_visible()
    axe_check(page)
    comment.refresh_from_db()
    assert (comment.status, comment.email) == (Comment.Status.PUBLISHED, "")

    page.goto(f"{base_url}{prefix}/dresden/beteiligung/analyse/entwurf/1/")
    # The browser may keep the public page it saw before for a few seconds; a reload
    # asks the server, whose page is new since the comment was published.
    page.reload()
    section = page.locator("#abschnitt-arbeit").locator("xpath=..")
    expect(section).to_contain_text("Bitte mehr Beratung für Berufseinsteiger.")
    expect(section).to_contain_text("Lea")
    assert page.console_errors == []

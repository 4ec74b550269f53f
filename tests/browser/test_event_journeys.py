"""Event journeys in the browser, in all three languages, with axe-core on every
page: register, confirm by the mail's link, cancel (after a confirmation step), get
promoted from the waiting list, check people in on a phone on the event's day. The
staff pages and their confirmation steps are swept in test_accessibility.py."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGE_PREFIXES, LANGUAGES

pytestmark = pytest.mark.browser


@pytest.fixture
def event_data(directory_data):
    from tests.events.factories import EventFactory

    directory_data.workshop = EventFactory(
        municipality=directory_data.dresden,
        title="Werkstatt Ankommen",
        slug="werkstatt",
        capacity=1,
    )
    directory_data.online = EventFactory(
        municipality=directory_data.dresden,
        title="Übergabe online",
        slug="uebergabe",
        online=True,
        capacity=1,
    )
    return directory_data


def mail_link(email, purpose, pattern):
    """The link in the latest mail of ``purpose`` to ``email``; the worker writes the
    mails of registering and confirming after the request, so it runs first."""
    from django.core.management import call_command

    from teilhabe.mail.models import OutgoingMail

    call_command("worker", batch=True, interval=0, verbosity=0)
    mail = OutgoingMail.objects.filter(to=email, purpose=purpose).latest("created_at")
    url = re.search(pattern, mail.body_text).group(0)
    return urlsplit(url).path


def register_and_confirm(page, base_url, prefix, slug, name, email, axe_check):
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/{slug}/")
    axe_check(page)
    page.locator(f"main a[href$='/{slug}/anmelden/']").first.click()
    page.wait_for_load_state()
    axe_check(page)
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
    confirm_path = mail_link(email, "event_opt_in", r"https?://\S+/bestaetigen/")
    page.goto(f"{base_url}{confirm_path}")
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/anmeldung/[^/]+/$"))
    axe_check(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_register_confirm_and_cancel(page, base_url, event_data, axe_check, language):
    from teilhabe.events.models import Registration

    prefix = LANGUAGE_PREFIXES[language]
    register_and_confirm(
        page,
        base_url,
        prefix,
        "werkstatt",
        "Amina Beispiel",
        f"amina-{language}@example.org",
        axe_check,
    )
    expect(page.locator("html")).to_have_attribute("lang", language)
    registration = Registration.objects.get(email=f"amina-{language}@example.org")
    assert registration.status == Registration.Status.CONFIRMED

    page.locator("#cancel-link").click()
    page.wait_for_load_state()
    axe_check(page)  # the confirmation step: nothing has happened yet
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/anmeldung/[^/]+/$"))
    axe_check(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


@pytest.mark.parametrize("language", LANGUAGES)
def test_waiting_list_and_promotion(page, base_url, event_data, axe_check, language):
    from teilhabe.events import services
    from teilhabe.events.models import Registration
    from tests.events.factories import RegistrationFactory

    prefix = LANGUAGE_PREFIXES[language]
    holder = RegistrationFactory(event=event_data.online, email="erste@example.org")
    register_and_confirm(
        page,
        base_url,
        prefix,
        "uebergabe",
        "Bao Beispiel",
        f"bao-{language}@example.org",
        axe_check,
    )
    waiting = Registration.objects.get(email=f"bao-{language}@example.org")
    assert waiting.status == Registration.Status.WAITING
    main = page.locator("main")
    expect(main).not_to_contain_text(event_data.online.join_url)
    expect(main).not_to_contain_text(event_data.online.passcode)

    services.cancel(holder)  # a seat becomes free: the waiting person moves up
    page.reload()
    page.wait_for_load_state()
    axe_check(page)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    expect(main).to_contain_text(event_data.online.join_url)
    expect(main).to_contain_text(event_data.online.passcode)
    assert page.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_in_on_a_phone(page, base_url, event_data, log_in, axe_check, language):
    from datetime import timedelta

    from django.utils import timezone

    from teilhabe.accounts.models import Role
    from teilhabe.events.models import Registration
    from tests import factories
    from tests.events.factories import RegistrationFactory

    prefix = LANGUAGE_PREFIXES[language]
    event = event_data.workshop
    event.capacity = 5
    # Check-in is open on the day of the event only: the event runs now.
    event.starts_at = timezone.now() - timedelta(hours=1)
    event.ends_at = timezone.now() + timedelta(hours=2)
    event.save()
    anna = RegistrationFactory(event=event, name="Anna Ankunft")
    RegistrationFactory(event=event, name="Boris Beispiel")
    office = factories.RoleFactory(
        municipality=event_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="einlass@example.org",
    ).user
    log_in(page, office, prefix=prefix)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/werkstatt/einlass/")
    axe_check(page)
    expect(page.locator("#check-in-count")).to_contain_text("0")

    page.locator("#check-in-q").fill("Anna")
    expect(page.locator("#check-in-list tbody tr")).to_have_count(1)
    page.locator(f"#check-in-{anna.pk} button[value=check_in]").click()
    expect(page.locator(f"#check-in-{anna.pk} button[value=undo]")).to_be_visible()
    expect(page.locator("#check-in-count")).to_contain_text("1")
    axe_check(page)
    anna.refresh_from_db()
    assert anna.checked_in_at is not None
    assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []


def test_reserving_beyond_the_capacity_has_a_confirmation_step(
    page, base_url, event_data, log_in, axe_check
):
    from teilhabe.accounts.models import Role
    from teilhabe.events.models import Registration
    from tests import factories
    from tests.events.factories import RegistrationFactory

    event = event_data.workshop  # one seat
    RegistrationFactory(event=event, name="Anna Ankunft")
    office = factories.RoleFactory(
        municipality=event_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="buero3@example.org",
    ).user
    log_in(page, office)
    page.goto(f"{base_url}/dresden/veranstaltungen/werkstatt/teilnehmende/")
    page.locator("#id_neu-name").fill("Dana Extra")
    page.locator("#id_neu-email").fill("dana@example.org")
    with page.expect_navigation():
        page.locator("main form input[name=action][value=add] ~ .form-actions button").click()
    expect(page.locator("#what-happens")).to_contain_text("dana@example.org")
    axe_check(page)
    assert not Registration.objects.filter(email="dana@example.org").exists()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Registration.objects.get(email="dana@example.org").status == "confirmed"
    assert page.console_errors == []


def test_office_creates_and_publishes_an_event_by_keyboard(
    page, base_url, event_data, log_in, axe_check
):
    """At 360 px in German, with the keyboard: create a draft, add a programme item,
    publish it after the confirmation step; the event is then public."""
    from datetime import timedelta

    from django.utils import timezone

    from teilhabe.accounts.models import Role
    from teilhabe.events.models import Event
    from tests import factories

    from .helpers import tab_to

    office = factories.RoleFactory(
        municipality=event_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="buero4@example.org",
    ).user
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, office)
    page.goto(f"{base_url}/dresden/veranstaltungen/")
    tab_to(page, "#create-event-link", max_tabs=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    starts = timezone.localtime(timezone.now() + timedelta(days=40)).replace(hour=10, minute=0)
    page.locator("[name=title_de]").focus()
    page.keyboard.type("Werkstatt Nachbarschaft")
    page.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill((starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_capacity").focus()
    page.keyboard.type("25")
    page.locator("#event-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    event = Event.objects.get(title__de="Werkstatt Nachbarschaft")
    assert event.status == Event.Status.DRAFT
    # The programme page: add the first item.
    axe_check(page)
    page.locator("#id_programm-0-starts_at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=programm-0-title_de]").focus()
    page.keyboard.type("Begrüßung")
    page.locator("#programme-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert event.programme.get().title.text("de") == "Begrüßung"
    tab_to(page, "#publish-link", max_tabs=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#what-happens")).to_contain_text("öffentlich")
    axe_check(page)
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    page.locator("main form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.goto(f"{base_url}/dresden/veranstaltungen/")
    expect(page.locator("main .event-list")).to_contain_text("Werkstatt Nachbarschaft")
    assert page.console_errors == []

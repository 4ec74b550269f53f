"""The journeys of issue 9's "Done when", each in German and English on a phone
(360 × 740 px): after logging in through the login form, every page is reached by
the links and buttons a person sees, starting from "Mein Bereich", never by typing an
address; forms are filled with the keyboard (Tab, typing, arrows, Space, Enter).

- The office creates an invitation-only event, adds its programme, publishes it after
  the confirmation step, invites an address and an organisation from the directory,
  and checks the people who registered in at the entrance on the event's day.
- The office writes to the participants without typing an address (the page comes with
  the "Write to participants" work; see ``test_office_writes_to_participants``).
- A department editor files a status report from "report now" in the workspace.
- An organisation's representative edits its verified profile; the change waits until
  the office approves it from the workspace, and the public profile then shows it.

Every step asserts what the person sees (headings, messages, table rows, states), and
the database where the outcome is not visible (mails queued)."""

from datetime import datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from .helpers import (
    BROWSER_LOCALES,
    LANGUAGE_PREFIXES,
    PASSWORD,
    tab_to,
    translated,
    type_datetime,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
JOURNEY_LANGUAGES = ["de", "en"]


@pytest.fixture(params=JOURNEY_LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def browser_locale(language):
    return BROWSER_LOCALES[language]


@pytest.fixture
def context(browser, browser_locale):
    """A phone-sized window. Reduced motion, as the person's system may ask for it:
    KERN scrolls smoothly otherwise, and a quick Tab overtakes the scrolling."""
    context = browser.new_context(
        locale=browser_locale, viewport=PHONE, reduced_motion="reduce", has_touch=True
    )
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def t(language):
    """``t(msgid, **values)``: the interface text as the journey's language shows it."""
    return lambda message, **values: translated(language, message, **values)


@pytest.fixture
def journey_data(directory_data):
    from teilhabe.accounts.models import Role
    from tests import factories
    from tests.plan.factories import (
        ConceptCycleFactory,
        FieldOfActionFactory,
        GoalFactory,
        MeasureFactory,
        StatusReportFactory,
    )

    data = directory_data
    data.office = factories.RoleFactory(
        municipality=data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="buero@example.org",
        user__full_name="Ines Integrationsbüro",
    ).user
    social = data.departments[0]
    data.editor = factories.RoleFactory(
        municipality=data.dresden,
        kind=Role.Kind.DEPARTMENT_EDITOR,
        departments=[social],
        user__email="sozialamt@example.org",
        user__full_name="Sam Sozialamt",
    ).user
    cycle = ConceptCycleFactory(
        municipality=data.dresden,
        slug="2021-2026",
        title={
            "de": "Aktionsplan Integration 2021 bis 2026",
            "en": "Action Plan Integration 2021 to 2026",
        },
    )
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=2), code="2.1")
    data.measure = MeasureFactory(
        goal=goal,
        code="2.1.1",
        title={"de": "Sprachcafés in den Stadtteilen", "en": "Language cafés in every district"},
        lead_departments=[social],
    )
    StatusReportFactory(measure=data.measure, progress=20, text="Die Planung hat begonnen.")
    return data


def in_language(language, value):
    """A lazy text (a choice's label) or a callable's result, rendered in ``language``."""
    from django.utils import translation

    with translation.override(language):
        return value() if callable(value) else str(value)


def fits_the_phone(page):
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= page.evaluate("() => window.innerWidth"), f"{page.url} scrolls sideways"


def log_in(page, base_url, language, user, t, *, start_at_home=True):
    """Through "Log in" (from the municipality's home page, or from where the page
    is) and the login form, by keyboard, to "Mein Bereich"."""
    prefix = LANGUAGE_PREFIXES[language]
    if start_at_home:
        page.goto(f"{base_url}{prefix}/dresden/")
    page.get_by_role("link", name=t("Log in"), exact=True).click()
    expect(page.locator("h1")).to_have_count(1)
    tab_to(page, "#id_username", max_tabs=40)
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}{prefix}/konto/")
    expect(page.locator("h1")).to_have_text(t("My area"))
    expect(page.locator("html")).to_have_attribute("lang", language)


def log_out(page, t):
    page.get_by_role("button", name=t("Log out")).click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name=t("Log in"), exact=True)).to_be_visible()


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def success_message(page, text):
    expect(page.locator("main .kern-alert").filter(has_text=text)).to_be_visible()


# --- The office runs an event -------------------------------------------------------------


def test_office_creates_publishes_invites_and_checks_in(
    page, base_url, journey_data, language, t, datetime_format
):
    from django.utils import timezone

    from teilhabe.events.models import Event, Invitation, Registration
    from teilhabe.mail.models import OutgoingMail
    from tests.events.factories import RegistrationFactory

    data = journey_data
    log_in(page, base_url, language, data.office, t)

    # Mein Bereich → "Create event".
    tab_to(page, "main a[href$='/veranstaltungen/verwaltung/neu/']", max_tabs=80)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(t("New event"))

    # The form, by keyboard alone: a two-day meeting that began this morning (check-in
    # is open on the event's days), for invited people, with a registration deadline.
    today = timezone.localdate()
    starts = datetime.combine(today, time(8, 0))
    ends = datetime.combine(today + timedelta(days=1), time(18, 0))
    deadline = datetime.combine(today + timedelta(days=1), time(12, 0))
    title = {"de": "Werkstatt Nachbarschaft", "en": "Neighbourhood workshop"}
    tab_to(page, "input[name=title_de]")
    page.keyboard.type(title["de"])
    if language == "en":
        tab_to(page, "input[name=title_en]")
        page.keyboard.type(title["en"])
    tab_to(page, "#id_starts_at", max_tabs=80)
    type_datetime(page, starts, datetime_format)
    tab_to(page, "#id_ends_at")
    type_datetime(page, ends, datetime_format)
    tab_to(page, "#id_capacity", max_tabs=80)
    page.keyboard.type("30")
    tab_to(page, "#id_registration_closes_at")
    type_datetime(page, deadline, datetime_format)
    tab_to(page, "input[name=access]")  # the checked radio: open to everyone
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=access][value=invitation]")).to_be_checked()
    tab_to(page, "#event-form button[type=submit]", max_tabs=250)
    press_enter_and_wait(page)

    event = Event.objects.get(title__de=title["de"])
    assert event.status == Event.Status.DRAFT and event.is_invitation_only
    shown_title = title[language]
    success_message(page, t("The event has been created as a draft."))
    expect(page.locator("h1")).to_contain_text(shown_title)

    # The programme page follows: the first item, by keyboard.
    tab_to(page, "#id_programm-0-starts_at", max_tabs=80)
    type_datetime(page, starts + timedelta(minutes=30), datetime_format)
    tab_to(page, "input[name=programm-0-title_de]", max_tabs=20)
    page.keyboard.type("Begrüßung und Kennenlernen")
    tab_to(page, "#programme-form button[type=submit]", max_tabs=80)
    press_enter_and_wait(page)
    success_message(page, t("The programme has been saved."))
    expect(page.locator("#programme-form legend").first).to_contain_text(
        "08:30 · Begrüßung und Kennenlernen"
    )

    # Publish: the confirmation step says what happens; nothing has happened yet.
    tab_to(page, "#publish-link", max_tabs=80)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(t("Publish the event?"))
    expect(page.locator("#what-happens")).to_contain_text(
        t("People with a personal invitation can register.")
    )
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    tab_to(page, "main form button[type=submit]")
    press_enter_and_wait(page)
    success_message(page, t("The event is published and visible to everyone."))
    expect(page.locator("h1")).to_have_text(shown_title)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    # Invite: an address typed in, and an organisation chosen from the directory
    # (its public address is used). The invitations go out in the office's language.
    page.locator("nav.staff-nav").get_by_role("link", name=t("Invitations")).click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text(shown_title)
    guest = f"gast-{language}@example.org"
    tab_to(page, "#id_emails", max_tabs=80)
    page.keyboard.type(guest)
    tab_to(page, "#id_organisations")
    page.keyboard.type("Deutsch-Arabischer")  # type-ahead in the list of organisations
    expect(page.locator("#id_organisations option:checked")).to_have_text(data.kulturverein.name)
    tab_to(page, "main form button[type=submit]", max_tabs=20)
    press_enter_and_wait(page)
    success_message(page, t("%(count)s invitations have been created and are being sent.", count=2))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=guest)).to_contain_text(t("open"))
    expect(rows.filter(has_text=data.kulturverein.name)).to_contain_text(
        data.kulturverein.public_email
    )
    assert set(Invitation.objects.filter(event=event).values_list("email", flat=True)) == {
        guest,
        data.kulturverein.public_email,
    }
    invitation_mails = OutgoingMail.objects.filter(purpose="event_invitation")
    assert sorted(invitation_mails.values_list("to", flat=True)) == sorted(
        [guest, data.kulturverein.public_email]
    )
    fits_the_phone(page)

    # Invited people registered (how they do it is tested in test_event_journeys.py).
    amal = RegistrationFactory(event=event, name="Amal Haddad", email="amal@example.org")
    jonas = RegistrationFactory(event=event, name="Jonas Weber", email="jonas@example.org")
    RegistrationFactory(event=event, name="Olena Koval", email="olena@example.org")

    # On the day, at the entrance: from Mein Bereich to the event's check-in.
    page.get_by_role("link", name=t("My area"), exact=True).click()
    page.wait_for_load_state()
    row = page.locator("main table tbody tr").filter(has_text=shown_title)
    expect(row.locator("td").first).to_have_text(
        t("%(taken)s of %(capacity)s", taken=3, capacity=30)
    )
    check_in_link = row.locator(f"a[href$='/{event.slug}/einlass/']")
    expect(check_in_link).to_contain_text(t("Check-in"))
    check_in_link.click()
    page.wait_for_load_state()
    count = page.locator("#check-in-count")
    expect(count).to_have_text(
        t("Checked in: %(checked_in)s of %(confirmed)s confirmed", checked_in=0, confirmed=3)
    )
    tab_to(page, "#check-in-q", max_tabs=80)
    page.keyboard.type("Amal")
    expect(page.locator("#check-in-list tbody tr")).to_have_count(1)
    tab_to(page, f"#check-in-{amal.pk} button[value=check_in]", max_tabs=10)
    page.keyboard.press("Enter")
    expect(page.locator(f"#check-in-{amal.pk} button[value=undo]")).to_be_visible()
    expect(page.locator(f"#check-in-{amal.pk}")).to_contain_text(t("here since %(time)s", time=""))
    expect(count).to_have_text(
        t("Checked in: %(checked_in)s of %(confirmed)s confirmed", checked_in=1, confirmed=3)
    )
    # The next one is tapped: clear the search, everyone is listed again.
    page.locator("#check-in-q").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(page.locator("#check-in-list tbody tr")).to_have_count(3)
    tap = page.locator(f"#check-in-{jonas.pk} button[value=check_in]")
    expect(tap).to_contain_text(t("Check in"))
    tap.tap()
    expect(count).to_have_text(
        t("Checked in: %(checked_in)s of %(confirmed)s confirmed", checked_in=2, confirmed=3)
    )
    fits_the_phone(page)
    checked_in = Registration.objects.filter(event=event, checked_in_at__isnull=False)
    assert sorted(checked_in.values_list("name", flat=True)) == ["Amal Haddad", "Jonas Weber"]
    assert page.console_errors == []


# --- The office writes to participants -------------------------------------------------------


def test_office_writes_to_participants(page, base_url, journey_data, language, t):
    """From Mein Bereich to the event's "Write to participants": choose the group,
    write, confirm on the page that says how many people get it; each confirmed
    participant gets one mail, nobody on the waiting list, and no address was typed."""
    from django.utils import timezone

    from teilhabe.events.models import Registration
    from teilhabe.mail.models import OutgoingMail
    from tests.events.factories import EventFactory, RegistrationFactory

    data = journey_data
    now = timezone.now()
    event = EventFactory(
        municipality=data.dresden,
        title={"de": "Werkstatt Nachbarschaft", "en": "Neighbourhood workshop"},
        slug="werkstatt-nachbarschaft",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=4),
        capacity=2,
    )
    confirmed = [
        RegistrationFactory(event=event, name="Amal Haddad", email="amal@example.org"),
        RegistrationFactory(event=event, name="Jonas Weber", email="jonas@example.org"),
    ]
    RegistrationFactory(
        event=event,
        name="Olena Koval",
        email="olena@example.org",
        status=Registration.Status.WAITING,
    )
    shown_title = event.title.text(language)

    log_in(page, base_url, language, data.office, t)
    row = page.locator("main table tbody tr").filter(has_text=shown_title)
    row.locator(f"a[href$='/{event.slug}/verwalten/']").click()
    page.wait_for_load_state()
    page.locator("nav.staff-nav").get_by_role("link", name=t("Write to participants")).click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(t("Write to participants"))

    subject = {"de": "Raumänderung", "en": "Room change"}[language]
    tab_to(page, "input[name=groups][value=confirmed]", max_tabs=80)
    page.keyboard.press("Space")
    expect(page.locator("input[name=groups][value=confirmed]")).to_be_checked()
    tab_to(page, "input[name=subject_de]")
    page.keyboard.type(subject)
    tab_to(page, "textarea[name=body_de]", max_tabs=20)
    page.keyboard.type("Wir treffen uns im Saal 2 im ersten Stock.")
    tab_to(page, "#message-form button[type=submit]", max_tabs=40)
    press_enter_and_wait(page)

    # The confirmation step: how many people, the text; nothing sent yet.
    expect(page.locator("h1")).to_have_text(t("Send the message?"))
    expect(page.locator("#what-happens")).to_contain_text(subject)
    expect(page.locator("#recipients-total")).to_contain_text("2")
    assert not OutgoingMail.objects.filter(subject__contains=subject).exists()
    tab_to(page, "main form button[type=submit]", max_tabs=40)
    press_enter_and_wait(page)
    expect(page.locator("#sent-messages")).to_contain_text(subject)  # on the manage page

    sent = OutgoingMail.objects.filter(subject__contains=subject)
    assert sorted(sent.values_list("to", flat=True)) == sorted(r.email for r in confirmed)
    fits_the_phone(page)
    assert page.console_errors == []


# --- A department editor reports -------------------------------------------------------------


def test_editor_files_a_report_from_the_workspace(page, base_url, journey_data, language, t):
    from django.utils import timezone
    from django.utils.formats import date_format

    from teilhabe.plan.models import Measure, Status

    data = journey_data
    code = data.measure.code
    log_in(page, base_url, language, data.editor, t)

    table = page.locator("main table").filter(has_text=t("My measures in the running plan"))
    row = table.locator("tbody tr").filter(has_text=code)
    expect(row).to_contain_text(data.measure.title.text(language))
    tab_to(page, f"main a[href$='/massnahmen/{code}/sachstand/']", max_tabs=80)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(t("Report status of measure %(code)s", code=code))

    # The date is today already; the status radios start at the last status.
    tab_to(page, "input[name=status]", max_tabs=40)
    expect(page.locator(":focus")).to_have_value(Status.IN_PROGRESS)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")  # changed one's mind: back to "in progress"
    expect(page.locator("input[name=status][value=in_progress]")).to_be_checked()
    tab_to(page, "#id_progress")
    page.keyboard.press("Control+A")
    page.keyboard.type("60")
    tab_to(page, "#id_text")
    page.keyboard.type("Drei Sprachcafés laufen, zwei weitere folgen im Herbst.")
    tab_to(page, "main form button[type=submit]", max_tabs=20)
    press_enter_and_wait(page)

    success_message(page, t("Thank you. The status report has been published."))
    latest = page.locator("ol.report-history li").first
    expect(latest).to_contain_text("Drei Sprachcafés laufen")
    expect(latest).to_contain_text("60 %")
    expect(latest).to_contain_text(in_language(language, Status.IN_PROGRESS.label))
    measure = Measure.objects.get(pk=data.measure.pk)
    assert (measure.latest_report.progress, measure.reports.count()) == (60, 2)

    # Back in Mein Bereich the measure's last report is today's.
    page.get_by_role("link", name=t("My area"), exact=True).click()
    page.wait_for_load_state()
    today = in_language(language, lambda: date_format(timezone.localdate(), "SHORT_DATE_FORMAT"))
    expect(row).to_contain_text(today)
    expect(row).to_contain_text("60 %")
    fits_the_phone(page)
    assert page.console_errors == []


# --- An organisation edits its profile, the office approves -----------------------------------


def test_representative_edits_the_profile_and_the_office_approves(
    page, base_url, journey_data, language, t
):
    from teilhabe.directory.models import Organisation, ProfileChange

    data = journey_data
    organisation = data.kulturverein  # verified: changes wait for the office
    log_in(page, base_url, language, data.representative, t)
    tab_to(page, f"main a[href$='/organisationen/{organisation.slug}/bearbeiten/']", max_tabs=60)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(t("Edit %(name)s", name=organisation.name))

    tab_to(page, "#id_district", max_tabs=120)
    page.keyboard.press("Control+A")
    page.keyboard.type("Johannstadt")
    tab_to(page, "main form button[type=submit]", max_tabs=120)
    press_enter_and_wait(page)

    # The public profile keeps the verified district until the office approves.
    success_message(
        page,
        t(
            "Your changes have been sent to the integration office. The public profile "
            "shows them once the office has approved them."
        ),
    )
    main = page.locator("main")
    expect(main).to_contain_text("Neustadt")
    expect(main).not_to_contain_text("Johannstadt")
    page.get_by_role("link", name=t("My area"), exact=True).click()
    page.wait_for_load_state()
    expect(main).to_contain_text(t("Your changes wait for the integration office's approval."))
    assert Organisation.objects.get(pk=organisation.pk).district == "Neustadt"
    log_out(page, t)

    # The office finds the change in Mein Bereich, sees the difference, approves.
    log_in(page, base_url, language, data.office, t, start_at_home=False)
    review = t("Review the changes to %(name)s", name=organisation.name)
    expect(page.get_by_role("link", name=review)).to_be_visible()
    tab_to(page, "main a[href*='/verzeichnis/aenderungen/']", max_tabs=120)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(
        t("Proposed changes to %(name)s", name=organisation.name)
    )
    difference = page.locator("main table tbody tr").filter(has_text="Johannstadt")
    expect(difference.locator("del")).to_have_text("Neustadt")
    expect(difference.locator("ins")).to_have_text("Johannstadt")
    fits_the_phone(page)
    tab_to(page, "main form button[type=submit]", max_tabs=40)
    press_enter_and_wait(page)

    success_message(page, t("The changes have been approved and are now public."))
    expect(page.locator("h1")).to_have_text(organisation.name)
    expect(main).to_contain_text("Johannstadt")
    assert Organisation.objects.get(pk=organisation.pk).district == "Johannstadt"
    assert ProfileChange.objects.get(organisation=organisation).status == "approved"
    page.get_by_role("link", name=t("My area"), exact=True).click()
    page.wait_for_load_state()
    expect(main).to_contain_text(t("No profile changes wait for approval."))
    assert page.console_errors == []

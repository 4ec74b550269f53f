"""Every public page type, in German, English and plain language: no axe-core
violations (WCAG 2.0 A/AA, 2.1 AA), the right <html lang>, one h1, a main landmark,
a working skip link, and no horizontal scrolling at 320 CSS pixels (WCAG 1.4.10)."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .helpers import BROWSER_LOCALES, FOCUS_INDICATOR_JS, LANGUAGE_PREFIXES, LANGUAGES

pytestmark = pytest.mark.browser


# Each page type: how to get there. ``prefix`` is "" for German, "/en", ...
def _goto(path):
    def visit(page, base_url, prefix, data, log_in):
        return page.goto(f"{base_url}{prefix}{path}")

    return visit


def _search(query):
    return _goto(f"/dresden/verzeichnis/?q={query}")


def _login_with_errors(page, base_url, prefix, data, log_in):
    page.goto(f"{base_url}{prefix}/konto/anmelden/")
    page.locator("#id_username").fill(data.representative.email)
    page.locator("#id_password").fill("falsches-passwort")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_password")).to_have_value("")


def _login_locked_out(page, base_url, prefix, data, log_in):
    page.goto(f"{base_url}{prefix}/konto/anmelden/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(data.representative.email)
        page.locator("#id_password").fill("falsches-passwort")
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").click()
    expect(page.locator("#locked-out")).to_be_visible()
    return navigation.value


def _dashboard(page, base_url, prefix, data, log_in):
    log_in(page, data.representative, prefix)


def _profile_as_representative(page, base_url, prefix, data, log_in):
    log_in(page, data.representative, prefix)
    page.goto(f"{base_url}{prefix}/dresden/verzeichnis/organisationen/kulturverein/")
    expect(page.locator(".internal-data")).to_be_visible()


def _edit_with_errors(page, base_url, prefix, data, log_in):
    log_in(page, data.representative, prefix)
    page.goto(f"{base_url}{prefix}/dresden/verzeichnis/organisationen/kulturverein/bearbeiten/")
    page.locator("#id_name").fill("")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name-error")).to_be_visible()


def _ensure_plan(data):
    """A small plan of two cycles with every kind of content the plan pages show."""
    from datetime import date

    from teilhabe.plan.models import ConceptCycle, Phase, Status
    from tests.plan.factories import (
        ConceptCycleFactory,
        CyclePhaseFactory,
        FieldOfActionFactory,
        FundingLineFactory,
        GoalFactory,
        IndicatorFactory,
        MeasureFactory,
        OpenItemFactory,
        StatusReportFactory,
    )

    if ConceptCycle.objects.filter(slug="ik").exists():
        return
    old = ConceptCycleFactory(
        municipality=data.dresden,
        slug="ik-alt",
        title="Integrationskonzept 2015 bis 2020",
        starts_on=date(2015, 1, 1),
        ends_on=date(2020, 12, 31),
        phase=Phase.SUPERSEDED,
    )
    cycle = ConceptCycleFactory(
        municipality=data.dresden,
        slug="ik",
        title={
            "de": "Aktionsplan Integration 2021 bis 2026",
            "en": "Action Plan Integration 2021 to 2026",
        },
        predecessor=old,
    )
    CyclePhaseFactory(cycle=cycle, phase=Phase.DRAFTING)
    CyclePhaseFactory(
        cycle=cycle, phase=Phase.CONSULTATION, starts_on=date(2021, 5, 31), ends_on=None
    )
    field = FieldOfActionFactory(
        cycle=cycle, number=1, slug="feld-1", situation={"de": "Deutsch.", "en": "English."}
    )
    old_measure = MeasureFactory(
        goal=GoalFactory(field=FieldOfActionFactory(cycle=old, number=1)), code="1.1.1"
    )
    measure = MeasureFactory(
        goal=GoalFactory(field=field, code="1.1"),
        code="1.1.1",
        predecessor=old_measure,
        lead_departments=data.departments[:1],
        partner_organisations=[data.kulturverein],
        target_groups=["women", "refugees"],
    )
    StatusReportFactory(measure=measure, status=Status.IN_PROGRESS, progress=40)
    StatusReportFactory(measure=measure, status=Status.DELAYED, progress=50)
    MeasureFactory(goal=measure.goal, code="1.1.2", lead_departments=data.departments[1:2])
    IndicatorFactory(cycle=cycle, field=field, values={2021: 1200, 2022: 1350})
    FundingLineFactory(
        cycle=cycle, department=data.departments[0], amounts={2021: 36800, 2022: 40400}
    )
    OpenItemFactory(cycle=old, text="Gemeindedolmetscherdienst sichern", taken_up_by=measure)


def _plan(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_plan(data)
        return page.goto(f"{base_url}{prefix}/dresden/plan/{path}")

    return visit


def _ensure_events(data):
    """An upcoming in-person workshop with programme and stations, a past conference
    with results, and an online meeting."""
    from datetime import timedelta

    from teilhabe.events.models import Event, ProgrammeItem
    from tests.events.factories import (
        AudienceGroupFactory,
        EventFactory,
        ProgrammeItemFactory,
        RegistrationFactory,
        StationFactory,
    )

    if Event.objects.filter(slug="werkstatt").exists():
        return
    group = AudienceGroupFactory(municipality=data.dresden, name="Mitglieder von Vereinen")
    workshop = EventFactory(
        municipality=data.dresden,
        slug="werkstatt",
        title="Werkstatt Ankommen",
        participant_notes="Bitte die Hygieneregeln beachten.",
        audience_groups=[group],
        asks_accessibility=True,
        asks_dietary=True,
    )
    cafe = ProgrammeItemFactory(event=workshop, kind=ProgrammeItem.Kind.WORLD_CAFE)
    StationFactory(item=cafe)
    StationFactory(item=cafe, title="Tisch Arbeit")
    past = EventFactory(
        municipality=data.dresden,
        slug="konferenz",
        title="Konferenz 2023",
        kind=Event.Kind.CONFERENCE,
        starts_at=workshop.starts_at - timedelta(days=400),
        ends_at=workshop.starts_at - timedelta(days=399, hours=18),
    )
    StationFactory(
        item=ProgrammeItemFactory(event=past, kind=ProgrammeItem.Kind.WORLD_CAFE),
        results="Mehr Beratung.",
    )
    online = EventFactory(municipality=data.dresden, slug="online", online=True)
    data.registration = RegistrationFactory(event=online, email="gast@example.org")


def _events(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_events(data)
        return page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/{path}")

    return visit


def _personal(page, base_url, prefix, data, log_in):
    from teilhabe.events.services import personal_token

    _ensure_events(data)
    return page.goto(
        f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/{personal_token(data.registration)}/"
    )


def _personal_cancel(page, base_url, prefix, data, log_in):
    from teilhabe.events.services import personal_token

    _ensure_events(data)
    token = personal_token(data.registration)
    return page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/{token}/absagen/")


def _find_registration_sent(page, base_url, prefix, data, log_in):
    _ensure_events(data)
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/finden/")
    page.locator("#id_email").fill("gast@example.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#find-registration-sent")).to_be_visible()


def _register_with_errors(page, base_url, prefix, data, log_in):
    _ensure_events(data)
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/werkstatt/anmelden/")
    page.locator("#id_email").fill("kaputt")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()


PAGES = {
    "landing": _goto("/"),
    "municipality": _goto("/dresden/"),
    "directory": _goto("/dresden/verzeichnis/"),
    "directory-search": _search("Kulturverein"),
    "directory-search-empty": _search("Gibtesnichtverein"),
    "directory-filtered": _goto("/dresden/verzeichnis/?type=migrant"),
    "profile": _goto("/dresden/verzeichnis/organisationen/ukrainische-gemeinde/"),
    "profile-full": _goto("/dresden/verzeichnis/organisationen/kulturverein/"),
    "profile-umbrella": _goto("/dresden/verzeichnis/organisationen/dachverband/"),
    "profile-as-representative": _profile_as_representative,
    "departments": _goto("/dresden/verzeichnis/aemter/"),
    "imprint": _goto("/impressum/"),
    "privacy": _goto("/datenschutz/"),
    "accessibility": _goto("/barrierefreiheit/"),
    "login": _goto("/konto/anmelden/"),
    "login-errors": _login_with_errors,
    "login-locked-out": _login_locked_out,
    "password-reset": _goto("/konto/passwort-vergessen/"),
    "not-found": _goto("/dresden/verzeichnis/organisationen/gibtsnicht/"),
    "edit-errors": _edit_with_errors,
    "dashboard": _dashboard,
    "plan-cycles": _plan(""),
    "plan-cycle": _plan("ik/"),
    "plan-cycle-old": _plan("ik-alt/"),
    "plan-timeline": _plan("ik/zeitplan/"),
    "plan-field": _plan("ik/handlungsfelder/feld-1/"),
    "plan-measures": _plan("ik/massnahmen/"),
    "plan-measures-filtered": _plan("ik/massnahmen/?status=delayed&target_group=women"),
    "plan-measures-empty": _plan("ik/massnahmen/?q=gibtesnicht"),
    "plan-measure": _plan("ik/massnahmen/1.1.1/"),
    "events": _events(""),
    "events-past": _events("?zeit=vergangen"),
    "event": _events("werkstatt/"),
    "event-past": _events("konferenz/"),
    "event-online": _events("online/"),
    "event-register": _events("werkstatt/anmelden/"),
    "event-register-errors": _register_with_errors,
    "event-personal": _personal,
    "event-personal-cancel": _personal_cancel,
    "event-find-registration": _events("anmeldung/finden/"),
    "event-find-registration-sent": _find_registration_sent,
}

EXPECTED_STATUS = {"not-found": 404, "login-locked-out": 429}


@pytest.fixture
def browser_locale(language):
    return BROWSER_LOCALES[language]


@pytest.mark.parametrize("page_type", list(PAGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_accessible(page, base_url, directory_data, log_in, axe_check, language, page_type):
    check_page_type(page, base_url, directory_data, log_in, axe_check, language, page_type)


def check_page_type(page, base_url, data, log_in, axe_check, language, page_type):
    """Visit one page type in one language and check it (test_every_language.py runs
    the same checks in the other interface languages)."""
    prefix = LANGUAGE_PREFIXES[language]
    response = PAGES[page_type](page, base_url, prefix, data, log_in)
    page.wait_for_load_state()
    if response is not None:
        assert response.status == EXPECTED_STATUS.get(page_type, 200), page.url
    # The landing page must list the municipalities, not redirect to one.
    if page_type == "landing":
        assert page.url == f"{base_url}{prefix}/"

    axe_check(page)

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main, [role=main]")).to_have_count(1)
    assert page.title().strip(), "the page has no title"

    _check_skip_link(page)
    _check_reflow(page)
    assert not page.console_errors, f"errors on {page.url}: {page.console_errors}"


def _check_skip_link(page):
    """The first Tab lands on the skip link, which is then visible; Enter moves focus
    to the main landmark. A page with form errors starts on its error summary instead
    (as GOV.UK's does); from there Shift+Tab leads back to the skip link."""
    if page.locator("#form-errors").count():
        expect(page.locator("#form-errors")).to_be_focused()
        for _ in range(60):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("() => document.activeElement.classList.contains('skip-link')"):
                break
        else:
            pytest.fail("Shift+Tab from the error summary never reached the skip link")
    else:
        page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip-link kern-link")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()
    assert focused.evaluate(FOCUS_INDICATOR_JS), "the focused skip link shows no focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    # Tabbing on from main continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
        " || document.querySelector('footer').contains(document.activeElement)"
    )
    assert inside_main, "Tab after the skip link did not continue in the main content"


def _check_reflow(page):
    """WCAG 1.4.10: at 320 CSS pixels the page scrolls only vertically."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_function("() => window.innerWidth === 320")
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > 320:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > 320.5)
                .slice(0, 8)
                .map(el => el.tagName.toLowerCase()
                     + (el.id ? '#' + el.id : '')
                     + (el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                     + ' right=' + Math.round(el.getBoundingClientRect().right))"""
        )
        pytest.fail(f"horizontal scroll at 320px ({scroll_width}px wide) on {page.url}: {wide}")

"""By keyboard, a representative changes a verified profile and the office approves it
from the workspace (the workspace and the review are swept with axe in
test_accessibility.py)."""

import pytest
from playwright.sync_api import expect

from .test_plan_reporting import focused, tab_until

pytestmark = pytest.mark.browser


@pytest.fixture
def workspace_data(directory_data):
    from datetime import timedelta

    from django.utils import timezone

    from teilhabe.accounts.models import Role
    from teilhabe.events.models import Registration
    from tests import factories
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.plan.factories import (
        ConceptCycleFactory,
        FieldOfActionFactory,
        GoalFactory,
        MeasureFactory,
    )

    dresden = directory_data.dresden
    event = EventFactory(municipality=dresden, slug="werkstatt", title="Werkstatt Ankommen")
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITING)
    EventFactory(
        municipality=dresden,
        slug="konferenz",
        title="Konferenz 2023",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30, hours=-4),
    )
    cycle = ConceptCycleFactory(municipality=dresden, slug="ik", title="Aktionsplan 2021–2026")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1), code="1.1")
    MeasureFactory(
        goal=goal,
        code="1.1.1",
        lead_departments=directory_data.departments[:1],
        partner_organisations=[directory_data.kulturverein],
    )
    directory_data.office = factories.RoleFactory(
        municipality=dresden, kind=Role.Kind.OFFICE_ADMIN, user__email="buero@example.org"
    ).user
    return directory_data


def test_representative_proposes_and_office_approves_by_keyboard(
    page, base_url, log_in, workspace_data
):
    from teilhabe.directory.models import Organisation, ProfileChange

    data = workspace_data
    log_in(page, data.representative)
    page.locator("main h1").focus()
    link = page.locator("main a[href$='/organisationen/kulturverein/bearbeiten/']")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/verzeichnis/organisationen/kulturverein/bearbeiten/")
    page.locator("#id_district").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Johannstadt")
    tab_until(page, lambda el: el["type"] == "submit", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/verzeichnis/organisationen/kulturverein/")
    expect(page.locator("main")).to_contain_text("Neustadt")  # still the verified value
    assert Organisation.objects.get(pk=data.kulturverein.pk).district == "Neustadt"
    change = ProfileChange.objects.get(organisation=data.kulturverein)

    page.context.clear_cookies()
    log_in(page, data.office)
    page.locator("main h1").focus()
    review = f"/dresden/verzeichnis/aenderungen/{change.pk}/"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href') || ''").endswith(
            review
        ):
            break
    else:
        raise AssertionError("the review link is not reachable by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}{review}")
    expect(page.locator("main table")).to_contain_text("Johannstadt")
    tab_until(page, lambda el: el["type"] == "submit", limit=40)
    assert focused(page)["type"] == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/verzeichnis/organisationen/kulturverein/")
    expect(page.locator("main")).to_contain_text("Johannstadt")
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.APPROVED

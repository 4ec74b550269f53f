"""The office keeps a cycle's needs for action and phase notes in the browser: the
pages pass axe in all three languages, and a need for action is deleted by keyboard
after its confirmation page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGE_PREFIXES, LANGUAGES

pytestmark = pytest.mark.browser


@pytest.fixture
def open_items_data(directory_data):
    from teilhabe.accounts.models import Role
    from teilhabe.plan.models import Phase
    from tests import factories
    from tests.plan.factories import (
        ConceptCycleFactory,
        CyclePhaseFactory,
        FieldOfActionFactory,
        GoalFactory,
        MeasureFactory,
        OpenItemFactory,
    )

    cycle = ConceptCycleFactory(municipality=directory_data.dresden, slug="2015-2020")
    measure = MeasureFactory(
        goal=GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1)), code="1.1.1"
    )
    directory_data.cycle = cycle
    directory_data.item = OpenItemFactory(
        cycle=cycle, text="Gemeindedolmetscherdienst sichern", taken_up_by=measure
    )
    directory_data.phase = CyclePhaseFactory(
        cycle=cycle,
        phase=Phase.IMPLEMENTATION,
        starts_on=date(2016, 1, 1),
        ends_on=None,
        note="Beschluss V1234/15.",
    )
    directory_data.office = factories.RoleFactory(
        municipality=directory_data.dresden, kind=Role.Kind.OFFICE_ADMIN
    ).user
    return directory_data


@pytest.mark.once
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path",
    [
        "verwalten/",
        "verwalten/handlungsbedarfe/neu/",
        "verwalten/handlungsbedarfe/{item}/",
        "verwalten/handlungsbedarfe/{item}/loeschen/",
        "verwalten/phasen/{phase}/",
    ],
)
def test_the_pages_are_accessible(
    page, base_url, log_in, open_items_data, axe_check, language, path
):
    prefix = LANGUAGE_PREFIXES[language]
    log_in(page, open_items_data.office, prefix=prefix)
    path = path.format(item=open_items_data.item.pk, phase=open_items_data.phase.pk)
    page.goto(f"{base_url}{prefix}/dresden/plan/2015-2020/{path}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
    assert page.console_errors == []


def test_office_deletes_a_need_for_action_by_keyboard(page, base_url, log_in, open_items_data):
    from teilhabe.plan.models import Measure, OpenItem

    log_in(page, open_items_data.office)
    manage = f"{base_url}/dresden/plan/2015-2020/verwalten/"
    page.goto(manage)
    item = open_items_data.item
    page.locator(f"main a[href$='/handlungsbedarfe/{item.pk}/loeschen/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{manage}handlungsbedarfe/{item.pk}/loeschen/")
    expect(page.locator("main")).to_contain_text("Gemeindedolmetscherdienst sichern")
    expect(page.locator("main")).to_contain_text("nicht rückgängig")
    assert OpenItem.objects.filter(pk=item.pk).exists()  # the page changed nothing
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(manage)
    expect(page.locator("main")).to_contain_text("Der Handlungsbedarf ist gelöscht.")
    assert not OpenItem.objects.filter(pk=item.pk).exists()
    assert Measure.objects.filter(code="1.1.1").exists()

"""A department editor reports the status of a measure in the browser, by keyboard
and mouse, and the office edits the plan by keyboard (the staff pages of the plan are
swept with axe in test_accessibility.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def measure_page_at_report(base_url):
    """After filing, the measure page opens at the new report."""
    measure = re.escape(f"{base_url}/dresden/plan/2021-2026/massnahmen/2.1.1/")
    return re.compile(measure + r"#report-\d+$")


@pytest.fixture
def plan_data(directory_data):
    from teilhabe.accounts.models import Role
    from tests import factories
    from tests.plan.factories import (
        ConceptCycleFactory,
        FieldOfActionFactory,
        GoalFactory,
        MeasureFactory,
        StatusReportFactory,
    )

    social = directory_data.departments[0]
    cycle = ConceptCycleFactory(
        municipality=directory_data.dresden,
        slug="2021-2026",
        title="Aktionsplan Integration 2021 bis 2026",
    )
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=2), code="2.1")
    measure = MeasureFactory(
        goal=goal, code="2.1.1", title="Sprachcafés in den Stadtteilen", lead_departments=[social]
    )
    StatusReportFactory(measure=measure, progress=20, text="Die Planung hat begonnen.")
    editor = factories.RoleFactory(
        municipality=directory_data.dresden,
        kind=Role.Kind.DEPARTMENT_EDITOR,
        departments=[social],
        user__email="sozialamt@example.org",
        user__full_name="Sam Sozialamt",
    ).user
    office = factories.RoleFactory(
        municipality=directory_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="buero@example.org",
    ).user
    directory_data.measure = measure
    directory_data.editor = editor
    directory_data.office = office
    directory_data.cycle = cycle
    return directory_data


def test_editor_reports_status_in_the_browser(page, base_url, log_in, plan_data, axe_check):
    log_in(page, plan_data.editor)
    page.locator("main a[href$='/dresden/plan/meine-massnahmen/']").click()
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
    page.locator("main a[href$='/2.1.1/sachstand/']").click()
    page.wait_for_load_state()
    axe_check(page)

    # A bad report first: progress over 100 is refused beside the field.
    page.locator("input[name=status][value=in_progress]").check()
    page.locator("#id_progress").fill("120")
    page.locator("#id_text").fill("Drei Sprachcafés laufen, zwei weitere folgen.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#id_progress-error")).to_be_visible()
    expect(page.locator("#id_progress")).to_have_attribute("aria-invalid", "true")
    axe_check(page)

    page.locator("#id_progress").fill("60")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(measure_page_at_report(base_url))
    expect(page.locator("main")).to_contain_text("Drei Sprachcafés laufen")
    expect(page.locator("main progress").first).to_have_attribute("value", "60")

    from teilhabe.plan.models import Measure

    measure = Measure.objects.get(pk=plan_data.measure.pk)
    assert measure.latest_report.progress == 60
    assert measure.reports.count() == 2


def focused(page):
    return page.evaluate(
        "() => ({name: document.activeElement.name || '', type: document.activeElement.type,"
        " value: document.activeElement.value})"
    )


def tab_until(page, condition, limit=15):
    """Press Tab, as a keyboard user does, until ``condition(focused element)`` holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if condition(focused(page)):
            return focused(page)
    raise AssertionError(f"never reached by Tab; stuck at {focused(page)}")


def test_report_form_by_keyboard(page, base_url, log_in, plan_data):
    log_in(page, plan_data.editor)
    page.goto(f"{base_url}/dresden/plan/2021-2026/massnahmen/2.1.1/sachstand/")
    # Start at the date (today, untouched): inside Chromium's date input Tab walks
    # through day, month and year before it leaves the field, so keep pressing Tab
    # until the status radio group has the focus: on its checked radio, the last
    # status ("in progress").
    shown_date = page.locator("#id_reported_on").input_value()
    page.locator("#id_reported_on").focus()
    radio = tab_until(page, lambda el: el["name"] == "status")
    assert radio["value"] == "in_progress"
    page.keyboard.press("ArrowDown")  # the next status: done
    assert focused(page)["value"] == "done"
    tab_until(page, lambda el: el["name"] == "progress")
    page.keyboard.press("Control+A")
    page.keyboard.type("100")
    tab_until(page, lambda el: el["name"] == "text")
    page.keyboard.type("Abgeschlossen.")
    tab_until(page, lambda el: el["name"] == "evidence_url")
    page.keyboard.type("https://example.org/bericht.pdf")
    tab_until(page, lambda el: el["type"] == "submit")
    page.keyboard.press("Enter")
    page.wait_for_url(measure_page_at_report(base_url))
    from teilhabe.plan.models import Measure

    report = Measure.objects.get(pk=plan_data.measure.pk).latest_report
    assert (report.status, report.progress) == ("done", 100)
    assert report.text == "Abgeschlossen."
    assert report.evidence_url == "https://example.org/bericht.pdf"
    assert report.reported_on.isoformat() == shown_date


def test_office_edits_a_measure_and_changes_the_phase_by_keyboard(
    page, base_url, log_in, plan_data, axe_check
):
    """In German, by keyboard: from the measure's page to its form and back, then from
    the cycle's page to the manage page and through the phase change's confirmation."""
    log_in(page, plan_data.office)
    plan = f"{base_url}/dresden/plan/2021-2026"
    page.goto(f"{plan}/massnahmen/2.1.1/")
    page.locator(f"main a[href$='/verwalten/massnahmen/{plan_data.measure.pk}/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{plan}/verwalten/massnahmen/{plan_data.measure.pk}/")
    axe_check(page)
    page.locator("input[name=title_de]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Sprachcafés in allen Stadtteilen")
    tab_until(page, lambda el: el["type"] == "submit", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{plan}/verwalten/")
    expect(page.locator("main")).to_contain_text("Sprachcafés in allen Stadtteilen")

    page.goto(f"{plan}/")
    page.locator("main a[href$='/plan/2021-2026/verwalten/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{plan}/verwalten/")
    page.locator("main a[href$='/verwalten/phase/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{plan}/verwalten/phase/")
    axe_check(page)
    page.locator("input[name=phase]").first.focus()
    page.keyboard.press("Space")  # the first later phase: implementation reported
    assert focused(page)["value"] == "reported"
    tab_until(page, lambda el: el["type"] == "submit", limit=20)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Es wird keine E-Mail verschickt.")
    axe_check(page)
    from teilhabe.plan.models import ConceptCycle, Measure

    assert ConceptCycle.objects.get(pk=plan_data.cycle.pk).phase == "implementation"
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{plan}/verwalten/")
    assert ConceptCycle.objects.get(pk=plan_data.cycle.pk).phase == "reported"
    measure = Measure.objects.get(pk=plan_data.measure.pk)
    assert measure.title.text("de") == "Sprachcafés in allen Stadtteilen"

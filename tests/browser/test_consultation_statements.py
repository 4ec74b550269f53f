"""Issue 11's working side as a person does it, starting from "Mein Bereich" and
following links and buttons: an organisation's representative submits a position
paper with its document and two demands and hands it in after the confirmation step;
the office answers one of the demands, links a measure, and publishes the answer after
its confirmation step. What the person sees is asserted at each step, the database
where the outcome is not on the page."""

import pytest
from playwright.sync_api import expect

from .helpers import translated

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def t(message, **values):
    return translated("de", message, **values)


@pytest.fixture
def journey_data(directory_data):
    from teilhabe.accounts.models import Role
    from tests import factories
    from tests.plan.factories import (
        ConceptCycleFactory,
        FieldOfActionFactory,
        GoalFactory,
        MeasureFactory,
    )

    data = directory_data
    data.office = factories.RoleFactory(
        municipality=data.dresden, kind=Role.Kind.OFFICE_ADMIN, user__email="buero@example.org"
    ).user
    data.cycle = ConceptCycleFactory(
        municipality=data.dresden, slug="ik", title="Aktionsplan Integration 2021 bis 2026"
    )
    data.field = FieldOfActionFactory(cycle=data.cycle, number=1, title="Sprache und Bildung")
    data.measure = MeasureFactory(
        goal=GoalFactory(field=data.field, code="1.1"),
        code="1.1.1",
        title="Sprachkurse am Abend",
        lead_departments=data.departments[:1],
    )
    return data


def test_a_position_paper_is_handed_in_and_one_demand_answered(
    page, base_url, log_in, journey_data
):
    from teilhabe.consultation.models import Answer, Demand, Statement

    data = journey_data
    # The representative, from the workspace.
    log_in(page, data.representative)
    page.get_by_role("link", name=t("Submit a statement or position paper")).click()
    expect(page.locator("h1")).to_have_text(t("New statement or position paper"))
    page.locator("input[name=kind][value=position_paper]").check()
    page.locator("#id_title_0").fill("Positionspapier zur Integration")
    page.locator("#id_submitted_on").fill("2021-03-17")
    page.locator("#id_basis_0").fill("Interviews mit 20 Organisationen")
    page.locator("#id_summary_0").fill("Was die Vereine brauchen.")
    page.locator("#id_document").set_input_files(
        {"name": "positionspapier.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("#id_demands-0-text").fill("Mehr Sprachkurse für Erwachsene.")
    page.locator("#id_demands-0-fields_0").check()
    page.locator("#id_demands-1-text").fill("Räume für Vereine in jedem Stadtteil.")
    page.locator("main form button[type=submit]").click()
    # The confirmation step: nothing is public yet.
    expect(page.locator("#what-happens")).to_be_visible()
    statement = Statement.objects.get()
    assert statement.status == Statement.Status.DRAFT
    page.get_by_role("button", name=t("Hand in the statement")).click()
    expect(page.locator("h1")).to_have_text("Positionspapier zur Integration")
    expect(page.locator("#statement-demands li")).to_have_count(2)
    expect(page.locator("#statement-document")).to_have_text("positionspapier.pdf")
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SUBMITTED

    # The office, from the workspace: the new demands, then the first one's answer.
    page.context.clear_cookies()
    log_in(page, data.office)
    page.locator("#office-demands a").first.click()
    expect(page.locator("#demand-count")).to_contain_text("2")
    page.get_by_role(
        "link", name=t("Answer") + " (" + t("Demand %(number)s", number=1) + ")"
    ).click()
    page.locator("input[name=outcome][value=adopted]").check()
    page.locator("#id_reason_0").fill("Die Volkshochschule bietet ab Herbst Abendkurse an.")
    page.get_by_label("1.1.1 Sprachkurse am Abend").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#answer-state")).to_have_text(t("draft"))
    page.get_by_role("link", name=t("Publish")).click()
    expect(page.locator("#what-happens")).to_be_visible()
    page.get_by_role("button", name=t("Publish the answer")).click()
    expect(page.locator("#answer-state")).to_have_text(t("published"))
    answer = Answer.objects.get()
    assert answer.demand == Demand.objects.get(number=1, cycle=data.cycle)
    assert answer.state == Answer.State.PUBLISHED
    assert list(answer.measures.all()) == [data.measure]
    assert list(Answer.objects.public()) == [answer]

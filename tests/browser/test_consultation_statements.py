"""Issue 11's working side as a person does it, starting from "Mein Bereich" and
following links and buttons, in German, English and plain language: an organisation's
representative submits a position paper with its document and two demands and hands it
in after the confirmation step; the office answers one of the demands, links a measure,
and publishes the answer after its confirmation step; then anyone follows the trail
from the demand to the measure and finds it on the organisation's profile. What the
person sees is asserted at each step (and axe-core finds nothing on each page), the
database where the outcome is not on the page. On CI's PostgreSQL run."""

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGE_PREFIXES, translated

pytestmark = [pytest.mark.browser, pytest.mark.once(database="postgresql")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


@pytest.mark.parametrize("language", ["de", "en", "de-x-simple"])
def test_a_position_paper_is_handed_in_and_one_demand_answered(
    page, base_url, log_in, axe_check, journey_data, language
):
    from django.utils import translation

    from teilhabe.consultation.models import Answer, Demand, Statement

    def t(message, **values):
        return translated(language, message, **values)

    data = journey_data
    prefix = LANGUAGE_PREFIXES[language]
    # The representative, from the workspace.
    log_in(page, data.representative, prefix)
    page.get_by_role("link", name=t("Submit a statement or position paper")).click()
    expect(page.locator("h1")).to_have_text(t("New statement or position paper"))
    axe_check(page)
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
    axe_check(page)
    statement = Statement.objects.get()
    assert statement.status == Statement.Status.DRAFT
    page.get_by_role("button", name=t("Hand in the statement")).click()
    # In English and plain language with the visible mark of the German fallback.
    expect(page.locator("h1")).to_contain_text("Positionspapier zur Integration")
    expect(page.locator("#statement-demands li")).to_have_count(2)
    expect(page.locator("#statement-document")).to_have_text("positionspapier.pdf")
    axe_check(page)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SUBMITTED

    # The office, from the workspace: the new demands, then the first one's answer.
    page.context.clear_cookies()
    log_in(page, data.office, prefix)
    page.locator("#office-demands a").first.click()
    expect(page.locator("#demand-count")).to_contain_text("2")
    axe_check(page)
    page.get_by_role(
        "link", name=t("Answer") + " (" + t("Demand %(number)s", number=1) + ")"
    ).click()
    page.locator("input[name=outcome][value=adopted]").check()
    page.locator("#id_reason_0").fill("Die Volkshochschule bietet ab Herbst Abendkurse an.")
    page.locator(f"input[name=measures][value='{data.measure.pk}']").check()
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#answer-state")).to_have_text(t("draft"))
    page.get_by_role("link", name=t("Publish"), exact=True).click()
    expect(page.locator("#what-happens")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=t("Publish the answer")).click()
    expect(page.locator("#answer-state")).to_have_text(t("published"))
    answer = Answer.objects.get()
    demand = Demand.objects.get(number=1, cycle=data.cycle)
    assert answer.demand == demand
    assert answer.state == Answer.State.PUBLISHED
    assert list(answer.measures.all()) == [data.measure]
    assert list(Answer.objects.public()) == [answer]

    # The trail, for anyone: the demand, its answer and measure; the measure names the
    # demand; the organisation's profile counts what became of its demands.
    page.context.clear_cookies()
    with translation.override(language):
        adopted = str(Answer.Outcome.ADOPTED.label)
        demand_path = demand.get_absolute_url()
    page.goto(base_url + demand_path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main")).to_contain_text("Mehr Sprachkurse für Erwachsene.")
    expect(page.locator("main")).to_contain_text(adopted)
    axe_check(page)
    page.locator("main a", has_text="1.1.1").first.click()
    demands = page.locator("section[aria-labelledby=demands-heading]")
    expect(demands).to_contain_text(t("Demand %(number)s", number=1))
    expect(demands).to_contain_text(adopted)
    axe_check(page)
    page.goto(f"{base_url}{prefix}/dresden/verzeichnis/organisationen/kulturverein/")
    outcomes = page.locator("section[aria-labelledby=demands-heading]")
    expect(outcomes).to_contain_text(f"{adopted}: 1")
    axe_check(page)

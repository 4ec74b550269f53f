"""The office edits its plan without the admin: each object created and edited, bad input
refused with nothing changed, phases only forward with the council decision, a
confirmation before a revision starts or a cycle is published, and who may do what."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.plan import services
from teilhabe.plan.models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingLine,
    Goal,
    Indicator,
    Measure,
    Phase,
    TargetGroup,
)
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    StatusReportFactory,
)
from tests.plan.test_portal import count_queries


@pytest.fixture
def plan(municipality, other_municipality):
    culture = factories.DepartmentFactory(municipality=municipality, number="41", name="Kulturamt")
    social = factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    cycle = ConceptCycleFactory(municipality=municipality, slug="2021-2026")
    field = FieldOfActionFactory(cycle=cycle, number=3, slug="bildung")
    goal = GoalFactory(field=field, code="3.2")
    measure = MeasureFactory(goal=goal, code="3.2.1", lead_departments=[culture])
    social_measure = MeasureFactory(goal=goal, code="3.2.2", lead_departments=[social])
    editor = factories.RoleFactory(
        municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR, departments=[culture]
    ).user
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    foreign_office = factories.RoleFactory(
        municipality=other_municipality, kind=Role.Kind.OFFICE_ADMIN
    ).user
    foreign_department = factories.DepartmentFactory(municipality=other_municipality)
    foreign_cycle = ConceptCycleFactory(municipality=other_municipality, slug="2021-2026")
    foreign_goal = GoalFactory(field=FieldOfActionFactory(cycle=foreign_cycle, number=1))
    return {
        "cycle": cycle,
        "field": field,
        "goal": goal,
        "measure": measure,
        "social_measure": social_measure,
        "culture": culture,
        "social": social,
        "editor": editor,
        "office": office,
        "foreign_office": foreign_office,
        "foreign_department": foreign_department,
        "foreign_cycle": foreign_cycle,
        "foreign_goal": foreign_goal,
    }


def url(name, cycle=None, **kwargs):
    if cycle is not None:
        kwargs["cycle"] = cycle.slug
    with translation.override("de"):
        return "/en" + reverse(f"plan:{name}", kwargs={"municipality": "dresden", **kwargs})


def measure_data(plan, **changes):
    data = {
        "goal": plan["goal"].pk,
        "code": "3.2.9",
        "title_de": "Elterncafés in Kitas",
        "description_de": "",
        "lead_departments": [plan["culture"].pk],
        "partner_departments": [plan["social"].pk],
        "target_groups": [TargetGroup.objects.get(code="children").pk],
        "starts_on": "2022-01-01",
        "ends_on": "2023-12-31",
        "budget": "1200.50",
        "funding_source": "Land",
        "priority": "high",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def years(rows, **management):
    """The formset's fields for ``rows`` (dicts of year rows)."""
    data = {
        "years-TOTAL_FORMS": str(len(rows)),
        "years-INITIAL_FORMS": str(management.get("initial", 0)),
        "years-MIN_NUM_FORMS": "0",
        "years-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"years-{index}-{key}"] = value
    return data


def snapshot():
    """Everything the plan pages can change, to prove that nothing did."""
    return (
        list(ConceptCycle.objects.values().order_by("pk")),
        list(CyclePhase.objects.values().order_by("pk")),
        list(FieldOfAction.objects.values().order_by("pk")),
        list(Goal.objects.values().order_by("pk")),
        list(Measure.objects.values().order_by("pk")),
        list(Measure.lead_departments.through.objects.values().order_by("pk")),
        list(Indicator.objects.values().order_by("pk")),
        list(Indicator.values.rel.related_model.objects.values().order_by("pk")),
        list(FundingLine.objects.values().order_by("pk")),
        list(FundingLine.amounts.rel.related_model.objects.values().order_by("pk")),
    )


# --- Create and edit -------------------------------------------------------------------------


def test_office_creates_a_measure(client, plan):
    client.force_login(plan["office"])
    response = client.post(url("measure_create", plan["cycle"]), measure_data(plan))
    assert response.status_code == 302
    measure = Measure.objects.get(code="3.2.9")
    assert (measure.cycle, measure.goal, measure.municipality) == (
        plan["cycle"],
        plan["goal"],
        plan["cycle"].municipality,
    )
    assert measure.title.text("de") == "Elterncafés in Kitas"
    assert list(measure.lead_departments.all()) == [plan["culture"]]
    assert list(measure.partner_departments.all()) == [plan["social"]]
    assert [t.code for t in measure.target_groups.all()] == ["children"]
    assert str(measure.budget) == "1200.50"


def test_office_edits_a_measure(client, plan):
    client.force_login(plan["office"])
    measure = plan["measure"]
    response = client.post(
        url("measure_edit", plan["cycle"], pk=measure.pk),
        measure_data(
            plan, code="3.2.1", title_de="Sprachcafés", lead_departments=[plan["social"].pk]
        ),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title.text("de") == "Sprachcafés"
    assert list(measure.lead_departments.all()) == [plan["social"]]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"lead_departments": ["foreign"]}, "lead_departments", "not one of the available"),
        ({"partner_departments": ["foreign"]}, "partner_departments", "not one of the available"),
        ({"goal": "foreign"}, "goal", "not one of the available"),
        ({"ends_on": "2021-01-01"}, "ends_on", "cannot end before it starts"),
        ({"code": "3.2.2"}, None, "already exists"),
        ({"budget": "99999999999999999999"}, "budget", ""),
        ({"title_de": ""}, "title", "required"),
    ],
)
def test_a_bad_measure_changes_nothing(client, plan, changes, field, message):
    foreign = {"lead_departments": [plan["foreign_department"].pk]}
    foreign["partner_departments"] = foreign["lead_departments"]
    foreign["goal"] = plan["foreign_goal"].pk
    changes = {k: (foreign[k] if v in ("foreign", ["foreign"]) else v) for k, v in changes.items()}
    client.force_login(plan["office"])
    before = snapshot()
    for address in (
        url("measure_edit", plan["cycle"], pk=plan["measure"].pk),
        url("measure_create", plan["cycle"]),
    ):
        response = client.post(address, measure_data(plan, **{"code": "3.2.1", **changes}))
        assert response.status_code == 200
        form = response.context["form"]
        errors = form.errors.get(field, []) if field else form.non_field_errors()
        if field is None and not errors:
            errors = form.errors.get("code", [])
        assert errors, form.errors
        assert message in " ".join(errors)
    assert snapshot() == before


def test_a_goal_of_another_cycle_of_the_same_municipality_is_refused(client, plan):
    other_cycle = ConceptCycleFactory(municipality=plan["cycle"].municipality, slug="2015-2020")
    other_goal = GoalFactory(field=FieldOfActionFactory(cycle=other_cycle, number=1))
    client.force_login(plan["office"])
    before = snapshot()
    response = client.post(
        url("measure_create", plan["cycle"]), measure_data(plan, goal=other_goal.pk)
    )
    assert "goal" in response.context["form"].errors
    response = client.post(
        url("goal_create", plan["cycle"]),
        {"field": other_goal.field.pk, "code": "9.9", "title_de": "Ziel"},
    )
    assert "field" in response.context["form"].errors
    assert snapshot() == before


def test_office_creates_and_edits_a_field_and_a_goal(client, plan):
    client.force_login(plan["office"])
    response = client.post(
        url("field_create", plan["cycle"]),
        {"number": "4", "slug": "arbeit", "title_de": "Arbeit", "is_draft": "on"},
    )
    assert response.status_code == 302
    field = FieldOfAction.objects.get(cycle=plan["cycle"], number=4)
    assert field.is_draft and field.municipality == plan["cycle"].municipality
    response = client.post(
        url("field_edit", plan["cycle"], pk=field.pk),
        {"number": "4", "slug": "arbeit", "title_de": "Arbeit und Beruf"},
    )
    field.refresh_from_db()
    assert field.title.text("de") == "Arbeit und Beruf" and not field.is_draft
    response = client.post(
        url("goal_create", plan["cycle"]), {"field": field.pk, "code": "4.1", "title_de": "Jobs"}
    )
    assert response.status_code == 302
    goal = Goal.objects.get(code="4.1")
    response = client.post(
        url("goal_edit", plan["cycle"], pk=goal.pk),
        {"field": field.pk, "code": "4.1", "title_de": "Mehr Jobs"},
    )
    goal.refresh_from_db()
    assert goal.title.text("de") == "Mehr Jobs"


def test_a_field_number_used_twice_changes_nothing(client, plan):
    client.force_login(plan["office"])
    before = snapshot()
    response = client.post(
        url("field_create", plan["cycle"]), {"number": "3", "slug": "neu", "title_de": "Neu"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(
        url("field_create", plan["cycle"]), {"number": "1000", "slug": "neu", "title_de": "Neu"}
    )
    assert "number" in response.context["form"].errors
    assert snapshot() == before


def test_office_creates_an_indicator_with_yearly_values(client, plan):
    client.force_login(plan["office"])
    data = {
        "title_de": "Teilnehmende an Sprachkursen",
        "unit": "Personen",
        "field": plan["field"].pk,
        "baseline": "120",
        "baseline_year": "2020",
        **years([{"year": "2021", "value": "150"}, {"year": "2022", "value": "180"}]),
    }
    response = client.post(url("indicator_create", plan["cycle"]), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(cycle=plan["cycle"])
    assert [(v.year, int(v.value)) for v in indicator.values.all()] == [(2021, 150), (2022, 180)]
    first = indicator.values.get(year=2021)
    response = client.post(
        url("indicator_edit", plan["cycle"], pk=indicator.pk),
        {
            **data,
            **years(
                [
                    {"id": first.pk, "indicator": indicator.pk, "year": "2021", "value": "155"},
                    {"year": "2023", "value": "200"},
                ],
                initial=1,
            ),
        },
    )
    assert response.status_code == 302
    assert [(v.year, int(v.value)) for v in indicator.values.all()] == [
        (2021, 155),
        (2022, 180),
        (2023, 200),
    ]


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"year": "2021", "value": "1"}, {"year": "2021", "value": "2"}], "only once: 2021"),
        ([{"year": "1800", "value": "1"}], "greater than or equal to 1900"),
        ([{"year": "2021", "value": "99999999999999999999"}], "no more than 14 digits"),
    ],
)
def test_bad_yearly_values_save_nothing(client, plan, rows, message):
    client.force_login(plan["office"])
    before = snapshot()
    response = client.post(
        url("indicator_create", plan["cycle"]),
        {"title_de": "Zahl", "unit": "Personen", **years(rows)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


def test_office_creates_a_funding_line_with_yearly_amounts(client, plan):
    client.force_login(plan["office"])
    data = {
        "title_de": "Förderung von Vereinen",
        "department": plan["social"].pk,
        **years([{"year": "2021", "amount": "5000"}, {"year": "2022", "amount": "6000"}]),
    }
    assert client.post(url("funding_line_create", plan["cycle"]), data).status_code == 302
    line = FundingLine.objects.get(cycle=plan["cycle"])
    assert line.department == plan["social"]
    assert [(a.year, int(a.amount)) for a in line.amounts.all()] == [(2021, 5000), (2022, 6000)]


@pytest.mark.parametrize(
    "changes",
    [
        {"department": "foreign"},
        years([{"year": "2021", "amount": "-5"}]),
        years([{"year": "2021", "amount": "5"}, {"year": "2021", "amount": "6"}]),
    ],
)
def test_a_bad_funding_line_saves_nothing(client, plan, changes):
    if changes.get("department") == "foreign":
        changes["department"] = plan["foreign_department"].pk
    client.force_login(plan["office"])
    before = snapshot()
    data = {"title_de": "Förderung", "department": plan["social"].pk, **years([]), **changes}
    response = client.post(url("funding_line_create", plan["cycle"]), data)
    assert response.status_code == 200
    assert snapshot() == before


def test_office_creates_and_edits_a_cycle(client, plan):
    client.force_login(plan["office"])
    data = {
        "title_de": "Integrationskonzept 2027 bis 2032",
        "slug": "2027-2032",
        "starts_on": "2027-01-01",
        "ends_on": "2032-12-31",
    }
    response = client.post(url("cycle_create"), data)
    assert response.status_code == 302
    cycle = ConceptCycle.objects.get(slug="2027-2032", municipality=plan["cycle"].municipality)
    assert not cycle.is_published and cycle.phase == Phase.PREPARATION
    response = client.post(url("cycle_edit", cycle), {**data, "short_title": "IK 2027"})
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.short_title == "IK 2027"
    before = snapshot()
    # Another cycle's short name, and an end before the start, are refused.
    response = client.post(url("cycle_edit", cycle), {**data, "slug": "2021-2026"})
    assert "slug" in str(response.context["form"].errors) or response.context["form"].errors
    response = client.post(url("cycle_edit", cycle), {**data, "ends_on": "2026-01-01"})
    assert "ends_on" in response.context["form"].errors
    assert snapshot() == before


# --- Phases ------------------------------------------------------------------------------------


def test_phases_only_move_forward():
    cycle = ConceptCycle(phase=Phase.IMPLEMENTATION)
    assert services.next_phases(cycle) == [Phase.REPORTED, Phase.SUPERSEDED]
    with pytest.raises(services.PhaseError):
        services.validate_phase_change(cycle, Phase.DRAFTING)
    with pytest.raises(services.PhaseError):
        services.validate_phase_change(cycle, Phase.IMPLEMENTATION)


@pytest.fixture
def draft_cycle(plan):
    cycle = ConceptCycleFactory(
        municipality=plan["cycle"].municipality,
        slug="2027-2032",
        phase=Phase.CONSULTATION,
        council_decision_number="",
        council_decision_date=None,
        is_published=False,
    )
    CyclePhaseFactory(
        cycle=cycle, phase=Phase.CONSULTATION, starts_on=date(2026, 1, 1), ends_on=None
    )
    return cycle


def test_adoption_needs_the_council_decision(client, plan, draft_cycle):
    client.force_login(plan["office"])
    before = snapshot()
    for data in (
        {"phase": "adopted"},
        {"phase": "adopted", "council_decision_number": "V12/26"},
        {"phase": "implementation", "council_decision_date": "2026-05-01"},
        {
            "phase": "adopted",
            "council_decision_number": "V12/26",
            "council_decision_date": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
        {"phase": "drafting", "council_decision_number": "V12/26"},
        {"phase": "adopted", "council_decision_number": "V12/26", "confirm": "yes"},
    ):
        response = client.post(url("phase", draft_cycle), data)
        assert response.status_code == 200
        assert response.context["form"].errors, data
        assert not response.context.get("confirming")
    assert snapshot() == before


def test_phase_change_is_confirmed_then_recorded(client, plan, draft_cycle):
    client.force_login(plan["office"])
    before = snapshot()
    page = client.get(url("phase", draft_cycle))
    assert [c[0] for c in page.context["form"].fields["phase"].choices] == [
        "adopted",
        "implementation",
        "reported",
        "superseded",
    ]
    data = {
        "phase": "adopted",
        "council_decision_number": "V12/26",
        "council_decision_date": "2026-05-01",
    }
    response = client.post(url("phase", draft_cycle), data)
    assert response.context["confirming"]
    text = response.content.decode()
    assert "The council decision V12/26 of" in text
    assert "The plan becomes the plan in force" in text
    assert "Nobody is sent an e-mail." in text
    assert snapshot() == before  # the confirmation page changed nothing
    response = client.post(url("phase", draft_cycle), {**data, "confirm": "yes"})
    assert response.status_code == 302
    draft_cycle.refresh_from_db()
    assert draft_cycle.phase == Phase.ADOPTED
    assert (draft_cycle.council_decision_number, draft_cycle.council_decision_date) == (
        "V12/26",
        date(2026, 5, 1),
    )
    today = timezone.localdate()
    assert list(draft_cycle.phases.values_list("phase", "starts_on", "ends_on")) == [
        ("consultation", date(2026, 1, 1), today),
        ("adopted", today, None),
    ]
    # Back is not offered, and not taken when sent.
    response = client.post(url("phase", draft_cycle), {"phase": "consultation", "confirm": "yes"})
    assert response.context["form"].errors
    draft_cycle.refresh_from_db()
    assert draft_cycle.phase == Phase.ADOPTED


def test_publishing_the_draft_of_a_revision_is_confirmed(client, plan, draft_cycle):
    GoalFactory(
        field=FieldOfActionFactory(cycle=draft_cycle, number=1, is_draft=True), is_draft=True
    )
    client.force_login(plan["office"])
    response = client.get(url("publish", draft_cycle))
    assert "1 fields of action, 1 goals, 0 measures" in response.content.decode()
    draft_cycle.refresh_from_db()
    assert not draft_cycle.is_published
    assert client.post(url("publish", draft_cycle)).status_code == 302
    draft_cycle.refresh_from_db()
    assert draft_cycle.is_published
    response = client.post(url("publish", draft_cycle), follow=True)
    assert "already published" in response.content.decode()


def test_revision_asks_for_confirmation_first(client, plan):
    StatusReportFactory(measure=plan["social_measure"], status="done", progress=100)
    client.force_login(plan["office"])
    address = url("revise", plan["cycle"])
    before = snapshot()
    assert client.get(address).status_code == 200
    data = {"title": "Neu", "slug": "2027-2032", "starts_on": "2027-01-01", "ends_on": "2032-12-31"}
    response = client.post(address, data)
    assert response.status_code == 200 and response.context["confirming"]
    text = response.content.decode()
    for sentence in (
        "1 field of action is copied as a draft.",
        "1 goal is copied as a draft.",
        "1 unfinished measure is carried over as a draft.",
        "1 finished measure stays in this cycle.",
        "nobody is sent an e-mail",
    ):
        assert sentence in text
    assert snapshot() == before
    assert client.post(address, {**data, "confirm": "yes"}).status_code == 302
    assert ConceptCycle.objects.filter(predecessor=plan["cycle"]).count() == 1


# --- Who may do what ---------------------------------------------------------------------


def office_pages(plan):
    cycle = plan["cycle"]
    indicator = IndicatorFactory(cycle=cycle)
    line = FundingLine.objects.create(
        municipality=cycle.municipality, cycle=cycle, title="F", department=plan["social"]
    )
    return [
        url("cycle_create"),
        url("manage", cycle),
        url("cycle_edit", cycle),
        url("phase", cycle),
        url("publish", cycle),
        url("field_create", cycle),
        url("field_edit", cycle, pk=plan["field"].pk),
        url("goal_create", cycle),
        url("goal_edit", cycle, pk=plan["goal"].pk),
        url("measure_create", cycle),
        url("indicator_create", cycle),
        url("indicator_edit", cycle, pk=indicator.pk),
        url("funding_line_create", cycle),
        url("funding_line_edit", cycle, pk=line.pk),
    ]


def test_the_office_reaches_every_page(client, plan):
    client.force_login(plan["office"])
    for address in office_pages(plan) + [url("measure_edit", plan["cycle"], pk=plan["measure"].pk)]:
        assert client.get(address).status_code == 200, address


@pytest.mark.parametrize("who", ["editor", "foreign_office"])
def test_others_are_refused_and_change_nothing(client, plan, who):
    client.force_login(plan[who])
    pages = office_pages(plan)
    if who == "foreign_office":
        pages.append(url("measure_edit", plan["cycle"], pk=plan["measure"].pk))
    else:
        pages.append(url("measure_edit", plan["cycle"], pk=plan["social_measure"].pk))
    before = snapshot()
    for address in pages:
        assert client.get(address).status_code == 403, address
        data = measure_data(plan, phase="adopted", confirm="yes", number="7", slug="x")
        assert client.post(address, data).status_code == 403, address
    assert snapshot() == before


def test_foreign_office_admin_does_not_find_the_objects_from_its_own_address(client, plan):
    client.force_login(plan["foreign_office"])
    before = snapshot()
    address = reverse(
        "plan:measure_edit",
        kwargs={"municipality": "leipzig", "cycle": "2021-2026", "pk": plan["measure"].pk},
    )
    assert client.get(address).status_code == 404
    assert client.post(address, measure_data(plan)).status_code == 404
    assert snapshot() == before


def test_anonymous_is_sent_to_log_in(client, plan):
    with translation.override("de"):
        login = reverse("accounts:login")
    for address in office_pages(plan):
        response = client.get(address)
        assert response.status_code == 302 and login in response["Location"], address


def test_department_editor_edits_the_measures_of_its_departments_only(client, plan):
    client.force_login(plan["editor"])
    measure = plan["measure"]
    address = url("measure_edit", plan["cycle"], pk=measure.pk)
    form = client.get(address).context["form"]
    assert "lead_departments" not in form.fields and "goal" not in form.fields
    data = measure_data(plan, title_de="Sprachcafés am Abend", lead_departments=[plan["social"].pk])
    response = client.post(address, data)
    assert response.status_code == 302
    with translation.override("de"):
        assert response["Location"].endswith(measure.get_absolute_url())
    measure.refresh_from_db()
    assert measure.title.text("de") == "Sprachcafés am Abend"
    assert measure.code == "3.2.1"
    assert list(measure.lead_departments.all()) == [plan["culture"]]


def test_edit_links_for_those_allowed(client, plan):
    cycle, measure = plan["cycle"], plan["measure"]
    manage, edit = url("manage", cycle), url("measure_edit", cycle, pk=measure.pk)
    field_edit = url("field_edit", cycle, pk=plan["field"].pk)
    with translation.override("de"):
        cycle_page = "/en" + cycle.get_absolute_url()
        field_page = "/en" + plan["field"].get_absolute_url()
        measure_page = "/en" + measure.get_absolute_url()
    for who, expected in (
        ("office", {manage, edit, field_edit}),
        ("editor", {edit}),
        ("foreign_office", set()),
    ):
        client.force_login(plan[who])
        html = "".join(
            client.get(p).content.decode() for p in (cycle_page, field_page, measure_page)
        )
        shown = {link for link in (manage, edit, field_edit) if f'href="{link}"' in html}
        assert shown == expected, who


# --- A fixed number of queries -------------------------------------------------------------------


def test_the_manage_page_runs_the_same_queries_for_a_small_and_a_large_cycle(client, plan):
    client.force_login(plan["office"])
    small = count_queries(client, url("manage", plan["cycle"]))
    cycle = plan["cycle"]
    for number in range(4, 8):
        goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=number))
        for _ in range(3):
            MeasureFactory(goal=goal)
        IndicatorFactory(cycle=cycle)
    large = count_queries(client, url("manage", plan["cycle"]))
    assert small == large


@pytest.mark.django_db(transaction=True)
def test_the_same_phase_change_sent_twice_at_once_is_recorded_once(live_server, municipality):
    """Two tabs confirm the move to "reported" at the same moment: the cycle's row lock
    makes one step in the timeline; the other request is told, no error page."""
    from tests.simultaneous import staff_post_at_once

    cycle = ConceptCycleFactory(municipality=municipality, slug="2021-2026")
    CyclePhaseFactory(
        cycle=cycle, phase=Phase.IMPLEMENTATION, starts_on=date(2022, 1, 1), ends_on=None
    )
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    results = staff_post_at_once(
        live_server.url,
        office,
        url("phase", cycle),
        lambda number: {"phase": "reported", "confirm": "yes"},
    )
    assert sorted(status for status, _page in results) == [200, 302]
    refused = next(page for status, page in results if status == 200)
    assert "cannot move to" in refused
    assert list(CyclePhase.objects.filter(cycle=cycle).values_list("phase", flat=True)) == [
        "implementation",
        "reported",
    ]

"""Answers: the office drafts and publishes (after a confirmation step), goals and
measures only of the municipality and the demand's cycle, a department editor
proposes one for a demand given to their department, the office approves it or
sends it back with a note; who may do what, role by role; two offices at once make
one answer."""

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.consultation import services
from teilhabe.consultation.models import Answer
from tests.factories import DepartmentFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once

from .factories import AnswerFactory, StatementFactory, make_demand
from .office_fixtures import office_world  # noqa: F401


@pytest.fixture
def demand(world):
    statement = StatementFactory(cycle=world.cycle, organisations=[world.dsm])
    return make_demand(statement=statement, text="Mehr Sprachkurse für Erwachsene.")


def url(name, demand):
    return reverse(
        f"consultation:{name}",
        kwargs={"municipality": "dresden", "cycle": demand.cycle.slug, "number": demand.number},
    )


def answer_data(world, **more):
    return {
        "outcome": "adopted",
        "reason_de": "Die Volkshochschule baut das Angebot aus.",
        "department": world.culture.pk,
        "answered_on": "2021-11-11",
        "goals": [world.goal.pk],
        "measures": [world.measure.pk],
        **more,
    }


def test_the_office_drafts_then_publishes_after_confirming(client, world, demand):
    client.force_login(world.office)
    page = client.get(url("answer", demand)).content.decode()
    assert "Mehr Sprachkurse für Erwachsene." in page
    assert url("demand_edit", demand) in page and url("demand_merge", demand) in page
    assert client.post(url("answer", demand), answer_data(world)).status_code == 302
    answer = Answer.objects.get()
    assert answer.state == Answer.State.DRAFT
    assert list(answer.measures.all()) == [world.measure]
    assert list(answer.goals.all()) == [world.goal]
    assert answer.department == world.culture
    assert not Answer.objects.public().exists()
    confirm = client.get(url("answer_publish", demand)).content.decode()
    assert 'id="what-happens"' in confirm
    assert Answer.objects.get().state == Answer.State.DRAFT
    assert client.post(url("answer_publish", demand), read(confirm)).status_code == 302
    answer.refresh_from_db()
    assert answer.state == Answer.State.PUBLISHED and answer.approved_by == world.office
    assert list(Answer.objects.public()) == [answer]
    # Changed by the office, a published answer stays published.
    client.post(url("answer", demand), answer_data(world, outcome="partly"))
    answer.refresh_from_db()
    assert (answer.state, answer.outcome) == (Answer.State.PUBLISHED, "partly")


@pytest.mark.parametrize(
    "bad",
    [
        {"measures": "foreign_measure"},
        {"goals": "foreign_goal"},
        {"measures": "other_cycles_measure"},
        {"department": "foreign_department"},
        {"reason_de": ""},
        {"outcome": "maybe"},
    ],
)
def test_foreign_or_bad_choices_are_form_errors_and_save_nothing(client, world, demand, bad):
    other_cycle = ConceptCycleFactory(municipality=world.municipality, slug="alt")
    choices = {
        "foreign_measure": world.foreign_measure,
        "foreign_goal": world.foreign_measure.goal,
        "other_cycles_measure": MeasureFactory(
            goal=GoalFactory(field=FieldOfActionFactory(cycle=other_cycle))
        ),
        "foreign_department": DepartmentFactory(
            municipality=world.foreign_org.municipality, number="999"
        ),
    }
    ((name, value),) = bad.items()
    if value in choices:
        value = [choices[value].pk] if name in ("measures", "goals") else choices[value].pk
    client.force_login(world.office)
    response = client.post(url("answer", demand), answer_data(world, **{name: value}))
    assert response.status_code == 400
    assert 'id="form-errors"' in response.content.decode()
    assert not Answer.objects.exists()


def test_a_department_editor_proposes_and_the_office_approves(client, world, demand):
    client.force_login(world.editor)
    # Not given to their department yet.
    assert client.get(url("answer", demand)).status_code == 403
    AnswerFactory(demand=demand, state=Answer.State.DRAFT, department=world.culture)
    assert client.get(url("answer", demand)).status_code == 200
    # Their own departments only.
    response = client.post(url("answer", demand), answer_data(world, department=world.social.pk))
    assert response.status_code == 400
    assert client.post(url("answer", demand), answer_data(world)).status_code == 302
    answer = Answer.objects.get()
    assert answer.state == Answer.State.PROPOSED and answer.written_by == world.editor
    # The office may not be skipped.
    assert client.get(url("answer_publish", demand)).status_code == 403
    assert client.post(url("answer_publish", demand)).status_code == 403
    client.force_login(world.office)
    waiting = client.get(
        reverse("consultation:demands", kwargs={"municipality": "dresden"}) + "?state=proposed"
    ).content.decode()
    assert url("answer", demand) in waiting
    confirm = client.get(url("answer_publish", demand)).content.decode()
    assert client.post(url("answer_publish", demand), read(confirm)).status_code == 302
    answer.refresh_from_db()
    assert answer.state == Answer.State.PUBLISHED and answer.approved_by == world.office
    # Published: no longer the editor's to change.
    client.force_login(world.editor)
    assert client.post(url("answer", demand), answer_data(world)).status_code == 403
    answer.refresh_from_db()
    assert answer.state == Answer.State.PUBLISHED


def test_the_office_sends_a_proposal_back_with_a_note(client, world, demand):
    AnswerFactory(demand=demand, state=Answer.State.PROPOSED, department=world.culture)
    client.force_login(world.office)
    assert client.post(url("answer_return", demand), {"note": ""}).status_code == 400
    assert Answer.objects.get().state == Answer.State.PROPOSED
    response = client.post(url("answer_return", demand), {"note": "Bitte die Maßnahme nennen."})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.state, answer.review_note) == (Answer.State.DRAFT, "Bitte die Maßnahme nennen.")
    client.force_login(world.editor)
    assert "Bitte die Maßnahme nennen." in client.get(url("answer", demand)).content.decode()
    # Sending back twice is refused: it is no proposal any more.
    client.force_login(world.office)
    assert client.post(url("answer_return", demand), {"note": "Noch mal"}).status_code == 400


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("representative", 403),
        ("other_representative", 403),
        ("moderator", 403),
        ("foreign_office", 403),
    ],
)
def test_who_may_not_answer(client, world, demand, who, status):
    AnswerFactory(demand=demand, state=Answer.State.PROPOSED, department=world.culture)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for name in ("answer", "answer_publish", "answer_return"):
        assert client.get(url(name, demand)).status_code == status
        post = answer_data(world, note="Zurück", outcome="not_adopted")
        assert client.post(url(name, demand), post).status_code == status
    answer = Answer.objects.get()
    assert (answer.state, answer.outcome) == (Answer.State.PROPOSED, "adopted")


def test_an_editor_of_another_department_may_not_propose(client, world, demand):
    AnswerFactory(demand=demand, state=Answer.State.DRAFT, department=world.social)
    client.force_login(world.editor)
    assert client.get(url("answer", demand)).status_code == 403
    assert client.post(url("answer", demand), answer_data(world)).status_code == 403
    assert Answer.objects.get().state == Answer.State.DRAFT


def _two_offices_post(live_server, users, path, fields):
    split = urlsplit(live_server.url)
    browsers, posts = [], []
    for user in users:
        session = Client()
        session.force_login(user)
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        status, page = browser.request("GET", path)
        assert status == 200, (status, page[:300])
        browsers.append(browser)
        posts.append({"csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1), **fields})
    try:
        return run_at_once(
            [
                lambda b=b, f=f: b.request("POST", path, f)
                for b, f in zip(browsers, posts, strict=True)
            ]
        )
    finally:
        for browser in browsers:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_two_offices_answering_the_same_demand_at_once_make_one_answer(live_server, world, demand):
    from teilhabe.accounts.models import Role
    from tests.consultation.office_fixtures import role

    colleague = role(world.municipality, Role.Kind.OFFICE_ADMIN)
    data = answer_data(world)
    data["goals"], data["measures"] = world.goal.pk, world.measure.pk
    results = _two_offices_post(live_server, [world.office, colleague], url("answer", demand), data)
    assert [status for status, _page in results] == [302, 302]
    assert Answer.objects.filter(demand=demand).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_offices_publishing_at_once_publish_once(live_server, world, demand):
    from teilhabe.accounts.models import Role
    from tests.consultation.office_fixtures import role

    answer = AnswerFactory(demand=demand, state=Answer.State.PROPOSED)
    colleague = role(world.municipality, Role.Kind.OFFICE_ADMIN)
    results = _two_offices_post(
        live_server,
        [world.office, colleague],
        url("answer_publish", demand),
        {"revision": answer.revision},
    )
    assert [status for status, _page in results] == [302, 302]
    answer = Answer.objects.get(demand=demand)
    assert answer.state == Answer.State.PUBLISHED
    assert answer.approved_by in (world.office, colleague)


def test_the_service_refuses_goals_and_measures_of_another_cycle(world, demand):
    from datetime import date

    from teilhabe.consultation import services

    other_cycle = ConceptCycleFactory(municipality=world.municipality, slug="alt")
    other_goal = GoalFactory(field=FieldOfActionFactory(cycle=other_cycle))
    other_measure = MeasureFactory(goal=other_goal)
    common = dict(user=world.office, outcome="adopted", reason="Weil.", answered_on=date.today())
    for kwargs in ({"measures": [other_measure]}, {"goals": [other_goal]}):
        with pytest.raises(services.ConsultationError):
            services.save_answer(demand, **common, **kwargs)
    assert not Answer.objects.exists()
    services.save_answer(demand, **common, goals=[world.goal], measures=[world.measure])
    assert Answer.objects.count() == 1


def read(confirmation_page):
    """The revision of the answer the confirmation page showed, as its form sends it."""
    import re

    return {"revision": re.search(r'name="revision" value="(\d+)"', confirmation_page).group(1)}


def test_publishing_refuses_an_answer_changed_since_the_office_read_it(client, world, demand):
    """An editor proposes new text while the office reads the confirmation page: the
    office's click publishes nothing it did not read."""
    client.force_login(world.office)
    client.post(url("answer", demand), answer_data(world))
    confirm = client.get(url("answer_publish", demand)).content.decode()
    answer = Answer.objects.get()
    services.save_answer(
        demand,
        user=world.editor,
        outcome="noted",
        reason="Neu vorgeschlagen.",
        answered_on=answer.answered_on,
        department=world.culture,
        propose=True,
    )
    page = client.post(url("answer_publish", demand), read(confirm), follow=True)
    assert [m.level_tag for m in page.context["messages"]] == ["error"]
    answer.refresh_from_db()
    assert answer.state == Answer.State.PROPOSED
    # Read again, it publishes.
    confirm = client.get(url("answer_publish", demand)).content.decode()
    assert client.post(url("answer_publish", demand), read(confirm)).status_code == 302
    answer.refresh_from_db()
    assert answer.state == Answer.State.PUBLISHED


def test_an_editor_cannot_turn_a_published_answer_back_into_a_proposal(world, demand):
    answer = services.save_answer(
        demand, user=world.office, outcome="adopted", reason="Ja.", answered_on=date(2021, 9, 1)
    )
    services.publish_answer(answer, user=world.office)
    with pytest.raises(services.ConsultationError):
        services.save_answer(
            demand,
            user=world.editor,
            outcome="noted",
            reason="Nein.",
            answered_on=date(2021, 9, 1),
            propose=True,
        )
    assert Answer.objects.get().state == Answer.State.PUBLISHED


def test_the_office_withdraws_a_published_answer_after_confirming(client, world, demand):
    answer = AnswerFactory(demand=demand, state=Answer.State.PUBLISHED)
    client.force_login(world.office)
    assert url("answer_withdraw", demand) in client.get(url("answer", demand)).content.decode()
    confirm = client.get(url("answer_withdraw", demand)).content.decode()
    assert 'id="what-happens"' in confirm
    answer.refresh_from_db()
    assert answer.state == Answer.State.PUBLISHED
    assert client.post(url("answer_withdraw", demand)).status_code == 302
    answer.refresh_from_db()
    assert (answer.state, answer.published_at) == (Answer.State.DRAFT, None)
    # Not published any more: nothing to withdraw, the office is told.
    again = client.post(url("answer_withdraw", demand), follow=True)
    assert "Diese Antwort ist nicht veröffentlicht." in again.content.decode()
    assert url("answer_withdraw", demand) not in client.get(url("answer", demand)).content.decode()


def test_a_withdrawn_answer_leaves_the_public_trail(client, world, demand):
    answer = AnswerFactory(
        demand=demand, state=Answer.State.PUBLISHED, reason="Öffentliche Begründung"
    )
    public = demand.get_absolute_url()
    assert "Öffentliche Begründung" in client.get(public).content.decode()
    services.withdraw_answer(answer)
    assert "Öffentliche Begründung" not in client.get(public).content.decode()

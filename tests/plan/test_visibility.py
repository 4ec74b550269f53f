"""One rule for what the public sees of the plan, in the portal and in the API alike: a
measure is public when it is not a draft, its goal and its field of action are not
drafts and its cycle is published (``Measure.objects.public()``; the same for cycles,
fields and goals)."""

import pytest
from django.urls import reverse
from django.utils import translation

from teilhabe.plan.models import ConceptCycle, FieldOfAction, Goal, Measure
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

HIDDEN = {
    "draft measure": ("ik-2021", "1.1.2"),
    "under a draft goal": ("ik-2021", "1.2.1"),
    "under a draft field": ("ik-2021", "2.1.1"),
    "in an unpublished cycle": ("ik-2027", "1.1.1"),
}


@pytest.fixture
def plan(municipality):
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
    field = FieldOfActionFactory(cycle=cycle, number=1, slug="feld-1")
    goal = GoalFactory(field=field, code="1.1")
    MeasureFactory(goal=goal, code="1.1.1")
    MeasureFactory(goal=goal, code="1.1.2", is_draft=True)
    MeasureFactory(goal=GoalFactory(field=field, code="1.2", is_draft=True), code="1.2.1")
    draft_field = FieldOfActionFactory(cycle=cycle, number=2, slug="feld-2", is_draft=True)
    MeasureFactory(goal=GoalFactory(field=draft_field, code="2.1"), code="2.1.1")
    unpublished = ConceptCycleFactory(municipality=municipality, slug="ik-2027", is_published=False)
    field = FieldOfActionFactory(cycle=unpublished, number=1, slug="feld-1")
    MeasureFactory(goal=GoalFactory(field=field, code="1.1"), code="1.1.1")
    return cycle


def portal_url(cycle, code=None):
    with translation.override("de"):
        if code is None:
            return reverse("plan:measures", kwargs={"municipality": "dresden", "cycle": cycle})
        kwargs = {"municipality": "dresden", "cycle": cycle, "code": code}
        return reverse("plan:measure", kwargs=kwargs)


def api_url(cycle, code=None):
    url = f"/api/v1/dresden/cycles/{cycle}/measures"
    return url if code is None else f"{url}/{code}"


def test_a_public_measure_is_shown_by_portal_and_api(client, plan):
    assert client.get(portal_url("ik-2021", "1.1.1")).status_code == 200
    assert client.get(api_url("ik-2021", "1.1.1")).json()["code"] == "1.1.1"


@pytest.mark.parametrize(("cycle", "code"), HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hidden_measure_is_404_in_portal_and_api(client, plan, cycle, code):
    assert client.get(portal_url(cycle, code)).status_code == 404
    response = client.get(api_url(cycle, code))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_lists_of_portal_and_api_hold_the_public_measures_only(client, plan):
    listed = client.get(portal_url("ik-2021")).context["measures"]
    assert [m.code for m in listed] == ["1.1.1"]
    assert [m["code"] for m in client.get(api_url("ik-2021")).json()["items"]] == ["1.1.1"]
    assert client.get(api_url("ik-2027")).status_code == 404


def test_the_api_lists_published_cycles_only(client, plan):
    assert [c["slug"] for c in client.get("/api/v1/dresden/cycles").json()] == ["ik-2021"]


def test_the_api_names_a_predecessor_only_if_it_is_public(client, plan, municipality):
    later = ConceptCycleFactory(municipality=municipality, slug="ik-2033")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=later, number=1), code="1.1")
    for code, predecessor in [("1.1.1", "1.1.1"), ("1.1.2", "1.2.1")]:
        MeasureFactory(
            goal=goal, code=code, predecessor=Measure.objects.get(cycle=plan, code=predecessor)
        )
    data = {m["code"]: m for m in client.get(api_url("ik-2033")).json()["items"]}
    assert data["1.1.1"]["predecessor"] == "ik-2021/1.1.1"
    assert data["1.1.2"]["predecessor"] is None  # under a draft goal


@pytest.mark.parametrize("model", [ConceptCycle, FieldOfAction, Goal, Measure])
def test_is_public_and_public_agree_on_every_object(plan, model):
    """The check of one object (links) and the filter (lists) are the same rule."""
    public = set(model.objects.public().values_list("pk", flat=True))
    objects = list(model.objects.all())
    assert {o.pk for o in objects if o.is_public()} == public
    assert 0 < len(public) < len(objects)

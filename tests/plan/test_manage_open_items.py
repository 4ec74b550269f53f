"""The office keeps a cycle's needs for action and the notes on its phases without the
admin: created, edited, deleted after a confirmation, bad input refused with nothing
saved, nobody else allowed, and the Manage page's queries fixed."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import Role
from teilhabe.plan.models import CyclePhase, Measure, OpenItem, Phase
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    CyclePhaseFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
    OpenItemFactory,
)
from tests.plan.test_manage import url
from tests.plan.test_portal import count_queries


@pytest.fixture
def world(municipality, other_municipality):
    old = ConceptCycleFactory(
        municipality=municipality,
        slug="2015-2020",
        starts_on=date(2015, 1, 1),
        ends_on=date(2020, 12, 31),
        phase=Phase.SUPERSEDED,
    )
    cycle = ConceptCycleFactory(municipality=municipality, slug="2021-2026")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1))
    old_goal = GoalFactory(field=FieldOfActionFactory(cycle=old, number=1))
    foreign_cycle = ConceptCycleFactory(municipality=other_municipality, slug="2021-2026")
    foreign_goal = GoalFactory(field=FieldOfActionFactory(cycle=foreign_cycle, number=1))
    office, editor, foreign_office = (
        factories.RoleFactory(municipality=m, kind=kind).user
        for m, kind in (
            (municipality, Role.Kind.OFFICE_ADMIN),
            (municipality, Role.Kind.DEPARTMENT_EDITOR),
            (other_municipality, Role.Kind.OFFICE_ADMIN),
        )
    )
    return {
        "cycle": cycle,
        "old": old,
        "measure": MeasureFactory(goal=goal, code="1.1.1"),
        "old_measure": MeasureFactory(goal=old_goal, code="1.1.1"),
        "foreign_measure": MeasureFactory(goal=foreign_goal, code="1.1.1"),
        "item": OpenItemFactory(cycle=old, text="Dolmetscherdienst sichern", order=1),
        "phase": CyclePhaseFactory(
            cycle=old, phase=Phase.SUPERSEDED, starts_on=date(2021, 1, 1), ends_on=None
        ),
        "foreign_item": OpenItemFactory(cycle=foreign_cycle),
        "foreign_phase": CyclePhaseFactory(cycle=foreign_cycle),
        "office": office,
        "editor": editor,
        "foreign_office": foreign_office,
    }


def snapshot():
    return (
        list(OpenItem.objects.values().order_by("pk")),
        list(CyclePhase.objects.values().order_by("pk")),
        list(Measure.objects.values().order_by("pk")),
    )


def item_data(world, **changes):
    data = {"text_de": "Elternarbeit stärken", "order": "2", "taken_up_by": world["measure"].pk}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- Needs for action ------------------------------------------------------------------------


def test_office_adds_edits_and_lists_a_need_for_action(client, world):
    client.force_login(world["office"])
    old = world["old"]
    response = client.post(url("open_item_create", old), item_data(world, text_en="Parents"))
    assert response.status_code == 302 and response["Location"] == url("manage", old)
    item = OpenItem.objects.get(cycle=old, order=2)
    assert (item.municipality, item.taken_up_by) == (old.municipality, world["measure"])
    assert (item.text.text("de"), item.text.text("en")) == ("Elternarbeit stärken", "Parents")

    response = client.post(
        url("open_item_edit", old, pk=item.pk),
        item_data(world, text_de="Elternarbeit in Kitas stärken", order="0", taken_up_by=""),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text.text("de"), item.order, item.taken_up_by) == (
        "Elternarbeit in Kitas stärken",
        0,
        None,
    )

    manage = client.get(url("manage", old)).content.decode()
    for name, pk in (("open_item_edit", item.pk), ("open_item_delete", item.pk)):
        assert f'href="{url(name, old, pk=pk)}"' in manage
    assert f'href="{url("open_item_create", old)}"' in manage
    assert "Edit Elternarbeit in Kitas stärken" in manage
    assert "Delete Elternarbeit in Kitas stärken" in manage
    with translation.override("en"):
        public = client.get(old.get_absolute_url()).content.decode()
    assert public.index("Elternarbeit in Kitas stärken") < public.index("Dolmetscherdienst")


def test_the_measures_offered_are_this_municipalitys_of_this_or_a_later_cycle(client, world):
    client.force_login(world["office"])
    form = client.get(url("open_item_create", world["old"])).context["form"]
    offered = list(form.fields["taken_up_by"].queryset)
    assert offered == [world["old_measure"], world["measure"]]
    form = client.get(url("open_item_create", world["cycle"])).context["form"]
    assert list(form.fields["taken_up_by"].queryset) == [world["measure"]]
    labels = [label for _value, label in form.fields["taken_up_by"].choices]
    assert labels[1:] == ["1.1.1 Maßnahme 1.1.1 (2021–2026)"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"text_de": ""}, "text", "required"),
        ({"order": "40000"}, "order", "less than or equal to 32767"),
        ({"order": "-1"}, "order", "greater than or equal to 0"),
        ({"order": "eins"}, "order", "whole number"),
        ({"taken_up_by": "foreign"}, "taken_up_by", "not one of the available choices"),
        ({"taken_up_by": "earlier"}, "taken_up_by", "not one of the available choices"),
        ({"taken_up_by": "99999999999999999999"}, "taken_up_by", "not one of the available"),
    ],
)
def test_a_bad_need_for_action_saves_nothing(client, world, changes, field, message):
    """The errors in the reader's language (English here), on create and on edit."""
    other = {"foreign": world["foreign_measure"].pk, "earlier": world["old_measure"].pk}
    changes = {k: other.get(v, v) for k, v in changes.items()}
    client.force_login(world["office"])
    cycle = world["cycle"]
    item = OpenItemFactory(cycle=cycle, text="Bleibt wie es ist")
    before = snapshot()
    for address in (url("open_item_create", cycle), url("open_item_edit", cycle, pk=item.pk)):
        response = client.post(address, item_data(world, **changes))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert message in " ".join(errors.get(field, [])), errors
    assert snapshot() == before


def test_deleting_a_need_for_action_is_confirmed_first(client, world):
    client.force_login(world["office"])
    old, item = world["old"], world["item"]
    item.taken_up_by = world["measure"]
    item.save()
    address = url("open_item_delete", old, pk=item.pk)
    before = snapshot()
    page = client.get(address)
    text = page.content.decode()
    assert "Dolmetscherdienst sichern" in text
    assert 'Measure <bdi dir="ltr">1.1.1</bdi> stays as it is' in text
    assert "This cannot be undone." in text and "Nobody is sent an e-mail." in text
    assert f'href="{url("manage", old)}"' in text
    assert snapshot() == before  # the confirmation page changed nothing
    response = client.post(address)
    assert response.status_code == 302 and response["Location"] == url("manage", old)
    assert not OpenItem.objects.filter(pk=item.pk).exists()
    assert Measure.objects.filter(pk=world["measure"].pk).exists()
    assert client.post(address).status_code == 404  # sent again: gone


def test_a_need_for_action_is_found_only_under_its_own_cycle(client, world):
    client.force_login(world["office"])
    before = snapshot()
    for name in ("open_item_edit", "open_item_delete"):
        address = url(name, world["cycle"], pk=world["item"].pk)
        assert client.get(address).status_code == 404
        assert client.post(address, item_data(world)).status_code == 404
    assert snapshot() == before


# --- Notes on the phases ---------------------------------------------------------------------


def test_office_writes_the_note_on_a_phase(client, world):
    client.force_login(world["office"])
    old, phase = world["old"], world["phase"]
    manage = client.get(url("manage", old)).content.decode()
    address = url("phase_note_edit", old, pk=phase.pk)
    assert f'href="{address}"' in manage and "Edit the note on “Superseded”" in manage
    page = client.get(address)
    assert "Note on the phase “Superseded”" in page.content.decode()
    assert list(page.context["form"].fields) == ["note"]
    assert page.context["form"].fields["note"].languages == ["de", "de-x-simple", "en"]
    response = client.post(
        address,
        # Phase and dates are the phase change's: sent along, they are ignored.
        {
            "note_de": "Abgelöst durch den Aktionsplan 2021.",
            "note_en": "Replaced by the 2021 plan.",
            "phase": "drafting",
            "starts_on": "2000-01-01",
            "ends_on": "2000-01-02",
        },
    )
    assert response.status_code == 302 and response["Location"] == url("manage", old)
    phase.refresh_from_db()
    assert phase.note.text("en") == "Replaced by the 2021 plan."
    assert (phase.phase, phase.starts_on, phase.ends_on) == (
        Phase.SUPERSEDED,
        date(2021, 1, 1),
        None,
    )
    with translation.override("de"):
        timeline = reverse("plan:timeline", kwargs={"municipality": "dresden", "cycle": old.slug})
    assert "Replaced by the 2021 plan." in client.get("/en" + timeline).content.decode()


def test_a_phase_is_found_only_under_its_own_cycle(client, world):
    client.force_login(world["office"])
    before = snapshot()
    address = url("phase_note_edit", world["cycle"], pk=world["phase"].pk)
    assert client.get(address).status_code == 404
    assert client.post(address, {"note_de": "Falsch"}).status_code == 404
    assert snapshot() == before


# --- Who may do what ---------------------------------------------------------------------------


def pages(world):
    old = world["old"]
    return [
        url("open_item_create", old),
        url("open_item_edit", old, pk=world["item"].pk),
        url("open_item_delete", old, pk=world["item"].pk),
        url("phase_note_edit", old, pk=world["phase"].pk),
    ]


def post_data(world):
    return {**item_data(world), "note_de": "Geändert"}


def test_anonymous_is_sent_to_log_in_and_changes_nothing(client, world):
    with translation.override("de"):
        login = reverse("accounts:login")
    before = snapshot()
    for address in pages(world):
        for response in (client.get(address), client.post(address, post_data(world))):
            assert response.status_code == 302 and login in response["Location"], address
    assert snapshot() == before


@pytest.mark.parametrize("who", ["editor", "foreign_office"])
def test_others_are_refused_and_change_nothing(client, world, who):
    client.force_login(world[who])
    before = snapshot()
    for address in pages(world):
        assert client.get(address).status_code == 403, address
        assert client.post(address, post_data(world)).status_code == 403, address
    assert snapshot() == before


def test_another_office_does_not_find_our_objects_from_its_own_address(client, world):
    """Leipzig's office, at Leipzig's addresses, with the ids of Dresden's objects."""
    client.force_login(world["foreign_office"])
    before = snapshot()
    for name, pk in (
        ("open_item_edit", world["item"].pk),
        ("open_item_delete", world["item"].pk),
        ("phase_note_edit", world["phase"].pk),
    ):
        with translation.override("de"):
            address = reverse(
                f"plan:{name}",
                kwargs={"municipality": "leipzig", "cycle": "2021-2026", "pk": pk},
            )
        assert client.get(address).status_code == 404, address
        assert client.post(address, post_data(world)).status_code == 404, address
    assert snapshot() == before
    # Its own objects it does reach.
    foreign_item = world["foreign_item"]
    with translation.override("de"):
        own = reverse(
            "plan:open_item_edit",
            kwargs={"municipality": "leipzig", "cycle": "2021-2026", "pk": foreign_item.pk},
        )
    assert client.get(own).status_code == 200


def test_the_manage_page_runs_the_same_queries_with_more_items_and_phases(client, world):
    client.force_login(world["office"])
    old = world["old"]
    small = count_queries(client, url("manage", old))
    for number in range(2, 12):
        OpenItemFactory(cycle=old, taken_up_by=world["measure"])
        CyclePhaseFactory(cycle=old, starts_on=date(2010 + number, 1, 1), ends_on=None)
    large = count_queries(client, url("manage", old))
    assert small == large

"""The pages of the consultation lead to each other: the consultation to its statements
and its consideration table, a statement to its demands, a demand back to its source,
the moderation page to "record as a demand" (office only), and the office's draft page
holds the text as it stands for editing."""

import pytest
from django.urls import reverse

from teilhabe.accounts.models import Role
from tests import factories

from .trail import build_trail


@pytest.fixture
def trail(municipality):
    return build_trail(municipality)


def url(name, **kwargs):
    return reverse(f"consultation:{name}", kwargs={"municipality": "dresden", **kwargs})


def test_the_consultation_lists_its_statements_and_links_the_consideration_table(client, trail):
    page = client.get(url("detail", consultation="analyse")).content.decode()
    statement = url("statement", pk=trail.paper.pk)
    assert f'href="{statement}"' in page
    assert "Positionspapier der Migrantenorganisationen" in page
    assert f'href="{url("consideration", consultation="analyse")}"' in page


def test_a_handed_in_statement_links_each_demand_to_its_page(client, trail):
    page = client.get(url("statement", pk=trail.paper.pk)).content.decode()
    demand = trail.adopted
    assert f'href="{url("demand", cycle="ik", number=demand.number)}"' in page


def test_the_demand_page_links_its_statement_and_its_draft_section(client, trail):
    page = client.get(url("demand", cycle="ik", number=trail.adopted.number)).content.decode()
    assert f'href="{url("statement", pk=trail.paper.pk)}"' in page
    section = trail.from_comment.comment.section
    page = client.get(url("demand", cycle="ik", number=trail.from_comment.number)).content.decode()
    draft = url("draft", consultation="analyse", version=section.draft.version)
    assert f'href="{draft}#{section.anchor}"' in page


@pytest.mark.parametrize(("kind", "offered"), [("office_admin", True), ("moderator", False)])
def test_the_office_records_a_published_comment_as_a_demand_from_moderation(
    client, trail, municipality, kind, offered
):
    client.force_login(factories.RoleFactory(municipality=municipality, kind=kind).user)
    page = client.get(url("moderation")).content.decode()
    link = url("comment_demand", pk=trail.from_comment.comment.pk)
    assert (f'href="{link}"' in page) is offered


def test_the_draft_page_of_the_office_holds_the_text_as_it_stands(client, trail, municipality):
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    client.force_login(office)
    page = client.get(url("draft_edit", consultation="analyse", version=1)).content.decode()
    assert "## 2.1 Sprache und Bildung" in page


def test_a_hidden_events_station_and_an_unpublished_drafts_comment_keep_their_demands_private(
    client, trail
):
    from teilhabe.consultation.models import Demand, Draft
    from teilhabe.events.models import Event

    assert Demand.objects.public().filter(pk=trail.from_station.pk).exists()
    Event.objects.filter(pk=trail.event.pk).update(access=Event.Access.INVITATION, is_listed=False)
    assert not Demand.objects.public().filter(pk=trail.from_station.pk).exists()
    page = client.get(url("demand", cycle="ik", number=trail.from_station.number))
    assert page.status_code == 404

    assert Demand.objects.public().filter(pk=trail.from_comment.pk).exists()
    Draft.objects.filter(pk=trail.comment.section.draft_id).update(is_published=False)
    assert not Demand.objects.public().filter(pk=trail.from_comment.pk).exists()


def test_the_public_statement_page_names_published_organisations_only(client, trail):
    trail.partner.is_published = False
    trail.partner.save()
    page = client.get(url("statement", pk=trail.paper.pk)).content.decode()
    assert trail.dsm.name in page
    assert trail.partner.name not in page

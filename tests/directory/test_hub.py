"""The organisation's page for its representatives: profile, team, events and
statements in one place (a fixed number of queries), inviting and removing
representatives (the last one only by the office), and nobody else let in.
Simultaneous removals: test_claim_races.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.accounts.models import Role, User
from teilhabe.consultation.models import Statement
from teilhabe.events.models import Event
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.consultation.factories import StatementFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.plan.factories import ConceptCycleFactory

K = Role.Kind
pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(municipality):
    return factories.OrganisationFactory(
        municipality=municipality, name="Kulturverein Dresden e. V.", slug="kultur"
    )


@pytest.fixture
def representative(organisation, municipality):
    return factories.RoleFactory(
        municipality=municipality,
        kind=K.ORGANISATION_REPRESENTATIVE,
        organisations=[organisation],
        user__full_name="Rana Vertreterin",
        user__email="rana@example.org",
    ).user


def hub_url(org):
    return reverse("directory:hub", args=[org.municipality.slug, org.slug])


def invite_url(org):
    return reverse("directory:representative_invite", args=[org.municipality.slug, org.slug])


def remove_url(org, user):
    return reverse(
        "directory:representative_remove", args=[org.municipality.slug, org.slug, user.pk]
    )


def test_the_hub_shows_team_events_and_statements(client, organisation, representative):
    municipality = organisation.municipality
    event = EventFactory(municipality=municipality, title="Sommerfest der Vereine", capacity=30)
    event.organisers.set([organisation])
    RegistrationFactory(event=event, name="Geheim Gast")
    draft_event = EventFactory(
        municipality=municipality, title="Noch geheim", status=Event.Status.DRAFT
    )
    draft_event.organisers.set([organisation])
    cycle = ConceptCycleFactory(municipality=municipality)
    StatementFactory(cycle=cycle, organisations=[organisation], title="Unser Positionspapier")
    StatementFactory(
        cycle=cycle, organisations=[organisation], title="Im Entwurf", status=Statement.Status.DRAFT
    )
    StatementFactory(cycle=cycle, title="Von anderen")
    client.force_login(representative)
    page = client.get(hub_url(organisation)).content.decode()
    assert "Rana Vertreterin" in page and "rana@example.org" in page
    assert "Sommerfest der Vereine" in page and "1 of 30 seats taken" not in page  # German
    assert "1 von 30 Plätzen belegt" in page
    assert "Geheim Gast" not in page and "Noch geheim" not in page
    assert "Unser Positionspapier" in page and "Im Entwurf" in page
    assert "Von anderen" not in page
    workspace = client.get(reverse("accounts:dashboard")).content.decode()
    assert hub_url(organisation) in workspace
    assert hub_url(organisation) in client.get(organisation.get_absolute_url()).content.decode()


def test_the_hub_lists_the_organisations_bodies_internal_ones_too(
    client, organisation, representative
):
    from tests.bodies.factories import BodyFactory, join

    municipality = organisation.municipality
    join(BodyFactory(municipality=municipality, name="FAG Arbeit"), organisation)
    join(
        BodyFactory(municipality=municipality, name="Interner Kreis", is_public=False), organisation
    )
    BodyFactory(municipality=municipality, name="Ohne uns")
    client.force_login(representative)
    page = client.get(hub_url(organisation)).content.decode()
    assert 'id="member-of-bodies"' in page
    assert "FAG Arbeit" in page and "Interner Kreis" in page
    assert "Ohne uns" not in page
    assert hub_url(organisation) in client.get(organisation.get_absolute_url()).content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_hub_runs_a_fixed_number_of_queries(client, organisation, representative):
    municipality = organisation.municipality
    client.force_login(representative)
    cycle = ConceptCycleFactory(municipality=municipality)
    StatementFactory(cycle=cycle, organisations=[organisation])
    EventFactory(municipality=municipality).organisers.set([organisation])
    few = count_queries(client, hub_url(organisation))
    for _ in range(5):
        StatementFactory(cycle=cycle, organisations=[organisation])
        EventFactory(municipality=municipality).organisers.set([organisation])
        factories.RoleFactory(
            municipality=municipality,
            kind=K.ORGANISATION_REPRESENTATIVE,
            organisations=[organisation],
        )
    assert count_queries(client, hub_url(organisation)) == few


@pytest.mark.parametrize("who", ["other_representative", "foreign_office", "editor", "anonymous"])
def test_nobody_else_sees_the_hub_or_changes_the_team(
    client, who, organisation, representative, municipality, other_municipality
):
    if who == "other_representative":
        user = factories.RoleFactory(
            municipality=municipality,
            kind=K.ORGANISATION_REPRESENTATIVE,
            organisations=[factories.OrganisationFactory(municipality=municipality)],
        ).user
    elif who == "foreign_office":
        user = factories.RoleFactory(municipality=other_municipality, kind=K.OFFICE_ADMIN).user
    elif who == "editor":
        user = factories.RoleFactory(municipality=municipality, kind=K.DEPARTMENT_EDITOR).user
    if who != "anonymous":
        client.force_login(user)
    expected = 302 if who == "anonymous" else 403
    for url in (
        hub_url(organisation),
        invite_url(organisation),
        remove_url(organisation, representative),
    ):
        assert client.get(url).status_code == expected
    data = {"email": "neu@example.org", "full_name": "Neu", "language": "de", "confirm": "yes"}
    assert client.post(invite_url(organisation), data).status_code == expected
    assert client.post(
        remove_url(organisation, representative), {"confirm": "yes"}
    ).status_code == (expected)
    assert not User.objects.filter(email="neu@example.org").exists()
    assert representative.roles.get().organisations.get() == organisation
    assert not OutgoingMail.objects.exists()


def test_the_office_sees_the_hub_with_its_open_requests(client, organisation, municipality):
    from teilhabe.directory import claims

    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    claim = claims.submit_claim(
        municipality, organisation=organisation, user=factories.UserFactory(full_name="Ida Neu")
    )
    client.force_login(office)
    page = client.get(hub_url(organisation)).content.decode()
    assert claim.get_absolute_url() in page and "Ida Neu" in page


def test_inviting_a_new_colleague_asks_first_then_mails_a_password_link(
    client, organisation, representative
):
    client.force_login(representative)
    data = {"email": "Kollegin@Example.org", "full_name": "Kollegin", "language": "en"}
    page = client.post("/en" + invite_url(organisation), data).content.decode()
    assert 'id="what-happens"' in page and "gets an account" in page
    assert not User.objects.filter(email="kollegin@example.org").exists()
    response = client.post(invite_url(organisation), {**data, "confirm": "yes"})
    assert response.status_code == 302
    user = User.objects.get(email="kollegin@example.org")
    role = user.roles.get()
    assert (role.kind, list(role.organisations.all())) == (
        K.ORGANISATION_REPRESENTATIVE,
        [organisation],
    )
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.purpose, mail.language) == (
        "kollegin@example.org",
        "account_invitation",
        "en",
    )
    # Asking again: already on the team.
    response = client.post(invite_url(organisation), {**data, "confirm": "yes"})
    assert response.status_code == 409
    assert OutgoingMail.objects.count() == 1


def test_inviting_an_account_of_the_municipality_tells_it(
    client, organisation, representative, municipality
):
    moderator = factories.RoleFactory(municipality=municipality, kind=K.MODERATOR).user
    client.force_login(representative)
    data = {"email": moderator.email, "full_name": "M", "language": "de", "confirm": "yes"}
    assert client.post(invite_url(organisation), data).status_code == 302
    assert set(moderator.roles.values_list("kind", flat=True)) == {
        K.MODERATOR,
        K.ORGANISATION_REPRESENTATIVE,
    }
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.purpose) == (moderator.email, "representative_added")
    assert "Rana Vertreterin" in mail.body_text


def test_an_account_of_another_municipality_is_not_given_the_role(
    client, organisation, representative, other_municipality
):
    foreign = factories.RoleFactory(municipality=other_municipality, kind=K.OFFICE_ADMIN).user
    client.force_login(representative)
    data = {"email": foreign.email, "full_name": "F", "language": "de"}
    response = client.post("/en" + invite_url(organisation), data)
    assert response.status_code == 409
    assert "Please ask the operator" in response.content.decode()
    response = client.post(invite_url(organisation), {**data, "confirm": "yes"})
    assert response.status_code == 409
    assert list(foreign.roles.values_list("municipality", flat=True)) == [other_municipality.pk]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "kaputt"}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"language": "xx"}, "language"),
        ({"full_name": "x" * 201}, "full_name"),
    ],
)
def test_bad_invitations_are_clear_errors(client, organisation, representative, data, field):
    client.force_login(representative)
    base = {"email": "a@example.org", "full_name": "A", "language": "de", "confirm": "yes"}
    response = client.post(invite_url(organisation), {**base, **data})
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not User.objects.filter(email="a@example.org").exists()


def test_removing_a_colleague_asks_first(client, organisation, representative, municipality):
    colleague = factories.RoleFactory(
        municipality=municipality, kind=K.ORGANISATION_REPRESENTATIVE, organisations=[organisation]
    ).user
    client.force_login(representative)
    page = client.get(remove_url(organisation, colleague)).content.decode()
    assert 'id="what-happens"' in page
    assert client.post(remove_url(organisation, colleague)).status_code == 400  # unconfirmed
    assert colleague.roles.exists()
    response = client.post(remove_url(organisation, colleague), {"confirm": "yes"})
    assert response.status_code == 302
    colleague.refresh_from_db()
    # Its only role was this one: the role is gone and the account deactivated.
    assert not colleague.roles.exists() and not colleague.is_active


def test_a_colleague_with_other_roles_keeps_them(
    client, organisation, representative, municipality
):
    other = factories.OrganisationFactory(municipality=municipality)
    colleague = factories.RoleFactory(
        municipality=municipality,
        kind=K.ORGANISATION_REPRESENTATIVE,
        organisations=[organisation, other],
    ).user
    client.force_login(representative)
    client.post(remove_url(organisation, colleague), {"confirm": "yes"})
    colleague.refresh_from_db()
    assert list(colleague.roles.get().organisations.all()) == [other] and colleague.is_active


def test_the_last_representative_is_removed_only_by_the_office(
    client, organisation, representative, municipality
):
    client.force_login(representative)
    response = client.post("/en" + remove_url(organisation, representative), {"confirm": "yes"})
    assert response.status_code == 409
    assert "no representative left" in response.content.decode()
    assert representative.roles.get().organisations.get() == organisation
    office = factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user
    client.force_login(office)
    assert (
        client.post(remove_url(organisation, representative), {"confirm": "yes"}).status_code == 302
    )
    assert not Role.objects.filter(user=representative).exists()


def test_removing_someone_who_is_not_on_the_team_is_404(
    client, organisation, representative, municipality
):
    outsider = factories.RoleFactory(municipality=municipality, kind=K.MODERATOR).user
    client.force_login(representative)
    assert client.get(remove_url(organisation, outsider)).status_code == 404
    assert client.post(remove_url(organisation, outsider), {"confirm": "yes"}).status_code == 404
    assert outsider.roles.get().kind == K.MODERATOR

"""The workspace ("Mein Bereich"): one section per role, nothing of another
municipality, and the same number of queries for a small and a large municipality."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.directory.models import ProfileChange
from teilhabe.events.models import Registration
from teilhabe.mail.models import OutgoingMail
from teilhabe.plan.models import ConceptCycle, Measure, Phase
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db
K = Role.Kind
URL = "/en/konto/"  # in English: the msgids, whatever the catalogues hold


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def fill(municipality, size, tag):
    """``size`` of everything the workspace shows, named with ``tag``; returns the
    department, organisation and measure a role can be given."""
    department = factories.DepartmentFactory(municipality=municipality)
    organisation = factories.OrganisationFactory(
        municipality=municipality, name=f"{tag} Partnerverein", is_verified=True
    )
    cycle = ConceptCycleFactory(
        municipality=municipality, slug=f"{tag.lower()}-plan", phase=Phase.IMPLEMENTATION
    )
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1), code="1.1")
    for number in range(size):
        MeasureFactory(
            goal=goal,
            title=f"{tag} Maßnahme {number}",
            lead_departments=[department],
            partner_organisations=[organisation],
        )
        event = EventFactory(municipality=municipality, title=f"{tag} Werkstatt {number}")
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITING)
        RegistrationFactory(event=event, status=Registration.Status.PENDING)
        past = EventFactory(
            municipality=municipality,
            title=f"{tag} Rückblick {number}",
            starts_at=timezone.now() - timedelta(days=10 + number),
            ends_at=timezone.now() - timedelta(days=10 + number, hours=-2),
        )
        past.organisers.add(organisation)
        RegistrationFactory(event=past, name=f"{tag} Teilnehmerin {number}")
        unverified = factories.OrganisationFactory(
            municipality=municipality, name=f"{tag} Neuer Verein {number}"
        )
        ProfileChange.objects.create(
            municipality=municipality,
            organisation=factories.OrganisationFactory(
                municipality=municipality, name=f"{tag} Geprüfter Verein {number}", is_verified=True
            ),
            proposed={"district": f"{tag} Neustadt"},
        )
        OutgoingMail.objects.create(
            municipality=municipality,
            purpose="test",
            to="x@example.org",
            subject="s",
            body_text="t",
            status=OutgoingMail.Status.FAILED,
        )
        del unverified
    return {"department": department, "organisation": organisation}


def user_with_roles(municipality, made, kinds):
    user = factories.UserFactory()
    for kind in kinds:
        extra = {}
        if kind == K.DEPARTMENT_EDITOR:
            extra["departments"] = [made["department"]]
        if kind == K.ORGANISATION_REPRESENTATIVE:
            extra["organisations"] = [made["organisation"]]
        factories.RoleFactory(user=user, municipality=municipality, kind=kind, **extra)
    return user


def page_of(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def dresden(municipality, other_municipality):
    made = fill(municipality, 2, "Dresdner")
    fill(other_municipality, 2, "Leipziger")
    return made


def test_the_office_sees_events_plan_directory_mails_and_languages(client, municipality, dresden):
    page = page_of(client, user_with_roles(municipality, dresden, [K.OFFICE_ADMIN]))
    assert "Dresdner Werkstatt 0" in page and "Dresdner Rückblick 1" in page
    event_slug = "dresdner-werkstatt-0"
    for name in ("participants", "check_in", "manage"):
        assert url(f"events:{name}", "dresden", event_slug) in page
    assert url("events:results", "dresden", "dresdner-ruckblick-0") in page
    assert "1 of 20" in page  # seats taken of the capacity
    assert "2 overdue status reports" in page
    assert url("plan:overdue", "dresden") in page
    assert url("plan:cycle_create", "dresden") in page
    assert url("events:create", "dresden") in page
    for cycle in ConceptCycle.objects.filter(municipality=municipality):
        assert url("plan:manage", "dresden", cycle.slug) in page
    assert "Dresdner Neuer Verein 1" in page
    change = ProfileChange.objects.filter(municipality=municipality).first()
    assert change.get_absolute_url() in page
    assert "2 e-mails could not be sent" in page
    assert 'id="mail-log-link" href="/en/dresden/postausgang/"' in page
    assert url("languages:overview", "dresden") in page
    assert "Leipziger" not in page
    # One section only: an office admin is not shown a department editor's table.
    assert "Report now" not in page


def test_a_department_editor_sees_their_measures_with_a_report_link(client, municipality, dresden):
    page = page_of(client, user_with_roles(municipality, dresden, [K.DEPARTMENT_EDITOR]))
    assert "Dresdner Maßnahme 1" in page
    for measure in Measure.objects.filter(municipality=municipality):
        assert url("plan:report", "dresden", "dresdner-plan", measure.code) in page
    assert "Werkstatt" not in page and "Neuer Verein" not in page
    assert "Leipziger" not in page


def test_a_representative_sees_their_profile_and_partner_measures(client, municipality, dresden):
    page = page_of(client, user_with_roles(municipality, dresden, [K.ORGANISATION_REPRESENTATIVE]))
    organisation = dresden["organisation"]
    assert url("directory:organisation_edit", "dresden", organisation.slug) in page
    assert "Dresdner Maßnahme 0" in page
    assert "Werkstatt" not in page and "Neuer Verein" not in page and "sachstand/" not in page
    assert "Leipziger" not in page


def test_a_representative_sees_counts_of_the_events_they_organise_never_names(
    client, municipality, dresden
):
    organisation = dresden["organisation"]
    sister = factories.OrganisationFactory(municipality=municipality, name="Schwesterverein")
    ours = EventFactory(municipality=municipality, title="Gemeinsames Fest", capacity=40)
    ours.organisers.add(organisation, sister)  # counted once, not once per organisation
    RegistrationFactory.create_batch(3, event=ours, name="Lea Beispiel")
    RegistrationFactory(event=ours, status=Registration.Status.WAITING)
    draft = EventFactory(municipality=municipality, title="Entwurf Fest", status="draft")
    draft.organisers.add(organisation)
    user = user_with_roles(municipality, dresden, [K.ORGANISATION_REPRESENTATIVE])
    user.roles.get().organisations.add(sister)
    page = page_of(client, user)
    assert "Events we organise" in page
    assert "Gemeinsames Fest" in page and "3 of 40 seats taken, 1 on the waiting list" in page
    assert "Dresdner Rückblick 0" in page and "Dresdner Rückblick 1" in page
    assert "Entwurf Fest" not in page  # a draft is the office's until it is published
    assert "Lea Beispiel" not in page and "Teilnehmerin" not in page
    assert "teilnehmende/" not in page  # no link to the participant list
    assert "Leipziger Rückblick" not in page


def test_several_roles_give_one_section_each(client, municipality, other_municipality, dresden):
    user = user_with_roles(municipality, dresden, [K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR])
    factories.RoleFactory(user=user, municipality=other_municipality, kind=K.MODERATOR)
    page = page_of(client, user)
    assert page.count('<section class="stack"') == 3
    assert "Dresden: Integration office (administrator)" in page
    assert "Leipzig: " in page
    # The moderator role in Leipzig shows none of Leipzig's office data.
    assert "Leipziger Werkstatt" not in page and "Leipziger Neuer Verein" not in page


def test_without_a_role_the_page_says_so_and_offers_log_out(client):
    page = page_of(client, factories.UserFactory())
    assert url("accounts:logout") in page
    assert "<section" not in page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and url("accounts:login") in response["Location"]


def queries_for(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_same_number_of_queries_for_a_small_and_a_large_municipality(
    client, municipality, other_municipality
):
    kinds = [K.OFFICE_ADMIN, K.DEPARTMENT_EDITOR, K.ORGANISATION_REPRESENTATIVE]
    small = user_with_roles(municipality, fill(municipality, 1, "Klein"), kinds)
    large = user_with_roles(other_municipality, fill(other_municipality, 12, "Grosse"), kinds)
    assert queries_for(client, small) == queries_for(client, large)

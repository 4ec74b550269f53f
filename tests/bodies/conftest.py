"""A body with every kind of member, and the people who look at it."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.bodies.models import Membership
from tests import factories
from tests.bodies.factories import (
    BodyFactory,
    MeetingFactory,
    MinutesFileFactory,
    PersonFactory,
    join,
)

BERLIN = ZoneInfo("Europe/Berlin")
SECRET = "GEHEIMSACHE"  # in every internal text: place, agenda, minutes' name


def url(name, body=None, language="en", **kwargs):
    """The address of a bodies page (English by default: the tests read its words)."""
    with translation.override(language):
        if body is not None:
            kwargs = {"slug": body.slug, **kwargs}
            municipality = body.municipality.slug
        else:
            municipality = kwargs.pop("municipality")
        return reverse(f"bodies:{name}", kwargs={"municipality": municipality, **kwargs})


@pytest.fixture
def world(municipality, other_municipality):
    """FAG 1, run by the office for culture (Amt 41): a chair organisation (published,
    with a representative), an unpublished organisation, a department (Amt 50, with an
    editor), a person who agreed to show their name and one who did not (with an
    account), a former member; an internal and a public meeting."""
    culture = factories.DepartmentFactory(municipality=municipality, number="41", name="Kulturamt")
    social = factories.DepartmentFactory(
        municipality=municipality, number="50", name="Sozialamt", contact_email="amt50@example.org"
    )
    body = BodyFactory(
        municipality=municipality,
        slug="fag-1",
        short_name="FAG 1",
        name={"de": "Wirtschaft und Arbeit", "en": "Economy and work"},
        managed_by=culture,
    )
    chair = factories.OrganisationFactory(
        municipality=municipality, name="Ausländerrat Dresden e. V.", slug="auslaenderrat"
    )
    hidden = factories.OrganisationFactory(
        municipality=municipality, name="Unsichtbarer Verein", slug="unsichtbar", is_published=False
    )
    outsider = factories.OrganisationFactory(municipality=municipality, slug="draussen")
    public_person = PersonFactory(
        municipality=municipality, name="Anna Offen", name_is_public=True, email=""
    )
    member_account = factories.UserFactory(email="bert@example.org")
    private_person = PersonFactory(
        municipality=municipality,
        name="Bert Verborgen",
        email="bert.privat@example.org",
        user=member_account,
    )
    memberships = SimpleNamespace(
        chair=join(body, chair, role=Membership.Role.CHAIR),
        hidden=join(body, hidden),
        social=join(body, social, role=Membership.Role.DEPUTY),
        public_person=join(body, public_person, role=Membership.Role.GUEST),
        private_person=join(body, private_person),
        former=join(
            body,
            factories.OrganisationFactory(
                municipality=municipality, name="Früherer Verein e. V.", slug="frueher"
            ),
            ends_on=date(2022, 12, 31),
        ),
    )
    internal = MeetingFactory(
        body=body,
        starts_at=timezone.now() + timedelta(days=10),
        place=f"Raum {SECRET}",
        is_public=False,
    )
    internal.agenda.create(position=0, title=f"Punkt {SECRET}")
    minutes = MinutesFileFactory(meeting=internal, upload=None)
    minutes.original_name = f"{SECRET}-protokoll.pdf"
    minutes.save()
    public = MeetingFactory(
        body=body,
        starts_at=datetime(2022, 3, 1, 17, tzinfo=BERLIN),
        place="Offener Saal",
        is_public=True,
    )
    public.agenda.create(position=0, title="Öffentlicher Bericht")
    public_minutes = MinutesFileFactory(meeting=public)

    def role(kind, municipality=municipality, **kwargs):
        return factories.RoleFactory(municipality=municipality, kind=kind, **kwargs).user

    return SimpleNamespace(
        municipality=municipality,
        body=body,
        culture=culture,
        social=social,
        chair=chair,
        hidden=hidden,
        memberships=memberships,
        internal=internal,
        minutes=minutes,
        public=public,
        public_minutes=public_minutes,
        office=role(Role.Kind.OFFICE_ADMIN),
        editor=role(Role.Kind.DEPARTMENT_EDITOR, departments=[culture]),
        member_editor=role(Role.Kind.DEPARTMENT_EDITOR, departments=[social]),
        representative=role(Role.Kind.ORGANISATION_REPRESENTATIVE, organisations=[chair]),
        outsider=role(Role.Kind.ORGANISATION_REPRESENTATIVE, organisations=[outsider]),
        moderator=role(Role.Kind.MODERATOR),
        member_account=member_account,
        foreign_office=role(Role.Kind.OFFICE_ADMIN, municipality=other_municipality),
    )

"""The rules of bodies, in the models and the services: a member is exactly one of an
organisation, a department or a person; periods in order; a member in a body at most once
on any day; members of the body's municipality only; meetings scheduled once per form,
inviting the current members with an address; attendance by members of that day."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from teilhabe.bodies import services
from teilhabe.bodies.models import AgendaItem, Body, Meeting, Membership
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.bodies.factories import BodyFactory, MeetingFactory, PersonFactory, join

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def refused(match):
    """``pytest.raises(BodyError)`` whose message (read in English) contains ``match``."""
    return pytest.raises(services.BodyError, match=match)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def body(municipality):
    return BodyFactory(municipality=municipality, slug="fag-1", short_name="FAG 1")


@pytest.fixture
def organisation(municipality):
    return factories.OrganisationFactory(
        municipality=municipality, internal_contact_email="verein@example.org"
    )


def test_a_member_joins_and_leaves(body, organisation):
    membership = join(body, organisation, role=Membership.Role.CHAIR)
    assert membership.member == organisation and membership.member_kind == "organisation"
    assert membership.is_current(date(2030, 1, 1))
    services.change_membership(
        membership,
        role=Membership.Role.MEMBER,
        starts_on=date(2021, 1, 1),
        ends_on=date(2022, 6, 30),
    )
    membership.refresh_from_db()
    assert not membership.is_current(date(2022, 7, 1))
    assert list(Membership.objects.former(date(2022, 7, 1))) == [membership]


def test_a_period_that_ends_before_it_starts_is_refused(body, organisation):
    with pytest.raises(services.BodyError) as error:
        join(body, organisation, starts_on=date(2021, 5, 1), ends_on=date(2021, 4, 30))
    assert error.value.field == "ends_on"
    assert "before it starts" in str(error.value.message)
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    "starts_on, ends_on, field, message",
    [
        (date(2020, 12, 31), None, "starts_on", "exists from 01/01/2021"),
        (date(2021, 3, 1), date(2025, 1, 1), "ends_on", "ended on 12/31/2024"),
        (date(2025, 2, 1), None, "starts_on", "ended on 12/31/2024"),
    ],
)
def test_a_membership_lies_within_the_bodys_own_period(
    body, organisation, starts_on, ends_on, field, message
):
    body.ends_on = date(2024, 12, 31)
    body.save()
    with pytest.raises(services.BodyError) as error:
        join(body, organisation, starts_on=starts_on, ends_on=ends_on)
    assert error.value.field == field
    assert message in str(error.value.message)
    assert not Membership.objects.exists()
    inside = join(body, organisation, starts_on=date(2021, 1, 1), ends_on=None)
    with pytest.raises(services.BodyError):
        services.change_membership(
            inside, role=inside.role, starts_on=date(2021, 1, 1), ends_on=date(2025, 6, 30)
        )
    inside.refresh_from_db()
    assert inside.ends_on is None


@pytest.mark.parametrize(
    ("first", "second", "overlaps"),
    [
        ((date(2021, 1, 1), None), (date(2025, 1, 1), None), True),
        ((date(2021, 1, 1), date(2021, 12, 31)), (date(2021, 12, 31), None), True),
        ((date(2021, 1, 1), date(2021, 12, 31)), (date(2022, 1, 1), None), False),
        ((date(2022, 1, 1), None), (date(2021, 1, 1), date(2021, 12, 31)), False),
        ((date(2022, 1, 1), None), (date(2021, 1, 1), date(2022, 1, 1)), True),
    ],
)
def test_a_member_is_in_a_body_at_most_once_on_any_day(body, organisation, first, second, overlaps):
    join(body, organisation, starts_on=first[0], ends_on=first[1])
    if overlaps:
        with refused("already belongs"):
            join(body, organisation, starts_on=second[0], ends_on=second[1])
        assert Membership.objects.count() == 1
    else:
        join(body, organisation, starts_on=second[0], ends_on=second[1])
        assert Membership.objects.count() == 2


def test_the_same_member_may_be_in_two_bodies_and_two_members_in_one(
    municipality, body, organisation
):
    other_body = BodyFactory(municipality=municipality)
    join(body, organisation)
    join(other_body, organisation)
    join(body, factories.OrganisationFactory(municipality=municipality))
    assert Membership.objects.count() == 3


def test_changing_a_membership_into_an_overlap_is_refused(body, organisation):
    old = join(body, organisation, ends_on=date(2021, 12, 31))
    join(body, organisation, starts_on=date(2022, 1, 1))
    with refused("already belongs"):
        services.change_membership(
            old, role=old.role, starts_on=old.starts_on, ends_on=date(2022, 3, 1)
        )
    old.refresh_from_db()
    assert old.ends_on == date(2021, 12, 31)


@pytest.mark.parametrize("kind", ["organisation", "department", "person"])
def test_a_member_of_another_municipality_is_refused(body, other_municipality, kind):
    member = {
        "organisation": lambda: factories.OrganisationFactory(municipality=other_municipality),
        "department": lambda: factories.DepartmentFactory(municipality=other_municipality),
        "person": lambda: PersonFactory(municipality=other_municipality),
    }[kind]()
    with refused("same municipality"):
        join(body, member)
    assert not Membership.objects.exists()


def test_the_database_wants_exactly_one_member(body, organisation, municipality):
    department = factories.DepartmentFactory(municipality=municipality)
    for members in ({}, {"organisation": organisation, "department": department}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(body=body, starts_on=date(2021, 1, 1), **members)


def test_the_database_wants_periods_in_order(body, organisation, municipality):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            body=body,
            organisation=organisation,
            starts_on=date(2021, 2, 1),
            ends_on=date(2021, 1, 1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyFactory(municipality=municipality, starts_on=date(2021, 2, 1), ends_on=date(2021, 1, 1))
    assert Body.objects.count() == 1


def test_a_new_person_and_their_membership_are_saved_together_or_not_at_all(body, organisation):
    values = {"name": "Erika Muster", "email": "erika@example.org", "name_is_public": False}
    membership = services.add_person_membership(
        body, values, role=Membership.Role.GUEST, starts_on=date(2021, 1, 1)
    )
    assert membership.person.name == "Erika Muster"
    assert membership.person.municipality == body.municipality
    with pytest.raises(services.BodyError):
        services.add_person_membership(
            body,
            {**values, "name": "Otto"},
            role="member",
            starts_on=date(2021, 2, 1),
            ends_on=date(2021, 1, 1),
        )
    assert not membership.person.__class__.objects.filter(name="Otto").exists()


# --- Meetings ---------------------------------------------------------------------------


def schedule(body, key=None, **values):
    values = {
        "starts_at": datetime(2031, 3, 4, 17, tzinfo=BERLIN),
        "place": "Rathaus",
        "agenda": ["Begrüßung", "Bericht des Amtes 41", "Verschiedenes"],
        **values,
    }
    return services.schedule_meeting(body, submission_key=key or uuid.uuid4(), by=None, **values)


def test_scheduling_invites_each_current_member_with_an_address_once(
    body, organisation, municipality, django_capture_on_commit_callbacks
):
    join(body, organisation)
    department = factories.DepartmentFactory(municipality=municipality, contact_email="")
    join(body, department)  # no address: no invitation
    join(body, PersonFactory(municipality=municipality, email="VEREIN@example.org"))  # the same
    join(body, PersonFactory(municipality=municipality, email="erika@example.org"))
    join(
        body,
        PersonFactory(municipality=municipality, email="weg@example.org"),
        ends_on=date(2022, 1, 1),
    )
    meeting, created = schedule(body)
    assert created and meeting.invitations_sent == 2
    mails = OutgoingMail.objects.order_by("to")
    assert [m.to for m in mails] == ["erika@example.org", "verein@example.org"]
    assert {m.purpose for m in mails} == {"body_meeting_scheduled"}
    mail = mails[0]
    assert "Bericht des Amtes 41" in mail.body_text and "Rathaus" in mail.body_text
    assert meeting.get_absolute_url() in mail.body_text
    assert mail.attachments[0]["mimetype"] == "text/calendar"
    assert "BEGIN:VEVENT" in mail.attachments[0]["content"]
    assert [a.title for a in AgendaItem.objects.filter(meeting=meeting)] == [
        "Begrüßung",
        "Bericht des Amtes 41",
        "Verschiedenes",
    ]


def test_the_same_form_sent_twice_schedules_and_mails_once(body, organisation):
    join(body, organisation)
    key = uuid.uuid4()
    first, created = schedule(body, key)
    again, created_again = schedule(body, key)
    assert created and not created_again and again == first
    assert Meeting.objects.count() == 1 and OutgoingMail.objects.count() == 1


def test_a_meeting_that_ends_before_it_starts_is_refused(body, organisation):
    join(body, organisation)
    with refused("end after"):
        schedule(body, ends_at=datetime(2031, 3, 4, 16, tzinfo=BERLIN))
    assert not Meeting.objects.exists() and not OutgoingMail.objects.exists()


def test_changing_a_meeting_mails_nobody(body, organisation):
    join(body, organisation)
    meeting, _created = schedule(body)
    services.change_meeting(
        meeting, starts_at=meeting.starts_at + timedelta(hours=1), agenda=["Nur ein Punkt"]
    )
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Nur ein Punkt"]
    assert OutgoingMail.objects.count() == 1


def test_attendance_is_taken_from_the_members_of_the_day(body, organisation, municipality):
    present = join(body, organisation)
    gone = join(body, PersonFactory(municipality=municipality), ends_on=date(2021, 6, 30))
    elsewhere = join(
        BodyFactory(municipality=municipality), PersonFactory(municipality=municipality)
    )
    meeting = MeetingFactory(body=body, starts_at=datetime(2021, 9, 1, 10, tzinfo=BERLIN))
    assert set(services.attendance_choices(meeting)) == {present}
    for wrong in (gone, elsewhere):
        with pytest.raises(services.BodyError):
            services.record_attendance(meeting, [present, wrong])
    assert not meeting.attendees.exists()
    services.record_attendance(meeting, [present])
    assert list(meeting.attendees.all()) == [present]


def test_the_calendar_key_is_kept_until_renewed(municipality):
    user = factories.UserFactory()
    key = services.calendar_key(user, municipality)
    assert services.calendar_key(user, municipality).key == key.key
    renewed = services.calendar_key(user, municipality, renew=True)
    assert renewed.pk == key.pk and renewed.key != key.key and len(renewed.key) >= 40

"""The staff forms of bodies with good and bad input: a clear error in the user's
language and nothing saved; scheduling a meeting asks first and mails through the
worker; minutes checked and served as downloads; attendance."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from teilhabe.bodies.models import Body, Meeting, Membership, MinutesFile, Person
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.bodies.conftest import url
from tests.consultation.factories import PDF_BYTES, pdf_upload
from tests.plan.factories import ConceptCycleFactory, FieldOfActionFactory

pytestmark = pytest.mark.django_db


def post(client, user, address, data, status):
    client.force_login(user)
    response = client.post(address, data)
    assert response.status_code == status, (response.status_code, response.content.decode()[:2000])
    return response


def errors(response):
    return response.content.decode()


# --- The body ---------------------------------------------------------------------------


def body_data(**more):
    return {
        "kind": "expert_group",
        "name_de": "Arbeitsgruppe Sprache",
        "short_name": "AG 5",
        "slug": "ag-sprache",
        "starts_on": "2024-01-01",
        "ends_on": "",
        "is_public": "on",
        **more,
    }


def test_the_office_creates_a_body_with_its_fields_and_cycles(client, world):
    cycle = ConceptCycleFactory(municipality=world.municipality)
    field = FieldOfActionFactory(cycle=cycle, number=1)
    response = post(
        client,
        world.office,
        url("create", municipality="dresden"),
        body_data(fields=[field.pk], cycles=[cycle.pk], managed_by=world.culture.pk),
        302,
    )
    body = Body.objects.get(slug="ag-sprache")
    assert response["Location"] == url("members", body)
    assert (body.municipality, body.managed_by) == (world.municipality, world.culture)
    assert list(body.fields.all()) == [field] and list(body.cycles.all()) == [cycle]
    assert body.name["de"] == "Arbeitsgruppe Sprache"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ends_on": "2023-12-31"}, "Der Zeitraum kann nicht enden, bevor er beginnt."),
        ({"slug": "neu"}, "Dieser Kurzname ist reserviert"),
        ({"slug": "fag-1"}, "Diese Kommune hat schon ein Gremium mit diesem Kurznamen"),
        ({"name_de": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_a_body_with_bad_input_is_not_saved(client, world, data, message):
    response = post(
        client,
        world.office,
        url("create", municipality="dresden", language="de"),
        body_data(**data),
        400,
    )
    assert message in errors(response)
    assert Body.objects.count() == 1


def test_another_municipalitys_field_of_action_or_department_cannot_be_chosen(
    client, world, other_municipality
):
    field = FieldOfActionFactory(cycle=ConceptCycleFactory(municipality=other_municipality))
    department = factories.DepartmentFactory(municipality=other_municipality)
    for data in ({"fields": [field.pk]}, {"managed_by": department.pk}):
        response = post(
            client,
            world.office,
            url("create", municipality="dresden", language="de"),
            body_data(**data),
            400,
        )
        assert "Bitte eine gültige Auswahl treffen." in errors(response)
    assert Body.objects.count() == 1


def test_the_managing_editor_edits_the_body(client, world):
    data = body_data(slug="fag-1", name_de="Neu", name_en="Economy and work")
    post(client, world.editor, url("edit", world.body), data, 302)
    world.body.refresh_from_db()
    assert world.body.name["de"] == "Neu" and world.body.name["en"] == "Economy and work"


# --- Members ------------------------------------------------------------------------------


def member_data(**more):
    return {"role": "member", "starts_on": "2024-01-01", "ends_on": "", **more}


def test_members_are_added_by_kind(client, world):
    organisation = factories.OrganisationFactory(municipality=world.municipality)
    department = factories.DepartmentFactory(municipality=world.municipality, number="99")
    address = url("members", world.body)
    post(client, world.editor, address, member_data(organisation=organisation.pk), 302)
    post(client, world.editor, address, member_data(department=department.pk, role="guest"), 302)
    post(
        client,
        world.editor,
        address,
        member_data(person_name="Chris Neu", person_email="chris@example.org"),
        302,
    )
    person = Person.objects.get(name="Chris Neu")
    assert (person.email, person.name_is_public, person.municipality) == (
        "chris@example.org",
        False,
        world.municipality,
    )
    added = Membership.objects.filter(body=world.body, starts_on=date(2024, 1, 1))
    assert {m.member for m in added} == {organisation, department, person}
    assert added.get(department=department).role == "guest"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("ends_before_it_starts", "Der Zeitraum kann nicht enden, bevor er beginnt."),
        ("already_a_member", "gehört dem Gremium in diesem Zeitraum schon an"),
        ("two_members", "Wählen Sie genau ein Mitglied"),
        ("no_member", "Wählen Sie genau ein Mitglied"),
        ("foreign_organisation", "Bitte eine gültige Auswahl treffen."),
        ("foreign_department", "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_a_membership_with_bad_input_is_not_saved(client, world, other_municipality, case, message):
    chair = world.chair.pk
    data = {
        "ends_before_it_starts": member_data(
            organisation=factories.OrganisationFactory(municipality=world.municipality).pk,
            ends_on="2023-12-31",
        ),
        "already_a_member": member_data(organisation=chair, starts_on="2030-01-01"),
        "two_members": member_data(organisation=chair, person_name="Chris"),
        "no_member": member_data(),
        "foreign_organisation": member_data(
            organisation=factories.OrganisationFactory(municipality=other_municipality).pk
        ),
        "foreign_department": member_data(
            department=factories.DepartmentFactory(municipality=other_municipality).pk
        ),
    }[case]
    before = Membership.objects.count()
    response = post(client, world.office, url("members", world.body, language="de"), data, 400)
    assert message in errors(response)
    assert 'id="form-errors"' in errors(response)
    assert Membership.objects.count() == before and not Person.objects.filter(name="Chris").exists()


def test_a_membership_is_ended_and_a_persons_consent_recorded(client, world):
    membership = world.memberships.private_person
    address = url("membership_edit", world.body, pk=membership.pk)
    data = {
        "role": "member",
        "starts_on": "2021-01-01",
        "ends_on": "2024-06-30",
        "note_de": "für den Beirat",
        "person_name": "Bert Verborgen",
        "person_email": "",
        "name_is_public": "on",
    }
    post(client, world.office, address, data, 302)
    membership.refresh_from_db()
    membership.person.refresh_from_db()
    assert membership.ends_on == date(2024, 6, 30) and membership.note["de"] == "für den Beirat"
    assert membership.person.name_is_public and membership.person.email == ""
    response = post(
        client,
        world.office,
        url("membership_edit", world.body, pk=membership.pk, language="de"),
        {**data, "ends_on": "2020-01-01"},
        400,
    )
    assert "Der Zeitraum kann nicht enden, bevor er beginnt." in errors(response)
    membership.refresh_from_db()
    assert membership.ends_on == date(2024, 6, 30)


# --- Meetings -----------------------------------------------------------------------------


def meeting_data(**more):
    return {
        "starts_at": "2031-05-06T17:00",
        "ends_at": "2031-05-06T19:00",
        "place": "Rathaus, Raum 3",
        "agenda": "Begrüßung\n\nBericht\nVerschiedenes\n",
        "submission_key": "6f0c1f0e-6a59-4a46-9a39-0a1b2c3d4e5f",
        **more,
    }


@pytest.mark.django_db(transaction=True)
def test_scheduling_asks_first_then_invites_the_members_through_the_worker(
    client, world, smtp_server, settings
):
    settings.TEILHABE_BASE_URL = "https://teilhabe.example"
    server = smtp_server()
    address = url("meeting_create", world.body, language="de")
    response = post(client, world.editor, address, meeting_data(), 200)
    page = response.content.decode()
    assert "Sitzung ansetzen und Einladungen senden?" in page
    assert 'id="invitations"' in page
    without = page[page.index('id="without-address"') :]
    assert "Anna Offen" in without and "Ausländerrat" not in without
    assert Meeting.objects.filter(place="Rathaus, Raum 3").count() == 0
    assert not OutgoingMail.objects.exists()
    confirmed = {**meeting_data(), "confirm": "yes"}
    response = post(client, world.editor, address, confirmed, 302)
    meeting = Meeting.objects.get(place="Rathaus, Raum 3")
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.agenda.values_list("title", flat=True)) == [
        "Begrüßung",
        "Bericht",
        "Verschiedenes",
    ]
    post(client, world.editor, address, confirmed, 302)  # the same form again
    assert Meeting.objects.filter(place="Rathaus, Raum 3").count() == 1
    call_command("worker", batch=True, interval=0, verbosity=0)
    call_command("worker", batch=True, interval=0, verbosity=0)
    # The chair's and the unpublished organisation's contact (the same factory address),
    # Amt 50, Bert; not the former member.
    assert server.recipients() == {
        "intern@example.org": 1,
        "amt50@example.org": 1,
        "bert.privat@example.org": 1,
    }
    assert meeting.invitations_sent == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ends_at": "2031-05-06T16:00"}, "Die Sitzung muss nach ihrem Beginn enden."),
        ({"starts_at": "morgen"}, "Bitte ein gültiges Datum und Uhrzeit eingeben."),
        ({"agenda": "x" * 301}, "höchstens 300 Zeichen"),
        ({"agenda": "\n".join(["Punkt"] * 51)}, "Höchstens 50 Punkte"),
    ],
)
def test_a_meeting_with_bad_input_is_not_scheduled(client, world, data, message):
    response = post(
        client,
        world.office,
        url("meeting_create", world.body, language="de"),
        {**meeting_data(**data), "confirm": "yes"},
        400,
    )
    assert message in errors(response)
    assert Meeting.objects.count() == 2 and not OutgoingMail.objects.exists()


def test_changing_a_meeting_mails_nobody(client, world):
    address = url("meeting_edit", world.body, pk=world.internal.pk)
    post(client, world.office, address, meeting_data(agenda="Neu"), 302)
    world.internal.refresh_from_db()
    assert world.internal.place == "Rathaus, Raum 3"
    assert list(world.internal.agenda.values_list("title", flat=True)) == ["Neu"]
    assert not OutgoingMail.objects.exists()


# --- Minutes and attendance ---------------------------------------------------------------


def test_minutes_are_checked_and_served_as_downloads(client, world):
    meeting = world.internal
    address = url("meeting_manage", world.body, pk=meeting.pk, language="de")
    before = MinutesFile.objects.count()
    fake = SimpleUploadedFile("protokoll.pdf", b"<html>kein pdf</html>")
    response = post(client, world.office, address, {"action": "minutes", "file": fake}, 400)
    assert "keine PDF-Datei" in errors(response)
    html = SimpleUploadedFile("protokoll.html", b"<html></html>")
    response = post(client, world.office, address, {"action": "minutes", "file": html}, 400)
    assert "Nur PDF- und Word-Dateien" in errors(response)
    assert MinutesFile.objects.count() == before
    post(
        client,
        world.editor,
        address,
        {"action": "minutes", "file": pdf_upload("Protokoll März.pdf")},
        302,
    )
    minutes = MinutesFile.objects.get(original_name="Protokoll März.pdf")
    download = url("minutes", world.body, pk=meeting.pk, file=minutes.pk)
    client.force_login(world.member_account)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_attendance_is_recorded_from_the_members_of_the_day(client, world):
    meeting = world.public  # 1 March 2022: the former member (until 2022) was still in
    address = url("meeting_manage", world.body, pk=meeting.pk, language="de")
    client.force_login(world.office)
    form = client.get(address).context["attendance_form"]
    choices = {m.pk for m in form.fields["attendees"].queryset}
    assert world.memberships.former.pk in choices
    present = [world.memberships.chair.pk, world.memberships.private_person.pk]
    post(client, world.office, address, {"action": "attendance", "attendees": present}, 302)
    assert {m.pk for m in meeting.attendees.all()} == set(present)
    elsewhere = factories.OrganisationFactory(municipality=world.municipality)
    from tests.bodies.factories import BodyFactory, join

    foreign = join(BodyFactory(municipality=world.municipality), elsewhere)
    response = post(
        client, world.office, address, {"action": "attendance", "attendees": [foreign.pk]}, 400
    )
    assert "Bitte eine gültige Auswahl treffen." in errors(response)
    assert {m.pk for m in meeting.attendees.all()} == set(present)

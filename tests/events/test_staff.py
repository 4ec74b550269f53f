"""Staff pages of events: participant list and its actions, exports, check-in,
capacity and cancelling, statistics, invitations, station results. Role by role, and
personal data never reaches anyone without ``events.manage_event``."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from teilhabe.accounts.models import Role
from teilhabe.directory.models import Organisation
from teilhabe.events.models import Event, Feedback, Invitation, Registration, Station
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    InvitationFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    StationFactory,
)

PAGES = ["participants", "check_in", "manage", "invitations", "results"]
SECRET_NAME = "Zeynep Geheimname"
SECRET_EMAIL = "zeynep.geheim@example.org"
SECRET_NEED = "Rollstuhlplatz vertraulich"


def url(event, name, **extra):
    """The English page: the assertions below read English interface text."""
    with translation.override("en"):
        return reverse(
            f"events:{name}",
            kwargs={"municipality": event.municipality.slug, "slug": event.slug, **extra},
        )


def export_url(event, fmt):
    return url(event, "export", fmt=fmt)


def user_with(municipality, kind, **kwargs):
    return factories.RoleFactory(municipality=municipality, kind=kind, **kwargs).user


def move_to_today(event):
    """Check-in and "did not come" are open on the day of the event only."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        registration_closes_at=None,
    )
    event.refresh_from_db()


@pytest.fixture
def event(municipality):
    event = EventFactory(
        municipality=municipality,
        slug="werkstatt-wohnen",
        capacity=3,
        access=Event.Access.INVITATION,
        asks_accessibility=True,
        registration_closes_at=timezone.now() + timedelta(days=10),
    )
    RegistrationFactory(
        event=event, name=SECRET_NAME, email=SECRET_EMAIL, accessibility_needs=SECRET_NEED
    )
    return event


@pytest.fixture
def office(municipality):
    return user_with(municipality, Role.Kind.OFFICE_ADMIN)


def _outsiders(municipality, other_municipality):
    organisation = factories.OrganisationFactory(municipality=municipality)
    department = factories.DepartmentFactory(municipality=municipality)
    return {
        "editor": user_with(municipality, Role.Kind.DEPARTMENT_EDITOR, departments=[department]),
        "representative": user_with(
            municipality, Role.Kind.ORGANISATION_REPRESENTATIVE, organisations=[organisation]
        ),
        "moderator": user_with(municipality, Role.Kind.MODERATOR),
        "foreign_office": user_with(other_municipality, Role.Kind.OFFICE_ADMIN),
        "plain_user": factories.UserFactory(),
    }


# --- Permissions role by role --------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_office_admin_sees_every_page(client, event, office, page):
    client.force_login(office)
    assert client.get(url(event, page)).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_office_admin_downloads_exports(client, event, office, fmt):
    client.force_login(office)
    response = client.get(export_url(event, fmt))
    assert response.status_code == 200
    assert "werkstatt-wohnen" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


@pytest.mark.parametrize("page", PAGES + ["export_csv", "export_xlsx"])
def test_anonymous_is_sent_to_login(client, event, page):
    target = export_url(event, page[7:]) if page.startswith("export") else url(event, page)
    response = client.get(target)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize(
    "who", ["editor", "representative", "moderator", "foreign_office", "plain_user"]
)
def test_others_get_403_and_never_see_personal_data(
    client, event, municipality, other_municipality, who
):
    user = _outsiders(municipality, other_municipality)[who]
    move_to_today(event)
    client.force_login(user)
    for page in PAGES:
        response = client.get(url(event, page))
        if page == "check_in" and who == "moderator":
            assert response.status_code == 200
            body = response.content.decode()
            # Names only at the entrance: no e-mail addresses, no needs.
            assert SECRET_NAME in body
            assert SECRET_EMAIL not in body and SECRET_NEED not in body
            continue
        assert response.status_code in (403, 404), (who, page)
        body = response.content.decode()
        assert SECRET_NAME not in body and SECRET_EMAIL not in body and SECRET_NEED not in body
    for fmt in ("csv", "xlsx"):
        response = client.get(export_url(event, fmt))
        assert response.status_code in (403, 404)
        assert SECRET_EMAIL.encode() not in response.content


@pytest.mark.parametrize(
    "who", ["editor", "representative", "moderator", "foreign_office", "plain_user"]
)
def test_others_cannot_act(client, event, municipality, other_municipality, who):
    user = _outsiders(municipality, other_municipality)[who]
    client.force_login(user)
    registration = event.registrations.get()
    assert (
        client.post(
            url(event, "participants"), {"action": "cancel", "registration": registration.pk}
        ).status_code
        == 403
    )
    assert (
        client.post(url(event, "manage"), {"action": "cancel_event", "confirm": "on"}).status_code
        == 403
    )
    assert (
        client.post(
            url(event, "invitations"),
            {"emails": "a@example.org", "expires_at": "2099-01-01T10:00"},
        ).status_code
        == 403
    )
    registration.refresh_from_db()
    event.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert event.status == Event.Status.PUBLISHED
    assert not Invitation.objects.exists()


def test_foreign_office_gets_403_even_for_a_missing_event(client, event, other_municipality):
    client.force_login(user_with(other_municipality, Role.Kind.OFFICE_ADMIN))
    missing = reverse(
        "events:participants",
        kwargs={"municipality": event.municipality.slug, "slug": "gibt-es-nicht"},
    )
    assert client.get(missing).status_code == 403


def test_event_of_another_municipality_is_not_found_under_this_one(
    client, event, office, other_municipality
):
    foreign = EventFactory(municipality=other_municipality, slug="leipziger-werkstatt")
    client.force_login(office)
    wrong = reverse(
        "events:participants",
        kwargs={"municipality": event.municipality.slug, "slug": foreign.slug},
    )
    assert client.get(wrong).status_code == 404
    assert client.get(url(foreign, "participants")).status_code == 403


# --- Participant list ----------------------------------------------------------------------


def test_participant_list_shows_data_counts_and_filters(client, event, office, municipality):
    group = AudienceGroupFactory(municipality=municipality, name="Vereine")
    organisation = factories.OrganisationFactory(
        municipality=municipality, type=Organisation.Type.MIGRANT
    )
    RegistrationFactory(
        event=event,
        name="Wartende Person",
        status=Registration.Status.WAITING,
        audience_group=group,
        organisation=organisation,
        organisation_type=organisation.type,
    )
    RegistrationFactory(event=event, name="Abgesagte Person", status=Registration.Status.CANCELLED)
    client.force_login(office)
    response = client.get(url(event, "participants"))
    body = response.content.decode()
    assert SECRET_NAME in body and SECRET_EMAIL in body and SECRET_NEED in body
    assert "Wartende Person" in body and "Abgesagte Person" in body
    counts = {value: count for value, _label, count in response.context["status_counts"]}
    assert counts == {"pending": 0, "confirmed": 1, "waiting": 1, "cancelled": 1, "expired": 0}
    assert response.context["seats_left"] == 2

    names = lambda r: [x.name for x in r.context["registrations"]]  # noqa: E731
    assert names(client.get(url(event, "participants"), {"status": "waiting"})) == [
        "Wartende Person"
    ]
    assert names(client.get(url(event, "participants"), {"audience_group": group.pk})) == [
        "Wartende Person"
    ]
    assert names(client.get(url(event, "participants"), {"organisation_type": "migrant"})) == [
        "Wartende Person"
    ]
    assert "Wartende Person" not in names(
        client.get(url(event, "participants"), {"organisation_type": "-"})
    )
    event.registrations.filter(name=SECRET_NAME).update(checked_in_at=timezone.now())
    assert names(client.get(url(event, "participants"), {"checked_in": "ja"})) == [SECRET_NAME]


def test_promote_by_hand_cancel_and_no_show(client, event, office):
    event.capacity = 1
    event.save()
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    confirmed = event.registrations.get(name=SECRET_NAME)
    client.force_login(office)
    page = url(event, "participants")

    response = client.post(url(event, "promote", pk=waiting.pk), {"confirm": "yes"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED  # beyond capacity, by hand

    move_to_today(event)
    client.post(page, {"action": "no_show", "registration": confirmed.pk})
    confirmed.refresh_from_db()
    assert confirmed.is_no_show

    client.post(url(event, "cancel_registration", pk=confirmed.pk), {"confirm": "yes"})
    confirmed.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED and confirmed.cancelled_at
    purposes = list(OutgoingMail.objects.values_list("purpose", flat=True))
    assert purposes.count("event_promoted") == 1 and purposes.count("event_cancelled") == 1


def test_promote_refuses_someone_not_waiting(client, event, office):
    client.force_login(office)
    confirmed = event.registrations.get()
    response = client.post(
        url(event, "participants"), {"action": "promote", "registration": confirmed.pk}, follow=True
    )
    assert response.status_code == 404
    promote = url(event, "promote", pk=confirmed.pk)
    assert client.post(promote, {"confirm": "yes"}).status_code == 404
    assert event.registrations.get().status == Registration.Status.CONFIRMED


def test_staff_register_someone_with_organisation(client, event, office, municipality):
    organisation = factories.OrganisationFactory(
        municipality=municipality, type=Organisation.Type.WELFARE
    )
    client.force_login(office)
    response = client.post(
        url(event, "participants"),
        {
            "action": "add",
            "neu-name": "Per Hand",
            "neu-email": "Per.Hand@Example.org",
            "neu-organisation": organisation.pk,
        },
    )
    assert response.status_code == 302
    registration = event.registrations.get(name="Per Hand")
    assert registration.status == Registration.Status.CONFIRMED and registration.is_reserved
    assert registration.email == "per.hand@example.org"
    assert registration.organisation_type == "welfare"
    assert OutgoingMail.objects.filter(
        to="per.hand@example.org", purpose="event_confirmed"
    ).exists()


def test_staff_registration_refused_when_full_or_duplicate(client, event, office):
    client.force_login(office)
    page = url(event, "participants")
    duplicate = client.post(page, {"action": "add", "neu-name": "X", "neu-email": SECRET_EMAIL})
    assert duplicate.status_code == 400
    event.capacity = 1
    event.save()
    # Full: a confirmation step (tests/events/test_confirmations.py), nothing saved yet.
    full = client.post(page, {"action": "add", "neu-name": "Y", "neu-email": "y@example.org"})
    assert full.status_code == 200 and "beyond the capacity" in full.content.decode()
    assert event.registrations.count() == 1


# --- Exports -----------------------------------------------------------------------------


def test_csv_export_has_bom_semicolons_and_all_columns(client, event, office):
    RegistrationFactory(event=event, name='=HYPERLINK("x")', email="formel@example.org")
    client.force_login(office)
    response = client.get(export_url(event, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Name",
        "E-mail address",
        "Organisation",
        "Type of organisation",
        "Audience group",
        "Status",
        "Seat reserved by staff",
        "Registered on",
        "Checked in",
        "Did not come",
        "Interpretation into",
        "Accessibility needs",
        "Dietary needs",
    ]
    assert [SECRET_NAME, SECRET_EMAIL] == rows[1][:2]
    assert SECRET_NEED in rows[1]
    assert rows[2][0].startswith("'=")  # no formula for Excel
    assert len(rows) == 3


def test_csv_export_follows_filters(client, event, office):
    RegistrationFactory(event=event, name="Wartend", status=Registration.Status.WAITING)
    client.force_login(office)
    response = client.get(export_url(event, "csv"), {"status": "waiting"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["Wartend"]


def test_xlsx_export(client, event, office):
    client.force_login(office)
    response = client.get(export_url(event, "xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == SECRET_NAME and rows[1][1] == SECRET_EMAIL
    assert SECRET_NEED in rows[1]


def test_unknown_export_format_is_404(client, event, office):
    client.force_login(office)
    assert client.get(export_url(event, "pdf")).status_code == 404


# --- Check-in ----------------------------------------------------------------------------


def test_check_in_search_tick_and_counts(client, event, municipality):
    RegistrationFactory(event=event, name="Anna Beispiel")
    RegistrationFactory(event=event, name="Wartet Noch", status=Registration.Status.WAITING)
    move_to_today(event)
    client.force_login(user_with(municipality, Role.Kind.MODERATOR))
    page = url(event, "check_in")

    response = client.get(page)
    assert (response.context["checked_in"], response.context["confirmed"]) == (0, 2)
    assert "Wartet Noch" not in response.content.decode()

    found = client.get(page, {"q": "anna"}, headers={"HX-Request": "true"})
    assert [r.name for r in found.context["registrations"]] == ["Anna Beispiel"]

    anna = event.registrations.get(name="Anna Beispiel")
    row = client.post(page, {"registration": anna.pk}, headers={"HX-Request": "true"})
    assert row.status_code == 200
    body = row.content.decode()
    assert body.lstrip().startswith(f'<tr id="check-in-{anna.pk}"')
    assert 'hx-swap-oob="true"' in body and "1 of 2" in body
    anna.refresh_from_db()
    assert anna.checked_in_at is not None

    again = client.post(page, {"registration": anna.pk}, headers={"HX-Request": "true"})
    assert "1 of 2" in again.content.decode()  # ticking twice counts once

    undo = client.post(page, {"registration": anna.pk, "action": "undo"})
    assert undo.status_code == 302
    anna.refresh_from_db()
    assert anna.checked_in_at is None


def test_check_in_refuses_waiting_people(client, event, office):
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    client.force_login(office)
    assert client.post(url(event, "check_in"), {"registration": waiting.pk}).status_code == 404


# --- Manage: capacity, cancelling, statistics ---------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_raising_capacity_promotes_waiting_people_in_order_and_mails_them(client):
    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    office = user_with(municipality, Role.Kind.OFFICE_ADMIN)
    event = EventFactory(municipality=municipality, capacity=1)
    RegistrationFactory(event=event)
    now = timezone.now()
    first = RegistrationFactory(
        event=event, status="waiting", waiting_since=now - timedelta(hours=3), email="a@example.org"
    )
    second = RegistrationFactory(
        event=event, status="waiting", waiting_since=now - timedelta(hours=2), email="b@example.org"
    )
    third = RegistrationFactory(
        event=event, status="waiting", waiting_since=now - timedelta(hours=1), email="c@example.org"
    )
    client.force_login(office)
    response = client.post(url(event, "manage"), {"action": "capacity", "capacity": "3"})
    assert response.status_code == 302
    for r in (first, second, third):
        r.refresh_from_db()
    assert first.status == second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITING
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


def test_capacity_cannot_go_below_taken_seats(client, event, office):
    RegistrationFactory(event=event)
    client.force_login(office)
    response = client.post(url(event, "manage"), {"action": "capacity", "capacity": "1"})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.capacity == 3


@pytest.mark.django_db(transaction=True)
def test_cancel_event_needs_confirmation_and_mails_everyone_active_once(client):
    municipality = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    office = user_with(municipality, Role.Kind.OFFICE_ADMIN)
    event = EventFactory(municipality=municipality)
    RegistrationFactory(event=event, email="confirmed@example.org")
    RegistrationFactory(event=event, email="waiting@example.org", status="waiting")
    RegistrationFactory(event=event, email="pending@example.org", status="pending")
    RegistrationFactory(event=event, email="gone@example.org", status="cancelled")
    client.force_login(office)
    page = url(event, "manage")

    assert "Cancel the event now" in client.get(page, {"absagen": "1"}).content.decode()
    unconfirmed = client.post(page, {"action": "cancel_event", "reason": "Krank"})
    assert unconfirmed.status_code == 400
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    cancel = {"action": "cancel_event", "confirm": "on", "reason": "Krank"}
    assert client.post(page, cancel).status_code == 302
    assert client.post(page, cancel).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "confirmed@example.org",
        "pending@example.org",
        "waiting@example.org",
    ]


def test_statistics(client, event, office, municipality):
    migrants = AudienceGroupFactory(municipality=municipality, name="Migrant*innen")
    now = timezone.now()
    Registration.objects.filter(event=event).update(
        checked_in_at=now, audience_group=migrants, organisation_type="migrant"
    )
    RegistrationFactory(event=event, audience_group=migrants, organisation_type="migrant")
    RegistrationFactory(event=event, is_no_show=True, organisation_type="welfare")
    RegistrationFactory(event=event, status="waiting")
    RegistrationFactory(event=event, status="cancelled")
    RegistrationFactory(event=event, status="expired")
    RegistrationFactory(event=event, status="pending")
    for rating, text in [(5, "Sehr gut organisiert"), (4, ""), (4, "Mehr Pausen"), (1, "")]:
        Feedback.objects.create(event=event, rating=rating, text=text)
    client.force_login(office)
    stats = client.get(url(event, "manage")).context["stats"]
    assert stats["totals"] == {
        "registrations": 7,
        "pending": 1,
        "confirmed": 3,
        "waiting": 1,
        "cancelled": 1,
        "expired": 1,
        "checked_in": 1,
        "no_shows": 1,
        "attendance_rate": 33,
    }
    by_group = {row["label"]: row for row in stats["by_group"]}
    assert by_group["Migrant*innen"]["registrations"] == 2
    assert by_group["Migrant*innen"]["confirmed"] == 2
    assert by_group["Migrant*innen"]["checked_in"] == 1
    by_type = {row["organisation_type"]: row for row in stats["by_type"]}
    assert by_type["migrant"]["registrations"] == 2
    assert by_type["welfare"]["confirmed"] == 1
    assert by_type[""]["registrations"] == 4
    feedback = stats["feedback"]
    assert feedback["count"] == 4 and feedback["average"] == 3.5
    assert [(r, n) for r, n, _share in feedback["distribution"]] == [
        (5, 1),
        (4, 2),
        (3, 0),
        (2, 0),
        (1, 1),
    ]
    assert feedback["comments"] == ["Sehr gut organisiert", "Mehr Pausen"]


# --- Invitations -------------------------------------------------------------------------


def test_invitations_for_addresses_and_organisations(client, event, office, municipality):
    with_public = factories.OrganisationFactory(
        municipality=municipality, public_email="info@verein.example.org"
    )
    internal_only = factories.OrganisationFactory(
        municipality=municipality, public_email="", internal_contact_email="kontakt@mo.example.org"
    )
    client.force_login(office)
    response = client.post(
        url(event, "invitations"),
        {
            "emails": "Eins@example.org\n\n zwei@example.org \neins@example.org",
            "organisations": [with_public.pk, internal_only.pk],
            "expires_at": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
            "language": "de",
        },
    )
    assert response.status_code == 302
    invitations = Invitation.objects.filter(event=event)
    assert sorted(i.email for i in invitations) == [
        "eins@example.org",
        "info@verein.example.org",
        "kontakt@mo.example.org",
        "zwei@example.org",
    ]
    assert len({i.code for i in invitations}) == 4 and all(len(i.code) >= 32 for i in invitations)
    mails = OutgoingMail.objects.filter(purpose="event_invitation")
    assert mails.count() == 4
    invitation = invitations.get(email="zwei@example.org")
    mail = mails.get(to="zwei@example.org")
    # The office works in English, the invitation goes out in the language chosen.
    assert mail.language == "de"
    assert mail.subject.startswith("Einladung: ")
    assert "Sie sind zu dieser Veranstaltung eingeladen" in mail.body_text
    assert (
        f"/dresden/veranstaltungen/werkstatt-wohnen/anmelden/?einladung={invitation.code}"
        in mail.body_text
    )
    assert "/en/" not in mail.body_text
    assert mail.body_text.count(invitation.code) == 1


def test_invitation_mail_is_in_the_chosen_language(client, event, office):
    client.force_login(office)
    response = client.post(
        url(event, "invitations"),
        {
            "emails": "guest@example.org",
            "expires_at": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
            "language": "en",
        },
    )
    assert response.status_code == 302
    mail = OutgoingMail.objects.get(purpose="event_invitation")
    assert mail.language == "en"
    assert mail.subject.startswith("Invitation: ")
    assert "you are invited to this event" in mail.body_text
    assert "/en/dresden/veranstaltungen/werkstatt-wohnen/anmelden/?einladung=" in mail.body_text


def test_invitations_with_a_bad_address_create_nothing(client, event, office):
    client.force_login(office)
    response = client.post(
        url(event, "invitations"),
        {
            "emails": "gut@example.org\nkeine-adresse\n",
            "expires_at": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    assert "Line 2" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_invitation_default_expiry_is_the_deadline_and_states_are_listed(client, event, office):
    InvitationFactory(event=event, email="used@example.org", used_at=timezone.now())
    InvitationFactory(
        event=event, email="old@example.org", expires_at=timezone.now() - timedelta(days=1)
    )
    InvitationFactory(event=event, email="open@example.org")
    client.force_login(office)
    response = client.get(url(event, "invitations"))
    expected = timezone.localtime(event.registration_closes_at).strftime("%Y-%m-%dT%H:%M")
    assert response.context["form"].initial["expires_at"] == expected
    states = {i.email: i.state for i in response.context["invitations"]}
    assert states == {
        "used@example.org": "used",
        "old@example.org": "expired",
        "open@example.org": "open",
    }


def test_open_event_takes_no_invitations(client, event, office):
    event.access = Event.Access.OPEN
    event.save()
    client.force_login(office)
    response = client.post(
        url(event, "invitations"),
        {"emails": "a@example.org", "expires_at": "2099-01-01T10:00", "language": "de"},
        follow=True,
    )
    assert "This event is open to everyone; it needs no invitations." in [
        str(m) for m in response.context["messages"]
    ]
    assert not Invitation.objects.exists()
    assert not OutgoingMail.objects.exists()


# --- Station results ---------------------------------------------------------------------


def test_results_are_saved_per_station_and_nothing_else_changes(client, event, office):
    item = ProgrammeItemFactory(event=event, kind="world_cafe", title="Weltcafé")
    wohnen = StationFactory(item=item, title="Wohnen")
    arbeit = StationFactory(item=item, title="Arbeit")
    foreign = StationFactory(title="Anderswo")
    client.force_login(office)
    page = url(event, "results")
    response = client.get(page)
    assert [f.instance for f in response.context["formset"]] == [wohnen, arbeit]
    data = {
        "stationen-TOTAL_FORMS": "2",
        "stationen-INITIAL_FORMS": "2",
        "stationen-0-id": wohnen.pk,
        "stationen-0-results_de": "Mehr bezahlbare Wohnungen",
        "stationen-0-results_en": "More affordable flats",
        "stationen-0-results_de-x-simple": "",
        "stationen-1-id": arbeit.pk,
        "stationen-1-results_de": "Anerkennung von Abschlüssen",
        "stationen-1-results_en": "",
        "stationen-1-results_de-x-simple": "Berufe schneller anerkennen",
    }
    assert client.post(page, data).status_code == 302
    wohnen.refresh_from_db()
    arbeit.refresh_from_db()
    assert wohnen.results.texts() == {
        "de": "Mehr bezahlbare Wohnungen",
        "en": "More affordable flats",
    }
    assert wohnen.title["de"] == "Wohnen"
    assert wohnen.theme["de"] == "Wohnen und Nachbarschaft"
    assert arbeit.results["de-x-simple"] == "Berufe schneller anerkennen"
    # Saved together with its German text, each translation is current.
    assert not arbeit.results.is_outdated("de-x-simple")

    # A station of another event cannot be smuggled in.
    data["stationen-1-id"] = foreign.pk
    client.post(page, data)
    foreign.refresh_from_db()
    assert not foreign.results
    assert Station.objects.count() == 3


# --- Admin ---------------------------------------------------------------------------------


def test_admin_is_scoped_and_registrations_are_view_only(client, event, office, other_municipality):
    foreign = EventFactory(municipality=other_municipality, title="Leipziger Treffen")
    station = StationFactory(item=ProgrammeItemFactory(event=event), title="Tisch Bildung")
    client.force_login(office)
    events = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert event.title["de"] in events and foreign.title["de"] not in events
    assert client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:events_event_change", args=[foreign.pk])).status_code in (
        302,
        403,
        404,
    )
    assert client.get(reverse("admin:events_station_change", args=[station.pk])).status_code == 200
    for name in ("venue", "eventseries", "audiencegroup"):
        assert client.get(reverse(f"admin:events_{name}_changelist")).status_code == 200
    registration = event.registrations.get()
    view = client.get(reverse("admin:events_registration_change", args=[registration.pk]))
    assert view.status_code == 200 and 'name="_save"' not in view.content.decode()
    assert client.get(reverse("admin:events_registration_add")).status_code == 403
    response = client.post(
        reverse("admin:events_registration_change", args=[registration.pk]), {"name": "Neu"}
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.name == SECRET_NAME

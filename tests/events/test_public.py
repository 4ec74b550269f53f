"""Public event pages, the registration flow, personal links, feedback, rate limit."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, Feedback, Registration
from teilhabe.mail.models import OutgoingMail
from tests.conftest import make_user_with_role
from tests.events.factories import (
    AudienceGroupFactory,
    EventFactory,
    EventSeriesFactory,
    InvitationFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    StationFactory,
)

SECRETS = ["geheim-raum-4711", "987 654 321", "Kuchen42"]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 0


def url(name, event=None, **kwargs):
    municipality = kwargs.pop("municipality", None) or event.municipality
    if event is not None and "token" not in kwargs:
        kwargs["slug"] = event.slug
    with translation.override("de"):
        return reverse(name, kwargs={"municipality": municipality.slug, **kwargs})


def token_of(registration):
    return services.personal_token(registration)


def assert_no_secrets(text):
    for secret in SECRETS:
        assert secret not in text


def form_data(**extra):
    return {"name": "Amal Beispiel", "email": "amal@example.org", "consent": "on", **extra}


def mails_to(address, purpose=None):
    rows = OutgoingMail.objects.filter(to=address)
    if purpose:
        rows = rows.filter(purpose=purpose)
    return list(rows)


# --- Full flow ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_full_flow_online_event(client, municipality):
    event = EventFactory(municipality=municipality, online=True)
    response = client.post(url("events:register", event), form_data())
    assert response.status_code == 200
    call_command("worker", batch=True, interval=0, verbosity=0)
    opt_in = [m for m in mail.outbox if m.to == ["amal@example.org"]]
    assert len(opt_in) == 1
    assert_no_secrets(opt_in[0].body)
    confirm_path = re.search(r"https?://\S+/bestaetigen/", opt_in[0].body).group(0)
    confirm_path = confirm_path.split("8000", 1)[-1] if "8000" in confirm_path else confirm_path
    token = confirm_path.rstrip("/").split("/")[-2]
    registration = Registration.objects.get()
    assert registration.status == "pending"
    # GET shows a button only; POST confirms.
    assert (
        client.get(url("events:confirm", municipality=municipality, token=token)).status_code == 200
    )
    assert Registration.objects.get().status == "pending"
    response = client.post(url("events:confirm", municipality=municipality, token=token))
    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"
    mail.outbox.clear()
    call_command("worker", batch=True, interval=0, verbosity=0)
    confirmed = mail.outbox[-1]
    assert "geheim-raum-4711" in confirmed.body
    ics = [a for a in confirmed.attachments if a[0].endswith(".ics")]
    assert ics and "geheim-raum-4711" in (
        ics[0][1] if isinstance(ics[0][1], str) else ics[0][1].decode()
    )
    page = client.get(url("events:personal", municipality=municipality, token=token))
    assert page.status_code == 200
    text = page.content.decode()
    for secret in SECRETS:
        assert secret in text
    personal_ics = client.get(url("events:personal_ics", municipality=municipality, token=token))
    assert "geheim-raum-4711" in personal_ics.content.decode()


@pytest.mark.django_db
def test_waiting_person_never_sees_access_data(client, municipality):
    event = EventFactory(municipality=municipality, online=True, capacity=1)
    RegistrationFactory(event=event)
    client.post(url("events:register", event), form_data())
    registration = Registration.objects.get(email="amal@example.org")
    token = token_of(registration)
    client.post(url("events:confirm", municipality=municipality, token=token))
    registration.refresh_from_db()
    assert registration.status == "waiting"
    page = client.get(url("events:personal", municipality=municipality, token=token))
    assert_no_secrets(page.content.decode())
    assert "auf der Warteliste – Platz 1 auf der Warteliste" in page.content.decode()
    ics = client.get(url("events:personal_ics", municipality=municipality, token=token))
    assert ics.status_code == 200
    assert_no_secrets(ics.content.decode())
    for row in mails_to("amal@example.org"):
        assert_no_secrets(row.body_text + json.dumps(row.attachments))


@pytest.mark.django_db
def test_public_page_ics_feed_and_json_ld_never_show_access(client, municipality):
    event = EventFactory(municipality=municipality, online=True, format=Event.Format.ONLINE)
    hybrid = EventFactory(
        municipality=municipality, online=True, format=Event.Format.HYBRID, title="Hybrid"
    )
    for e in (event, hybrid):
        page = client.get(url("events:event", e)).content.decode()
        assert_no_secrets(page)
        data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
        assert data["@type"] == "Event"
        assert_no_secrets(json.dumps(data))
        ics = client.get(url("events:event_ics", e))
        assert "attachment" in ics["Content-Disposition"]
        assert_no_secrets(ics.content.decode())
    feed = client.get(url("events:feed", municipality=municipality))
    assert feed["Content-Type"].startswith("text/calendar")
    assert "Hybrid" in feed.content.decode()
    assert_no_secrets(feed.content.decode())
    assert_no_secrets(client.get(url("events:list", municipality=municipality)).content.decode())


@pytest.mark.django_db
def test_json_ld_fields(client, municipality):
    event = EventFactory(municipality=municipality, capacity=1, status=Event.Status.CANCELLED)
    RegistrationFactory(event=event)
    page = client.get(url("events:event", event)).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["eventStatus"].endswith("EventCancelled")
    assert data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["organizer"]["name"]
    assert data["isAccessibleForFree"] is True
    open_event = EventFactory(municipality=municipality, capacity=1, online=True)
    RegistrationFactory(event=open_event)
    page = client.get(url("events:event", open_event)).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["offers"]["availability"].endswith("SoldOut")
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registration_closes_at": -1}, "deadline"),
        ({"starts_at": -1}, "started"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
    ],
)
def test_closed_registration_saves_nothing(client, municipality, changes, message):
    now = timezone.now()
    kwargs = {}
    if "registration_closes_at" in changes:
        kwargs["registration_closes_at"] = now - timedelta(hours=1)
    if "starts_at" in changes:
        kwargs["starts_at"] = now - timedelta(minutes=30)
    if "status" in changes:
        kwargs["status"] = changes["status"]
    event = EventFactory(municipality=municipality, **kwargs)
    response = client.post("/en" + url("events:register", event), form_data())
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_duplicate_email_and_missing_consent(client, municipality):
    event = EventFactory(municipality=municipality)
    RegistrationFactory(event=event, email="amal@example.org")
    response = client.post(url("events:register", event), form_data(email="AMAL@example.org"))
    # Not refused (that would tell who is registered): the person gets their link again
    # (tests/events/test_find_registration.py), and no second registration exists.
    assert response.status_code == 200
    assert "bereits angemeldet" not in response.content.decode()
    assert Registration.objects.count() == 1
    data = form_data(email="neu@example.org")
    del data["consent"]
    response = client.post(url("events:register", event), data)
    assert response.status_code == 200
    assert 'id="id_consent-error"' in response.content.decode() or "consent" in str(
        response.context["form"].errors
    )
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_invitations(client, municipality):
    group = AudienceGroupFactory(municipality=municipality, name="Migrantenorganisationen")
    event = EventFactory(municipality=municipality, invitation_only=True, audience_groups=[group])
    page = client.get(url("events:event", event)).content.decode()
    assert "Migrantenorganisationen" in page
    register = url("events:register", event)
    # No code.
    client.post(register, form_data())
    assert not Registration.objects.exists()
    # Expired code.
    expired = InvitationFactory(event=event, expires_at=timezone.now() - timedelta(days=1))
    client.post(register + f"?einladung={expired.code}", form_data())
    assert not Registration.objects.exists()
    # Valid, then reused.
    invitation = InvitationFactory(event=event)
    client.post(register + f"?einladung={invitation.code}", form_data())
    assert Registration.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.used_at
    client.post(register + f"?einladung={invitation.code}", form_data(email="zwei@example.org"))
    assert Registration.objects.count() == 1
    # Another event's code.
    other = InvitationFactory(event=EventFactory(municipality=municipality, invitation_only=True))
    client.post(register + f"?einladung={other.code}", form_data(email="drei@example.org"))
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_hidden_invitation_event_and_drafts(client, municipality):
    hidden = EventFactory(municipality=municipality, invitation_only=True, is_listed=False)
    assert client.get(url("events:event", hidden)).status_code == 404
    assert client.get(url("events:event_ics", hidden)).status_code == 404
    assert (
        hidden.title["de"]
        not in client.get(url("events:list", municipality=municipality)).content.decode()
    )
    invitation = InvitationFactory(event=hidden)
    page = client.get(url("events:event", hidden) + f"?einladung={invitation.code}")
    assert page.status_code == 200
    assert f"einladung={invitation.code}" in page.content.decode()
    draft = EventFactory(municipality=municipality, status=Event.Status.DRAFT)
    assert client.get(url("events:event", draft)).status_code == 404
    client.force_login(make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN))
    assert client.get(url("events:event", draft)).status_code == 200


# --- Personal links -------------------------------------------------------------------------


@pytest.mark.django_db
def test_forged_deleted_and_foreign_tokens(client, municipality, other_municipality):
    registration = RegistrationFactory(event=EventFactory(municipality=municipality))
    token = token_of(registration)
    for name in (
        "events:personal",
        "events:personal_ics",
        "events:personal_data",
        "events:confirm",
    ):
        assert (
            client.get(url(name, municipality=municipality, token=token + "x")).status_code == 404
        )
        assert (
            client.get(url(name, municipality=other_municipality, token=token)).status_code == 404
        )
    registration.delete()
    response = client.get(url("events:personal", municipality=municipality, token=token))
    assert response.status_code == 404
    assert "events/link_invalid.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_cancel_promotes_next_waiting_person(client, municipality):
    event = EventFactory(municipality=municipality, capacity=1)
    seat = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    token = token_of(seat)
    page = client.get(url("events:personal", municipality=municipality, token=token))
    cancel_page = url("events:personal_cancel", municipality=municipality, token=token)
    assert cancel_page in page.content.decode()
    response = client.post(cancel_page, {"confirm": "yes"})
    assert response.status_code == 302
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == "cancelled"
    assert waiting.status == "confirmed"
    assert mails_to(waiting.email, "event_promoted")


@pytest.mark.django_db
def test_leave_waiting_list(client, municipality):
    event = EventFactory(municipality=municipality, capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    client.post(
        url("events:personal_cancel", municipality=municipality, token=token_of(waiting)),
        {"confirm": "yes"},
    )
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


@pytest.mark.django_db
def test_needs_change_and_data_copy(client, municipality):
    event = EventFactory(municipality=municipality, asks_dietary=True, asks_accessibility=True)
    registration = RegistrationFactory(event=event)
    token = token_of(registration)
    response = client.post(
        url("events:personal", municipality=municipality, token=token),
        {"action": "needs", "dietary_needs": "vegetarisch", "accessibility_needs": "Rollstuhl"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.dietary_needs == "vegetarisch"
    data = client.get(url("events:personal_data", municipality=municipality, token=token))
    assert "attachment" in data["Content-Disposition"]
    stored = json.loads(data.content)
    assert stored["registration"]["dietary_needs"] == "vegetarisch"
    assert stored["registration"]["email"] == registration.email
    assert stored["registration"]["public_id"] == str(registration.public_id)


# --- Feedback -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_once_after_the_event(client, municipality):
    now = timezone.now()
    event = EventFactory(
        municipality=municipality,
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=1, hours=20),
    )
    registration = RegistrationFactory(event=event)
    feedback = url("events:feedback", municipality=municipality, token=token_of(registration))
    assert client.get(feedback).status_code == 200
    client.post(feedback, {"rating": "5", "text": "Sehr gut"})
    client.post(feedback, {"rating": "1"})
    assert list(Feedback.objects.values_list("rating", "text")) == [(5, "Sehr gut")]
    upcoming = RegistrationFactory(event=EventFactory(municipality=municipality))
    response = client.post(
        url("events:feedback", municipality=municipality, token=token_of(upcoming)), {"rating": "3"}
    )
    assert response.status_code == 403
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    response = client.get(
        url("events:feedback", municipality=municipality, token=token_of(waiting))
    )
    assert response.status_code == 403
    assert Feedback.objects.count() == 1


# --- Rate limit ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_rate_limit(client, municipality, settings, rate_limit_clock):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 2
    event = EventFactory(municipality=municipality)
    register = url("events:register", event)
    codes = [
        client.post(register, form_data(email=f"p{i}@example.org")).status_code for i in range(3)
    ]
    assert codes == [200, 200, 429]
    assert Registration.objects.count() == 2
    response = client.post("/en" + register, form_data(email="x@example.org"))
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert client.get(register).status_code == 200  # GET is not limited
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 0
    assert client.post(register, form_data(email="y@example.org")).status_code == 200


# --- List ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_filters_and_states(client, municipality, other_municipality):
    now = timezone.now()
    series = EventSeriesFactory(municipality=municipality, slug="werkstaetten")
    workshop = EventFactory(
        municipality=municipality, title="Werkstatt Wohnen", series=series, capacity=1
    )
    RegistrationFactory(event=workshop)
    conference = EventFactory(
        municipality=municipality,
        title="Jahrestreffen der Vereine",
        kind=Event.Kind.CONFERENCE,
        capacity=None,
    )
    past = EventFactory(
        municipality=municipality,
        title="Alte Werkstatt",
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10) + timedelta(hours=2),
    )
    EventFactory(municipality=municipality, title="Entwurf", status=Event.Status.DRAFT)
    EventFactory(municipality=other_municipality, title="Leipziger Treffen")
    listing = url("events:list", municipality=municipality)
    page = client.get(listing).content.decode()
    assert workshop.title["de"] in page and conference.title["de"] in page
    assert past.title["de"] not in page and "Entwurf" not in page and "Leipziger" not in page
    assert "waiting list" in client.get("/en" + listing).content.decode()
    page = client.get(listing + "?zeit=vergangen").content.decode()
    assert past.title["de"] in page and workshop.title["de"] not in page
    page = client.get(listing + "?art=conference").content.decode()
    assert conference.title["de"] in page and workshop.title["de"] not in page
    page = client.get(listing + "?reihe=werkstaetten").content.decode()
    assert workshop.title["de"] in page and conference.title["de"] not in page


@pytest.mark.django_db
def test_list_query_count_is_fixed(client, municipality):
    listing = url("events:list", municipality=municipality)
    EventFactory(municipality=municipality, series=EventSeriesFactory(municipality=municipality))
    client.get(listing)
    with CaptureQueriesContext(connection) as few:
        client.get(listing)
    for _ in range(6):
        event = EventFactory(
            municipality=municipality, series=EventSeriesFactory(municipality=municipality)
        )
        RegistrationFactory(event=event)
    client.get(listing)  # warm: the page's new ETag in the shared cache
    with CaptureQueriesContext(connection) as many:
        assert client.get(listing).status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"][:150] + " ... " + q["sql"][-80:] for q in many)


@pytest.mark.django_db
def test_event_page_query_count_is_fixed(client, municipality):
    from tests import factories

    event = EventFactory(municipality=municipality)
    page = url("events:event", event)
    event.organisers.add(factories.OrganisationFactory(municipality=municipality))
    event.audience_groups.add(AudienceGroupFactory(municipality=municipality))
    StationFactory(item=ProgrammeItemFactory(event=event))
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for _ in range(6):
        event.organisers.add(factories.OrganisationFactory(municipality=municipality))
        event.audience_groups.add(AudienceGroupFactory(municipality=municipality))
        item = ProgrammeItemFactory(event=event)
        StationFactory(item=item)
    client.get(page)  # warm: the page's new ETag in the shared cache
    with CaptureQueriesContext(connection) as many:
        assert client.get(page).status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"][:300] for q in many)


# --- Event page, languages -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en", "/de-x-simple"])
def test_pages_render_in_every_language(client, municipality, prefix):
    now = timezone.now()
    event = EventFactory(
        municipality=municipality,
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=4),
        participant_notes="Bitte Maske mitbringen",
        title={"de": "Werkstatt auf Deutsch", "en": "Workshop in English"},
    )
    item = ProgrammeItemFactory(event=event, title="World Café")
    item.speakers.create(name="Dr. Rede", organisation_name="Stadtverwaltung", function="Leiterin")
    StationFactory(item=item, title="Tisch Arbeit", results="Mehr Sprachkurse")
    registration = RegistrationFactory(event=event)
    lang = {"": "de", "/en": "en", "/de-x-simple": "de-x-simple"}[prefix]
    pages = [
        url("events:list", municipality=municipality) + "?zeit=vergangen",
        url("events:event", event),
        url("events:register", event),
        url("events:personal", municipality=municipality, token=token_of(registration)),
        url("events:feedback", municipality=municipality, token=token_of(registration)),
    ]
    for path in pages:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        assert f'<html lang="{lang}">' in response.content.decode()
    detail = client.get(prefix + url("events:event", event)).content.decode()
    assert "Dr. Rede" in detail and "Leiterin" in detail and "Stadtverwaltung" in detail
    assert "Tisch Arbeit" in detail and "Mehr Sprachkurse" in detail
    if lang == "en":
        assert "Workshop in English" in detail


@pytest.mark.django_db
def test_one_rule_for_what_the_public_sees_of_events(municipality):
    """``Event.objects.public()`` (list, feed, API) and ``Event.is_public`` (the event
    page) agree for every status, access and listing."""
    combinations = [
        (status, access, listed)
        for status in Event.Status.values
        for access in Event.Access.values
        for listed in (True, False)
    ]
    events = [
        EventFactory(municipality=municipality, status=status, access=access, is_listed=listed)
        for status, access, listed in combinations
    ]
    public = set(Event.objects.public().values_list("pk", flat=True))
    assert {e.pk for e in events if e.is_public()} == public
    # Published or cancelled (2), and open (listed or not) or invitation-only but listed (3).
    assert len(public) == 6

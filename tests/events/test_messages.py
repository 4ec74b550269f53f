"""The office writes to an event's participants: a form, a confirmation page that says
how many people of each chosen group get a mail, then one mail per person, in their
language where the message is written in it (otherwise German), with their personal
link; once per person and per form, however often the form is sent or the worker runs.
Nobody else may see or send any of it."""

import re
import uuid
from collections import Counter
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import Role
from teilhabe.events import services
from teilhabe.events.models import Event, EventMessage, EventMessageRecipient, Registration
from teilhabe.languages.units import translatable_models, units_of
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once
from tests.worker.helpers import abandon_after_commit

S = Registration.Status

SUBJECT_DE = "Raumänderung"
BODY_DE = "Die Werkstatt findet im Saal 2 statt."
SUBJECT_AR = "تغيير القاعة"
BODY_AR = "تقام الورشة في القاعة 2."


def url(event, name="message", language=None):
    with translation.override(language or "de"):
        return reverse(
            f"events:{name}", kwargs={"municipality": event.municipality.slug, "slug": event.slug}
        )


def office_of(municipality):
    return factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user


def form(groups=("confirmed", "waiting", "checked_in"), key=None, **texts):
    """The message form as a browser sends it: German and Arabic texts by default."""
    data = {
        "subject_de": SUBJECT_DE,
        "body_de": BODY_DE,
        "subject_ar": SUBJECT_AR,
        "body_ar": BODY_AR,
        "groups": list(groups),
        "submission_key": str(key or uuid.uuid4()),
    }
    data.update(texts)
    return data


def confirmed(data):
    return {**data, "confirm": "yes"}


def queued():
    """Who has a message mail in the outbox, how often."""
    return Counter(
        OutgoingMail.objects.filter(purpose="event_message").values_list("to", flat=True)
    )


def nothing_saved():
    return not EventMessage.objects.exists() and not OutgoingMail.objects.exists()


def run_worker():
    call_command("worker", batch=True, interval=0, verbosity=0)


@pytest.fixture
def event(municipality):
    """Zeynep (Arabic) was checked in, Olena (Ukrainian) and Anna hold seats, Bao waits;
    Paul has not confirmed his address, Clara cancelled after her check-in: those two
    get nothing."""
    municipality.content_languages = ["de", "en", "ar", "uk"]
    municipality.save()
    event = EventFactory(municipality=municipality, slug="werkstatt", capacity=3)
    RegistrationFactory(
        event=event,
        name="Zeynep Yılmaz",
        email="zeynep@example.org",
        language="ar",
        checked_in_at=event.starts_at,
    )
    RegistrationFactory(event=event, name="Olena Koval", email="olena@example.org", language="uk")
    RegistrationFactory(event=event, name="Anna Ankunft", email="anna@example.org")
    RegistrationFactory(event=event, name="Bao Wartend", email="bao@example.org", status=S.WAITING)
    RegistrationFactory(event=event, email="paul@example.org", status=S.PENDING)
    RegistrationFactory(
        event=event,
        email="clara@example.org",
        status=S.CANCELLED,
        checked_in_at=event.starts_at,
    )
    return event


@pytest.fixture
def office(municipality):
    return office_of(municipality)


def person(event, email):
    return event.registrations.get(email=email)


# --- The way through: form, confirmation, mails ----------------------------------------------


def received(server):
    """address -> (subject, text) of every mail the SMTP server took."""
    mails = {}
    for envelope in server.received:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        (to,) = envelope.rcpt_tos
        mails[to] = (message["Subject"], message.get_body(("plain",)).get_content())
    return mails


def linked_registration(text):
    token = re.search(r"/anmeldung/([^/\s]+)/(\s|$)", text).group(1)
    return services.registration_from_token(token)


@pytest.mark.django_db(transaction=True)
def test_each_person_gets_one_mail_in_their_language_with_their_link(
    client, event, office, smtp_server, settings
):
    settings.TEILHABE_BASE_URL = "https://teilhabe.example"
    server = smtp_server()
    client.force_login(office)
    manage = client.get(url(event, "manage")).content.decode()
    assert f'href="{url(event)}"' in manage  # from the management page and its navigation
    assert 'id="no-messages"' in manage
    page = client.get(url(event)).content.decode()
    assert f'href="{url(event)}" aria-current="page"' in page  # the staff navigation
    # Each group says how many people are in it now.
    assert "Bestätigt (3)" in page and "Auf der Warteliste (1)" in page
    assert "Eingelassen (1)" in page

    data = form()
    response = client.post(url(event), data)
    assert response.status_code == 200
    assert response.templates[0].name == "events/staff/confirm_message.html"
    assert nothing_saved()

    response = client.post(url(event), confirmed(data))
    assert response.status_code == 302
    assert response["Location"] == url(event, "manage") + "#messages-heading"
    message = EventMessage.objects.get()
    assert message.sent_count == 4 and message.author == office
    run_worker()
    run_worker()  # a second run sends nothing again
    assert server.recipients() == {
        "zeynep@example.org": 1,
        "olena@example.org": 1,
        "anna@example.org": 1,
        "bao@example.org": 1,
    }
    mails = received(server)
    # Arabic where the message is written in Arabic, German for Ukrainian (no translation).
    zeynep_subject, zeynep_text = mails["zeynep@example.org"]
    assert zeynep_subject == SUBJECT_AR and BODY_AR in zeynep_text and BODY_DE not in zeynep_text
    olena_subject, olena_text = mails["olena@example.org"]
    assert olena_subject == SUBJECT_DE and BODY_DE in olena_text and BODY_AR not in olena_text
    assert "Guten Tag Olena Koval" in olena_text  # the whole mail in German, not half Ukrainian
    assert "Werkstatt Nummer" in olena_text  # which event
    # Each mail carries the person's own link, opening their page in their language.
    for address, (_subject, text) in mails.items():
        assert "https://teilhabe.example/" in text
        assert linked_registration(text) == person(event, address)
    assert "https://teilhabe.example/ar/dresden/" in zeynep_text
    assert dict(EventMessageRecipient.objects.values_list("registration__email", "language")) == {
        "zeynep@example.org": "ar",
        "olena@example.org": "de",
        "anna@example.org": "de",
        "bao@example.org": "de",
    }

    # Reclaimed after their worker "died" past commit, the tasks send nothing twice.
    assert abandon_after_commit() > 0
    run_worker()
    run_worker()
    assert set(server.recipients().values()) == {1}
    assert OutgoingMail.objects.filter(purpose="event_message").count() == 4

    # The management page lists the message.
    manage = client.get(url(event, "manage", language="en")).content.decode()
    listed = manage.split('id="sent-messages"')[1].split("</ol>")[0]
    assert SUBJECT_DE in listed and str(office) in listed
    assert "4 people (Confirmed, On the waiting list, Checked in)" in listed


def test_the_groups_chosen_are_the_people_mailed(client, event, office):
    client.force_login(office)
    client.post(url(event), confirmed(form(groups=["waiting"])))
    assert queued() == {"bao@example.org": 1}
    client.post(url(event), confirmed(form(groups=["checked_in"])))
    assert queued() == {"bao@example.org": 1, "zeynep@example.org": 1}
    client.post(url(event), confirmed(form(groups=["confirmed"])))
    assert queued() == {
        "bao@example.org": 1,
        "zeynep@example.org": 2,
        "olena@example.org": 1,
        "anna@example.org": 1,
    }
    assert list(EventMessage.objects.values_list("sent_count", flat=True)) == [3, 1, 1]


def test_people_in_two_groups_are_mailed_once(client, event, office):
    client.force_login(office)
    client.post(url(event), confirmed(form(groups=["confirmed", "checked_in"])))
    assert queued() == {"zeynep@example.org": 1, "olena@example.org": 1, "anna@example.org": 1}


def test_the_confirmation_page_says_who_gets_a_mail_and_sends_nothing(client, event, office):
    client.force_login(office)
    data = form(groups=["confirmed", "waiting", "checked_in"])
    page = client.post(url(event, language="en"), data).content.decode()
    what = page.split('id="what-happens"')[1].split("</form>")[0]
    assert "4 people each get this message once by e-mail" in what
    per_group = {
        group: re.search(rf'id="recipients-{group}">([^<]+)<', what).group(1)
        for group in ("confirmed", "waiting", "checked_in")
    }
    assert per_group == {"confirmed": "3 people", "waiting": "1 person", "checked_in": "1 person"}
    languages = re.search(r'id="recipients-languages">(.*?)</dd>', what).group(1)
    assert re.sub(r"<[^>]+>", "", languages) == "Deutsch: 3, العربية: 1"
    assert '<bdi lang="ar">العربية</bdi>' in languages
    assert SUBJECT_DE in what
    assert nothing_saved()

    # Confirming with anything but the confirmation's own value sends nothing.
    response = client.post(url(event, language="en"), {**data, "confirm": "no"})
    assert 'id="what-happens"' in response.content.decode()
    assert nothing_saved()
    # "Change the message" goes back to the form, filled in, and sends nothing.
    response = client.post(url(event, language="en"), {**confirmed(data), "edit": "1"})
    assert response.status_code == 200
    assert 'id="message-form"' in response.content.decode()
    assert SUBJECT_AR in response.content.decode()
    assert nothing_saved()
    # The confirmation page carries the form: confirming it sends what was written.
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', what))
    assert hidden["subject_ar"] == SUBJECT_AR and hidden["confirm"] == "yes"
    assert client.post(url(event), confirmed(data)).status_code == 302
    assert sum(queued().values()) == 4


def test_the_same_form_sent_twice_sends_once(client, event, office):
    client.force_login(office)
    data = confirmed(form())
    assert client.post(url(event), data).status_code == 302
    response = client.post(url(event, language="en"), data, follow=True)
    assert "This message had already been sent; nobody got it twice." in (response.content.decode())
    assert EventMessage.objects.count() == 1
    assert set(queued().values()) == {1} and len(queued()) == 4
    # A new form (a new key) is a new message.
    assert client.post(url(event), confirmed(form())).status_code == 302
    assert EventMessage.objects.count() == 2
    assert set(queued().values()) == {2}


def test_each_form_rendering_has_its_own_key(client, event, office):
    client.force_login(office)
    keys = {
        re.search(
            r'name="submission_key" value="([^"]+)"', client.get(url(event)).content.decode()
        ).group(1)
        for _ in range(2)
    }
    assert len(keys) == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_at_once_sends_once(live_server, event, office):
    """Two tabs, a double click: six POSTs of one confirmed form arrive together."""
    session = Client()
    session.force_login(office)
    split = urlsplit(live_server.url)
    path = url(event)
    browsers = []
    for _ in range(6):
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        browsers.append(browser)
    status, page = browsers[0].request("GET", path)
    assert status == 200
    for browser in browsers[1:]:
        browser.cookies.update(browsers[0].cookies)
    data = confirmed(form())
    fields = [("csrfmiddlewaretoken", CSRF_INPUT.search(page).group(1))]
    fields += [
        (k, v)
        for k, values in data.items()
        for v in ([values] if isinstance(values, str) else values)
    ]

    def send(browser):
        return browser.request("POST", path, fields)

    results = run_at_once([lambda b=b: send(b) for b in browsers])
    for browser in browsers:
        browser.close()
    assert [status for status, _page in results] == [302] * 6
    assert EventMessage.objects.count() == 1
    assert queued() == {
        "zeynep@example.org": 1,
        "olena@example.org": 1,
        "anna@example.org": 1,
        "bao@example.org": 1,
    }
    assert EventMessageRecipient.objects.count() == 4


def test_a_cancelled_event_takes_messages(client, event, office):
    services.cancel_event(event, "Der Saal ist gesperrt.")
    OutgoingMail.objects.all().delete()
    client.force_login(office)
    page = client.get(url(event)).content.decode()
    assert "abgesagt" in page
    assert client.post(url(event), confirmed(form(groups=["confirmed"]))).status_code == 302
    assert len(queued()) == 3


# --- Refused input: errors in the user's language, nothing saved, nothing queued ----------


@pytest.mark.parametrize(
    ("language", "changes", "field", "error"),
    [
        ("de", {"subject_de": ""}, "subject", "Bitte schreiben Sie den deutschen Text"),
        ("en", {"subject_de": "  "}, "subject", "This field is required."),
        ("de", {"body_de": ""}, "body", "Bitte schreiben Sie den deutschen Text"),
        ("en", {"groups": []}, "groups", "Please choose who gets the message."),
        ("en", {"groups": ["everyone"]}, "groups", "Select a valid choice."),
        ("de", {"groups": ["alle"]}, "groups", "Bitte eine gültige Auswahl treffen."),
        ("de", {"body_de": "x" * 10_001}, "body", "höchstens 10000 Zeichen"),
        ("en", {"body_ar": "x" * 10_001}, "body", "at most 10000 characters"),
        ("de", {"subject_de": "x" * 201}, "subject", "höchstens 200 Zeichen"),
        ("en", {"body_ar": ""}, "body", "Please write the subject and the text in العربية"),
        ("en", {"subject_ar": ""}, "subject", "Please write the subject and the text in العربية"),
        ("en", {"subject_fa": "سلام", "body_fa": "سلام"}, None, None),  # not offered: ignored
        ("en", {"body_de": "Null\x00Zeichen"}, "body", "Null characters are not allowed."),
    ],
)
def test_bad_input_is_a_form_error_and_sends_nothing(
    client, event, office, language, changes, field, error
):
    client.force_login(office)
    data = form(**changes)
    for step in (data, confirmed(data)):  # the form and the confirmation alike
        response = client.post(url(event, language=language), step)
        if field is None:
            assert response.status_code == (302 if "confirm" in step else 200)
            continue
        assert response.status_code == 400
        assert field in response.context["form"].errors
        assert error in response.content.decode()
    if field is None:
        assert EventMessage.objects.get().subject.get("fa") is None
    else:
        assert nothing_saved()


def test_nobody_in_the_chosen_groups_is_a_form_error(client, municipality, office):
    event = EventFactory(municipality=municipality, slug="leer")
    RegistrationFactory(event=event, status=S.PENDING)
    RegistrationFactory(event=event, status=S.CANCELLED)
    RegistrationFactory(event=event, status=S.WAITING, is_anonymised=True)
    client.force_login(office)
    for step in (form(), confirmed(form())):
        response = client.post(url(event, language="en"), step)
        assert response.status_code == 400
        assert "Nobody in the chosen groups would get the message." in (response.content.decode())
    assert nothing_saved()
    with pytest.raises(services.RegistrationError):
        services.send_message(
            event, subject=SUBJECT_DE, body=BODY_DE, groups=["waiting"], author=office
        )
    assert nothing_saved()


def test_a_registration_is_a_recipient_of_a_message_once(event, office):
    """The key behind "once per person": a second recipient row for the same
    registration and message is refused by the database."""
    from django.db import IntegrityError, transaction

    message, _created = services.send_message(
        event, subject=SUBJECT_DE, body=BODY_DE, groups=["waiting"], author=office
    )
    bao = person(event, "bao@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        EventMessageRecipient.objects.create(message=message, registration=bao, language="de")
    assert message.recipients.get().registration == bao


def test_the_service_refuses_a_message_to_no_group(event, office):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.send_message(event, subject=SUBJECT_DE, body=BODY_DE, groups=[], author=office)
    assert nothing_saved()


# --- Who may -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, event):
    for response in (client.get(url(event)), client.post(url(event), confirmed(form()))):
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert nothing_saved()


@pytest.mark.parametrize("who", ["editor", "representative", "moderator", "foreign_office"])
def test_nobody_else_writes_or_reads_the_messages(
    client, event, office, municipality, other_municipality, who
):
    services.send_message(
        event, subject="Nur fürs Büro", body=BODY_DE, groups=["confirmed"], author=office
    )
    sent = OutgoingMail.objects.count()
    department = factories.DepartmentFactory(municipality=municipality)
    organisation = factories.OrganisationFactory(municipality=municipality)
    users = {
        "editor": (Role.Kind.DEPARTMENT_EDITOR, municipality, {"departments": [department]}),
        "representative": (
            Role.Kind.ORGANISATION_REPRESENTATIVE,
            municipality,
            {"organisations": [organisation]},
        ),
        "moderator": (Role.Kind.MODERATOR, municipality, {}),
        "foreign_office": (Role.Kind.OFFICE_ADMIN, other_municipality, {}),
    }
    kind, where, extra = users[who]
    client.force_login(factories.RoleFactory(municipality=where, kind=kind, **extra).user)
    for page in (url(event), url(event, "manage")):
        response = client.get(page)
        assert response.status_code == 403
        assert "Nur fürs Büro" not in response.content.decode()
    assert client.post(url(event), form()).status_code == 403
    assert client.post(url(event), confirmed(form())).status_code == 403
    if who == "foreign_office":
        # Under its own municipality's address, our event does not exist.
        foreign = reverse(
            "events:message", kwargs={"municipality": other_municipality.slug, "slug": event.slug}
        )
        assert client.get(foreign).status_code == 404
        assert client.post(foreign, confirmed(form())).status_code == 404
    assert EventMessage.objects.count() == 1
    assert OutgoingMail.objects.count() == sent


def test_an_office_writes_only_to_its_own_events(client, event, other_municipality):
    foreign_event = EventFactory(municipality=other_municipality, slug="leipzig-werkstatt")
    RegistrationFactory(event=foreign_event, email="leipzig@example.org")
    client.force_login(office_of(event.municipality))
    wrong = reverse(
        "events:message",
        kwargs={"municipality": event.municipality.slug, "slug": foreign_event.slug},
    )
    assert client.post(wrong, confirmed(form())).status_code == 404
    assert client.post(url(foreign_event), confirmed(form())).status_code == 403
    assert nothing_saved()


# --- Fixed number of queries ---------------------------------------------------------------


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_pages_run_a_fixed_number_of_queries(client, event, office):
    client.force_login(office)
    services.send_message(
        event, subject=SUBJECT_DE, body=BODY_DE, groups=["waiting"], author=office
    )
    client.get(url(event))  # warm the session
    pages = [url(event), url(event, "manage")]
    few = [count_queries(client, page) for page in pages]
    data = form()
    confirm_few = len(_post_queries(client, url(event), data))

    for number in range(20):
        RegistrationFactory(event=event, language="ar", checked_in_at=event.starts_at)
        RegistrationFactory(event=event, status=S.WAITING, language="uk" if number % 2 else "en")
    for number in range(8):
        author = office_of(event.municipality)
        services.send_message(
            event, subject=f"Nachricht {number}", body=BODY_DE, groups=["confirmed"], author=author
        )
    many = [count_queries(client, page) for page in pages]
    assert many == few
    assert len(_post_queries(client, url(event), data)) == confirm_few
    listed = re.findall(r'id="message-\d+"', client.get(url(event, "manage")).content.decode())
    assert len(listed) == 9


def _post_queries(client, address, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(address, data)
    assert response.status_code == 200, response.content.decode()[:500]
    return queries


# --- The mail log, and what the translation workflow leaves alone ---------------------------


def test_the_mail_log_shows_the_messages(client, event, office):
    client.force_login(office)
    client.post(url(event), confirmed(form(groups=["waiting"])))
    log = reverse("mail:log", kwargs={"municipality": event.municipality.slug})
    page = client.get(f"/en{log}", {"purpose": "event_message"}).content.decode()
    assert "Message to participants" in page
    assert "bao@example.org" in page and "anna@example.org" not in page
    manage = client.get(url(event, "manage")).content.decode()
    assert f'href="{log}?purpose=event_message"' in manage


def test_messages_stay_out_of_the_translation_workflow(event, office):
    services.send_message(
        event, subject=SUBJECT_DE, body=BODY_DE, groups=["waiting"], author=office
    )
    assert EventMessage not in {entry.model for entry in translatable_models()}
    assert not [unit for unit in units_of(event.municipality) if SUBJECT_DE in unit.german]
    assert Event in {entry.model for entry in translatable_models()}

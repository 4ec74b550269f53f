"""A person reads the event in Arabic, registers on the Arabic page, and gets every
mail and the calendar file in Arabic: the interface text from the Arabic catalogue,
the event's own texts in Arabic where the office wrote them (German where not, said
so), the mail marked with its language."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from teilhabe.events.models import Registration
from tests.events.factories import EventFactory


def deliver():
    call_command("worker", batch=True, interval=0, verbosity=0)


def arabic_url(name, **kwargs):
    with translation.override("ar"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db(transaction=True)
def test_register_in_arabic_and_get_arabic_mails_and_calendar(client, municipality):
    municipality.content_languages = ["de", "en", "ar"]
    municipality.save()
    event = EventFactory(
        municipality=municipality,
        slug="sprachcafe",
        title={"de": "Sprachcafé im Rathaus", "ar": "مقهى اللغة في دار البلدية"},
        description={"de": "Wir sprechen Deutsch.", "ar": "نتحدث الألمانية معًا."},
    )
    register = arabic_url("events:register", municipality="dresden", slug="sprachcafe")
    assert register.startswith("/ar/")
    page = client.get(register).content.decode()
    assert '<html lang="ar"' in page and "مقهى اللغة في دار البلدية" in page

    response = client.post(register, {"name": "أمل", "email": "amal@example.org", "consent": "on"})
    assert response.status_code == 200
    assert '<html lang="ar"' in response.content.decode()
    deliver()
    (opt_in,) = mail.outbox
    assert opt_in.extra_headers["Content-Language"] == "ar"
    assert "مقهى اللغة في دار البلدية" in opt_in.subject + opt_in.body
    with translation.override("ar"):
        assert translation.gettext("please confirm your registration for:") in opt_in.body
        assert translation.gettext("Hello %(name)s,") % {"name": "أمل"} in opt_in.body
    assert "please confirm" not in opt_in.body
    # The confirmation link keeps the reader's language.
    confirm = re.search(r"https?://[^/\s]+(/ar/\S+/bestaetigen/)", opt_in.body).group(1)

    mail.outbox.clear()
    assert client.post(confirm).status_code == 302
    assert Registration.objects.get(event=event).status == "confirmed"
    deliver()
    (confirmed,) = mail.outbox
    assert confirmed.extra_headers["Content-Language"] == "ar"
    assert "مقهى اللغة في دار البلدية" in confirmed.body
    (ics,) = [a for a in confirmed.attachments if a[0].endswith(".ics")]
    calendar = ics[1] if isinstance(ics[1], str) else ics[1].decode()
    unfolded = calendar.replace("\r\n ", "")
    assert "SUMMARY;LANGUAGE=ar:مقهى اللغة في دار البلدية" in unfolded
    assert "DESCRIPTION;LANGUAGE=ar:نتحدث الألمانية معًا." in unfolded

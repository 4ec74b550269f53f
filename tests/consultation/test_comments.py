"""Writing comments: without an account (e-mail confirmation, then the address is
deleted), as an organisation's representative, replies; the period (Berlin time),
unpublished drafts, invited organisations only, forged and expired links, plain text
and length, rate and mail limits; reports of abuse. Nothing is saved when refused."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.consultation import comments
from teilhabe.consultation.models import COMMENT_MAX_LENGTH, Comment, CommentReport, Consultation
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.simultaneous import run_at_once

from .factories import CommentFactory, ConsultationFactory
from .test_drafts import draft_with_sections, open_consultation


def url(name, municipality="dresden", **kwargs):
    with translation.override("de"):
        return reverse(f"consultation:{name}", kwargs={"municipality": municipality, **kwargs})


def comment_url(key="abschnitt-0", version=1, **kwargs):
    return url("comment", consultation="analyse", version=version, key=key, **kwargs)


@pytest.fixture
def consultation(municipality):
    return open_consultation(municipality)


@pytest.fixture
def draft(consultation):
    return draft_with_sections(consultation)


@pytest.fixture
def section(draft):
    return draft.sections.get(key="abschnitt-0")


def representative(municipality, *organisations):
    return factories.RoleFactory(
        municipality=municipality,
        kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        organisations=list(organisations),
    ).user


def confirm_url_from_outbox():
    mail = OutgoingMail.objects.get(purpose="consultation_comment_confirm")
    return mail, next(line for line in mail.body_text.splitlines() if "/bestaetigen/" in line)


# --- Without an account ---------------------------------------------------------------------


def test_anonymous_comment_waits_for_confirmation_then_for_the_moderator(client, section):
    assert 'name="email"' in client.get(comment_url()).content.decode()
    response = client.post(
        "/en" + comment_url(),
        {"text": "More evening classes.", "name": "Amira", "email": "Amira@Example.org"},
    )
    assert response.status_code == 200
    assert 'id="comment-sent"' in response.content.decode()
    comment = Comment.objects.get()
    assert (comment.status, comment.email, comment.language) == (
        Comment.Status.UNCONFIRMED,
        "amira@example.org",
        "en",
    )
    mail, link = confirm_url_from_outbox()
    assert mail.to == "amira@example.org" and mail.language == "en"
    assert "please confirm your comment" in mail.body_text
    path = link.split("http://testserver", 1)[-1].split("://", 1)[-1]
    path = "/" + path.split("/", 1)[1] if not path.startswith("/") else path
    # Following the link (a mail scanner does) confirms nothing.
    page = client.get(path)
    assert page.status_code == 200 and "More evening classes." in page.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED
    assert client.post(path).status_code == 200
    comment.refresh_from_db()
    assert (comment.status, comment.email) == (Comment.Status.PENDING, "")
    # Not public before a moderator approved it.
    draft_page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
    assert "More evening classes." not in draft_page


def test_confirming_twice_changes_nothing(client, section):
    comment = comments.submit_comment(section, text="Text", email="a@example.org", language="de")
    token = comments.comment_token(comment)
    client.post(url("comment_confirm", token=token))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    comments.approve_comment(comment, user=None)
    comment.refresh_from_db()
    published_at = comment.published_at
    response = client.post(url("comment_confirm", token=token))
    assert response.status_code == 200
    comment.refresh_from_db()
    assert (comment.status, comment.published_at) == (Comment.Status.PUBLISHED, published_at)


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_moment(municipality):
    consultation = open_consultation(municipality, moderation=Consultation.Moderation.POST)
    section = draft_with_sections(consultation).sections.get(key="abschnitt-0")
    comment = comments.submit_comment(section, text="Text", email="a@example.org", language="de")
    results = run_at_once([lambda: comments.confirm_comment(comment)] * 2)
    assert {r.status for r in results} == {Comment.Status.PUBLISHED}
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.email == ""
    assert len({r.published_at for r in results}) == 1


def test_post_moderation_publishes_at_once(client, consultation, section):
    consultation.moderation = Consultation.Moderation.POST
    consultation.save()
    client.post(comment_url(), {"text": "Sofort sichtbar.", "email": "b@example.org"})
    _mail, link = confirm_url_from_outbox()
    client.post(link[link.index("/dresden/") :])
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED and comment.published_at
    page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
    assert "Sofort sichtbar." in page


@pytest.mark.parametrize(
    "token",
    [
        "kaputt",
        signing.dumps("00000000-0000-0000-0000-000000000000", salt=comments.LINK_SALT),
        signing.dumps("x", salt="teilhabe.events.registration"),
    ],
    ids=["garbage", "unknown comment", "other salt"],
)
def test_forged_links_are_refused(client, section, token):
    comment = comments.submit_comment(section, text="Text", email="a@example.org")
    if token.startswith("x"):
        token = signing.dumps(str(comment.public_id), salt="teilhabe.events.registration")
    response = client.post(url("comment_confirm", token=token))
    assert response.status_code == 404
    assert 'id="link-invalid"' in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED


def test_expired_link_is_refused(client, section, monkeypatch):
    comment = comments.submit_comment(section, text="Text", email="a@example.org")
    token = comments.comment_token(comment)
    import time

    later = time.time() + (comments.CONFIRM_DAYS + 1) * 86400
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    assert client.post(url("comment_confirm", token=token)).status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED


def test_link_of_another_municipality_is_refused(client, section):
    factories.MunicipalityFactory(slug="leipzig")
    comment = comments.submit_comment(section, text="Text", email="a@example.org")
    token = comments.comment_token(comment)
    assert client.post(url("comment_confirm", "leipzig", token=token)).status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED


def test_tags_are_stripped_and_the_text_is_escaped(client, consultation, section):
    consultation.moderation = Consultation.Moderation.POST
    consultation.save()
    user = representative(consultation.municipality)
    client.force_login(user)
    client.post(comment_url(), {"text": '<b>Mehr</b> Kurse<script>alert("x")</script> & Co'})
    comment = Comment.objects.get()
    assert comment.text == 'Mehr Kursealert("x") & Co'
    page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
    assert "Mehr Kursealert(&quot;x&quot;) &amp; Co" in page


def test_too_long_or_empty_comment_is_refused(client, section):
    too_long = client.post(
        comment_url(), {"text": "x" * (COMMENT_MAX_LENGTH + 1), "email": "a@example.org"}
    )
    assert too_long.status_code == 400
    assert 'id="form-errors"' in too_long.content.decode()
    only_tags = client.post(comment_url(), {"text": "<p> </p>", "email": "a@example.org"})
    assert only_tags.status_code == 400
    no_email = client.post(comment_url(), {"text": "Gut."})
    assert no_email.status_code == 400
    assert not Comment.objects.exists() and not OutgoingMail.objects.exists()


# --- When comments are taken --------------------------------------------------------------


def at_utc(monkeypatch, *args):
    moment = datetime(*args, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ((2021, 5, 31, 21, 59), False),  # 23:59 in Berlin, the day before
        ((2021, 5, 31, 22, 0), True),  # midnight in Berlin: the first day
        ((2021, 7, 31, 21, 59), True),  # 23:59 in Berlin on the last day
        ((2021, 7, 31, 22, 0), False),  # already 1 August in Berlin
    ],
)
def test_period_boundaries_in_berlin_time(client, municipality, monkeypatch, moment, open_):
    consultation = ConsultationFactory(
        cycle__municipality=municipality,
        slug="analyse",
        starts_on=date(2021, 6, 1),
        ends_on=date(2021, 7, 31),
    )
    draft_with_sections(consultation)
    at_utc(monkeypatch, *moment)
    response = client.post(comment_url(), {"text": "Zur Frist.", "email": "a@example.org"})
    assert response.status_code == (200 if open_ else 403)
    assert Comment.objects.exists() == open_
    if not open_:
        assert 'id="comment-refusal"' in response.content.decode()
        page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
        assert "comment-button" not in page


def test_confirming_after_the_period_confirms_nothing(client, consultation, section, monkeypatch):
    comment = comments.submit_comment(section, text="Spät.", email="a@example.org")
    after = timezone.localtime() + timedelta(days=10)
    monkeypatch.setattr(timezone, "now", lambda: after)
    response = client.post(url("comment_confirm", token=comments.comment_token(comment)))
    assert response.status_code == 409
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED


def test_unpublished_draft_takes_no_comments(client, consultation, municipality):
    draft_with_sections(consultation, is_published=False)
    assert client.get(comment_url()).status_code == 404
    assert client.post(comment_url(), {"text": "x", "email": "a@example.org"}).status_code == 404
    # The office sees the draft, but commenting is refused.
    client.force_login(
        factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    )
    response = client.post(comment_url(), {"text": "x"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_another_municipalitys_address_finds_nothing(client, section):
    factories.MunicipalityFactory(slug="leipzig")
    response = client.post(
        url("comment", "leipzig", consultation="analyse", version=1, key="abschnitt-0"),
        {"text": "x", "email": "a@example.org"},
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


# --- Representatives and invited organisations ----------------------------------------------


def test_representative_comments_for_their_organisation_without_mail(
    client, consultation, section, municipality
):
    organisation = factories.OrganisationFactory(municipality=municipality, name="Kulturverein")
    other = factories.OrganisationFactory(municipality=municipality, name="Fremder Verein")
    client.force_login(representative(municipality, organisation))
    form = client.get(comment_url()).content.decode()
    assert 'name="email"' not in form and "Kulturverein" in form and "Fremder Verein" not in form
    refused = client.post(comment_url(), {"text": "Wir", "organisation": other.pk})
    assert refused.status_code == 400 and not Comment.objects.exists()
    client.post(comment_url(), {"text": "Wir fordern mehr.", "organisation": organisation.pk})
    comment = Comment.objects.get()
    assert comment.organisation == organisation and comment.email == ""
    assert comment.status == Comment.Status.PENDING
    assert not OutgoingMail.objects.exists()


def test_invited_only_refuses_everyone_else(client, consultation, section, municipality):
    invited = factories.OrganisationFactory(municipality=municipality, name="Eingeladen")
    not_invited = factories.OrganisationFactory(municipality=municipality)
    consultation.access = Consultation.Access.INVITED
    consultation.save()
    consultation.invited_organisations.add(invited)
    anonymous = client.get(comment_url())
    assert anonymous.status_code == 403
    page = anonymous.content.decode()
    with translation.override("de"):
        reason = comments.refusal(section.draft, SimpleNamespace(is_authenticated=False))
    assert 'id="comment-refusal"' in page and str(reason) in page
    assert reverse("accounts:login") in page
    assert client.post(comment_url(), {"text": "x", "email": "a@example.org"}).status_code == 403
    client.force_login(representative(municipality, not_invited))
    assert client.post(comment_url(), {"text": "x"}).status_code == 403
    assert not Comment.objects.exists()
    client.force_login(representative(municipality, invited))
    response = client.post(comment_url(), {"text": "Eingeladen.", "organisation": invited.pk})
    assert response.status_code == 200
    assert Comment.objects.get().organisation == invited


# --- Replies -----------------------------------------------------------------------------------


def test_reply_to_a_comment(client, consultation, section):
    parent = CommentFactory(section=section, text="Erster.")
    form = client.get(comment_url() + f"?antwort={parent.public_id}").content.decode()
    assert "Erster." in form
    client.post(
        comment_url(),
        {"text": "Antwort.", "email": "a@example.org", "antwort": str(parent.public_id)},
    )
    assert Comment.objects.get(text="Antwort.").parent == parent
    hidden = CommentFactory(section=section, status=Comment.Status.HIDDEN)
    assert client.get(comment_url() + f"?antwort={hidden.public_id}").status_code == 404
    assert client.get(comment_url() + "?antwort=kaputt").status_code == 404
    other_section = section.draft.sections.get(key="abschnitt-1")
    elsewhere = CommentFactory(section=other_section)
    assert client.get(comment_url() + f"?antwort={elsewhere.public_id}").status_code == 404


# --- Limits ----------------------------------------------------------------------------------


def test_rate_limit(client, section, settings, rate_limit_clock):
    settings.TEILHABE_RATE_LIMIT_PER_MINUTE = 2
    for n in range(2):
        client.post(comment_url(), {"text": f"Nr. {n}", "email": f"{n}@example.org"})
    response = client.post(comment_url(), {"text": "Zu viel", "email": "z@example.org"})
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_confirmation_mails_per_address_are_limited(client, section, settings, rate_limit_clock):
    settings.TEILHABE_COMMENT_MAILS_PER_HOUR = 2
    for n in range(3):
        client.post(comment_url(), {"text": f"Nr. {n}", "email": "same@example.org"})
    assert OutgoingMail.objects.filter(to="same@example.org").count() == 2


# --- Reports ---------------------------------------------------------------------------------


def test_report_a_comment(client, section):
    comment = CommentFactory(section=section)
    address = url("comment_report", comment=comment.public_id)
    assert client.post(address, {"reason": ""}).status_code == 400
    response = client.post(address, {"reason": "Beleidigend <b>!</b>"})
    assert 'id="comment-reported"' in response.content.decode()
    report = CommentReport.objects.get()
    assert (report.comment, report.reason) == (comment, "Beleidigend !")
    pending = CommentFactory(section=section, status=Comment.Status.PENDING)
    address = url("comment_report", comment=pending.public_id)
    assert client.post(address, {"reason": "x"}).status_code == 404
    factories.MunicipalityFactory(slug="leipzig")
    foreign = url("comment_report", "leipzig", comment=comment.public_id)
    assert client.post(foreign, {"reason": "x"}).status_code == 404
    assert CommentReport.objects.count() == 1


def test_unconfirmed_comments_are_deleted_when_their_link_expired(section):
    from teilhabe.worker.schedule import SCHEDULE

    fresh = comments.submit_comment(section, text="Neu.", email="a@example.org")
    old = comments.submit_comment(section, text="Alt.", email="b@example.org")
    confirmed = CommentFactory(section=section)
    Comment.objects.filter(pk__in=[old.pk, confirmed.pk]).update(
        created_at=timezone.now() - timedelta(days=comments.CONFIRM_DAYS + 1)
    )
    assert comments.delete_unconfirmed() == 1
    assert set(Comment.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert ("teilhabe.consultation.tasks.delete_unconfirmed_comments", "%Y-%m-%dT%H") in SCHEDULE

"""Moderation: what waits (pre-moderated comments, reports), approving, hiding with a
reason after a confirmation step (final for the public), the workspace's count; a
moderator of another municipality and people without the role change nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.consultation import comments
from teilhabe.consultation.models import Comment, CommentReport, Consultation
from teilhabe.mail.models import OutgoingMail
from tests import factories
from tests.conftest import make_user_with_role
from tests.simultaneous import run_at_once

from .factories import CommentFactory, CommentReportFactory
from .test_drafts import draft_with_sections, open_consultation


def url(name, municipality="dresden", **kwargs):
    with translation.override("de"):
        return reverse(f"consultation:{name}", kwargs={"municipality": municipality, **kwargs})


@pytest.fixture
def section(municipality):
    return draft_with_sections(open_consultation(municipality)).sections.get(key="abschnitt-0")


def moderator(municipality):
    return factories.RoleFactory(municipality=municipality, kind=Role.Kind.MODERATOR).user


@pytest.fixture
def moderator_client(client, municipality):
    client.force_login(moderator(municipality))
    return client


def test_moderation_lists_waiting_reported_and_recent(moderator_client, section):
    CommentFactory(section=section, text="Wartet.", status=Comment.Status.PENDING)
    reported = CommentFactory(section=section, text="Gemeldet.")
    CommentReportFactory(comment=reported, reason="Beleidigt jemanden.")
    CommentFactory(section=section, text="Nicht bestätigt.", status=Comment.Status.UNCONFIRMED)
    page = moderator_client.get(url("moderation")).content.decode()
    pending = page.split('id="pending"')[1].split("</table>")[0]
    assert "Wartet." in pending and "Gemeldet." not in pending
    reports = page.split('id="reported"')[1].split("</table>")[0]
    assert "Gemeldet." in reports and "Beleidigt jemanden." in reports
    assert "Nicht bestätigt." not in page


def test_approve_publishes(moderator_client, section):
    comment = CommentFactory(section=section, text="Wartet.", status=Comment.Status.PENDING)
    address = url("comment_moderate", pk=comment.pk)
    assert "Wartet." in moderator_client.get(address).content.decode()
    response = moderator_client.post(address, {"action": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.published_at


def test_hiding_needs_a_reason_and_a_confirmation(moderator_client, section, client):
    comment = CommentFactory(section=section, text="Beleidigung.")
    CommentReportFactory(comment=comment)
    address = url("comment_moderate", pk=comment.pk)
    no_reason = moderator_client.post(address, {"action": "hide", "reason": " "})
    assert no_reason.status_code == 400 and 'id="form-errors"' in no_reason.content.decode()
    asked = moderator_client.post(address, {"action": "hide", "reason": "Beleidigt."})
    assert asked.status_code == 200 and 'id="what-happens"' in asked.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    done = moderator_client.post(
        address, {"action": "hide", "reason": "Beleidigt.", "confirm": "yes"}
    )
    assert done.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason) == (Comment.Status.HIDDEN, "Beleidigt.")
    assert comment.hidden_by is not None and comment.hidden_at
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    moderator_client.logout()
    page = moderator_client.get(url("draft", consultation="analyse", version=1)).content.decode()
    assert "Beleidigung." not in page
    # Final: approving a hidden comment is refused.
    with pytest.raises(comments.CommentError):
        comments.approve_comment(comment, user=None)


@pytest.mark.django_db(transaction=True)
def test_approve_and_hide_at_the_same_moment_end_hidden_or_published_consistently(municipality):
    section = draft_with_sections(open_consultation(municipality)).sections.get(key="abschnitt-0")
    comment = CommentFactory(section=section, status=Comment.Status.PENDING)
    user = moderator(municipality)

    def approve():
        try:
            return comments.approve_comment(comment, user=user).status
        except comments.CommentError:
            return "refused"

    results = run_at_once(
        [approve, lambda: comments.hide_comment(comment, user=user, reason="Nein.").status]
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert results[1] == Comment.Status.HIDDEN
    assert results[0] in (Comment.Status.PUBLISHED, "refused")


def test_who_may_moderate(client, section, municipality):
    comment = CommentFactory(section=section, status=Comment.Status.PENDING)
    address = url("comment_moderate", pk=comment.pk)
    assert client.get(url("moderation")).status_code == 302  # to the login
    leipzig = factories.MunicipalityFactory(slug="leipzig")
    representative = factories.RoleFactory(
        municipality=municipality, kind=Role.Kind.ORGANISATION_REPRESENTATIVE
    ).user
    for user in (moderator(leipzig), representative):
        client.force_login(user)
        assert client.get(url("moderation")).status_code == 403
        assert client.post(address, {"action": "approve"}).status_code == 403
    # Leipzig's moderator on Leipzig's pages does not find Dresden's comment.
    client.force_login(moderator(leipzig))
    assert client.get(url("moderation", "leipzig")).status_code == 200
    leipzig_address = url("comment_moderate", "leipzig", pk=comment.pk)
    assert client.post(leipzig_address, {"action": "approve"}).status_code == 404
    response = client.post(leipzig_address, {"action": "hide", "reason": "x", "confirm": "yes"})
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_office_admin_moderates_and_links(client, section, municipality):
    client.force_login(
        factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    )
    assert client.get(url("moderation")).status_code == 200
    page = client.get(url("detail", consultation="analyse")).content.decode()
    assert 'id="moderation-link"' in page


def test_workspace_shows_what_waits(client, section, municipality):
    CommentFactory(section=section, status=Comment.Status.PENDING)
    CommentReportFactory(comment=CommentFactory(section=section))
    CommentFactory(section=section, status=Comment.Status.UNCONFIRMED)
    client.force_login(moderator(municipality))
    with translation.override("de"):
        page = client.get(reverse("workspace:home")).content.decode()
    assert url("moderation") in page
    assert "2 " in page.split('id="workspace-moderation"')[1].split("</li>")[0]


# --- Moderators are told -----------------------------------------------------------------


def moderator_mails():
    return list(
        OutgoingMail.objects.filter(purpose="consultation_moderation_waiting").order_by("pk")
    )


def test_moderators_are_told_once_an_hour_that_comments_wait(section, settings):
    """In German (the office's language) whatever language the comment is in, with the
    moderation page's address; a second comment in the same hour mails nobody again."""
    settings.TEILHABE_BASE_URL = "http://127.0.0.1:8123"
    municipality = section.draft.municipality
    moderator = make_user_with_role(municipality, Role.Kind.MODERATOR)
    make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN)  # not told: a moderator is
    writer = make_user_with_role(municipality, Role.Kind.ORGANISATION_REPRESENTATIVE)
    with translation.override("ar"):
        comments.submit_comment(section, text="تعليق", user=writer, language="ar")
    (mail,) = moderator_mails()
    assert mail.to == moderator.email
    assert mail.language == "de"
    assert mail.subject == "Kommentare warten auf die Moderation"
    assert "1 Kommentar wartet auf die Moderation" in mail.body_text
    assert "http://127.0.0.1:8123/dresden/beteiligung/moderation/" in mail.body_text
    comments.submit_comment(section, text="Noch einer", user=writer)
    assert len(moderator_mails()) == 1
    # The next hour: told again, with the number now waiting.
    later = timezone.now() + timedelta(hours=1)
    assert comments.notify_moderators(municipality, now=later) == 1
    assert "2 Kommentare warten" in moderator_mails()[-1].body_text


def test_without_moderators_the_office_is_told(section):
    municipality = section.draft.municipality
    office = make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN)
    inactive = make_user_with_role(municipality, Role.Kind.MODERATOR)
    inactive.is_active = False
    inactive.save()
    make_user_with_role(
        factories.MunicipalityFactory(slug="leipzig", name="Leipzig"), Role.Kind.MODERATOR
    )
    writer = make_user_with_role(municipality, Role.Kind.ORGANISATION_REPRESENTATIVE)
    comments.submit_comment(section, text="Text", user=writer)
    assert [m.to for m in moderator_mails()] == [office.email]


def test_a_comment_published_at_once_tells_nobody_a_confirmed_or_reported_one_does(section):
    municipality = section.draft.municipality
    make_user_with_role(municipality, Role.Kind.MODERATOR)
    consultation = section.draft.consultation
    consultation.moderation = Consultation.Moderation.POST
    consultation.save()
    writer = make_user_with_role(municipality, Role.Kind.ORGANISATION_REPRESENTATIVE)
    published = comments.submit_comment(section, text="Sofort sichtbar", user=writer)
    assert moderator_mails() == []
    comments.report_comment(published, reason="Beleidigend")
    assert len(moderator_mails()) == 1

    OutgoingMail.objects.all().delete()
    consultation.moderation = Consultation.Moderation.PRE
    consultation.save()
    waiting = comments.submit_comment(section, text="Ohne Konto", email="a@example.org")
    assert moderator_mails() == []  # not confirmed yet: nothing to moderate
    comments.confirm_comment(waiting)
    assert len(moderator_mails()) == 1


@pytest.mark.django_db(transaction=True)
def test_comments_waiting_at_the_same_moment_tell_each_moderator_once(municipality):
    from django.db import connection

    section = draft_with_sections(open_consultation(municipality)).sections.get(key="abschnitt-0")
    make_user_with_role(municipality, Role.Kind.MODERATOR)
    writers = [
        make_user_with_role(municipality, Role.Kind.ORGANISATION_REPRESENTATIVE) for _ in range(4)
    ]

    def write(writer):
        def run():
            try:
                return comments.submit_comment(section, text="Gleichzeitig", user=writer)
            finally:
                connection.close()

        return run

    run_at_once([write(w) for w in writers])
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 4
    assert len(moderator_mails()) == 1

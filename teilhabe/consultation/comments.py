"""Comments on the sections of a draft: writing (with e-mail confirmation for people
without an account), confirming, moderating (approve, hide with a reason) and reporting.

Who may comment is said once, in ``refusal``: a published draft of a published
consultation, on the days of its period (Berlin time), and for a consultation of
invited organisations only their representatives. Every workflow asks it again, so a
page left open past the period's end saves nothing.

A comment is stored as plain text: tags are stripped, and pages escape it. Without an
account a comment waits for its writer to confirm the link mailed to them (a signed
token, valid ``CONFIRM_DAYS``); the address is deleted when they confirm, its purpose
over. Then, or at once for a logged-in writer, it waits for a moderator (moderation
PRE) or is published (POST; moderators may hide it later). Every change of status is
made on the comment's locked row and only from the status it starts from, so a second
click (confirming twice, two moderators at once) changes nothing."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.rules import represents_organisation
from teilhabe.mail.services import queue_mail

from .models import COMMENT_MAX_LENGTH, Comment, CommentReport, Consultation
from .services import ConsultationError

LINK_SALT = "teilhabe.consultation.comment"
CONFIRM_DAYS = 7
REPORT_MAX_LENGTH = 1000


class CommentError(ConsultationError):
    """A comment the rules refuse; ``code`` for the program."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


# --- Links --------------------------------------------------------------------------------


def comment_token(comment):
    return signing.dumps(str(comment.public_id), salt=LINK_SALT)


def comment_from_token(token):
    """The comment a confirmation link points to, or None for a forged or expired link
    or a comment that no longer exists."""
    try:
        public_id = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=CONFIRM_DAYS))
    except signing.BadSignature:
        return None
    return (
        Comment.objects.select_related("section__draft__consultation__municipality", "municipality")
        .filter(public_id=public_id)
        .first()
    )


# --- Who may comment ------------------------------------------------------------------------


def representable_organisations(user, consultation):
    """The organisations ``user`` may sign for in ``consultation``: those they represent
    (of its municipality), for an invited-only consultation only the invited ones."""
    if not user.is_authenticated:
        return []
    from teilhabe.accounts.models import Role
    from teilhabe.accounts.rules import _roles

    organisations = {
        organisation.pk: organisation
        for role in _roles(user)
        if role.kind == Role.Kind.ORGANISATION_REPRESENTATIVE
        and role.municipality_id == consultation.municipality_id
        for organisation in role.organisations.all()
    }
    if consultation.access == Consultation.Access.INVITED:
        invited = set(consultation.invited_organisations.values_list("pk", flat=True))
        organisations = {pk: o for pk, o in organisations.items() if pk in invited}
    return sorted(organisations.values(), key=lambda o: o.name)


def refusal(draft, user, *, today=None):
    """Why ``user`` may not comment on ``draft`` now (a message), or None."""
    consultation = draft.consultation
    if not (draft.is_published and consultation.is_published):
        return _("This draft is not published; it cannot be commented on.")
    today = today or timezone.localdate()
    if today < consultation.starts_on:
        return _("Comments can be written from %(date)s.") % {
            "date": _format(consultation.starts_on)
        }
    if today > consultation.ends_on:
        return _("The consultation period ended on %(date)s; no more comments are taken.") % {
            "date": _format(consultation.ends_on)
        }
    if consultation.access == Consultation.Access.INVITED and not representable_organisations(
        user, consultation
    ):
        return _(
            "Only the invited organisations can comment on this consultation. "
            "If you represent one, please log in."
        )
    return None


def _format(day):
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def clean_text(text):
    """Plain text: tags stripped, line ends normalised, blank lines at the ends removed."""
    text = strip_tags(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return text


# --- Writing and confirming ---------------------------------------------------------------


def submit_comment(
    section,
    *,
    text,
    user=None,
    organisation=None,
    name="",
    email="",
    parent=None,
    language=None,
    may_mail=None,
):
    """Write a comment on ``section`` (a reply when ``parent`` is given). Without an
    account (``user`` None or anonymous) it waits for e-mail confirmation, and the mail
    with the link goes out if ``may_mail()`` (the caller's per-address limit) allows.
    Returns the comment; refuses with ``CommentError`` (nothing saved)."""
    draft = section.draft
    consultation = draft.consultation
    logged_in = user is not None and user.is_authenticated
    reason = refusal(draft, user if logged_in else _Anonymous())
    if reason:
        raise CommentError(reason, "refused")
    text = clean_text(text)
    if not text:
        raise CommentError(_("Please write a comment."), "empty")
    if len(text) > COMMENT_MAX_LENGTH:
        raise CommentError(
            _("A comment can have at most %(limit)s characters.") % {"limit": COMMENT_MAX_LENGTH},
            "too_long",
        )
    if parent is not None:
        if parent.section_id != section.pk or parent.status != Comment.Status.PUBLISHED:
            raise CommentError(_("This comment cannot be answered."), "parent")
        # Replies stay one level deep: a reply to a reply answers the same thread.
        if parent.parent_id is not None:
            parent = parent.parent
    if organisation is not None and not (
        logged_in
        and represents_organisation(user, organisation)
        and organisation in representable_organisations(user, consultation)
    ):
        raise CommentError(_("You cannot sign for this organisation."), "organisation")
    if not logged_in and not (email or "").strip():
        raise CommentError(_("Please give your e-mail address."), "email")
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    comment = Comment(
        municipality_id=draft.municipality_id,
        section=section,
        parent=parent,
        text=text,
        name=strip_tags(name or "").strip()[:100],
        language=language,
        organisation=organisation,
    )
    with transaction.atomic():
        if logged_in:
            comment.author = user
            _release(comment, consultation)
            comment.save(force_insert=True)
            _tell_moderators(comment, consultation)
        else:
            comment.email = email.strip().lower()
            comment.status = Comment.Status.UNCONFIRMED
            comment.save(force_insert=True)
            if may_mail is None or may_mail():
                send_confirmation(comment)
    return comment


class _Anonymous:
    is_authenticated = False


def _release(comment, consultation):
    """The status after the writer is known: waiting for a moderator, or published."""
    if consultation.moderation == Consultation.Moderation.POST:
        comment.status = Comment.Status.PUBLISHED
        comment.published_at = timezone.now()
    else:
        comment.status = Comment.Status.PENDING


def _tell_moderators(comment, consultation):
    """A comment saved as waiting: its moderators are told in the same transaction."""
    if comment.status == Comment.Status.PENDING:
        notify_moderators(consultation.municipality)


def moderators(municipality):
    """Who is told that comments wait: the municipality's active moderators or, if it
    has none, its office."""
    from teilhabe.accounts.models import Role, User

    for kind in (Role.Kind.MODERATOR, Role.Kind.OFFICE_ADMIN):
        users = User.objects.filter(
            is_active=True, roles__municipality=municipality, roles__kind=kind
        ).order_by("pk")
        if users.exists():
            return list(users)
    return []


def notify_moderators(municipality, now=None):
    """A mail to each moderator that comments wait (to review, or reported), with the
    address of the moderation page: at most one per person and hour however many
    comments come (the outbox's ``dedupe_key``). In German, the office's language.
    Returns the number of mails queued."""
    hour = timezone.localtime(now or timezone.now()).strftime("%Y-%m-%dT%H")
    with translation.override(settings.LANGUAGE_CODE):  # the mail's language
        path = reverse("consultation:moderation", kwargs={"municipality": municipality.slug})
    queued = 0
    for user in moderators(municipality):
        try:
            with transaction.atomic():
                queue_mail(
                    to=user.email,
                    subject=_("Comments wait for moderation"),
                    template="consultation/mail/moderation_waiting",
                    purpose="consultation_moderation_waiting",
                    municipality=municipality,
                    language=settings.LANGUAGE_CODE,
                    context={
                        "count": waiting_count(municipality),
                        "moderation_url": settings.TEILHABE_BASE_URL + path,
                    },
                    dedupe_key=f"moderation-waiting:{municipality.pk}:{user.pk}:{hour}",
                )
        except IntegrityError:  # told this hour already
            continue
        queued += 1
    return queued


def send_confirmation(comment):
    """The mail with the confirmation link, in the writer's language."""
    municipality = comment.section.draft.municipality
    with translation.override(comment.language):
        path = reverse(
            "consultation:comment_confirm",
            kwargs={"municipality": municipality.slug, "token": comment_token(comment)},
        )
    queue_mail(
        to=comment.email,
        subject=_("Please confirm your comment"),
        template="consultation/mail/comment_confirm",
        purpose="consultation_comment_confirm",
        municipality=municipality,
        language=comment.language,
        context={
            "comment": comment,
            "consultation": comment.section.draft.consultation,
            "section": comment.section,
            "confirm_url": settings.TEILHABE_BASE_URL + path,
            "days": CONFIRM_DAYS,
        },
    )


def confirm_comment(comment):
    """The writer confirmed their address: the address is deleted, and the comment
    waits for moderation or is published. A second confirmation changes nothing;
    after the period's end nothing is confirmed. Returns the comment as it is now."""
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("section__draft__consultation")
            .get(pk=comment.pk)
        )
        if comment.status != Comment.Status.UNCONFIRMED:
            return comment
        draft = comment.section.draft
        reason = refusal(draft, _Anonymous())
        if reason:
            raise CommentError(reason, "refused")
        _release(comment, draft.consultation)
        comment.email = ""
        comment.save(update_fields=["status", "published_at", "email"])
        _tell_moderators(comment, draft.consultation)
    return comment


# --- Moderation and reports ---------------------------------------------------------------


def _locked(comment):
    return Comment.objects.select_for_update().get(pk=comment.pk)


def approve_comment(comment, *, user):
    """A moderator publishes a waiting comment (or keeps a reported one): its open
    reports are resolved. A hidden comment stays hidden (hiding is final)."""
    with transaction.atomic():
        comment = _locked(comment)
        if comment.status == Comment.Status.HIDDEN:
            raise CommentError(_("This comment was hidden; that is final."), "hidden")
        if comment.status == Comment.Status.UNCONFIRMED:
            raise CommentError(_("This comment is not confirmed yet."), "unconfirmed")
        if comment.status == Comment.Status.PENDING:
            comment.status = Comment.Status.PUBLISHED
            comment.published_at = timezone.now()
            comment.save(update_fields=["status", "published_at"])
        _resolve_reports(comment)
    return comment


def hide_comment(comment, *, user, reason):
    """A moderator hides a comment for good, with a reason; its reports are resolved.
    Hiding a hidden comment again changes nothing."""
    reason = clean_text(reason)
    if not reason:
        raise CommentError(_("Please give the reason for hiding."), "reason")
    with transaction.atomic():
        comment = _locked(comment)
        if comment.status == Comment.Status.HIDDEN:
            return comment
        comment.status = Comment.Status.HIDDEN
        comment.hidden_reason = reason
        comment.hidden_by = user
        comment.hidden_at = timezone.now()
        comment.email = ""
        comment.save(update_fields=["status", "hidden_reason", "hidden_by", "hidden_at", "email"])
        _resolve_reports(comment)
    return comment


def _resolve_reports(comment):
    CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


def report_comment(comment, *, reason):
    """Someone reports a published comment as abusive."""
    reason = clean_text(reason)
    if not reason:
        raise CommentError(_("Please say what is wrong with this comment."), "reason")
    if len(reason) > REPORT_MAX_LENGTH:
        raise CommentError(
            _("At most %(limit)s characters, please.") % {"limit": REPORT_MAX_LENGTH}, "too_long"
        )
    if comment.status != Comment.Status.PUBLISHED:
        raise CommentError(_("This comment cannot be reported."), "status")
    with transaction.atomic():
        report = CommentReport.objects.create(
            municipality_id=comment.municipality_id, comment=comment, reason=reason
        )
        notify_moderators(comment.section.draft.consultation.municipality)
    return report


def waiting_count(municipality):
    """What waits for a moderator: comments to review and comments reported."""
    pending = Comment.objects.for_municipality(municipality).filter(status=Comment.Status.PENDING)
    reported = (
        CommentReport.objects.for_municipality(municipality)
        .filter(resolved_at__isnull=True, comment__status=Comment.Status.PUBLISHED)
        .values("comment")
        .distinct()
    )
    return pending.count() + reported.count()


def delete_unconfirmed(now=None):
    """Comments whose writer never confirmed them within ``CONFIRM_DAYS`` (the link has
    expired) are deleted with their e-mail address: its purpose is over. Returns the
    number deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=CONFIRM_DAYS, hours=1)
    deleted, _by_model = Comment.objects.filter(
        status=Comment.Status.UNCONFIRMED, created_at__lt=cutoff
    ).delete()
    return deleted

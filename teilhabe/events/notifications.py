"""Every mail of the registration flow and the office's messages to participants, in
the registrant's language, with the personal link and, where the event is theirs, the
calendar file (a cancellation of that file when the registration or the event is
cancelled).

The mails of registering and confirming (opt-in, seat, waiting list) are written by the
worker, not in the request: the request only enqueues ``write_mail`` in its
transaction (``later``), so a registration rush spends no time rendering mails and
calendar files, least of all while the event is locked. A rollback removes the task
with the registration: nothing is sent. Each of these mails is written once: its row
carries the dedupe key "registration:<id>:<kind>", unique in the outbox, so a task
re-run after its worker died, or run by two workers, finds the mail written and does
nothing (delivery then follows the outbox's own guarantees, teilhabe.mail.tasks).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from teilhabe.languages.content import use_municipality
from teilhabe.mail.models import OutgoingMail
from teilhabe.mail.services import queue_mail
from teilhabe.worker.services import enqueue

from .calendar import registration_ics
from .models import Registration


def _link(registration, token, name="events:personal"):
    with translation.override(registration.language):
        path = reverse(
            name, kwargs={"municipality": registration.event.municipality.slug, "token": token}
        )
    return settings.TEILHABE_BASE_URL + path


def _send(
    registration,
    template,
    subject,
    token=None,
    *,
    ics=False,
    with_access=False,
    language=None,
    dedupe_key=None,
    **extra,
):
    event = registration.event
    language = language or registration.language
    attachments = []
    if ics:
        with translation.override(language), use_municipality(event.municipality):
            content = registration_ics(
                registration, settings.TEILHABE_BASE_URL, with_access=with_access
            )
        attachments.append(
            {
                "filename": f"{event.slug}.ics",
                "content": content.decode(),
                "mimetype": "text/calendar",
            }
        )
    context = {
        "registration": registration,
        "event": event,
        "personal_url": _link(registration, token) if token else "",
        "confirm_url": _link(registration, token, "events:confirm") if token else "",
        "with_access": with_access,
        **extra,
    }
    queue_mail(
        to=registration.email,
        subject=subject,
        template=f"events/mail/{template}",
        purpose=f"event_{template}",
        municipality=event.municipality,
        language=language,
        context=context,
        attachments=attachments,
        dedupe_key=dedupe_key,
    )


def opt_in(registration, token, **options):
    _send(registration, "opt_in", _("Please confirm your registration"), token, **options)


def confirmed(registration, token, **options):
    _send(
        registration,
        "confirmed",
        _("Your registration is confirmed"),
        token,
        ics=True,
        with_access=True,
        **options,
    )


def waiting(registration, token, position, **options):
    _send(
        registration,
        "waiting",
        _("You are on the waiting list"),
        token,
        position=position,
        **options,
    )


# --- Written by the worker -------------------------------------------------------------


def later(registration, kind):
    """Have the worker write and queue ``kind``'s mail ("opt_in", "confirmed",
    "waiting") to ``registration`` once the caller's transaction has committed. Call it
    inside that transaction (one row, the task)."""
    if kind not in WRITTEN_LATER:
        raise ValueError(f"No mail {kind!r} is written later.")
    enqueue(write_mail, registration.pk, kind)


@task(queue_name="mail")
def write_mail(registration_id, kind):
    """Write ``kind``'s mail to the registration and queue its delivery, in one
    transaction, unless it is written already (dedupe key) or the registration's
    personal data is gone. Returns what happened."""
    from .services import personal_token, waiting_position

    key = f"registration:{registration_id}:{kind}"
    with transaction.atomic():
        # The registration's row lock (not the event's: the rush goes on meanwhile)
        # keeps it in the state read here until the mail is queued.
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event__municipality", "event__venue")
            .filter(pk=registration_id, is_anonymised=False)
            .first()
        )
        if registration is None:
            return "registration gone"
        if registration.status != STATE_TOLD[kind]:
            # Moved on before the mail was written (promoted, cancelled, expired): the
            # mail of that change tells the news; this one would only contradict it.
            return "outdated"
        if OutgoingMail.objects.filter(dedupe_key=key).exists():
            return "already written"
        options = {"dedupe_key": key}
        if kind == "waiting":
            # The place when the mail is written: nobody can have moved ahead since the
            # confirmation (people leaving only move the person up).
            options["position"] = waiting_position(registration)
        try:
            with transaction.atomic():
                WRITTEN_LATER[kind](registration, personal_token(registration), **options)
        except IntegrityError:
            return "already written"  # by another run of this task at the same moment
    return "written"


WRITTEN_LATER = {"opt_in": opt_in, "confirmed": confirmed, "waiting": waiting}
# The registration's status each of these mails tells of.
STATE_TOLD = {
    "opt_in": Registration.Status.PENDING,
    "confirmed": Registration.Status.CONFIRMED,
    "waiting": Registration.Status.WAITING,
}


def promoted(registration, token):
    _send(
        registration,
        "promoted",
        _("A seat has become free for you"),
        token,
        ics=True,
        with_access=True,
    )


def cancelled(registration, by_staff=False):
    _send(
        registration,
        "cancelled",
        _("Your registration has been cancelled"),
        ics=True,
        by_staff=by_staff,
    )


def event_cancelled(registration):
    _send(registration, "event_cancelled", _("The event has been cancelled"), ics=True)


def message(registration, message, token, *, language):
    """The office's message (teilhabe.events.models.EventMessage) in ``language``: the
    person's if the message is written in it, otherwise German; the whole mail reads in
    that one language, the personal link opens the person's page in theirs."""
    _send(
        registration,
        "message",
        message.subject.text(language),
        token,
        language=language,
        message_text=message.body.text(language),
    )


def personal_links(registrations_and_tokens, *, email, language, municipality):
    """The personal links of one address's registrations ("find my registration", or
    registering again for an event one is already registered for), in ``language``."""
    links = []
    for registration, token in registrations_and_tokens:
        with translation.override(language):
            path = reverse(
                "events:personal", kwargs={"municipality": municipality.slug, "token": token}
            )
        links.append((registration, settings.TEILHABE_BASE_URL + path))
    queue_mail(
        to=email,
        subject=_("Your registrations"),
        template="events/mail/personal_links",
        purpose="event_personal_links",
        municipality=municipality,
        language=language,
        context={"links": links},
    )


def reminder(registration, token):
    _send(
        registration,
        "reminder",
        _("Reminder: your event is coming up"),
        token,
        ics=True,
        with_access=True,
    )


def feedback_request(registration, feedback_url):
    _send(registration, "feedback", _("How was the event?"), feedback_url=feedback_url)


def invitation_url(invitation):
    path = reverse(
        "events:register",
        kwargs={"municipality": invitation.event.municipality.slug, "slug": invitation.event.slug},
    )
    return f"{settings.TEILHABE_BASE_URL}{path}?einladung={invitation.code}"


def invitation(invitation, *, language):
    """The personal invitation to an invitation-only event, in ``language``."""
    event = invitation.event
    with translation.override(language):
        subject = _("Invitation: %(title)s") % {"title": event.translated("title")}
        url = invitation_url(invitation)
    queue_mail(
        to=invitation.email,
        subject=subject,
        template="events/mail/invitation",
        purpose="event_invitation",
        municipality=event.municipality,
        language=language,
        context={
            "event": event,
            "invitation": invitation,
            "invitation_url": url,
        },
    )

"""Every mail of the registration flow and the office's messages to participants, in
the registrant's language, with the personal link and, where the event is theirs, the
calendar file (a cancellation of that file when the registration or the event is
cancelled)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.content import use_municipality
from teilhabe.mail.services import queue_mail

from .calendar import registration_ics


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
    )


def opt_in(registration, token):
    _send(registration, "opt_in", _("Please confirm your registration"), token)


def confirmed(registration, token):
    _send(
        registration,
        "confirmed",
        _("Your registration is confirmed"),
        token,
        ics=True,
        with_access=True,
    )


def waiting(registration, token, position):
    _send(registration, "waiting", _("You are on the waiting list"), token, position=position)


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

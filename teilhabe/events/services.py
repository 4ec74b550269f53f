"""Event workflows: register (double opt-in), confirm, join the waiting list, cancel,
promote from the waiting list, expire unconfirmed registrations, reserve seats, check
in; the event's capacity and status; invitations.

Every function that can change who holds a seat runs in one transaction that first
calls ``locking.lock_event``. Mails are queued in the same transaction (teilhabe.mail),
so each mail is sent once, after commit, and never for a change that rolled back.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import notifications
from .locking import lock_event
from .models import Event, Invitation, Registration

LINK_SALT = "teilhabe.events.registration"


class RegistrationError(Exception):
    """A change the rules of the event refuse; ``message`` is for the person who
    asked (participant or office), ``code`` for the program."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


# --- Personal links -------------------------------------------------------------------


def personal_token(registration):
    return signing.dumps(str(registration.public_id), salt=LINK_SALT)


def registration_from_token(token):
    """The registration a personal link points to, or None for a forged link or one
    whose registration no longer exists (personal data deleted)."""
    try:
        public_id = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event__municipality", "event__venue")
        .filter(public_id=public_id, is_anonymised=False)
        .first()
    )


# --- Seats ------------------------------------------------------------------------------


def seats_taken(event):
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()


def seats_left(event):
    """Free seats, or None for unlimited capacity."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - seats_taken(event))


def next_waiting(event):
    return (
        Registration.objects.filter(event=event, status=Registration.Status.WAITING)
        .order_by("waiting_since", "id")
        .first()
    )


def waiting_position(registration):
    if registration.status != Registration.Status.WAITING:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=Registration.Status.WAITING,
            waiting_since__lte=registration.waiting_since,
        )
        .exclude(waiting_since=registration.waiting_since, id__gt=registration.id)
        .count()
    )


# --- Register and confirm ---------------------------------------------------------------


def check_open(event, now=None):
    state = event.registration_state(now)
    messages = {
        "draft": _("This event is not open for registration."),
        "cancelled": _("This event has been cancelled."),
        "started": _("This event has already started; registration is closed."),
        "not_yet": _("Registration has not opened yet."),
        "closed": _("The registration deadline has passed."),
    }
    if state != "open":
        raise RegistrationError(messages[state], state)


def register(event, data, *, invitation_code=None, language="de"):
    """Record a registration waiting for e-mail confirmation and send the opt-in mail.

    ``data`` holds the cleaned form fields (name, email, organisation, ...). A pending
    registration holds no seat, so this needs no event lock: the partial unique
    constraint refuses a second active registration of the same address, and an
    invitation row is locked before it is used."""
    with transaction.atomic():
        event = Event.objects.select_related("municipality").get(pk=event.pk)
        check_open(event)
        invitation = None
        if event.is_invitation_only:
            invitation = _usable_invitation(event, invitation_code)
        email = data["email"].strip().lower()
        if Registration.objects.filter(
            event=event, email__iexact=email, status__in=Registration.ACTIVE
        ).exists():
            raise RegistrationError(
                _("This e-mail address is already registered for this event."), "duplicate"
            )
        organisation = data.get("organisation")
        registration = Registration(
            municipality_id=event.municipality_id,
            event=event,
            email=email,
            language=language,
            consented_at=timezone.now(),
            organisation_type=organisation.type if organisation else "",
            **{k: v for k, v in data.items() if k not in ("email", "consent")},
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise RegistrationError(
                _("This e-mail address is already registered for this event."), "duplicate"
            ) from error
        if invitation:
            invitation.used_at = timezone.now()
            invitation.registration = registration
            invitation.save(update_fields=["used_at", "registration"])
        notifications.opt_in(registration, personal_token(registration))
        return registration


def _usable_invitation(event, code):
    invitation = (
        Invitation.objects.select_for_update().filter(event=event, code=code or "-").first()
    )
    if invitation is None:
        raise RegistrationError(
            _("This event is by invitation only. Please use the link of your personal invitation."),
            "invitation_missing",
        )
    if invitation.used_at:
        raise RegistrationError(_("This invitation has already been used."), "invitation_used")
    if invitation.expires_at < timezone.now():
        raise RegistrationError(_("This invitation has expired."), "invitation_expired")
    return invitation


def confirm(registration):
    """The person clicked the link in the opt-in mail: give them a seat if one is free,
    otherwise a place on the waiting list. Clicking again changes nothing."""
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration
        if event.registration_state() in ("cancelled", "started", "draft"):
            raise RegistrationError(_("This registration can no longer be confirmed."), "closed")
        now = timezone.now()
        registration.confirmed_at = now
        left = seats_left(event)
        if left is None or left > 0:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status", "confirmed_at"])
            notifications.confirmed(registration, personal_token(registration))
        else:
            registration.status = Registration.Status.WAITING
            registration.waiting_since = now
            registration.save(update_fields=["status", "confirmed_at", "waiting_since"])
            notifications.waiting(
                registration, personal_token(registration), waiting_position(registration)
            )
        return registration


def fill_free_seats(event):
    """Promote people from the waiting list, in order, while seats are free. Must run
    inside the transaction that holds ``lock_event(event)``. Returns the promoted."""
    promoted = []
    if event.starts_at <= timezone.now() or event.status != Event.Status.PUBLISHED:
        return promoted
    while True:
        left = seats_left(event)
        if left is not None and left <= 0:
            break
        candidate = next_waiting(event)
        if candidate is None:
            break
        promote_one(candidate)
        promoted.append(candidate)
    return promoted


def promote_one(registration):
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status"])
    notifications.promoted(registration, personal_token(registration))


def cancel(registration, *, by_staff=False):
    """Cancel a registration or leave the waiting list; a freed seat goes to the next
    person on the waiting list."""
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            return registration, []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        notifications.cancelled(registration, by_staff=by_staff)
        return registration, fill_free_seats(event)


def promote_by_hand(registration):
    """The office gives a seat to someone on the waiting list, even beyond capacity."""
    with transaction.atomic():
        lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Registration.Status.WAITING:
            raise RegistrationError(_("Only people on the waiting list can be promoted."), "state")
        promote_one(registration)
        return registration


def check_capacity(event, capacity):
    """Refuse fewer seats than people hold (``None`` is unlimited). Forms call this for
    an early message; ``change_capacity`` calls it again under the event lock."""
    taken = seats_taken(event)
    if capacity is not None and capacity < taken:
        raise RegistrationError(
            _(
                "%(taken)s people already hold a seat. Cancel registrations first if "
                "you need fewer seats."
            )
            % {"taken": taken},
            "below_seats_taken",
        )


def change_capacity(event, capacity):
    """Set the number of seats; if seats were added, the waiting list moves up."""
    with transaction.atomic():
        event = lock_event(event.pk)
        check_capacity(event, capacity)
        event.capacity = capacity
        event.save(update_fields=["capacity"])
        return fill_free_seats(event)


CANCEL_ELSEWHERE = _(
    "Cancel the event on its management page: everyone registered or waiting gets an e-mail there."
)


def check_status_change(event, status):
    """Which status changes the office may make directly. Cancelling is its own
    workflow (``cancel_event``: everyone registered is told), so it is refused here."""
    if status == event.status:
        return
    if status == Event.Status.CANCELLED:
        raise RegistrationError(CANCEL_ELSEWHERE, "cancel_elsewhere")
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(
            _("A cancelled event cannot be published again. Create a new event instead."),
            "cancelled",
        )
    if (
        status == Event.Status.DRAFT
        and Registration.objects.filter(event=event, status__in=Registration.ACTIVE).exists()
    ):
        raise RegistrationError(
            _("People have registered for this event. Cancel it instead of hiding it."),
            "has_registrations",
        )


def change_status(event, status):
    """Publish a draft, or take a published event without registrations back to draft."""
    with transaction.atomic():
        event = lock_event(event.pk)
        check_status_change(event, status)
        if status != event.status:
            event.status = status
            event.save(update_fields=["status"])
        return event


def reserve_seat(event, *, name, email, organisation=None, organisation_name=""):
    """Staff reserve a seat for someone (confirmed at once, no opt-in; counts against
    capacity). Refused when no seat is free. The registration is complete before its
    confirmation mail is written."""
    with transaction.atomic():
        event = lock_event(event.pk)
        left = seats_left(event)
        if left is not None and left <= 0:
            raise RegistrationError(_("No seat is free."), "full")
        email = email.strip().lower()
        if Registration.objects.filter(
            event=event, email__iexact=email, status__in=Registration.ACTIVE
        ).exists():
            raise RegistrationError(
                _("This e-mail address is already registered for this event."), "duplicate"
            )
        registration = Registration.objects.create(
            municipality_id=event.municipality_id,
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            organisation_name=organisation_name,
            organisation_type=organisation.type if organisation else "",
            status=Registration.Status.CONFIRMED,
            is_reserved=True,
            confirmed_at=timezone.now(),
        )
        notifications.confirmed(registration, personal_token(registration))
        return registration


# --- At the event -----------------------------------------------------------------------


def check_in(registration):
    """Tick a confirmed person off at the entrance; ticking twice keeps the first time."""
    Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=timezone.now())
    registration.refresh_from_db(fields=["checked_in_at"])
    return registration


def undo_check_in(registration):
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=None)
    registration.refresh_from_db(fields=["checked_in_at"])
    return registration


def mark_no_show(registration, no_show=True):
    """Mark a confirmed person as not come (or undo it)."""
    marked = Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.CONFIRMED
    ).update(is_no_show=no_show)
    if not marked:
        raise RegistrationError(_("Only confirmed registrations can be marked."), "state")
    registration.is_no_show = no_show
    return registration


def expire_unconfirmed(now=None):
    """Unconfirmed registrations older than TEILHABE_EVENT_OPT_IN_HOURS expire. (Pending
    registrations hold no seat, so no one is promoted.)"""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.TEILHABE_EVENT_OPT_IN_HOURS)
    return Registration.objects.filter(
        status=Registration.Status.PENDING, created_at__lt=cutoff
    ).update(status=Registration.Status.EXPIRED)


def cancel_event(event):
    """Cancel the event and tell everyone registered or waiting."""
    with transaction.atomic():
        event = lock_event(event.pk)
        event.status = Event.Status.CANCELLED
        event.save(update_fields=["status"])
        active = Registration.objects.filter(event=event, status__in=Registration.ACTIVE)
        for registration in active:
            notifications.event_cancelled(registration)
        return active.count()


# --- Invitations --------------------------------------------------------------------------


def invite(event, recipients, *, expires_at, language):
    """One invitation with its own single-use code per recipient, and its mail in
    ``language``, in one transaction. ``recipients`` are (e-mail, organisation or None)
    pairs; an address is invited once."""
    if not event.is_invitation_only:
        raise RegistrationError(
            _("This event is open to everyone; it needs no invitations."), "open_event"
        )
    created, seen = [], set()
    with transaction.atomic():
        for address, organisation in recipients:
            address = address.strip().lower()
            if address in seen:
                continue
            seen.add(address)
            invitation = Invitation.objects.create(
                municipality=event.municipality,
                event=event,
                email=address,
                organisation=organisation,
                code=secrets.token_urlsafe(24),
                expires_at=expires_at,
            )
            notifications.invitation(invitation, language=language)
            created.append(invitation)
    return created

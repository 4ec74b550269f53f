"""Event workflows: register (double opt-in), confirm, join the waiting list, cancel,
promote from the waiting list, expire unconfirmed registrations, reserve seats, check
in; the event's capacity and status; reminders; invitations; sending a person their
personal links again; the office's messages to participants.

What a workflow that mails people or cannot be undone will do is described first by
its ``*_preview`` function (the confirmation pages show it), so that the page and the
workflow read the same rules.

Every function that can change who holds a seat runs in one transaction that first
calls ``locking.lock_event``. Mails are queued in the same transaction (teilhabe.mail),
so each mail is sent once, after commit, and never for a change that rolled back.
Registering and confirming, the requests of a rush, only enqueue their mail's task
(``notifications.later``): the worker writes the mail after commit.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.content import SOURCE_LANGUAGE

from . import notifications
from .locking import lock_event
from .models import (
    Event,
    EventMessage,
    EventMessageRecipient,
    Invitation,
    ProgrammeItem,
    Registration,
    Speaker,
    Station,
)

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


def register(event, data, *, invitation_code=None, language="de", may_mail_again=None):
    """Record a registration waiting for e-mail confirmation and send the opt-in mail.

    ``data`` holds the cleaned form fields (name, email, organisation, ...); ``event``
    is used as the caller read it. A pending
    registration holds no seat, so this needs no event lock: the partial unique
    constraint refuses a second active registration of the same address, and an
    invitation row is locked before it is used.

    Registering again with an address that is already registered is not refused (the
    page must not tell whether an address is registered): the earlier registration is
    returned with ``sent_again`` set to "opt_in" (still unconfirmed: a new opt-in mail)
    or "link" (confirmed or waiting: a mail with the personal link). ``may_mail_again()``
    (the caller's per-address limit) is asked before such a mail; a new registration
    has ``sent_again = None``."""
    try:
        with transaction.atomic():
            return _register(event, data, invitation_code, language, may_mail_again)
    except IntegrityError as error:
        # The partial unique constraint: the same address registered at the same moment.
        raise RegistrationError(
            _("This e-mail address is already registered for this event."), "duplicate"
        ) from error


def _register(event, data, invitation_code, language, may_mail_again):
    # ``event`` as the caller just read it (the registration page, in this request):
    # not read again, as a pending registration holds no seat; confirming checks the
    # event again under its lock.
    check_open(event)
    email = data["email"].strip().lower()
    # Addresses are stored in lower case: an exact match uses the unique index.
    earlier = Registration.objects.filter(
        event=event, email=email, status__in=Registration.ACTIVE
    ).first()
    if earlier is not None:
        earlier.event = event
        return _mail_again(earlier, may_mail_again)
    invitation = None
    if event.is_invitation_only:
        invitation = _usable_invitation(event, invitation_code)
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
    registration.save(force_insert=True)
    if invitation:
        invitation.used_at = timezone.now()
        invitation.registration = registration
        invitation.save(update_fields=["used_at", "registration"])
    notifications.later(registration, "opt_in")
    registration.sent_again = None
    return registration


def _mail_again(registration, may_mail_again):
    pending = registration.status == Registration.Status.PENDING
    registration.sent_again = "opt_in" if pending else "link"
    if may_mail_again is not None and not may_mail_again():
        return registration
    token = personal_token(registration)
    if pending:
        notifications.opt_in(registration, token)
    else:
        notifications.personal_links(
            [(registration, token)],
            email=registration.email,
            language=registration.language,
            municipality=registration.event.municipality,
        )
    return registration


def send_personal_links(municipality, email):
    """ "Find my registration": mail ``email`` the personal links of its registrations
    for the municipality's events that have not ended, in the language of the latest
    registration. Nothing is sent for an address without such registrations (the page
    reads the same either way). Returns the number of links sent."""
    registrations = list(
        Registration.objects.filter(
            municipality=municipality,
            email=email.strip().lower(),
            status__in=Registration.ACTIVE,
            is_anonymised=False,
            event__ends_at__gte=timezone.now(),
        )
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event__municipality")
        .order_by("event__starts_at", "id")
    )
    if not registrations:
        return 0
    latest = max(registrations, key=lambda r: (r.created_at, r.pk))
    with transaction.atomic():
        notifications.personal_links(
            [(registration, personal_token(registration)) for registration in registrations],
            email=latest.email,
            language=latest.language,
            municipality=municipality,
        )
    return len(registrations)


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
            notifications.later(registration, "confirmed")
        else:
            registration.status = Registration.Status.WAITING
            registration.waiting_since = now
            registration.save(update_fields=["status", "confirmed_at", "waiting_since"])
            notifications.later(registration, "waiting")
        return registration


def fill_free_seats(event):
    """Promote people from the waiting list, in order, while seats are free. Must run
    inside the transaction that holds ``lock_event(event)``. Returns the promoted."""
    promoted = []
    if not _waiting_list_moves(event):
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


def _waiting_list_moves(event):
    """People move up from the waiting list only before a published event starts."""
    return event.starts_at > timezone.now() and event.status == Event.Status.PUBLISHED


def cancel_preview(registration):
    """What cancelling ``registration`` will do, for the confirmation page: who moves up
    from the waiting list (each gets a mail, as does the person cancelled)."""
    event = registration.event
    moves_up = []
    if registration.status == Registration.Status.CONFIRMED and _waiting_list_moves(event):
        waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING)
        waiting = waiting.order_by("waiting_since", "id")
        if event.capacity is None:
            moves_up = list(waiting)
        else:
            free_after = event.capacity - (seats_taken(event) - 1)
            moves_up = list(waiting[: max(0, free_after)])
    return {"moves_up": moves_up}


def promote_preview(registration):
    """What giving ``registration`` a seat by hand will do: whether it goes beyond the
    number of seats, and how many seats will then be taken."""
    event = registration.event
    taken = seats_taken(event)
    return {
        "beyond_capacity": event.capacity is not None and taken >= event.capacity,
        "taken_after": taken + 1,
    }


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


def reserve_seat(
    event, *, name, email, organisation=None, organisation_name="", beyond_capacity=False
):
    """Staff reserve a seat for someone (confirmed at once, no opt-in; counts against
    capacity). When no seat is free it is refused unless the office confirmed a seat
    beyond the capacity (``beyond_capacity``). The registration is complete before its
    confirmation mail is written."""
    with transaction.atomic():
        event = lock_event(event.pk)
        left = seats_left(event)
        if left is not None and left <= 0 and not beyond_capacity:
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


def check_at_the_event(event, now=None):
    """Check-in and "did not come" are for the day(s) of the event (Europe/Berlin)."""
    state = event.check_in_state(now)
    if state == "open":
        return
    first, last = event.check_in_days()
    if state == "before":
        message = _("Check-in opens on %(day)s, the day of the event.") % {
            "day": date_format(first, "DATE_FORMAT")
        }
    else:
        message = _("Check-in was possible until %(day)s; the event is over.") % {
            "day": date_format(last, "DATE_FORMAT")
        }
    raise RegistrationError(message, f"check_in_{state}")


def check_in(registration):
    """Tick a confirmed person off at the entrance; ticking twice keeps the first time.
    Only on the day(s) of the event."""
    check_at_the_event(registration.event)
    Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=timezone.now())
    registration.refresh_from_db(fields=["checked_in_at"])
    return registration


def undo_check_in(registration):
    check_at_the_event(registration.event)
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=None)
    registration.refresh_from_db(fields=["checked_in_at"])
    return registration


def mark_no_show(registration, no_show=True):
    """Mark a confirmed person as not come (or undo it), on the day(s) of the event."""
    check_at_the_event(registration.event)
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


def _told_of_cancelling(event):
    return Registration.objects.filter(
        event=event, status__in=Registration.ACTIVE, is_anonymised=False
    )


def cancel_event_preview(event):
    """Who the cancellation mail goes to: counts by status, for the confirmation page."""
    counts = dict(
        _told_of_cancelling(event)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {
        "total": sum(counts.values()),
        "confirmed": counts.get(Registration.Status.CONFIRMED, 0),
        "waiting": counts.get(Registration.Status.WAITING, 0),
        "pending": counts.get(Registration.Status.PENDING, 0),
    }


def cancel_event(event, reason):
    """Cancel the event and tell everyone registered or waiting, with the office's
    ``reason`` and a calendar file that removes the event. Cancelling twice tells
    nobody twice. Returns the number of people told."""
    reason = reason.strip()
    if not reason:
        raise RegistrationError(_("Please give a reason; it goes into the mail."), "reason")
    with transaction.atomic():
        event = lock_event(event.pk)
        if event.status == Event.Status.CANCELLED:
            return 0
        event.status = Event.Status.CANCELLED
        event.cancellation_reason = reason
        event.save(update_fields=["status", "cancellation_reason"])
        told = 0
        for registration in _told_of_cancelling(event).select_related("event__venue"):
            registration.event = event
            notifications.event_cancelled(registration)
            told += 1
        return told


# --- Reminders ----------------------------------------------------------------------------


def reminder_preview(event):
    return {
        "count": event.registrations.filter(
            status=Registration.Status.CONFIRMED, is_anonymised=False
        ).count(),
        "sent_at": event.reminder_sent_at,
    }


def send_reminder(event, *, last_sent=None, now=None):
    """Remind everyone with a seat (mail with personal link and calendar file), and note
    when. ``last_sent`` is the ``reminder_sent_at`` the caller saw: if another reminder
    went out since (the scheduled task, a second click), nothing is sent again and
    None is returned; otherwise the number of mails. Only for a published event that
    has not started."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(event.pk)
        if event.status != Event.Status.PUBLISHED or event.starts_at <= now:
            raise RegistrationError(
                _("Reminders go only to a published event that has not started."), "state"
            )
        if event.reminder_sent_at != last_sent:
            return None
        confirmed = event.registrations.filter(
            status=Registration.Status.CONFIRMED, is_anonymised=False
        ).select_related("event__municipality", "event__venue")
        count = 0
        for registration in confirmed:
            notifications.reminder(registration, personal_token(registration))
            count += 1
        event.reminder_sent_at = now
        event.save(update_fields=["reminder_sent_at"])
        return count


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


# --- Creating, editing and duplicating events ----------------------------------------------

# Single path segments under an event list that are pages, not events.
RESERVED_SLUGS = {"anmeldung", "verwaltung"}

# Written by the office when it saves the event form; capacity and status are not in
# this list: they change through ``change_capacity`` and ``change_status``.
DETAIL_FIELDS = [
    "kind",
    "title",
    "description",
    "series",
    "cycle",
    "starts_at",
    "ends_at",
    "format",
    "venue",
    "online_platform",
    "join_url",
    "meeting_id",
    "passcode",
    "is_free",
    "fee_note",
    "interpretation",
    "participant_notes",
    "access",
    "is_listed",
    "registration_opens_at",
    "registration_closes_at",
    "asks_interpretation",
    "asks_accessibility",
    "asks_dietary",
    "reminder_days_before",
]
# Shifted by ``duplicate_event``.
EVENT_TIMES = ["starts_at", "ends_at", "registration_opens_at", "registration_closes_at"]


def unique_slug(municipality, text):
    """A short name for addresses, unique among the municipality's events."""
    base = slugify(text)[:90].strip("-") or "veranstaltung"
    taken = (
        set(
            Event.objects.for_municipality(municipality)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        | RESERVED_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def save_event(
    event,
    *,
    capacity,
    audience_groups=(),
    fields_of_action=(),
    languages=(),
    organisers=(),
    new_venue=None,
):
    """Create ``event`` (unsaved, from the event form; a draft, the model's default),
    or save the office's changes to its details. Seats change through
    ``change_capacity`` (the waiting list moves up), the status never here
    (``change_status``, ``cancel_event``).
    ``new_venue``: an unsaved Venue of the municipality to create and use."""
    with transaction.atomic():
        if new_venue is not None:
            new_venue.municipality = event.municipality
            new_venue.save()
            event.venue = new_venue
        if event.pk is None:
            event.capacity = capacity
            event.slug = unique_slug(event.municipality, event.title.text(SOURCE_LANGUAGE))
            event.save()
        else:
            event.save(update_fields=DETAIL_FIELDS)
            change_capacity(event, capacity)
        event.audience_groups.set(audience_groups)
        event.fields_of_action.set(fields_of_action)
        event.languages.set(languages)
        event.organisers.set(organisers)
        return event


def next_year(moment):
    """The same local date and time a year later (29 February becomes 28 February)."""
    local = timezone.localtime(moment)
    try:
        later = local.replace(year=local.year + 1)
    except ValueError:
        later = local.replace(year=local.year + 1, day=28)
    return timezone.make_aware(later.replace(tzinfo=None))


def shifted(moment, *, days=None):
    """``moment`` moved by ``days`` (keeping the local time of day) or, without
    ``days``, to the same date next year."""
    if moment is None:
        return None
    if days is None:
        return next_year(moment)
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(local + timedelta(days=days))


def duplicate_event(event, *, days=None):
    """A draft copy of ``event`` with its programme, speakers and stations (without
    their results), moved by ``days`` or to the same date next year. Registrations,
    invitations, feedback and anything the event's past wrote (reminder sent,
    cancellation) are never copied."""
    with transaction.atomic():
        copy = Event.objects.get(pk=event.pk)
        copy.pk = copy.id = None
        copy._state.adding = True
        copy.status = Event.Status.DRAFT
        copy.cancellation_reason = ""
        copy.reminder_sent_at = copy.feedback_requested_at = None
        copy.personal_data_deleted_at = None
        copy.is_sample = False
        for name in EVENT_TIMES:
            setattr(copy, name, shifted(getattr(event, name), days=days))
        copy.slug = unique_slug(event.municipality, event.slug)
        copy.save()
        copy.audience_groups.set(event.audience_groups.all())
        copy.fields_of_action.set(event.fields_of_action.all())
        copy.languages.set(event.languages.all())
        copy.organisers.set(event.organisers.all())
        items = ProgrammeItem.objects.filter(event=event).prefetch_related("speakers", "stations")
        for item in items:
            speakers, stations = list(item.speakers.all()), list(item.stations.all())
            item.pk = item.id = None
            item._state.adding = True
            item.event = copy
            item.starts_at = shifted(item.starts_at, days=days)
            item.ends_at = shifted(item.ends_at, days=days)
            item.save()
            for speaker in speakers:
                speaker.pk = speaker.id = None
                speaker._state.adding = True
                speaker.item = item
            Speaker.objects.bulk_create(speakers)
            Station.objects.bulk_create(
                [Station(item=item, title=s.title, theme=s.theme, host=s.host) for s in stations]
            )
        return copy


def check_programme_time(event, starts_at, ends_at):
    """A programme item lies within its event and ends after it starts."""
    if starts_at < event.starts_at or starts_at >= event.ends_at:
        raise RegistrationError(_("The item must start during the event."), "item_outside_event")
    if ends_at is not None and (ends_at <= starts_at or ends_at > event.ends_at):
        raise RegistrationError(
            _("The item must end after it starts and no later than the event."),
            "item_outside_event",
        )


# --- Messages to participants ---------------------------------------------------------------


def _message_recipients(event, groups):
    return Registration.objects.filter(
        EventMessage.recipients_filter(groups), event=event
    ).order_by("created_at", "id")


def message_group_sizes(event, groups=tuple(EventMessage.Group)):
    """How many people are in each of ``groups`` now: {group: count}, one query."""
    people = Registration.objects.filter(event=event, is_anonymised=False)
    return people.aggregate(
        **{group: Count("pk", filter=EventMessage.group_filter(group)) for group in groups}
    )


def message_preview(event, groups, written_in=()):
    """Who a message to ``groups`` reaches, for the confirmation page: the people in
    each chosen group, everyone once in ``total`` (the checked in are also confirmed),
    and in ``languages`` (code, name, count) how many read it in which language, if the
    message is written in German and in ``written_in``. Two queries."""
    groups = [EventMessage.Group(group) for group in groups]
    if not groups:
        return {"groups": [], "total": 0, "languages": []}
    counts = message_group_sizes(event, groups)
    by_language = (
        _message_recipients(event, groups)
        .order_by()
        .values_list("language")
        .annotate(n=Count("pk"))
    )
    reading = {}
    for language, count in by_language:
        language = language if language in written_in else SOURCE_LANGUAGE
        reading[language] = reading.get(language, 0) + count
    names = dict(settings.LANGUAGES)
    return {
        "groups": [(group, counts[group]) for group in groups],
        "total": sum(reading.values()),
        "languages": [
            (code, names.get(code, code), count)
            for code, count in sorted(reading.items(), key=lambda item: (-item[1], item[0]))
        ],
    }


def send_message(event, *, subject, body, groups, author, submission_key=None):
    """Record the office's message to the people of ``groups`` and queue one mail per
    person, in their language if the message is written in it (otherwise in German),
    with their personal link. Returns ``(message, created)``.

    One transaction under the event lock: the recipients are read with nobody changing
    seats meanwhile, and the message, its recipients and their mails are saved together
    or not at all. The same form sent twice (same ``submission_key``: back button,
    double click, two tabs) records one message: the second call gets the first back
    with ``created`` False and mails nobody. Nobody in the chosen groups: nothing is
    recorded (RegistrationError). Cancelled events take messages too: people may need
    to be told something after a cancellation."""
    with transaction.atomic():
        event = lock_event(event.pk)
        if submission_key is not None:
            sent = EventMessage.objects.filter(event=event, submission_key=submission_key)
            if sent := sent.first():
                return sent, False
        message = EventMessage(
            event=event,
            subject=subject,
            body=body,
            author=author,
            submission_key=submission_key or uuid.uuid4(),
        )
        message.groups = groups
        message.full_clean()
        registrations = list(
            _message_recipients(event, message.groups).select_related("event__venue")
        )
        if not registrations:
            raise RegistrationError(
                _("Nobody in the chosen groups would get the message."), "no_recipients"
            )
        message.sent_count = len(registrations)
        message.save()
        # The database holds each registration to one receipt per message.
        receipts = EventMessageRecipient.objects.bulk_create(
            EventMessageRecipient(
                message=message,
                registration=registration,
                language=message.language_for(registration.language),
            )
            for registration in registrations
        )
        for registration, receipt in zip(registrations, receipts, strict=True):
            registration.event = event
            notifications.message(
                registration, message, personal_token(registration), language=receipt.language
            )
        return message, True

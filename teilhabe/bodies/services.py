"""Workflows of bodies: members joining and leaving, meetings scheduled (with the
members' invitations) and cancelled (with their cancellations), minutes, attendance,
the private calendar address.

Membership rules are checked under the body's row lock (``_lock_body``; on SQLite the
write lock every transaction takes at its start), so two requests adding the same
member at once add it once: a member is in a body at most once on any day, belongs to
the body's municipality, and its period ends on or after its start and lies within the
body's own period."""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from teilhabe.consultation import documents
from teilhabe.languages.content import use_municipality
from teilhabe.mail.services import queue_mail

from .calendar import meeting_ics
from .models import AgendaItem, Body, CalendarKey, Meeting, Membership, MinutesFile, Person


class BodyError(Exception):
    """A step the rules do not allow; ``message`` is for the person, ``field`` the form
    field it concerns (or None)."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def _lock_body(body):
    return Body.objects.select_for_update().get(pk=body.pk)


# --- Bodies -----------------------------------------------------------------------------


def save_body(form):
    """Save a valid body form (``forms.BodyForm``) with its fields of action and cycles."""
    with transaction.atomic():
        return form.save()


# --- Memberships ------------------------------------------------------------------------


def _check_period(starts_on, ends_on, field="ends_on"):
    if ends_on is not None and ends_on < starts_on:
        raise BodyError(_("The period cannot end before it starts."), field)


def _check_within_body(body, starts_on, ends_on):
    """A membership lies in the body's own period (an open end ends with the body)."""
    if starts_on < body.starts_on:
        raise BodyError(
            _("The body exists from %(day)s; a membership cannot start before that.")
            % {"day": formats.date_format(body.starts_on, "SHORT_DATE_FORMAT")},
            "starts_on",
        )
    if body.ends_on is not None and (
        starts_on > body.ends_on or (ends_on is not None and ends_on > body.ends_on)
    ):
        raise BodyError(
            _("The body ended on %(day)s; a membership cannot go beyond that.")
            % {"day": formats.date_format(body.ends_on, "SHORT_DATE_FORMAT")},
            "ends_on" if starts_on <= body.ends_on else "starts_on",
        )


def _check_member(body, member):
    if member is None:
        raise BodyError(_("Choose the member."), None)
    if member.municipality_id != body.municipality_id:
        raise BodyError(_("The member must belong to the same municipality as the body."), None)


def _check_no_overlap(body, lookup, starts_on, ends_on, exclude=None):
    others = Membership.objects.filter(body=body, **lookup).overlapping(starts_on, ends_on)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise BodyError(
            _(
                "This member already belongs to the body in this period. Change the existing "
                "membership instead, or choose a period that does not overlap it."
            ),
            "starts_on",
        )


def member_fields(member):
    """{"organisation": o} / {"department": d} / {"person": p} for a member object."""
    from teilhabe.directory.models import Department, Organisation

    if isinstance(member, Organisation):
        return {"organisation": member}
    if isinstance(member, Department):
        return {"department": member}
    if isinstance(member, Person):
        return {"person": member}
    raise BodyError(_("Choose the member."), None)


@transaction.atomic
def add_membership(body, member, *, role, starts_on, ends_on=None, note=None):
    """``member`` (an organisation, department or person) joins ``body`` for the period.
    BodyError for a period out of order, a member of another municipality or a member
    already in the body on any day of the period; nothing is saved then."""
    fields = member_fields(member)
    _check_member(body, member)
    _check_period(starts_on, ends_on)
    body = _lock_body(body)
    _check_within_body(body, starts_on, ends_on)
    lookup = {f"{kind}_id": obj.pk for kind, obj in fields.items()}
    _check_no_overlap(body, lookup, starts_on, ends_on)
    return Membership.objects.create(
        body=body,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note or {},
        **fields,
    )


@transaction.atomic
def change_membership(membership, *, role, starts_on, ends_on, note=None):
    """New role, period or note for a membership (ending it: a date in ``ends_on``),
    checked like ``add_membership``."""
    _check_period(starts_on, ends_on)
    body = _lock_body(membership.body)
    _check_within_body(body, starts_on, ends_on)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_no_overlap(body, membership.member_lookup(), starts_on, ends_on, exclude=membership)
    membership.role = role
    membership.starts_on = starts_on
    membership.ends_on = ends_on
    if note is not None:
        membership.note = note
    membership.save()
    return membership


def add_person(body, *, name, email="", name_is_public=False, user=None):
    """A new person member's record (the least the office needs: see ``Person``)."""
    return Person.objects.create(
        municipality=body.municipality,
        name=name,
        email=email,
        name_is_public=name_is_public,
        user=user,
    )


@transaction.atomic
def add_person_membership(body, person_values, **membership):
    """A new person and their membership, both or neither."""
    person = add_person(body, **person_values)
    return add_membership(body, person, **membership)


@transaction.atomic
def change_person(person, *, name, email, name_is_public, user=None):
    person.name, person.email, person.name_is_public, person.user = (
        name,
        email,
        name_is_public,
        user,
    )
    person.save()
    return person


# --- Meetings ---------------------------------------------------------------------------


def _member_address(membership):
    if membership.person_id:
        person = membership.person
        return person.email or (person.user.email if person.user_id else "")
    if membership.organisation_id:
        return membership.organisation.internal_contact_email
    return membership.department.contact_email


def invitation_list(body, day=None):
    """([address], [membership without an address]) of the body's current members, each
    address once: a person's own address (or their account's), an organisation's or a
    department's internal contact address."""
    memberships = (
        Membership.objects.filter(body=body)
        .current(day)
        .select_related("organisation", "department", "person__user")
    )
    addresses, without = {}, []
    for membership in memberships:
        address = _member_address(membership)
        if address:
            addresses.setdefault(address.casefold(), address)
        else:
            without.append(membership)
    return list(addresses.values()), without


def _set_agenda(meeting, agenda):
    AgendaItem.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=position, title=title)
        for position, title in enumerate(agenda)
    )


def _mail_members(meeting, addresses, subject, template):
    """One mail per address about ``meeting`` (in the outbox, in the caller's
    transaction), with the meeting's calendar file."""
    body = meeting.body
    municipality = body.municipality
    language = settings.LANGUAGE_CODE
    with translation.override(language), use_municipality(municipality):
        subject = str(
            subject
            % {
                "body": str(body),
                "date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"),
            }
        )
        ics = meeting_ics(meeting, settings.TEILHABE_BASE_URL).decode()
    for address in addresses:
        queue_mail(
            to=address,
            subject=subject,
            template=f"bodies/mail/{template}",
            purpose=f"body_{template}",
            municipality=municipality,
            language=language,
            context={
                "body": body,
                "meeting": meeting,
                "meeting_url": settings.TEILHABE_BASE_URL + meeting.get_absolute_url(),
            },
            attachments=[{"filename": "sitzung.ics", "content": ics, "mimetype": "text/calendar"}],
        )


def _invite(meeting, addresses):
    _mail_members(meeting, addresses, _("Meeting of %(body)s on %(date)s"), "meeting_scheduled")


def _check_not_cancelled(meeting):
    if meeting.is_cancelled:
        raise BodyError(_("This meeting has been cancelled; it cannot be changed any more."))


@transaction.atomic
def schedule_meeting(
    body, *, starts_at, ends_at=None, place="", is_public=False, agenda=(), submission_key, by
):
    """A new meeting with its agenda (titles in order); each current member with an
    address gets an invitation with a calendar file (through the task queue, in this
    transaction). The same submission (``submission_key``) schedules once: sent again
    it returns (the first meeting, False)."""
    if ends_at is not None and ends_at <= starts_at:
        raise BodyError(_("The meeting must end after it starts."), "ends_at")
    body = _lock_body(body)
    earlier = Meeting.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return earlier, False
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                municipality=body.municipality,
                body=body,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                is_public=is_public,
                submission_key=submission_key,
                scheduled_by=by,
            )
    except IntegrityError:  # the same key, committed by another body's request
        return Meeting.objects.get(submission_key=submission_key), False
    _set_agenda(meeting, agenda)
    addresses, _without = invitation_list(body)
    _invite(meeting, addresses)
    meeting.invitations_sent = len(addresses)
    meeting.save(update_fields=["invitations_sent"])
    return meeting, True


@transaction.atomic
def change_meeting(meeting, *, starts_at, ends_at=None, place="", is_public=False, agenda=()):
    """New date, place, visibility or agenda; nobody is mailed."""
    if ends_at is not None and ends_at <= starts_at:
        raise BodyError(_("The meeting must end after it starts."), "ends_at")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_not_cancelled(meeting)
    meeting.starts_at, meeting.ends_at, meeting.place, meeting.is_public = (
        starts_at,
        ends_at,
        place,
        is_public,
    )
    meeting.save()
    _set_agenda(meeting, agenda)
    return meeting


def store_minutes(meeting, upload):
    """The minutes ``upload`` (PDF or DOCX, checked by ``consultation.documents``) for
    ``meeting``. ValidationError for a refused file; nothing is stored then."""
    minutes = MinutesFile(meeting=meeting)
    documents.store(minutes, upload)
    with transaction.atomic():
        minutes.save()
    return minutes


def attendance_choices(meeting):
    """The memberships that can have attended: the body's, running on the meeting's day."""
    day = timezone.localdate(meeting.starts_at)
    return (
        Membership.objects.filter(body_id=meeting.body_id, starts_on__lte=day)
        .current(day)
        .select_related("organisation", "department", "person")
    )


@transaction.atomic
def record_attendance(meeting, memberships):
    """Who attended ``meeting``: members of its body on its day only."""
    allowed = set(attendance_choices(meeting).values_list("pk", flat=True))
    if any(m.pk not in allowed for m in memberships):
        raise BodyError(_("Only members of the body on the day of the meeting can attend."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_not_cancelled(meeting)
    meeting.attendees.set(memberships)
    return meeting


@transaction.atomic
def cancel_meeting(meeting, *, reason):
    """Cancels ``meeting``: its page and calendar entry say so, and each current member
    with an address gets a mail with the reason and a calendar cancellation (the same
    UID). Returns (meeting, True); a meeting already cancelled (e.g. the same
    confirmation sent twice at once) is left as it is: (meeting, False), nobody mailed."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting, False
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_reason = reason
    meeting.save(update_fields=["cancelled_at", "cancellation_reason"])
    addresses, _without = invitation_list(meeting.body)
    _mail_members(
        meeting, addresses, _("Cancelled: meeting of %(body)s on %(date)s"), "meeting_cancelled"
    )
    return meeting, True


# --- The private calendar address -------------------------------------------------------


def calendar_key(user, municipality, *, renew=False):
    """The user's calendar key in ``municipality``, made when missing; ``renew`` makes a
    new one, so the old address shows nothing any more."""
    with transaction.atomic():
        key, created = CalendarKey.objects.select_for_update().get_or_create(
            user=user, municipality=municipality, defaults={"key": secrets.token_urlsafe(32)}
        )
        if renew and not created:
            key.key = secrets.token_urlsafe(32)
            key.created_at = timezone.now()
            key.save(update_fields=["key", "created_at"])
        return key

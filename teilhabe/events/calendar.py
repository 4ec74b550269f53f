"""iCalendar files: one event, a registrant's own file, or a feed of a municipality's
public events.

Access data (join link, meeting ID, passcode) goes only into the file of a confirmed
registrant (``with_access=True``); the public feed and the public ``.ics`` never carry it.

A registrant's file (``registration_ics``) has its own UID per registration, so that a
cancellation removes exactly the entry the confirmation added: the confirmation is
``METHOD:PUBLISH`` with ``SEQUENCE:0``; once the registration or the event is
cancelled the same UID comes as ``METHOD:CANCEL``, ``STATUS:CANCELLED``, ``SEQUENCE:1``.
"""

from django.conf import settings
from django.utils import translation
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from teilhabe.languages.content import translated

PRODID = "-//Teilhabe//Events//DE"


def _calendar():
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


# SEQUENCE of a registrant's file: the cancellation supersedes the confirmation.
SEQUENCE_CONFIRMED = 0
SEQUENCE_CANCELLED = 1


def _component(event, base_url, with_access=False, uid=None):
    item = CalendarEvent()
    item.add("uid", uid or f"event-{event.pk}@{settings.TEILHABE_CALENDAR_DOMAIN}")
    item.add("dtstamp", event.starts_at)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    title = translated(event, "title")
    # The language of the text (the reader's, or its fallback) for calendar programs.
    item.add("summary", title.text, parameters={"LANGUAGE": title.language})
    url = base_url + event.get_absolute_url()
    item.add("url", url)
    lines = [translated(event, "description").text, url]
    if event.venue:
        location = f"{event.venue.name}, {event.venue.address}"
        entrance = translated(event.venue, "entrance").text
        if entrance:
            location += f" ({entrance})"
        item.add("location", location)
    if event.status == event.Status.CANCELLED:
        item.add("status", "CANCELLED")
    else:
        item.add("status", "CONFIRMED")
    if with_access and event.is_online and event.join_url:
        access = [event.online_platform, event.join_url]
        if event.meeting_id:
            access.append(translation.gettext("Meeting ID: %(id)s") % {"id": event.meeting_id})
        if event.passcode:
            access.append(translation.gettext("Passcode: %(code)s") % {"code": event.passcode})
        lines += [a for a in access if a]
        if not event.venue:
            item.add("location", event.join_url)
    description = translated(event, "description")
    lines[0] = description.text
    item.add(
        "description",
        "\n\n".join(line for line in lines if line),
        parameters={"LANGUAGE": description.language} if description.text else None,
    )
    return item


def event_ics(event, base_url, with_access=False):
    calendar = _calendar()
    calendar.add_component(_component(event, base_url, with_access=with_access))
    return calendar.to_ical()


def registration_uid(registration):
    return f"registration-{registration.public_id}@{settings.TEILHABE_CALENDAR_DOMAIN}"


def is_cancelled_for(registration):
    """Whether the registrant's calendar entry is withdrawn: their registration ended
    (cancelled, expired) or the event was cancelled."""
    inactive = registration.status not in registration.ACTIVE
    return inactive or registration.event.status == registration.event.Status.CANCELLED


def registration_ics(registration, base_url, with_access=False):
    """The registrant's own file: the event under the registration's UID, or its
    cancellation."""
    event = registration.event
    cancelled = is_cancelled_for(registration)
    calendar = _calendar()
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    item = _component(
        event,
        base_url,
        with_access=with_access and not cancelled,
        uid=registration_uid(registration),
    )
    item.add("sequence", SEQUENCE_CANCELLED if cancelled else SEQUENCE_CONFIRMED)
    if cancelled:
        item.pop("status")
        item.add("status", "CANCELLED")
    calendar.add_component(item)
    return calendar.to_ical()


def feed_ics(events, base_url, name):
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_component(event, base_url))
    return calendar.to_ical()

"""iCalendar files of a body's meetings, built like the events' (``events.calendar``):
the same calendar header, one entry per meeting with a stable UID, so that a calendar
program that subscribed to a member's private address updates its entries."""

from django.conf import settings
from icalendar import Event as CalendarEvent

from teilhabe.events.calendar import SEQUENCE_CANCELLED, SEQUENCE_CONFIRMED, _calendar
from teilhabe.languages.content import translated


def meeting_uid(meeting):
    return f"body-meeting-{meeting.pk}@{settings.TEILHABE_CALENDAR_DOMAIN}"


def _component(meeting, base_url):
    body = meeting.body
    item = CalendarEvent()
    item.add("uid", meeting_uid(meeting))
    item.add("dtstamp", meeting.starts_at)
    item.add("dtstart", meeting.starts_at)
    if meeting.ends_at:
        item.add("dtend", meeting.ends_at)
    name = translated(body, "name")
    summary = f"{body.short_name}: {name.text}" if body.short_name else name.text
    item.add("summary", summary, parameters={"LANGUAGE": name.language})
    if meeting.place:
        item.add("location", meeting.place)
    url = base_url + meeting.get_absolute_url()
    item.add("url", url)
    agenda = [f"{number}. {a.title}" for number, a in enumerate(meeting.agenda.all(), 1)]
    item.add("description", "\n".join([*agenda, url]))
    if meeting.is_cancelled:
        # The same UID with a higher SEQUENCE: calendars replace the entry, not add one.
        item.add("status", "CANCELLED")
        item.add("sequence", SEQUENCE_CANCELLED)
    else:
        item.add("status", "CONFIRMED")
        item.add("sequence", SEQUENCE_CONFIRMED)
    return item


def meetings_ics(meetings, base_url, name):
    """A calendar of ``meetings`` (each with its body and agenda loaded)."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_component(meeting, base_url))
    return calendar.to_ical()


def meeting_ics(meeting, base_url):
    """The file a member's mail carries: ``METHOD:CANCEL`` once the meeting is cancelled
    (calendar programs then remove it), ``METHOD:PUBLISH`` before."""
    calendar = _calendar()
    calendar.add("x-wr-calname", str(meeting.body))
    calendar.add("method", "CANCEL" if meeting.is_cancelled else "PUBLISH")
    calendar.add_component(_component(meeting, base_url))
    return calendar.to_ical()

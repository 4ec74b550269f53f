"""When an event takes place, in the active language: ``{{ event|event_period }}``, and
one moment of it (a reminder sent, an invitation's expiry): ``{{ value|date_time }}``.

"Saturday, 20 March 2027, 10:00–16:00" in English, "Samstag, 20. März 2027,
10:00–16:00" in German; an event over several days names both dates. Each catalogue
gives its own date pattern (context "date with weekday", Django's date format
characters) and its own way of joining date and time."""

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import pgettext

register = template.Library()


def _date(value):
    # Translators: Django date format characters, e.g. "l, j. F Y" in German.
    return dateformat.format(value, pgettext("date with weekday", "l, j F Y"))


def _date_time(value):
    return pgettext("date and time", "%(date)s, %(time)s") % {
        "date": _date(value),
        "time": dateformat.format(value, "H:i"),
    }


@register.filter
def event_period(event):
    """Start and end of ``event`` (Berlin time) as one text."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if starts.date() == ends.date():
        return f"{_date_time(starts)}–{ends:%H:%M}"
    return f"{_date_time(starts)} – {_date_time(ends)}"


@register.filter
def date_time(value):
    """One moment (Berlin time) written as in ``event_period``: "Saturday, 20 March
    2027, 10:00"."""
    if not value:
        return ""
    return _date_time(timezone.localtime(value))

"""Mixed writing directions: a German name inside an Arabic sentence, a phone number or a
measure code on a right-to-left page. Unicode's bidirectional algorithm orders such runs
by their neighbours, so "Verein e. V." shows its full stop on the wrong side and
"0351 1234567" swaps its groups. Isolating the inserted value keeps it readable.

Use the filters where a value is interpolated into a sentence (``blocktranslate with
name=org.name|bdi``); where the value stands alone in markup, write ``<bdi>`` directly.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    """A name or title: its own direction, found from its first strong letter."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def ltr(value):
    """A code, number, phone number, e-mail address or URL: always left to right."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)

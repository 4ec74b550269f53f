from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from teilhabe.languages.content import translated

register = template.Library()


@register.simple_tag
def translated_text(obj, field):
    """The field in the active language (or German) as plain text; for titles."""
    return translated(obj, field).text


@register.inclusion_tag("languages/translated_block.html")
def translated_block(obj, field, linebreaks=True):
    """The field as a block, marked up with its language and, where it falls back to
    German, a visible note saying so."""
    value = translated(obj, field)
    return {"value": value, "linebreaks": linebreaks}


@register.simple_tag
def fallback_note():
    return format_html('<p class="kern-hint">{}</p>', _("This text is only available in German."))

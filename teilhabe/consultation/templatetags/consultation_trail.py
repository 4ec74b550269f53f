"""``{% translated_short obj "field" 30 %}``: the field in the active language cut to
so many words, a fallback marked with its language as ``{% translated %}`` does (for
the lists of the trail, where a demand's whole text would be too long)."""

from django import template
from django.utils.html import format_html
from django.utils.text import Truncator

from teilhabe.languages.content import translated as translated_value
from teilhabe.languages.templatetags.content_language import fallback_label

register = template.Library()


@register.simple_tag
def translated_short(obj, field, words=30):
    value = translated_value(obj, field)
    text = Truncator(value.text).words(words)
    if value.is_fallback:
        return format_html(
            '<span lang="{}" dir="auto">{}</span> <small class="fallback-marker">({})</small>',
            value.language,
            text,
            fallback_label(value.language),
        )
    return format_html('<span dir="auto">{}</span>', text)

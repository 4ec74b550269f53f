"""Texts of a draft in the language version the reader chose (``?fassung=``), with the
same fallback marks as ``content_language``'s tags."""

from django import template
from django.utils.html import format_html

from teilhabe.languages.content import pick
from teilhabe.languages.fields import Translations
from teilhabe.languages.templatetags.content_language import (
    LANGUAGE_NAMES,
    SOURCE_LANGUAGE,
    fallback_label,
    translated,
)

register = template.Library()


@register.simple_tag
def version_text(obj, field, language=None):
    """Like ``{% translated %}``, in ``language`` (None: the reader's)."""
    if not language:
        return translated(obj, field)
    value = pick(getattr(obj, field), language)
    if value.is_fallback:
        return format_html(
            '<span lang="{}" dir="auto">{}</span> <small class="fallback-marker">({})</small>',
            value.language,
            value.text,
            fallback_label(value.language),
        )
    return format_html('<span lang="{}" dir="auto">{}</span>', value.language, value.text)


@register.inclusion_tag("languages/translated_block.html")
def version_block(obj, field, language=None, linebreaks=True):
    """Like ``{% translated_block %}``, in ``language`` (None: the reader's)."""
    texts = getattr(obj, field)
    value = pick(texts, language or None)
    return {
        "value": value,
        "linebreaks": linebreaks,
        "fallback_name": LANGUAGE_NAMES.get(value.language, value.language),
        "is_sample": isinstance(texts, Translations) and texts.is_sample(value.language),
        "source_language": SOURCE_LANGUAGE,
    }


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)

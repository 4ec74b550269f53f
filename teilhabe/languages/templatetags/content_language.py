from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext

from teilhabe.languages.content import SOURCE_LANGUAGE
from teilhabe.languages.content import translated as translated_value
from teilhabe.languages.fields import Translations

register = template.Library()
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@register.simple_tag
def translated_text(obj, field):
    """The field in the active language (or its fallback) as plain text: for page
    titles, attributes, mails and ``{% ... as var %}``."""
    return translated_value(obj, field).text


@register.simple_tag
def translated(obj, field):
    """The field in the active language for the page's body. A fallback says which
    language it is in (``lang``), so screen readers switch voice; ``dir="auto"`` keeps
    a German name inside an Arabic page readable."""
    value = translated_value(obj, field)
    if value.is_fallback:
        return format_html(
            '<span lang="{}" dir="auto">{}</span> <small class="fallback-marker">({})</small>',
            value.language,
            value.text,
            fallback_label(value.language),
        )
    return value.text


def fallback_label(language):
    """The short visible mark of a text shown in another language, in the reader's."""
    if language == SOURCE_LANGUAGE:
        return gettext("in German")
    return gettext("in %(language)s") % {"language": LANGUAGE_NAMES.get(language, language)}


@register.inclusion_tag("languages/translated_block.html")
def translated_block(obj, field, linebreaks=True):
    """The field as a block, marked up with its language and, where it falls back to
    another language, a visible note saying which; a sample translation says so too."""
    value = translated_value(obj, field)
    texts = getattr(obj, field)
    return {
        "value": value,
        "linebreaks": linebreaks,
        "fallback_name": LANGUAGE_NAMES.get(value.language, value.language),
        "is_sample": isinstance(texts, Translations) and texts.is_sample(value.language),
        "source_language": SOURCE_LANGUAGE,
    }

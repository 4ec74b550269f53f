"""Reads of the directory for the office: what a proposed profile change changes."""

from django.utils.translation import gettext as _

from teilhabe.languages.fields import Translations
from teilhabe.languages.selectors import LANGUAGE_NAMES

from .models import Organisation
from .services import stored_value


def _display(field, value):
    if field.many_to_many:
        objects = field.related_model.objects.filter(code__in=value)
        return ", ".join(sorted(str(o) for o in objects)) or "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value)) or "–"
    return value or "–"


def change_rows(change):
    """[(label, verified value, proposed value)] for every field the change changes; a
    translated field gives one row per language whose text changes."""
    organisation = change.organisation
    rows = []
    for name, new in change.proposed.items():
        field = Organisation._meta.get_field(name)
        old = stored_value(organisation, name)
        if isinstance(old, dict):
            old_texts, new_texts = Translations(old).texts(), Translations(new).texts()
            for code in sorted({*old_texts, *new_texts}):
                if old_texts.get(code) != new_texts.get(code):
                    label = _("%(field)s (%(language)s)") % {
                        "field": field.verbose_name,
                        "language": LANGUAGE_NAMES.get(code, code),
                    }
                    rows.append((label, old_texts.get(code) or "–", new_texts.get(code) or "–"))
            continue
        rows.append((field.verbose_name, _display(field, old), _display(field, new)))
    return rows

"""Reads of the directory for the office: what a proposed profile change changes."""

from django.utils import timezone
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


def organisation_hub(organisation, *, for_office):
    """What the organisation's page for its representatives (and the office) shows:
    its representatives, its waiting profile change, the events it organises with the
    office (counts only: names stay with the office), its statements (drafts too) and,
    for the office, the requests to represent it. A fixed number of queries."""
    from teilhabe.consultation.models import Statement
    from teilhabe.events.models import Event
    from teilhabe.workspace.selectors import _upcoming_and_past, _with_counts

    from .claims import representatives_of
    from .models import RepresentationClaim

    municipality = organisation.municipality
    events = _with_counts(
        Event.objects.for_municipality(municipality)
        .exclude(status=Event.Status.DRAFT)
        .filter(pk__in=Event.objects.filter(organisers=organisation).values("pk"))
    )
    hub = {
        "representatives": list(representatives_of(organisation)),
        "pending_change": organisation.profile_changes.pending().first(),
        "events": _upcoming_and_past(events, timezone.now()),
        "statements": list(
            Statement.objects.for_municipality(municipality)
            .filter(pk__in=Statement.objects.filter(organisations=organisation).values("pk"))
            .order_by("-submitted_on", "-pk")
        ),
        "claims": [],
    }
    if for_office:
        hub["claims"] = list(
            RepresentationClaim.objects.for_municipality(municipality)
            .pending()
            .filter(organisation=organisation)
            .select_related("municipality")
        )
    return hub

"""What the office reads about its translations: per content language, how many texts
are missing or outdated, grouped by concept cycle (and field of action), by event, and
the rest; which texts those are; and the units of an export.

All of it is computed from ``units.units_of`` (one query per translatable model), so
every page costs the same number of queries whatever the number of texts.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .content import SOURCE_LANGUAGE
from .units import GROUP_CYCLE, GROUP_EVENT, GROUP_OTHER, group_of, in_scope, units_of
from .xliff import ExportUnit

LANGUAGE_NAMES = dict(settings.LANGUAGES)
MISSING, OUTDATED = "missing", "outdated"


@dataclass
class Counts:
    label: str = ""
    scope: str = ""  # the export scope of this group, if it can be exported alone
    texts: int = 0
    missing: int = 0
    outdated: int = 0
    parts: list = field(default_factory=list)  # fields of action of a cycle
    by_part: dict = field(default_factory=dict, repr=False)

    def add(self, state):
        self.texts += 1
        if state == MISSING:
            self.missing += 1
        elif state == OUTDATED:
            self.outdated += 1

    @property
    def to_do(self):
        return self.missing + self.outdated


@dataclass
class LanguageReport:
    code: str
    name: str
    total: Counts
    cycles: list
    events: list
    other: list
    to_do: list  # the units that are missing or outdated, in order


def translation_languages(municipality):
    """The municipality's content languages that are translated into (all but German)."""
    return [code for code in municipality.offered_languages() if code != SOURCE_LANGUAGE]


def _title(units, model_label, pk):
    for unit in units.get((model_label, pk), ()):
        if unit.field in ("title", "name"):
            return str(unit.texts)
    return ""


def language_report(municipality, language, units=None):
    """How far ``language`` is: counts for the whole municipality and per group."""
    units = units_of(municipality) if units is None else units
    by_object = {}
    for unit in units:
        by_object.setdefault((unit.model.label, unit.pk), []).append(unit)
    total = Counts(label=_("All texts"), scope="all")
    cycles, events, other = {}, {}, {}
    to_do = []
    for unit in units:
        state = unit.state(language)
        total.add(state)
        if state != "current":
            to_do.append((unit, state))
        group = group_of(unit)
        if group == GROUP_EVENT:
            _group(events, by_object, "events.event", unit.event_id, group).add(state)
        elif group == GROUP_CYCLE:
            cycle = _group(cycles, by_object, "plan.conceptcycle", unit.cycle_id, group)
            cycle.add(state)
            _part(cycle, unit.field_of_action_id, by_object).add(state)
        else:
            model = unit.model.model
            counts = other.setdefault(
                unit.model.label,
                Counts(label=str(model._meta.verbose_name_plural).capitalize(), scope=GROUP_OTHER),
            )
            counts.add(state)
    for cycle in cycles.values():
        cycle.parts = [p for _key, p in sorted(cycle.by_part.items(), key=_part_order)]
    return LanguageReport(
        code=language,
        name=LANGUAGE_NAMES.get(language, language),
        total=total,
        cycles=list(cycles.values()),
        events=sorted(events.values(), key=lambda c: c.label),
        other=sorted(other.values(), key=lambda c: c.label),
        to_do=to_do,
    )


def _group(groups, by_object, model_label, pk, kind):
    """The counts of the cycle or event ``pk``, named by its title."""
    if pk not in groups:
        groups[pk] = Counts(label=_title(by_object, model_label, pk), scope=f"{kind}:{pk}")
    return groups[pk]


def _part(cycle, field_of_action_id, by_object):
    """The counts of one field of action within ``cycle`` (None: the cycle's own texts,
    its phases and needs for action)."""
    if field_of_action_id not in cycle.by_part:
        if field_of_action_id is None:
            label = _("Texts of the cycle itself")
        else:
            texts = by_object.get(("plan.fieldofaction", field_of_action_id), ())
            label = texts[0].context if texts else ""
        cycle.by_part[field_of_action_id] = Counts(label=label)
    return cycle.by_part[field_of_action_id]


def _part_order(item):
    key, counts = item
    return (key is None, counts.label)


def overview(municipality):
    """One report per translation language, from one reading of the units."""
    units = units_of(municipality)
    return [
        language_report(municipality, code, units) for code in translation_languages(municipality)
    ]


def scope_choices(municipality, units=None):
    """(value, label) of the export scopes: everything, each cycle, each event, the rest."""
    units = units_of(municipality) if units is None else units
    report = language_report(municipality, SOURCE_LANGUAGE, units)
    choices = [("all", _("All texts"))]
    choices += [
        (c.scope, _("Concept cycle: %(title)s") % {"title": c.label}) for c in report.cycles
    ]
    choices += [(e.scope, _("Event: %(title)s") % {"title": e.label}) for e in report.events]
    choices.append((GROUP_OTHER, _("Other texts (municipality, directory, venues ...)")))
    return choices


def export_units(municipality, language, *, scope="all", include_outdated=True):
    """The units to send for translation into ``language``."""
    wanted = {MISSING, OUTDATED} if include_outdated else {MISSING}
    result = []
    for unit in units_of(municipality):
        state = unit.state(language)
        if state not in wanted or not in_scope(unit, scope):
            continue
        result.append(
            ExportUnit(
                id=unit.id,
                source_version=unit.source_version,
                source=unit.german,
                target=unit.texts.get(language, "") if state == OUTDATED else "",
                context=f"{unit.context} – {unit.field_label}",
                state=state,
            )
        )
    return result

"""The translatable texts of one municipality, read as units: one unit per object and
translated field that has a German text.

Every model with a ``TranslatedField`` that belongs to a municipality takes part, unless
it says ``in_translation_workflow = False``; how it belongs is read from the same
declaration the admin and the API use (``municipality`` field or ``municipality_path``,
teilhabe.tenants.scoping); shared vocabularies are skipped. Each model is read in one
query, whatever the number of its rows, so the overview and the exports cost a fixed
number of queries.

A unit's id names model, primary key and field, followed by a signature over these and
the municipality (``unit_id``): an id changed by hand, or taken from another
municipality's export, does not verify here. Imports check ownership anyway.
"""

from collections import deque
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from teilhabe.tenants.scoping import municipality_lookup, scope_to_municipalities

from .content import SOURCE_LANGUAGE
from .fields import TranslatedField, Translations

GROUP_CYCLE, GROUP_EVENT, GROUP_OTHER = "cycle", "event", "other"
SIGNATURE_SALT = "teilhabe.languages.unit"


@dataclass(frozen=True)
class TranslatableModel:
    model: type
    fields: tuple  # names of its TranslatedFields
    event_path: str | None  # ORM path to the event it belongs to ("pk" for an event)
    cycle_path: str | None
    field_of_action_path: str | None

    @property
    def label(self):
        return self.model._meta.label_lower


def _path_to(model, target, owned):
    """The shortest path of foreign keys from ``model`` to ``target`` (``"pk"`` if they
    are the same), through models that belong to a municipality; None if there is none.
    Self-references (a predecessor) are not followed: they lead to another object."""
    if model is target:
        return "pk"
    queue = deque([(model, [])])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for f in current._meta.concrete_fields:
            related = f.related_model if f.many_to_one or f.one_to_one else None
            if related is None or related is current or related in seen:
                continue
            if related is target:
                return "__".join([*path, f.name])
            # Only through a parent the object cannot lack (a measure's goal), not
            # through an optional link (the measure that took up a need for action).
            if related in owned and not f.null and len(path) < 2:
                seen.add(related)
                queue.append((related, [*path, f.name]))
    return None


def translatable_models():
    """Every model with translated fields that belongs to a municipality, in a stable
    order (app, model)."""
    cycle = apps.get_model("plan", "ConceptCycle")
    field_of_action = apps.get_model("plan", "FieldOfAction")
    event = apps.get_model("events", "Event")
    candidates = []
    for model in apps.get_models():
        names = tuple(f.name for f in model._meta.concrete_fields if isinstance(f, TranslatedField))
        # A model may keep out (``in_translation_workflow = False``): texts written once
        # and used at once, such as a message sent to an event's participants.
        in_workflow = getattr(model, "in_translation_workflow", True)
        if names and in_workflow and municipality_lookup(model) is not None:
            candidates.append((model, names))
    owned = {model for model, _names in candidates}
    result = []
    for model, names in sorted(candidates, key=lambda c: c[0]._meta.label_lower):
        event_path = _path_to(model, event, owned)
        result.append(
            TranslatableModel(
                model=model,
                fields=names,
                event_path=event_path,
                cycle_path=None if event_path else _path_to(model, cycle, owned),
                field_of_action_path=None
                if event_path
                else _path_to(model, field_of_action, owned),
            )
        )
    return result


def model_by_label(label):
    for entry in translatable_models():
        if entry.label == label:
            return entry
    return None


# --- Unit ids -------------------------------------------------------------------------------


def _signature(municipality_id, label, pk, field_name):
    value = f"{municipality_id}:{label}:{pk}:{field_name}"
    return salted_hmac(SIGNATURE_SALT, value).hexdigest()[:12]


def unit_id(municipality_id, label, pk, field_name):
    """``plan.measure-12-title-<signature>``: an XML name token, readable by people."""
    return f"{label}-{pk}-{field_name}-{_signature(municipality_id, label, pk, field_name)}"


@dataclass(frozen=True)
class ParsedId:
    label: str
    pk: int
    field: str
    signed_here: bool  # the signature is this municipality's


def parse_unit_id(municipality_id, text):
    """The parts of a unit id, or None if it is not one."""
    parts = (text or "").split("-")
    if len(parts) != 4 or not parts[1].isdigit() or not parts[1].isascii():
        return None
    label, pk, field_name, signature = parts
    if "." not in label or not field_name:
        return None
    expected = _signature(municipality_id, label, int(pk), field_name)
    return ParsedId(label, int(pk), field_name, constant_time_compare(signature, expected))


# --- Units ----------------------------------------------------------------------------------


@dataclass
class Unit:
    id: str
    model: TranslatableModel
    pk: int
    field: str
    texts: Translations
    event_id: int | None = None
    cycle_id: int | None = None
    field_of_action_id: int | None = None
    context: str = ""  # what the text is, for people: "Measure 2.1.1 – title"
    edit_url: str = ""

    @property
    def german(self):
        return self.texts.get(SOURCE_LANGUAGE, "")

    @property
    def source_version(self):
        from .fields import source_version

        return source_version(self.german)

    def state(self, language):
        """ "missing", "outdated" or "current" for ``language``."""
        if not self.texts.get(language):
            return "missing"
        if self.texts.is_outdated(language):
            return "outdated"
        return "current"

    @property
    def field_label(self):
        return self.model.model._meta.get_field(self.field).verbose_name


def _rows(entry, municipality):
    """One query: pk, the grouping keys and the translated fields of every row of
    ``entry.model`` that belongs to ``municipality``."""
    model = entry.model
    queryset = scope_to_municipalities(model._default_manager.all(), [municipality.pk])
    keys = {"pk": "pk"}
    for name, path in (
        ("event_id", entry.event_path),
        ("cycle_id", entry.cycle_path),
        ("field_of_action_id", entry.field_of_action_path),
    ):
        if path:
            keys[name] = path
    names = [
        *dict.fromkeys(keys.values()),
        *entry.fields,
        *_describing_fields(model),
        *_edit_page_paths(entry),
    ]
    return keys, queryset.order_by("pk").values(*dict.fromkeys(names))


def _describing_fields(model):
    """Plain fields that help a person recognise an object (its code, number, name)."""
    wanted = ("code", "number", "slug", "name")
    return [f.name for f in model._meta.concrete_fields if f.name in wanted]


def describe_object(entry, obj):
    """The same description for a loaded object."""
    names = [*_describing_fields(entry.model), *entry.fields]
    return _describe(entry, {name: getattr(obj, name) for name in names})


def _describe(entry, row):
    """ "Measure 2.1.1 «Sprachcafés»"-like text for a row, from the loaded values."""
    verbose = str(entry.model._meta.verbose_name)
    name = row.get("code") or row.get("number")
    title = None
    for candidate in ("title", "name"):
        value = row.get(candidate)
        if isinstance(value, dict) and value.get(SOURCE_LANGUAGE):
            title = value[SOURCE_LANGUAGE]
            break
        if isinstance(value, str) and value:
            title = value
            break
    parts = [verbose.capitalize()]
    if name:
        parts.append(str(name))
    if title:
        parts.append(f"„{title[:80]}“")
    return " ".join(parts)


# Where the office edits each model's texts in the interface: the page's URL name and,
# for each of its arguments, the row value it comes from (a path the row query reads).
# A field may have a page of its own (a station's results). Models not named here
# (venues, series, audience groups, departments, the municipality's introduction) have
# no page of their own and keep the admin's change page.
EDIT_PAGES = {
    "plan.conceptcycle": ("plan:cycle_edit", {"cycle": "slug"}),
    "plan.cyclephase": ("plan:phase_note_edit", {"cycle": "cycle__slug", "pk": "pk"}),
    "plan.fieldofaction": ("plan:field_edit", {"cycle": "cycle__slug", "pk": "pk"}),
    "plan.fundingline": ("plan:funding_line_edit", {"cycle": "cycle__slug", "pk": "pk"}),
    "plan.goal": ("plan:goal_edit", {"cycle": "field__cycle__slug", "pk": "pk"}),
    "plan.indicator": ("plan:indicator_edit", {"cycle": "cycle__slug", "pk": "pk"}),
    "plan.measure": ("plan:measure_edit", {"cycle": "cycle__slug", "pk": "pk"}),
    "plan.openitem": ("plan:open_item_edit", {"cycle": "cycle__slug", "pk": "pk"}),
    "events.event": ("events:edit", {"slug": "slug"}),
    "events.programmeitem": ("events:programme", {"slug": "event__slug"}),
    "events.station": ("events:programme_item", {"slug": "item__event__slug", "pk": "item"}),
    "directory.organisation": ("directory:organisation_edit", {"slug": "slug"}),
    # Consultations and drafts (teilhabe/consultation/views/manage.py): a draft's sections
    # are edited on the draft's page, as pasted text per language.
    "consultation.consultation": ("consultation:edit", {"consultation": "slug"}),
    "consultation.draft": (
        "consultation:draft_edit",
        {"consultation": "consultation__slug", "version": "version"},
    ),
    "consultation.section": (
        "consultation:draft_edit",
        {"consultation": "draft__consultation__slug", "version": "draft__version"},
    ),
    # The consultation's working side (teilhabe/consultation/views/statements.py, office.py).
    "consultation.statement": ("consultation:statement_edit", {"pk": "pk"}),
    "consultation.demand": (
        "consultation:demand_edit",
        {"cycle": "cycle__slug", "number": "number"},
    ),
    "consultation.demandtag": ("consultation:tag_edit", {"pk": "pk"}),
    "consultation.answer": (
        "consultation:answer",
        {"cycle": "demand__cycle__slug", "number": "demand__number"},
    ),
    # Bodies (teilhabe/bodies/views/manage.py).
    "bodies.body": ("bodies:edit", {"slug": "slug"}),
    "bodies.membership": ("bodies:membership_edit", {"slug": "body__slug", "pk": "pk"}),
}
FIELD_EDIT_PAGES = {
    ("events.station", "results"): ("events:results", {"slug": "item__event__slug"}),
}


def _edit_pages(entry):
    pages = [EDIT_PAGES.get(entry.label)]
    pages += [page for (label, _f), page in FIELD_EDIT_PAGES.items() if label == entry.label]
    return [page for page in pages if page]


def _edit_page_paths(entry):
    return [path for _name, args in _edit_pages(entry) for path in args.values()]


def _edit_url(entry, row, field, municipality):
    """The interface page where the office edits this text; where there is none, the
    admin's change page (office admins may use it)."""
    page = FIELD_EDIT_PAGES.get((entry.label, field)) or EDIT_PAGES.get(entry.label)
    if page:
        name, args = page
        kwargs = {arg: row[path] for arg, path in args.items()}
        return reverse(name, kwargs={"municipality": municipality.slug, **kwargs})
    meta = entry.model._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row["pk"]])
    except NoReverseMatch:
        return ""


def units_of(municipality, *, models=None):
    """Every unit of ``municipality`` with a German text, in a stable order.
    One query per translatable model."""
    units = []
    for entry in models or translatable_models():
        keys, rows = _rows(entry, municipality)
        for row in rows:
            context = _describe(entry, row)
            for name in entry.fields:
                texts = Translations(row[name] if isinstance(row[name], dict) else None)
                if not texts.get(SOURCE_LANGUAGE):
                    continue
                units.append(
                    Unit(
                        id=unit_id(municipality.pk, entry.label, row["pk"], name),
                        model=entry,
                        pk=row["pk"],
                        field=name,
                        texts=texts,
                        event_id=row.get(keys.get("event_id")),
                        cycle_id=row.get(keys.get("cycle_id")),
                        field_of_action_id=row.get(keys.get("field_of_action_id")),
                        context=context,
                        edit_url=_edit_url(entry, row, name, municipality),
                    )
                )
    return units


def group_of(unit):
    if unit.event_id:
        return GROUP_EVENT
    if unit.cycle_id:
        return GROUP_CYCLE
    return GROUP_OTHER


def in_scope(unit, scope):
    """``scope``: "all", "cycle:<pk>", "event:<pk>" or "other"."""
    if scope in (None, "", "all"):
        return True
    if scope == GROUP_OTHER:
        return group_of(unit) == GROUP_OTHER
    kind, _sep, pk = scope.partition(":")
    if kind == GROUP_CYCLE:
        return group_of(unit) == GROUP_CYCLE and str(unit.cycle_id) == pk
    if kind == GROUP_EVENT:
        return group_of(unit) == GROUP_EVENT and str(unit.event_id) == pk
    return False

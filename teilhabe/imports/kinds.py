"""What each kind of import reads and writes: measures with their goals and fields of
action (for one concept cycle), organisations and departments.

Each kind knows its columns (the export's, ``teilhabe/exports/datasets.py``: a file
exported there imports without a change), which of them are required and which it
ignores (read-only facts such as a measure's status), how it finds an existing row by
its natural key (a measure by its code in the cycle, an organisation by its slug or
else its name, a department by its number or else its name), and how a row compares
with that row. ``load`` reads everything a check needs in a fixed number of queries
(under row locks when importing); ``check`` parses and compares one row without a
query; ``write`` saves the rows that are new or changed (counting them for the page).

Only the importing municipality's rows are read, found or written: a department number,
an organisation or a cycle of another municipality is "unknown" here. A column missing
from the file is left as it is on existing rows (and takes its default on new ones)."""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from teilhabe.directory.models import ActivityField, Department, Language, Organisation
from teilhabe.exports import datasets
from teilhabe.plan.models import FieldOfAction, Goal, Measure, TargetGroup

from . import cells
from .cells import CellError
from .texts import gettext as _

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class RowCheck:
    line: int
    key: str = ""
    action: str = ""
    errors: dict = field(default_factory=dict)  # column -> message (a texts.Text)
    changes: list = field(default_factory=list)  # columns whose value changes
    values: dict = field(default_factory=dict)
    target: object = None

    def fail(self, column, message):
        self.errors.setdefault(column, message)

    def as_preview(self):
        return {
            "line": self.line,
            "key": self.key,
            "action": self.action,
            "errors": [{"column": c, "message": m.as_json()} for c, m in self.errors.items()],
            "changes": self.changes,
        }


def german(texts):
    return texts.text("de") if texts else ""


def with_german(texts, value):
    """The field's translations with ``value`` as the German text (translations stay,
    marked outdated when the German changed)."""
    texts = texts.copy()
    texts.set("de", value)
    return texts


def written(checks, on_progress=None):
    """The rows to write, one by one; ``on_progress(n)`` once the n-th is written."""
    for number, check in enumerate(checks, start=1):
        yield check
        if on_progress is not None:
            on_progress(number)


def unique_slug(base, taken, max_length):
    base = (slugify(base) or "x")[:max_length]
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
        number += 1
    taken.add(candidate)
    return candidate


class ImportKind:
    label = ""
    columns = ()
    required = frozenset()
    ignored = frozenset()  # exported facts the import does not write

    def parse(self, check, raw, present):
        """Fill ``check.values`` from ``raw`` (the row's cells) for the ``present``
        columns; cell errors go to ``check.errors``."""
        for column in self.columns:
            if column not in present or column in self.ignored:
                continue
            parser = getattr(self, f"cell_{column}", None)
            if parser is None:
                continue
            try:
                check.values[column] = parser(raw.get(column, ""))
            except CellError as error:
                check.fail(column, error.args[0])


# --- Departments ----------------------------------------------------------------------------


class DepartmentKind(ImportKind):
    label = gettext_lazy("City departments")
    columns = tuple(datasets.DEPARTMENTS.headers)
    required = frozenset({"name"})
    model = Department

    def cell_number(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return cells.text(value, max_length=20)

    def cell_name(self, value):
        return cells.text(value, max_length=200, required=True)

    def cell_short_name(self, value):
        return cells.text(value, max_length=50)

    def cell_kind(self, value):
        return cells.code(value, Department.Kind.values, default=Department.Kind.OFFICE)

    def load(self, municipality, cycle=None, *, lock=False):
        departments = Department.objects.for_municipality(municipality).order_by("pk")
        if lock:
            departments = departments.select_for_update()
        departments = list(departments)
        return {
            "municipality": municipality,
            "by_number": {d.number: d for d in departments if d.number},
            "by_name": {german(d.name).casefold(): d for d in departments},
            "seen": set(),
            "names": {},
        }

    def check(self, check, state, present):
        values = check.values
        number, name = values.get("number", ""), values.get("name", "")
        check.key = number or name
        if not number:
            values.pop("number", None)  # found by its name; its number stays
        if check.errors:
            return
        found = state["by_number"].get(number) if number else None
        if found is None and not number:
            found = state["by_name"].get(name.casefold())
        key = ("number", number) if number else ("name", name.casefold())
        if key in state["seen"]:
            check.fail(
                "number" if number else "name", _("This department appears twice in the file.")
            )
            return
        state["seen"].add(key)
        owner = state["by_name"].get(name.casefold())
        if name.casefold() in state["names"] or (owner is not None and owner is not found):
            check.fail("name", _("Another department already has this name."))
            return
        state["names"][name.casefold()] = check.line
        check.target = found
        if found is None:
            check.action = NEW
            check.changes = [c for c in present if c in values]
            return
        current = {
            "number": found.number,
            "name": german(found.name),
            "short_name": found.short_name,
            "kind": found.kind,
        }
        check.changes = [c for c in current if c in values and values[c] != current[c]]
        check.action = CHANGED if check.changes else UNCHANGED

    def write(self, checks, state, on_progress=None):
        municipality = state["municipality"]
        for check in written(checks, on_progress):
            values, department = check.values, check.target
            if department is None:
                department = Department(municipality=municipality, name=values["name"])
            if "name" in values:
                department.name = with_german(department.name, values["name"])
            for column in ("number", "short_name", "kind"):
                if column in values:
                    setattr(department, column, values[column])
            department.save()


# --- Organisations --------------------------------------------------------------------------


class OrganisationKind(ImportKind):
    label = gettext_lazy("Organisations")
    columns = tuple(datasets.ORGANISATIONS.headers)
    required = frozenset({"name"})
    ignored = frozenset({"umbrellas", "verified", "url"})
    model = Organisation
    PLAIN = ("name", "short_name", "type", "district", "website", "public_email")
    PLAIN += ("public_phone", "address")

    def cell_slug(self, value):
        return cells.slug(value, max_length=120)

    def cell_name(self, value):
        return cells.text(value, max_length=250, required=True)

    def cell_short_name(self, value):
        return cells.text(value, max_length=60)

    def cell_type(self, value):
        return cells.code(value, Organisation.Type.values, default=Organisation.Type.OTHER)

    def cell_description(self, value):
        return cells.text(value, max_length=cells_limit(Organisation, "description"))

    def cell_activities(self, value):
        codes = cells.listed(value)
        unknown = [c for c in codes if c not in ActivityField.Code.values]
        if unknown:
            raise CellError(
                _("Unknown value “%(value)s”; allowed: %(allowed)s.")
                % {"value": unknown[0], "allowed": ", ".join(ActivityField.Code.values)}
            )
        return sorted(set(codes))

    def cell_languages(self, value):
        return sorted(set(cells.listed(value)))

    def cell_district(self, value):
        return cells.text(value, max_length=100)

    def cell_website(self, value):
        return cells.url(value)

    def cell_public_email(self, value):
        return cells.email(value)

    def cell_public_phone(self, value):
        return cells.text(value, max_length=50)

    def cell_address(self, value):
        return cells.text(value, max_length=250)

    def load(self, municipality, cycle=None, *, lock=False):
        organisations = (
            Organisation.objects.for_municipality(municipality)
            .prefetch_related("activities", "languages")
            .order_by("pk")
        )
        if lock:
            organisations = organisations.select_for_update()
        organisations = list(organisations)
        by_name = {}
        for o in organisations:
            by_name.setdefault(o.name.casefold(), o)
        return {
            "municipality": municipality,
            "by_slug": {o.slug: o for o in organisations},
            "by_name": by_name,
            "activities": {a.code: a for a in ActivityField.objects.all()},
            "languages": {language.code: language for language in Language.objects.all()},
            "slugs": {o.slug for o in organisations},
            "seen": set(),
        }

    def check(self, check, state, present):
        values = check.values
        slug, name = values.get("slug", ""), values.get("name", "")
        check.key = slug or name
        if not slug:
            values.pop("slug", None)  # found by its name, or a slug made from it
        for code in values.get("languages", []):
            if code not in state["languages"]:
                check.fail("languages", _("Unknown language code “%(code)s”.") % {"code": code})
        if check.errors:
            return
        found = state["by_slug"].get(slug) if slug else state["by_name"].get(name.casefold())
        key = found.pk if found is not None else ("slug", slug) if slug else ("name", name)
        if key in state["seen"]:
            check.fail(
                "slug" if slug else "name", _("This organisation appears twice in the file.")
            )
            return
        state["seen"].add(key)
        check.target = found
        if found is None:
            check.action = NEW
            if slug:
                state["slugs"].add(slug)
            check.changes = [c for c in present if c in values]
            return
        current = {c: getattr(found, c) for c in self.PLAIN}
        current["slug"] = found.slug
        current["description"] = german(found.description)
        current["activities"] = sorted(a.code for a in found.activities.all())
        current["languages"] = sorted(language.code for language in found.languages.all())
        check.changes = [c for c in current if c in values and values[c] != current[c]]
        check.action = CHANGED if check.changes else UNCHANGED

    def write(self, checks, state, on_progress=None):
        municipality = state["municipality"]
        for check in written(checks, on_progress):
            values, organisation = check.values, check.target
            if organisation is None:
                slug = values.get("slug") or unique_slug(values["name"], state["slugs"], 120)
                organisation = Organisation(municipality=municipality, slug=slug)
            for column in self.PLAIN:
                if column in values:
                    setattr(organisation, column, values[column])
            if "description" in values:
                organisation.description = with_german(
                    organisation.description, values["description"]
                )
            organisation.save()
            if "activities" in values:
                organisation.activities.set(
                    [
                        _vocabulary(ActivityField, state["activities"], c)
                        for c in values["activities"]
                    ]
                )
            if "languages" in values:
                organisation.languages.set([state["languages"][c] for c in values["languages"]])


def cells_limit(model, name):
    """The longest text a translated field takes (None: unbounded, but cells are)."""
    return model._meta.get_field(name).text_max_length


# --- Measures -------------------------------------------------------------------------------


class MeasureKind(ImportKind):
    label = gettext_lazy("Measures with goals and fields of action")
    columns = (*datasets.MEASURES.headers, datasets.DRAFT_COLUMN.name)
    required = frozenset(
        {"field_number", "field_title", "goal_code", "goal_title", "code", "title"}
    )
    ignored = frozenset({"status", "progress", "url"})
    model = Measure
    PLAIN = ("starts_on", "ends_on", "budget", "funding_source", "priority")

    def cell_cycle(self, value):
        return cells.text(value, max_length=80)

    def cell_field_number(self, value):
        return cells.integer(value, minimum=1, maximum=999, required=True)

    def cell_field_title(self, value):
        return cells.text(value, max_length=cells_limit(FieldOfAction, "title"), required=True)

    def cell_goal_code(self, value):
        return cells.text(code_text(value), max_length=20, required=True)

    def cell_goal_title(self, value):
        return cells.text(value, max_length=cells_limit(Goal, "title"), required=True)

    def cell_code(self, value):
        return cells.text(code_text(value), max_length=20, required=True)

    def cell_title(self, value):
        return cells.text(value, max_length=cells_limit(Measure, "title"), required=True)

    def cell_description(self, value):
        return cells.text(value, max_length=cells_limit(Measure, "description"))

    def cell_lead_departments(self, value):
        return cells.listed(value)

    cell_partner_departments = cell_lead_departments

    def cell_partner_organisations(self, value):
        return cells.listed(value)

    def cell_target_groups(self, value):
        codes = cells.listed(value)
        unknown = [c for c in codes if c not in TargetGroup.Code.values]
        if unknown:
            raise CellError(
                _("Unknown value “%(value)s”; allowed: %(allowed)s.")
                % {"value": unknown[0], "allowed": ", ".join(TargetGroup.Code.values)}
            )
        return sorted(set(codes))

    def cell_starts_on(self, value):
        return cells.day(value)

    cell_ends_on = cell_starts_on

    def cell_budget(self, value):
        return cells.decimal(value, places=2, maximum=10**10 - 1)

    def cell_funding_source(self, value):
        return cells.text(value, max_length=250)

    def cell_priority(self, value):
        return cells.code(value, Measure.Priority.values, default=Measure.Priority.MEDIUM)

    def cell_draft(self, value):
        return cells.truth(value)

    def load(self, municipality, cycle=None, *, lock=False):
        fields = FieldOfAction.objects.filter(municipality=municipality, cycle=cycle)
        goals = Goal.objects.filter(municipality=municipality, field__cycle=cycle)
        measures = Measure.objects.filter(municipality=municipality, cycle=cycle).prefetch_related(
            "lead_departments", "partner_departments", "partner_organisations", "target_groups"
        )
        if lock:
            fields, goals = fields.select_for_update(), goals.select_for_update(of=("self",))
            measures = measures.select_for_update()
        fields = {f.number: f for f in fields.order_by("pk")}
        goals = {(g.field.number, g.code): g for g in goals.select_related("field").order_by("pk")}
        departments = list(Department.objects.for_municipality(municipality))
        by_key = {german(d.name).casefold(): d for d in departments}
        by_key.update({d.number.casefold(): d for d in departments if d.number})
        organisations = Organisation.objects.for_municipality(municipality)
        return {
            "municipality": municipality,
            "cycle": cycle,
            "fields": fields,
            "goals": goals,
            "measures": {m.code: m for m in measures.order_by("pk")},
            "departments": by_key,
            "organisations": {o.slug: o for o in organisations.only("pk", "slug", "name")},
            "target_groups": {t.code: t for t in TargetGroup.objects.all()},
            "field_titles": {},  # number -> (title, line) as the file names them
            "goal_titles": {},
            "seen": {},
            "field_slugs": {f.slug for f in fields.values()},
        }

    def _references(self, check, column, lookup, message, municipality):
        found = []
        for name in check.values.get(column, []):
            obj = lookup.get(name.casefold() if column.endswith("departments") else name)
            if obj is None:
                check.fail(column, message % {"name": name, "municipality": municipality})
            elif obj not in found:
                found.append(obj)
        return found

    def check(self, check, state, present):
        values = check.values
        check.key = values.get("code", "")
        cycle = state["cycle"]
        if "cycle" in values and values["cycle"] not in ("", cycle.slug):
            check.fail(
                "cycle",
                _("This row belongs to the cycle “%(row)s”; the import is for “%(cycle)s”.")
                % {"row": values["cycle"], "cycle": cycle.slug},
            )
        municipality = state["municipality"].name
        no_department = _("%(municipality)s has no department “%(name)s”.")
        lead = self._references(
            check, "lead_departments", state["departments"], no_department, municipality
        )
        partners = self._references(
            check, "partner_departments", state["departments"], no_department, municipality
        )
        organisations = self._references(
            check,
            "partner_organisations",
            state["organisations"],
            _("The directory of %(municipality)s has no organisation “%(name)s”."),
            municipality,
        )
        starts, ends = values.get("starts_on"), values.get("ends_on")
        if starts and ends and ends < starts:
            check.fail("ends_on", _("A measure cannot end before it starts."))
        number, goal_code = values.get("field_number"), values.get("goal_code")
        titles = (
            ("field_title", number, state["field_titles"], state["fields"]),
            ("goal_title", (number, goal_code), state["goal_titles"], state["goals"]),
        )
        # A field of action and a goal have one title in the file.
        for column, key, registry, _existing in titles:
            if column in values and key in registry and registry[key][0] != values[column]:
                check.fail(
                    column,
                    _("Row %(line)s gives it another title: “%(title)s”.")
                    % {"line": registry[key][1], "title": registry[key][0]},
                )
        code = values.get("code")
        if code in state["seen"]:
            check.fail(
                "code",
                _("The code %(code)s appears in row %(line)s already.")
                % {"code": code, "line": state["seen"][code]},
            )
        if check.errors:
            return
        state["seen"][code] = check.line
        changes = []
        for column, key, registry, existing in titles:
            if key in registry:
                continue
            registry[key] = (values[column], check.line)
            found = existing.get(key)
            if found is None or german(found.title) != values[column]:
                changes.append(column)
        wanted = {
            "goal": (number, goal_code),
            "title": values["title"],
            "description": values.get("description"),
            "lead_departments": {d.pk for d in lead},
            "partner_departments": {d.pk for d in partners},
            "partner_organisations": {o.pk for o in organisations},
            "target_groups": set(values.get("target_groups", [])),
            **{c: values.get(c) for c in self.PLAIN},
            "draft": values.get("draft"),
        }
        check.values.update(
            _lead=lead, _partners=partners, _organisations=organisations, _wanted=wanted
        )
        measure = state["measures"].get(code)
        check.target = measure
        if measure is None:
            check.action = NEW
            check.changes = [c for c in present if c in values and c not in self.ignored]
            return
        goal = state["goals"].get(wanted["goal"])
        current = {
            # The goal the file names, if the measure is under it already.
            "goal": wanted["goal"] if goal is not None and goal.pk == measure.goal_id else None,
            "title": german(measure.title),
            "description": german(measure.description),
            "lead_departments": {d.pk for d in measure.lead_departments.all()},
            "partner_departments": {d.pk for d in measure.partner_departments.all()},
            "partner_organisations": {o.pk for o in measure.partner_organisations.all()},
            "target_groups": {t.code for t in measure.target_groups.all()},
            **{c: getattr(measure, c) for c in self.PLAIN},
            "draft": measure.is_draft,
        }
        column_of = {"goal": "goal_code", "draft": "draft"}
        for name, value in wanted.items():
            column = column_of.get(name, name)
            if name != "goal" and column not in values:
                continue
            if value != current[name]:
                changes.append(column)
        check.changes = changes
        check.action = CHANGED if changes else UNCHANGED

    def write(self, checks, state, on_progress=None):
        municipality, cycle = state["municipality"], state["cycle"]
        fields, goals = state["fields"], state["goals"]
        for number, (title, _line) in state["field_titles"].items():
            field_ = fields.get(number)
            if field_ is None:
                slug = unique_slug(f"{number}-{title}", state["field_slugs"], 80)
                field_ = FieldOfAction(
                    municipality=municipality, cycle=cycle, number=number, slug=slug, title=title
                )
                field_.save()
                fields[number] = field_
            elif german(field_.title) != title:
                field_.title = with_german(field_.title, title)
                field_.save(update_fields=["title"])
        for (number, code), (title, _line) in state["goal_titles"].items():
            goal = goals.get((number, code))
            if goal is None:
                goal = Goal(municipality=municipality, field=fields[number], code=code, title=title)
                goal.save()
                goals[(number, code)] = goal
            elif german(goal.title) != title:
                goal.title = with_german(goal.title, title)
                goal.save(update_fields=["title"])
        for check in written(checks, on_progress):
            # A row whose only change is its field's or goal's title saved them above.
            if check.action == NEW or set(check.changes) - {"field_title", "goal_title"}:
                self._write_measure(check, state)

    def _write_measure(self, check, state):
        values, wanted, measure = check.values, check.values["_wanted"], check.target
        goal = state["goals"][wanted["goal"]]
        if measure is None:
            measure = Measure(
                municipality=state["municipality"], cycle=state["cycle"], code=values["code"]
            )
        measure.goal = goal
        measure.title = with_german(measure.title, wanted["title"])
        if "description" in values:
            measure.description = with_german(measure.description, wanted["description"])
        for column in self.PLAIN:
            if column in values:
                setattr(measure, column, wanted[column])
        if "draft" in values:
            measure.is_draft = wanted["draft"]
        measure.save()
        if "lead_departments" in values:
            measure.lead_departments.set(values["_lead"])
        if "partner_departments" in values:
            measure.partner_departments.set(values["_partners"])
        if "partner_organisations" in values:
            measure.partner_organisations.set(values["_organisations"])
        if "target_groups" in values:
            groups = state["target_groups"]
            measure.target_groups.set(
                [_vocabulary(TargetGroup, groups, c) for c in sorted(wanted["target_groups"])]
            )


def _vocabulary(model, rows, code):
    """The shared vocabulary's row of ``code`` (a code of its choices), made if missing."""
    if code not in rows:
        rows[code] = model.objects.get_or_create(code=code)[0]
    return rows[code]


def code_text(value):
    """A code as the file has it; a spreadsheet may have made ``3.2`` a number."""
    if isinstance(value, float):
        return repr(value)
    return value


KINDS = {
    "measures": MeasureKind(),
    "organisations": OrganisationKind(),
    "departments": DepartmentKind(),
}

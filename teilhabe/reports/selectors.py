"""The data of an implementation report, as plain JSON values (``build``): the live
web page renders it, the worker lays it out as a PDF, and publishing stores it as the
frozen version's snapshot. A fixed number of queries whatever the number of measures,
status reports, funding lines or events (tests/reports/test_report.py)."""

from collections import Counter, defaultdict
from datetime import datetime, time

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.bodies.models import Body, Membership
from teilhabe.consultation.models import Answer, Demand
from teilhabe.events.models import Event, Registration
from teilhabe.languages.content import pick, translated
from teilhabe.plan.models import (
    UNFINISHED,
    CyclePhase,
    FundingLine,
    Indicator,
    Measure,
    OpenItem,
    Status,
    StatusReport,
)
from teilhabe.plan.views.public import STATUS_ORDER

# The open demands and unfinished measures listed by name in chapter 6; more are counted.
LISTED = 200

# The columns of a membership the report reads (not the whole organisation or person).
MEMBERSHIP_FIELDS = ("body_id", "organisation_id", "department_id", "person_id", "role", "note")


def _text(obj, field):
    return translated(obj, field).text


def _department(department):
    return _department_name(department.number, department.name)


def _department_name(number, name):
    name = pick(name).text
    return f"{number} – {name}" if number else name


def _day(value):
    return value.isoformat() if value else None


def _foundations(cycle):
    phases = CyclePhase.objects.filter(cycle=cycle).order_by("starts_on")
    return {
        "title": _text(cycle, "title"),
        "short_title": cycle.short_title,
        "summary": _text(cycle, "summary"),
        "starts_on": _day(cycle.starts_on),
        "ends_on": _day(cycle.ends_on),
        "council_decision_number": cycle.council_decision_number,
        "council_decision_date": _day(cycle.council_decision_date),
        "phases": [
            {
                "phase": p.get_phase_display(),
                "starts_on": _day(p.starts_on),
                "ends_on": _day(p.ends_on),
                "note": _text(p, "note"),
            }
            for p in phases
        ],
    }


def _member(membership):
    if membership.organisation_id:
        return membership.organisation.name
    if membership.department_id:
        return _department(membership.department)
    person = membership.person
    return person.name if person.name_is_public else _("A person in their own right")


def _bodies(cycle, starts_on, ends_on):
    """The public bodies of the cycle active in the period, with the members they had."""
    members = (
        Membership.objects.filter(starts_on__lte=ends_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        .select_related("organisation", "department", "person")
        .only(
            *MEMBERSHIP_FIELDS,
            "organisation__name",
            "department__number",
            "department__name",
            "person__name",
            "person__name_is_public",
        )
        .order_by("role", "starts_on", "id")
    )
    bodies = (
        Body.objects.public()
        .filter(cycles=cycle, starts_on__lte=ends_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        .prefetch_related(Prefetch("memberships", queryset=members))
        .order_by("kind", "short_name", "name__de")
    )
    return [
        {
            "name": _text(body, "name"),
            "short_name": body.short_name,
            "kind": body.get_kind_display(),
            "description": _text(body, "description"),
            "starts_on": _day(body.starts_on),
            "ends_on": _day(body.ends_on),
            "members": [
                {"name": _member(m), "role": m.get_role_display(), "note": _text(m, "note")}
                for m in body.memberships.all()
            ],
        }
        for body in bodies
    ]


def _measures(cycle, starts_on, ends_on):
    """The public measures with their status on the last day of the period and their
    highlighted reports, as the report's rows: plain values (a model instance per
    measure, goal, field and department costs more than the rest of the report), with
    the field of action beside each row."""
    last_report = (
        StatusReport.objects.standing()
        .filter(measure=OuterRef("pk"), reported_on__lte=ends_on)
        .order_by("-reported_on", "-created_at", "-id")
    )
    measures = list(
        Measure.objects.public()
        .filter(cycle=cycle)
        .annotate(
            status_then=Subquery(last_report.values("status")[:1]),
            progress_then=Subquery(last_report.values("progress")[:1]),
        )
        .order_by("goal__field__number", "code")
        .values(
            "pk",
            "code",
            "title",
            "description",
            "budget",
            "funding_source",
            "intercultural_opening",
            "status_then",
            "progress_then",
            "goal__field_id",
            "goal__field__number",
            "goal__field__title",
        )
    )
    departments = defaultdict(list)
    leads = (
        Measure.lead_departments.through.objects.filter(measure__in=[m["pk"] for m in measures])
        .order_by("department__number", "department__name__de")
        .values_list("measure_id", "department__number", "department__name")
    )
    for measure_id, number, name in leads:
        departments[measure_id].append(_department_name(number, name))
    highlights = _highlights(cycle, starts_on, ends_on)
    labels = {status: str(status.label) for status in Status}
    return [
        (_measure_row(m, labels, departments[m["pk"]], highlights.get(m["pk"], [])), m)
        for m in measures
    ]


def _highlights(cycle, starts_on, ends_on):
    reports = (
        StatusReport.objects.standing()
        .filter(
            measure__cycle=cycle,
            is_highlight=True,
            reported_on__gte=starts_on,
            reported_on__lte=ends_on,
        )
        .order_by("reported_on", "id")
        .values_list("measure_id", "reported_on", "text")
    )
    by_measure = defaultdict(list)
    for measure_id, reported_on, text in reports:
        by_measure[measure_id].append({"reported_on": _day(reported_on), "text": text})
    return by_measure


def _measure_row(measure, labels, departments, highlights):
    status = Status(measure["status_then"] or Status.PLANNED)
    budget = measure["budget"]
    return {
        "code": measure["code"],
        "title": pick(measure["title"]).text,
        "description": pick(measure["description"]).text,
        "departments": departments,
        "status": status.value,
        "status_label": labels[status],
        "progress": measure["progress_then"] or 0,
        "budget": str(budget) if budget is not None else None,
        "funding_source": measure["funding_source"],
        "highlights": highlights,
    }


def _achievements(measures):
    fields = {}
    departments = {}
    for row, measure in measures:
        entry = fields.setdefault(
            measure["goal__field_id"],
            {
                "number": measure["goal__field__number"],
                "title": pick(measure["goal__field__title"]).text,
                "measures": [],
            },
        )
        entry["measures"].append(row)
        for name in row["departments"]:
            counts = departments.setdefault(name, Counter())
            counts["measures"] += 1
            counts["done"] += row["status"] == Status.DONE
            counts["highlights"] += len(row["highlights"])
    for entry in fields.values():
        counts = Counter(m["status"] for m in entry["measures"])
        entry["status_counts"] = [counts.get(s.value, 0) for s in STATUS_ORDER]
    return (
        list(fields.values()),
        [{"name": name, **counts} for name, counts in sorted(departments.items())],
    )


def _indicators(cycle, opening_only):
    indicators = (
        Indicator.objects.filter(cycle=cycle, intercultural_opening=opening_only)
        .prefetch_related("values")
        .order_by("title__de", "pk")
    )
    return [
        {
            "title": _text(i, "title"),
            "description": _text(i, "description"),
            "unit": i.unit,
            "baseline": str(i.baseline) if i.baseline is not None else None,
            "baseline_year": i.baseline_year,
            "target": str(i.target) if i.target is not None else None,
            "target_year": i.target_year,
            "values": [
                {"year": v.year, "value": str(v.value), "note": v.note} for v in i.values.all()
            ],
        }
        for i in indicators
    ]


def _funding(cycle, starts_on, ends_on, measures):
    lines = (
        FundingLine.objects.filter(cycle=cycle)
        .select_related("department")
        .prefetch_related("amounts")
        .order_by("title__de", "pk")
    )
    rows = []
    for line in lines:
        amounts = [a for a in line.amounts.all() if starts_on.year <= a.year <= ends_on.year]
        rows.append(
            {
                "title": _text(line, "title"),
                "description": _text(line, "description"),
                "department": _department(line.department),
                "amounts": [
                    {"year": a.year, "amount": str(a.amount), "is_estimate": a.is_estimate}
                    for a in amounts
                ],
            }
        )
    budgets = [
        {
            "code": row["code"],
            "title": row["title"],
            "budget": row["budget"],
            "funding_source": row["funding_source"],
        }
        for row, _measure in measures
        if row["budget"] is not None
    ]
    return {"lines": rows, "budgets": budgets}


def _participation(cycle, starts_on, ends_on):
    tz = timezone.get_current_timezone()
    start = datetime.combine(starts_on, time.min, tzinfo=tz)
    end = datetime.combine(ends_on, time.max, tzinfo=tz)
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    rows = (
        Event.objects.public()
        .filter(municipality=cycle.municipality, starts_at__gte=start, starts_at__lte=end)
        .filter(status=Event.Status.PUBLISHED)
        .order_by()
        .values("kind")
        .annotate(
            n_events=Count("id", distinct=True),
            n_registrations=Count("registrations", filter=confirmed),
            n_attended=Count(
                "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)
            ),
        )
    )
    kinds = dict(Event.Kind.choices)
    by_kind = [
        {
            "kind": str(kinds.get(r["kind"], r["kind"])),
            "events": r["n_events"],
            "registrations": r["n_registrations"],
            "attended": r["n_attended"],
        }
        for r in sorted(rows, key=lambda r: r["kind"])
    ]
    return {
        "by_kind": by_kind,
        "events": sum(r["events"] for r in by_kind),
        "registrations": sum(r["registrations"] for r in by_kind),
        "attended": sum(r["attended"] for r in by_kind),
    }


def _consultation(cycle):
    demands = Demand.objects.public().filter(cycle=cycle)
    published = Q(answer__state=Answer.State.PUBLISHED)
    rows = (
        demands.order_by()
        .values("answer__outcome")
        .annotate(number=Count("id", filter=published), total=Count("id"))
    )
    outcomes = dict(Answer.Outcome.choices)
    by_outcome = Counter()
    total = 0
    for row in rows:
        total += row["total"]
        if row["number"]:
            by_outcome[row["answer__outcome"]] += row["number"]
    answered = sum(by_outcome.values())
    open_demands = (
        demands.exclude(published).only("number", "text", "municipality_id").order_by("number")
    )
    return {
        "demands": total,
        "answered": answered,
        "open": total - answered,
        "by_outcome": [
            {"outcome": str(label), "number": by_outcome.get(code, 0)}
            for code, label in outcomes.items()
        ],
        "open_demands": [
            {"number": d.number, "text": _text(d, "text")} for d in open_demands[:LISTED]
        ],
    }


def _needs(cycle, measures):
    items = OpenItem.objects.filter(cycle=cycle).order_by("order", "pk")
    unfinished = [row for row, _measure in measures if row["status"] in UNFINISHED]
    return {
        "open_items": [_text(item, "text") for item in items],
        "unfinished": [
            {"code": row["code"], "title": row["title"], "status_label": row["status_label"]}
            for row in unfinished[:LISTED]
        ],
        "unfinished_count": len(unfinished),
    }


def build(cycle, starts_on, ends_on):
    """Everything the report shows, in the active language, as JSON values."""
    measures = _measures(cycle, starts_on, ends_on)
    fields, departments = _achievements(measures)
    opening = [row for row, measure in measures if measure["intercultural_opening"]]
    return {
        "version": 1,
        "municipality": cycle.municipality.name,
        "period": {"starts_on": _day(starts_on), "ends_on": _day(ends_on)},
        "made_on": _day(timezone.localdate()),
        "cycle": _foundations(cycle),
        "bodies": _bodies(cycle, starts_on, ends_on),
        "opening": {"measures": opening, "indicators": _indicators(cycle, True)},
        "indicators": _indicators(cycle, False),
        "statuses": [{"status": s.value, "label": str(s.label)} for s in STATUS_ORDER],
        "fields": fields,
        "departments": departments,
        "funding": _funding(cycle, starts_on, ends_on, measures),
        "participation": _participation(cycle, starts_on, ends_on),
        "consultation": _consultation(cycle),
        "needs": _needs(cycle, measures),
    }

"""Reads of the public trail: a demand with its source, answer and the measures it led
to; the consideration table (Abwägungstabelle) of a consultation; the demands a measure
answers; what became of an organisation's demands.

Everything here is public: demands of ``Demand.objects.public()`` (a merged demand's
own page also: ``with_public_source``), published answers only, fields of action,
goals and measures only where the plan shows them publicly. Each function runs a fixed
number of queries whatever the number of demands, answers or measures."""

from collections import Counter

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Organisation
from teilhabe.plan.models import FieldOfAction, Goal, Measure

from .models import Answer, Consultation, Demand

# Not an outcome of ``Answer.Outcome``: a demand without a published answer.
NOT_ANSWERED = "open"

# The order in which outcomes are counted, filtered and listed.
OUTCOME_ORDER = [
    Answer.Outcome.ADOPTED,
    Answer.Outcome.PARTLY,
    Answer.Outcome.NOT_ADOPTED,
    Answer.Outcome.NOTED,
]
OUTCOME_LABELS = {**dict(Answer.Outcome.choices), NOT_ANSWERED: _("not answered yet")}


def public_measures():
    return (
        Measure.objects.public()
        .select_related("cycle", "goal__field", "latest_report")
        .order_by("cycle__starts_on", "code")
    )


def _sourced(queryset):
    """The source of each demand with what the trail shows of it, in the same query;
    the statement's organisations (published ones only) in one more."""
    return queryset.select_related(
        "cycle",
        "consultation",
        "statement",
        "comment__section__draft__consultation",
        "station__item__event",
        "answer__department",
    ).prefetch_related(
        Prefetch(
            "statement__organisations",
            queryset=Organisation.objects.filter(is_published=True).order_by("name"),
        ),
        Prefetch("fields", queryset=FieldOfAction.objects.public().order_by("number")),
    )


def published_answer(demand):
    """The demand's answer if it is published (a draft or proposal is never shown)."""
    try:
        answer = demand.answer
    except Answer.DoesNotExist:
        return None
    return answer if answer.state == Answer.State.PUBLISHED else None


def outcome_of(demand):
    """The outcome of the published answer, or ``NOT_ANSWERED``."""
    answer = published_answer(demand)
    return answer.outcome if answer else NOT_ANSWERED


def demand_page(municipality, cycle_slug, number):
    """A demand for its public page, or 404: not public (also a merged demand whose own
    source is not public), of another municipality, or no such number."""
    demands = _sourced(
        Demand.objects.for_municipality(municipality).with_public_source()
    ).prefetch_related(
        "tags",
        Prefetch(
            "duplicates",
            queryset=Demand.objects.with_public_source().order_by("number"),
        ),
        Prefetch(
            "answer__goals",
            queryset=Goal.objects.public().select_related("field__cycle").order_by("code"),
        ),
        Prefetch("answer__measures", queryset=public_measures()),
    )
    demand = get_object_or_404(demands, cycle__slug=cycle_slug, number=number)
    if demand.merged_into_id is not None:
        # Shown only as a pointer to the demand it went into, if that one is public.
        demand.merged_into_public = (
            Demand.objects.public().filter(pk=demand.merged_into_id).select_related("cycle").first()
        )
    demand.public_answer = published_answer(demand)
    return demand


# --- The consideration table ------------------------------------------------------------


def public_consultation(municipality, slug):
    return get_object_or_404(
        Consultation.objects.for_municipality(municipality).public().select_related("cycle"),
        slug=slug,
    )


def consideration_demands(consultation, *, field=None, outcome=None, source=None):
    """The public demands of ``consultation`` in number order, filtered by a field of
    action (an instance), an outcome (``Answer.Outcome`` or ``NOT_ANSWERED``) and a
    source (``Demand.Source``); each with its source, fields, answer and measures."""
    demands = Demand.objects.for_municipality(consultation.municipality_id).public()
    demands = demands.filter(consultation=consultation)
    if field is not None:
        demands = demands.filter(fields=field)
    if outcome == NOT_ANSWERED:
        demands = demands.exclude(answer__state=Answer.State.PUBLISHED)
    elif outcome:
        demands = demands.filter(answer__state=Answer.State.PUBLISHED, answer__outcome=outcome)
    if source:
        demands = demands.filter(source=source)
    return (
        _sourced(demands)
        .prefetch_related(Prefetch("answer__measures", queryset=public_measures()))
        .order_by("number")
    )


def outcome_counts(demands):
    """``[(outcome, label, count)]`` of ``demands`` (a queryset) in one grouped query,
    outcomes in ``OUTCOME_ORDER`` then "not answered yet", and the total."""
    rows = (
        demands.order_by()
        .values("answer__state", "answer__outcome")
        .annotate(number=Count("id", distinct=True))
    )
    counter = Counter()
    for row in rows:
        if row["answer__state"] == Answer.State.PUBLISHED:
            counter[row["answer__outcome"]] += row["number"]
        else:
            counter[NOT_ANSWERED] += row["number"]
    return counter


# --- Measures and organisations ---------------------------------------------------------


def demands_answered_by(measure):
    """The public demands whose published answer links ``measure``, in one query."""
    return (
        Demand.objects.for_municipality(measure.municipality_id)
        .public()
        .filter(answer__state=Answer.State.PUBLISHED, answer__measures=measure)
        .select_related("cycle", "answer")
        .order_by("cycle__starts_on", "number")
    )


def organisation_demands(organisation):
    """The public demands of statements ``organisation`` signed."""
    return (
        Demand.objects.for_municipality(organisation.municipality_id)
        .public()
        .filter(statement__organisations=organisation)
    )


def outcome_rows(counter):
    """``[{"outcome", "label", "count"}]`` of an ``outcome_counts`` counter, in the order
    of ``OUTCOME_ORDER`` then "not answered yet"."""
    return [
        {"outcome": str(o), "label": OUTCOME_LABELS[o], "count": counter.get(o, 0)}
        for o in [*OUTCOME_ORDER, NOT_ANSWERED]
    ]


def organisation_outcome_summary(organisation):
    """What became of the organisation's demands: ``{"rows": outcome_rows, "total"}``,
    in one query (a total of 0: the profile shows nothing)."""
    counter = outcome_counts(organisation_demands(organisation))
    return {"rows": outcome_rows(counter), "total": sum(counter.values())}

"""The consultation's part of the workspace ("Mein Bereich"), read with a fixed number
of queries: the office's counts of demands to work on, a department editor's answers
to propose, a representative's statements."""

from django.db.models import Count, Q

from .models import Answer, Demand, Statement

EDITOR_ANSWERS = 20
STATEMENTS = 20


def office_demands(municipality):
    """Counts of the demands the office works on (``DemandQuerySet.in_work``): not
    answered, answer drafted, proposed and waiting for approval. One query."""
    return (
        Demand.objects.for_municipality(municipality)
        .in_work()
        .aggregate(
            new=Count("id", filter=Q(answer__isnull=True)),
            drafts=Count("id", filter=Q(answer__state=Answer.State.DRAFT)),
            proposed=Count("id", filter=Q(answer__state=Answer.State.PROPOSED)),
        )
    )


def editor_answers(role):
    """Answers not yet published that the office gave to the role's departments
    (the newest first), with their demands."""
    departments = [d.pk for d in role.edited_departments()]
    return list(
        Answer.objects.for_municipality(role.municipality)
        .filter(department__in=departments)
        .exclude(state=Answer.State.PUBLISHED)
        .select_related("demand__cycle", "department")
        .order_by("state", "-answered_on", "pk")[:EDITOR_ANSWERS]
    )


def representative_statements(role, organisation_ids):
    """The statements of the organisations ``organisation_ids``, drafts too."""
    return list(
        Statement.objects.for_municipality(role.municipality)
        .filter(pk__in=Statement.objects.filter(organisations__in=organisation_ids).values("pk"))
        .order_by("-submitted_on", "-pk")[:STATEMENTS]
    )

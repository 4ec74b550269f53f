"""The bodies' part of the workspace ("Mein Bereich"), one query each: the office's
bodies with their next meeting, and the bodies a department editor's departments run."""

from django.db.models import Min, Q
from django.utils import timezone

from .models import Body

BODIES = 30


def _with_next_meeting(bodies):
    upcoming = Q(meetings__starts_at__gte=timezone.now(), meetings__cancelled_at__isnull=True)
    return list(
        bodies.select_related("municipality")
        .annotate(next_meeting=Min("meetings__starts_at", filter=upcoming))
        .order_by("kind", "short_name", "name__de")[:BODIES]
    )


def office_bodies(municipality):
    return _with_next_meeting(Body.objects.for_municipality(municipality))


def managed_bodies(role):
    departments = [d.pk for d in role.edited_departments()]
    return _with_next_meeting(
        Body.objects.for_municipality(role.municipality).filter(managed_by__in=departments)
    )

"""Reads about one event for the office: counts by status, at the entrance, and the
statistics page (attendance by audience group and type of organisation, feedback)."""

from collections import Counter

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from teilhabe.languages.content import translated

from . import exports
from .models import AudienceGroup, Registration


def registrations_of(event):
    return Registration.objects.filter(event=event).select_related("organisation", "audience_group")


def status_counts(event):
    """(status, label, count) for every status, in the order of the choices."""
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Registration.Status.choices]


def check_in_counts(event):
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    return {
        "checked_in": confirmed.filter(checked_in_at__isnull=False).count(),
        "confirmed": confirmed.count(),
    }


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def event_statistics(event):
    registrations = Registration.objects.filter(event=event)
    by_status = dict(
        registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    confirmed = by_status.get(Registration.Status.CONFIRMED, 0)
    checked_in = registrations.filter(checked_in_at__isnull=False).count()
    totals = {
        "registrations": registrations.count(),
        "pending": by_status.get(Registration.Status.PENDING, 0),
        "confirmed": confirmed,
        "waiting": by_status.get(Registration.Status.WAITING, 0),
        "cancelled": by_status.get(Registration.Status.CANCELLED, 0),
        "expired": by_status.get(Registration.Status.EXPIRED, 0),
        "checked_in": checked_in,
        "no_shows": registrations.filter(is_no_show=True).count(),
        "attendance_rate": _percent(checked_in, confirmed),
    }

    def grouped(field):
        return registrations.values(field).annotate(
            registrations=Count("id"),
            confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
            checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        )

    group_names = {
        group.pk: translated(group, "name").text
        for group in AudienceGroup.objects.filter(municipality=event.municipality)
    }
    by_group = sorted(
        (
            {**row, "label": group_names.get(row["audience_group"], _("no group given"))}
            for row in grouped("audience_group")
        ),
        key=lambda row: (row["audience_group"] is None, str(row["label"])),
    )
    by_type = sorted(
        (
            {
                **row,
                "label": exports.organisation_type_label(row["organisation_type"])
                or _("no organisation"),
            }
            for row in grouped("organisation_type")
        ),
        key=lambda row: (row["organisation_type"] == "", str(row["label"])),
    )
    feedback = event.feedback.all()
    ratings = Counter(feedback.values_list("rating", flat=True))
    feedback_count = sum(ratings.values())
    average = feedback.aggregate(avg=Avg("rating"))["avg"]
    return {
        "totals": totals,
        "by_group": by_group,
        "by_type": by_type,
        "feedback": {
            "count": feedback_count,
            "average": round(average, 1) if average is not None else None,
            "distribution": [
                (rating, ratings.get(rating, 0), _percent(ratings.get(rating, 0), feedback_count))
                for rating in range(5, 0, -1)
            ],
            "comments": list(
                feedback.exclude(text="").order_by("created_at").values_list("text", flat=True)
            ),
        },
    }

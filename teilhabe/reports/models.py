import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import MunicipalityOwned


def report_path(instance, filename):
    return f"reports/{uuid.uuid4().hex}.pdf"


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, cycle__is_published=True)


class Report(MunicipalityOwned):
    """The implementation report (Umsetzungsbericht) of a cycle for a period in one
    language: laid out as a PDF by the worker (``services.make``), which stores the file
    and the data it came from (``snapshot``). Once published it is a frozen version:
    its public page and its PDF show the snapshot, whatever changes later."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for its turn")
        RUNNING = "running", _("being laid out")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    cycle = models.ForeignKey("plan.ConceptCycle", on_delete=models.CASCADE, related_name="reports")
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    language = models.CharField(_("language"), max_length=20)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=report_path, max_length=200, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="report_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="done"),
                name="report_published_when_done",
            ),
        ]

    def __str__(self):
        return f"{self.cycle} {self.starts_on}–{self.ends_on} ({self.language})"

    def get_absolute_url(self):
        return reverse(
            "reports:published",
            kwargs={
                "municipality": self.municipality.slug,
                "cycle": self.cycle.slug,
                "pk": self.pk,
            },
        )

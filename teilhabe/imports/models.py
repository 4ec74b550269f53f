from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.tenants.models import MunicipalityOwned

from . import texts


class DataImport(MunicipalityOwned):
    """An uploaded CSV or XLSX file of measures (for one concept cycle), organisations or
    departments, on its way through check, preview, confirmation and import. The worker
    checks it (``rows_checked`` of ``rows_total``, polled by the page) and, once the
    office confirms, imports it all or nothing (``services``).

    The file (``content``) is kept only while it may still be imported: it is emptied
    when the import is done, refused, failed or cancelled, and an upload left waiting
    longer than TEILHABE_IMPORT_KEEP_HOURS is cancelled with its preview
    (``services.forget_abandoned``)."""

    class Kind(models.TextChoices):
        MEASURES = "measures", _("Measures with goals and fields of action")
        ORGANISATIONS = "organisations", _("Organisations")
        DEPARTMENTS = "departments", _("City departments")

    class Status(models.TextChoices):
        CHECKING = "checking", _("being checked")
        CHECKED = "checked", _("checked, waiting for confirmation")
        REFUSED = "refused", _("refused: the file has errors")
        IMPORTING = "importing", _("being imported")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", pgettext_lazy("data import", "cancelled")

    kind = models.CharField(_("kind of data"), max_length=20, choices=Kind)
    cycle = models.ForeignKey(
        "plan.ConceptCycle",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("concept cycle"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The uploader's language (the messages are kept untranslated, ``texts``).
    language = models.CharField(max_length=20, default="de")
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status, default=Status.CHECKING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    # {"counts": {"new": n, "changed": n, "unchanged": n}, "errors": [...], "rows": [...]}
    preview = models.JSONField(default=dict, blank=True)
    # {"new": n, "changed": n, "unchanged": n} of the import itself
    result = models.JSONField(default=dict, blank=True)
    # Why the whole file was refused (``texts.Text.as_json()``), shown in the reader's
    # language; ``error`` is what broke when the worker failed.
    reason = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data import")
        verbose_name_plural = _("data imports")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def progress(self):
        """Per cent of the rows checked."""
        if not self.rows_total:
            return 0
        return min(100, self.rows_checked * 100 // self.rows_total)

    @property
    def is_settled(self):
        """Nothing will change without the office: the page stops asking."""
        return self.status not in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def is_cancellable(self):
        """Not imported and not being imported: the office may cancel it (a refused
        one: delete its list of errors)."""
        return self.status in (self.Status.CHECKING, self.Status.CHECKED, self.Status.REFUSED)

    @property
    def refusal(self):
        """Why the file was refused, in the active language."""
        return texts.render(self.reason)

    @property
    def error_rows(self):
        """The preview's rows with errors, their messages in the active language."""
        return [
            {
                **row,
                "errors": [
                    {"column": e["column"], "message": texts.render(e["message"])}
                    for e in row["errors"]
                ],
            }
            for row in self.preview.get("errors", [])
        ]

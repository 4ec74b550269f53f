from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import MunicipalityOwned


class TranslationImport(MunicipalityOwned):
    """A file returned by a translation agency, kept between the preview and the
    confirmation: the confirmation reads and checks the stored file again (under row
    locks), it never trusts what the preview page sent back."""

    language = models.CharField(_("language"), max_length=20)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_count = models.PositiveIntegerField(_("texts imported"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("translation import")
        verbose_name_plural = _("translation imports")

    def __str__(self):
        return f"{self.filename} ({self.language})"

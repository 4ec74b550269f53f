from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import MunicipalityOwned, MunicipalityQuerySet


class ApiTokenQuerySet(MunicipalityQuerySet):
    def usable(self, now=None):
        """Not revoked, not expired (valid through its last day, Berlin time)."""
        today = timezone.localdate(now)
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
        )


class ApiToken(MunicipalityOwned):
    """A staff member's key to the API's changes in one municipality. The token itself
    (``thb_<prefix>_<secret>``) is shown once, when it is made; only its SHA-256 is
    kept, beside the prefix by which a request's token is found. Revoked tokens stay
    listed (when made, last used, revoked) and never work again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “report script”.")
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_on = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Optional: the last day on which the token works."),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} (thb_{self.prefix}_…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_on is not None and self.expires_on < timezone.localdate()

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.languages import content
from teilhabe.languages.content import TranslatableMixin
from teilhabe.languages.fields import TranslatedField

from .validators import validate_municipality_slug


class MunicipalityManager(models.Manager):
    def active(self):
        """The municipalities the platform serves: pages, API and landing page alike."""
        return self.filter(is_active=True)


class Municipality(TranslatableMixin, models.Model):
    """A Kommune. Every domain object belongs to exactly one; public URLs carry its slug."""

    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(
        _("official name"), max_length=200, blank=True, help_text=_("e.g. Landeshauptstadt Dresden")
    )
    slug = models.SlugField(
        _("short name in addresses"), unique=True, validators=[validate_municipality_slug]
    )
    state = models.CharField(_("federal state"), max_length=100, blank=True)
    office_name = models.CharField(
        _("integration office"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Integrations- und Ausländerbeauftragte"),
    )
    office_email = models.EmailField(_("office e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    introduction = TranslatedField(_("introduction"), multiline=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    content_languages = models.JSONField(
        _("content languages"),
        default=content.default_content_languages,
        validators=[content.validate_content_languages],
        help_text=_(
            "The languages the municipality publishes its texts in. German is always on "
            "and is the source of every translation."
        ),
    )
    status_reminders_sent_at = models.DateTimeField(
        _("status reminders last sent"), null=True, blank=True, editable=False
    )
    fallback_languages = models.JSONField(
        _("fallback languages"),
        default=dict,
        blank=True,
        help_text=_(
            "Per language, the languages shown before German when a text is missing, e.g. "
            '{"uk": ["ru"]}. Without an entry a missing text falls back to German.'
        ),
    )

    objects = MunicipalityManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:municipality", kwargs={"municipality": self.slug})

    def clean(self):
        super().clean()
        if isinstance(self.content_languages, list):
            try:
                content.validate_fallbacks(self.fallback_languages, self.content_languages)
            except ValidationError as error:
                raise ValidationError({"fallback_languages": error.messages}) from error

    def offered_languages(self):
        """The content languages, German first, in the installation's order."""
        return content.ordered(self.content_languages or [])

    def fallback_chain(self, language):
        """Where a text missing in ``language`` is looked for, in order, ending in
        German: the configured fallbacks that are still offered, then German."""
        offered = self.offered_languages()
        chain = [language]
        if language != content.PLAIN_LANGUAGE:
            chain += (self.fallback_languages or {}).get(language, [])
        chain.append(content.SOURCE_LANGUAGE)
        return [
            code
            for i, code in enumerate(chain)
            if code not in chain[:i] and (code in offered or code == language)
        ]


class MunicipalityQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class MunicipalityOwned(models.Model):
    """Base for every model whose rows belong to one municipality.

    Queries go through ``Model.objects.for_municipality(m)``; the admin and the API
    scope the same way (see teilhabe.tenants.scoping).
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"), related_name="+"
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        abstract = True

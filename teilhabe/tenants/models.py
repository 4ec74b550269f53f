from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.content import TranslatableMixin

from .validators import validate_municipality_slug


class MunicipalityManager(models.Manager):
    def active(self):
        """The municipalities the platform serves: pages, API and landing page alike."""
        return self.filter(is_active=True)


class Municipality(TranslatableMixin, models.Model):
    """A Kommune. Every domain object belongs to exactly one; public URLs carry its slug."""

    translatable_fields = ("introduction",)

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
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_simple = models.TextField(_("introduction (plain language)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = MunicipalityManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:municipality", kwargs={"municipality": self.slug})


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

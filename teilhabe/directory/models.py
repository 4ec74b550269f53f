from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.content import TranslatableMixin, texts_in_every_language
from teilhabe.languages.fields import TranslatedField
from teilhabe.tenants.models import MunicipalityOwned, MunicipalityQuerySet

from . import search


class Department(TranslatableMixin, MunicipalityOwned):
    """An Amt with its official number (e.g. "41 – Kulturamt"), an Eigenbetrieb or
    another unit of the city administration."""

    class Kind(models.TextChoices):
        OFFICE = "office", pgettext_lazy("department kind", "Office (Amt)")
        ENTERPRISE = "enterprise", _("Municipal enterprise (Eigenbetrieb)")
        DIVISION = "division", _("Division or staff unit")
        OTHER = "other", _("Other unit")

    number = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_("Official number, e.g. 41")
    )
    name = TranslatedField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OFFICE)
    contact_email = models.EmailField(
        _("contact e-mail (internal)"),
        blank=True,
        help_text=_("Receives reminders when the department has no editor. Not public."),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demonstration.")
    )

    class Meta:
        ordering = ["municipality", "number", "name__de"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"],
                condition=~Q(number=""),
                name="department_number_unique_per_municipality",
            ),
            models.UniqueConstraint(
                "municipality",
                KT("name__de"),
                name="department_name_unique_per_municipality",
                violation_error_message=_(
                    "This municipality already has a department of this name."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.name}" if self.number else str(self.name)


class ActivityField(models.Model):
    """A field in which organisations are active (politics, culture, sport, ...).
    A shared vocabulary, the same for every municipality."""

    is_shared_vocabulary = True

    class Code(models.TextChoices):
        POLITICS = "politics", _("Politics and participation")
        CULTURE = "culture", _("Culture")
        SPORT = "sport", _("Sport")
        EDUCATION = "education", _("Education")
        LANGUAGE = "language", _("Language courses")
        SOCIAL = "social", _("Social work and counselling")
        RELIGION = "religion", _("Religion")
        YOUTH = "youth", _("Children, youth and family")
        WORK = "work", _("Work and vocational training")
        HEALTH = "health", _("Health")
        HOUSING = "housing", _("Housing")
        WOMEN = "women", _("Women")
        REFUGEES = "refugees", _("Refugees and asylum")
        ANTIDISCRIMINATION = "antidiscrimination", _("Anti-discrimination")

    code = models.CharField(max_length=30, choices=Code, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")

    def __str__(self):
        # The enum's label, not get_code_display(): that builds a dict of every choice
        # on each call, once per option of each filter form.
        try:
            return str(self.Code(self.code).label)
        except ValueError:
            return self.code


class Language(models.Model):
    """A language an organisation works in (ISO 639 code). A shared vocabulary.

    Language names are the same in standard and plain German, so they carry a German
    and an English name only."""

    is_shared_vocabulary = True

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name_en if get_language() == "en" else self.name


class OrganisationQuerySet(MunicipalityQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, query):
        return search.filter_by_query(self, query)


class Organisation(TranslatableMixin, search.SearchTextMixin, MunicipalityOwned):
    """A migrant organisation, umbrella association, welfare association, authority,
    school, chamber, job centre or other body active in the municipality."""

    class Type(models.TextChoices):
        MIGRANT = "migrant", _("Migrant organisation")
        UMBRELLA = "umbrella", _("Umbrella association")
        WELFARE = "welfare", _("Welfare association")
        AUTHORITY = "authority", _("Authority")
        EDUCATION = "education", _("School or university")
        CHAMBER = "chamber", _("Chamber")
        EMPLOYMENT = "employment", _("Job centre or employment agency")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=120)
    type = models.CharField(_("type"), max_length=20, choices=Type, default=Type.OTHER)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    activities = models.ManyToManyField(
        ActivityField, blank=True, verbose_name=_("fields of activity")
    )
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    district = models.CharField(_("district"), max_length=100, blank=True)
    founded_in = models.PositiveSmallIntegerField(
        _("year of founding"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
    )
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    umbrellas = models.ManyToManyField(
        "self",
        through="UmbrellaMembership",
        symmetrical=False,
        related_name="members",
        blank=True,
        verbose_name=_("member of"),
    )
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    # Not public: seen only by the office and the organisation's representatives.
    internal_contact_name = models.CharField(
        _("internal contact person"), max_length=200, blank=True
    )
    internal_contact_email = models.EmailField(_("internal contact e-mail"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Details invented for the demonstration.")
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="organisation_slug_unique_per_municipality"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "is_published", "type"])]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        return reverse(
            "directory:organisation",
            kwargs={"municipality": self.municipality.slug, "slug": self.slug},
        )

    def mark_verified(self):
        self.is_verified = True
        self.verified_at = timezone.now()

    def build_search_text(self):
        """Every word a visitor might search for, in every language."""
        parts = [self.name, self.short_name, self.district]
        for field in self.translated_field_names():
            parts += texts_in_every_language(self, field)
        activities = list(self.activities.all()) if self.pk else []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                parts.append(str(self.get_type_display()))
                parts += [str(a.get_code_display()) for a in activities]
        if self.pk:
            for language in self.languages.all():
                parts += [language.name, language.name_en]
        return search.normalise(" ".join(p for p in parts if p))

    def refresh_search_text(self):
        """After the many-to-many fields changed (see apps.DirectoryConfig.ready)."""
        self.search_text = self.build_search_text()
        Organisation.objects.filter(pk=self.pk).update(search_text=self.search_text)


class UmbrellaMembership(models.Model):
    """An organisation's membership in an umbrella association (Dachverband)."""

    municipality_path = "member__municipality"

    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="umbrella_memberships"
    )
    umbrella = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="member_memberships"
    )
    since = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("umbrella membership")
        verbose_name_plural = _("umbrella memberships")
        constraints = [
            models.UniqueConstraint(fields=["member", "umbrella"], name="umbrella_membership_once"),
            models.CheckConstraint(
                condition=~Q(member=models.F("umbrella")), name="umbrella_not_itself"
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.umbrella}"


class ProfileChangeQuerySet(MunicipalityQuerySet):
    def pending(self):
        return self.filter(status=ProfileChange.Status.PENDING)


class ProfileChange(MunicipalityOwned):
    """Changes a representative proposed to a verified profile. The public page keeps
    the verified values until the office approves (``services.approve_profile_change``);
    at most one proposal per organisation waits at a time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="profile_changes"
    )
    # {field name: new value}; many-to-many fields as lists of codes.
    proposed = models.JSONField(_("proposed values"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed on"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason"), max_length=2000, blank=True)

    objects = ProfileChangeQuerySet.as_manager()

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending"),
                name="one_pending_profile_change_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse(
            "directory:profile_change",
            kwargs={"municipality": self.municipality.slug, "pk": self.pk},
        )


class RepresentationClaimQuerySet(MunicipalityQuerySet):
    def pending(self):
        return self.filter(status=RepresentationClaim.Status.PENDING)


class RepresentationClaim(MunicipalityOwned):
    """A person asks to represent an organisation of the directory, or registers a new
    one (``is_new_organisation``: created unpublished and unverified once the request is
    made). The office verifies (the person becomes a representative) or refuses with a
    reason (``teilhabe.directory.claims``). Without an account the person first confirms
    their address by a link; until then the request is UNCONFIRMED and nobody sees it.

    Personal data: name, address and message, for the office's decision only; deleted
    with the request (``claims.purge_claims``)."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("e-mail address not confirmed yet")
        PENDING = "pending", _("waiting for the integration office")
        VERIFIED = "verified", _("verified")
        REFUSED = "refused", _("refused")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="representation_claims",
        verbose_name=_("organisation"),
    )
    is_new_organisation = models.BooleanField(_("new organisation"), default=False)
    # A new organisation's details until it is created (when the address is confirmed).
    new_organisation = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="representation_claims",
    )
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=200)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(max_length=20, default="de")
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason"), max_length=2000, blank=True)

    objects = RepresentationClaimQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request to represent an organisation")
        verbose_name_plural = _("requests to represent an organisation")
        constraints = [
            # One waiting request per person and organisation, whatever arrives at once.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(status="pending"),
                name="one_pending_claim_per_person_and_organisation",
            )
        ]

    def __str__(self):
        return f"{self.full_name} → {self.organisation_name} ({self.get_status_display()})"

    @property
    def organisation_name(self):
        if self.organisation_id:
            return self.organisation.name
        return self.new_organisation.get("name", "")

    def get_absolute_url(self):
        return reverse(
            "directory:claim", kwargs={"municipality": self.municipality.slug, "pk": self.pk}
        )

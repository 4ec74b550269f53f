"""Bodies (Gremien) of the integration concept: expert working groups per field of
action (Fach-AGs), the coordination group, the steering group, the advisory council;
their members (an organisation, a department or a person) with role and period; their
meetings with agenda, minutes and attendance.

What the public sees is said once per model, in its queryset's ``public()``: a body
marked public; a meeting marked public of a public body (with its agenda and minutes).
Everything else of a body (an internal body, its internal meetings, minutes and every
attendance list) is for the office, the body's managing department and its members only
(``rules.py``). A person member's name is public only with their consent; their e-mail
address is for the office only."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.consultation.models import UploadedFile
from teilhabe.languages.content import TranslatableMixin
from teilhabe.languages.fields import TranslatedField
from teilhabe.tenants.models import MunicipalityOwned, MunicipalityQuerySet

POSITION_BOUNDS = [MinValueValidator(0), MaxValueValidator(999)]


# --- Bodies -------------------------------------------------------------------------------


class BodyQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(is_public=True)


class Body(TranslatableMixin, MunicipalityOwned):
    """A Gremium, e.g. "FAG 1 – Wirtschaft, Arbeit, Berufsausbildung" (July 2009 to May
    2013): its kind, the fields of action and concept cycles it works on, its period."""

    class Kind(models.TextChoices):
        EXPERT_GROUP = "expert_group", _("Expert working group")
        COORDINATION_GROUP = "coordination_group", _("Coordination group")
        STEERING_GROUP = "steering_group", _("Steering group")
        ADVISORY_COUNCIL = "advisory_council", _("Advisory council")
        OTHER = "other", pgettext_lazy("body kind", "Other body")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.EXPERT_GROUP)
    name = TranslatedField(_("name"), max_length=250)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("e.g. FAG 1")
    )
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    fields = models.ManyToManyField(
        "plan.FieldOfAction",
        blank=True,
        related_name="bodies",
        verbose_name=_("fields of action"),
    )
    cycles = models.ManyToManyField(
        "plan.ConceptCycle", blank=True, related_name="bodies", verbose_name=_("concept cycles")
    )
    starts_on = models.DateField(_("active from"))
    ends_on = models.DateField(
        _("active until"), null=True, blank=True, help_text=_("Empty while the body works.")
    )
    managed_by = models.ForeignKey(
        "directory.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_bodies",
        verbose_name=_("managed by"),
        help_text=_("The department that runs the body. Its editors manage members and meetings."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "A public body and its members are shown on the public pages; an internal body "
            "only to the office and its members."
        ),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demonstration.")
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "kind", "short_name", "name__de"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="body_slug_unique",
                violation_error_message=_(
                    "This municipality already has a body with this short name in addresses."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="body_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.short_name} – {self.name}" if self.short_name else str(self.name)

    def get_absolute_url(self):
        return reverse(
            "bodies:body", kwargs={"municipality": self.municipality.slug, "slug": self.slug}
        )


# --- Members ------------------------------------------------------------------------------


class Person(MunicipalityOwned):
    """A person who is a member in their own right (not for an organisation or a
    department): the least the office needs. The name is shown publicly only with the
    person's consent; the e-mail address (optional) is for meeting invitations only and
    seen by the office only. ``user``: their account, if they have one, so that they see
    the body's internal meetings."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(
        _("e-mail address (optional)"),
        blank=True,
        help_text=_("Only for invitations to meetings. Seen by the office only."),
    )
    name_is_public = models.BooleanField(
        _("name may be shown publicly"),
        default=False,
        help_text=_('Only with the person\'s consent. Otherwise pages say "a person".'),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_persons",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        """Memberships that have not ended by ``day`` (today): current and coming ones."""
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def former(self, day=None):
        day = day or timezone.localdate()
        return self.filter(ends_on__lt=day)

    def overlapping(self, starts_on, ends_on):
        """Memberships whose period shares at least one day with ``starts_on`` to
        ``ends_on`` (None: open)."""
        queryset = self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        if ends_on is not None:
            queryset = queryset.filter(starts_on__lte=ends_on)
        return queryset


class Membership(TranslatableMixin, models.Model):
    """A member of a body for a period: exactly one of an organisation, a department or
    a person. The same member has at most one membership in a body at any day
    (``services.add_membership`` checks under the body's lock)."""

    municipality_path = "body__municipality"

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy chair")
        MEMBER = "member", pgettext_lazy("role in a body", "Member")
        GUEST = "guest", _("Guest")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("organisation"),
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("department"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    starts_on = models.DateField(_("member from"))
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    note = TranslatedField(
        _("note"),
        max_length=250,
        blank=True,
        help_text=_('Shown with the member, e.g. "also for the advisory council".'),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "starts_on", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, department__isnull=True, person__isnull=True)
                    | Q(organisation__isnull=True, department__isnull=False, person__isnull=True)
                    | Q(organisation__isnull=True, department__isnull=True, person__isnull=False)
                ),
                name="membership_exactly_one_member",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["body", "ends_on"], name="membership_body_end")]

    def __str__(self):
        return f"{self.member} ({self.body})"

    @property
    def member(self):
        return self.organisation or self.department or self.person

    @property
    def member_kind(self):
        if self.organisation_id:
            return "organisation"
        return "department" if self.department_id else "person"

    def member_lookup(self):
        """The filter that finds this member's memberships."""
        kind = self.member_kind
        return {f"{kind}_id": getattr(self, f"{kind}_id")}

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.ends_on is None or self.ends_on >= day


# --- Meetings -----------------------------------------------------------------------------


class MeetingQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(is_public=True, body__is_public=True)


class Meeting(MunicipalityOwned):
    """A meeting of a body. Internal unless marked public: then its date, place, agenda
    and minutes are on the body's public page. Who attended is never public."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Date, place, agenda and minutes appear on the public page of the body. "
            "Attendance is never public."
        ),
    )
    attendees = models.ManyToManyField(
        Membership, blank=True, related_name="meetings_attended", verbose_name=_("attended")
    )
    # The scheduling form's key: the same form sent twice schedules (and mails) once.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitations_sent = models.PositiveIntegerField(default=0, editable=False)
    # A cancelled meeting stays (its page and calendar entry say it is cancelled, so that
    # subscribed calendars remove it); the reason went into the members' mail.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("reason"), max_length=1000, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.body} {timezone.localtime(self.starts_at):%d.%m.%Y}"

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def get_absolute_url(self):
        return reverse(
            "bodies:meeting",
            kwargs={
                "municipality": self.municipality.slug,
                "slug": self.body.slug,
                "pk": self.pk,
            },
        )


class AgendaItem(models.Model):
    municipality_path = "meeting__municipality"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"), validators=POSITION_BOUNDS)
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_once")
        ]

    def __str__(self):
        return self.title


def minutes_path(instance, filename):
    """A random name, as the consultation's uploads (``consultation.models.upload_path``)."""
    return f"bodies/{uuid.uuid4().hex}"


class MinutesFile(UploadedFile):
    """The minutes of a meeting (PDF or DOCX), checked and served like the
    consultation's documents (``consultation.documents``)."""

    municipality_path = "meeting__municipality"

    file = models.FileField(_("file"), upload_to=minutes_path, max_length=200)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["meeting", "uploaded_at", "id"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return self.original_name


class CalendarKey(MunicipalityOwned):
    """The secret in a member's private calendar address (``…/kalender/<key>.ics``).
    Calendar programs cannot log in, so the address itself identifies the person; what
    it shows is decided anew on every request from their roles and memberships, and a
    new key makes the old address worthless."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_keys"
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="calendar_key_per_user_and_municipality"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.municipality})"

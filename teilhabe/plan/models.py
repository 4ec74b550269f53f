from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.directory import search
from teilhabe.languages.content import TranslatableMixin, texts_in_every_language
from teilhabe.languages.fields import TranslatedField
from teilhabe.tenants.models import MunicipalityOwned, MunicipalityQuerySet


class Phase(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("Public consultation")
    ADOPTED = "adopted", _("Adopted by the council")
    IMPLEMENTATION = "implementation", _("Implementation")
    REPORTED = "reported", _("Implementation reported")
    SUPERSEDED = "superseded", _("Superseded")


ADOPTED_PHASES = {Phase.ADOPTED, Phase.IMPLEMENTATION, Phase.REPORTED, Phase.SUPERSEDED}
# The plan in force: its measures are reported on and overdue when they are not.
RUNNING_PHASES = {Phase.ADOPTED, Phase.IMPLEMENTATION}
# A closed plan: its record is final, its measures take no new status reports.
CLOSED_PHASES = {Phase.REPORTED, Phase.SUPERSEDED}


# --- Bounds of numbers people type --------------------------------------------------------
# Every number a form or the admin writes is bounded on the model field, so that a
# ModelForm refuses what the column cannot hold (a small integer is 32767 on PostgreSQL,
# a decimal has max_digits) with a form error instead of a database error.
YEAR_BOUNDS = [MinValueValidator(1900), MaxValueValidator(2200)]
PERCENT_BOUNDS = [MinValueValidator(0), MaxValueValidator(100)]
ORDER_BOUNDS = [MinValueValidator(0), MaxValueValidator(32767)]
NUMBER_BOUNDS = [MinValueValidator(1), MaxValueValidator(999)]


def decimal_bounds(max_digits, decimal_places, minimum=None):
    """Validators for a DecimalField: at most what ``max_digits`` can hold."""
    largest = 10 ** (max_digits - decimal_places) - 1
    return [MinValueValidator(-largest if minimum is None else minimum), MaxValueValidator(largest)]


# --- What the public sees -------------------------------------------------------------------
# A cycle is public when it is published; a field of action, goal or measure when it is not
# a draft and nothing above it is a draft or unpublished. Each model states its conditions
# once, in ``public_when``: ``objects.public()`` filters by them (portal and API) and
# ``is_public()`` checks one object by the same conditions (links between measures).


class PlanQuerySet(MunicipalityQuerySet):
    def public(self):
        """What anyone may see, logged in or not."""
        return self.filter(**self.model.public_when)


class ConceptCycleQuerySet(PlanQuerySet):
    def running(self):
        """The published cycles whose plan is in force (adopted or in implementation):
        the one definition "my measures", the overdue list and the reminders share."""
        return self.public().filter(phase__in=RUNNING_PHASES)


class PublicRule:
    """For the models of the plan; each sets ``public_when`` (lookups and their values)."""

    public_when: dict

    def is_public(self):
        """The rule of ``objects.public()`` for this object. Select the related objects
        the lookups pass through, or each costs a query."""
        for lookup, wanted in self.public_when.items():
            value = self
            for name in lookup.split("__"):
                value = getattr(value, name)
            if value != wanted:
                return False
        return True


class ConceptCycle(PublicRule, TranslatableMixin, MunicipalityOwned):
    """One plan period of the integration concept, e.g. "Integrationskonzept 2015 bis
    2020". Its ``phase`` is the current one; ``phases`` are the dated steps of its
    revision process, shown as a timeline."""

    title = TranslatedField(_("title"), max_length=250)
    short_title = models.CharField(_("short title"), max_length=60, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    summary = TranslatedField(_("summary"), multiline=True, blank=True)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("predecessor"),
    )
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase, default=Phase.PREPARATION)
    council_decision_number = models.CharField(
        _("council decision number"), max_length=60, blank=True
    )
    council_decision_date = models.DateField(_("council decision date"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = ConceptCycleQuerySet.as_manager()
    public_when = {"is_published": True}

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("concept cycle")
        verbose_name_plural = _("concept cycles")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="cycle_slug_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="cycle_ends_after_start"
            ),
        ]

    def __str__(self):
        return str(self.title)

    @property
    def is_adopted(self):
        return self.phase in ADOPTED_PHASES

    @property
    def takes_reports(self):
        """A reported or superseded cycle's record is final."""
        return self.phase not in CLOSED_PHASES

    def get_absolute_url(self):
        return reverse(
            "plan:cycle", kwargs={"municipality": self.municipality.slug, "cycle": self.slug}
        )

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period cannot end before it starts.")})


class CyclePhase(TranslatableMixin, models.Model):
    """A dated step in a cycle's revision process (for the public timeline)."""

    municipality_path = "cycle__municipality"

    cycle = models.ForeignKey(ConceptCycle, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = TranslatedField(_("note"), multiline=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="phase_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_phase_display()} ({self.starts_on})"


class FieldOfAction(PublicRule, TranslatableMixin, MunicipalityOwned):
    """A Handlungsfeld of one cycle, with its analysis (situation, developments,
    challenges)."""

    cycle = models.ForeignKey(ConceptCycle, on_delete=models.CASCADE, related_name="fields")
    number = models.PositiveSmallIntegerField(_("number"), validators=NUMBER_BOUNDS)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    title = TranslatedField(_("title"), max_length=250)
    situation = TranslatedField(_("situation"), multiline=True, blank=True)
    developments = TranslatedField(_("developments"), multiline=True, blank=True)
    challenges = TranslatedField(_("challenges"), multiline=True, blank=True)
    is_draft = models.BooleanField(_("draft"), default=False)

    objects = PlanQuerySet.as_manager()
    public_when = {"is_draft": False, "cycle__is_published": True}

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="field_number_unique"),
            models.UniqueConstraint(fields=["cycle", "slug"], name="field_slug_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse(
            "plan:field",
            kwargs={
                "municipality": self.municipality.slug,
                "cycle": self.cycle.slug,
                "field": self.slug,
            },
        )


class Goal(PublicRule, TranslatableMixin, MunicipalityOwned):
    field = models.ForeignKey(FieldOfAction, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 3.2"))
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    is_draft = models.BooleanField(_("draft"), default=False)

    objects = PlanQuerySet.as_manager()
    public_when = {
        "is_draft": False,
        "field__is_draft": False,
        "field__cycle__is_published": True,
    }

    class Meta:
        ordering = ["field__number", "code"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.UniqueConstraint(fields=["field", "code"], name="goal_code_unique")]

    def __str__(self):
        return f"{self.code} {self.title}"


class TargetGroup(models.Model):
    """Whom a measure is for. A shared vocabulary."""

    is_shared_vocabulary = True

    class Code(models.TextChoices):
        ALL_MIGRANTS = "migrants", _("Migrants in general")
        REFUGEES = "refugees", _("Refugees and asylum seekers")
        CHILDREN = "children", _("Children and parents")
        YOUTH = "youth", _("Young people")
        WOMEN = "women", _("Women")
        SENIORS = "seniors", _("Older people")
        WORKERS = "workers", _("Job seekers and workers")
        STUDENTS = "students", _("Pupils and students")
        ORGANISATIONS = "organisations", _("Migrant organisations")
        STAFF = "staff", _("Staff of the city administration")
        PUBLIC = "public", _("General public")

    code = models.CharField(max_length=30, choices=Code, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        # The enum's label, not get_code_display(): that builds a dict of every choice
        # on each call, once per option of each filter form.
        try:
            return str(self.Code(self.code).label)
        except ValueError:
            return self.code


class Status(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DELAYED = "delayed", _("delayed")
    STOPPED = "stopped", _("stopped")


UNFINISHED = [Status.PLANNED, Status.IN_PROGRESS, Status.DELAYED]


class MeasureQuerySet(PlanQuerySet):
    def search(self, query):
        return search.filter_by_query(self, query)

    def with_status(self, status):
        if status == Status.PLANNED:
            return self.filter(Q(latest_report__isnull=True) | Q(latest_report__status=status))
        return self.filter(latest_report__status=status)

    def running(self):
        """The public measures of running cycles (``ConceptCycleQuerySet.running``):
        the ones departments report on."""
        return self.public().filter(cycle__in=ConceptCycle.objects.running())


class Measure(PublicRule, TranslatableMixin, search.SearchTextMixin, MunicipalityOwned):
    """A Maßnahme: what a department does towards a goal, and by when."""

    class Priority(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    cycle = models.ForeignKey(ConceptCycle, on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 3.2.1"))
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    lead_departments = models.ManyToManyField(
        "directory.Department", related_name="led_measures", verbose_name=_("lead departments")
    )
    partner_departments = models.ManyToManyField(
        "directory.Department",
        blank=True,
        related_name="partnered_measures",
        verbose_name=_("partner departments"),
    )
    partner_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="partnered_measures",
        verbose_name=_("partner organisations"),
    )
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (euros)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=decimal_bounds(12, 2, minimum=0),
    )
    funding_source = models.CharField(_("funding source"), max_length=250, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority, default=Priority.MEDIUM
    )
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("carried over from"),
    )
    # The newest status report, kept by services.file_status_report in the same
    # transaction, so lists can filter and show status without a query per measure.
    latest_report = models.ForeignKey(
        "StatusReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_draft = models.BooleanField(_("draft"), default=False)
    is_sample = models.BooleanField(_("sample data"), default=False)
    # Tags the measure for chapter 3 of the implementation report (teilhabe.reports).
    intercultural_opening = models.BooleanField(
        _("intercultural opening"),
        default=False,
        help_text=_(
            "Opens the administration itself: multilingual material, training of staff, "
            "hiring. Listed in its own chapter of the implementation report."
        ),
    )
    search_text = models.TextField(editable=False, default="")

    objects = MeasureQuerySet.as_manager()
    public_when = {
        "is_draft": False,
        "goal__is_draft": False,
        "goal__field__is_draft": False,
        "cycle__is_published": True,
    }

    class Meta:
        ordering = ["code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="measure_code_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="measure_budget_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "cycle", "code"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse(
            "plan:measure",
            kwargs={
                "municipality": self.municipality.slug,
                "cycle": self.cycle.slug,
                "code": self.code,
            },
        )

    @property
    def status(self):
        return self.latest_report.status if self.latest_report else Status.PLANNED

    def get_status_display(self):
        return Status(self.status).label

    @property
    def progress(self):
        return self.latest_report.progress if self.latest_report else 0

    @property
    def is_finished(self):
        return self.status in (Status.DONE, Status.STOPPED)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A measure cannot end before it starts.")})
        if self.goal_id and self.cycle_id and self.goal.field.cycle_id != self.cycle_id:
            raise ValidationError({"goal": _("The goal belongs to another cycle.")})

    def build_search_text(self):
        parts = [self.code]
        for field in self.translated_field_names():
            parts += texts_in_every_language(self, field)
        return search.normalise(" ".join(p for p in parts if p))


class StatusReportQuerySet(MunicipalityQuerySet):
    def standing(self):
        """The reports that count: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class StatusReport(MunicipalityOwned):
    """A dated Sachstand of one measure. Never edited: a correction is a new report.
    A wrong report is withdrawn, not deleted: it stays in the history, marked, with
    who withdrew it and why, and no longer counts as the measure's status."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=Status)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT_BOUNDS)
    text = models.TextField(_("report"))
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    is_highlight = models.BooleanField(
        _("highlight"), default=False, help_text=_("Show in the implementation report.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_department = models.ForeignKey(
        "directory.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # One per rendering of the report form: the same form sent twice (back button,
    # double click) files one report (services.file_status_report).
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True, editable=False)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-created_at", "-id"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_progress_at_most_100"
            ),
            models.UniqueConstraint(
                fields=["measure", "submission_key"], name="report_submitted_once"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="report_withdrawn_with_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "-reported_on", "-created_at"]),
            # The status counts and the status filter read only the status of each
            # measure's latest report: from this index alone (PostgreSQL: an index-only
            # scan) instead of the whole table with every report's text.
            models.Index(fields=["id", "status"], name="report_status_by_id"),
        ]

    def __str__(self):
        return f"{self.measure.code} {self.reported_on}: {self.get_status_display()}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def clean(self):
        errors = {}
        if self.reported_on and self.reported_on > timezone.localdate():
            errors["reported_on"] = _("A report cannot be dated in the future.")
        if self.progress is not None and self.progress > 100:
            errors["progress"] = _("Progress is a percentage from 0 to 100.")
        elif self.status == Status.DONE and self.progress is not None and self.progress != 100:
            errors["progress"] = _("A measure that is done has a progress of 100 %.")
        if errors:
            raise ValidationError(errors)


class Indicator(TranslatableMixin, MunicipalityOwned):
    """Something counted to show progress, with baseline, target and yearly values."""

    cycle = models.ForeignKey(ConceptCycle, on_delete=models.CASCADE, related_name="indicators")
    field = models.ForeignKey(
        FieldOfAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    title = TranslatedField(_("title"), max_length=250)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. persons, euros, %"))
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=decimal_bounds(14, 2),
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_BOUNDS
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=decimal_bounds(14, 2),
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR_BOUNDS
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    intercultural_opening = models.BooleanField(
        _("intercultural opening"),
        default=False,
        help_text=_("Counts the opening of the administration (implementation report, chapter 3)."),
    )
    shown_in_directory_statistics = models.BooleanField(
        _("shown on the directory statistics page"),
        default=False,
        help_text=_(
            "For a count of organisations from another source, shown beside the "
            "directory's own counts."
        ),
    )

    class Meta:
        ordering = ["title__de"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return str(self.title)


class IndicatorValue(models.Model):
    municipality_path = "indicator__municipality"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_BOUNDS)
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=decimal_bounds(14, 2)
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="indicator_value_once_a_year"
            )
        ]

    def __str__(self):
        return f"{self.year}: {self.value}"


class FundingLine(TranslatableMixin, MunicipalityOwned):
    """A Förderung: money a department grants for integration work, year by year."""

    cycle = models.ForeignKey(ConceptCycle, on_delete=models.CASCADE, related_name="funding_lines")
    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_lines",
    )
    title = TranslatedField(_("title"), max_length=250)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="funding_lines",
        verbose_name=_("granting department"),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["title__de"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")

    def __str__(self):
        return str(self.title)


class FundingAmount(models.Model):
    municipality_path = "line__municipality"

    line = models.ForeignKey(FundingLine, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_BOUNDS)
    amount = models.DecimalField(
        _("amount (euros)"),
        max_digits=14,
        decimal_places=2,
        validators=decimal_bounds(14, 2, minimum=0),
    )
    is_estimate = models.BooleanField(
        _("interpolated"),
        default=False,
        help_text=_("Not stated in the sources; estimated between known years."),
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("yearly amount")
        verbose_name_plural = _("yearly amounts")
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="funding_amount_once_a_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount} €"


class OpenItem(TranslatableMixin, MunicipalityOwned):
    """A need for action (Handlungsbedarf) a cycle leaves to the next one."""

    cycle = models.ForeignKey(ConceptCycle, on_delete=models.CASCADE, related_name="open_items")
    text = TranslatedField(_("need for action"), multiline=True)
    order = models.PositiveSmallIntegerField(default=0, validators=ORDER_BOUNDS)
    taken_up_by = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="open_items",
        verbose_name=_("taken up by measure"),
    )

    class Meta:
        ordering = ["cycle", "order"]
        verbose_name = _("need for action")
        verbose_name_plural = _("needs for action")

    def __str__(self):
        return str(self.text)[:80]

"""The consultation and its trail: a consultation of a concept cycle, its versioned
drafts (sections in the municipality's content languages, the original files), the
comments on their sections, the statements and position papers organisations hand in,
the demands that come from all of these (and from the stations of events), and the
official answer to each demand with the goals and measures it led to.

What the public sees is said once per model, in its queryset's ``public()``: a
published consultation; a published draft of it; a published comment; a submitted
statement; a demand whose source is public and that was not merged into another; a
published answer."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.content import TranslatableMixin
from teilhabe.languages.fields import TranslatedField
from teilhabe.tenants.models import MunicipalityOwned, MunicipalityQuerySet

VERSION_BOUNDS = [MinValueValidator(1), MaxValueValidator(99)]
POSITION_BOUNDS = [MinValueValidator(0), MaxValueValidator(9999)]
# A comment is a few paragraphs; a longer text is a statement.
COMMENT_MAX_LENGTH = 4000


def upload_path(instance, filename):
    """Stored under a random name, never the uploader's: no path tricks, no guessing.
    The original name is kept in the row and sent in Content-Disposition."""
    return f"consultation/{uuid.uuid4().hex}"


class UploadedFile(models.Model):
    """What every uploaded document keeps beside the file: the checked type and size
    and the name it had on the uploader's computer."""

    file = models.FileField(_("file"), upload_to=upload_path, max_length=200)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    original_name = models.CharField(_("file name"), max_length=200, editable=False)

    class Meta:
        abstract = True


# --- Consultations and drafts ----------------------------------------------------------


class ConsultationQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(is_published=True, cycle__is_published=True)


class Consultation(TranslatableMixin, MunicipalityOwned):
    """A consultation of a concept cycle, e.g. "Beteiligung zur Analyse der kommunalen
    Handlungsfelder, Juni–Juli 2021": its period, the events that belong to it, the
    drafts it puts up for discussion."""

    class Access(models.TextChoices):
        OPEN = "open", _("Open to everyone")
        INVITED = "invited", _("Invited organisations only")

    class Moderation(models.TextChoices):
        PRE = "pre", _("Comments appear after a moderator approved them")
        POST = "post", _("Comments appear at once; moderators can hide them")

    cycle = models.ForeignKey(
        "plan.ConceptCycle",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("concept cycle"),
    )
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    title = TranslatedField(_("title"), max_length=250)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    starts_on = models.DateField(_("comments from"))
    ends_on = models.DateField(_("comments until"))
    access = models.CharField(
        _("who may take part"), max_length=10, choices=Access, default=Access.OPEN
    )
    invited_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="consultation_invitations",
        verbose_name=_("invited organisations"),
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation, default=Moderation.PRE
    )
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="consultations", verbose_name=_("events")
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="consultation_unique_slug"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="consultation_period_in_order",
            ),
        ]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return reverse(
            "consultation:detail",
            kwargs={"municipality": self.municipality.slug, "consultation": self.slug},
        )

    def is_open_on(self, day):
        return self.starts_on <= day <= self.ends_on

    def is_open(self):
        """Comments are taken on the days of the period (Berlin time), both included."""
        return self.is_open_on(timezone.localdate())


class DraftQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(is_published=True, consultation__in=Consultation.objects.public())


class Draft(TranslatableMixin, MunicipalityOwned):
    """One version of the document under discussion ("1. Entwurf", "2. Entwurf"): its
    sections, and the original file in each language it was published in."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="drafts")
    version = models.PositiveSmallIntegerField(_("version"), validators=VERSION_BOUNDS)
    title = TranslatedField(_("title"), max_length=250)
    summary = TranslatedField(_("what is new in this version"), multiline=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["consultation", "version"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "version"], name="draft_unique_version")
        ]

    def __str__(self):
        return _("Draft %(version)s: %(title)s") % {"version": self.version, "title": self.title}

    def get_absolute_url(self):
        return reverse(
            "consultation:draft",
            kwargs={
                "municipality": self.municipality.slug,
                "consultation": self.consultation.slug,
                "version": self.version,
            },
        )


class DraftFile(UploadedFile):
    """The original document of a draft in one language (PDF or DOCX)."""

    municipality_path = "draft__municipality"

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=20)

    class Meta:
        ordering = ["draft", "language"]
        verbose_name = _("draft file")
        verbose_name_plural = _("draft files")
        constraints = [
            models.UniqueConstraint(fields=["draft", "language"], name="draft_file_per_language")
        ]

    def __str__(self):
        return self.original_name


class Section(TranslatableMixin, models.Model):
    """A chapter (level 1) or section (level 2) of a draft. ``key`` stays the same for
    the same section in every version, so readers see what changed between versions."""

    municipality_path = "draft__municipality"

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=60, help_text=_("the same in every version"))
    position = models.PositiveSmallIntegerField(_("position"), validators=POSITION_BOUNDS)
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("e.g. 2.1"))
    level = models.PositiveSmallIntegerField(
        _("level"), default=2, validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    heading = TranslatedField(_("heading"), max_length=300)
    text = TranslatedField(_("text"), multiline=True, blank=True)

    class Meta:
        ordering = ["draft", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["draft", "key"], name="section_unique_key")]

    def __str__(self):
        return f"{self.number} {self.heading}".strip()

    @property
    def anchor(self):
        return f"abschnitt-{self.key}"


# --- Comments -------------------------------------------------------------------------------


class CommentQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(status=Comment.Status.PUBLISHED)


class Comment(MunicipalityOwned):
    """A comment on a section of a draft, or a reply to one. Without an account the
    e-mail address is confirmed by a link first (and then deleted: its purpose is over);
    an organisation's representative comments with their account, naming the
    organisation."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("waiting for e-mail confirmation")
        PENDING = "pending", _("waiting for moderation")
        PUBLISHED = "published", _("published")
        HIDDEN = "hidden", _("hidden by a moderator")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    name = models.CharField(_("name (optional)"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_comments",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_comments",
        verbose_name=_("on behalf of"),
    )
    language = models.CharField(_("language"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=Status)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["section", "status"], name="comment_section_status")]

    def __str__(self):
        return self.text[:60]

    @property
    def signature(self):
        """What the page shows as the author: the organisation, the name, or nothing."""
        if self.organisation_id and self.organisation.is_published:
            return str(self.organisation.name)
        return self.name


class CommentReport(MunicipalityOwned):
    """Someone reported a comment as abusive; moderators see it until they decide."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.TextField(_("what is wrong with it"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report of a comment")
        verbose_name_plural = _("reports of comments")


# --- Statements and position papers ---------------------------------------------------------


class StatementQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(status=Statement.Status.SUBMITTED, cycle__is_published=True)


class Statement(TranslatableMixin, MunicipalityOwned):
    """A statement or position paper handed in by one or more organisations (e.g. the
    DSM's position paper of 17 March 2021, built on interviews with 20 organisations),
    by their representative or entered by the office from a letter; its demands are
    ``Demand`` rows."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        POSITION_PAPER = "position_paper", _("Position paper")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft, not handed in")
        SUBMITTED = "submitted", _("handed in")

    cycle = models.ForeignKey(
        "plan.ConceptCycle",
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("concept cycle"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("consultation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.STATEMENT)
    title = TranslatedField(_("title"), max_length=300)
    organisations = models.ManyToManyField(
        "directory.Organisation",
        related_name="statements",
        verbose_name=_("submitted by (organisations)"),
    )
    submitted_on = models.DateField(_("handed in on"))
    basis = TranslatedField(
        _("basis"),
        max_length=500,
        blank=True,
        help_text=_("e.g. interviews with 20 organisations, November 2020 to February 2021"),
    )
    summary = TranslatedField(_("summary"), multiline=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("handed over at"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_by_office = models.BooleanField(
        _("entered by the office"), default=False, help_text=_("e.g. from a letter")
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return reverse(
            "consultation:statement",
            kwargs={"municipality": self.municipality.slug, "pk": self.pk},
        )


class StatementFile(UploadedFile):
    """The document of a statement (PDF or DOCX)."""

    municipality_path = "statement__municipality"

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="document")

    class Meta:
        verbose_name = _("document of a statement")
        verbose_name_plural = _("documents of statements")

    def __str__(self):
        return self.original_name


# --- Demands and answers --------------------------------------------------------------------


class DemandTag(TranslatableMixin, MunicipalityOwned):
    """A keyword the office groups demands by, beside the fields of action."""

    slug = models.SlugField(_("short name in addresses"), max_length=80)
    name = TranslatedField(_("name"), max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="demand_tag_unique_slug")
        ]

    def __str__(self):
        return str(self.name)


class DemandQuerySet(MunicipalityQuerySet):
    def public(self):
        """A demand whose source the public sees, not merged into another."""
        return self.with_public_source().filter(merged_into__isnull=True)

    def with_public_source(self):
        """A demand whose source the public sees, merged or not (a merged demand's page
        says into which demand it went)."""
        from teilhabe.events.models import Event

        return self.filter(
            Q(statement__in=Statement.objects.public())
            | Q(
                comment__status=Comment.Status.PUBLISHED,
                comment__section__draft__in=Draft.objects.public(),
            )
            | Q(station__item__event__in=Event.objects.public()),
            cycle__is_published=True,
        )

    def in_work(self):
        """The demands the office works on: not merged into another, and not from a
        statement that is still a draft of its organisation."""
        return self.filter(merged_into__isnull=True).exclude(
            statement__status=Statement.Status.DRAFT
        )


class Demand(TranslatableMixin, MunicipalityOwned):
    """A demand (Forderung, Handlungsbedarf) from a statement, a comment or the result
    of a world café station; numbered per concept cycle. Duplicates are merged into one
    (``merged_into``), which then answers for them."""

    class Source(models.TextChoices):
        STATEMENT = "statement", _("Statement or position paper")
        COMMENT = "comment", _("Comment on a draft")
        STATION = "station", _("Event station")

    cycle = models.ForeignKey(
        "plan.ConceptCycle",
        on_delete=models.CASCADE,
        related_name="demands",
        verbose_name=_("concept cycle"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demands",
        verbose_name=_("consultation"),
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    text = TranslatedField(_("demand"), multiline=True)
    source = models.CharField(_("source"), max_length=20, choices=Source)
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, null=True, blank=True, related_name="demands"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="demands"
    )
    station = models.ForeignKey(
        "events.Station", on_delete=models.CASCADE, null=True, blank=True, related_name="demands"
    )
    fields = models.ManyToManyField(
        "plan.FieldOfAction", blank=True, related_name="demands", verbose_name=_("fields of action")
    )
    tags = models.ManyToManyField(
        DemandTag, blank=True, related_name="demands", verbose_name=_("tags")
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DemandQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="demand_unique_number"),
            # Exactly one source, the one ``source`` names.
            models.CheckConstraint(
                condition=(
                    Q(
                        source="statement",
                        statement__isnull=False,
                        comment__isnull=True,
                        station__isnull=True,
                    )
                    | Q(
                        source="comment",
                        comment__isnull=False,
                        statement__isnull=True,
                        station__isnull=True,
                    )
                    | Q(
                        source="station",
                        station__isnull=False,
                        statement__isnull=True,
                        comment__isnull=True,
                    )
                ),
                name="demand_one_source",
            ),
        ]

    def __str__(self):
        return _("Demand %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse(
            "consultation:demand",
            kwargs={
                "municipality": self.municipality.slug,
                "cycle": self.cycle.slug,
                "number": self.number,
            },
        )


class AnswerQuerySet(MunicipalityQuerySet):
    def public(self):
        return self.filter(state=Answer.State.PUBLISHED)


class Answer(TranslatableMixin, MunicipalityOwned):
    """The official answer to a demand (Abwägung): adopted, partly adopted, not adopted
    or noted, with the reason, the answering department and the goals and measures it
    led to. Written by the office, or proposed by a department editor for the office
    to approve; public only once published."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        PARTLY = "partly", _("partly adopted")
        NOT_ADOPTED = "not_adopted", _("not adopted")
        NOTED = "noted", _("noted")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PROPOSED = "proposed", _("proposed, waiting for approval")
        PUBLISHED = "published", _("published")

    demand = models.OneToOneField(Demand, on_delete=models.CASCADE, related_name="answer")
    outcome = models.CharField(_("answer"), max_length=20, choices=Outcome)
    reason = TranslatedField(_("reason"), multiline=True)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("answering department"),
    )
    answered_on = models.DateField(_("date"))
    goals = models.ManyToManyField(
        "plan.Goal", blank=True, related_name="answers", verbose_name=_("goals")
    )
    measures = models.ManyToManyField(
        "plan.Measure", blank=True, related_name="answers", verbose_name=_("measures")
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Counts the saves: publishing names the revision the office read.
    revision = models.PositiveIntegerField(default=0, editable=False)
    review_note = models.TextField(
        _("note of the office"),
        blank=True,
        help_text=_("Why the office sent a proposed answer back to the department."),
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["municipality", "state"], name="answer_state")]

    def __str__(self):
        return self.get_outcome_display()


# --- The consideration table as a PDF, made by the worker -----------------------------------


def pdf_path(instance, filename):
    return f"consultation/pdf/{uuid.uuid4().hex}.pdf"


class ConsiderationPdf(MunicipalityOwned):
    """The consideration table of a consultation as a PDF, with one choice of filters in
    one language for one content version (``key``): laid out by the worker, since a
    long table takes a minute (README, "Benchmarks: consultation"). Readers who ask for
    the same table share one; a change of public content makes the next request a new
    one, and the housekeeping deletes those older than a day (``pdfs.delete_old``)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for its turn")
        RUNNING = "running", _("being laid out")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="pdfs")
    key = models.CharField(max_length=64)
    language = models.CharField(max_length=20)
    filters = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    demand_count = models.PositiveIntegerField(null=True)
    file = models.FileField(upload_to=pdf_path, max_length=200, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("consideration table PDF")
        verbose_name_plural = _("consideration table PDFs")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "key"], name="one_pdf_per_table")
        ]

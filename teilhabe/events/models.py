import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.content import SOURCE_LANGUAGE, TranslatableMixin
from teilhabe.languages.fields import TranslatedField
from teilhabe.tenants.models import MunicipalityOwned, MunicipalityQuerySet

# The most seats an event can have: far beyond any hall, far below what the column holds.
MAX_CAPACITY = 100_000


class EventSeries(TranslatableMixin, MunicipalityOwned):
    """Events that belong together, e.g. the three workshops "Gemeinsam. Verantwortung.
    Leben." of 2021."""

    title = TranslatedField(_("title"), max_length=250)
    slug = models.SlugField(_("short name in addresses"), max_length=80)

    class Meta:
        ordering = ["title__de"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="series_slug_unique")
        ]

    def __str__(self):
        return str(self.title)


class Venue(TranslatableMixin, MunicipalityOwned):
    name = models.CharField(_("name"), max_length=250)
    street = models.CharField(_("street and number"), max_length=250)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    entrance = TranslatedField(_("entrance"), max_length=250, blank=True)
    directions = TranslatedField(_("directions and public transport"), multiline=True, blank=True)
    accessibility = TranslatedField(_("accessibility"), multiline=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return str(self.name)

    @property
    def address(self):
        return f"{self.street}, {self.postal_code} {self.city}"


class AudienceGroup(TranslatableMixin, MunicipalityOwned):
    """A group an event is for, e.g. "Mitglieder von Migrantenorganisationen"."""

    name = TranslatedField(_("name"), max_length=250)

    class Meta:
        ordering = ["name__de"]
        verbose_name = _("audience group")
        verbose_name_plural = _("audience groups")

    def __str__(self):
        return str(self.name)


class EventQuerySet(MunicipalityQuerySet):
    def public(self):
        """Published or cancelled events anyone may see (not hidden invitation-only).
        ``Event.is_public`` is the same rule for one event."""
        return self.filter(status__in=Event.VISIBLE_STATUSES).exclude(
            access=Event.Access.INVITATION, is_listed=False
        )

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(TranslatableMixin, MunicipalityOwned):
    """A Beteiligungsveranstaltung. Times are aware (shown in Europe/Berlin)."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")
        ONLINE_MEETING = "online_meeting", _("Online meeting")
        HANDOVER = "handover", _("Handover")
        OTHER = "other", _("Other event")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("in person and online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    class Access(models.TextChoices):
        OPEN = "open", _("open to everyone")
        INVITATION = "invitation", _("by invitation only")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.WORKSHOP)
    title = TranslatedField(_("title"), max_length=250)
    slug = models.SlugField(_("short name in addresses"), max_length=100)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    cycle = models.ForeignKey(
        "plan.ConceptCycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("concept cycle"),
    )
    fields_of_action = models.ManyToManyField(
        "plan.FieldOfAction", blank=True, related_name="events", verbose_name=_("fields of action")
    )
    format = models.CharField(_("format"), max_length=20, choices=Format, default=Format.IN_PERSON)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    # Online access: shown only to confirmed registrants and staff.
    online_platform = models.CharField(_("online platform"), max_length=100, blank=True)
    join_url = models.URLField(_("join link"), max_length=500, blank=True)
    meeting_id = models.CharField(_("meeting ID"), max_length=100, blank=True)
    passcode = models.CharField(_("passcode"), max_length=100, blank=True)
    # Bounded here so that every form of an event (and the admin) refuses what the
    # column cannot hold; CapacityForm states the same bounds (MAX_CAPACITY).
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("Empty means unlimited."),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee_note = models.CharField(_("fee"), max_length=250, blank=True)
    languages = models.ManyToManyField(
        "directory.Language", blank=True, related_name="+", verbose_name=_("languages")
    )
    organisers = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="organised_events",
        verbose_name=_("organised together with"),
        help_text=_(
            "Organisations that run the event with the office. Their representatives see "
            "how many people registered, never who."
        ),
    )
    interpretation = models.CharField(
        _("interpretation offered"),
        max_length=250,
        blank=True,
        help_text=_("e.g. German Sign Language, Arabic, Ukrainian"),
    )
    participant_notes = TranslatedField(_("notes for participants"), multiline=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    # Written by the office when it cancels the event; goes into the mail and onto the
    # personal pages (services.cancel_event).
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)
    access = models.CharField(_("access"), max_length=20, choices=Access, default=Access.OPEN)
    audience_groups = models.ManyToManyField(
        AudienceGroup, blank=True, related_name="events", verbose_name=_("audience groups")
    )
    is_listed = models.BooleanField(
        _("listed publicly"),
        default=True,
        help_text=_("An invitation-only event may be hidden from the public list."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    asks_interpretation = models.BooleanField(_("asks for interpretation needs"), default=False)
    asks_accessibility = models.BooleanField(_("asks for accessibility needs"), default=False)
    asks_dietary = models.BooleanField(_("asks for dietary needs"), default=False)
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(365)],
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    VISIBLE_STATUSES = (Status.PUBLISHED, Status.CANCELLED)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="event_slug_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="registration_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self):
        return reverse(
            "events:event", kwargs={"municipality": self.municipality.slug, "slug": self.slug}
        )

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_invitation_only(self):
        return self.access == self.Access.INVITATION

    @property
    def is_hidden(self):
        """An invitation-only event kept off the public list (seen with an invitation)."""
        return self.is_invitation_only and not self.is_listed

    def is_public(self):
        """The rule of ``Event.objects.public()`` for this event."""
        return self.status in self.VISIBLE_STATUSES and not self.is_hidden

    def registration_state(self, now=None):
        """Why registration is or is not possible now: "open", "not_yet", "closed",
        "started", "cancelled" or "draft"."""
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if now >= self.starts_at:
            return "started"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        return "open"

    def check_in_days(self):
        """The first and last day (Europe/Berlin) on which people are checked in or
        marked as not come: the days the event runs on."""
        return timezone.localdate(self.starts_at), timezone.localdate(self.ends_at)

    def check_in_state(self, now=None):
        """ "before", "open" (a day of the event) or "after"."""
        today = timezone.localdate(now or timezone.now())
        first, last = self.check_in_days()
        if today < first:
            return "before"
        if today > last:
            return "after"
        return "open"


class Registration(MunicipalityOwned):
    """One person's registration. Personal data; deleted or anonymised
    TEILHABE_EVENT_RETENTION_DAYS after the event (statistics survive)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("not confirmed in time")

    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITING]

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(
        _("organisation (if not listed)"), max_length=250, blank=True
    )
    organisation_type = models.CharField(max_length=20, blank=True, editable=False)
    audience_group = models.ForeignKey(
        AudienceGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("I belong to"),
    )
    interpretation_language = models.CharField(_("interpretation into"), max_length=100, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=250, blank=True)
    language = models.CharField(max_length=20, default="de", editable=False)
    is_reserved = models.BooleanField(_("seat reserved by staff"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    is_no_show = models.BooleanField(_("did not come"), default=False)
    is_anonymised = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One active registration per e-mail address and event.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["pending", "confirmed", "waiting"]),
                name="one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "waiting_since"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def holds_seat(self):
        return self.status == self.Status.CONFIRMED


class EventMessageQuerySet(models.QuerySet):
    def of_event(self, event):
        """The messages written to the event's participants, newest first, with their
        authors: one query, whatever their number."""
        return self.filter(event=event).select_related("author").order_by("-created_at", "-id")


class EventMessage(TranslatableMixin, models.Model):
    """A message the office wrote to the participants of an event, in German and the
    translations it chose to write, to the groups it chose. Sent once, when it is
    recorded (services.send_message): one mail per registration, in the person's
    language where the message has a translation in it, otherwise in German."""

    municipality_path = "event__municipality"
    # Written once and sent at once: a translation added later reaches nobody, so the
    # office's translation overview, exports and imports leave these texts alone.
    in_translation_workflow = False

    # Longest text of one language, so that one message cannot fill the outbox.
    BODY_MAX_LENGTH = 10_000

    class Group(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CHECKED_IN = "checked_in", _("Checked in")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    subject = TranslatedField(_("subject"), max_length=200)
    body = TranslatedField(_("text"), multiline=True)
    # The groups it went to (``groups``; labels as in ``Group``).
    to_confirmed = models.BooleanField(_("Confirmed"), default=False)
    to_waiting = models.BooleanField(_("On the waiting list"), default=False)
    to_checked_in = models.BooleanField(_("Checked in"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_count = models.PositiveIntegerField(_("recipients"), default=0)
    # One per rendering of the message form: the same form sent twice (back button,
    # double click, two tabs) records one message and mails everyone once.
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = EventMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "submission_key"], name="event_message_submitted_once"
            ),
            models.CheckConstraint(
                condition=Q(to_confirmed=True) | Q(to_waiting=True) | Q(to_checked_in=True),
                name="event_message_has_a_group",
            ),
        ]

    def __str__(self):
        return str(self.subject)

    def clean(self):
        """Each language's text is bounded, and a translation is the whole message:
        subject and text, or neither (a person reads one language, not two)."""
        errors = {}
        for language, text in self.body.texts().items():
            if len(text) > self.BODY_MAX_LENGTH:
                errors.setdefault("body", []).append(
                    _("At most %(limit)s characters (%(language)s has %(count)s).")
                    % {"limit": self.BODY_MAX_LENGTH, "language": language, "count": len(text)}
                )
        names = dict(settings.LANGUAGES)
        # German first: while it is missing, the fields themselves ask for it.
        if self.subject.get(SOURCE_LANGUAGE) and self.body.get(SOURCE_LANGUAGE):
            for language in sorted(set(self.subject.texts()) ^ set(self.body.texts())):
                missing = "body" if self.subject.get(language) else "subject"
                errors.setdefault(missing, []).append(
                    _("Please write the subject and the text in %(language)s, or neither.")
                    % {"language": names.get(language, language)}
                )
        if errors:
            raise ValidationError(errors)

    @property
    def groups(self):
        """The chosen groups, in the order of ``Group``."""
        chosen = {
            self.Group.CONFIRMED: self.to_confirmed,
            self.Group.WAITING: self.to_waiting,
            self.Group.CHECKED_IN: self.to_checked_in,
        }
        return [group for group in self.Group if chosen[group]]

    @groups.setter
    def groups(self, groups):
        groups = set(groups)
        self.to_confirmed = self.Group.CONFIRMED in groups
        self.to_waiting = self.Group.WAITING in groups
        self.to_checked_in = self.Group.CHECKED_IN in groups

    def get_groups_display(self):
        return [self.Group(group).label for group in self.groups]

    @classmethod
    def group_filter(cls, group):
        """Which registrations belong to ``group``. People who were checked in hold a
        seat (their registration is confirmed); anonymised ones are nobody."""
        return {
            cls.Group.CONFIRMED: Q(status=Registration.Status.CONFIRMED),
            cls.Group.WAITING: Q(status=Registration.Status.WAITING),
            cls.Group.CHECKED_IN: Q(
                status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
            ),
        }[group]

    @classmethod
    def recipients_filter(cls, groups):
        """Registrations in any of ``groups``: each person once, whatever the number of
        chosen groups they are in."""
        condition = Q(pk__in=[])
        for group in groups:
            condition |= cls.group_filter(group)
        return condition & Q(is_anonymised=False)

    def language_for(self, language):
        """The language a person who registered in ``language`` reads the message in:
        theirs if the message was written in it, otherwise German."""
        if self.subject.get(language) and self.body.get(language):
            return language
        return SOURCE_LANGUAGE


class EventMessageRecipient(models.Model):
    """That a registration was sent a message: the key that mails each person once
    per message, however often the sending runs."""

    municipality_path = "message__event__municipality"

    message = models.ForeignKey(EventMessage, on_delete=models.CASCADE, related_name="recipients")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="message_receipts"
    )
    language = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "registration"], name="event_message_once_per_registration"
            )
        ]

    def __str__(self):
        return f"{self.message_id} → {self.registration_id}"


class Invitation(MunicipalityOwned):
    """A personal, single-use, expiring invitation to an invitation-only event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(null=True, blank=True)
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.event}"

    @property
    def state(self):
        """ "used", "expired" or "open"."""
        if self.used_at:
            return "used"
        if self.expires_at < timezone.now():
            return "expired"
        return "open"


class ProgrammeItem(TranslatableMixin, models.Model):
    municipality_path = "event__municipality"

    class Kind(models.TextChoices):
        ARRIVAL = "arrival", _("Arrival")
        WELCOME = "welcome", _("Welcome")
        TALK = "talk", _("Talk")
        BREAK = "break", _("Break")
        WORLD_CAFE = "world_cafe", _("World café")
        RESULTS = "results", _("Presentation of results")
        FEEDBACK = "feedback", _("Feedback")
        MEAL = "meal", _("Meal")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), multiline=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")

    def __str__(self):
        return str(self.title)


class Speaker(models.Model):
    """A person on the programme, with organisation and function (public by choice)."""

    municipality_path = "item__event__municipality"

    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation_name = models.CharField(_("organisation"), max_length=250, blank=True)
    function = models.CharField(_("function"), max_length=250, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return str(self.name)


class Station(TranslatableMixin, models.Model):
    """A parallel station of a programme item (e.g. a world café table), with the
    results recorded after the event."""

    municipality_path = "item__event__municipality"

    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="stations")
    title = TranslatedField(_("title"), max_length=250)
    theme = TranslatedField(_("theme"), multiline=True, blank=True)
    host = models.CharField(_("host"), max_length=250, blank=True)
    results = TranslatedField(_("results"), multiline=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")

    def __str__(self):
        return str(self.title)


class FeedbackManager(models.Manager):
    def give(self, registration, *, rating, text=""):
        """Store the answer of ``registration``; False, storing nothing, if it has
        answered before. Its receipt and the answer are written in one transaction, and
        the receipt's primary key refuses a second one, also when two arrive at once."""
        with transaction.atomic():
            try:
                with transaction.atomic():
                    FeedbackReceipt.objects.create(
                        digest=FeedbackReceipt.digest_of(registration), event=registration.event
                    )
            except IntegrityError:
                return False
            self.create(event=registration.event, rating=rating, text=text)
        return True

    def given_by(self, registration):
        return FeedbackReceipt.objects.filter(
            digest=FeedbackReceipt.digest_of(registration)
        ).exists()


class Feedback(models.Model):
    """Anonymous feedback after the event: not linked to the registration. One answer
    per registration (``FeedbackReceipt``)."""

    municipality_path = "event__municipality"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedbackManager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="rating_1_to_5")
        ]

    def __str__(self):
        return f"{self.event}: {self.rating}"


class FeedbackReceipt(models.Model):
    """That one registration has given its feedback. Holds a keyed hash of the
    registration, no link to it, no time and no link to the answer (the hash is the
    primary key, so there is no sequence number to line up with the answers), so the
    answer stays anonymous while a second one is refused."""

    digest = models.CharField(max_length=64, primary_key=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.digest

    @staticmethod
    def digest_of(registration):
        return salted_hmac(
            "teilhabe.events.feedback", str(registration.public_id), algorithm="sha256"
        ).hexdigest()

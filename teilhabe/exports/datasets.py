"""The municipality's public data as datasets: measures (with goals, fields of action,
departments and status), organisations, departments and events. Each dataset names its
columns once (name, type, meaning in German and English: the data dictionary) and reads
its rows with a fixed number of queries, whatever the number of rows.

Texts are the German source (translations are on the pages and in the API); lists of
references (departments, organisations, target groups) are joined with ``LIST_SEPARATOR``
and name their rows by natural keys: a department by its number (or German name when it
has none), an organisation by its short name in addresses (slug), a target group by its
code. The same columns are what ``teilhabe/imports`` reads back, so a file exported here
imports without a change.

Public rows only (``Model.objects.public()`` and the published directory); no personal
data: an event's registrations and online access data, an organisation's internal
contact and notes and a department's internal address are in no dataset."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from teilhabe.directory.models import Department, Organisation
from teilhabe.events.models import Event
from teilhabe.plan.models import ConceptCycle, Measure

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text, integer, decimal, date, datetime, boolean, code, list, url
    meaning_de: str
    meaning_en: str

    def meaning(self, language):
        return self.meaning_de if language.startswith("de") else self.meaning_en


@dataclass(frozen=True)
class Dataset:
    slug: str
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    columns: tuple
    read_rows: object  # (municipality, **options) -> iterable of rows

    @property
    def headers(self):
        return [column.name for column in self.columns]

    def title(self, language):
        return self.title_de if language.startswith("de") else self.title_en

    def description(self, language):
        return self.description_de if language.startswith("de") else self.description_en

    def rows(self, municipality, **options):
        return self.read_rows(municipality, **options)


def german(texts):
    return texts.text("de") if texts else ""


def joined(values):
    return LIST_SEPARATOR.join(str(v) for v in values)


def department_key(department):
    """How files name a department: its number, or its German name when it has none."""
    return department.number or german(department.name)


def absolute(path):
    return settings.TEILHABE_BASE_URL.rstrip("/") + path


# --- Measures -------------------------------------------------------------------------------

MEASURE_COLUMNS = (
    Column(
        "cycle",
        "code",
        "Kurzname des Konzeptzyklus (Planperiode) in Adressen",
        "Short name of the concept cycle (plan period) in addresses",
    ),
    Column("field_number", "integer", "Nummer des Handlungsfelds", "Number of the field of action"),
    Column("field_title", "text", "Titel des Handlungsfelds", "Title of the field of action"),
    Column("goal_code", "code", "Kennung des Ziels, z. B. 3.2", "Code of the goal, e.g. 3.2"),
    Column("goal_title", "text", "Titel des Ziels", "Title of the goal"),
    Column(
        "code",
        "code",
        "Kennung der Maßnahme, z. B. 3.2.1 (eindeutig im Zyklus)",
        "Code of the measure, e.g. 3.2.1 (unique within the cycle)",
    ),
    Column("title", "text", "Titel der Maßnahme", "Title of the measure"),
    Column("description", "text", "Beschreibung der Maßnahme", "Description of the measure"),
    Column(
        "lead_departments",
        "list",
        "Federführende Ämter (Nummer, sonst Name; durch „; “ getrennt)",
        "Lead departments (number, otherwise name; separated by “; ”)",
    ),
    Column(
        "partner_departments",
        "list",
        "Beteiligte Ämter (Nummer, sonst Name; durch „; “ getrennt)",
        "Partner departments (number, otherwise name; separated by “; ”)",
    ),
    Column(
        "partner_organisations",
        "list",
        "Beteiligte Organisationen (Kurznamen aus dem Verzeichnis, durch „; “ getrennt)",
        "Partner organisations (short names from the directory, separated by “; ”)",
    ),
    Column(
        "target_groups",
        "list",
        "Zielgruppen (Codes: "
        + ", ".join(Measure.target_groups.field.related_model.Code.values)
        + ")",
        "Target groups (codes: "
        + ", ".join(Measure.target_groups.field.related_model.Code.values)
        + ")",
    ),
    Column("starts_on", "date", "Beginn (JJJJ-MM-TT)", "Start (YYYY-MM-DD)"),
    Column("ends_on", "date", "Ende (JJJJ-MM-TT)", "End (YYYY-MM-DD)"),
    Column("budget", "decimal", "Budget in Euro", "Budget in euros"),
    Column("funding_source", "text", "Finanzierungsquelle", "Funding source"),
    Column(
        "priority",
        "code",
        "Priorität (high, medium, low)",
        "Priority (high, medium, low)",
    ),
    Column(
        "status",
        "code",
        "Stand laut letztem Sachstandsbericht (planned, in_progress, done, delayed, stopped); "
        "wird beim Import nicht gelesen",
        "Status by the latest status report (planned, in_progress, done, delayed, stopped); "
        "not read by the import",
    ),
    Column(
        "progress",
        "integer",
        "Fortschritt in Prozent laut letztem Sachstandsbericht; wird beim Import nicht gelesen",
        "Progress in per cent by the latest status report; not read by the import",
    ),
    Column(
        "url",
        "url",
        "Adresse der Seite der Maßnahme; wird beim Import nicht gelesen",
        "Address of the measure's page; not read by the import",
    ),
)
DRAFT_COLUMN = Column(
    "draft",
    "boolean",
    "Entwurf (true: nicht öffentlich); nur in der Datei für die Verwaltung",
    "Draft (true: not public); only in the office's file",
)


def measures_queryset(municipality, cycle=None, *, include_drafts=False):
    measures = Measure.objects.for_municipality(municipality)
    if cycle is not None:
        measures = measures.filter(cycle=cycle)
    if not include_drafts:
        measures = measures.public()
    return (
        measures.select_related("cycle", "goal__field", "latest_report")
        .prefetch_related(
            Prefetch("lead_departments", queryset=Department.objects.order_by("number", "pk")),
            Prefetch("partner_departments", queryset=Department.objects.order_by("number", "pk")),
            Prefetch("partner_organisations", queryset=Organisation.objects.order_by("slug")),
            "target_groups",
        )
        .order_by("-cycle__starts_on", "goal__field__number", "code")
    )


def measure_rows(municipality, cycle=None, *, include_drafts=False):
    """One row per measure, in ``MEASURE_COLUMNS`` order (then ``draft`` with
    ``include_drafts``): 5 queries."""
    for m in measures_queryset(municipality, cycle, include_drafts=include_drafts):
        field = m.goal.field
        row = [
            m.cycle.slug,
            field.number,
            german(field.title),
            m.goal.code,
            german(m.goal.title),
            m.code,
            german(m.title),
            german(m.description),
            joined(department_key(d) for d in m.lead_departments.all()),
            joined(department_key(d) for d in m.partner_departments.all()),
            joined(o.slug for o in m.partner_organisations.all()),
            joined(sorted(t.code for t in m.target_groups.all())),
            m.starts_on,
            m.ends_on,
            m.budget,
            m.funding_source,
            m.priority,
            m.status,
            m.progress,
            absolute(
                reverse(
                    "plan:measure",
                    kwargs={
                        "municipality": municipality.slug,
                        "cycle": m.cycle.slug,
                        "code": m.code,
                    },
                )
            ),
        ]
        if include_drafts:
            row.append(m.is_draft)
        yield row


MEASURES = Dataset(
    slug="massnahmen",
    title_de="Maßnahmen des Integrationskonzepts",
    title_en="Measures of the integration concept",
    description_de=(
        "Jede öffentliche Maßnahme aller veröffentlichten Konzeptzyklen mit Handlungsfeld, "
        "Ziel, Ämtern, Partnern, Zeitraum, Budget und aktuellem Stand."
    ),
    description_en=(
        "Every public measure of all published concept cycles with its field of action, goal, "
        "departments, partners, period, budget and current status."
    ),
    columns=MEASURE_COLUMNS,
    read_rows=measure_rows,
)


# --- Organisations --------------------------------------------------------------------------

ORGANISATION_COLUMNS = (
    Column(
        "slug",
        "code",
        "Kurzname der Organisation in Adressen (eindeutig)",
        "Short name of the organisation in addresses (unique)",
    ),
    Column("name", "text", "Name", "Name"),
    Column("short_name", "text", "Kurzname, z. B. DSM", "Short name, e.g. DSM"),
    Column(
        "type",
        "code",
        "Art (" + ", ".join(Organisation.Type.values) + ")",
        "Type (" + ", ".join(Organisation.Type.values) + ")",
    ),
    Column("description", "text", "Beschreibung", "Description"),
    Column(
        "activities",
        "list",
        "Tätigkeitsfelder (Codes, durch „; “ getrennt)",
        "Fields of activity (codes, separated by “; ”)",
    ),
    Column(
        "languages",
        "list",
        "Sprachen (ISO-639-Codes, durch „; “ getrennt)",
        "Languages (ISO 639 codes, separated by “; ”)",
    ),
    Column("district", "text", "Stadtteil", "District"),
    Column("website", "url", "Website", "Website"),
    Column("public_email", "text", "Öffentliche E-Mail-Adresse", "Public e-mail address"),
    Column("public_phone", "text", "Öffentliche Telefonnummer", "Public phone number"),
    Column("address", "text", "Anschrift", "Postal address"),
    Column(
        "umbrellas",
        "list",
        "Mitglied in (Kurznamen der Dachverbände); wird beim Import nicht gelesen",
        "Member of (short names of the umbrella associations); not read by the import",
    ),
    Column(
        "verified",
        "boolean",
        "Vom Integrationsbüro geprüft; wird beim Import nicht gelesen",
        "Verified by the integration office; not read by the import",
    ),
    Column(
        "url",
        "url",
        "Adresse des Profils; wird beim Import nicht gelesen",
        "Address of the profile; not read by the import",
    ),
)


def organisation_rows(municipality):
    """One row per published organisation: 4 queries."""
    organisations = (
        Organisation.objects.for_municipality(municipality)
        .published()
        .prefetch_related(
            "activities",
            "languages",
            Prefetch("umbrellas", queryset=Organisation.objects.order_by("slug")),
        )
        .order_by("slug")
    )
    for o in organisations:
        yield [
            o.slug,
            o.name,
            o.short_name,
            o.type,
            german(o.description),
            joined(sorted(a.code for a in o.activities.all())),
            joined(sorted(language.code for language in o.languages.all())),
            o.district,
            o.website,
            o.public_email,
            o.public_phone,
            o.address,
            joined(u.slug for u in o.umbrellas.all() if u.is_published),
            o.is_verified,
            absolute(
                reverse(
                    "directory:organisation",
                    kwargs={"municipality": municipality.slug, "slug": o.slug},
                )
            ),
        ]


ORGANISATIONS = Dataset(
    slug="organisationen",
    title_de="Organisationen",
    title_en="Organisations",
    description_de=(
        "Die veröffentlichten Organisationen des Verzeichnisses (Migrant*innenorganisationen, "
        "Dachverbände, Wohlfahrtsverbände, Behörden, …) mit ihren öffentlichen Angaben."
    ),
    description_en=(
        "The published organisations of the directory (migrant organisations, umbrella and "
        "welfare associations, authorities, …) with their public details."
    ),
    columns=ORGANISATION_COLUMNS,
    read_rows=organisation_rows,
)


# --- Departments ----------------------------------------------------------------------------

DEPARTMENT_COLUMNS = (
    Column(
        "number",
        "code",
        "Amtsnummer, z. B. 50 (eindeutig, kann leer sein)",
        "Official number, e.g. 50 (unique, may be empty)",
    ),
    Column("name", "text", "Name (eindeutig)", "Name (unique)"),
    Column("short_name", "text", "Kurzname", "Short name"),
    Column(
        "kind",
        "code",
        "Art (" + ", ".join(Department.Kind.values) + ")",
        "Kind (" + ", ".join(Department.Kind.values) + ")",
    ),
)


def department_rows(municipality):
    """One row per department: 1 query."""
    for d in Department.objects.for_municipality(municipality).order_by("number", "name__de"):
        yield [d.number, german(d.name), d.short_name, d.kind]


DEPARTMENTS = Dataset(
    slug="aemter",
    title_de="Ämter und Eigenbetriebe",
    title_en="City departments",
    description_de="Die Ämter, Eigenbetriebe und Stabsstellen, die Maßnahmen umsetzen.",
    description_en="The offices, municipal enterprises and units that carry out measures.",
    columns=DEPARTMENT_COLUMNS,
    read_rows=department_rows,
)


# --- Events ---------------------------------------------------------------------------------

EVENT_COLUMNS = (
    Column("slug", "code", "Kurzname in Adressen", "Short name in addresses"),
    Column("title", "text", "Titel", "Title"),
    Column(
        "kind",
        "code",
        "Art (" + ", ".join(Event.Kind.values) + ")",
        "Kind (" + ", ".join(Event.Kind.values) + ")",
    ),
    Column(
        "format",
        "code",
        "Form (" + ", ".join(Event.Format.values) + ")",
        "Format (" + ", ".join(Event.Format.values) + ")",
    ),
    Column("status", "code", "Stand (published, cancelled)", "Status (published, cancelled)"),
    Column("access", "code", "Zugang (open, invitation)", "Access (open, invitation)"),
    Column(
        "starts_at",
        "datetime",
        "Beginn (ISO 8601 mit Zeitzone)",
        "Start (ISO 8601 with time zone)",
    ),
    Column("ends_at", "datetime", "Ende (ISO 8601 mit Zeitzone)", "End (ISO 8601 with time zone)"),
    Column("venue", "text", "Veranstaltungsort", "Venue"),
    Column("venue_address", "text", "Anschrift des Ortes", "Address of the venue"),
    Column("series", "text", "Veranstaltungsreihe", "Event series"),
    Column("cycle", "code", "Konzeptzyklus (Kurzname)", "Concept cycle (short name)"),
    Column(
        "fields_of_action",
        "list",
        "Nummern der Handlungsfelder",
        "Numbers of the fields of action",
    ),
    Column("languages", "list", "Sprachen (ISO 639)", "Languages (ISO 639)"),
    Column("capacity", "integer", "Plätze (leer: unbegrenzt)", "Seats (empty: unlimited)"),
    Column("free", "boolean", "Kostenlos", "Free of charge"),
    Column("registration_opens_at", "datetime", "Anmeldung ab", "Registration opens"),
    Column("registration_closes_at", "datetime", "Anmeldeschluss", "Registration deadline"),
    Column("url", "url", "Adresse der Seite", "Address of the event's page"),
)


def _local(value):
    return timezone.localtime(value) if value else None


def event_rows(municipality):
    """One row per public event: 3 queries. No registrations, no online access data."""
    events = (
        Event.objects.for_municipality(municipality)
        .public()
        .select_related("venue", "series", "cycle")
        .prefetch_related("fields_of_action", "languages")
        .order_by("starts_at", "slug")
    )
    for e in events:
        yield [
            e.slug,
            german(e.title),
            e.kind,
            e.format,
            e.status,
            e.access,
            _local(e.starts_at),
            _local(e.ends_at),
            e.venue.name if e.venue else "",
            e.venue.address if e.venue else "",
            german(e.series.title) if e.series else "",
            e.cycle.slug if e.cycle else "",
            joined(sorted(f.number for f in e.fields_of_action.all())),
            joined(sorted(language.code for language in e.languages.all())),
            e.capacity,
            e.is_free,
            _local(e.registration_opens_at),
            _local(e.registration_closes_at),
            absolute(
                reverse("events:event", kwargs={"municipality": municipality.slug, "slug": e.slug})
            ),
        ]


EVENTS = Dataset(
    slug="veranstaltungen",
    title_de="Beteiligungsveranstaltungen",
    title_en="Participation events",
    description_de=(
        "Die öffentlichen Veranstaltungen mit Zeit, Ort, Sprachen und Plätzen; ohne Angaben "
        "zu Teilnehmenden und ohne Zugangsdaten von Online-Veranstaltungen."
    ),
    description_en=(
        "The public events with time, place, languages and seats; without anything about "
        "participants and without the access data of online events."
    ),
    columns=EVENT_COLUMNS,
    read_rows=event_rows,
)


DATASETS = {d.slug: d for d in (MEASURES, ORGANISATIONS, DEPARTMENTS, EVENTS)}


def public_cycles(municipality):
    return ConceptCycle.objects.for_municipality(municipality).public()

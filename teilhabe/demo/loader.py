"""Load the Dresden demo data (teilhabe.demo.dresden) into the database.

The demo's present is computed from ``now`` (default: this moment): the reports of the
running plan are dated by their age relative to it and the upcoming events lie ahead of
it (dresden.upcoming_events), so the demo hangs together on whatever day it is loaded.

Idempotent: every row is found by its natural key (municipality slug, department
number or name, organisation slug, user e-mail; for the action plan: cycle slug, phase
per cycle, field number, goal and measure code, report date per measure (text for a
report dated by its age), indicator and
funding line title per cycle, year, need-for-action order; for events: venue and
audience group name, series and event slug, programme item start, speaker and station
name, sample registration number) and only written when it
differs from the data, so a second run changes nothing and reports every row
"unchanged"; loaded on another day, only what is dated relative to the day moves.
Rows the data does not mention are left alone.
Everything runs in one transaction: a mistake in the data leaves the database as it was.
"""

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import Role, User
from teilhabe.bodies.models import Body, Membership, Person
from teilhabe.consultation.models import (
    Answer,
    Comment,
    Consultation,
    Demand,
    Draft,
    Section,
    Statement,
)
from teilhabe.directory.models import (
    ActivityField,
    Department,
    Language,
    Organisation,
    UmbrellaMembership,
)
from teilhabe.directory.vocabulary import load_vocabulary
from teilhabe.events.models import (
    AudienceGroup,
    Event,
    EventSeries,
    ProgrammeItem,
    Registration,
    Speaker,
    Station,
    Venue,
)
from teilhabe.languages.content import SOURCE_LANGUAGE
from teilhabe.languages.fields import SAMPLE_KEY, Translations
from teilhabe.plan.models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingAmount,
    FundingLine,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    OpenItem,
    StatusReport,
    TargetGroup,
)
from teilhabe.plan.services import latest_report_of
from teilhabe.plan.vocabulary import load_target_groups
from teilhabe.reports import services as reports
from teilhabe.reports.models import Report
from teilhabe.tenants.models import Municipality

from . import dresden, dresden_bodies, dresden_consultation

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# Key suffix in dresden.py -> language of the text (``title_en``, ``title_ar``, ...).
DEMO_LANGUAGE_SUFFIXES = {
    "simple": "de-x-simple",
    "en": "en",
    "ar": "ar",
    "fa": "fa",
    "ru": "ru",
    "tr": "tr",
    "uk": "uk",
    "vi": "vi",
}

# Organisation fields a row in dresden.ORGANISATIONS may leave out.
ORGANISATION_DEFAULTS = {
    "short_name": "",
    "description_en": "",
    "description_simple": "",
    "district": "",
    "website": "",
    "public_email": "",
    "public_phone": "",
    "address": "",
    "is_verified": False,
    "is_published": True,
}

# Action plan fields a row in dresden.py may leave out (so that a value removed from
# the data is reset on the next load, too).
_TEXTS = ("", "_en", "_simple")
CYCLE_DEFAULTS = {
    **{f"{field}{suffix}": "" for field in ("title", "summary") for suffix in _TEXTS},
    "short_title": "",
    "council_decision_number": "",
    "council_decision_date": None,
    "is_published": True,
    "is_sample": False,
}
PHASE_DEFAULTS = {"ends_on": None, "note": "", "note_en": "", "note_simple": ""}
FIELD_DEFAULTS = {
    **{
        f"{field}{suffix}": ""
        for field in ("title", "situation", "developments", "challenges")
        for suffix in _TEXTS
    },
    "is_draft": False,
}
GOAL_DEFAULTS = {
    **{f"{field}{suffix}": "" for field in ("title", "description") for suffix in _TEXTS},
    "is_draft": False,
}
MEASURE_DEFAULTS = {
    **GOAL_DEFAULTS,
    "starts_on": None,
    "ends_on": None,
    "budget": None,
    "funding_source": "",
    "priority": Measure.Priority.MEDIUM,
    "intercultural_opening": False,
    "is_sample": False,
}
REPORT_DEFAULTS = {"is_highlight": False, "evidence_url": "", "is_sample": False}
FUNDING_LINE_DEFAULTS = {
    **{f"{field}{suffix}": "" for field in ("title", "description") for suffix in _TEXTS},
    "is_sample": False,
}
INDICATOR_DEFAULTS = {
    **FUNDING_LINE_DEFAULTS,
    "baseline": None,
    "baseline_year": None,
    "target": None,
    "target_year": None,
    "intercultural_opening": False,
    "shown_in_directory_statistics": False,
}
OPEN_ITEM_DEFAULTS = {"text_en": "", "text_simple": "", "taken_up_by": None}


def load_dresden(now=None):
    """Load all Dresden demo data as of ``now`` (an aware datetime, default: this
    moment). Returns {kind: Counter(created/updated/unchanged)}."""
    now = now or timezone.now()
    report = {}
    with transaction.atomic():
        # The vocabulary comes with a migration; loading it again is a cheap safeguard.
        load_vocabulary(ActivityField, Language)
        load_target_groups(TargetGroup)
        municipality, status = upsert(
            Municipality, {"slug": dresden.MUNICIPALITY["slug"]}, dresden.MUNICIPALITY
        )
        report["municipalities"] = Counter({status: 1})
        departments, report["departments"] = load_departments(municipality)
        organisations, report["organisations"] = load_organisations(municipality)
        report["umbrella memberships"] = load_umbrella_memberships(organisations)
        report["demo users"] = load_users(municipality, departments, organisations)
        report.update(load_plan(municipality, departments, organisations, now))
        report.update(load_events(municipality, organisations, now))
        report.update(load_consultation(municipality, departments, organisations))
        report.update(load_bodies(municipality, departments, organisations))
        report["implementation reports"] = load_reports(municipality)
    return report


def translated_fields(model):
    names = getattr(model, "translated_field_names", None)
    return set(names()) if names else set()


def collect_translations(model, values):
    """dresden.py writes a translated field as ``title`` (German) and ``title_en``,
    ``title_simple``, ``title_ar``, ... (one key per language): here they become the
    field's ``Translations``. Texts in ``dresden.SAMPLE_TRANSLATIONS`` languages are
    invented for the demo and marked so."""
    values = dict(values)
    for name in translated_fields(model):
        keys = [name] + [f"{name}_{suffix}" for suffix in DEMO_LANGUAGE_SUFFIXES]
        if not any(key in values for key in keys):
            continue
        texts = Translations(None)
        texts.set(SOURCE_LANGUAGE, values.pop(name, "") or "")
        for suffix, code in DEMO_LANGUAGE_SUFFIXES.items():
            text = values.pop(f"{name}_{suffix}", "")
            if text:
                texts.set(code, text)
        samples = [code for code in texts.languages() if code in dresden.SAMPLE_TRANSLATIONS]
        if samples:
            texts[SAMPLE_KEY] = samples
        values[name] = texts
    return values


def upsert(model, lookup, values):
    """Like QuerySet.update_or_create, but saves only when a value differs, so that
    running the loader again neither writes nor touches updated_at. A translated field
    in ``lookup`` is matched by its German text."""
    translated = translated_fields(model)
    values = collect_translations(model, {**lookup, **values})
    values = {k: v for k, v in values.items() if k not in lookup or k in translated}
    query = {f"{k}__{SOURCE_LANGUAGE}" if k in translated else k: v for k, v in lookup.items()}
    obj = model.objects.filter(**query).first()
    if obj is None:
        obj = model(**{k: v for k, v in lookup.items() if k not in translated}, **values)
        status = CREATED
    elif any(getattr(obj, field) != value for field, value in values.items()):
        for field, value in values.items():
            setattr(obj, field, value)
        status = UPDATED
    else:
        return obj, UNCHANGED
    obj.full_clean()
    obj.save()
    return obj, status


def load_departments(municipality):
    """Departments keyed like dresden.department_key: by number, else by name."""
    departments, counts = {}, Counter()
    for row in dresden.DEPARTMENTS:
        lookup = {"municipality": municipality}
        if row["number"]:
            lookup["number"] = row["number"]
        else:
            lookup["name"] = row["name"]
        department, status = upsert(Department, lookup, row)
        departments[dresden.department_key(row)] = department
        counts[status] += 1
    return departments, counts


def load_organisations(municipality):
    organisations, counts = {}, Counter()
    for row in dresden.ORGANISATIONS:
        values = {**ORGANISATION_DEFAULTS, **row}
        activities = values.pop("activities", [])
        languages = values.pop("languages", [])
        if not values["is_verified"]:
            values["verified_at"] = None
        organisation, status = upsert(
            Organisation, {"municipality": municipality, "slug": row["slug"]}, values
        )
        if organisation.is_verified and organisation.verified_at is None:
            organisation.mark_verified()
            organisation.save(update_fields=["is_verified", "verified_at"])
        m2m_changed = _set_codes(organisation.activities, ActivityField, activities)
        m2m_changed |= _set_codes(organisation.languages, Language, languages)
        if m2m_changed:
            organisation.refresh_search_text()
            status = UPDATED if status == UNCHANGED else status
        organisations[row["slug"]] = organisation
        counts[status] += 1
    return organisations, counts


def _set_codes(manager, model, codes):
    """Set a many-to-many field to the vocabulary entries with these codes; True if
    it changed. Unknown codes are a mistake in the data, not something to skip."""
    wanted = list(model.objects.filter(code__in=codes))
    missing = set(codes) - {entry.code for entry in wanted}
    if missing:
        raise ValueError(f"Unknown {model.__name__} codes in demo data: {sorted(missing)}")
    return _set_related(manager, wanted)


def load_umbrella_memberships(organisations):
    counts = Counter()
    for member, umbrella in dresden.UMBRELLA_MEMBERSHIPS:
        _, created = UmbrellaMembership.objects.get_or_create(
            member=organisations[member], umbrella=organisations[umbrella]
        )
        counts[CREATED if created else UNCHANGED] += 1
    return counts


def load_users(municipality, departments, organisations):
    counts = Counter()
    for row in dresden.USERS:
        user = User.objects.filter(email__iexact=row["email"]).first()
        if user is None:
            user = User.objects.create_user(
                row["email"], row["password"], full_name=row["full_name"], is_demo=True
            )
            status = CREATED
        else:
            status = _update_user(user, row)
        role, role_created = Role.objects.get_or_create(
            user=user, municipality=municipality, kind=row["role"]
        )
        changed = _set_related(
            role.departments, [departments[key] for key in row.get("departments", [])]
        )
        changed |= _set_related(
            role.organisations, [organisations[s] for s in row.get("organisations", [])]
        )
        if status == UNCHANGED and (role_created or changed):
            status = UPDATED
        counts[status] += 1
    return counts


def _update_user(user, row):
    """Bring an existing demo user back to the data: name, demo flag, password."""
    wanted = {"full_name": row["full_name"], "is_demo": True, "is_active": True}
    changed = [field for field, value in wanted.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, wanted[field])
    if not user.check_password(row["password"]):
        user.set_password(row["password"])
        changed.append("password")
    if not changed:
        return UNCHANGED
    user.save()
    return UPDATED


def _set_related(manager, objects):
    """Set a many-to-many field; True if it changed, so the row counts as updated."""
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in objects}:
        return False
    manager.set(objects)
    return True


# --- Action plan ------------------------------------------------------------------------


def load_plan(municipality, departments, organisations, now):
    """Cycles with phases, fields, goals, measures with status reports, indicators,
    funding lines and needs for action. Returns {kind: Counter} like load_dresden."""
    report = {}
    cycles, report["concept cycles"], report["cycle phases"] = load_cycles(municipality)
    fields, goals, report["fields of action"], report["goals"] = load_fields(municipality, cycles)
    measures, report["measures"], report["status reports"] = load_measures(
        municipality, cycles, goals, departments, organisations, timezone.localdate(now)
    )
    report["indicators"], report["indicator values"] = load_indicators(municipality, cycles, fields)
    report["funding lines"], report["funding amounts"] = load_funding_lines(
        municipality, cycles, fields, departments
    )
    report["open items"] = load_open_items(municipality, cycles, measures)
    return report


def load_cycles(municipality):
    """Concept cycles in data order, so that a predecessor is always loaded first."""
    cycles, counts, phase_counts = {}, Counter(), Counter()
    for row in dresden.CONCEPT_CYCLES:
        values = {**CYCLE_DEFAULTS, **row, "municipality": municipality}
        phases = values.pop("phases")
        predecessor = values.pop("predecessor")
        values["predecessor"] = cycles[predecessor] if predecessor else None
        cycle, status = upsert(
            ConceptCycle, {"municipality": municipality, "slug": row["slug"]}, values
        )
        for phase_row in phases:
            _, phase_status = upsert(
                CyclePhase,
                {"cycle": cycle, "phase": phase_row["phase"]},
                {**PHASE_DEFAULTS, **phase_row},
            )
            phase_counts[phase_status] += 1
        cycles[row["slug"]] = cycle
        counts[status] += 1
    return cycles, counts, phase_counts


def load_fields(municipality, cycles):
    """Fields keyed (cycle slug, number), goals keyed (cycle slug, goal code)."""
    fields, goals, field_counts, goal_counts = {}, {}, Counter(), Counter()
    for row in dresden.FIELDS_OF_ACTION:
        values = {**FIELD_DEFAULTS, **row, "municipality": municipality}
        cycle = cycles[values.pop("cycle")]
        goal_rows = values.pop("goals", [])
        field, status = upsert(FieldOfAction, {"cycle": cycle, "number": row["number"]}, values)
        fields[(row["cycle"], row["number"])] = field
        field_counts[status] += 1
        for goal_row in goal_rows:
            goal, goal_status = upsert(
                Goal,
                {"field": field, "code": goal_row["code"]},
                {**GOAL_DEFAULTS, **goal_row, "municipality": municipality},
            )
            goals[(row["cycle"], goal_row["code"])] = goal
            goal_counts[goal_status] += 1
    return fields, goals, field_counts, goal_counts


def load_measures(municipality, cycles, goals, departments, organisations, today):
    """Measures keyed (cycle slug, code), with their many-to-many links and reports."""
    measures, counts, report_counts = {}, Counter(), Counter()
    for row in dresden.MEASURES:
        values = {**MEASURE_DEFAULTS, **row, "municipality": municipality}
        cycle_slug = values.pop("cycle")
        values["cycle"] = cycles[cycle_slug]
        values["goal"] = goals[(cycle_slug, values.pop("goal"))]
        predecessor = values.pop("predecessor", None)
        values["predecessor"] = measures[predecessor] if predecessor else None
        lead = [departments[key] for key in values.pop("lead")]
        partners = [departments[key] for key in values.pop("partner_departments", [])]
        partner_organisations = [
            organisations[slug] for slug in values.pop("partner_organisations", [])
        ]
        target_groups = values.pop("target_groups", [])
        report_rows = values.pop("reports", [])
        measure, status = upsert(Measure, {"cycle": values["cycle"], "code": row["code"]}, values)
        changed = _set_related(measure.lead_departments, lead)
        changed |= _set_related(measure.partner_departments, partners)
        changed |= _set_related(measure.partner_organisations, partner_organisations)
        changed |= _set_codes(measure.target_groups, TargetGroup, target_groups)
        changed |= _load_status_reports(measure, report_rows, lead[0], report_counts, today)
        if changed and status == UNCHANGED:
            status = UPDATED
        measures[(cycle_slug, row["code"])] = measure
        counts[status] += 1
    return measures, counts, report_counts


def _report_date(row, today):
    """A report's date: as in the data, or ``age`` reminder periods before ``today``."""
    if "age" not in row:
        return row["reported_on"]
    return today - timedelta(days=round(row["age"] * settings.TEILHABE_STATUS_REPORT_DAYS))


def _load_status_reports(measure, rows, department, counts, today):
    """Add the measure's reports and bring back any that were changed. They are the
    record, imported as they stand (a closed cycle takes no new report through
    services.file_status_report); a report dated by its age is found by its text, so
    that on another day it moves instead of being added again. True if the measure's
    latest_report had to be repaired."""
    for row in rows:
        values = {**REPORT_DEFAULTS, **row}
        values.pop("age", None)
        values["reported_on"] = _report_date(row, today)
        if values.pop("is_sample"):
            values["text"] = dresden.SAMPLE_REPORT_NOTE + values["text"]
        values["author_department"] = department
        key = "text" if "age" in row else "reported_on"
        existing = (
            StatusReport.objects.filter(measure=measure, **{key: values[key]})
            .order_by("created_at", "id")
            .first()
        )
        if existing is None:
            report = StatusReport(municipality=measure.municipality, measure=measure, **values)
            report.full_clean()
            report.save()
            counts[CREATED] += 1
            continue
        changed = [field for field, value in values.items() if getattr(existing, field) != value]
        if changed:
            for field in changed:
                setattr(existing, field, values[field])
            existing.full_clean()
            existing.save(update_fields=changed)
        counts[UPDATED if changed else UNCHANGED] += 1
    # Whatever happened above (or to the data since the last load): latest_report must
    # be the newest report that stands, as the plan's services keep it.
    measure.refresh_from_db(fields=["latest_report"])
    latest = latest_report_of(measure)
    if measure.latest_report_id == (latest.pk if latest else None):
        return False
    measure.latest_report = latest
    measure.save(update_fields=["latest_report"])
    return True


def load_indicators(municipality, cycles, fields):
    counts, value_counts = Counter(), Counter()
    for row in dresden.INDICATORS:
        values = {**INDICATOR_DEFAULTS, **row, "municipality": municipality}
        cycle_slug = values.pop("cycle")
        field = values.pop("field")
        values["field"] = fields[(cycle_slug, field)] if field else None
        yearly = values.pop("values")
        indicator, status = upsert(
            Indicator, {"cycle": cycles[cycle_slug], "title": row["title"]}, values
        )
        counts[status] += 1
        for value_row in yearly:
            _, value_status = upsert(
                IndicatorValue,
                {"indicator": indicator, "year": value_row["year"]},
                {"note": "", **value_row},
            )
            value_counts[value_status] += 1
    return counts, value_counts


def load_funding_lines(municipality, cycles, fields, departments):
    counts, amount_counts = Counter(), Counter()
    for row in dresden.FUNDING_LINES:
        values = {**FUNDING_LINE_DEFAULTS, **row, "municipality": municipality}
        cycle_slug = values.pop("cycle")
        field = values.pop("field")
        values["field"] = fields[(cycle_slug, field)] if field else None
        values["department"] = departments[values.pop("department")]
        amounts = values.pop("amounts")
        line, status = upsert(
            FundingLine, {"cycle": cycles[cycle_slug], "title": row["title"]}, values
        )
        counts[status] += 1
        for amount_row in amounts:
            _, amount_status = upsert(
                FundingAmount,
                {"line": line, "year": amount_row["year"]},
                {"is_estimate": False, **amount_row},
            )
            amount_counts[amount_status] += 1
    return counts, amount_counts


def load_open_items(municipality, cycles, measures):
    counts = Counter()
    for row in dresden.OPEN_ITEMS:
        values = {**OPEN_ITEM_DEFAULTS, **row, "municipality": municipality}
        cycle = cycles[values.pop("cycle")]
        taken_up_by = values.pop("taken_up_by")
        values["taken_up_by"] = measures[taken_up_by] if taken_up_by else None
        _, status = upsert(OpenItem, {"cycle": cycle, "order": row["order"]}, values)
        counts[status] += 1
    return counts


# --- Events -----------------------------------------------------------------------------

VENUE_DEFAULTS = {
    f"{field}{suffix}": ""
    for field in ("entrance", "directions", "accessibility")
    for suffix in _TEXTS
}
EVENT_DEFAULTS = {
    **{
        f"{field}{suffix}": ""
        for field in ("title", "description", "participant_notes")
        for suffix in _TEXTS
    },
    "series": None,
    "cycle": None,
    "venue": None,
    "online_platform": "",
    "join_url": "",
    "meeting_id": "",
    "passcode": "",
    "capacity": None,
    "is_free": True,
    "fee_note": "",
    "interpretation": "",
    "is_listed": True,
    "registration_opens_at": None,
    "registration_closes_at": None,
}
PROGRAMME_DEFAULTS = {
    "ends_at": None,
    **{f"{field}{suffix}": "" for field in ("title", "description") for suffix in _TEXTS},
}
SPEAKER_DEFAULTS = {"organisation": None, "organisation_name": "", "function": ""}
STATION_DEFAULTS = {
    **{f"{field}{suffix}": "" for field in ("title", "theme", "results") for suffix in _TEXTS},
    "host": "",
}


def load_events(municipality, organisations, now):
    """Venues, audience groups, series, events with programme, speakers, stations and
    (anonymised) sample registrations. Returns {kind: Counter} like load_dresden."""
    report = {kind: Counter() for kind in ("venues", "audience groups", "event series")}
    venues, groups, series = {}, {}, {}
    for row in dresden.VENUES:
        venues[row["name"]], status = upsert(
            Venue,
            {"municipality": municipality, "name": row["name"]},
            {**VENUE_DEFAULTS, **row},
        )
        report["venues"][status] += 1
    for row in dresden.AUDIENCE_GROUPS:
        groups[row["name"]], status = upsert(
            AudienceGroup, {"municipality": municipality, "name": row["name"]}, row
        )
        report["audience groups"][status] += 1
    for row in dresden.EVENT_SERIES:
        series[row["slug"]], status = upsert(
            EventSeries, {"municipality": municipality, "slug": row["slug"]}, row
        )
        report["event series"][status] += 1
    cycles = {c.slug: c for c in ConceptCycle.objects.for_municipality(municipality)}
    for kind in ("events", "programme items", "speakers", "stations", "sample registrations"):
        report[kind] = Counter()
    for row in dresden.EVENTS + dresden.upcoming_events(now):
        values = {**EVENT_DEFAULTS, **row, "municipality": municipality}
        values["series"] = series[values["series"]] if values["series"] else None
        values["venue"] = venues[values["venue"]] if values["venue"] else None
        # Linked to the plan period if the plan data has it.
        values["cycle"] = cycles.get(values["cycle"]) if values["cycle"] else None
        audience = [groups[name] for name in values.pop("audience_groups", [])]
        organisers = [organisations[slug] for slug in values.pop("organisers", [])]
        programme = values.pop("programme", [])
        registrations = values.pop("sample_registrations", [])
        values.update(_past_event_markers(values, now))
        event, status = upsert(Event, {"municipality": municipality, "slug": row["slug"]}, values)
        changed = _set_related(event.audience_groups, audience)
        changed |= _set_related(event.organisers, organisers)
        if changed and status == UNCHANGED:
            status = UPDATED
        report["events"][status] += 1
        _load_programme(event, programme, organisations, report)
        _load_sample_registrations(event, registrations, audience, report["sample registrations"])
    return report


def _past_event_markers(values, now):
    """A past event is loaded the way the platform leaves it: reminded, asked for
    feedback and, after the retention period, without personal data."""
    if values["ends_at"] >= now:
        return {"reminder_sent_at": None, "feedback_requested_at": None}
    markers = {
        "reminder_sent_at": values["starts_at"] - timedelta(days=2),
        "feedback_requested_at": values["ends_at"] + timedelta(days=1),
    }
    deleted = values["ends_at"] + timedelta(days=settings.TEILHABE_EVENT_RETENTION_DAYS)
    if deleted < now:
        markers["personal_data_deleted_at"] = deleted
    return markers


def _load_programme(event, rows, organisations, report):
    for row in rows:
        values = {**PROGRAMME_DEFAULTS, **row}
        speakers = values.pop("speakers", [])
        stations = values.pop("stations", [])
        item, status = upsert(
            ProgrammeItem, {"event": event, "starts_at": row["starts_at"]}, values
        )
        report["programme items"][status] += 1
        for speaker in speakers:
            speaker_values = {**SPEAKER_DEFAULTS, **speaker}
            slug = speaker_values["organisation"]
            speaker_values["organisation"] = organisations[slug] if slug else None
            _, status = upsert(Speaker, {"item": item, "name": speaker["name"]}, speaker_values)
            report["speakers"][status] += 1
        for station in stations:
            _, status = upsert(
                Station, {"item": item, "title": station["title"]}, {**STATION_DEFAULTS, **station}
            )
            report["stations"][status] += 1


def _load_sample_registrations(event, rows, audience, counts):
    """Invented registrations of a past event, already anonymised (only statistics
    remain), keyed by their number in the data."""
    for number, (status, checked_in, no_show, group) in enumerate(rows, start=1):
        at = event.starts_at.astimezone(UTC)  # exact offsets, whatever the DST
        values = {
            "municipality": event.municipality,
            "status": status,
            "name": "",
            "audience_group": audience[group] if group is not None else None,
            "checked_in_at": at + timedelta(minutes=5 * number) if checked_in else None,
            "is_no_show": no_show,
            "is_anonymised": True,
            "consented_at": at - timedelta(days=30),
            "confirmed_at": at - timedelta(days=30) if status != "pending" else None,
            "waiting_since": at - timedelta(days=30) if status == "waiting" else None,
            "cancelled_at": at - timedelta(days=3) if status == "cancelled" else None,
        }
        # Written like the deletion task writes them: "…@invalid" is no valid address,
        # which is the point, so these rows skip full_clean.
        email = f"deleted-sample-{event.slug}-{number}@invalid"
        registration = Registration.objects.filter(event=event, email=email).first()
        if registration is None:
            Registration.objects.create(event=event, email=email, **values)
            counts[CREATED] += 1
        elif any(getattr(registration, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(registration, field, value)
            registration.save()
            counts[UPDATED] += 1
        else:
            counts[UNCHANGED] += 1


# --- Consultation ---------------------------------------------------------------------------


def load_consultation(municipality, departments, organisations):
    """The 2021 consultation with its drafts, sample comments, the DSM position paper, the
    demands from these and from the 2023 conference's stations, and sample answers.
    Demands are keyed by their number in the cycle (dresden_consultation.DEMANDS)."""
    data = dresden_consultation
    report = {
        kind: Counter()
        for kind in ("consultations", "drafts", "sections", "comments", "statements")
    }
    report["demands"], report["answers"] = Counter(), Counter()
    cycles = {c.slug: c for c in ConceptCycle.objects.for_municipality(municipality)}
    if data.CONSULTATION["cycle"] not in cycles:
        return report  # a consultation belongs to a cycle: none without the plan data
    events = {e.slug: e for e in Event.objects.for_municipality(municipality)}
    values = {**data.CONSULTATION, "municipality": municipality}
    values["cycle"] = cycles[values["cycle"]]
    linked_events = [events[slug] for slug in values.pop("events")]
    consultation, status = upsert(
        Consultation, {"municipality": municipality, "slug": values["slug"]}, values
    )
    if _set_related(consultation.events, linked_events) and status == UNCHANGED:
        status = UPDATED
    report["consultations"][status] += 1
    sections = {}
    for row in data.DRAFTS:
        values = {**row, "municipality": municipality}
        section_rows = values.pop("sections")
        draft, status = upsert(
            Draft, {"consultation": consultation, "version": row["version"]}, values
        )
        report["drafts"][status] += 1
        for position, section_row in enumerate(section_rows):
            section, status = upsert(
                Section,
                {"draft": draft, "key": section_row["key"]},
                {**section_row, "position": position},
            )
            sections[(row["version"], section_row["key"])] = section
            report["sections"][status] += 1
    latest = max(row["version"] for row in data.DRAFTS)
    comments = []
    for key, name, text, reply_to in data.COMMENTS:
        section = sections[(latest, key)]
        comment, status = upsert(
            Comment,
            {"section": section, "text": text},
            {
                "municipality": municipality,
                "name": name,
                "language": SOURCE_LANGUAGE,
                "status": Comment.Status.PUBLISHED,
                "parent": comments[reply_to] if reply_to is not None else None,
                # A week after the draft was published.
                "created_at": _in_dresden(section.draft.published_on + timedelta(days=7), 12),
                "published_at": _in_dresden(section.draft.published_on + timedelta(days=8), 9),
            },
        )
        comments.append(comment)
        report["comments"][status] += 1
    statement = _load_statement(municipality, cycles, consultation, events, organisations, report)
    _load_demands(municipality, consultation, statement, comments, departments, report)
    return report


def _in_dresden(day, hour):
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo("Europe/Berlin"))


def _load_statement(municipality, cycles, consultation, events, organisations, report):
    values = {**dresden_consultation.STATEMENT, "municipality": municipality}
    values["cycle"] = cycles[values["cycle"]]
    values["consultation"] = consultation
    values["event"] = events[values["event"]]
    signers = [organisations[slug] for slug in values.pop("organisations")]
    statement, status = upsert(
        Statement, {"municipality": municipality, "title": values["title"]}, values
    )
    if _set_related(statement.organisations, signers) and status == UNCHANGED:
        status = UPDATED
    report["statements"][status] += 1
    return statement


def _load_demands(municipality, consultation, statement, comments, departments, report):
    cycle = statement.cycle
    fields = {f.slug: f for f in FieldOfAction.objects.filter(cycle=cycle)}
    measures = {m.code: m for m in Measure.objects.filter(cycle=cycle)}
    stations = {
        str(s.title.text(SOURCE_LANGUAGE)): s
        for s in Station.objects.filter(item__event__municipality=municipality)
    }
    for row in dresden_consultation.DEMANDS:
        values = {**row, "municipality": municipality}
        kind, *source = values.pop("source")
        answer = values.pop("answer")
        demand_fields = [fields[slug] for slug in values.pop("fields")]
        values.update(source=kind, statement=None, comment=None, station=None)
        if kind == "statement":
            values["statement"], values["consultation"] = statement, consultation
        elif kind == "comment":
            values["comment"], values["consultation"] = comments[source[0]], consultation
        else:
            values["station"], values["consultation"] = stations[source[0]], None
        demand, status = upsert(Demand, {"cycle": cycle, "number": row["number"]}, values)
        if _set_related(demand.fields, demand_fields) and status == UNCHANGED:
            status = UPDATED
        report["demands"][status] += 1
        if answer is None:
            continue
        outcome, reason, department, answered_on, codes, state = answer
        answer_values = {
            "municipality": municipality,
            "outcome": outcome,
            "reason": dresden_consultation.SAMPLE_ANSWER + reason,
            "department": departments[department],
            "answered_on": answered_on,
            "state": state,
            "published_at": _in_dresden(answered_on, 9) if state == "published" else None,
        }
        answer_row, status = upsert(Answer, {"demand": demand}, answer_values)
        linked = [measures[code] for code in codes]
        if _set_related(answer_row.measures, linked) and status == UNCHANGED:
            status = UPDATED
        report["answers"][status] += 1


# --- Bodies -----------------------------------------------------------------------------

BODY_DEFAULTS = {"short_name": "", "description_en": "", "is_public": True, "is_sample": False}


def load_bodies(municipality, departments, organisations):
    """The bodies of dresden_bodies with their memberships (the FAGs' members of seed
    004). A body is keyed by its slug, a membership by body and member; a person member
    (a function named in the lists) by municipality and name."""
    report = {"bodies": Counter(), "memberships": Counter()}
    cycles = {c.slug: c for c in ConceptCycle.objects.for_municipality(municipality)}
    fields = {
        (f.cycle.slug, f.number): f
        for f in FieldOfAction.objects.for_municipality(municipality).select_related("cycle")
    }
    for row in dresden_bodies.BODIES:
        values = {**BODY_DEFAULTS, **row, "municipality": municipality}
        body_cycles = [cycles[slug] for slug in values.pop("cycles") if slug in cycles]
        body_fields = [fields[key] for key in values.pop("fields") if key in fields]
        members = {
            "organisations": [organisations[s] for s in values.pop("organisations", [])],
            "departments": [departments[k] for k in values.pop("departments", [])],
        }
        notes = values.pop("notes", {})
        functions = values.pop("functions", [])
        period = values.pop("period", None)
        body, status = upsert(Body, {"municipality": municipality, "slug": row["slug"]}, values)
        changed = _set_related(body.cycles, body_cycles)
        changed |= _set_related(body.fields, body_fields)
        if changed and status == UNCHANGED:
            status = UPDATED
        report["bodies"][status] += 1
        if period is None:
            continue
        people = [
            upsert(
                Person,
                {"municipality": municipality, "name": name},
                {"name_is_public": True},
            )[0]
            for name in functions
        ]
        member_rows = [("organisation", o, notes.get(o.slug, {})) for o in members["organisations"]]
        member_rows += [("department", d, {}) for d in members["departments"]]
        member_rows += [("person", p, {}) for p in people]
        for kind, member, note in member_rows:
            texts = {"note": "", "note_en": "", "note_simple": "", **note}
            _, status = upsert(
                Membership,
                {"body": body, kind: member},
                {"role": Membership.Role.MEMBER, "starts_on": period[0], "ends_on": period[1]}
                | texts,
            )
            report["memberships"][status] += 1
    return report


def load_reports(municipality):
    """The published implementation report of the 2009 cycle for July 2009 to March 2014
    (seed 004), in German. Laid out here, not by the worker (which may not run yet while
    ``make run`` sets up); a later load keeps the version published before, as the
    office's published versions stay."""
    cycle = ConceptCycle.objects.filter(municipality=municipality, slug=dresden.CYCLE_2009).first()
    if cycle is None:  # a demo without the 2009 plan has nothing to report on
        return Counter()
    period = {"starts_on": dresden.START_OF_REPORT_2009, "ends_on": dresden.END_OF_REPORT_2009}
    if Report.objects.published().filter(cycle=cycle, language=SOURCE_LANGUAGE, **period).exists():
        return Counter({UNCHANGED: 1})
    reports.make_now(cycle, language=SOURCE_LANGUAGE, publish_it=True, **period)
    return Counter({CREATED: 1})

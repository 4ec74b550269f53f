"""Every public page type, in every interface language: no axe-core violations (WCAG
2.0 A/AA, 2.1 AA), the right <html lang>, one h1, a main landmark, a working skip link,
and no horizontal scrolling at 320 CSS pixels (WCAG 1.4.10).

Every staff page (below PAGES: STAFF_PAGES), in German, English and plain language and,
on a 360 px phone, in Arabic: no axe-core violations, <html lang> and dir, one h1, no
sideways scrolling at 360 px. ``test_every_url_is_swept`` fails for an address that
neither sweep visits and no reason excuses."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .helpers import (
    BROWSER_LOCALES,
    DEFAULT_VIEWPORT,
    FOCUS_INDICATOR_JS,
    LANGUAGE_PREFIXES,
    LANGUAGES,
    OTHER_LANGUAGES,
    RIGHT_TO_LEFT_LANGUAGES,
)

pytestmark = pytest.mark.browser


# Each page type: how to get there. ``prefix`` is "" for German, "/en", ...
def _goto(path):
    def visit(page, base_url, prefix, data, log_in):
        return page.goto(f"{base_url}{prefix}{path}")

    return visit


def _search(query):
    return _goto(f"/dresden/verzeichnis/?q={query}")


def _login_with_errors(page, base_url, prefix, data, log_in):
    page.goto(f"{base_url}{prefix}/konto/anmelden/")
    page.locator("#id_username").fill(data.representative.email)
    page.locator("#id_password").fill("falsches-passwort")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_password")).to_have_value("")


def _login_locked_out(page, base_url, prefix, data, log_in):
    page.goto(f"{base_url}{prefix}/konto/anmelden/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(data.representative.email)
        page.locator("#id_password").fill("falsches-passwort")
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").click()
    expect(page.locator("#locked-out")).to_be_visible()
    return navigation.value


def _dashboard(page, base_url, prefix, data, log_in):
    log_in(page, data.representative, prefix)


def _profile_as_representative(page, base_url, prefix, data, log_in):
    log_in(page, data.representative, prefix)
    page.goto(f"{base_url}{prefix}/dresden/verzeichnis/organisationen/kulturverein/")
    expect(page.locator(".internal-data")).to_be_visible()


def _edit_with_errors(page, base_url, prefix, data, log_in):
    log_in(page, data.representative, prefix)
    page.goto(f"{base_url}{prefix}/dresden/verzeichnis/organisationen/kulturverein/bearbeiten/")
    page.locator("#id_name").fill("")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name-error")).to_be_visible()


def _ensure_plan(data):
    """A small plan of two cycles with every kind of content the plan pages show."""
    from datetime import date

    from teilhabe.plan.models import ConceptCycle, Phase, Status
    from tests.plan.factories import (
        ConceptCycleFactory,
        CyclePhaseFactory,
        FieldOfActionFactory,
        FundingLineFactory,
        GoalFactory,
        IndicatorFactory,
        MeasureFactory,
        OpenItemFactory,
        StatusReportFactory,
    )

    if ConceptCycle.objects.filter(slug="ik").exists():
        return
    old = ConceptCycleFactory(
        municipality=data.dresden,
        slug="ik-alt",
        title="Integrationskonzept 2015 bis 2020",
        starts_on=date(2015, 1, 1),
        ends_on=date(2020, 12, 31),
        phase=Phase.SUPERSEDED,
    )
    cycle = ConceptCycleFactory(
        municipality=data.dresden,
        slug="ik",
        title={
            "de": "Aktionsplan Integration 2021 bis 2026",
            "en": "Action Plan Integration 2021 to 2026",
        },
        predecessor=old,
    )
    CyclePhaseFactory(cycle=cycle, phase=Phase.DRAFTING)
    CyclePhaseFactory(
        cycle=cycle, phase=Phase.CONSULTATION, starts_on=date(2021, 5, 31), ends_on=None
    )
    field = FieldOfActionFactory(
        cycle=cycle, number=1, slug="feld-1", situation={"de": "Deutsch.", "en": "English."}
    )
    old_measure = MeasureFactory(
        goal=GoalFactory(field=FieldOfActionFactory(cycle=old, number=1)), code="1.1.1"
    )
    measure = MeasureFactory(
        goal=GoalFactory(field=field, code="1.1"),
        code="1.1.1",
        predecessor=old_measure,
        lead_departments=data.departments[:1],
        partner_organisations=[data.kulturverein],
        target_groups=["women", "refugees"],
    )
    StatusReportFactory(measure=measure, status=Status.IN_PROGRESS, progress=40)
    StatusReportFactory(measure=measure, status=Status.DELAYED, progress=50)
    MeasureFactory(goal=measure.goal, code="1.1.2", lead_departments=data.departments[1:2])
    IndicatorFactory(cycle=cycle, field=field, values={2021: 1200, 2022: 1350})
    FundingLineFactory(
        cycle=cycle, department=data.departments[0], amounts={2021: 36800, 2022: 40400}
    )
    OpenItemFactory(cycle=old, text="Gemeindedolmetscherdienst sichern", taken_up_by=measure)


def _plan(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_plan(data)
        return page.goto(f"{base_url}{prefix}/dresden/plan/{path}")

    return visit


def _ensure_events(data):
    """An upcoming in-person workshop with programme and stations, a past conference
    with results, and an online meeting."""
    from datetime import timedelta

    from teilhabe.events.models import Event, ProgrammeItem
    from tests.events.factories import (
        AudienceGroupFactory,
        EventFactory,
        ProgrammeItemFactory,
        RegistrationFactory,
        StationFactory,
    )

    if Event.objects.filter(slug="werkstatt").exists():
        return
    group = AudienceGroupFactory(municipality=data.dresden, name="Mitglieder von Vereinen")
    workshop = EventFactory(
        municipality=data.dresden,
        slug="werkstatt",
        title="Werkstatt Ankommen",
        participant_notes="Bitte die Hygieneregeln beachten.",
        audience_groups=[group],
        asks_accessibility=True,
        asks_dietary=True,
    )
    cafe = ProgrammeItemFactory(event=workshop, kind=ProgrammeItem.Kind.WORLD_CAFE)
    StationFactory(item=cafe)
    StationFactory(item=cafe, title="Tisch Arbeit")
    past = EventFactory(
        municipality=data.dresden,
        slug="konferenz",
        title="Konferenz 2023",
        kind=Event.Kind.CONFERENCE,
        starts_at=workshop.starts_at - timedelta(days=400),
        ends_at=workshop.starts_at - timedelta(days=399, hours=18),
    )
    StationFactory(
        item=ProgrammeItemFactory(event=past, kind=ProgrammeItem.Kind.WORLD_CAFE),
        results="Mehr Beratung.",
    )
    online = EventFactory(municipality=data.dresden, slug="online", online=True)
    data.registration = RegistrationFactory(event=online, email="gast@example.org")
    data.past_registration = RegistrationFactory(event=past, email="war-da@example.org")


def _events(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_events(data)
        return page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/{path}")

    return visit


def _personal(page, base_url, prefix, data, log_in):
    from teilhabe.events.services import personal_token

    _ensure_events(data)
    return page.goto(
        f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/{personal_token(data.registration)}/"
    )


def _personal_cancel(page, base_url, prefix, data, log_in):
    from teilhabe.events.services import personal_token

    _ensure_events(data)
    token = personal_token(data.registration)
    return page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/{token}/absagen/")


def _feedback(page, base_url, prefix, data, log_in):
    from teilhabe.events.services import personal_token

    _ensure_events(data)
    token = personal_token(data.past_registration)
    return page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/{token}/rueckmeldung/")


def _find_registration_sent(page, base_url, prefix, data, log_in):
    _ensure_events(data)
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/anmeldung/finden/")
    page.locator("#id_email").fill("gast@example.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#find-registration-sent")).to_be_visible()


def _register_with_errors(page, base_url, prefix, data, log_in):
    _ensure_events(data)
    page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/werkstatt/anmelden/")
    page.locator("#id_email").fill("kaputt")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()


def _ensure_statements(data):
    """Statements and demands of the plan's cycle "ik": a handed-in position paper of
    the umbrella and the Kulturverein with a document and demands (one answer proposed
    by the editor's department), a draft of the Kulturverein, a tag and a comment."""
    from teilhabe.consultation.models import Answer, Statement
    from teilhabe.directory.models import Organisation
    from teilhabe.plan.models import ConceptCycle
    from tests.consultation.factories import (
        AnswerFactory,
        CommentFactory,
        ConsultationFactory,
        DemandTagFactory,
        DraftFactory,
        SectionFactory,
        StatementFactory,
        StatementFileFactory,
        make_demand,
    )

    _ensure_plan(data)
    if Statement.objects.filter(municipality=data.dresden).exists():
        return
    cycle = ConceptCycle.objects.get(municipality=data.dresden, slug="ik")
    field = cycle.fields.get(number=1)
    umbrella = Organisation.objects.get(municipality=data.dresden, slug="dachverband")
    data.statement = StatementFactory(
        cycle=cycle,
        organisations=[umbrella, data.kulturverein],
        title={"de": "Positionspapier zum Aktionsplan", "en": "Position paper on the plan"},
        summary="Was die Vereine brauchen.",
    )
    StatementFileFactory(statement=data.statement)
    data.demand = make_demand(
        statement=data.statement, text="Mehr Sprachkurse für Erwachsene.", fields=[field]
    )
    data.proposed = make_demand(statement=data.statement, text="Räume für Vereine.")
    AnswerFactory(demand=data.proposed, state=Answer.State.PROPOSED, department=data.departments[0])
    make_demand(statement=data.statement, text="Räume für Vereine, doppelt.")
    data.answered = make_demand(statement=data.statement, text="Beratung in vielen Sprachen.")
    AnswerFactory(demand=data.answered, state=Answer.State.PUBLISHED)
    data.merged = make_demand(statement=data.statement, text="Beratung, mehrsprachig.")
    data.merged.merged_into = data.answered
    data.merged.save()
    data.draft_statement = StatementFactory(
        cycle=cycle,
        organisations=[data.kulturverein],
        title="Stellungnahme im Entwurf",
        status=Statement.Status.DRAFT,
    )
    data.tag = DemandTagFactory(municipality=data.dresden, name="Sprache")
    data.demand.tags.add(data.tag)
    data.comment = CommentFactory(
        section=SectionFactory(draft=DraftFactory(consultation=ConsultationFactory(cycle=cycle)))
    )


def _statement(page, base_url, prefix, data, log_in):
    _ensure_statements(data)
    return page.goto(f"{base_url}{prefix}/dresden/beteiligung/stellungnahmen/{data.statement.pk}/")


def _statistics(page, base_url, prefix, data, log_in):
    """The directory's statistics with the plan's indicator of organisations beside it
    and years of founding."""
    from teilhabe.directory.models import Organisation
    from teilhabe.plan.models import Indicator

    _ensure_plan(data)
    Indicator.objects.filter(cycle__slug="ik").update(shown_in_directory_statistics=True)
    Organisation.objects.filter(slug__in=["kulturverein", "dachverband"]).update(founded_in=2004)
    return page.goto(f"{base_url}{prefix}/dresden/verzeichnis/statistik/")


def _register_organisation_with_errors(page, base_url, prefix, data, log_in):
    page.goto(f"{base_url}{prefix}/dresden/verzeichnis/organisation-eintragen/")
    page.locator("#id_founded_in").fill("99999")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()


def _claim_confirm(page, base_url, prefix, data, log_in):
    from django.utils import translation as django_translation

    from teilhabe.directory import claims

    language = next(code for code, p in LANGUAGE_PREFIXES.items() if p == prefix)
    with django_translation.override(language):
        claim = claims.submit_claim(
            data.dresden,
            organisation=data.gemeinde,
            full_name="Olena Koval",
            email=f"olena-{language}@example.org",
            may_mail=lambda: False,
        )
        path = reverse(
            "directory:claim_confirm",
            kwargs={"municipality": "dresden", "token": claims.claim_token(claim)},
        )
    return page.goto(f"{base_url}{path}")


PAGES = {
    "landing": _goto("/"),
    "municipality": _goto("/dresden/"),
    "directory": _goto("/dresden/verzeichnis/"),
    "directory-search": _search("Kulturverein"),
    "directory-search-empty": _search("Gibtesnichtverein"),
    "directory-filtered": _goto("/dresden/verzeichnis/?type=migrant"),
    "profile": _goto("/dresden/verzeichnis/organisationen/ukrainische-gemeinde/"),
    "profile-full": _goto("/dresden/verzeichnis/organisationen/kulturverein/"),
    "profile-umbrella": _goto("/dresden/verzeichnis/organisationen/dachverband/"),
    "profile-as-representative": _profile_as_representative,
    "departments": _goto("/dresden/verzeichnis/aemter/"),
    # Organisation self-service and statistics (issue 12).
    "directory-statistics": _statistics,
    "claim": _goto("/dresden/verzeichnis/organisationen/ukrainische-gemeinde/vertreten/"),
    "claim-organisation-errors": _register_organisation_with_errors,
    "claim-confirm": _claim_confirm,
    "open-data": _goto("/dresden/offene-daten/"),
    "imprint": _goto("/impressum/"),
    "privacy": _goto("/datenschutz/"),
    "accessibility": _goto("/barrierefreiheit/"),
    "login": _goto("/konto/anmelden/"),
    "login-errors": _login_with_errors,
    "login-locked-out": _login_locked_out,
    "password-reset": _goto("/konto/passwort-vergessen/"),
    "not-found": _goto("/dresden/verzeichnis/organisationen/gibtsnicht/"),
    "edit-errors": _edit_with_errors,
    "dashboard": _dashboard,
    "plan-cycles": _plan(""),
    "plan-cycle": _plan("ik/"),
    "plan-cycle-old": _plan("ik-alt/"),
    "plan-timeline": _plan("ik/zeitplan/"),
    "plan-field": _plan("ik/handlungsfelder/feld-1/"),
    "plan-measures": _plan("ik/massnahmen/"),
    "plan-measures-filtered": _plan("ik/massnahmen/?status=delayed&target_group=women"),
    "plan-measures-empty": _plan("ik/massnahmen/?q=gibtesnicht"),
    "plan-measure": _plan("ik/massnahmen/1.1.1/"),
    "events": _events(""),
    "events-past": _events("?zeit=vergangen"),
    "event": _events("werkstatt/"),
    "event-past": _events("konferenz/"),
    "event-online": _events("online/"),
    "event-register": _events("werkstatt/anmelden/"),
    "event-register-errors": _register_with_errors,
    "event-personal": _personal,
    "event-personal-cancel": _personal_cancel,
    "event-feedback": _feedback,
    "event-find-registration": _events("anmeldung/finden/"),
    "event-find-registration-sent": _find_registration_sent,
    "statement": _statement,
}


# --- Consultation: drafts and comments (issue 11) --------------------------------------


def _ensure_consultation(data):
    """An open consultation with two versions of a draft (chapters, sections, comments
    with a reply, a waiting and a reported comment, an original file)."""
    from django.utils import timezone

    from teilhabe.consultation.models import Comment, Consultation
    from tests.consultation.factories import (
        CommentFactory,
        CommentReportFactory,
        ConsultationFactory,
        DraftFactory,
        DraftFileFactory,
        SectionFactory,
    )
    from tests.plan.factories import ConceptCycleFactory

    if Consultation.objects.filter(slug="analyse").exists():
        return
    today = timezone.localdate()
    consultation = ConsultationFactory(
        cycle=ConceptCycleFactory(municipality=data.dresden, slug="ik-2021"),
        slug="analyse",
        title={"de": "Beteiligung zur Analyse", "en": "Consultation on the analysis"},
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=30),
    )
    for version in (1, 2):
        draft = DraftFactory(
            consultation=consultation,
            version=version,
            title={"de": "Analyse der Handlungsfelder", "en": "Analysis of the fields"},
        )
        SectionFactory(
            draft=draft,
            key="sprache",
            position=0,
            number="1",
            level=1,
            heading={"de": "Sprache", "en": "Language"},
            text="",
        )
        first = SectionFactory(
            draft=draft,
            key="kurse",
            position=1,
            number="1.1",
            heading="Sprachkurse",
            text={
                "de": "Es gibt zu wenige Kurse am Abend."
                if version == 1
                else "Es gibt zu wenige Kurse am Abend und am Wochenende.",
                "de-x-simple": "Es gibt wenige Kurse am Abend.",
            },
        )
        if version == 2:
            SectionFactory(
                draft=draft,
                key="arbeit",
                position=2,
                number="1.2",
                heading="Arbeit",
                text="Abschlüsse schneller anerkennen.",
            )
    DraftFileFactory(draft=draft)
    comment = CommentFactory(section=first, text="Bitte auch Kurse mit Kinderbetreuung.")
    CommentFactory(section=first, parent=comment, text="Das unterstütze ich.", name="")
    CommentFactory(section=first, text="Wartet.", status=Comment.Status.PENDING)
    CommentReportFactory(comment=CommentFactory(section=first, text="Gemeldet."))


def _consultation(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_consultation(data)
        return page.goto(f"{base_url}{prefix}/dresden/beteiligung/{path}")

    return visit


def _comment_confirm(page, base_url, prefix, data, log_in):
    from teilhabe.consultation import comments
    from teilhabe.consultation.models import Section

    _ensure_consultation(data)
    section = Section.objects.get(draft__version=2, key="kurse")
    comment = comments.submit_comment(section, text="Mehr Kurse.", email="k@example.org")
    token = comments.comment_token(comment)
    return page.goto(f"{base_url}{prefix}/dresden/beteiligung/kommentare/{token}/bestaetigen/")


def _comment_report(page, base_url, prefix, data, log_in):
    from teilhabe.consultation.models import Comment

    _ensure_consultation(data)
    comment = Comment.objects.filter(text="Gemeldet.").first()
    return page.goto(
        f"{base_url}{prefix}/dresden/beteiligung/kommentare/{comment.public_id}/melden/"
    )


def _comment_with_errors(page, base_url, prefix, data, log_in):
    _ensure_consultation(data)
    page.goto(
        f"{base_url}{prefix}/dresden/beteiligung/analyse/entwurf/2/abschnitt/kurse/kommentieren/"
    )
    page.locator("#id_email").fill("kaputt")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()


PAGES.update(
    {
        "consultations": _consultation(""),
        "consultation": _consultation("analyse/"),
        "consultation-draft": _consultation("analyse/entwurf/2/"),
        "consultation-draft-version": _consultation("analyse/entwurf/2/?fassung=de-x-simple"),
        "consultation-draft-changes": _consultation("analyse/entwurf/2/aenderungen/"),
        "consultation-comment": _consultation("analyse/entwurf/2/abschnitt/kurse/kommentieren/"),
        "consultation-comment-errors": _comment_with_errors,
        "consultation-comment-confirm": _comment_confirm,
        "consultation-comment-report": _comment_report,
    }
)

EXPECTED_STATUS = {"not-found": 404, "login-locked-out": 429, "trail-consideration-pdf": 202}


# --- The consultation's public trail (issue 11) -------------------------------------------


def _ensure_trail(data):
    """On the plan's cycle "ik": a consultation whose demands come from a position paper,
    a comment and a station of the past conference, answered (one into measure 1.1.1),
    not answered, and merged."""
    from datetime import date

    from teilhabe.consultation import services
    from teilhabe.consultation.models import Consultation
    from teilhabe.events.models import Station
    from teilhabe.plan.models import ConceptCycle, FieldOfAction, Measure
    from tests.consultation.factories import (
        CommentFactory,
        ConsultationFactory,
        DraftFactory,
        SectionFactory,
        StatementFactory,
    )

    _ensure_plan(data)
    _ensure_events(data)
    if Consultation.objects.filter(slug="analyse").exists():
        return
    cycle = ConceptCycle.objects.get(municipality=data.dresden, slug="ik")
    measure = Measure.objects.get(cycle=cycle, code="1.1.1")
    consultation = ConsultationFactory(cycle=cycle, slug="analyse", title="Analyse 2021")
    paper = StatementFactory(
        cycle=cycle,
        consultation=consultation,
        title="Positionspapier der Migrantenorganisationen",
        organisations=[data.umbrella, data.kulturverein],
    )
    section = SectionFactory(draft=DraftFactory(consultation=consultation, version=1))
    station = Station.objects.filter(item__event__slug="konferenz").first()
    demands = [
        services.add_demand(
            cycle=cycle,
            consultation=consultation,
            text={"de": "Mehr Sprachkurse für Erwachsene.", "en": "More language courses."},
            statement=paper,
            fields=list(FieldOfAction.objects.filter(cycle=cycle)),
        ),
        services.add_demand(
            cycle=cycle,
            consultation=consultation,
            text="Kurse am Abend anbieten.",
            comment=CommentFactory(section=section),
        ),
        services.add_demand(
            cycle=cycle, consultation=consultation, text="Mehr Beratung.", station=station
        ),
        services.add_demand(
            cycle=cycle, consultation=consultation, text="Kurse ausbauen.", statement=paper
        ),
    ]
    answer = services.save_answer(
        demands[0],
        user=None,
        outcome="adopted",
        reason={"de": "Die Stadt richtet Sprachcafés ein.", "en": "Language cafés."},
        answered_on=date(2021, 11, 11),
        department=data.departments[0],
        goals=[measure.goal],
        measures=[measure],
    )
    services.publish_answer(answer, user=None)
    services.merge_demands(demands[0], [demands[3]])


def _trail(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_trail(data)
        return page.goto(f"{base_url}{prefix}/dresden/{path}")

    return visit


PAGES.update(
    {
        "trail-demand": _trail("beteiligung/forderungen/ik/1/"),
        "trail-demand-merged": _trail("beteiligung/forderungen/ik/4/"),
        "trail-consideration": _trail("beteiligung/analyse/abwaegung/"),
        "trail-consideration-errors": _trail(
            "beteiligung/analyse/abwaegung/?outcome=vielleicht&source=comment"
        ),
        # The state of a PDF the worker has not made yet (202).
        "trail-consideration-pdf": _trail("beteiligung/analyse/abwaegung.pdf?source=statement"),
        "trail-organisation-demands": _trail("beteiligung/forderungen/organisation/dachverband/"),
        "trail-profile": _trail("verzeichnis/organisationen/dachverband/"),
        "trail-measure": _trail("plan/ik/massnahmen/1.1.1/"),
    }
)


def _ensure_bodies(data):
    """A public working group (issue 12) with every kind of member, a person named with
    consent and one counted, a former member; a public and an internal meeting."""
    from datetime import date

    from django.utils import timezone

    from teilhabe.bodies.models import Body, Membership
    from tests.bodies.factories import BodyFactory, MeetingFactory, PersonFactory, join

    if Body.objects.filter(slug="fag-1").exists():
        return
    body = BodyFactory(
        municipality=data.dresden,
        slug="fag-1",
        short_name="FAG 1",
        name={"de": "Wirtschaft, Arbeit, Berufsausbildung", "en": "Economy, work, training"},
        managed_by=data.departments[0],
    )
    join(body, data.kulturverein, role=Membership.Role.CHAIR, note={"de": "auch für den Beirat"})
    join(body, data.departments[1])
    join(body, PersonFactory(municipality=data.dresden, name="Anna Offen", name_is_public=True))
    data.body_membership = join(body, PersonFactory(municipality=data.dresden))
    join(body, data.gemeinde, ends_on=date(2022, 12, 31))
    data.public_meeting = MeetingFactory(
        body=body, starts_at=timezone.now() - timedelta(days=30), is_public=True
    )
    data.public_meeting.agenda.create(position=0, title="Bericht der Arbeitsgruppe")
    data.internal_meeting = MeetingFactory(body=body, is_public=False)
    data.body = body


def _bodies(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_bodies(data)
        if "{meeting}" in path:
            return page.goto(
                f"{base_url}{prefix}/dresden/gremien/" + path.format(meeting=data.public_meeting.pk)
            )
        return page.goto(f"{base_url}{prefix}/dresden/gremien/{path}")

    return visit


PAGES.update(
    {
        "bodies": _bodies(""),
        "body": _bodies("fag-1/"),
        "body-meeting": _bodies("fag-1/sitzungen/{meeting}/"),
    }
)


def _ensure_report(data):
    """A published implementation report of the plan's cycle (issue 13): its data from
    the live report, its file a stand-in (the pages do not read it)."""
    if getattr(data, "published_report", None) is not None:
        return
    from datetime import date

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from teilhabe.languages.content import use_municipality
    from teilhabe.plan.models import ConceptCycle
    from teilhabe.reports import selectors
    from teilhabe.reports.models import Report

    _ensure_plan(data)
    _ensure_bodies(data)
    cycle = ConceptCycle.objects.get(municipality=data.dresden, slug="ik")
    period = {"starts_on": date(2021, 1, 1), "ends_on": date(2024, 12, 31)}
    with use_municipality(data.dresden):
        snapshot = selectors.build(cycle, **period)
    report = Report(
        municipality=data.dresden,
        cycle=cycle,
        language="de",
        status=Report.Status.DONE,
        progress=100,
        snapshot=snapshot,
        published_at=timezone.now(),
        **period,
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
    report.save()
    data.published_report = report


def _report(path):
    def visit(page, base_url, prefix, data, log_in):
        _ensure_report(data)
        return page.goto(
            f"{base_url}{prefix}/dresden/berichte/ik/" + path.format(pk=data.published_report.pk)
        )

    return visit


PAGES.update({"report": _report(""), "report-published": _report("fassung-{pk}/")})


@pytest.fixture
def browser_locale(request):
    """A test run in one language browses with that language's locale."""
    callspec = getattr(request.node, "callspec", None)
    language = callspec.params.get("language") if callspec else None
    return BROWSER_LOCALES[language] if language else "de-DE"


def start_afresh(context, page):
    """What one language's visit leaves behind must not change the next one's: the
    session (log-in), the log-in lock-out and the rate-limit counters, the window size."""
    from axes.models import AccessAttempt
    from django.core.cache import cache

    context.clear_cookies()
    AccessAttempt.objects.all().delete()
    cache.clear()
    page.console_errors.clear()
    page.set_viewport_size(DEFAULT_VIEWPORT)


@pytest.mark.parametrize("page_type", list(PAGES))
def test_page_is_accessible(context, page, base_url, directory_data, log_in, axe_check, page_type):
    """One page type in every interface language in turn, with one browser page and one
    data set (a test, and a database flush, per page and language cost three times as
    long). A failure in one language does not hide the others: each is collected and
    the test fails listing them all."""
    failures = []
    for language in [*LANGUAGES, *OTHER_LANGUAGES]:
        start_afresh(context, page)
        try:
            check_page_type(page, base_url, directory_data, log_in, axe_check, language, page_type)
        except (AssertionError, pytest.fail.Exception, PlaywrightError) as error:
            failures.append(f"--- {language}: {error}")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def check_page_type(page, base_url, data, log_in, axe_check, language, page_type):
    """Visit one page type in one language and check it."""
    prefix = LANGUAGE_PREFIXES[language]
    response = PAGES[page_type](page, base_url, prefix, data, log_in)
    page.wait_for_load_state()
    if response is not None:
        assert response.status == EXPECTED_STATUS.get(page_type, 200), page.url
    # The landing page must list the municipalities, not redirect to one.
    if page_type == "landing":
        assert page.url == f"{base_url}{prefix}/"

    axe_check(page)

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main, [role=main]")).to_have_count(1)
    assert page.title().strip(), "the page has no title"

    _check_skip_link(page)
    _check_reflow(page)
    assert not page.console_errors, f"errors on {page.url}: {page.console_errors}"


def _check_skip_link(page):
    """The first Tab lands on the skip link, which is then visible; Enter moves focus
    to the main landmark. A page with form errors starts on its error summary instead
    (as GOV.UK's does); from there Shift+Tab leads back to the skip link."""
    if page.locator("#form-errors").count():
        expect(page.locator("#form-errors")).to_be_focused()
        for _ in range(60):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("() => document.activeElement.classList.contains('skip-link')"):
                break
        else:
            pytest.fail("Shift+Tab from the error summary never reached the skip link")
    else:
        page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip-link kern-link")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()
    assert focused.evaluate(FOCUS_INDICATOR_JS), "the focused skip link shows no focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    # Tabbing on from main continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
        " || document.querySelector('footer').contains(document.activeElement)"
    )
    assert inside_main, "Tab after the skip link did not continue in the main content"


def _check_reflow(page):
    """WCAG 1.4.10: at 320 CSS pixels the page scrolls only vertically."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_function("() => window.innerWidth === 320")
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > 320:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > 320.5)
                .slice(0, 8)
                .map(el => el.tagName.toLowerCase()
                     + (el.id ? '#' + el.id : '')
                     + (el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                     + ' right=' + Math.round(el.getBoundingClientRect().right))"""
        )
        pytest.fail(f"horizontal scroll at 320px ({scroll_width}px wide) on {page.url}: {wide}")


# --- Staff pages ----------------------------------------------------------------------------
#
# Every page behind the log-in (the office's, a department editor's, a representative's,
# a moderator's) and the account pages, each state a person meets (confirmation steps,
# form errors, check-in before and on the day): no axe-core violations in German,
# English and plain language, and no sideways scrolling at 360 px; in Arabic the same
# at 360 px, written right to left. ``test_every_url_is_swept`` keeps the list whole: a
# new address fails it until it is swept here, swept with the public pages above, or
# listed in NOT_SWEPT with the reason.
#
# Cost: one test per language visits every staff page with one data set and one
# browser page (a database flush per page and language would take minutes); each page's
# failure is collected, so one failure does not hide the others.


@dataclass(frozen=True)
class StaffPage:
    url_name: str  # where the browser must end up (checked)
    role: str  # "office", "editor", "representative", "moderator" or "anonymous"
    kwargs: Callable = lambda data: {}  # the address's arguments, from the data
    query: str = ""
    then: Callable | None = None  # what the person does there: returns the new response
    status: int = 200


def _submit(page):
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").first.click()
    return navigation.value


def _then_submit_empty(page, data):
    return _submit(page)


def _then_reserve_beyond_capacity(page, data):
    page.locator("#id_neu-name").fill("Dana Extra")
    page.locator("#id_neu-email").fill("dana@example.org")
    with page.expect_navigation() as navigation:
        page.locator("main form input[name=action][value=add] ~ .form-actions button").click()
    expect(page.locator("#what-happens")).to_contain_text("dana@example.org")
    return navigation.value


def _then_make_token(page, data):
    page.locator("#id_name").fill("Berichtsskript")
    response = _submit(page)
    expect(page.locator("#token-value")).to_contain_text("thb_")
    return response


def _then_choose_phase(page, data):
    page.locator("input[name=phase]").first.check()
    return _submit(page)


def _then_describe_revision(page, data):
    page.locator("#id_title").fill("Aktionsplan Integration 2027 bis 2032")
    page.locator("#id_slug").fill("ik-2027")
    page.locator("#id_starts_on").fill("2027-01-01")
    page.locator("#id_ends_on").fill("2032-12-31")
    return _submit(page)


def _then_report_too_much(page, data):
    page.locator("input[name=status]").first.check()
    page.locator("#id_progress").fill("120")
    return _submit(page)


def _then_write_message(page, data):
    page.locator("input[name=groups]").first.check()
    page.locator("input[name=subject_de]").fill("Raumänderung")
    page.locator("textarea[name=body_de]").fill("Wir treffen uns im Saal 2.")
    return _submit(page)


def _event(slug, **more):
    return lambda data: {"slug": slug, **{k: v(data) for k, v in more.items()}}


def _cycle(slug="ik", **more):
    return lambda data: {"cycle": slug, **{k: v(data) for k, v in more.items()}}


STAFF_PAGES = {
    # Mein Bereich, one per role.
    "workspace-office": StaffPage("workspace:home", "office"),
    "workspace-editor": StaffPage("workspace:home", "editor"),
    "workspace-representative": StaffPage("workspace:home", "representative"),
    "workspace-moderator": StaffPage("workspace:home", "moderator"),
    # API tokens: the list with a token just made (shown once), revoking one.
    "api-token-made": StaffPage("api_tokens:list", "office", then=_then_make_token),
    "api-token-revoke": StaffPage(
        "api_tokens:revoke", "office", lambda data: {"pk": data.api_token.pk}
    ),
    # Accounts: the rest of the password reset (its first page is swept above).
    "password-reset-sent": StaffPage("accounts:password_reset_done", "anonymous"),
    "password-reset-new": StaffPage(
        "accounts:password_reset_confirm",
        "anonymous",
        lambda data: {"uidb64": data.reset_uid, "token": data.reset_token},
    ),
    "password-reset-invalid": StaffPage(
        "accounts:password_reset_confirm",
        "anonymous",
        lambda data: {"uidb64": data.reset_uid, "token": "abc-123"},
    ),
    "password-reset-done": StaffPage("accounts:password_reset_complete", "anonymous"),
    # Directory: profiles and the office's review of a proposed change.
    "profile-edit-pending": StaffPage(
        "directory:organisation_edit", "representative", lambda data: {"slug": "kulturverein"}
    ),
    "profile-edit-office": StaffPage(
        "directory:organisation_edit", "office", lambda data: {"slug": "ukrainische-gemeinde"}
    ),
    "profile-change": StaffPage(
        "directory:profile_change", "office", lambda data: {"pk": data.change.pk}
    ),
    "profile-change-refuse": StaffPage(
        "directory:refuse_profile_change", "office", lambda data: {"pk": data.change.pk}
    ),
    # The plan: reporting.
    "my-measures": StaffPage("plan:my_measures", "editor"),
    "report": StaffPage("plan:report", "editor", _cycle(code=lambda data: "1.1.1")),
    "report-errors": StaffPage(
        "plan:report", "editor", _cycle(code=lambda data: "1.1.1"), then=_then_report_too_much
    ),
    "report-withdraw": StaffPage(
        "plan:withdraw_report",
        "office",
        _cycle(code=lambda data: "1.1.1", report=lambda data: data.report.pk),
    ),
    "overdue": StaffPage("plan:overdue", "office"),
    "overdue-remind": StaffPage("plan:remind_overdue", "office"),
    # Reference data.
    "municipality-profile": StaffPage("tenants:profile", "office"),
    "venues": StaffPage("events:venue_list", "office"),
    "venue-new-errors": StaffPage(
        "events:venue_new", "office", then=_then_submit_empty, status=400
    ),
    "venue-edit": StaffPage("events:venue_edit", "office", lambda data: {"pk": data.venue.pk}),
    "venue-delete-in-use": StaffPage(
        "events:venue_delete", "office", lambda data: {"pk": data.venue.pk}
    ),
    "series": StaffPage("events:series_list", "office"),
    "series-new": StaffPage("events:series_new", "office"),
    "series-edit": StaffPage("events:series_edit", "office", lambda data: {"pk": data.series.pk}),
    "series-delete": StaffPage(
        "events:series_delete", "office", lambda data: {"pk": data.series.pk}
    ),
    "audiences": StaffPage("events:audience_list", "office"),
    "audience-new": StaffPage("events:audience_new", "office"),
    "audience-edit": StaffPage(
        "events:audience_edit", "office", lambda data: {"pk": data.audience.pk}
    ),
    "audience-delete": StaffPage(
        "events:audience_delete", "office", lambda data: {"pk": data.audience.pk}
    ),
    "departments-manage": StaffPage("directory:department_list", "office"),
    "department-new": StaffPage("directory:department_new", "office"),
    "department-edit": StaffPage(
        "directory:department_edit", "office", lambda data: {"pk": data.department.pk}
    ),
    "department-delete": StaffPage(
        "directory:department_delete", "office", lambda data: {"pk": data.department.pk}
    ),
    # The plan: managing it.
    "cycle-new": StaffPage("plan:cycle_create", "office"),
    "cycle-manage": StaffPage("plan:manage", "office", _cycle()),
    "cycle-edit": StaffPage("plan:cycle_edit", "office", _cycle()),
    "cycle-phase": StaffPage("plan:phase", "office", _cycle()),
    "cycle-phase-confirm": StaffPage("plan:phase", "office", _cycle(), then=_then_choose_phase),
    "cycle-publish": StaffPage("plan:publish", "office", _cycle("ik-neu")),
    "cycle-revise": StaffPage("plan:revise", "office", _cycle()),
    "cycle-revise-confirm": StaffPage(
        "plan:revise", "office", _cycle(), then=_then_describe_revision
    ),
    "field-new": StaffPage("plan:field_create", "office", _cycle()),
    "field-edit": StaffPage("plan:field_edit", "office", _cycle(pk=lambda data: data.field.pk)),
    "goal-new": StaffPage("plan:goal_create", "office", _cycle()),
    "goal-edit": StaffPage("plan:goal_edit", "office", _cycle(pk=lambda data: data.goal.pk)),
    "measure-new": StaffPage("plan:measure_create", "office", _cycle()),
    "measure-edit": StaffPage(
        "plan:measure_edit", "office", _cycle(pk=lambda data: data.measure.pk)
    ),
    "indicator-new": StaffPage("plan:indicator_create", "office", _cycle()),
    "indicator-edit": StaffPage(
        "plan:indicator_edit", "office", _cycle(pk=lambda data: data.indicator.pk)
    ),
    "funding-line-new": StaffPage("plan:funding_line_create", "office", _cycle()),
    "funding-line-edit": StaffPage(
        "plan:funding_line_edit", "office", _cycle(pk=lambda data: data.funding_line.pk)
    ),
    # Events: content.
    "event-new": StaffPage("events:create", "office"),
    "event-new-errors": StaffPage("events:create", "office", then=_then_submit_empty, status=400),
    "event-edit": StaffPage("events:edit", "office", _event("werkstatt")),
    "event-programme": StaffPage("events:programme", "office", _event("werkstatt")),
    "event-programme-item": StaffPage(
        "events:programme_item", "office", _event("werkstatt", pk=lambda data: data.cafe.pk)
    ),
    "event-duplicate": StaffPage("events:duplicate", "office", _event("werkstatt")),
    "event-publish": StaffPage("events:publish", "office", _event("entwurf")),
    # Events: people.
    "participants": StaffPage("events:participants", "office", _event("werkstatt")),
    "participants-reserve-confirm": StaffPage(
        "events:participants", "office", _event("heute"), then=_then_reserve_beyond_capacity
    ),
    "registration-cancel": StaffPage(
        "events:cancel_registration", "office", _event("werkstatt", pk=lambda d: d.anna.pk)
    ),
    "registration-promote": StaffPage(
        "events:promote", "office", _event("werkstatt", pk=lambda d: d.bao.pk)
    ),
    "check-in-before": StaffPage("events:check_in", "office", _event("werkstatt")),
    "check-in-today": StaffPage("events:check_in", "office", _event("heute")),
    "check-in-moderator": StaffPage("events:check_in", "moderator", _event("heute")),
    "event-manage": StaffPage("events:manage", "office", _event("werkstatt")),
    "event-cancel-confirm": StaffPage(
        "events:manage", "office", _event("werkstatt"), query="absagen=1"
    ),
    "event-remind": StaffPage("events:remind", "office", _event("werkstatt")),
    "invitations": StaffPage("events:invitations", "office", _event("einladung")),
    "invitations-open-event": StaffPage("events:invitations", "office", _event("werkstatt")),
    "station-results": StaffPage("events:results", "office", _event("konferenz")),
    # Translations.
    "translations": StaffPage("languages:overview", "office"),
    "content-languages": StaffPage("languages:content_languages", "office"),
    "translations-language": StaffPage(
        "languages:language", "office", lambda data: {"language": "uk"}
    ),
    "translations-language-complete": StaffPage(
        "languages:language", "office", lambda data: {"language": "en"}
    ),
    "translations-export-errors": StaffPage(
        "languages:export", "office", lambda data: {"language": "uk"}, "format=pdf", status=400
    ),
    "translations-import": StaffPage("languages:import", "office"),
    "translations-preview": StaffPage(
        "languages:import_preview", "office", lambda data: {"pk": data.imports[0].pk}
    ),
    "translations-preview-refused": StaffPage(
        "languages:import_preview", "office", lambda data: {"pk": data.imports[1].pk}, status=400
    ),
    "translations-preview-broken": StaffPage(
        "languages:import_preview", "office", lambda data: {"pk": data.imports[2].pk}, status=400
    ),
    # The mail log.
    "mail-log": StaffPage("mail:log", "office"),
    "mail-log-filtered": StaffPage("mail:log", "office", query="status=failed"),
    "mail-log-unknown-filter": StaffPage("mail:log", "office", query="status=unknown"),
    "mail-retry": StaffPage("mail:retry", "office", lambda data: {"pk": data.failed_mail.pk}),
}


def _then_invite_a_moderator(page, data):
    page.locator("#id_email").fill("neu@example.org")
    page.locator("#id_full_name").fill("Nora Neu")
    page.locator("input[name=kind][value=moderator]").check()
    response = _submit(page)
    expect(page.locator("#what-happens")).to_contain_text("neu@example.org")
    return response


def _then_take_a_role_away(page, data):
    page.locator("input[name=kinds][value=moderator]").uncheck()
    page.locator("input[name=kinds][value=office_admin]").check()
    response = _submit(page)
    expect(page.locator("#what-happens li")).to_have_count(1)
    return response


# People and roles (teilhabe.accounts: the office's people).
def _then_invite_a_colleague(page, data):
    page.locator("#id_email").fill("kollegin@example.org")
    page.locator("#id_full_name").fill("Kollegin Beispiel")
    response = _submit(page)
    expect(page.locator("#what-happens")).to_contain_text("kollegin@example.org")
    return response


# Organisation self-service (issue 12): the office's decision, the representatives' page.
STAFF_PAGES.update(
    {
        "claim": StaffPage("directory:claim", "office", lambda data: {"pk": data.claim.pk}),
        "claim-refuse": StaffPage(
            "directory:claim_refuse", "office", lambda data: {"pk": data.claim.pk}
        ),
        "claim-refuse-errors": StaffPage(
            "directory:claim_refuse",
            "office",
            lambda data: {"pk": data.claim.pk},
            then=_then_submit_empty,
            status=400,
        ),
        "hub": StaffPage("directory:hub", "representative", lambda data: {"slug": "kulturverein"}),
        "representative-invite": StaffPage(
            "directory:representative_invite",
            "representative",
            lambda data: {"slug": "kulturverein"},
        ),
        "representative-invite-confirm": StaffPage(
            "directory:representative_invite",
            "representative",
            lambda data: {"slug": "kulturverein"},
            then=_then_invite_a_colleague,
        ),
        "representative-remove": StaffPage(
            "directory:representative_remove",
            "representative",
            lambda data: {"slug": "kulturverein", "user": data.representative.pk},
        ),
    }
)


def _then_ask_for_a_bad_period(page, data):
    page.locator("#id_starts_on").fill("2024-01-01")
    page.locator("#id_ends_on").fill("2021-01-01")
    return _submit(page)


# Implementation reports (issue 13): the office's PDFs, one finished and published.
STAFF_PAGES.update(
    {
        "reports": StaffPage("reports:manage", "office", _cycle()),
        "reports-errors": StaffPage(
            "reports:manage", "office", _cycle(), then=_then_ask_for_a_bad_period, status=400
        ),
        "report-state": StaffPage(
            "reports:state", "office", _cycle(pk=lambda data: data.published_report.pk)
        ),
        "report-publish": StaffPage(
            "reports:publish", "office", _cycle(pk=lambda data: data.published_report.pk)
        ),
    }
)
STAFF_PAGES["people"] = StaffPage("people:list", "office")
# Imports: the upload, a checked file (its changes and the confirmation), one with errors.
STAFF_PAGES["imports-upload"] = StaffPage("imports:upload", "office")
STAFF_PAGES["import-checked"] = StaffPage(
    "imports:import", "office", lambda data: {"pk": data.import_checked}
)
STAFF_PAGES["import-errors"] = StaffPage(
    "imports:import", "office", lambda data: {"pk": data.import_refused}, status=400
)
STAFF_PAGES["people-filter-unknown"] = StaffPage(
    "people:list", "office", query="role=operator", status=400
)
STAFF_PAGES["people-invite"] = StaffPage("people:invite", "office")
STAFF_PAGES["people-invite-errors"] = StaffPage(
    "people:invite", "office", then=_then_submit_empty, status=400
)
STAFF_PAGES["people-invite-confirm"] = StaffPage(
    "people:invite", "office", then=_then_invite_a_moderator
)
STAFF_PAGES["people-person"] = StaffPage(
    "people:person", "office", lambda data: {"pk": data.users["editor"].pk}
)
STAFF_PAGES["people-roles-confirm"] = StaffPage(
    "people:person",
    "office",
    lambda data: {"pk": data.users["moderator"].pk},
    then=_then_take_a_role_away,
)
STAFF_PAGES["people-deactivate"] = StaffPage(
    "people:activation", "office", lambda data: {"pk": data.users["moderator"].pk}
)

STAFF_PAGES["event-message"] = StaffPage("events:message", "office", _event("werkstatt"))
STAFF_PAGES["event-message-confirm"] = StaffPage(
    "events:message", "office", _event("werkstatt"), then=_then_write_message
)


# Consultation: moderation (issue 11).
def _comment_pk(text):
    def kwargs(data):
        from teilhabe.consultation.models import Comment

        _ensure_consultation(data)
        return {"pk": Comment.objects.get(text=text).pk}

    return kwargs


def _then_hide_with_reason(page, data):
    page.locator("#id_reason").fill("Beleidigt eine Person.")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#what-happens")).to_be_visible()
    return navigation.value


STAFF_PAGES["consultation-new"] = StaffPage("consultation:create", "office")
STAFF_PAGES["consultation-new-errors"] = StaffPage(
    "consultation:create", "office", then=_then_submit_empty, status=400
)
STAFF_PAGES["consultation-edit"] = StaffPage(
    "consultation:edit", "office", lambda data: {"consultation": "analyse"}
)
STAFF_PAGES["consultation-draft-edit"] = StaffPage(
    "consultation:draft_edit", "office", lambda data: {"consultation": "analyse", "version": 2}
)
STAFF_PAGES["consultation-moderation"] = StaffPage("consultation:moderation", "moderator")
STAFF_PAGES["consultation-comment-moderate"] = StaffPage(
    "consultation:comment_moderate", "moderator", _comment_pk("Wartet.")
)
STAFF_PAGES["consultation-comment-hide-confirm"] = StaffPage(
    "consultation:comment_moderate",
    "moderator",
    _comment_pk("Gemeldet."),
    then=_then_hide_with_reason,
)


# Consultation: statements, the office's demands and answers.
def _demand(attribute="demand"):
    return lambda data: {
        "cycle": "ik",
        "number": getattr(data, attribute).number,
    }


def _then_split_preview(page, data):
    page.locator("#id_text").fill("- Mehr Sprachkurse.\n- Räume für Vereine.")
    response = _submit(page)
    expect(page.locator("#split-preview li")).to_have_count(2)
    return response


def _then_choose_duplicate(page, data):
    page.locator("input[name=duplicates]").first.check()
    response = _submit(page)
    expect(page.locator("#what-happens")).to_be_visible()
    return response


STAFF_PAGES.update(
    {
        "statement-new": StaffPage("consultation:statement_create", "representative"),
        "statement-new-errors": StaffPage(
            "consultation:statement_create", "representative", then=_then_submit_empty, status=400
        ),
        "statement-edit": StaffPage(
            "consultation:statement_edit",
            "representative",
            lambda data: {"pk": data.draft_statement.pk},
        ),
        "statement-hand-in": StaffPage(
            "consultation:statement_hand_in",
            "representative",
            lambda data: {"pk": data.draft_statement.pk},
        ),
        "statement-split": StaffPage(
            "consultation:statement_split", "office", lambda data: {"pk": data.statement.pk}
        ),
        "statement-split-preview": StaffPage(
            "consultation:statement_split",
            "office",
            lambda data: {"pk": data.statement.pk},
            then=_then_split_preview,
        ),
        "demands": StaffPage("consultation:demands", "office"),
        "demands-grouped": StaffPage("consultation:demands", "office", query="group=field"),
        "demand-edit": StaffPage("consultation:demand_edit", "office", _demand()),
        "demand-merge-confirm": StaffPage(
            "consultation:demand_merge", "office", _demand(), then=_then_choose_duplicate
        ),
        "demand-tags": StaffPage("consultation:tags", "office"),
        "demand-tag-new": StaffPage("consultation:tag_create", "office"),
        "demand-tag-edit": StaffPage(
            "consultation:tag_edit", "office", lambda data: {"pk": data.tag.pk}
        ),
        "station-demands": StaffPage(
            "consultation:station_demands", "office", lambda data: {"station": data.station.pk}
        ),
        "comment-demand": StaffPage(
            "consultation:comment_demand", "office", lambda data: {"pk": data.comment.pk}
        ),
        "answer": StaffPage("consultation:answer", "office", _demand("proposed")),
        "answer-propose": StaffPage("consultation:answer", "editor", _demand("proposed")),
        "answer-publish": StaffPage("consultation:answer_publish", "office", _demand("proposed")),
        "answer-return": StaffPage("consultation:answer_return", "office", _demand("proposed")),
        "answer-withdraw": StaffPage("consultation:answer_withdraw", "office", _demand("answered")),
        "demand-unmerge": StaffPage("consultation:demand_unmerge", "office", _demand("merged")),
        "demand-tag-delete": StaffPage(
            "consultation:tag_delete", "office", lambda data: {"pk": data.tag.pk}
        ),
    }
)


def _then_plan_a_meeting(page, data):
    page.locator("#id_starts_at").fill("2031-05-06T17:00")
    page.locator("#id_agenda").fill("Begrüßung\nBericht")
    response = _submit(page)
    expect(page.locator("#invitations")).to_be_visible()
    return response


def _body(**more):
    return lambda data: {"slug": "fag-1", **{k: v(data) for k, v in more.items()}}


# Bodies (issue 12): the office's pages; the managing editor sees the same ones.
STAFF_PAGES.update(
    {
        "body-new": StaffPage("bodies:create", "office"),
        "body-new-errors": StaffPage(
            "bodies:create", "office", then=_then_submit_empty, status=400
        ),
        "body-edit": StaffPage("bodies:edit", "editor", _body()),
        "body-members": StaffPage("bodies:members", "office", _body()),
        "body-membership": StaffPage(
            "bodies:membership_edit", "office", _body(pk=lambda d: d.body_membership.pk)
        ),
        "body-meeting-new": StaffPage("bodies:meeting_create", "office", _body()),
        "body-meeting-confirm": StaffPage(
            "bodies:meeting_create", "office", _body(), then=_then_plan_a_meeting
        ),
        "body-meeting-edit": StaffPage(
            "bodies:meeting_edit", "office", _body(pk=lambda d: d.internal_meeting.pk)
        ),
        "body-meeting-manage": StaffPage(
            "bodies:meeting_manage", "office", _body(pk=lambda d: d.internal_meeting.pk)
        ),
        "body-meeting-cancel": StaffPage(
            "bodies:meeting_cancel", "office", _body(pk=lambda d: d.internal_meeting.pk)
        ),
        "body-calendars": StaffPage("bodies:calendar", "office"),
    }
)


def _checked_imports(dresden, office):
    """Two uploads of departments, checked: one without errors, one with."""
    from teilhabe.exports import files
    from teilhabe.imports import services

    uploads = []
    for rows in (
        [["77", "Amt für Statistik", "", "office"]],
        [["78", "", "", "amt"], ["", "Kulturbüro", "", "division"]],
    ):
        data = files.as_csv(["number", "name", "short_name", "kind"], rows)
        upload = services.store_upload(
            dresden, office, "departments", None, "aemter.csv", data, len(rows), "de"
        )
        services.check(upload.pk)
        uploads.append(upload.pk)
    return uploads


# Addresses a person on the public side uses: swept by PAGES above (in all nine
# languages), or, for the link in the opt-in mail, by test_event_journeys.py.
PUBLIC_URL_NAMES = {
    "web:landing",
    "web:municipality",
    "web:imprint",
    "web:privacy",
    "web:accessibility",
    "directory:organisations",
    "directory:organisation",
    "directory:departments",
    "directory:statistics",
    "directory:claim_new",
    "directory:claim_organisation",
    "directory:claim_confirm",
    "plan:cycles",
    "plan:cycle",
    "plan:timeline",
    "plan:field",
    "plan:measures",
    "plan:measure",
    "events:list",
    "events:event",
    "events:register",
    "events:find_registration",
    "events:personal",
    "events:personal_cancel",
    "events:feedback",
    "events:confirm",  # test_event_journeys.register_and_confirm
    "accounts:login",
    "accounts:password_reset",
    # Consultation (issue 11): drafts and comments.
    "consultation:list",
    "consultation:detail",
    "consultation:draft",
    "consultation:draft_changes",
    "consultation:comment",
    "consultation:comment_confirm",
    "consultation:comment_report",
    "consultation:statement",
    # The consultation's public trail: "trail-*" in PAGES.
    "consultation:demand",
    "consultation:consideration",
    "consultation:consideration_pdf",
    "consultation:organisation_demands",
    # Bodies (issue 12): "bodies", "body", "body-meeting" in PAGES.
    "bodies:list",
    "bodies:body",
    "bodies:meeting",
    "exports:open_data",
    # Implementation reports (issue 13): "report", "report-published" in PAGES.
    "reports:live",
    "reports:published",
}

# Addresses that are no page a person reads, or not one of ours.
NOT_SWEPT = {
    "accounts:dashboard": "the workspace's old name: the same address as workspace:home",
    "accounts:logout": "takes a POST and redirects; no page of its own",
    "events:feed": "an iCalendar file",
    "events:event_ics": "an iCalendar file",
    "events:personal_ics": "an iCalendar file",
    "events:personal_data": "a JSON file (the person's copy of their data)",
    "events:export": "a CSV or XLSX file",
    "consultation:statement_document": "a PDF or Word file, sent as a download",
    "plan:chart": "an SVG image, with a data table beside it on its page",
    "directory:statistics_chart": "an SVG image, with a data table beside it on its page",
    "plan:feed": "an Atom feed (XML), linked from the cycle's page",
    "consultation:draft_file": "a PDF or Word file (a draft's original)",
    "consultation:consideration_export": "a CSV, XLSX or JSON file",
    "exports:dataset": "a CSV, XLSX or JSON file (tests/exports)",
    "exports:package": "a ZIP file (tests/exports)",
    "exports:catalogue": "a JSON-LD document (tests/exports)",
    "exports:dictionary": "a CSV file (tests/exports)",
    "imports:template": "a CSV or XLSX file (tests/imports)",
    "consultation:consideration_chart": "an SVG image, with a data table beside it on its page",
    "bodies:minutes": "a PDF or Word file (a meeting's minutes), sent as a download",
    "bodies:meetings_ics": "an iCalendar file",
    "bodies:private_ics": "an iCalendar file",
    "reports:published_pdf": "a PDF file, read back by tests/reports",
    "reports:download": "a PDF file, read back by tests/reports",
    "api_docs": "the API's documentation, generated (tests/browser/test_api_docs.py)",
    "admin:*": "Django's admin, for superusers only: the office never needs it",
    "api:*": "JSON, not pages (tests/api)",
    # Built beside this sweep; swept with axe in de, en and de-x-simple by their own test
    # (tests/browser/test_plan_open_items.py). To do: join STAFF_PAGES (and so Arabic).
    "plan:open_item_create": "tests/browser/test_plan_open_items.py",
    "plan:open_item_edit": "tests/browser/test_plan_open_items.py",
    "plan:open_item_delete": "tests/browser/test_plan_open_items.py",
    "plan:phase_note_edit": "tests/browser/test_plan_open_items.py",
}


def _url_names():
    """Every named address of the project, as "namespace:name"."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace or namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}:{entry.name}" if namespace else entry.name

    return set(walk(get_resolver().url_patterns, None))


def test_every_url_is_swept():
    staff = {page.url_name for page in STAFF_PAGES.values()}
    not_swept = {
        name for name in _url_names() if name in NOT_SWEPT or f"{name.split(':')[0]}:*" in NOT_SWEPT
    }
    unclassified = _url_names() - staff - PUBLIC_URL_NAMES - not_swept
    assert not unclassified, (
        "addresses no accessibility sweep visits; add them to STAFF_PAGES (or PAGES for a "
        f"public page), or to NOT_SWEPT with the reason: {sorted(unclassified)}"
    )
    assert not staff & PUBLIC_URL_NAMES, "a staff page listed as public"
    gone = (staff | PUBLIC_URL_NAMES | {n for n in NOT_SWEPT if "*" not in n}) - _url_names()
    assert not gone, f"listed, but no such address: {sorted(gone)}"


@pytest.fixture
def staff_data(directory_data):
    """The data behind every staff page: the public plan and events above, and the
    states the staff pages show (waiting list, invitations, a full event on its day, a
    proposed profile change, a failed mail, translation files)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from teilhabe.accounts.models import Role
    from teilhabe.api import services as api_services
    from teilhabe.directory.models import ProfileChange
    from teilhabe.events.models import Event, ProgrammeItem, Registration, Station
    from teilhabe.languages import services as language_services
    from teilhabe.languages import xliff
    from teilhabe.languages.models import TranslationImport
    from teilhabe.languages.selectors import export_units
    from teilhabe.mail.models import OutgoingMail
    from teilhabe.plan.models import FieldOfAction, FundingLine, Indicator, Measure
    from tests import factories
    from tests.events.factories import (
        AudienceGroupFactory,
        EventFactory,
        EventSeriesFactory,
        InvitationFactory,
        RegistrationFactory,
        VenueFactory,
    )
    from tests.plan.factories import ConceptCycleFactory

    from .test_translation_workflow import translate

    data = directory_data
    _ensure_plan(data)
    _ensure_events(data)
    _ensure_consultation(data)
    dresden = data.dresden

    def role(kind, email, **more):
        return factories.RoleFactory(
            municipality=dresden, kind=kind, user__email=email, **more
        ).user

    data.users = {
        "office": role(Role.Kind.OFFICE_ADMIN, "buero@example.org"),
        "editor": role(
            Role.Kind.DEPARTMENT_EDITOR, "sozialamt@example.org", departments=data.departments[:1]
        ),
        "representative": data.representative,
        "moderator": role(Role.Kind.MODERATOR, "moderation@example.org"),
    }
    office = data.users["office"]
    data.reset_uid = urlsafe_base64_encode(force_bytes(office.pk))
    data.reset_token = default_token_generator.make_token(office)
    data.api_token, _clear = api_services.create_token(
        user=office, municipality=dresden, name="Berichtsskript"
    )

    # The consultation: statements, demands, answers.
    _ensure_statements(data)
    _ensure_bodies(data)
    _ensure_report(data)
    data.station = Station.objects.filter(item__event__slug="konferenz").first()

    # The plan.
    data.measure = Measure.objects.get(cycle__slug="ik", code="1.1.1")
    data.report = data.measure.latest_report
    data.goal = data.measure.goal
    data.field = FieldOfAction.objects.get(cycle__slug="ik", number=1)
    data.indicator = Indicator.objects.get(cycle__slug="ik")
    data.funding_line = FundingLine.objects.get(cycle__slug="ik")
    ConceptCycleFactory(
        municipality=dresden, slug="ik-neu", title="Aktionsplan 2027 bis 2032", is_published=False
    )

    # Events.
    workshop = Event.objects.get(slug="werkstatt")
    workshop.organisers.set([data.kulturverein])
    data.cafe = workshop.programme.get(kind=ProgrammeItem.Kind.WORLD_CAFE)
    # Reference data: a venue in use (by the workshop), a series and an unused group.
    data.venue = VenueFactory(municipality=dresden, name="Bürgerhaus Johannstadt")
    workshop.venue = data.venue
    workshop.save(update_fields=["venue"])
    data.series = EventSeriesFactory(municipality=dresden, title="Werkstätten 2027")
    data.audience = AudienceGroupFactory(municipality=dresden, name="Jugendliche")
    data.department = factories.DepartmentFactory(municipality=dresden, name="Amt für Integration")
    data.import_checked, data.import_refused = _checked_imports(dresden, office)
    data.anna = RegistrationFactory(
        event=workshop, name="Anna Ankunft", accessibility_needs="Rollstuhl"
    )
    data.bao = RegistrationFactory(
        event=workshop, name="Bao Wartend", status=Registration.Status.WAITING
    )
    invited = EventFactory(municipality=dresden, slug="einladung", invitation_only=True)
    InvitationFactory(event=invited, email="eingeladen@example.org")
    InvitationFactory(event=invited, organisation=data.kulturverein, email="info@example.org")
    EventFactory(municipality=dresden, slug="entwurf", status=Event.Status.DRAFT)
    now = timezone.now()
    today = EventFactory(
        municipality=dresden,
        slug="heute",
        title="Konferenz heute",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        capacity=2,
    )
    RegistrationFactory(event=today, name="Amal Haddad")
    RegistrationFactory(event=today, name="Jonas Weber", checked_in_at=now)

    # The directory, the mail log, translations.
    from teilhabe.directory import claims

    data.claim = claims.confirm_claim(
        claims.submit_claim(
            dresden,
            organisation=data.gemeinde,
            full_name="Olena Koval",
            email="olena@example.org",
            message="Ich bin die Vorsitzende.",
            may_mail=lambda: False,
        )
    )
    data.change = ProfileChange.objects.create(
        municipality=dresden,
        organisation=data.kulturverein,
        proposed={"district": "Johannstadt", "activities": ["culture", "social"]},
        proposed_by=data.representative,
    )
    mail = dict(municipality=dresden, subject="Erinnerung", body_text="Hallo")
    OutgoingMail.objects.create(
        **mail, purpose="event_reminder", to="anna@example.org", status="sent", attempts=1
    )
    data.failed_mail = OutgoingMail.objects.create(
        **mail,
        purpose="event_invitation",
        to="bert@example.org",
        status="failed",
        attempts=5,
        last_error="SMTPRecipientsRefused: {'bert@example.org': (550, b'No such user')}",
    )
    language_services.change_content_languages(dresden, ["de", "en", "uk"], {"uk": ["en"]})
    units = export_units(dresden, "uk")
    good = translate(xliff.write_xliff(units, "uk", original="t").decode()).encode()
    bad = good.replace(b"UK: ", b"", 1).replace(b'th:sourceVersion="', b'th:sourceVersion="x', 1)
    data.imports = [
        TranslationImport.objects.create(municipality=dresden, filename=name, content=content)
        for name, content in (("gut.xlf", good), ("schlecht.xlf", bad), ("kaputt.xlf", b"<x"))
    ]
    return data


PHONE = {"width": 360, "height": 740}
STAFF_LANGUAGES = [*LANGUAGES, "ar"]  # Arabic: at 360 px, right to left
# Each language's staff sweep takes minutes: all but German run on CI's PostgreSQL
# run, beside the tests outside tests/browser (tests/conftest.py, ``once``).
ON_POSTGRESQL = pytest.mark.once(database="postgresql")


@pytest.mark.parametrize(
    "language",
    [lang if lang == "de" else pytest.param(lang, marks=ON_POSTGRESQL) for lang in STAFF_LANGUAGES],
)
def test_staff_pages_are_accessible(
    context, page, base_url, staff_data, log_in, axe_check, language
):
    prefix = LANGUAGE_PREFIXES[language]
    on_a_phone = language in RIGHT_TO_LEFT_LANGUAGES
    if on_a_phone:
        page.set_viewport_size(PHONE)
    failures = []
    by_role = sorted(STAFF_PAGES.items(), key=lambda item: item[1].role)
    current_role = None
    for name, staff_page in by_role:
        if staff_page.role != current_role:
            context.clear_cookies()
            if staff_page.role != "anonymous":
                log_in(page, staff_data.users[staff_page.role], prefix)
            current_role = staff_page.role
        page.console_errors.clear()
        try:
            _check_staff_page(page, base_url, staff_data, axe_check, language, staff_page)
            if not on_a_phone:
                page.set_viewport_size(PHONE)
                _check_no_sideways_scroll(page)
        except (AssertionError, pytest.fail.Exception, PlaywrightError) as error:
            failures.append(f"--- {name} ({page.url}): {error}")
        finally:
            if not on_a_phone:
                page.set_viewport_size(DEFAULT_VIEWPORT)
    if failures:
        pytest.fail(f"{len(failures)} staff page(s) failed:\n" + "\n".join(failures), pytrace=False)


def _check_staff_page(page, base_url, data, axe_check, language, staff_page):
    kwargs = staff_page.kwargs(data)
    if staff_page.url_name.split(":")[0] not in ("accounts", "workspace", "api_tokens"):
        kwargs["municipality"] = data.dresden.slug
    with translation.override(language):
        path = reverse(staff_page.url_name, kwargs=kwargs)
    query = f"?{staff_page.query}" if staff_page.query else ""
    response = page.goto(f"{base_url}{path}{query}")
    if staff_page.then is not None:
        response = staff_page.then(page, data)
    assert response.status == staff_page.status, f"status {response.status}"
    with translation.override(language):
        try:
            reached = resolve(urlsplit(page.url).path).view_name
        except Resolver404:
            reached = None
    assert reached == staff_page.url_name, f"ended on {page.url} ({reached})"
    axe_check(page)
    # One look at the page for the rest (each round trip to the browser costs).
    seen = page.evaluate(
        """() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          h1: [...document.querySelectorAll('h1')].map((h) => h.checkVisibility()),
        })"""
    )
    right_to_left = language in RIGHT_TO_LEFT_LANGUAGES
    assert seen["lang"] == language, f"<html lang={seen['lang']}>"
    assert (seen["dir"] == "rtl") == right_to_left, f"<html dir={seen['dir']}>"
    assert seen["h1"] == [True], f"h1 elements (visible?): {seen['h1']}"
    if right_to_left:
        _check_no_sideways_scroll(page)
    assert not page.console_errors, f"errors: {page.console_errors}"


def _check_no_sideways_scroll(page):
    page.wait_for_function(f"() => window.innerWidth === {PHONE['width']}")
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    if width > inner:
        wide = page.evaluate(
            """(inner) => [...document.querySelectorAll('body *')]
                .filter((el) => { const r = el.getBoundingClientRect();
                                  return r.right > inner + 0.5 || r.left < -0.5; })
                .slice(-4)
                .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                     + (el.name ? '[name=' + el.name + ']' : ''))""",
            inner,
        )
        pytest.fail(f"scrolls sideways at {inner} px ({width} px wide): {wide}")

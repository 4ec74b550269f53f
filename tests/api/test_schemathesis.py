"""The API against its own OpenAPI schema. schemathesis generates requests for every
operation (valid and invalid values, boundaries, unsupported methods, missing or false
log-ins) and runs all its checks on every answer: no 5xx; status code, content type,
headers and body as documented; valid data accepted, invalid data refused; the log-in
enforced.

It runs three times: anonymously, as the office admin of the municipality (a real
session; schemathesis also sends the same requests without it and with a false one),
and, for the operations that need a log-in, with the office admin's API token
(``Authorization: Bearer``; also sent false and left out). The first two send the CSRF
cookie and header a browser has after loading a page. The requests go in-process over
WSGI to the app, against a municipality with a published plan (fields, goals,
measures, indicators, funding, needs for action), organisations, events with a
programme, a consultation with a draft and demands with answers: a third of the cases
keep the generated path parameters, a third name objects that exist and are public, a
third objects that exist but are not (inactive municipality, unpublished cycle,
measures under a draft goal or field, a draft field, unpublished organisation, draft
event, unpublished consultation, a demand of a statement not handed in, an internal
body, a public body's internal meeting, a public meeting of an internal body).
Deterministic: Hypothesis is derandomised and the number of examples bounded."""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from teilhabe.accounts.models import Role, User
from teilhabe.api import services as token_services
from teilhabe.bodies.models import Meeting
from teilhabe.consultation.models import Statement
from teilhabe.directory.models import Department
from teilhabe.events.models import Event
from tests import factories
from tests.bodies.factories import BodyFactory, MeetingFactory, MinutesFileFactory, join
from tests.consultation.factories import (
    AnswerFactory,
    ConsultationFactory,
    DraftFactory,
    StatementFactory,
    make_demand,
)
from tests.events.factories import EventFactory, ProgrammeItemFactory, StationFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    FundingLineFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    OpenItemFactory,
    StatusReportFactory,
)

OFFICE_ADMIN = "buero@dresden.example"

# The path parameters of the objects ``places`` creates.
PUBLIC = {
    "municipality": "dresden",
    "cycle": "ik-2021",
    "code": "1.1.1",
    "organisation": "auslaenderrat",
    "event": "werkstatt",
    "field": "handlungsfeld-1",
    "consultation": "beteiligung",
    "number": 1,
    "body": "fag-1",
    # Meetings by their id (which the database gives): looked up by their place.
    "meeting": "Offener Saal",
}
NOT_PUBLIC = {
    "municipality": ["stillgelegt"],
    "cycle": ["ik-2027"],
    "code": ["1.2.1", "2.1.1"],
    "organisation": ["entwurf"],
    "event": ["entwurf"],
    "field": ["handlungsfeld-2"],
    "consultation": ["geheim"],
    "number": [2],
    "body": ["intern"],
    "meeting": ["Geschlossener Raum", "Raum des internen Gremiums"],
}
M = "/api/v1/{municipality}/cycles/{cycle}/measures"


def _new_measure():
    department = Department.objects.get(municipality__slug="dresden", number="A50")
    return {
        "goal": "1.1",
        "code": "1.1.5",
        "title": {"de": "Sprachcafés"},
        "lead_departments": [department.pk],
    }


# Bodies with which the office admin's changes succeed, used for half of the cases that
# name existing objects (by method and address).
VALID_BODIES = {
    ("PATCH", "/api/v1/{municipality}/organisations/{slug}"): lambda: {"district": "Neustadt"},
    ("POST", M + "/{code}/reports"): lambda: {
        "reported_on": "2024-05-01",
        "status": "in_progress",
        "progress": 40,
        "text": "Die ersten Kurse laufen.",
    },
    ("PATCH", M + "/{code}"): lambda: {"funding_source": "Land Sachsen"},
    ("POST", M): _new_measure,
}
# Where an operation's "public" objects are others than PUBLIC's.
AIM = {("POST", "/api/v1/{municipality}/cycles/{cycle}/publish"): {"cycle": "ik-2027"}}


@pytest.fixture
def places(municipality):
    factories.RoleFactory(
        municipality=municipality,
        kind=Role.Kind.OFFICE_ADMIN,
        user=factories.UserFactory(email=OFFICE_ADMIN),
    )
    department = factories.DepartmentFactory(municipality=municipality, number="A50")
    factories.OrganisationFactory(municipality=municipality, slug="auslaenderrat")
    factories.OrganisationFactory(municipality=municipality, slug="entwurf", is_published=False)
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik-2021")
    ConceptCycleFactory(municipality=municipality, slug="ik-2027", is_published=False)
    field = FieldOfActionFactory(cycle=cycle, number=1)
    measure = MeasureFactory(
        goal=GoalFactory(field=field, code="1.1"), code="1.1.1", lead_departments=[department]
    )
    StatusReportFactory(measure=measure, author_department=department)
    MeasureFactory(goal=GoalFactory(field=field, code="1.2", is_draft=True), code="1.2.1")
    draft_field = FieldOfActionFactory(cycle=cycle, number=2, is_draft=True)
    MeasureFactory(goal=GoalFactory(field=draft_field, code="2.1"), code="2.1.1")
    IndicatorFactory(cycle=cycle, field=field, values={2021: 10})
    FundingLineFactory(cycle=cycle, department=department, amounts={2021: 36800})
    OpenItemFactory(cycle=cycle, taken_up_by=measure)
    event = EventFactory(municipality=municipality, slug="werkstatt")
    StationFactory(item=ProgrammeItemFactory(event=event))
    EventFactory(municipality=municipality, slug="entwurf", status=Event.Status.DRAFT)
    consultation = ConsultationFactory(cycle=cycle, slug="beteiligung")
    DraftFactory(consultation=consultation)
    ConsultationFactory(cycle=cycle, slug="geheim", is_published=False)
    answer = AnswerFactory(demand=make_demand(cycle=cycle, consultation=consultation))
    answer.measures.set([measure])
    make_demand(statement=StatementFactory(cycle=cycle, status=Statement.Status.DRAFT))
    factories.MunicipalityFactory(name="Stillgelegt", slug="stillgelegt", is_active=False)
    body = BodyFactory(municipality=municipality, slug="fag-1")
    body.cycles.add(cycle)
    join(body, factories.OrganisationFactory(municipality=municipality))
    meeting = MeetingFactory(body=body, place="Offener Saal", is_public=True)
    meeting.agenda.create(position=0, title="Bericht")
    MinutesFileFactory(meeting=meeting)
    MeetingFactory(body=body, place="Geschlossener Raum", is_public=False)
    internal = BodyFactory(municipality=municipality, slug="intern", is_public=False)
    MeetingFactory(body=internal, place="Raum des internen Gremiums", is_public=True)


@pytest.fixture
def csrf(db):
    """The CSRF cookie a page sets, and the header a script sends it back in."""
    client = Client()
    client.get(reverse("accounts:login"))
    token = client.cookies["csrftoken"].value
    return {"cookies": {"csrftoken": token}, "headers": {"X-CSRFToken": token}}


class OfficeAdminSession:
    """schemathesis' auth provider: the session cookie the API reads."""

    session = None  # the office admin's, while ``office_admin`` is active

    def get(self, case, context):
        return OfficeAdminSession.session

    def set(self, case, session, context):
        case.cookies = {**(case.cookies or {}), "sessionid": session}


@pytest.fixture
def office_admin(places):
    client = Client()
    client.force_login(User.objects.get(email=OFFICE_ADMIN))
    OfficeAdminSession.session = client.cookies["sessionid"].value
    yield
    OfficeAdminSession.session = None


class OfficeAdminToken:
    """schemathesis' auth provider: the office admin's API token."""

    token = None  # while ``office_token`` is active

    def get(self, case, context):
        return OfficeAdminToken.token

    def set(self, case, token, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


@pytest.fixture
def office_token(places, municipality):
    user = User.objects.get(email=OFFICE_ADMIN)
    _token, OfficeAdminToken.token = token_services.create_token(
        user=user, municipality=municipality, name="schemathesis"
    )
    yield
    OfficeAdminToken.token = None


@contextmanager
def connection_kept_open():
    """Django closes the database connection after each request, and with it the
    test's transaction; its own test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Every check is on (schemathesis' default). Strings are drawn now and then from values
# that databases trip over (PostgreSQL refuses NUL in text). And a write the schema
# allows may still be refused with 422 for rules no schema states (a report not dated in
# the future, "done" at 100 %, a lead department; an address Django's validators accept).
CONFIG = schemathesis.Config.from_dict(
    {
        "dictionaries": {
            "awkward": {"values": ["\x00", "Neu\x00stadt", "%00", "'; --", "ä" * 300, "🙂"]}
        },
        "generation": {"dictionaries": {"string": {"dictionary": "awkward", "probability": 0.2}}},
        "operations": [
            {
                "include-method": ["PATCH", "POST"],
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": [
                            *["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
                        ]
                    }
                },
            }
        ],
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)


def existing_objects(case):
    """Path parameters that name existing objects: all public, or one of them not."""
    kinds = {name: _kind(case.path, name) for name in case.path_parameters}
    public = {name: _value(kind, PUBLIC[kind]) for name, kind in kinds.items()}
    # Publishing succeeds for the cycle that is not published yet (once).
    public.update(AIM.get((case.method.upper(), case.path), {}))
    hidden = [
        {**public, name: _value(kind, value)}
        for name, kind in kinds.items()
        for value in NOT_PUBLIC[kind]
    ]
    return public, hidden


def _kind(path, name):
    """What a path parameter names: ``slug`` is an event's, a body's or an organisation's."""
    if name != "slug":
        return name
    for kind, part in (("event", "/events/"), ("body", "/bodies/")):
        if part in path:
            return kind
    return "organisation"


def _value(kind, value):
    if kind == "meeting":
        return Meeting.objects.get(place=value).pk
    return value


def generated_valid(case, location):
    """Whether schemathesis generated this part of the request ("path", "body") valid."""
    component = case.meta.components.get(location) if case.meta is not None else None
    return component is None or component.mode.is_positive


@schema.hook
def flatmap_case(context, case):
    """Valid path parameters go to public objects, to objects that exist but are not
    public, or stay as generated; a valid body is, for about half of the former two
    (Hypothesis leans to False), one that succeeds. Invalid values stay as they are:
    the case tests them."""
    if not case.path_parameters or not generated_valid(case, "path"):
        return st.just(case)
    public, hidden = existing_objects(case)

    def aimed(choice):
        parameters, keep_generated_body = choice
        if parameters is not None:
            case.path_parameters = parameters
            body = VALID_BODIES.get((case.method.upper(), case.path))
            if body and not keep_generated_body and generated_valid(case, "body"):
                case.body = body()
        return case

    # Hypothesis leans to the first branch: the public objects.
    places = st.one_of(st.just(public), st.sampled_from(hidden), st.just(None))
    return st.tuples(places, st.booleans()).map(aimed)


def aim_coverage_case(case):
    """The coverage phase (boundary and type-violating values, one parameter at a time)
    passes no hook: its cases with valid path parameters go to the public objects, so
    that the values reach the database."""
    if case.meta is not None and case.meta.phase.name.value == "coverage":
        if case.path_parameters and generated_valid(case, "path"):
            case.path_parameters = existing_objects(case)[0]


EXAMPLES = settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


class Answers:
    """What one operation answered over all its cases. The run must have reached real
    objects: at least one success, or, without a log-in where one is needed, a 401."""

    def __init__(self):
        self.statuses = set()
        self.expected = None
        self.operation = None

    def record(self, case, response, logged_in):
        self.operation = f"{case.method} {case.path}"
        needs_login = bool(case.operation.definition.raw.get("security"))
        self.expected = {401} if needs_login and not logged_in else set(range(200, 300))
        self.statuses.add(response.status_code)


@pytest.fixture
def answers():
    answers = Answers()
    yield answers
    assert answers.statuses & answers.expected, (
        f"{answers.operation}: no answer was a wanted one: {answers.statuses}"
    )


@schema.parametrize()
@EXAMPLES
def test_anonymous(case, places, csrf, answers):
    aim_coverage_case(case)
    with connection_kept_open():
        response = case.call_and_validate(**csrf)
    answers.record(case, response, logged_in=False)


@schema.auth.apply(OfficeAdminSession, refresh_interval=None)
@schema.parametrize()
@EXAMPLES
def test_office_admin(case, office_admin, csrf, answers):
    aim_coverage_case(case)
    with connection_kept_open():
        response = case.call_and_validate(**csrf)
    answers.record(case, response, logged_in=True)


@schema.auth.apply(OfficeAdminToken, refresh_interval=None)
@schema.include(method=["POST", "PATCH"]).parametrize()
@EXAMPLES
def test_office_token(case, office_token, answers):
    aim_coverage_case(case)
    with connection_kept_open():
        response = case.call_and_validate()
    answers.record(case, response, logged_in=True)

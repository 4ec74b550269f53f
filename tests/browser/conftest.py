"""Browser tests: Playwright for Python driving Debian's Chromium, axe-core injected.

One browser per session, a fresh context (cookies, storage) per test. The pages come
from pytest-django's ``live_server`` (transactional database), so each test creates
its data with :func:`directory_data` and the server thread sees it.

Every browser test runs once, on the SQLite run of CI (marked ``once``; a few on the
PostgreSQL run, marked ``once(database="postgresql")``, so that the two runs take about
as long): it tests what the browser shows and how a person uses it. What it relies on
in the database (locks, queries, migrations) is tested on both databases by the tests
outside this folder.
"""

import os
from types import SimpleNamespace

import pytest

from .helpers import (
    AXE_PATH,
    CHROMIUM,
    CHROMIUM_ARGS,
    DEFAULT_VIEWPORT,
    PASSWORD,
    format_violations,
    run_axe,
)

BROWSER_TESTS = os.path.dirname(os.path.abspath(__file__))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        in_this_folder = str(item.path).startswith(BROWSER_TESTS + os.sep)
        if in_this_folder and item.get_closest_marker("once") is None:
            item.add_marker(pytest.mark.once)


# --- Browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements pin it
        pytest.skip("the Python package playwright is not installed")
    # Playwright's sync API runs an asyncio event loop in this thread; from then on
    # Django refuses ORM calls here (fixtures, the database flush) unless told that
    # this is fine. Set for as long as Playwright runs, i.e. from the first browser
    # test to the end of the session.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_locale():
    """The Accept-Language of the test's browser; override or parametrise as needed."""
    return "de-DE"


@pytest.fixture
def context(browser, browser_locale):
    context = browser.new_context(
        locale=browser_locale,
        viewport=DEFAULT_VIEWPORT,
        # The site's Content Security Policy stays on (see helpers.run_axe), so
        # htmx and the styles run as they do in production.
        bypass_csp=False,
    )
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    # Errors a page causes: console errors (a CSP violation shows up here) and failed
    # subresources (style sheets, scripts, fonts). The browser's own favicon request
    # and the page's own status (tests check it) are not counted. Tests assert that
    # ``page.console_errors`` is empty.
    errors = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response):
        request = response.request
        if (
            response.status >= 400
            and request.resource_type != "document"
            and not request.url.endswith("/favicon.ico")
        ):
            errors.append(f"{response.status} {request.url}")

    page.on("console", on_console)
    page.on("response", on_response)

    def on_request_failed(request):
        # ERR_ABORTED: the page was left before a request finished, not an error.
        if "ERR_ABORTED" not in (request.failure or ""):
            errors.append(f"failed {request.url}: {request.failure}")

    page.on("requestfailed", on_request_failed)
    page.console_errors = errors
    yield page
    page.close()


@pytest.fixture
def base_url(live_server):
    return live_server.url


# --- axe-core ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core missing at {AXE_PATH}: run `npm ci` (or `make install`)")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def axe_check(axe_source):
    """``axe_check(page)`` fails the test listing every violation (rule, impact, targets)."""

    def check(page):
        violations = run_axe(page, axe_source)
        if violations:
            pytest.fail(
                f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
                + format_violations(violations),
                pytrace=False,
            )

    return check


# --- Data -------------------------------------------------------------------------------


def _load_vocabulary():
    """The vocabularies the migrations load (a transactional flush removes them)."""
    from teilhabe.directory.models import ActivityField, Language
    from teilhabe.directory.vocabulary import load_vocabulary
    from teilhabe.plan.models import TargetGroup
    from teilhabe.plan.vocabulary import load_target_groups

    load_vocabulary(ActivityField, Language)
    load_target_groups(TargetGroup)


@pytest.fixture(scope="module", autouse=True)
def _restore_vocabulary(django_db_setup, django_db_blocker):
    """The live server's transactional database is flushed after each test, which
    also removes the vocabulary the migrations load. Put it back when a module is done,
    so that later tests elsewhere find the database as the migrations left it."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        _load_vocabulary()
        # Django keeps connections per context, and with Playwright's greenlets this
        # teardown gets another connection than the one that later drops the test
        # database. Close it, or PostgreSQL refuses the drop ("being accessed").
        connections.close_all()


@pytest.fixture
def directory_data(transactional_db):
    """Dresden with a small directory, and Leipzig, so that the landing page lists
    municipalities instead of redirecting to the only one."""
    from teilhabe.accounts.models import Role
    from teilhabe.directory.models import Department, Organisation, UmbrellaMembership
    from tests import factories

    _load_vocabulary()
    dresden = factories.MunicipalityFactory(
        name="Dresden",
        slug="dresden",
        official_name="Landeshauptstadt Dresden",
        office_name="Integrations- und Ausländerbeauftragte",
        office_email="integration@example.org",
        introduction={
            "de": "Dresden ist eine Stadt, in der Menschen aus über 150 Ländern leben.",
            "en": "People from more than 150 countries live in Dresden.",
        },
    )
    leipzig = factories.MunicipalityFactory(
        name="Leipzig", slug="leipzig", official_name="Stadt Leipzig"
    )

    umbrella = factories.OrganisationFactory(
        municipality=dresden,
        name="Dachverband sächsischer Migrantenorganisationen e. V.",
        short_name="DSM",
        slug="dachverband",
        type=Organisation.Type.UMBRELLA,
        description={
            "de": "Der Dachverband vernetzt Migrantenorganisationen in Sachsen.",
            "en": "The umbrella association connects migrant organisations in Saxony.",
            "de-x-simple": "Der Dach-Verband bringt Vereine von Zugewanderten zusammen.",
        },
        activities=["politics"],
        languages=["de", "en"],
        is_verified=True,
    )
    kulturverein = factories.OrganisationFactory(
        municipality=dresden,
        name="Deutsch-Arabischer Kulturverein Dresden e. V.",
        slug="kulturverein",
        type=Organisation.Type.MIGRANT,
        description={
            "de": "Wir bieten Sprachkurse, Feste und Beratung für Familien an.",
            "en": "We offer language courses, festivals and counselling for families.",
        },
        activities=["culture", "education", "language"],
        languages=["ar", "de", "en"],
        district="Neustadt",
        address="Louisenstraße 1, 01099 Dresden",
        website="https://kulturverein.example.org/",
        public_email="info@kulturverein.example.org",
        public_phone="0351 1234567",
        is_verified=True,
    )
    gemeinde = factories.OrganisationFactory(
        municipality=dresden,
        name="Ukrainische Gemeinde Dresden e. V.",
        slug="ukrainische-gemeinde",
        type=Organisation.Type.MIGRANT,
        # German only: the English and plain-language pages show the fallback note.
        description="Die Gemeinde hilft Geflüchteten aus der Ukraine beim Ankommen in Dresden.",
        activities=["refugees", "social"],
        languages=["uk", "ru", "de"],
        district="Prohlis",
        public_email="kontakt@gemeinde.example.org",
        is_sample=True,
    )
    welfare = factories.OrganisationFactory(
        municipality=dresden,
        name="Wohlfahrtsverband Sachsen",
        slug="wohlfahrtsverband",
        type=Organisation.Type.WELFARE,
        description="Beratung für Migrantinnen und Migranten.",
        activities=["social", "work"],
    )
    UmbrellaMembership.objects.create(member=kulturverein, umbrella=umbrella)
    UmbrellaMembership.objects.create(member=gemeinde, umbrella=umbrella)
    factories.OrganisationFactory(
        municipality=leipzig, name="Leipziger Kulturverein e. V.", slug="leipziger-kulturverein"
    )

    departments = [
        factories.DepartmentFactory(
            municipality=dresden,
            number="50",
            name={"de": "Sozialamt", "en": "Social Welfare Office"},
        ),
        factories.DepartmentFactory(municipality=dresden, number="51", name="Jugendamt"),
        factories.DepartmentFactory(
            municipality=dresden,
            number="",
            name="Eigenbetrieb Kindertageseinrichtungen",
            kind=Department.Kind.ENTERPRISE,
            is_sample=True,
        ),
    ]

    representative = factories.RoleFactory(
        municipality=dresden,
        kind=Role.Kind.ORGANISATION_REPRESENTATIVE,
        organisations=[kulturverein],
        user__full_name="Rana Beispiel",
        user__email="rana@example.org",
    ).user

    return SimpleNamespace(
        dresden=dresden,
        leipzig=leipzig,
        umbrella=umbrella,
        kulturverein=kulturverein,
        gemeinde=gemeinde,
        welfare=welfare,
        departments=departments,
        representative=representative,
        password=PASSWORD,
    )


# --- Helpers used by several tests --------------------------------------------------------


@pytest.fixture
def log_in(base_url):
    """``log_in(page, user, prefix="")``: through the login form, as a person would."""
    from playwright.sync_api import expect

    def do(page, user, prefix=""):
        page.goto(f"{base_url}{prefix}/konto/anmelden/")
        page.locator("#id_username").fill(user.email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{base_url}{prefix}/konto/")
        page.wait_for_load_state()
        expect(page.locator("main form[action$='/konto/abmelden/']")).to_have_count(1)

    return do


@pytest.fixture(scope="session")
def datetime_format(browser):
    """How this Chromium's datetime-local inputs are typed (helpers.type_datetime)."""
    from .helpers import datetime_format as probe

    return probe(browser)

"""Tables, radio buttons, checkboxes and form errors on a phone (issue "Tables on a
phone"): at 360 px, in German and in Arabic, every page with a table shows no cell
narrower than its longest word and scrolls sideways only inside a labelled region;
every radio button and checkbox reacts in 44 × 44 px; the error summary lists each
error in the reader's language and its link moves the focus to the field."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .helpers import (
    LANGUAGE_PREFIXES,
    NARROW_CELLS_JS,
    SMALL_TARGETS_JS,
    UNLABELLED_SCROLLING_JS,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
LANGUAGES = ["de", "ar"]
LONG_GROUP = "Beschäftigte und Führungskräfte der Stadtverwaltung sowie aus Behörden des Landes"


@pytest.fixture
def browser_locale(language):
    return {"de": "de-DE", "ar": "ar-EG"}[language]


@pytest.fixture
def phone_data(directory_data):
    """Demo-like data for every staff page with a table: a plan with indicator and
    funding, three events (with statistics and feedback, invitation-only, running
    today for the check-in), mails, an Arabic translation file, a proposed profile
    change; an office administrator and a department editor."""
    from django.utils import timezone

    from teilhabe.accounts.models import Role
    from teilhabe.directory.models import ProfileChange
    from teilhabe.events.models import Event, Feedback, Registration
    from teilhabe.languages import services, xliff
    from teilhabe.languages.models import TranslationImport
    from teilhabe.languages.selectors import export_units
    from teilhabe.mail.models import OutgoingMail
    from tests import factories
    from tests.events.factories import (
        AudienceGroupFactory,
        EventFactory,
        InvitationFactory,
        RegistrationFactory,
        VenueFactory,
    )
    from tests.plan.factories import (
        ConceptCycleFactory,
        FieldOfActionFactory,
        FundingLineFactory,
        GoalFactory,
        IndicatorFactory,
        MeasureFactory,
        StatusReportFactory,
    )

    data = directory_data
    dresden = data.dresden
    social = data.departments[0]
    services.change_content_languages(dresden, ["de", "en", "ar"], {})
    data.office = factories.RoleFactory(
        municipality=dresden, kind=Role.Kind.OFFICE_ADMIN, user__email="buero@example.org"
    ).user
    data.editor = factories.RoleFactory(
        municipality=dresden,
        kind=Role.Kind.DEPARTMENT_EDITOR,
        departments=[social],
        user__email="sozialamt@example.org",
    ).user

    cycle = ConceptCycleFactory(
        municipality=dresden, slug="ik", title="Aktionsplan Integration 2021 bis 2026"
    )
    field = FieldOfActionFactory(cycle=cycle, number=1, slug="feld-1")
    goal = GoalFactory(field=field, code="1.1")
    for code, title in [
        ("1.1.1", "Mehrsprachigkeit in Kindertageseinrichtungen ausweiten"),
        ("1.1.2", "Interkulturelle Öffnung der Verwaltungsdienstleistungen"),
    ]:
        measure = MeasureFactory(
            goal=goal,
            code=code,
            title=title,
            lead_departments=data.departments[:2],
            partner_organisations=[data.kulturverein],
        )
        StatusReportFactory(measure=measure, reported_on=date(2022, 3, 1), progress=20)
    IndicatorFactory(cycle=cycle, field=field, values={2021: 1200, 2022: 1350})
    FundingLineFactory(cycle=cycle, department=social, amounts={2021: 36800, 2022: 40400})

    group = AudienceGroupFactory(municipality=dresden, name=LONG_GROUP)
    workshop = EventFactory(
        municipality=dresden,
        slug="werkstatt",
        title="Werkstattgespräch mit Migrant*innenorganisationen",
        audience_groups=[group],
        asks_accessibility=True,
        venue=VenueFactory(
            municipality=dresden,
            name="Kulturzentrum Scheune (Großer Saal im Erdgeschoss)",
            street="Alaunstraße 36–40",
            postal_code="01099",
            city="Dresden",
        ),
    )
    RegistrationFactory(
        event=workshop,
        name="Anna Ankunft",
        organisation=data.kulturverein,
        audience_group=group,
        accessibility_needs="Rollstuhlgerechter Zugang und Gebärdensprachdolmetschung",
    )
    RegistrationFactory(
        event=workshop, organisation_name="Ausländerrat Dresden e. V.", audience_group=group
    )
    RegistrationFactory(event=workshop, status=Registration.Status.WAITING)
    for rating in (5, 4, 4):
        Feedback.objects.create(event=workshop, rating=rating, text="Gut organisiert.")
    invited = EventFactory(
        municipality=dresden, slug="geladen", title="Fachgespräch", access=Event.Access.INVITATION
    )
    InvitationFactory(event=invited, email="vorstand@kulturverein.example.org")
    InvitationFactory(event=invited, organisation=data.umbrella)
    today = EventFactory(
        municipality=dresden,
        slug="heute",
        title="Konferenz der Migrant*innenorganisationen",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=3),
    )
    RegistrationFactory(event=today, name="Bao Nguyễn", organisation=data.kulturverein)

    mail = dict(municipality=dresden, subject="Erinnerung an die Werkstatt", body_text="Hallo")
    OutgoingMail.objects.create(
        **mail, purpose="event_reminder", to="anna@example.org", status="sent", attempts=1
    )
    OutgoingMail.objects.create(
        **mail,
        purpose="event_invitation",
        to="vorstand@kulturverein.example.org",
        status="failed",
        attempts=5,
        last_error="SMTPRecipientsRefused: 550 No such user",
    )

    units = export_units(dresden, "ar")
    text = xliff.write_xliff(units, "ar", original="t").decode()
    text = text.replace("</source>", '</source><target xml:space="preserve">نص عربي</target>')
    data.upload = TranslationImport.objects.create(
        municipality=dresden, filename="arabisch.xlf", content=text.encode()
    )
    data.change = ProfileChange.objects.create(
        municipality=dresden,
        organisation=data.kulturverein,
        proposed={"district": "Johannstadt", "activities": ["culture", "social"]},
        proposed_by=data.representative,
    )
    return data


# Every page with a table: who looks at it, and where.
TABLE_PAGES = {
    "workspace-office": ("office", "/konto/"),
    "workspace-editor": ("editor", "/konto/"),
    "my-measures": ("editor", "/dresden/plan/meine-massnahmen/"),
    "overdue": ("office", "/dresden/plan/ueberfaellig/"),
    "overdue-remind": ("office", "/dresden/plan/ueberfaellig/erinnern/"),
    "departments-manage": ("office", "/dresden/verzeichnis/aemter/verwalten/"),
    "venues": ("office", "/dresden/veranstaltungen/verwaltung/orte/"),
    "field-of-action": ("office", "/dresden/plan/ik/handlungsfelder/feld-1/"),
    "participants": ("office", "/dresden/veranstaltungen/werkstatt/teilnehmende/"),
    "statistics": ("office", "/dresden/veranstaltungen/werkstatt/verwalten/"),
    "invitations": ("office", "/dresden/veranstaltungen/geladen/einladungen/"),
    "check-in": ("office", "/dresden/veranstaltungen/heute/einlass/"),
    "mail-log": ("office", "/dresden/postausgang/"),
    "people": ("office", "/dresden/personen/"),
    "translations": ("office", "/dresden/uebersetzungen/"),
    "translations-arabic": ("office", "/dresden/uebersetzungen/ar/"),
    "import-preview": ("office", "/dresden/uebersetzungen/import/{upload}/"),
    "departments": ("office", "/dresden/verzeichnis/aemter/"),
    "profile-change": ("office", "/dresden/verzeichnis/aenderungen/{change}/"),
    "api-docs": ("office", "/api/v1/docs"),
}


def visit(page, base_url, log_in, data, language, user, path):
    prefix = LANGUAGE_PREFIXES[language]
    # The API documentation has no language prefix; the rest of the site has.
    if not path.startswith("/api/"):
        path = prefix + path
    log_in(page, getattr(data, user), prefix=prefix)
    response = page.goto(base_url + path.format(upload=data.upload.pk, change=data.change.pk))
    assert response.status == 200, page.url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(TABLE_PAGES))
def test_tables_read_on_a_phone(page, base_url, log_in, phone_data, axe_check, language, name):
    user, path = TABLE_PAGES[name]
    page.set_viewport_size(PHONE)
    visit(page, base_url, log_in, phone_data, language, user, path)
    tables = page.locator("main table")
    expect(tables.first).to_be_attached()
    # One pattern for all: each table is stacked or scrolls in its labelled region, and
    # keeps its caption and column headers.
    assert page.locator("main table:not(.table-stacked table, .table-scroll table)").count() == 0
    for index in range(tables.count()):
        table = tables.nth(index)
        expect(table.locator("caption")).to_have_count(1)
        assert table.locator("th[scope]").count() > 0
    assert page.evaluate(NARROW_CELLS_JS) == []
    assert page.evaluate(UNLABELLED_SCROLLING_JS) == []
    axe_check(page)
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["de"])
def test_a_stacked_row_names_each_column(page, base_url, log_in, phone_data, language):
    """On a phone, a participant's row reads as a list of its column headers and
    values; on a desktop it is an ordinary table row again."""
    page.set_viewport_size(PHONE)
    visit(page, base_url, log_in, phone_data, "de", *TABLE_PAGES["participants"])
    cell = page.locator("main tbody td[data-label='Organisation']").first
    label = cell.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert "Organisation" in label
    assert cell.evaluate("(el) => getComputedStyle(el).display") == "block"
    expect(page.locator("main thead th").first).to_have_text("Name")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert cell.evaluate("(el) => getComputedStyle(el).display") == "table-cell"
    assert cell.evaluate("(el) => getComputedStyle(el, '::before').content") == "none"


# Pages with radio buttons and checkboxes (every kind the forms have: radio groups,
# checkbox groups, a single checkbox), and who opens them.
CHOICE_PAGES = {
    "new-event": ("office", "/dresden/veranstaltungen/verwaltung/neu/"),
    "content-languages": ("office", "/dresden/uebersetzungen/sprachen/"),
    "export": ("office", "/dresden/uebersetzungen/ar/"),
    "status-report": ("editor", "/dresden/plan/ik/massnahmen/1.1.1/sachstand/"),
    "register": ("representative", "/dresden/veranstaltungen/werkstatt/anmelden/"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(CHOICE_PAGES))
def test_radio_buttons_and_checkboxes_are_44_px_targets(
    page, base_url, log_in, phone_data, language, name
):
    page.set_viewport_size(PHONE)
    visit(page, base_url, log_in, phone_data, language, *CHOICE_PAGES[name])
    inputs = page.locator("main input[type=radio], main input[type=checkbox]")
    expect(inputs.first).to_be_attached()
    # KERN's boxes, not the browser's.
    for index in range(inputs.count()):
        expect(inputs.nth(index)).to_have_class(
            re.compile(r"\bkern-form-check__(radio|checkbox)\b")
        )
    assert page.evaluate(SMALL_TARGETS_JS) == []
    # A tap at the far corner of the square (on the label's strip) ticks the box.
    unticked = page.locator("main input:is([type=radio], [type=checkbox]):not(:checked)")
    box_input = page.locator(f"[id='{unticked.first.get_attribute('id')}']")
    box_input.scroll_into_view_if_needed()
    box = box_input.bounding_box()
    x = box["x"] + box["width"] - 43 if language == "ar" else box["x"] + 43
    page.mouse.click(x, box["y"] + 43)
    expect(box_input).to_be_checked()


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_summary_links_each_error_to_its_field(
    page, base_url, log_in, phone_data, axe_check, language
):
    from django.utils import translation

    page.set_viewport_size(PHONE)
    visit(page, base_url, log_in, phone_data, language, *CHOICE_PAGES["new-event"])
    page.locator("main form [name=title_de]").fill("")
    with page.expect_navigation():
        page.locator("#event-form button[type=submit]").click()
    summary = page.locator("#form-errors")
    # Focused when the page loads, so a screen reader starts there.
    expect(summary).to_be_focused()
    with translation.override(language):
        heading = translation.gettext("Please correct the marked fields.")
        required = translation.gettext("This field is required.")
    expect(summary.locator("h2")).to_have_text(heading)
    links = summary.locator("a")
    expect(links.first).to_contain_text(required)

    # Every error beside a field has its link in the summary, and only those.
    errors = page.locator("main form .kern-error")
    assert links.count() == errors.count() >= 3
    targets = [links.nth(i).get_attribute("href")[1:] for i in range(links.count())]
    for index in range(errors.count()):
        error_id = errors.nth(index).get_attribute("id")
        field = page.locator(f"[id='{error_id}']").locator(
            "xpath=ancestor::*[contains(@class, 'kern-form-input') or contains(@class, "
            "'kern-fieldset') or contains(@class, 'kern-form-check')][1]"
        )
        assert any(field.locator(f"[id='{target}']").count() for target in targets), error_id

    # Each link moves the focus to its field, which is then on the screen.
    for index, target in enumerate(targets):
        links.nth(index).click()
        assert page.evaluate("() => document.activeElement.id") == target
        expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
        summary.scroll_into_view_if_needed()
    axe_check(page)
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["de"])
def test_error_summary_lists_the_forms_own_errors(page, base_url, log_in, phone_data, language):
    """An error of the whole form (a wrong password) is listed as text: there is no
    field to go to."""
    page.goto(f"{base_url}/konto/anmelden/")
    page.locator("#id_username").fill(phone_data.office.email)
    page.locator("#id_password").fill("falsches-passwort")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_count(1)
    expect(summary.locator("li a")).to_have_count(0)

"""The office's translation workflow: content languages, the overview of missing and
outdated texts, export for an agency and the all-or-nothing import of its file."""

import re
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.languages import selectors, services, xliff
from teilhabe.languages.fields import source_version
from teilhabe.languages.models import TranslationImport
from teilhabe.languages.units import unit_id
from teilhabe.plan.models import Measure
from teilhabe.tenants.models import Municipality
from tests import factories
from tests.events.factories import EventFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

XLIFF_NS = {"x": xliff.XLIFF_NS}


def build_data():
    """Dresden (German, plain German, English) with a small plan, an event and an
    organisation; Leipzig with a measure of its own; an office admin for each, a
    department editor in Dresden and the operator."""
    dresden = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    leipzig = factories.MunicipalityFactory(name="Leipzig", slug="leipzig")
    cycle = ConceptCycleFactory(municipality=dresden, slug="2021", title="Aktionsplan 2021")
    field_of_action = FieldOfActionFactory(cycle=cycle, number=1, title="Sprache")
    goal = GoalFactory(field=field_of_action, code="1.1", title="Deutsch lernen")
    measure = MeasureFactory(
        goal=goal,
        code="1.1.1",
        title={"de": "Sprachcafés", "en": "Language cafés"},
        description="Was die Stadt tut.",
    )
    # An English description made from an older German text: outdated.
    measure.description.set("en", "What the city did.", source=source_version("Früher."))
    measure.save(update_fields=["description"])
    event = EventFactory(municipality=dresden, title="Werkstatt Ankommen", description="")
    organisation = factories.OrganisationFactory(municipality=dresden, name="Verein Brücke e. V.")
    other_measure = MeasureFactory(
        goal=GoalFactory(
            field=FieldOfActionFactory(cycle=ConceptCycleFactory(municipality=leipzig))
        )
    )
    office = factories.RoleFactory(municipality=dresden, user__email="buero@example.org").user
    other_office = factories.RoleFactory(
        municipality=leipzig, user__email="leipzig@example.org"
    ).user
    editor = factories.RoleFactory(
        municipality=dresden, kind=Role.Kind.DEPARTMENT_EDITOR, user__email="amt@example.org"
    ).user
    operator = factories.UserFactory(email="betrieb@example.org", is_superuser=True, is_staff=True)
    return SimpleNamespace(**locals())


@pytest.fixture
def data(db):
    return build_data()


def url(name, **kwargs):
    return reverse(f"languages:{name}", kwargs={"municipality": "dresden", **kwargs})


def add_language(municipality, code):
    services.change_content_languages(
        municipality, [*municipality.offered_languages(), code], municipality.fallback_languages
    )


def fill(xliff_bytes, translate):
    """The exported XLIFF with a target added to every unit: ``translate(source)``."""

    def add_target(match):
        source = match.group(2)
        return f'{match.group(0)}<target xml:space="preserve">{translate(source)}</target>'

    text = xliff_bytes.decode()
    text = re.sub(r'(<source xml:space="preserve">)(.*?)</source>', add_target, text, flags=re.S)
    return text.encode()


def upload(client, content, name="returned.xlf"):
    return client.post(url("import"), {"file": SimpleUploadedFile(name, content)})


def export(client, language="uk", **params):
    params = {"scope": "all", "include": "outdated", "format": "xliff", **params}
    response = client.get(url("export", language=language), params)
    assert response.status_code == 200, response.content[:500]
    return response.content


# --- Content languages ------------------------------------------------------------------------


def test_office_adds_ukrainian_and_the_public_pages_offer_it_at_once(client, data):
    client.force_login(data.office)
    response = client.post(
        url("content_languages"),
        {"languages": ["de", "de-x-simple", "en", "uk"], "fallback_uk": "en"},
    )
    assert response.status_code == 302
    data.dresden.refresh_from_db()
    assert data.dresden.offered_languages() == ["de", "de-x-simple", "en", "uk"]
    assert data.dresden.fallback_languages == {"uk": ["en"]}
    page = client.get("/dresden/").content.decode()
    assert 'hreflang="uk" lang="uk">Українська</a>' in page
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/uk/dresden/">' in page
    # The overview shows what is missing in Ukrainian: every German text of Dresden.
    overview = client.get(url("overview")).content.decode()
    assert 'href="/dresden/uebersetzungen/uk/"' in overview
    report = selectors.language_report(data.dresden, "uk")
    assert report.total.missing == report.total.texts > 0


def test_german_cannot_be_switched_off(client, data):
    client.force_login(data.office)
    response = client.post(url("content_languages"), {"languages": ["en", "uk"]})
    assert response.status_code == 400
    assert (
        "Deutsch ist die Sprache, in der jeder Text zuerst geschrieben wird"
        in response.content.decode()
    )
    data.dresden.refresh_from_db()
    assert data.dresden.content_languages == ["de", "de-x-simple", "en"]


def test_a_fallback_must_be_a_chosen_language(client, data):
    client.force_login(data.office)
    response = client.post(
        url("content_languages"), {"languages": ["de", "en", "uk"], "fallback_uk": "ar"}
    )
    assert response.status_code == 400
    assert "müssen andere Inhaltssprachen sein" in response.content.decode()
    data.dresden.refresh_from_db()
    assert "uk" not in data.dresden.content_languages


def test_a_longer_fallback_chain_survives_saving_the_form(client, data):
    Municipality.objects.filter(pk=data.dresden.pk).update(
        content_languages=["de", "en", "ru", "uk"], fallback_languages={"uk": ["ru", "en"]}
    )
    client.force_login(data.office)
    client.post(
        url("content_languages"), {"languages": ["de", "en", "ru", "uk"], "fallback_uk": "ru"}
    )
    data.dresden.refresh_from_db()
    assert data.dresden.fallback_languages == {"uk": ["ru", "en"]}


# --- Overview ---------------------------------------------------------------------------------


def test_counts_per_cycle_field_of_action_event_and_the_rest(data):
    report = selectors.language_report(data.dresden, "en")
    [cycle] = report.cycles
    assert cycle.label == "Aktionsplan 2021"
    # Cycle: title, summary. Field: title, situation, developments, challenges.
    # Goal: title. Measure: title (current), description (outdated).
    assert (cycle.texts, cycle.missing, cycle.outdated) == (9, 7, 1)
    parts = {part.label: (part.texts, part.missing, part.outdated) for part in cycle.parts}
    assert parts == {"Handlungsfeld 1 „Sprache“": (7, 5, 1), "Texte des Zyklus selbst": (2, 2, 0)}
    [event] = report.events
    assert (event.label, event.texts, event.missing) == ("Werkstatt Ankommen", 1, 1)
    other = {counts.label: counts.texts for counts in report.other}
    # The organisation's description, the name of the measure's department, the
    # event's venue; nothing of Leipzig and no text without German (Dresden's empty
    # introduction).
    assert other == {"Organisationen": 1, "Ämter": 1, "Veranstaltungsorte": 3}
    assert report.total.texts == 9 + 1 + 5
    assert report.total.outdated == 1


def test_the_language_page_shows_the_counts_and_what_to_translate(client, data):
    client.force_login(data.office)
    page = client.get(url("language", language="en")).content.decode()
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", page, flags=re.S)
    rows = [cells[i : i + 4] for i, cell in enumerate(cells) if cell.startswith("<span")]
    assert ['<span aria-hidden="true">– </span>Handlungsfeld 1 „Sprache“', "7", "5", "1"] in rows
    assert "Werkstatt Ankommen" in cells and "Veranstaltungsorte" in cells
    # The outdated English description is listed, with a link to its edit page.
    edit_url = reverse(
        "plan:measure_edit",
        kwargs={"municipality": "dresden", "cycle": "2021", "pk": data.measure.pk},
    )
    assert (
        f'<a class="kern-link" href="{edit_url}">Maßnahme 1.1.1 „Sprachcafés“ – Beschreibung</a>'
        in page
    )


def test_only_texts_with_a_german_source_count(data):
    before = selectors.language_report(data.dresden, "en").total.texts
    data.dresden.introduction = {"en": "Only English."}
    data.dresden.save()
    assert selectors.language_report(data.dresden, "en").total.texts == before
    data.dresden.introduction = {"de": "Willkommen."}
    data.dresden.save()
    assert selectors.language_report(data.dresden, "en").total.texts == before + 1


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_queries_for_a_small_and_a_larger_municipality(client, data):
    client.force_login(data.office)
    pages = [url("overview"), url("language", language="en"), url("content_languages")]
    export_path = url("export", language="en") + "?scope=all&include=outdated&format=xliff"
    small = [queries_of(client, path) for path in [*pages, export_path]]
    for number in range(2, 6):
        field_of_action = FieldOfActionFactory(cycle=data.cycle, number=number)
        for _ in range(3):
            MeasureFactory(goal=GoalFactory(field=field_of_action))
    EventFactory.create_batch(4, municipality=data.dresden)
    ConceptCycleFactory.create_batch(2, municipality=data.dresden)
    larger = [queries_of(client, path) for path in [*pages, export_path]]
    assert larger == small
    assert selectors.language_report(data.dresden, "en").total.texts > 80


# --- Permissions ------------------------------------------------------------------------------


@pytest.fixture
def pending_import(data):
    add_language(data.dresden, "uk")
    content = fill(
        xliff.write_xliff(selectors.export_units(data.dresden, "uk"), "uk", original="t"), str.upper
    )
    return TranslationImport.objects.create(
        municipality=data.dresden, filename="f.xlf", content=content
    )


def staff_paths(pending_import):
    return [
        url("overview"),
        url("content_languages"),
        url("language", language="uk"),
        url("export", language="uk") + "?scope=all&include=outdated&format=xliff",
        url("import"),
        url("import_preview", pk=pending_import.pk),
    ]


@pytest.mark.parametrize(
    "who, status",
    [("office", 200), ("operator", 200), ("other_office", 403), ("editor", 403)],
)
def test_who_may_open_the_translation_pages(client, data, pending_import, who, status):
    client.force_login(getattr(data, who))
    for path in staff_paths(pending_import):
        assert client.get(path).status_code == status, path


def test_anonymous_visitors_are_sent_to_log_in(client, data, pending_import):
    for path in staff_paths(pending_import):
        response = client.get(path)
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"], path


def test_another_municipalitys_office_can_neither_read_nor_change(client, data, pending_import):
    client.force_login(data.other_office)
    export_response = client.get(
        url("export", language="uk"), {"scope": "all", "include": "outdated", "format": "csv"}
    )
    assert export_response.status_code == 403
    assert b"Sprachcaf" not in export_response.content
    assert client.post(url("content_languages"), {"languages": ["de"]}).status_code == 403
    assert client.post(url("import_preview", pk=pending_import.pk)).status_code == 403
    assert upload(client, pending_import.content).status_code == 403
    data.dresden.refresh_from_db()
    assert "uk" in data.dresden.content_languages
    data.measure.refresh_from_db()
    assert not data.measure.title.get("uk")
    assert TranslationImport.objects.count() == 1
    # Leipzig's own import pages do not show Dresden's upload either.
    leipzig_preview = reverse(
        "languages:import_preview", kwargs={"municipality": "leipzig", "pk": pending_import.pk}
    )
    assert client.get(leipzig_preview).status_code == 404
    assert client.post(leipzig_preview).status_code == 404


# --- Export and import ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff", "csv"])
def test_round_trip_export_fill_import(client, data, fmt):
    add_language(data.dresden, "uk")
    client.force_login(data.office)
    exported = export(client, format=fmt)
    if fmt == "xliff":
        returned, name = fill(exported, lambda text: f"UK {text}"), "returned.xlf"
    else:
        rows = exported.decode("utf-8-sig").splitlines()
        lines = [rows[0]] + [
            f'{line[: line.rindex(",")]},"UK {line.split(",")[3].strip(chr(34))}"'
            for line in rows[1:]
        ]
        returned, name = "\n".join(lines).encode(), "returned.csv"
    response = upload(client, returned, name)
    assert response.status_code == 302
    preview_path = response["Location"]
    preview = client.get(preview_path)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "neue Übersetzung" in page
    assert "UK Sprachcafés" in page
    # Nothing is written before the confirmation.
    data.measure.refresh_from_db()
    assert not data.measure.title.get("uk")
    response = client.post(preview_path)
    assert response.status_code == 302
    data.measure.refresh_from_db()
    assert data.measure.title.text("uk") == "UK Sprachcafés"
    assert not data.measure.title.is_outdated("uk")
    assert selectors.language_report(data.dresden, "uk").total.to_do == 0
    public = client.get(data.measure.get_absolute_url().replace("/dresden/", "/uk/dresden/", 1))
    assert "UK Sprachcafés" in public.content.decode()
    # A second confirmation imports nothing again.
    assert client.post(preview_path).status_code == 302
    assert TranslationImport.objects.get().imported_count == len(selectors.units_of(data.dresden))


def test_outdated_translations_are_exported_with_their_text_and_flagged_on_import(client, data):
    client.force_login(data.office)
    with_outdated = export(client, language="en")
    assert b"What the city did." in with_outdated
    assert b">outdated</note>" in with_outdated
    assert b"What the city did." not in export(client, language="en", include="missing")
    returned = fill(
        with_outdated.replace(b'<target xml:space="preserve">What the city did.</target>', b""),
        lambda t: f"EN {t}",
    )
    preview = client.get(upload(client, returned)["Location"])
    assert "ersetzt eine veraltete Übersetzung" in preview.content.decode()
    client.post(preview.wsgi_request.path)
    data.measure.refresh_from_db()
    assert data.measure.description.text("en") == "EN Was die Stadt tut."
    assert not data.measure.description.is_outdated("en")


def test_export_of_one_cycle_or_one_event_only(client, data):
    add_language(data.dresden, "uk")
    client.force_login(data.office)
    of_event = export(client, scope=f"event:{data.event.pk}")
    assert of_event.count(b"<unit ") == 1 and b"Werkstatt Ankommen" in of_event
    of_cycle = export(client, scope=f"cycle:{data.cycle.pk}")
    assert of_cycle.count(b"<unit ") == 9 and b"Werkstatt" not in of_cycle
    response = client.get(
        url("export", language="uk"),
        {"scope": "cycle:999999", "include": "missing", "format": "xliff"},
    )
    assert response.status_code == 400
    assert "keine gültige Auswahl" in response.content.decode()


# --- Bad files: refused with a reason per unit, nothing imported ------------------------------


def one_unit(data, *, ident=None, version=None, target="Переклад", language="uk", pk=None):
    pk = pk or data.measure.pk
    ident = ident or unit_id(data.dresden.pk, "plan.measure", pk, "title")
    version = source_version("Sprachcafés") if version is None else version
    return (
        f'<unit id="{ident}" th:sourceVersion="{version}"><segment><source>x</source>'
        f"<target>{target}</target></segment></unit>"
    )


def document(*units, language="uk"):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><xliff xmlns="{xliff.XLIFF_NS}" '
        f'xmlns:th="{xliff.OWN_NS}" version="2.0" srcLang="de" trgLang="{language}">'
        f'<file id="f1">{"".join(units)}</file></xliff>'
    ).encode()


def good_unit(data):
    """A correct unit for the goal's title, sent with each bad one."""
    ident = unit_id(data.dresden.pk, "plan.goal", data.goal.pk, "title")
    return (
        f'<unit id="{ident}" th:sourceVersion="{source_version("Deutsch lernen")}"><segment>'
        "<source>Deutsch lernen</source><target>Вивчати німецьку</target></segment></unit>"
    )


BAD_UNITS = {
    "garbled id": (lambda d: one_unit(d, ident="plan.measure-1-title"), "Unbekannte Kennung"),
    "changed pk": (
        lambda d: one_unit(
            d,
            # The measure's signature on the id of another of Dresden's texts.
            ident=unit_id(d.dresden.pk, "plan.measure", d.measure.pk, "title").replace(
                f"plan.measure-{d.measure.pk}-", f"plan.goal-{d.goal.pk}-"
            ),
        ),
        "Unbekannte Kennung",
    ),
    "unknown field": (
        lambda d: one_unit(d, ident=unit_id(d.dresden.pk, "plan.measure", d.measure.pk, "budget")),
        "Unbekannte Kennung",
    ),
    "another municipality's id": (
        lambda d: one_unit(
            d, ident=unit_id(d.leipzig.pk, "plan.measure", d.other_measure.pk, "title")
        ),
        "gehört zu einer anderen Kommune",
    ),
    "another municipality's object, id re-signed": (
        lambda d: one_unit(
            d, ident=unit_id(d.dresden.pk, "plan.measure", d.other_measure.pk, "title")
        ),
        "gehört zu einer anderen Kommune",
    ),
    "different source version": (
        lambda d: one_unit(d, version="0123456789ab"),
        "Der deutsche Text hat sich seit dem Export geändert",
    ),
    "no source version": (lambda d: one_unit(d, version=""), "nennt keine Fassung"),
    "empty target": (lambda d: one_unit(d, target="  "), "Die Übersetzung ist leer"),
    "too long": (lambda d: one_unit(d, target="я" * 301), "höchstens 300 Zeichen"),
    "markup in the target": (lambda d: one_unit(d, target='a <pc id="1">b</pc>'), "Auszeichnungen"),
    "target in another language": (
        lambda d: one_unit(d, target="x").replace("<target>", '<target xml:lang="ru">'),
        "als ru gekennzeichnet",
    ),
    "same id twice": (lambda d: good_unit(d), "mehr als einmal"),
}


@pytest.mark.parametrize("case", BAD_UNITS)
def test_a_bad_unit_refuses_the_whole_file_with_its_reason(client, data, case):
    add_language(data.dresden, "uk")
    make, reason = BAD_UNITS[case]
    client.force_login(data.office)
    response = upload(client, document(good_unit(data), make(data)))
    preview_path = response["Location"]
    preview = client.get(preview_path)
    assert preview.status_code == 400
    page = preview.content.decode()
    assert reason in page, page[page.find("<table") :][:3000]
    assert "Nichts wurde importiert" in page
    assert (
        'method="post"' not in page.split("<main", 1)[1].split("</main>")[0]
        or "Übersetzungen importieren</span></button>" not in page
    )
    # A confirmation sent anyway is refused the same way.
    confirmed = client.post(preview_path)
    assert confirmed.status_code == 409
    assert reason in confirmed.content.decode()
    data.goal.refresh_from_db()
    data.measure.refresh_from_db()
    assert not data.goal.title.get("uk") and not data.measure.title.get("uk")
    assert not TranslationImport.objects.filter(imported_at__isnull=False).exists()


BAD_FILES = {
    "malformed XML": (b"<xliff><file><unit id='a'>", "kein wohlgeformtes XML"),
    "not XLIFF 2.0": (
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
        "kein XLIFF-2.0-Dokument",
    ),
    "a language the municipality does not offer": (None, "ist keine Inhaltssprache von Dresden"),
    "German as target": ("de", "Deutsch ist die Ausgangssprache"),
    "an unknown language": ("xx", "bietet die Sprache xx nicht an"),
    "CSV without the columns": (b"id;text\n1;x\n", "erste Zeile der CSV-Datei"),
    "no units": ("empty", "enthält keine Einheiten"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_as_a_whole(client, data, case):
    add_language(data.dresden, "uk")
    content, reason = BAD_FILES[case]
    if content is None:
        content = document(good_unit(data), language="ar")
    elif content == "empty":
        content = document()
    elif isinstance(content, str):
        content = document(good_unit(data), language=content)
    client.force_login(data.office)
    name = "x.csv" if case.startswith("CSV") else "x.xlf"
    preview = client.get(upload(client, content, name)["Location"])
    assert preview.status_code == 400
    assert reason in preview.content.decode()
    assert client.post(preview.wsgi_request.path).status_code == 409
    data.goal.refresh_from_db()
    assert data.goal.title.texts() == {"de": "Deutsch lernen"}


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="uk">
<file id="f"><unit id="UNIT"><segment><source>x</source><target>&secret;</target></segment>
</unit></file></xliff>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="uk">
<file id="f"><unit id="UNIT"><segment><source>x</source><target>&lol3;</target></segment>
</unit></file></xliff>"""


@pytest.mark.parametrize("payload", [XXE, LAUGHS], ids=["external entity", "entity expansion"])
def test_entities_and_document_types_are_refused(client, data, payload):
    add_language(data.dresden, "uk")
    ident = unit_id(data.dresden.pk, "plan.goal", data.goal.pk, "title").encode()
    client.force_login(data.office)
    preview = client.get(upload(client, payload.replace(b"UNIT", ident))["Location"])
    page = preview.content.decode()
    assert preview.status_code == 400
    assert "Dokumenttyp oder Entitäten" in page
    assert "root:" not in page and "lollol" not in page
    client.post(preview.wsgi_request.path)
    data.goal.refresh_from_db()
    assert not data.goal.title.get("uk")


def test_a_file_over_the_size_limit_is_refused(client, data, monkeypatch):
    monkeypatch.setattr(services, "MAX_IMPORT_BYTES", 100)
    client.force_login(data.office)
    response = upload(client, b"x" * 101)
    assert response.status_code == 400
    assert "Die Datei ist zu groß" in response.content.decode()
    assert not TranslationImport.objects.exists()


def test_unconfirmed_files_are_dropped_after_a_week(client, data):
    from datetime import timedelta

    from django.utils import timezone

    old, recent, imported, elsewhere = (
        TranslationImport.objects.create(municipality=m, filename="f.xlf", content=b"x")
        for m in (data.dresden, data.dresden, data.dresden, data.leipzig)
    )
    TranslationImport.objects.filter(pk__in=[old.pk, imported.pk, elsewhere.pk]).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    TranslationImport.objects.filter(pk=imported.pk).update(imported_at=timezone.now())
    client.force_login(data.office)
    upload(client, b"<xliff/>")
    remaining = set(TranslationImport.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, imported.pk, elsewhere.pk} < remaining


def test_a_german_change_between_preview_and_confirmation_refuses_the_import(client, data):
    add_language(data.dresden, "uk")
    client.force_login(data.office)
    preview_path = upload(client, fill(export(client), lambda t: f"UK {t}"))["Location"]
    assert client.get(preview_path).status_code == 200
    # Meanwhile someone rewrites the measure's German title.
    measure = Measure.objects.get(pk=data.measure.pk)
    measure.title.set("de", "Sprachcafés in allen Stadtteilen")
    measure.save()
    response = client.post(preview_path)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Die Daten haben sich nach der Vorschau geändert" in page
    assert "Der deutsche Text hat sich seit dem Export geändert" in page
    data.goal.refresh_from_db()
    assert not data.goal.title.get("uk")  # its unit was fine, but nothing is imported

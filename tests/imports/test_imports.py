"""The office's imports: upload → check (worker, progress) → preview with an error per row
and column → confirmation → all-or-nothing import (worker). Re-importing a file, and
importing what was exported, changes nothing; only the office's municipality is read
and written."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from teilhabe.accounts.models import Role
from teilhabe.directory.models import Department, Organisation
from teilhabe.exports import datasets, files
from teilhabe.imports import progress, services
from teilhabe.imports.models import DataImport
from teilhabe.plan.models import FieldOfAction, Goal, Measure
from tests import factories
from tests.plan.factories import ConceptCycleFactory, MeasureFactory

HEADERS = [*datasets.MEASURES.headers, "draft"]


def measure_row(**values):
    row = {
        "field_number": "1",
        "field_title": "Sprache",
        "goal_code": "1.1",
        "goal_title": "Ziel 1.1",
        "code": "1.1.2",
        "title": "Lotsen für Familien",
        "lead_departments": "50",
    }
    row.update(values)
    return row


def csv_file(rows, headers=None):
    headers = headers or list(dict.fromkeys(key for row in rows for key in row))
    return files.as_csv(headers, [[row.get(h, "") for h in headers] for row in rows])


def checked(municipality, data, *, kind="measures", cycle=None, user=None, language="de"):
    """Upload and check ``data`` as the worker would: the upload."""
    table = services.read_upload(kind, data, "daten.csv")
    upload = services.store_upload(
        municipality,
        user or factories.UserFactory(),
        kind,
        cycle,
        "daten.csv",
        data,
        len(table.rows),
        language,
    )
    services.check(upload.pk)
    upload.refresh_from_db()
    return upload


def confirmed(upload):
    """Confirm and import a checked upload as the worker would."""
    if upload.status == DataImport.Status.CHECKED:
        services.confirm(upload.pk, upload.municipality)
        services.run_import(upload.pk)
        upload.refresh_from_db()
    return upload


def imported(municipality, data, **kwargs):
    """Upload, check, confirm and import ``data`` as the worker would: the upload."""
    return confirmed(checked(municipality, data, **kwargs))


def snapshot(cycle):
    measures = Measure.objects.filter(cycle=cycle).order_by("code")
    return [
        (
            m.code,
            m.title,
            m.description,
            m.goal_id,
            sorted(d.pk for d in m.lead_departments.all()),
            sorted(d.pk for d in m.partner_departments.all()),
            sorted(o.pk for o in m.partner_organisations.all()),
            sorted(t.code for t in m.target_groups.all()),
            m.starts_on,
            m.ends_on,
            m.budget,
            m.priority,
            m.is_draft,
        )
        for m in measures
    ] + [(g.code, g.title, g.field_id) for g in Goal.objects.filter(field__cycle=cycle)]


def test_measures_with_new_goals_and_fields_are_imported(municipality, plan):
    data = csv_file(
        [
            measure_row(),
            measure_row(
                field_number="2",
                field_title="Arbeit",
                goal_code="2.1",
                goal_title="Mehr Ausbildung",
                code="2.1.1",
                title="Ausbildungsmesse",
                lead_departments="Kulturbüro; 50",
                partner_organisations="ar",
                target_groups="youth; women",
                starts_on="15.06.2021",
                ends_on="2022-12-31",
                budget="12.500,50",
                priority="high",
            ),
        ]
    )
    upload = imported(municipality, data, cycle=plan)
    assert upload.status == "done", upload.preview
    assert upload.result == {"new": 2, "changed": 0, "unchanged": 0}
    field = FieldOfAction.objects.get(cycle=plan, number=2)
    assert (field.title.text("de"), field.municipality) == ("Arbeit", municipality)
    fair = Measure.objects.get(cycle=plan, code="2.1.1")
    assert fair.goal.code == "2.1" and fair.goal.field == field
    assert {d.name.text("de") for d in fair.lead_departments.all()} == {"Sozialamt", "Kulturbüro"}
    assert [o.slug for o in fair.partner_organisations.all()] == ["ar"]
    assert sorted(t.code for t in fair.target_groups.all()) == ["women", "youth"]
    assert (str(fair.starts_on), str(fair.ends_on), fair.budget, fair.priority) == (
        "2021-06-15",
        "2022-12-31",
        Decimal("12500.50"),
        "high",
    )
    # Measure 1.1.1, not in the file, stays as it was.
    assert Measure.objects.get(cycle=plan, code="1.1.1").title.text("de") == "Sprachcafés"
    # Leipzig's measure of the same code is untouched.
    assert Measure.objects.get(municipality__slug="leipzig").title.text("de") == "Leipzig bleibt"


def test_importing_the_same_file_again_changes_nothing(municipality, plan):
    data = csv_file([measure_row(), measure_row(code="1.1.3", title="Zweite")])
    assert imported(municipality, data, cycle=plan).result["new"] == 2
    before = snapshot(plan)
    again = imported(municipality, data, cycle=plan)
    assert again.result == {"new": 0, "changed": 0, "unchanged": 2}
    assert snapshot(plan) == before


@pytest.mark.parametrize("kind", ["organisations", "departments"])
def test_importing_the_same_directory_file_again_changes_nothing(municipality, plan, kind):
    from teilhabe.directory.models import Language

    Language.objects.get_or_create(code="uk", defaults={"name": "uk", "name_en": "uk"})
    rows = {
        "organisations": [
            {"slug": "ar", "name": "Ausländerrat Dresden e. V.", "activities": "culture"},
            {"name": "Neuer Verein", "languages": "uk", "website": "https://verein.example"},
        ],
        "departments": [
            {"number": "50", "name": "Sozialamt Dresden"},
            {"number": "", "name": "Kulturbüro", "kind": "division"},
            {"number": "61", "name": "Stadtplanungsamt", "short_name": "SPA"},
        ],
    }[kind]
    data = csv_file(rows)
    model = Organisation if kind == "organisations" else Department

    def state():
        objects = model.objects.filter(municipality=municipality).order_by("pk")
        extra = (
            [
                (o.pk, [a.pk for a in o.activities.all()], [la.pk for la in o.languages.all()])
                for o in objects
            ]
            if kind == "organisations"
            else []
        )
        return list(objects.values()), extra

    first = imported(municipality, data, kind=kind)
    assert first.status == "done" and first.result["unchanged"] == 0, first.preview
    before = state()
    again = imported(municipality, data, kind=kind)
    assert again.result == {"new": 0, "changed": 0, "unchanged": len(rows)}
    assert state() == before


def test_export_then_import_changes_nothing(client, municipality, plan, office):
    """The office's file (with drafts), the public open-data file, CSV and XLSX."""
    MeasureFactory(
        goal=Goal.objects.get(code="1.1"),
        code="1.1.5",
        title="=Formel? Nein: Text",
        description="Zeile eins\nZeile zwei",
        budget=Decimal("99.90"),
        is_draft=True,
        partner_organisations=[Organisation.objects.get(slug="ar")],
        target_groups=["women"],
        # Not a new department: the factory's number might be 50, which Dresden has.
        lead_departments=[Department.objects.get(municipality=municipality, number="50")],
    )
    before = snapshot(plan)
    client.force_login(office)
    for fmt in ("csv", "xlsx"):
        address = reverse(
            "imports:template", kwargs={"municipality": "dresden", "kind": "measures", "fmt": fmt}
        )
        content = client.get(address + "?cycle=ik").content
        upload = imported(municipality, content, cycle=plan)
        assert upload.result == {"new": 0, "changed": 0, "unchanged": 2}, upload.preview
        assert snapshot(plan) == before
    public = client.get(
        reverse(
            "exports:dataset",
            kwargs={"municipality": "dresden", "dataset": "massnahmen", "fmt": "csv"},
        )
    ).content
    assert imported(municipality, public, cycle=plan).result["unchanged"] == 1
    for kind in ("organisations", "departments"):
        address = reverse(
            "imports:template", kwargs={"municipality": "dresden", "kind": kind, "fmt": "xlsx"}
        )
        upload = imported(municipality, client.get(address).content, kind=kind)
        assert upload.status == "done" and not upload.result["new"], upload.preview
        assert not upload.result["changed"]
    assert snapshot(plan) == before


def test_every_error_is_shown_per_row_and_column_and_nothing_is_imported(municipality, plan):
    data = csv_file(
        [
            measure_row(),  # fine on its own
            measure_row(code="1.1.3", lead_departments="99", starts_on="31.02.2021"),
            measure_row(code="1.1.4", title="", partner_organisations="leipziger-verein"),
            measure_row(code="1.1.2", budget="-5", priority="dringend"),
            measure_row(code="1.1.6", field_title="Sprache und Bildung", cycle="anderer"),
        ],
        headers=[*measure_row(), "partner_organisations", "starts_on", "budget", "priority"]
        + ["cycle"],
    )
    upload = imported(municipality, data, cycle=plan)
    assert upload.status == "refused"
    with translation.override("de"):
        errors = {
            (row["line"], error["column"]): error["message"]
            for row in upload.error_rows
            for error in row["errors"]
        }
    assert errors == {
        (3, "lead_departments"): "Dresden hat kein Amt „99“.",
        (3, "starts_on"): "Hier wird ein Datum gebraucht, z. B. 2021-06-15 oder 15.06.2021.",
        (4, "title"): "Diese Spalte darf nicht leer sein.",
        (4, "partner_organisations"): (
            "Das Verzeichnis von Dresden hat keine Organisation „leipziger-verein“."
        ),
        (5, "budget"): "Der Betrag muss zwischen 0 und 9999999999 liegen.",
        (5, "code"): "Die Kennung 1.1.2 steht schon in Zeile 2.",
        (5, "priority"): "Unbekannter Wert „dringend“; erlaubt: high, medium, low.",
        (6, "cycle"): "Diese Zeile gehört zum Zyklus „anderer“; der Import ist für „ik“.",
        (6, "field_title"): "Zeile 2 gibt ihm einen anderen Titel: „Sprache“.",
    }
    assert upload.preview["counts"] == {"new": 1, "changed": 0, "unchanged": 0, "error": 4}
    assert not Measure.objects.filter(cycle=plan, code="1.1.2").exists()
    with pytest.raises(services.NotConfirmable):
        services.confirm(upload.pk, municipality)


def test_the_preview_shows_the_errors_in_the_readers_language(client, municipality, plan, office):
    """Kept untranslated: one preview, read in English and in German (the uploader's
    language does not matter)."""
    data = csv_file([measure_row(lead_departments="99", starts_on="31.02.2021")])
    upload = imported(municipality, data, cycle=plan, language="de")
    client.force_login(office)
    pages = {}
    for language in ("en", "de"):
        with translation.override(language):
            address = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
        response = client.get(address)
        assert response.status_code == 400
        pages[language] = response.content.decode()
    english, german = pages["en"], pages["de"]
    for page in (english, german):
        assert '<code dir="ltr">lead_departments</code>' in page
        assert '<code dir="ltr">starts_on</code>' in page
    assert "Dresden has no department “99”." in english
    assert "A date is needed here, e.g. 2021-06-15 or 15.06.2021." in english
    assert "Correct the 1 row listed below" in english
    assert "Dresden hat kein Amt „99“." in german
    assert "Hier wird ein Datum gebraucht, z. B. 2021-06-15 oder 15.06.2021." in german
    assert "Dresden has no department" not in german
    assert "Dresden hat kein Amt" not in english


def test_a_change_between_preview_and_import_refuses_the_whole_file(municipality, plan):
    data = csv_file([measure_row(), measure_row(code="1.1.3", lead_departments="Kulturbüro")])
    table = services.read_upload("measures", data)
    upload = services.store_upload(
        municipality, factories.UserFactory(), "measures", plan, "f.csv", data, 2, "de"
    )
    services.check(upload.pk)
    Department.objects.get(name__de="Kulturbüro").delete()  # after the preview
    services.confirm(upload.pk, municipality)
    services.run_import(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, len(table.rows)) == ("refused", 2)
    with translation.override("de"):
        assert (
            upload.refusal
            == "Die Daten haben sich seit der Prüfung geändert; nichts wurde importiert."
        )
    with translation.override("en"):
        assert upload.refusal == "The data changed since the check; nothing was imported."
    assert bytes(upload.content) == b""  # never to be imported: the file is deleted
    assert not Measure.objects.filter(cycle=plan, code__in=["1.1.2", "1.1.3"]).exists()


def test_existing_measures_change_and_say_which_columns(municipality, plan):
    data = csv_file([measure_row(code="1.1.1", title="Sprachcafés überall", budget="100")])
    upload = checked(municipality, data, cycle=plan)
    assert upload.preview["changes"][0]["changes"] == ["title", "budget"]
    upload = confirmed(upload)
    assert upload.result == {"new": 0, "changed": 1, "unchanged": 0}
    measure = Measure.objects.get(cycle=plan, code="1.1.1")
    assert measure.title.text("de") == "Sprachcafés überall"
    assert measure.budget == Decimal("100.00")
    # A goal's title changes with the file too.
    data = csv_file([measure_row(code="1.1.1", goal_title="Sprache für alle")])
    upload = checked(municipality, data, cycle=plan)
    assert upload.preview["changes"][0]["changes"] == ["goal_title", "title"]
    confirmed(upload)
    assert Goal.objects.get(field__cycle=plan, code="1.1").title.text("de") == "Sprache für alle"


def test_organisations_match_by_slug_or_name_and_departments_by_number_or_name(municipality, plan):
    organisations = csv_file(
        [
            {"slug": "ar", "name": "Ausländerrat Dresden e. V.", "activities": "culture"},
            {"slug": "", "name": "Neuer Verein", "activities": "", "languages": "ar; uk"},
        ],
        headers=["slug", "name", "activities", "languages"],
    )
    from teilhabe.directory.models import Language

    for code in ("ar", "uk"):
        Language.objects.get_or_create(code=code, defaults={"name": code, "name_en": code})
    upload = imported(municipality, organisations, kind="organisations")
    assert upload.result == {"new": 1, "changed": 1, "unchanged": 0}, upload.preview
    assert Organisation.objects.get(slug="ar").name == "Ausländerrat Dresden e. V."
    new = Organisation.objects.get(municipality=municipality, name="Neuer Verein")
    assert new.slug == "neuer-verein"
    assert sorted(language.code for language in new.languages.all()) == ["ar", "uk"]
    # Again, matched by name now: no change.
    assert imported(municipality, organisations, kind="organisations").result["unchanged"] == 2
    departments = csv_file(
        [
            {"number": "50", "name": "Sozialamt Dresden", "kind": "office"},
            {"number": "", "name": "Kulturbüro", "kind": "division"},
            {"number": "99", "name": "Neues Amt", "kind": ""},
        ]
    )
    upload = imported(municipality, departments, kind="departments")
    assert upload.result == {"new": 1, "changed": 2, "unchanged": 0}, upload.preview
    assert Department.objects.get(municipality=municipality, number="99").kind == "office"
    # Leipzig's department 99 is another one.
    assert Department.objects.filter(number="99").count() == 2


def test_the_check_reports_its_progress(municipality, plan, monkeypatch):
    seen = []
    update = DataImport.objects.filter

    def spy(*args, **kwargs):
        queryset = update(*args, **kwargs)
        original = queryset.update

        def recording(**fields):
            if "rows_checked" in fields and "status" not in fields:
                seen.append(fields["rows_checked"])
            return original(**fields)

        queryset.update = recording
        return queryset

    monkeypatch.setattr(DataImport.objects, "filter", spy)
    rows = [measure_row(code=f"1.1.{n}", title=f"M {n}") for n in range(2, 202)]
    upload = imported(municipality, csv_file(rows), cycle=plan)
    assert upload.result["new"] == 200
    assert seen == list(range(4, 201, 4))  # 50 steps


def test_the_check_runs_a_fixed_number_of_queries(municipality, plan, django_assert_num_queries):
    from teilhabe.imports.kinds import KINDS

    def queries(rows):
        data = csv_file(
            [
                measure_row(code=f"1.1.{n}", lead_departments="50; Kulturbüro")
                for n in range(2, 2 + rows)
            ]
        )
        table = services.read_upload("measures", data)
        upload = DataImport(kind="measures", cycle=plan, municipality=municipality)
        with django_assert_num_queries(10):
            state = KINDS["measures"].load(municipality, plan)
            services.check_rows(upload, table, state)

    queries(2)
    queries(60)


def test_the_import_page_runs_a_fixed_number_of_queries(client, municipality, plan, office):
    """However many rows the preview lists, and while an import runs with its progress."""
    client.force_login(office)

    def queries(upload):
        page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
        client.get(page)  # the session and the user's roles, once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page)
        return len(captured), response.content.decode()

    def refused(rows):
        data = csv_file([measure_row(code=f"1.1.{n}", lead_departments="99") for n in range(rows)])
        return checked(municipality, data, cycle=plan)

    few, _page = queries(refused(2))
    many, page = queries(refused(60))
    assert few == many and page.count("Dresden hat kein Amt „99“.") == 60
    running = checked(municipality, csv_file([measure_row()]), cycle=plan)
    services.confirm(running.pk, municipality)
    running.refresh_from_db()
    progress.report(running, progress.WRITING, 1, 2)
    count, page = queries(running)
    assert "Die neuen und geänderten Zeilen werden gespeichert: 1 von 2." in page
    assert count == few  # the progress is no query
    progress.forget(running)


def test_imports_belong_to_the_office_of_their_municipality(
    client, municipality, other_municipality, plan, office
):
    upload = imported(municipality, csv_file([measure_row(lead_departments="99")]), cycle=plan)
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
    upload_page = reverse("imports:upload", kwargs={"municipality": "dresden"})
    assert client.get(page).status_code == 302  # to the log-in
    for kind in (Role.Kind.DEPARTMENT_EDITOR, Role.Kind.MODERATOR):
        client.force_login(factories.RoleFactory(municipality=municipality, kind=kind).user)
        assert client.get(page).status_code == 403
        assert client.get(upload_page).status_code == 403
    leipzig_office = factories.RoleFactory(municipality=other_municipality).user
    client.force_login(leipzig_office)
    assert client.get(page).status_code == 403
    leipzig_page = reverse("imports:import", kwargs={"municipality": "leipzig", "pk": upload.pk})
    assert client.get(leipzig_page).status_code == 404
    assert client.post(leipzig_page).status_code == 404
    # Leipzig's office cannot choose Dresden's cycle.
    response = client.post(
        reverse("imports:upload", kwargs={"municipality": "leipzig"}),
        {
            "kind": "measures",
            "cycle": plan.pk,
            "file": SimpleUploadedFile("m.csv", csv_file([measure_row()])),
        },
    )
    assert response.status_code == 400
    assert "cycle" in response.context["form"].errors
    assert DataImport.objects.filter(municipality=other_municipality).count() == 0


def test_the_upload_form_refuses_bad_files_in_the_users_language(client, plan, office):
    client.force_login(office)
    with translation.override("en"):
        address = reverse("imports:upload", kwargs={"municipality": "dresden"})
    response = client.post(
        address,
        {
            "kind": "measures",
            "cycle": plan.pk,
            "file": SimpleUploadedFile("m.csv", "code;colour\r\n1;red\r\n".encode("utf-16")),
        },
    )
    assert response.status_code == 400
    assert "The file is in UTF-16" in response.content.decode()
    assert DataImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_upload_preview_confirm_and_import_through_the_pages_and_the_worker(
    client, municipality, plan, office
):
    client.force_login(office)
    address = reverse("imports:upload", kwargs={"municipality": "dresden"})
    form = client.get(address + "?kind=measures&cycle=ik")
    assert form.status_code == 200
    assert 'value="measures" id="id_kind_0" required checked' in form.content.decode()
    data = csv_file([measure_row(), measure_row(code="1.1.3", title="Zweite")])
    response = client.post(
        address,
        {"kind": "measures", "cycle": plan.pk, "file": SimpleUploadedFile("m.csv", data)},
    )
    upload = DataImport.objects.get()
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
    assert response["Location"] == page
    waiting = client.get(page)
    assert "Die Zeilen werden geprüft: 0 von 2." in waiting.content.decode()
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert client.get(page, headers={"HX-Request": "true"}).status_code == 200
    call_command("worker", batch=True, interval=0, verbosity=0)
    settled = client.get(page, headers={"HX-Request": "true"})
    assert settled.status_code == 286
    assert "2 neu, 0 geändert, 0 unverändert" in settled.content.decode()
    assert not Measure.objects.filter(code="1.1.3").exists()  # nothing before confirming
    assert client.post(page).status_code == 302
    assert client.post(page).status_code == 302  # twice: imported once
    assert DBTaskResult.objects.filter(task_path__endswith="run_import").count() == 1
    call_command("worker", batch=True, interval=0, verbosity=0)
    done = client.get(page).content.decode()
    assert "Importiert: 2 neu, 0 geändert, 0 unverändert." in done
    assert Measure.objects.filter(cycle=plan, code__in=["1.1.2", "1.1.3"]).count() == 2


def test_a_check_that_breaks_is_shown_as_failed_and_a_foreign_cycle_is_refused(
    municipality, other_municipality, plan, monkeypatch
):
    from teilhabe.imports.kinds import MeasureKind

    data = csv_file([measure_row()])

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(MeasureKind, "load", broken)
    upload = services.store_upload(
        municipality, factories.UserFactory(), "measures", plan, "m.csv", data, 1, "de"
    )
    with pytest.raises(RuntimeError):
        services.check(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, upload.error) == ("failed", "RuntimeError: database gone")
    foreign = ConceptCycleFactory(municipality=other_municipality, slug="fremd")
    with pytest.raises(ValueError):
        services.store_upload(
            municipality, factories.UserFactory(), "measures", foreign, "m.csv", data, 1, "de"
        )


def test_an_import_that_breaks_half_way_writes_nothing_and_shows_why(
    client, municipality, plan, office, monkeypatch
):
    from teilhabe.imports.kinds import MeasureKind

    write = MeasureKind._write_measure
    calls = []

    def breaking(self, check, state):
        calls.append(check.line)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return write(self, check, state)

    monkeypatch.setattr(MeasureKind, "_write_measure", breaking)
    rows = [measure_row(code=f"1.1.{n}", title=f"M {n}") for n in range(2, 7)]
    upload = checked(municipality, csv_file(rows), cycle=plan)
    services.confirm(upload.pk, municipality)
    with pytest.raises(RuntimeError):
        services.run_import(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, upload.error, bytes(upload.content)) == (
        "failed",
        "RuntimeError: disk full",
        b"",
    )
    assert len(calls) == 3  # two measures were saved, then rolled back
    assert not Measure.objects.filter(cycle=plan).exclude(code="1.1.1").exists()
    client.force_login(office)
    page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
    shown = client.get(page).content.decode()
    assert "Der Import ist fehlgeschlagen. Nichts wurde geändert" in shown
    assert "RuntimeError: disk full" in shown

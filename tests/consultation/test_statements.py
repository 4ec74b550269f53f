"""Statements and position papers: a representative writes one for their organisation
with co-signers, document and demands, hands it in (then it is public); the office
enters one from a letter; who may do what, role by role; bad input saves nothing."""

from datetime import date

import pytest
from django.urls import reverse

from teilhabe.consultation.models import Demand, Statement, StatementFile
from tests.plan.factories import ConceptCycleFactory, FieldOfActionFactory

from .factories import (
    PDF_BYTES,
    StatementFactory,
    StatementFileFactory,
    docx_bytes,
    make_demand,
    pdf_upload,
)
from .office_fixtures import office_world  # noqa: F401


def url(name, **kwargs):
    return reverse(f"consultation:{name}", kwargs={"municipality": "dresden", **kwargs})


def form_data(world, **more):
    data = {
        "kind": "position_paper",
        "title_de": "Positionspapier des DSM",
        "organisation": world.dsm.pk,
        "cosigners": [world.cosigner.pk],
        "submitted_on": "2021-03-17",
        "basis_de": "Interviews mit 20 Organisationen, November 2020 bis Februar 2021",
        "summary_de": "Was die Vereine brauchen.",
        "cycle": world.cycle.pk,
        "demands-TOTAL_FORMS": "3",
        "demands-INITIAL_FORMS": "0",
        "demands-0-text": "Mehr Sprachkurse für Erwachsene.",
        "demands-0-fields": [world.field.pk],
        "demands-1-text": "Räume für Vereine.",
    }
    data.update(more)
    return data


def test_representative_writes_a_draft_and_hands_it_in(client, world):
    client.force_login(world.representative)
    data = form_data(world, document=pdf_upload("positionspapier.pdf"))
    response = client.post(url("statement_create"), data)
    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("statement_hand_in", pk=statement.pk)
    assert statement.status == Statement.Status.DRAFT
    assert not statement.entered_by_office
    assert set(statement.organisations.all()) == {world.dsm, world.cosigner}
    assert statement.basis.text("de").startswith("Interviews mit 20")
    assert statement.document.original_name == "positionspapier.pdf"
    demands = list(Demand.objects.filter(statement=statement).order_by("number"))
    assert [d.text.text("de") for d in demands] == [
        "Mehr Sprachkurse für Erwachsene.",
        "Räume für Vereine.",
    ]
    assert list(demands[0].fields.all()) == [world.field]
    # A draft is not public.
    client.logout()
    assert client.get(url("statement", pk=statement.pk)).status_code == 404
    assert client.get(url("statement_document", pk=statement.pk)).status_code == 404
    # The confirmation step, then handing in.
    client.force_login(world.representative)
    page = client.get(url("statement_hand_in", pk=statement.pk))
    assert 'id="what-happens"' in page.content.decode()
    assert Statement.objects.get().status == Statement.Status.DRAFT
    response = client.post(url("statement_hand_in", pk=statement.pk))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SUBMITTED
    assert statement.submitted_by == world.representative
    client.logout()
    page = client.get(url("statement", pk=statement.pk)).content.decode()
    assert "Dachverband DSM" in page and "Kulturverein" in page
    assert "Interviews mit 20 Organisationen" in page
    assert "Mehr Sprachkurse für Erwachsene." in page
    assert url("statement_document", pk=statement.pk) in page
    download = client.get(url("statement_document", pk=statement.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "positionspapier.pdf" in download["Content-Disposition"]


def test_after_handing_in_only_the_office_changes_it(client, world):
    statement = StatementFactory(cycle=world.cycle, organisations=[world.dsm])
    client.force_login(world.representative)
    assert client.get(url("statement_edit", pk=statement.pk)).status_code == 403
    client.force_login(world.office)
    response = client.post(
        url("statement_edit", pk=statement.pk),
        form_data(world, title_de="Neuer Titel", **{"demands-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.title.text("de") == "Neuer Titel"


def test_the_office_enters_a_statement_from_a_letter(client, world):
    client.force_login(world.office)
    response = client.post(
        url("statement_create"), form_data(world, organisation=world.other_org.pk)
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.entered_by_office
    assert world.other_org in statement.organisations.all()


def test_editing_a_draft_changes_adds_and_removes_demands(client, world):
    statement = StatementFactory(
        cycle=world.cycle, organisations=[world.dsm], status=Statement.Status.DRAFT
    )
    first = make_demand(statement=statement, text="Alt eins")
    second = make_demand(statement=statement, text="Alt zwei")
    client.force_login(world.representative)
    page = client.get(url("statement_edit", pk=statement.pk)).content.decode()
    assert "Alt eins" in page
    data = form_data(
        world,
        **{
            "demands-TOTAL_FORMS": "3",
            "demands-INITIAL_FORMS": "2",
            "demands-0-demand": first.pk,
            "demands-0-text": "Neu eins",
            "demands-1-demand": second.pk,
            "demands-1-text": "",
            "demands-2-text": "Ganz neu",
        },
    )
    assert client.post(url("statement_edit", pk=statement.pk), data).status_code == 302
    texts = sorted(d.text.text("de") for d in Demand.objects.filter(statement=statement))
    assert texts == ["Ganz neu", "Neu eins"]


@pytest.mark.parametrize(
    "change",
    [
        {"organisation": "other_org"},  # not theirs
        {"organisation": "foreign_org"},
        {"cosigners": "hidden"},  # not published
        {"cosigners": "foreign_org"},
        {"cycle": "foreign_cycle"},
        {"demands-0-fields": "foreign_field"},
        {"title_de": ""},
    ],
)
def test_bad_input_saves_nothing(client, world, change):
    client.force_login(world.representative)
    ((name, value),) = change.items()
    value = getattr(world, value).pk if hasattr(world, str(value)) else value
    response = client.post(url("statement_create"), form_data(world, **{name: value}))
    assert response.status_code == 400
    assert 'id="form-errors"' in response.content.decode()
    assert not Statement.objects.exists() and not Demand.objects.exists()


def test_a_field_of_another_cycle_is_refused_on_its_row(client, world):
    other_field = FieldOfActionFactory(
        cycle=ConceptCycleFactory(municipality=world.municipality), number=7
    )
    client.force_login(world.representative)
    response = client.post(
        url("statement_create"), form_data(world, **{"demands-1-fields": [other_field.pk]})
    )
    assert response.status_code == 400
    assert "Wählen Sie Handlungsfelder der Konzeptperiode der Stellungnahme." in (
        response.content.decode()
    )
    assert not Statement.objects.exists() and not Demand.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: pdf_upload("brief.exe", PDF_BYTES), "PDF"),
        (lambda: pdf_upload("brief.pdf", b"MZ not a pdf"), "PDF"),
        (lambda: pdf_upload("brief.docx", b"%PDF-1.4 no zip"), "Word"),
    ],
)
def test_upload_errors_are_clear_and_save_nothing(client, world, upload, message):
    client.force_login(world.representative)
    response = client.post(url("statement_create"), form_data(world, document=upload()))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Statement.objects.exists() and not StatementFile.objects.exists()


def test_too_large_upload_is_refused(client, world, settings):
    settings.TEILHABE_UPLOAD_MAX_BYTES = 10
    client.force_login(world.representative)
    response = client.post(url("statement_create"), form_data(world, document=pdf_upload()))
    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_a_docx_is_taken(client, world):
    client.force_login(world.representative)
    upload = pdf_upload("brief.docx", docx_bytes())
    assert (
        client.post(url("statement_create"), form_data(world, document=upload)).status_code == 302
    )
    assert StatementFile.objects.get().content_type.endswith("document")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("other_representative", 403),
        ("moderator", 403),
        ("editor", 403),
        ("foreign_office", 403),
    ],
)
def test_who_may_not_change_a_draft(client, world, who, status):
    statement = StatementFactory(
        cycle=world.cycle, organisations=[world.dsm], status=Statement.Status.DRAFT
    )
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for name in ("statement_edit", "statement_hand_in"):
        assert client.get(url(name, pk=statement.pk)).status_code == status
        assert client.post(url(name, pk=statement.pk), form_data(world)).status_code == status
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT
    assert statement.title.text("de") != "Positionspapier des DSM"
    if who in ("moderator", "editor"):
        assert client.get(url("statement_create")).status_code == 403
    assert client.get(url("statement", pk=statement.pk)).status_code == 404
    assert client.get(url("statement_document", pk=statement.pk)).status_code == 404


def test_another_municipalitys_statement_is_not_found(client, world):
    foreign = StatementFactory(cycle=world.foreign_cycle, status=Statement.Status.DRAFT)
    StatementFileFactory(statement=foreign)
    client.force_login(world.office)
    for name in ("statement", "statement_edit", "statement_hand_in", "statement_document"):
        assert client.get(url(name, pk=foreign.pk)).status_code == 404
    assert client.post(url("statement_hand_in", pk=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Statement.Status.DRAFT


def test_the_office_sees_a_draft_and_its_document(client, world):
    statement = StatementFactory(
        cycle=world.cycle, organisations=[world.dsm], status=Statement.Status.DRAFT
    )
    StatementFileFactory(statement=statement)
    client.force_login(world.office)
    assert "Positionspapier" in client.get(url("statement", pk=statement.pk)).content.decode()
    assert client.get(url("statement_document", pk=statement.pk)).status_code == 200
    assert statement.submitted_on == date(2021, 3, 17)


def test_a_representative_names_no_organisation_they_do_not_represent(client, world):
    """Nobody puts another organisation's name under a statement; the office enters
    statements that organisations signed together (e.g. from a letter)."""
    client.force_login(world.representative)
    response = client.post(
        url("statement_create"), form_data(world, cosigners=[world.other_org.pk])
    )
    assert response.status_code == 400
    assert not Statement.objects.exists()
    client.force_login(world.office)
    response = client.post(
        url("statement_create"), form_data(world, cosigners=[world.other_org.pk])
    )
    assert response.status_code == 302
    assert world.other_org in Statement.objects.get().organisations.all()


def test_a_new_document_replaces_the_old_file_in_storage(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.representative)
    client.post(url("statement_create"), form_data(world, document=pdf_upload("alt.pdf")))
    statement = Statement.objects.get()
    old = statement.document.file.name
    storage = statement.document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("statement_edit", pk=statement.pk),
            form_data(world, document=pdf_upload("neu.pdf"), **{"demands-TOTAL_FORMS": "0"}),
        )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.document.original_name == "neu.pdf"
    assert storage.exists(statement.document.file.name)
    assert not storage.exists(old)


def test_a_refused_statement_leaves_no_uploaded_file_behind(world):
    from teilhabe.consultation import statements
    from teilhabe.consultation.services import ConsultationError

    statement = Statement(
        municipality=world.municipality,
        cycle=world.cycle,
        kind=Statement.Kind.POSITION_PAPER,
        title="Papier",
        submitted_on=date(2021, 3, 17),
    )
    before = set(StatementFile._meta.get_field("file").storage.listdir("consultation")[1])
    with pytest.raises(ConsultationError):
        statements.save_statement(
            statement,
            user=None,
            organisations=[world.dsm],
            upload=pdf_upload(),
            demands=[(None, "Forderung", [world.foreign_field])],
            office=True,
        )
    after = set(StatementFile._meta.get_field("file").storage.listdir("consultation")[1])
    assert after == before
    assert not Statement.objects.exists()


def test_the_cycle_of_a_statement_with_demands_cannot_change(client, world):
    statement = StatementFactory(
        cycle=world.cycle, organisations=[world.dsm], status=Statement.Status.DRAFT
    )
    make_demand(statement=statement, text="Alt eins")
    later = ConceptCycleFactory(municipality=world.municipality, slug="ik-2027")
    client.force_login(world.office)
    response = client.post(
        url("statement_edit", pk=statement.pk),
        form_data(world, cycle=later.pk, **{"demands-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 400
    assert "Die Forderungen der Stellungnahme sind darin nummeriert." in response.content.decode()
    statement.refresh_from_db()
    assert statement.cycle == world.cycle


def test_a_statement_moved_to_another_consultation_takes_its_demands(client, world):
    from .factories import ConsultationFactory

    first = ConsultationFactory(cycle=world.cycle, slug="erste")
    second = ConsultationFactory(cycle=world.cycle, slug="zweite")
    statement = StatementFactory(
        cycle=world.cycle, consultation=first, organisations=[world.dsm], status="draft"
    )
    demand = make_demand(statement=statement, text="Forderung")
    client.force_login(world.office)
    response = client.post(
        url("statement_edit", pk=statement.pk),
        form_data(world, consultation=second.pk, **{"demands-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.consultation == second


@pytest.mark.django_db(transaction=True)
def test_a_statement_saved_while_the_office_splits_it_neither_waits_forever_nor_fails(
    municipality, monkeypatch
):
    """The split holds the cycle's lock and then adds demands that reference the
    statement; saving the statement holds its lock and then numbers a new demand under
    the cycle's lock. The statement's lock lets references through (NO KEY), so the two
    finish one after the other instead of deadlocking. The pause after taking the
    cycle's lock makes the split hold it while the save takes the statement's."""
    import time

    from django.db import connection

    from teilhabe.consultation import services, statements
    from tests.simultaneous import run_at_once

    cycle = ConceptCycleFactory(municipality=municipality)
    from tests.factories import OrganisationFactory

    dsm = OrganisationFactory(municipality=municipality)
    statement = StatementFactory(cycle=cycle, organisations=[dsm], status="draft")
    lock_cycle = services.lock_cycle

    def slow_lock(c):
        locked = lock_cycle(c)
        time.sleep(0.5)
        return locked

    monkeypatch.setattr(services, "lock_cycle", slow_lock)

    def split():
        try:
            services.add_demands(cycle=cycle, texts=["Eins", "Zwei"], statement=statement)
        finally:
            connection.close()

    def save():
        time.sleep(0.1)  # after the split took the cycle's lock
        try:
            copy = Statement.objects.get(pk=statement.pk)
            statements.save_statement(
                copy, user=None, organisations=[dsm], demands=[(None, "Drei", [])], office=True
            )
        finally:
            connection.close()

    run_at_once([split, save])
    texts = sorted(d.text.text("de") for d in Demand.objects.filter(statement=statement))
    assert texts == ["Drei", "Eins", "Zwei"]

"""Uploaded documents: only PDF and DOCX that are what their name says, bounded in
size; stored under a random name; sent as a download that no browser renders."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from teilhabe.consultation import documents
from teilhabe.consultation.models import DraftFile

from .factories import PDF_BYTES, DraftFactory, docx_bytes, pdf_upload


def docx_of_a_zip_version_nobody_reads():
    """A Word file whose archive says it needs ZIP 8.0 to open: zipfile raises
    NotImplementedError, which must be a refusal, not a 500."""
    content = bytearray(docx_bytes())
    central = content.find(b"PK\x01\x02")
    content[central + 6] = 80
    return bytes(content)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("Entwurf.PDF", PDF_BYTES, documents.PDF),
        ("entwurf.docx", docx_bytes(), documents.DOCX),
    ],
)
def test_pdf_and_docx_pass_with_their_type(name, content, expected):
    assert documents.check_document(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("entwurf.pdf", docx_bytes(), "type_mismatch"),
        ("entwurf.docx", PDF_BYTES, "type_mismatch"),
        ("entwurf.docx", b"PK\x03\x04 not really a zip", "type_mismatch"),
        ("entwurf.docx", docx_of_a_zip_version_nobody_reads(), "type_mismatch"),
        ("entwurf.pdf", b"<script>alert(1)</script>", "type_mismatch"),
        ("entwurf.html", b"<html></html>", "type_not_allowed"),
        ("entwurf", PDF_BYTES, "type_not_allowed"),
        ("entwurf.pdf.exe", PDF_BYTES, "type_not_allowed"),
    ],
)
def test_anything_else_is_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as refused:
        documents.check_document(upload(name, content))
    assert refused.value.code == code


@override_settings(TEILHABE_UPLOAD_MAX_BYTES=len(PDF_BYTES) - 1)
def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ValidationError) as refused:
        documents.check_document(pdf_upload())
    assert refused.value.code == "too_large"


@override_settings(TEILHABE_UPLOAD_MAX_BYTES=len(PDF_BYTES))
def test_a_file_of_exactly_the_limit_passes():
    assert documents.check_document(pdf_upload()) == documents.PDF


def test_stored_under_a_random_name_and_sent_as_a_download(db):
    draft = DraftFactory()
    stored = documents.store(
        DraftFile(draft=draft, language="de"), pdf_upload("../../Entwurf <1>.pdf")
    )
    stored.save()
    assert stored.original_name == "Entwurf <1>.pdf"
    assert "Entwurf" not in stored.file.name
    assert stored.file.name.startswith("consultation/")
    assert (stored.content_type, stored.size) == (documents.PDF, len(PDF_BYTES))

    response = documents.document_response(stored)
    assert response["Content-Type"] == documents.PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_one_languages_file_at_once_leave_one_file(municipality, monkeypatch):
    """Both succeed in turn (the draft's lock): one row, and only its file is stored.
    Each upload pauses between removing the old row and saving its own, so that without
    the lock both would insert (and one would hit the unique constraint)."""
    import time

    from django.db import connection

    from teilhabe.consultation.drafts import store_draft_file
    from tests.plan.factories import ConceptCycleFactory
    from tests.simultaneous import run_at_once

    from .factories import ConsultationFactory

    cycle = ConceptCycleFactory(municipality=municipality)
    draft = DraftFactory(consultation=ConsultationFactory(cycle=cycle), version=1)

    def store(name):
        def run():
            try:
                return store_draft_file(draft, "de", pdf_upload(name))
            finally:
                connection.close()

        return run

    save = DraftFile.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(DraftFile, "save", slow_save)
    results = run_at_once([store("a.pdf"), store("b.pdf")])
    (kept,) = DraftFile.objects.filter(draft=draft)
    assert kept.original_name in {"a.pdf", "b.pdf"}
    storage = kept.file.storage
    assert [storage.exists(r.file.name) for r in results].count(True) == 1
    assert storage.exists(kept.file.name)

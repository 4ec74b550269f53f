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

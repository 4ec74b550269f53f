"""Uploaded documents (drafts' original files, statements): checked, stored, served.

A document is a PDF or a Word file (DOCX). The declared type (the file name's ending)
must match what the file is (its first bytes: ``%PDF-`` for PDF; for DOCX a ZIP with
``word/document.xml`` inside), and it must not be larger than
``TEILHABE_UPLOAD_MAX_BYTES``. It is stored under a random name (``upload_path``)
outside the static files, and sent only through ``document_response``: as a download
with its original name, its checked type and ``nosniff``, so no browser renders an
upload as a page of ours."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {".pdf": PDF, ".docx": DOCX}


def max_bytes():
    return settings.TEILHABE_UPLOAD_MAX_BYTES


def _is_pdf(upload):
    upload.seek(0)
    return upload.read(5) == b"%PDF-"


def _is_docx(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        # NotImplementedError: a version or compression zipfile does not read;
        # RuntimeError: an encrypted archive. Neither is a Word file we accept.
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


CHECKS = {PDF: _is_pdf, DOCX: _is_docx}


def check_document(upload):
    """The content type of ``upload`` (a Django ``UploadedFile``) if it is an allowed
    document, else ValidationError with a reason the uploader understands."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s are allowed.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            code="too_large",
        )
    ending = PurePath(upload.name or "").suffix.lower()
    content_type = TYPES.get(ending)
    if content_type is None:
        raise ValidationError(
            _("Only PDF and Word (DOCX) files are allowed."), code="type_not_allowed"
        )
    try:
        matches = CHECKS[content_type](upload)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _("The file is not the %(kind)s file its name says it is.")
            % {"kind": "PDF" if content_type == PDF else "Word (DOCX)"},
            code="type_mismatch",
        )
    return content_type


def store(instance, upload):
    """Put the checked ``upload`` on ``instance`` (an ``UploadedFile`` row, not saved
    yet): the file under a random name, its type, size and original name."""
    instance.content_type = check_document(upload)
    instance.size = upload.size
    instance.original_name = PurePath(upload.name).name[:200]
    instance.file.save("upload", upload, save=False)
    return instance


def document_response(document):
    """The file of ``document`` as a download, with the headers that keep it one."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

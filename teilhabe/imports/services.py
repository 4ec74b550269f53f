"""The office's imports: upload, check (with progress), confirmation and the import, all
or nothing.

- ``read_upload`` reads the file and its first row in the request: a file that cannot be
  read, or names unknown columns or misses required ones, is refused on the form and
  nothing is stored.
- ``store_upload`` keeps the file and enqueues ``tasks.check_import`` in the same
  transaction. The worker checks each row (``check``), counting ``rows_checked`` as it
  goes (committed every few rows, so the page shows the progress), and stores the
  preview: per row what happens (new, changed with the columns, unchanged) or its errors
  per column, in the uploader's language.
- ``confirm`` (the office's button) marks a checked file for import and enqueues
  ``tasks.run_import``; confirming twice enqueues once (the import's row lock).
- ``run_import`` imports in one transaction. It first locks the municipality's row: two
  imports of one municipality run one after the other, so the second sees what the first
  wrote and, for the same file, changes nothing. Under that lock it reads and locks the
  rows it may write, checks every row again (the data may have changed since the
  preview) and writes only if no row has an error; otherwise nothing is written and the
  new errors are shown.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.tenants.models import Municipality
from teilhabe.worker.services import enqueue

from .kinds import CHANGED, ERROR, KINDS, NEW, UNCHANGED, RowCheck
from .models import DataImport
from .reading import FileRefused, read_table

logger = logging.getLogger(__name__)

Status = DataImport.Status
PREVIEW_ROWS = 500  # rows of errors and changes kept for the preview page
PROGRESS_STEPS = 50  # the check reports its progress this many times


class NotConfirmable(Exception):
    pass


def read_upload(kind, data, filename=""):
    """The table in an uploaded file, or ``FileRefused`` with the reason: the file, or
    its columns (unknown, missing required)."""
    table = read_table(data, filename)
    check_headers(KINDS[kind], table.headers)
    return table


def check_headers(kind, headers):
    unknown = [name for name in headers if name not in kind.columns]
    if unknown:
        raise FileRefused(
            ngettext(
                "Unknown column: %(unknown)s. Known columns: %(known)s.",
                "Unknown columns: %(unknown)s. Known columns: %(known)s.",
                len(unknown),
            )
            % {"unknown": ", ".join(unknown), "known": ", ".join(kind.columns)}
        )
    missing = [name for name in kind.columns if name in kind.required and name not in headers]
    if missing:
        raise FileRefused(
            ngettext(
                "The required column %(missing)s is missing.",
                "The required columns %(missing)s are missing.",
                len(missing),
            )
            % {"missing": ", ".join(missing)}
        )


def store_upload(municipality, user, kind, cycle, filename, data, rows, language):
    """Keep a file read by ``read_upload`` and have the worker check it."""
    if cycle is not None and cycle.municipality_id != municipality.pk:
        raise ValueError("The cycle belongs to another municipality.")
    with transaction.atomic():
        upload = DataImport.objects.create(
            municipality=municipality,
            kind=kind,
            cycle=cycle if kind == DataImport.Kind.MEASURES else None,
            uploaded_by=user if user.is_authenticated else None,
            language=language,
            filename=(filename or "")[:255],
            content=data,
            rows_total=rows,
        )
        from .tasks import check_import

        enqueue(check_import, upload.pk)
    return upload


def check_rows(upload, table, state, *, on_progress=None):
    """Every row of ``table`` checked against ``state`` (``kind.load``)."""
    kind = KINDS[upload.kind]
    present = set(table.headers)
    checks = []
    step = max(1, len(table.rows) // PROGRESS_STEPS)
    for number, (line, raw) in enumerate(table.rows, start=1):
        check = RowCheck(line=line)
        kind.parse(check, raw, present)
        kind.check(check, state, present)
        if check.errors:
            check.action = ERROR
        checks.append(check)
        if on_progress and number % step == 0:
            on_progress(number)
    return checks


def summary(checks):
    counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0, ERROR: 0}
    for check in checks:
        counts[check.action] += 1
    errors = [check for check in checks if check.action == ERROR]
    changes = [check for check in checks if check.action in (NEW, CHANGED)]
    return {
        "counts": counts,
        "errors": [check.as_preview() for check in errors[:PREVIEW_ROWS]],
        "changes": [check.as_preview() for check in changes[:PREVIEW_ROWS]],
    }


def check(upload_id):
    """The worker's check of an upload (``tasks.check_import``); safe to run again."""
    upload = DataImport.objects.select_related("municipality", "cycle").get(pk=upload_id)
    if upload.status != Status.CHECKING:
        return "nothing to do"
    kind = KINDS[upload.kind]

    def progress(number):
        DataImport.objects.filter(pk=upload.pk).update(rows_checked=number)

    with translation.override(upload.language):
        try:
            table = read_upload(upload.kind, bytes(upload.content), upload.filename)
        except FileRefused as refused:
            return _settle(upload, Status.REFUSED, error=str(refused))
        try:
            state = kind.load(upload.municipality, upload.cycle)
            checks = check_rows(upload, table, state, on_progress=progress)
        except Exception as error:
            logger.exception("The check of import %s failed", upload.pk)
            _settle(upload, Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
            raise
    preview = summary(checks)
    status = Status.REFUSED if preview["counts"][ERROR] else Status.CHECKED
    return _settle(upload, status, preview=preview, rows_checked=len(checks))


def _settle(upload, status, **fields):
    fields.setdefault("finished_at", timezone.now())
    updated = DataImport.objects.filter(pk=upload.pk, status=upload.status).update(
        status=status, **fields
    )
    return f"{status}" if updated else "settled elsewhere"


def confirm(upload_id, municipality):
    """The office confirms a checked file: the worker imports it. Raises
    ``NotConfirmable`` for a file that is not (or no longer) waiting for confirmation."""
    with transaction.atomic():
        upload = (
            DataImport.objects.select_for_update()
            .filter(municipality=municipality, pk=upload_id)
            .first()
        )
        if upload is None or upload.status != Status.CHECKED:
            raise NotConfirmable
        upload.status = Status.IMPORTING
        upload.started_at = timezone.now()
        upload.save(update_fields=["status", "started_at"])
        from .tasks import run_import as task

        enqueue(task, upload.pk)
    return upload


def lock_municipality(municipality_id):
    """The imports' one lock: the municipality's row (on SQLite every writing
    transaction is serialised already, ``BEGIN IMMEDIATE``). Inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_municipality() must run inside transaction.atomic().")
    return Municipality.objects.select_for_update().get(pk=municipality_id)


def run_import(upload_id):
    """Import a confirmed file, all or nothing (``tasks.run_import``); safe to run
    again: a finished import is not imported twice."""
    try:
        with transaction.atomic():
            upload = DataImport.objects.get(pk=upload_id)
            lock_municipality(upload.municipality_id)
            upload = (
                DataImport.objects.select_for_update(of=("self",))
                .select_related("municipality", "cycle")
                .get(pk=upload_id)
            )
            if upload.status != Status.IMPORTING:
                return "nothing to do"
            return _import(upload)
    except Exception as error:
        logger.exception("The import %s failed", upload_id)
        DataImport.objects.filter(pk=upload_id, status=Status.IMPORTING).update(
            status=Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise


def _import(upload):
    kind = KINDS[upload.kind]
    with translation.override(upload.language):
        try:
            table = read_upload(upload.kind, bytes(upload.content), upload.filename)
        except FileRefused as refused:  # the rules changed since the check
            upload.status, upload.error = Status.REFUSED, str(refused)
            upload.finished_at = timezone.now()
            upload.save(update_fields=["status", "error", "finished_at"])
            return "refused"
        state = kind.load(upload.municipality, upload.cycle, lock=True)
        checks = check_rows(upload, table, state)
    preview = summary(checks)
    upload.finished_at = timezone.now()
    if preview["counts"][ERROR]:
        # The data changed since the preview: nothing is written, the new errors shown.
        upload.status, upload.preview = Status.REFUSED, preview
        upload.error = _("The data changed since the check; nothing was imported.")
        upload.save(update_fields=["status", "preview", "error", "finished_at"])
        return "refused"
    kind.write([c for c in checks if c.action in (NEW, CHANGED)], state)
    upload.status = Status.DONE
    upload.result = {key: preview["counts"][key] for key in (NEW, CHANGED, UNCHANGED)}
    upload.save(update_fields=["status", "result", "finished_at"])
    return upload.result

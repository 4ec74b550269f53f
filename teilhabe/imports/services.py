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
  new errors are shown. Rows checked and rows written are counted for the page outside
  the transaction (``progress``). Every import runs in the worker, however small: one
  way through for the office, and a page that shows the result a moment later.
- The file is kept only while it can still be imported (personal data): it is emptied
  when the import is done, refused, failed or cancelled (``cancel``); ``forget_abandoned``
  (scheduled hourly) cancels an upload left unconfirmed for TEILHABE_IMPORT_KEEP_HOURS
  and deletes the preview of an old refused or failed one. Messages are kept
  untranslated and shown in the reader's language (``texts``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from teilhabe.tenants.models import Municipality
from teilhabe.worker.services import enqueue

from . import progress
from .kinds import CHANGED, ERROR, KINDS, NEW, UNCHANGED, RowCheck
from .models import DataImport
from .reading import FileRefused, read_table
from .texts import gettext as _
from .texts import ngettext

logger = logging.getLogger(__name__)

Status = DataImport.Status
PREVIEW_ROWS = 500  # rows of errors and changes kept for the preview page
PROGRESS_STEPS = 50  # the check reports its progress this many times


class NotConfirmable(Exception):
    pass


class NotCancellable(Exception):
    pass


# What an upload that is over no longer keeps: its file (personal data, perhaps).
FORGOTTEN = {"content": b""}
# A cancelled upload keeps nothing of the file: neither it nor its preview or reason.
DISCARDED = {**FORGOTTEN, "preview": {}, "reason": {}}


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

    def checked(number):
        DataImport.objects.filter(pk=upload.pk).update(rows_checked=number)

    try:
        table = read_upload(upload.kind, bytes(upload.content), upload.filename)
    except FileRefused as refused:
        return _settle(upload, Status.REFUSED, reason=refused.args[0].as_json(), **FORGOTTEN)
    try:
        state = kind.load(upload.municipality, upload.cycle)
        checks = check_rows(upload, table, state, on_progress=checked)
    except Exception as error:
        logger.exception("The check of import %s failed", upload.pk)
        _settle(upload, Status.FAILED, error=describe(error), **FORGOTTEN)
        raise
    preview = summary(checks)
    if preview["counts"][ERROR]:
        # A refused file is never imported: only its errors stay, for the office.
        return _settle(
            upload, Status.REFUSED, preview=preview, rows_checked=len(checks), **FORGOTTEN
        )
    return _settle(upload, Status.CHECKED, preview=preview, rows_checked=len(checks))


def describe(error):
    return f"{type(error).__name__}: {error}"[:2000]


def _settle(upload, status, **fields):
    fields.setdefault("finished_at", timezone.now())
    updated = DataImport.objects.filter(pk=upload.pk, status=upload.status).update(
        status=status, **fields
    )
    return f"{status}" if updated else "settled elsewhere"


def cancel(upload_id, municipality):
    """The office cancels an upload that is not being imported and has not been: its
    file and preview are deleted. Raises ``NotCancellable`` otherwise. Under the row's
    lock, so a cancellation and a confirmation at once leave one of them done."""
    with transaction.atomic():
        upload = (
            DataImport.objects.select_for_update()
            .filter(municipality=municipality, pk=upload_id)
            .first()
        )
        if upload is None or not upload.is_cancellable:
            raise NotCancellable
        fields = {"status": Status.CANCELLED, "finished_at": timezone.now(), **DISCARDED}
        for name, value in fields.items():
            setattr(upload, name, value)
        upload.save(update_fields=list(fields))
    return upload


def forget_abandoned(now=None):
    """Cancel the uploads left unconfirmed (or unchecked) for TEILHABE_IMPORT_KEEP_HOURS
    and delete their files, and the previews of refused or failed ones as old. Each an
    UPDATE conditional on the status: an upload confirmed at the same moment is imported,
    not cancelled. Returns the numbers cancelled and cleared."""
    now = now or timezone.now()
    old = DataImport.objects.filter(
        created_at__lt=now - timedelta(hours=settings.TEILHABE_IMPORT_KEEP_HOURS)
    )
    cancelled = old.filter(status__in=[Status.CHECKING, Status.CHECKED]).update(
        status=Status.CANCELLED, finished_at=now, **DISCARDED
    )
    cleared = (
        old.filter(status__in=[Status.REFUSED, Status.FAILED])
        .exclude(preview={}, reason={})
        .update(**DISCARDED)
    )
    return cancelled, cleared


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
    upload = None
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
        fail_import(upload_id, describe(error))
        raise
    finally:
        if upload is not None and upload.started_at is not None:
            progress.forget(upload)


def fail_import(upload_id, error):
    """Record an import that broke (its transaction rolled back: nothing was written)
    and delete its file: the office uploads it again to try once more."""
    return DataImport.objects.filter(pk=upload_id, status=Status.IMPORTING).update(
        status=Status.FAILED, error=error, finished_at=timezone.now(), preview={}, **FORGOTTEN
    )


def _import(upload):
    kind = KINDS[upload.kind]
    try:
        table = read_upload(upload.kind, bytes(upload.content), upload.filename)
    except FileRefused as refused:  # the rules changed since the check
        _finish(upload, Status.REFUSED, reason=refused.args[0].as_json())
        return "refused"
    state = kind.load(upload.municipality, upload.cycle, lock=True)
    rows = len(table.rows)
    checks = check_rows(
        upload, table, state, on_progress=progress.reporter(upload, progress.CHECKING, rows)
    )
    preview = summary(checks)
    if preview["counts"][ERROR]:
        # The data changed since the preview: nothing is written, the new errors shown.
        reason = _("The data changed since the check; nothing was imported.")
        _finish(upload, Status.REFUSED, preview=preview, reason=reason.as_json())
        return "refused"
    rows = [c for c in checks if c.action in (NEW, CHANGED)]
    kind.write(rows, state, on_progress=progress.reporter(upload, progress.WRITING, len(rows)))
    result = {key: preview["counts"][key] for key in (NEW, CHANGED, UNCHANGED)}
    _finish(upload, Status.DONE, result=result, preview={"counts": preview["counts"]})
    return result


def _finish(upload, status, **fields):
    """Settle the import (inside its transaction) and delete the file."""
    fields.update(status=status, finished_at=timezone.now(), **FORGOTTEN)
    for name, value in fields.items():
        setattr(upload, name, value)
    upload.save(update_fields=list(fields))

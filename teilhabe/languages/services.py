"""The office's translation workflow: choosing the content languages, and importing the
files a translation agency returns.

An import is all or nothing. ``preview_import`` reads the file and checks every unit
against the data as it is (without changing anything); ``confirm_import`` reads the
stored file again inside one transaction, locks the rows it will write (one model after
the other, each in primary-key order), checks every unit again under those locks and
writes only if no unit has an error. A German text changed between preview and
confirmation therefore refuses the import instead of storing a translation of a text
that no longer exists.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.tenants.models import Municipality
from teilhabe.tenants.scoping import scope_to_municipalities

from .content import SOURCE_LANGUAGE, installed_languages
from .fields import Translations, source_version
from .models import TranslationImport
from .units import describe_object, model_by_label, parse_unit_id, translatable_models
from .xliff import read_returned_file

# The largest file accepted for import (the demo's complete texts are ~200 KB).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
UNCONFIRMED_KEPT_FOR = timedelta(days=7)

NEW, CHANGES, REPLACES_OUTDATED, UNCHANGED, ERROR = (
    "new",
    "changes",
    "replaces_outdated",
    "unchanged",
    "error",
)


# --- Content languages ------------------------------------------------------------------------


def change_content_languages(municipality, languages, fallbacks):
    """Set the municipality's content languages and fallbacks; they apply from the next
    request on (they are data, read per request). German cannot be switched off.
    Raises ``ValidationError`` (nothing saved) for a choice the rules refuse."""
    with transaction.atomic():
        locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
        locked.content_languages = list(languages)
        locked.fallback_languages = dict(fallbacks)
        changed = ("content_languages", "fallback_languages")
        locked.clean_fields(
            exclude=[f.name for f in Municipality._meta.fields if f.name not in changed]
        )
        locked.clean()
        locked.save(update_fields=changed)
    municipality.content_languages = locked.content_languages
    municipality.fallback_languages = locked.fallback_languages
    return municipality


# --- Import ---------------------------------------------------------------------------------


@dataclass
class UnitCheck:
    """One unit of a returned file, checked against the data."""

    id: str
    target: str
    status: str = ""
    error: str = ""
    context: str = ""
    field_label: str = ""
    german: str = ""
    current: str = ""  # the translation stored now
    edit_url: str = ""
    source_version: str = ""
    # Where it is written: model entry, primary key, field name.
    target_of: tuple = ()


@dataclass
class Preview:
    language: str = ""
    file_error: str = ""
    units: list = field(default_factory=list)

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def errors(self):
        return [unit for unit in self.units if unit.status == ERROR]

    @property
    def is_importable(self):
        return not self.file_error and not self.errors and bool(self.units)

    @property
    def errors_first(self):
        """The units with errors first (in file order), then the others."""
        return self.errors + [unit for unit in self.units if unit.status != ERROR]

    @property
    def changes(self):
        return [unit for unit in self.units if unit.status in (NEW, CHANGES, REPLACES_OUTDATED)]


class ImportRefused(Exception):
    def __init__(self, preview):
        super().__init__(preview.file_error or f"{len(preview.errors)} unit(s) refused")
        self.preview = preview


class AlreadyImported(Exception):
    pass


def store_upload(municipality, user, uploaded):
    """Keep an uploaded file for preview and confirmation; ``uploaded`` is a Django
    ``UploadedFile`` no larger than ``MAX_IMPORT_BYTES`` (the form checks)."""
    content = uploaded.read(MAX_IMPORT_BYTES + 1)
    # Files left unconfirmed for a while are not kept (they were checked and dropped).
    TranslationImport.objects.filter(
        municipality=municipality,
        imported_at__isnull=True,
        created_at__lt=timezone.now() - UNCONFIRMED_KEPT_FOR,
    ).delete()
    return TranslationImport.objects.create(
        municipality=municipality,
        uploaded_by=user if user.is_authenticated else None,
        filename=(uploaded.name or "")[:255],
        content=content,
    )


def preview_import(upload):
    """Every unit of the stored file with its status or error; nothing is changed."""
    preview = check_file(upload.municipality, bytes(upload.content), upload.filename)
    if preview.language and upload.language != preview.language[:20]:
        upload.language = preview.language[:20]
        upload.save(update_fields=["language"])
    return preview


def confirm_import(upload_id, municipality):
    """Write every unit of the stored file, or nothing: raises ``ImportRefused`` with
    the preview if any unit has an error now, ``AlreadyImported`` if the file was
    imported before. Returns the number of texts written."""
    with transaction.atomic():
        upload = (
            TranslationImport.objects.select_for_update()
            .filter(municipality=municipality)
            .get(pk=upload_id)
        )
        if upload.imported_at:
            raise AlreadyImported
        preview = check_file(municipality, bytes(upload.content), upload.filename, lock=True)
        if not preview.is_importable:
            raise ImportRefused(preview)
        written = _write(preview)
        upload.imported_at = timezone.now()
        upload.imported_count = written
        upload.save(update_fields=["imported_at", "imported_count"])
    return written


def _write(preview):
    """Store the checked units (inside the transaction that locked their rows)."""
    changed = {}
    for unit in preview.changes:
        obj, field_name = unit.target_of
        texts = Translations(getattr(obj, field_name)).copy()
        # The version checked under the lock: the translation is up to date.
        texts.set(preview.language, unit.target, source=unit.source_version)
        setattr(obj, field_name, texts)
        changed.setdefault(obj, set()).add(field_name)
    for obj, field_names in changed.items():
        obj.save(update_fields=sorted(field_names))
    return len(preview.changes)


def check_file(municipality, data, filename="", *, lock=False):
    """Read a returned file and check each unit against ``municipality``'s data."""
    returned = read_returned_file(data, filename)
    preview = Preview(language=returned.language, file_error=returned.error)
    if preview.file_error:
        return preview
    language = returned.language
    if language == SOURCE_LANGUAGE:
        preview.file_error = _("German is the source language; a file can only bring translations.")
    elif language not in installed_languages():
        preview.file_error = _("This installation does not offer the language %(code)s.") % {
            "code": language
        }
    elif language not in municipality.offered_languages():
        preview.file_error = _(
            "%(code)s is not a content language of %(municipality)s. Add it in the "
            "language settings first."
        ) % {"code": language, "municipality": municipality.name}
    if preview.file_error:
        return preview
    preview.units = _check_units(municipality, language, returned.units, lock=lock)
    return preview


def _check_units(municipality, language, returned_units, *, lock):
    parsed = [parse_unit_id(municipality.pk, unit.id) for unit in returned_units]
    objects, elsewhere = _load_objects(municipality, parsed, lock=lock)
    seen = set()
    checks = []
    for unit, ident in zip(returned_units, parsed, strict=True):
        check = UnitCheck(id=unit.id, target=unit.target, source_version=unit.source_version)
        checks.append(check)
        check.error = _unit_error(unit, ident, objects, elsewhere, seen)
        seen.add(unit.id)
        if check.error:
            check.status = ERROR
            continue
        entry = model_by_label(ident.label)
        obj = objects[(ident.label, ident.pk)]
        texts = Translations(getattr(obj, ident.field))
        model_field = entry.model._meta.get_field(ident.field)
        check.context = describe_object(entry, obj)
        check.field_label = str(model_field.verbose_name)
        check.german = texts.get(SOURCE_LANGUAGE, "")
        check.current = texts.get(language, "")
        check.target_of = (obj, ident.field)
        check.error = _content_error(unit, texts, model_field)
        if check.error:
            check.status = ERROR
        elif not check.current:
            check.status = NEW
        elif texts.is_outdated(language):
            check.status = REPLACES_OUTDATED
        elif check.current == unit.target:
            check.status = UNCHANGED
        else:
            check.status = CHANGES
    return checks


def _unit_error(unit, ident, objects, elsewhere, seen):
    if unit.error:
        return unit.error
    if not unit.id or ident is None:
        return _("Unknown id: this is not the id of one of our texts.")
    if unit.id in seen:
        return _("This id appears more than once in the file.")
    entry = model_by_label(ident.label)
    if entry is None or ident.field not in entry.fields:
        return _("Unknown id: this is not the id of one of our texts.")
    key = (ident.label, ident.pk)
    if key in elsewhere:
        return _("This text belongs to another municipality.")
    if not ident.signed_here:
        return _("Unknown id: this is not the id of one of our texts.")
    if key not in objects:
        return _("This text no longer exists; it was deleted after the export.")
    return ""


def _content_error(unit, texts, model_field):
    target = unit.target.strip("\n")  # as Translations.set stores it
    if not target.strip():
        return _("The translation is empty.")
    if "\x00" in target:
        return _("The text contains a NUL character.")
    limit = model_field.text_max_length
    if limit and len(target) > limit:
        return _("Too long: at most %(limit)s characters, this translation has %(count)s.") % {
            "limit": limit,
            "count": len(target),
        }
    if not unit.source_version:
        return _("The unit names no version of its German text; export the file again.")
    if unit.source_version != source_version(texts.get(SOURCE_LANGUAGE, "")):
        return _("The German text has changed since the export; export it again.")
    return ""


def _load_objects(municipality, parsed, *, lock):
    """The objects the ids name: ``{(label, pk): object}`` of this municipality (locked
    if ``lock``), and the set of those that exist in another municipality. At most two
    queries per model named in the file, the models in a fixed order."""
    wanted = {}
    for ident in parsed:
        if ident is not None:
            wanted.setdefault(ident.label, set()).add(ident.pk)
    objects, elsewhere = {}, set()
    for entry in translatable_models():
        pks = wanted.get(entry.label)
        if not pks:
            continue
        model = entry.model
        queryset = model._default_manager.filter(pk__in=pks)
        own = scope_to_municipalities(queryset, [municipality.pk])
        if lock:
            own = own.select_for_update(of=("self",)).order_by("pk")
        for obj in own:
            objects[(entry.label, obj.pk)] = obj
        missing = pks - {pk for label, pk in objects if label == entry.label}
        if missing:
            for pk in model._default_manager.filter(pk__in=missing).values_list("pk", flat=True):
                elsewhere.add((entry.label, pk))
    return objects, elsewhere


__all__ = [
    "AlreadyImported",
    "ImportRefused",
    "change_content_languages",
    "check_file",
    "confirm_import",
    "preview_import",
    "store_upload",
]

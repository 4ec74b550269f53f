"""The interface catalogues and the source: which strings are missing, and adding them.

    manage.py catalogue missing            # JSON skeleton of every msgid the catalogues lack
    manage.py catalogue add strings.json   # append them, translated, to every catalogue

``strings.json`` is a list of objects: ``msgid`` (and ``msgctxt``, ``msgid_plural`` if
the source has them) and the translation for each interface language, e.g.
``{"msgid": "Draft", "de": "Entwurf", "en": "Draft", "de-x-simple": "Entwurf", "ar": ...}``;
a plural is a list of forms per language. Nothing is written unless every entry has
every language with the source's placeholders. The strings in the source are found by
Django's ``makemessages`` (xgettext), written to a throw-away locale."""

import json
import os
import re
import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
IGNORED = ["node_modules/*", ".venv/*", "var/*", "tests/*", "bench/*", "deploy/*"]


def catalogue_paths():
    locale_dir = Path(settings.LOCALE_PATHS[0])
    return {
        code: locale_dir / translation.to_locale(code) / "LC_MESSAGES" / "django.po"
        for code, _name in settings.LANGUAGES
    }


def source_entries():
    """Every translatable string of the source (Python and templates), as polib entries."""
    locale_dir = Path(settings.LOCALE_PATHS[0])
    # A locale of this process alone: two test runs on one checkout do not collide.
    scratch = f"zz_Scratch{os.getpid()}"
    try:
        call_command(
            "makemessages",
            locale=[scratch],
            no_obsolete=True,
            no_location=True,
            ignore_patterns=IGNORED,
            verbosity=0,
        )
        return list(polib.pofile(str(locale_dir / scratch / "LC_MESSAGES" / "django.po")))
    finally:
        shutil.rmtree(locale_dir / scratch, ignore_errors=True)


def missing_entries():
    """The source's strings the German catalogue lacks (all catalogues share msgids)."""
    german = polib.pofile(str(catalogue_paths()["de"]))
    have = {(entry.msgctxt, entry.msgid) for entry in german}
    return [entry for entry in source_entries() if (entry.msgctxt, entry.msgid) not in have]


def _forms(value):
    return value if isinstance(value, list) else [value]


def add_entries(items):
    """Append ``items`` (see the module docstring) to every catalogue; ValueError, with
    nothing written, if one lacks a language or changes placeholders."""
    paths = catalogue_paths()
    problems = []
    for item in items:
        source = PLACEHOLDER.findall(item["msgid"])
        for code in paths:
            value = item.get(code)
            if not value or not all(_forms(value)):
                problems.append(f"{item['msgid']!r}: no {code}")
                continue
            for form in _forms(value):
                if sorted(PLACEHOLDER.findall(form)) != sorted(source):
                    problems.append(f"{item['msgid']!r}: placeholders of {code} differ")
    if problems:
        raise ValueError("\n".join(problems))
    for code, path in paths.items():
        # Appended as text: the catalogue's other entries stay byte for byte as they are.
        have = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path))}
        added = []
        for item in items:
            if (item.get("msgctxt"), item["msgid"]) in have:
                continue
            flags = ["python-format"] if "%(" in item["msgid"] else []
            entry = polib.POEntry(msgid=item["msgid"], msgctxt=item.get("msgctxt"), flags=flags)
            if item.get("msgid_plural"):
                entry.msgid_plural = item["msgid_plural"]
                entry.msgstr_plural = dict(enumerate(_forms(item[code])))
            else:
                entry.msgstr = item[code]
            added.append(entry.__unicode__(wrapwidth=0))
        if added:
            text = path.read_text(encoding="utf-8").rstrip("\n")
            path.write_text(text + "\n\n" + "\n".join(added), encoding="utf-8")


class Command(BaseCommand):
    help = "List the interface strings the catalogues lack, or add them translated."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("missing", help="print a JSON skeleton of the missing strings")
        add = sub.add_parser("add", help="append translated strings from a JSON file")
        add.add_argument("file")

    def handle(self, *args, **options):
        if options["action"] == "missing":
            skeleton = []
            for entry in missing_entries():
                item = {"msgid": entry.msgid}
                if entry.msgctxt:
                    item["msgctxt"] = entry.msgctxt
                if entry.msgid_plural:
                    item["msgid_plural"] = entry.msgid_plural
                item.update({code: "" for code in catalogue_paths()})
                skeleton.append(item)
            self.stdout.write(json.dumps(skeleton, ensure_ascii=False, indent=1))
            return
        items = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        try:
            add_entries(items)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{len(items)} string(s) added to {len(catalogue_paths())} catalogues.")

"""The move from three columns per text (German, English, plain German) to one
translated field loses nothing: tested on a copy of the Dresden demo, migrated back to
the three columns and forward again, on SQLite and PostgreSQL."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from teilhabe.demo.loader import load_dresden
from teilhabe.languages.fields import TranslatedField

# The last migration of each app before the move.
BEFORE = [
    ("events", "0002_feedback_receipt"),
    ("plan", "0002_target_groups"),
    ("directory", "0003_department_contact_email"),
    ("tenants", "0002_content_languages"),
]
OLD_COLUMNS = {"": "de", "_en": "en", "_simple": "de-x-simple"}


def translated_fields():
    """The translated fields of the apps that had three columns (later apps started
    with translated fields and are migrated away with the move)."""
    moved = {app_label for app_label, _migration in BEFORE}
    for model in apps.get_models():
        if model._meta.app_label not in moved:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TranslatedField):
                yield model, field


def snapshot():
    """(table, pk, field) -> {language: text} for German, English and plain German."""
    texts = {}
    for model, field in translated_fields():
        for pk, value in model.objects.values_list("pk", field.name):
            kept = {code: value.get(code, "") for code in OLD_COLUMNS.values()}
            texts[(model._meta.db_table, pk, field.name)] = kept
    return texts


def old_columns(table, name):
    columns = ", ".join(connection.ops.quote_name(name + suffix) for suffix in OLD_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {columns} FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return {
            row[0]: dict(zip(OLD_COLUMNS.values(), (text or "" for text in row[1:]), strict=True))
            for row in cursor.fetchall()
        }


@pytest.mark.django_db(transaction=True)
def test_the_move_to_translated_fields_loses_nothing_on_the_demo():
    load_dresden()
    before = snapshot()
    assert len(before) > 300  # every translated text of the demo
    assert any(texts["en"] for texts in before.values())
    assert any(texts["de-x-simple"] for texts in before.values())

    for app_label, migration in BEFORE:
        call_command("migrate", app_label, migration, verbosity=0)
    back = {}
    for table, _pk, name in before:
        back.setdefault((table, name), old_columns(table, name))
    for (table, pk, name), texts in before.items():
        assert back[(table, name)][pk] == texts, (table, pk, name)

    call_command("migrate", verbosity=0)
    assert snapshot() == before
    # Translations that came with the data belong to their German text: none outdated.
    for model, field in translated_fields():
        for value in model.objects.values_list(field.name, flat=True):
            assert not any(value.is_outdated(code) for code in value.texts()), model

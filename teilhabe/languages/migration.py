"""Migration operations that move a text field kept as three columns (``x``, ``x_en``,
``x_simple``) into one ``TranslatedField`` (and back). Used by the migrations of
issue "Languages"; keep their behaviour as it is, old migrations depend on it."""

from django.db import migrations
from django.db.models import NOT_PROVIDED

from .fields import SOURCE_KEY, source_version

OLD_COLUMNS = {"": "de", "_en": "en", "_simple": "de-x-simple"}


def _columns_to_json(app_label, model_name, fields):
    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.all())
        for row in rows:
            for name in fields:
                value = {}
                for suffix, code in OLD_COLUMNS.items():
                    text = getattr(row, name + suffix) or ""
                    if text:
                        value[code] = text
                # What was stored belonged to the German text as it is.
                translated = [code for code in value if code != "de"]
                if translated:
                    version = source_version(value.get("de", ""))
                    value[SOURCE_KEY] = {code: version for code in translated}
                setattr(row, f"{name}_i18n", value)
        model.objects.bulk_update(rows, [f"{name}_i18n" for name in fields], batch_size=500)

    def backward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.all())
        for row in rows:
            for name in fields:
                value = getattr(row, f"{name}_i18n") or {}
                for suffix, code in OLD_COLUMNS.items():
                    setattr(row, name + suffix, value.get(code, ""))
        columns = [name + suffix for name in fields for suffix in OLD_COLUMNS]
        model.objects.bulk_update(rows, columns, batch_size=500)

    return forward, backward


class RemoveOldColumn(migrations.RemoveField):
    """Removes an old per-language column; reversed, it comes back filled with ""
    until the data step writes the texts (a required column has no default)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        from_model = from_state.apps.get_model(app_label, self.model_name)
        field = to_model._meta.get_field(self.name)
        if field.default is not NOT_PROVIDED or field.null:
            schema_editor.add_field(from_model, field)
            return
        field.default = ""
        try:
            schema_editor.add_field(from_model, field)
        finally:
            field.default = NOT_PROVIDED


def to_translated_fields(app_label, model_name, fields):
    """Operations for ``model_name``: ``fields`` maps each field name to its new
    ``TranslatedField``. Texts move over with a data step; nothing is lost, and the
    migration can be reversed (the languages beyond German, English and plain German
    are then dropped)."""
    forward, backward = _columns_to_json(app_label, model_name, list(fields))
    operations = [
        migrations.AddField(model_name, f"{name}_i18n", field.clone())
        for name, field in fields.items()
    ]
    operations.append(migrations.RunPython(forward, backward))
    for name in fields:
        operations += [RemoveOldColumn(model_name, name + suffix) for suffix in OLD_COLUMNS]
        operations.append(migrations.RenameField(model_name, f"{name}_i18n", name))
    return operations

"""Translatable fields move from three columns (German, English, plain German) into
one JSON column each, holding any number of languages (issue "Languages")."""

from django.db import migrations, models
from django.db.models.fields.json import KT

from teilhabe.languages.fields import TranslatedField
from teilhabe.languages.migration import to_translated_fields


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_department_contact_email")]

    operations = [
        # The unique German name of a department: the constraint moves to the new column.
        migrations.RemoveConstraint("department", "department_name_unique_per_municipality"),
        *to_translated_fields(
            "directory",
            "department",
            {
                "name": TranslatedField(verbose_name="name", max_length=200),
            },
        ),
        *to_translated_fields(
            "directory",
            "organisation",
            {
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
            },
        ),
        migrations.AddConstraint(
            "department",
            models.UniqueConstraint(
                models.F("municipality"),
                KT("name__de"),
                name="department_name_unique_per_municipality",
                violation_error_message=(
                    "This municipality already has a department of this name."
                ),
            ),
        ),
    ]

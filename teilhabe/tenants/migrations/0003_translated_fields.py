"""Translatable fields move from three columns (German, English, plain German) into
one JSON column each, holding any number of languages (issue "Languages")."""

from django.db import migrations

from teilhabe.languages.fields import TranslatedField
from teilhabe.languages.migration import to_translated_fields


class Migration(migrations.Migration):
    dependencies = [("tenants", "0002_content_languages")]

    operations = [
        *to_translated_fields(
            "tenants",
            "municipality",
            {
                "introduction": TranslatedField(
                    verbose_name="introduction", blank=True, multiline=True
                ),
            },
        ),
    ]

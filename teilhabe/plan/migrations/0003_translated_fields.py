"""Translatable fields move from three columns (German, English, plain German) into
one JSON column each, holding any number of languages (issue "Languages")."""

from django.db import migrations

from teilhabe.languages.fields import TranslatedField
from teilhabe.languages.migration import to_translated_fields


class Migration(migrations.Migration):
    dependencies = [("plan", "0002_target_groups")]

    operations = [
        *to_translated_fields(
            "plan",
            "conceptcycle",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
                "summary": TranslatedField(verbose_name="summary", blank=True, multiline=True),
            },
        ),
        *to_translated_fields(
            "plan",
            "cyclephase",
            {
                "note": TranslatedField(verbose_name="note", blank=True, multiline=True),
            },
        ),
        *to_translated_fields(
            "plan",
            "fieldofaction",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
                "situation": TranslatedField(verbose_name="situation", blank=True, multiline=True),
                "developments": TranslatedField(
                    verbose_name="developments", blank=True, multiline=True
                ),
                "challenges": TranslatedField(
                    verbose_name="challenges", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "plan",
            "goal",
            {
                "title": TranslatedField(verbose_name="title", max_length=300),
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "plan",
            "measure",
            {
                "title": TranslatedField(verbose_name="title", max_length=300),
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "plan",
            "indicator",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "plan",
            "fundingline",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "plan",
            "openitem",
            {
                "text": TranslatedField(verbose_name="need for action", multiline=True),
            },
        ),
    ]

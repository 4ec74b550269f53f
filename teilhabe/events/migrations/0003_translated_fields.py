"""Translatable fields move from three columns (German, English, plain German) into
one JSON column each, holding any number of languages (issue "Languages")."""

from django.db import migrations

from teilhabe.languages.fields import TranslatedField
from teilhabe.languages.migration import to_translated_fields


class Migration(migrations.Migration):
    dependencies = [("events", "0002_feedback_receipt")]

    operations = [
        *to_translated_fields(
            "events",
            "eventseries",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
            },
        ),
        *to_translated_fields(
            "events",
            "venue",
            {
                "entrance": TranslatedField(verbose_name="entrance", blank=True, max_length=250),
                "directions": TranslatedField(
                    verbose_name="directions and public transport", blank=True, multiline=True
                ),
                "accessibility": TranslatedField(
                    verbose_name="accessibility", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "events",
            "audiencegroup",
            {
                "name": TranslatedField(verbose_name="name", max_length=250),
            },
        ),
        *to_translated_fields(
            "events",
            "event",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
                "participant_notes": TranslatedField(
                    verbose_name="notes for participants", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "events",
            "programmeitem",
            {
                "title": TranslatedField(verbose_name="title", max_length=300),
                "description": TranslatedField(
                    verbose_name="description", blank=True, multiline=True
                ),
            },
        ),
        *to_translated_fields(
            "events",
            "station",
            {
                "title": TranslatedField(verbose_name="title", max_length=250),
                "theme": TranslatedField(verbose_name="theme", blank=True, multiline=True),
                "results": TranslatedField(verbose_name="results", blank=True, multiline=True),
            },
        ),
    ]

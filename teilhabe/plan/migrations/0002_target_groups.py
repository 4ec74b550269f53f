from django.db import migrations

CODES = [
    "migrants", "refugees", "children", "youth", "women", "seniors", "workers",
    "students", "organisations", "staff", "public",
]


def load(apps, schema_editor):
    TargetGroup = apps.get_model("plan", "TargetGroup")  # noqa: N806
    for code in CODES:
        TargetGroup.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

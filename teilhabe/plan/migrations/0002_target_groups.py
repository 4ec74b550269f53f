from django.db import migrations


def load(apps, schema_editor):
    from teilhabe.plan.vocabulary import load_target_groups

    load_target_groups(apps.get_model("plan", "TargetGroup"))


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations


def load(apps, schema_editor):
    from teilhabe.directory.vocabulary import load_vocabulary

    load_vocabulary(apps.get_model("directory", "ActivityField"), apps.get_model("directory", "Language"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

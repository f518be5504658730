from django.db import migrations


def load(apps, schema_editor):
    from staffroom.curriculum.vocabularies import load_vocabularies

    load_vocabularies(
        apps.get_model("curriculum", "Level"),
        apps.get_model("curriculum", "Subject"),
        apps.get_model("curriculum", "ResourceType"),
    )


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

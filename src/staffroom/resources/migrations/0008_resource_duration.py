from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0007_resource_hidden_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="duration",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="duration in class (minutes)"
            ),
        ),
    ]

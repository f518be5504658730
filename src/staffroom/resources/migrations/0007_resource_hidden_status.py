from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0006_folders"),
    ]

    operations = [
        migrations.AlterField(
            model_name="resource",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("pending", "Waiting for review"),
                    ("changes", "Changes requested"),
                    ("published", "Published"),
                    ("rejected", "Rejected"),
                    ("withdrawn", "Withdrawn"),
                    ("hidden", "Hidden by a moderator"),
                ],
                default="draft",
                max_length=10,
            ),
        ),
    ]

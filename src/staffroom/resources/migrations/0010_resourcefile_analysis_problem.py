from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0009_rating_member_kept_when_deleted"),
    ]

    operations = [
        migrations.AddField(
            model_name="resourcefile",
            name="analysis_problem",
            field=models.CharField(blank=True, max_length=30),
        ),
    ]

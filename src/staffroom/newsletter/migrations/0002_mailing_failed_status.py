from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_newsletter_mailings_promotions_bounces"),
    ]

    operations = [
        migrations.AddField(
            model_name="mailing",
            name="error",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name="mailing",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("scheduled", "Scheduled"),
                    ("sending", "Sending"),
                    ("sent", "Sent"),
                    ("failed", "Failed"),
                ],
                default="draft",
                max_length=10,
            ),
        ),
    ]

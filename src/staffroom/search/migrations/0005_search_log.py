"""Every search is recorded, not only those that found nothing: ``ZeroResultSearch`` becomes
``SearchLog`` with the result count, whether only similar words were found and where the
search came from (page or API).

The table is renamed rather than copied, so the searches recorded so far stay where they are
(with their ids and dates): each found nothing on the search page. Their folded query text
(what the staff page groups by) is filled in, and their filters are put in key order as new
rows have them.
"""

import unicodedata

from django.db import migrations, models

BATCH = 1000


def folded(text: str) -> str:
    """As ``search.models.folded`` was when this was written (a migration keeps its own)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())[:500]


def fill_folded(apps, schema_editor):
    SearchLog = apps.get_model("search", "SearchLog")
    rows = SearchLog.objects.only("pk", "query", "filters").order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.folded = folded(row.query)
        row.filters = dict(sorted((row.filters or {}).items()))
        batch.append(row)
        if len(batch) == BATCH:
            SearchLog.objects.bulk_update(batch, ["folded", "filters"])
            batch = []
    SearchLog.objects.bulk_update(batch, ["folded", "filters"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_postgres_search_questions"),
    ]

    operations = [
        migrations.RenameModel(old_name="ZeroResultSearch", new_name="SearchLog"),
        migrations.AlterField(
            model_name="searchlog",
            name="query",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="searchlog",
            name="folded",
            field=models.CharField(blank=True, max_length=500, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchlog",
            name="result_count",
            # The rows so far are searches that found nothing.
            field=models.PositiveIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchlog",
            name="similar_words",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="searchlog",
            name="source",
            field=models.CharField(
                choices=[("page", "Search page"), ("api", "API")], default="page", max_length=4
            ),
        ),
        migrations.AddIndex(
            model_name="searchlog",
            index=models.Index(
                condition=models.Q(("result_count", 0), ("similar_words", True), _connector="OR"),
                fields=["created_at"],
                name="search_log_unfound",
            ),
        ),
        migrations.RunPython(fill_folded, migrations.RunPython.noop, elidable=True),
    ]

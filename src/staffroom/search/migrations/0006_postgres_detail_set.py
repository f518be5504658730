"""A third value set per document in the PostgreSQL search tables: what a resource is counted
under for the file format, accessibility notes and moderators' picks filters
(``detail_set``). Kept apart from the type, language, licence and kind set: combined, the
distinct sets grew from about a thousand to tens of thousands, and a broad search's counts
expand every distinct set among its matches.

Created only on PostgreSQL; on SQLite this migration does nothing. Rows written before it have
none (they are counted under none of these filters) until ``staffroom search reindex``, which
the new filter values need anyway.
"""

from django.db import migrations

TABLES = ("search_pg_document", "search_pg_questions_document")


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_search_log"),
    ]

    operations = [
        migrations.RunPython(
            _run([f"ALTER TABLE {table} ADD COLUMN detail_set integer" for table in TABLES]),
            _run([f"ALTER TABLE {table} DROP COLUMN detail_set" for table in TABLES]),
            elidable=False,
        ),
    ]

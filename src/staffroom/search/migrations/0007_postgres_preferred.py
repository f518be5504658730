"""The values a resource may be preferred by (its language, the regions it is tagged for) in a
small column of their own in the PostgreSQL search tables (``preferred``), stored PLAIN.

Ranking with the reader's preferences read them from ``terms``, which PostgreSQL keeps out of
line: a row with a large text vector is made to fit its page by moving its compressible
("extended") values out first, however small, before the large "external" vector. Every match
then cost four more buffer reads and a broad search's p95 tripled (55 to 165 ms at 200,000
resources, docs/benchmarks.md). A PLAIN column is never moved out of the row. Rows written
before this migration have none (no preference met) until ``staffroom search reindex``.

Created only on PostgreSQL; on SQLite this migration does nothing.
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
        ("search", "0006_postgres_detail_set"),
    ]

    operations = [
        migrations.RunPython(
            _run(
                [
                    statement
                    for table in TABLES
                    for statement in (
                        f"ALTER TABLE {table} ADD COLUMN preferred integer[] NOT NULL "
                        "DEFAULT '{}'",
                        f"ALTER TABLE {table} ALTER COLUMN preferred SET STORAGE PLAIN",
                    )
                ]
            ),
            _run([f"ALTER TABLE {table} DROP COLUMN preferred" for table in TABLES]),
            elidable=False,
        ),
    ]

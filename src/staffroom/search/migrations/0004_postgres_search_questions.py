"""Tables of the PostgreSQL search backend for the teachers' room questions: the same shape as
the resources' tables of 0003, under their own names (``search_pg_questions_*``), so that
each collection is searched, counted, versioned and cleared on its own. Filter values and
value sets (``search_pg_value``, ``search_pg_value_set``) are shared.

Created only on PostgreSQL; on SQLite this migration does nothing. Derived data, filled by
``staffroom search reindex``.
"""

from django.db import migrations

PREFIX = "search_pg_questions"

CREATE = [
    f"""
    CREATE TABLE {PREFIX}_document (
        id bigint PRIMARY KEY,
        analysed_as varchar(8) NOT NULL,
        vector tsvector NOT NULL,
        rank_vector tsvector NOT NULL,
        terms integer[] NOT NULL,
        regional_set integer NOT NULL,
        common_set integer NOT NULL,
        publisher integer,
        published bigint NOT NULL,
        downloads bigint NOT NULL,
        rating double precision NOT NULL,
        rating_rank double precision NOT NULL,
        quality double precision NOT NULL
    ) WITH (toast_tuple_target = 128)
    """,
    f"""
    ALTER TABLE {PREFIX}_document
        ALTER COLUMN vector SET STORAGE EXTERNAL,
        ALTER COLUMN rank_vector SET STORAGE MAIN,
        ALTER COLUMN terms SET STORAGE EXTERNAL
    """,
    f"CREATE INDEX {PREFIX}_document_vector ON {PREFIX}_document USING gin (vector)",
    f"CREATE INDEX {PREFIX}_document_terms ON {PREFIX}_document USING gin (terms)",
    f"""
    CREATE TABLE {PREFIX}_text (
        id bigint PRIMARY KEY REFERENCES {PREFIX}_document (id) ON DELETE CASCADE,
        title text NOT NULL,
        text text NOT NULL
    )
    """,
    f"""
    CREATE TABLE {PREFIX}_state (
        id integer PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
    )
    """,
    f"INSERT INTO {PREFIX}_state (id, version) VALUES (1, 0)",
    f"""
    CREATE TABLE {PREFIX}_lexeme (
        analysis varchar(8) NOT NULL,
        term text NOT NULL,
        PRIMARY KEY (analysis, term)
    )
    """,
    f"CREATE INDEX {PREFIX}_lexeme_trigrams ON {PREFIX}_lexeme USING gin (term gin_trgm_ops)",
    f"CREATE INDEX {PREFIX}_lexeme_length ON {PREFIX}_lexeme (analysis, char_length(term))",
]

DROP = [
    f"DROP TABLE IF EXISTS {PREFIX}_lexeme",
    f"DROP TABLE IF EXISTS {PREFIX}_state",
    f"DROP TABLE IF EXISTS {PREFIX}_text",
    f"DROP TABLE IF EXISTS {PREFIX}_document",
]


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
        ("search", "0003_postgres_search"),
    ]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP), elidable=False),
    ]

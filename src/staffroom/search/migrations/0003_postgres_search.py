"""Tables of the PostgreSQL search backend (``backends/postgres_backend.py``).

Created only on PostgreSQL; on SQLite this migration does nothing (the Tantivy backend keeps
its index in a folder). The tables are derived data, rebuilt by ``staffroom search reindex``,
so they are plain SQL rather than models: nothing else reads them.
"""

from django.db import migrations

CREATE = [
    # Trigram index on the term list (typo tolerance) and levenshtein_less_equal (its check).
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch",
    # One row per indexed resource. Counting facets and ranking read the row of every match,
    # so the row holds what they need and little else. ``vector`` (everything, body text
    # included) and ``terms`` are only tested through their GIN indexes, which answer plain
    # queries exactly: both are kept out of line (toast_tuple_target, STORAGE EXTERNAL).
    # ``rank_vector`` (title, vocabulary, description, keywords, author: what relevance is
    # computed from) stays in the row.
    """
    CREATE TABLE search_pg_document (
        id bigint PRIMARY KEY,
        analysed_as varchar(8) NOT NULL,
        vector tsvector NOT NULL,
        rank_vector tsvector NOT NULL,
        -- every filter value of the resource (search_pg_value ids), for filtering
        terms integer[] NOT NULL,
        -- what it is counted under (search_pg_value_set ids, and a search_pg_value id)
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
    """
    ALTER TABLE search_pg_document
        ALTER COLUMN vector SET STORAGE EXTERNAL,
        ALTER COLUMN rank_vector SET STORAGE MAIN,
        ALTER COLUMN terms SET STORAGE EXTERNAL
    """,
    "CREATE INDEX search_pg_document_vector ON search_pg_document USING gin (vector)",
    "CREATE INDEX search_pg_document_terms ON search_pg_document USING gin (terms)",
    # The text shown in highlights, read for the hits of one page only.
    """
    CREATE TABLE search_pg_text (
        id bigint PRIMARY KEY REFERENCES search_pg_document (id) ON DELETE CASCADE,
        title text NOT NULL,
        text text NOT NULL
    )
    """,
    # Every filter value ("level_fl", "fl-lo-3") gets a small integer: documents carry those.
    """
    CREATE TABLE search_pg_value (
        id serial PRIMARY KEY,
        field text NOT NULL,
        value text NOT NULL,
        UNIQUE (field, value)
    )
    """,
    # The filter values a resource is counted under, as each region's viewer sees them: many
    # resources share one set (the same levels and subjects; the same type, language, licence
    # and kind), so counting groups resources by set first and expands the few sets after.
    """
    CREATE TABLE search_pg_value_set (
        id serial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        counted_fl integer[] NOT NULL,
        counted_nl integer[] NOT NULL
    )
    """,
    # One number that every write raises, in the writing transaction (what cached search
    # results are keyed on: it changes when, and only once, the change is visible).
    """
    CREATE TABLE search_pg_state (
        id integer PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
    )
    """,
    "INSERT INTO search_pg_state (id, version) VALUES (1, 0)",
    # Every indexed term per analysis (nl, en, fr, de, other): what a word with a typo can
    # become.
    """
    CREATE TABLE search_pg_lexeme (
        analysis varchar(8) NOT NULL,
        term text NOT NULL,
        PRIMARY KEY (analysis, term)
    )
    """,
    "CREATE INDEX search_pg_lexeme_trigrams ON search_pg_lexeme USING gin (term gin_trgm_ops)",
    "CREATE INDEX search_pg_lexeme_length ON search_pg_lexeme (analysis, char_length(term))",
]

DROP = [
    "DROP TABLE IF EXISTS search_pg_lexeme",
    "DROP TABLE IF EXISTS search_pg_state",
    "DROP TABLE IF EXISTS search_pg_value_set",
    "DROP TABLE IF EXISTS search_pg_value",
    "DROP TABLE IF EXISTS search_pg_text",
    "DROP TABLE IF EXISTS search_pg_document",
    # The extensions stay: they belong to the database, and something else may use them.
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
        ("search", "0002_saved_searches"),
    ]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP), elidable=False),
    ]

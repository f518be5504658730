"""The PostgreSQL full-text backend: the searches of the Tantivy backend, answered from tables
in the project's database (migration 0003), for deployments with several web nodes.

It finds the same resources as Tantivy for the same request (``tests/search/test_backends.py``
holds both to that):

- Analysis. Text is analysed here, in Python, by Tantivy's own analyzers (letters-and-digits
  tokens, words of 40 bytes or more dropped, lower-cased, accents folded, the Snowball stemmer
  of the resource's language, no stop words), and the terms are stored in a tsvector.
  PostgreSQL 15's Snowball dictionaries are an older Snowball than Tantivy's: of 59,000 Dutch
  words from the spelling dictionary they stem 47% differently (German 6%, English and French
  0.1-0.2%), so analysing in the database would find other resources than Tantivy does.
- One tsvector per resource, its terms named after their analysis: a Dutch resource's title
  and text hold "nl:breuk", as do its Dutch vocabulary labels (each language's labels are
  analysed as that language); authors (folded, not stemmed) and the text of a resource in
  any other language hold the bare folded word "breuken". A query word becomes
  each of its analyses OR'ed ('nl:breuk' | 'en:breuken' | 'fr:breuken' | 'de:breuk' |
  'breuken'), so a Dutch resource is found by the Dutch stem only: Tantivy's per-language
  fields. A plain OR of terms is answered by the GIN index alone (no recheck of the rows).
- Phrases use positions. A field starts two positions after the previous one ends, so a
  phrase never spans two fields; a dropped long word leaves a gap, as in Tantivy. PostgreSQL keeps
  positions up to 16,383 and 256 per term: a phrase deep in a very long text can be missed.
- Typos (``fuzzy``): ``search_pg_lexeme`` lists every indexed term per analysis. A word is
  expanded to the terms within the edit distance of its analysed form (a transposition counts
  one, like Tantivy's automaton): a trigram index or the term length narrows the candidates,
  levenshtein_less_equal and then an exact check in Python decide.
- Filters and facets: every filter value has a small integer (``search_pg_value``); a
  resource holds the integers that find it (``terms``, GIN index). For counting, the values it
  is counted under are grouped into three value sets shared by many resources (levels and
  subjects; type, language, licence and kind; format, accessibility notes, pick and duration:
  ``search_pg_value_set``) plus its publisher. Counting a broad match is then a GROUP BY of
  four integers over the matching rows, the sets expanded afterwards, all in the statement
  that fetches the page of hits. (One set of all seven would have tens of thousands of
  distinct values, each expanded when it is among the matches.)
- Relevance: ts_rank with the weights of Tantivy's field boosts (title 3, vocabulary 1.5, text
  and author 1), normalised by the log of the document length as BM25 damps long texts, times
  the quality multiplier log2(2 + boost) of ``ranking.py`` (stored as ``quality``). It is
  computed from ``rank_vector``: title, vocabulary, description, keywords and author, without
  the body text of files, which decides whether a resource matches but not how high it ranks.
  That vector is small enough to stay in the row; ranking tens of thousands of matches from
  the full vectors would read each one out of line. ts_rank rather than ts_rank_cd: no cover
  density over positions. A resource whose ranked fields miss every word (it matched in its
  body) keeps a small text score, so that such resources still follow their quality.
- Highlights: the page's hits are tokenised and analysed the same way in Python; a word is
  marked when its analysis is one the query asked for (typo expansions included).
- Collections: each collection has its own document, text, typo-list and version tables
  (resources: ``search_pg_document`` ..., created by migration 0003; questions:
  ``search_pg_questions_document`` ..., migration 0004), so searching the small forum never
  reads a resource row and clearing one collection leaves the other. Filter values and value
  sets are only names for integers: all collections share them.
"""

import math
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction

# One analysis for both backends: Tantivy's analyzers, used here as a library.
from ..analysis import LANGUAGES as ANALYSES
from ..analysis import OTHER, analysed_as, analyzer
from ..syntax import WORD, Clause, parse
from .base import (
    DEFAULT_COLLECTION,
    FACETS,
    FILTER_FIELDS,
    PREFERENCE_FIELDS,
    PREFERENCE_SCORE,
    RATING_STEPS,
    REGIONAL_FACETS,
    REGIONS,
    TOP_PUBLISHERS,
    SearchBackend,
    SearchRequest,
    SearchResult,
    checked_collection,
    counted_facets,
    counted_field,
    engine_filters,
    filter_field,
    filter_values,
    typo_distance,
)

_ANALYZERS = {name: analyzer(name) for name in ANALYSES}
# ts_rank's weights in the order D, C, B, A: author, text, vocabulary, title.
WEIGHTS = [1 / 3, 1 / 3, 0.5, 1.0]
# ts_rank normalisation 1: divide by 1 + log(number of words).
RANK_NORMALISATION = 1
# What a preference met adds to a resource's ts_rank (see PREFERENCE_SCORE).
PREFERENCE_RANK = 0.01
# The text score of a resource that matched in its body only (below any ranked-field match).
BODY_ONLY_SCORE = 1e-6
SORT_COLUMNS = {"newest": "published", "popular": "downloads", "rated": "rating_rank"}
SNIPPET_CHARS = 220
MAX_POSITION = 16383  # PostgreSQL's highest tsvector position
MAX_POSITIONS_PER_TERM = 256
# A tsvector holds at most 1 MB; past this many bytes of terms a text's further new words are
# left out (its first ~100,000 distinct words stay searchable).
MAX_VECTOR_BYTES = 900_000
# Counting facets over a broad match keeps every matching row in memory: give the statement
# room rather than spilling to disk (per search transaction only).
SEARCH_WORK_MEM = "64MB"
# After writing this many documents at once, merge the GIN pending list and refresh the
# planner's statistics, so that the first searches after a reindex are planned well.
LARGE_BATCH = 1000
# The collections whose tables a migration creates.
COLLECTIONS = (DEFAULT_COLLECTION, "questions")


@dataclass(frozen=True)
class Tables:
    """The names of one collection's tables (constants of this module: safe in SQL text)."""

    document: str
    text: str
    lexeme: str
    state: str
    vector_index: str

    @classmethod
    def of(cls, collection: str) -> "Tables":
        if checked_collection(collection) not in COLLECTIONS:
            raise ImproperlyConfigured(
                f"The PostgreSQL search backend has no tables for the collection {collection!r}:"
                " a migration of the search app must create them."
            )
        # The resources' tables keep the names they had before there were collections.
        prefix = "search_pg" if collection == DEFAULT_COLLECTION else f"search_pg_{collection}"
        return cls(
            document=f"{prefix}_document",
            text=f"{prefix}_text",
            lexeme=f"{prefix}_lexeme",
            state=f"{prefix}_state",
            vector_index=f"{prefix}_document_vector",
        )


@lru_cache(maxsize=200_000)
def analyse(analysis: str, token: str) -> tuple[str, ...]:
    """The terms Tantivy's analyzer for ``analysis`` makes of one token (none for a word of 40
    bytes or more)."""
    return tuple(_ANALYZERS[analysis].analyze(token))


def _lexeme(analysis: str, term: str) -> str:
    return term if analysis == OTHER else f"{analysis}:{term}"


def _quote(lexeme: str) -> str:
    """A lexeme in tsvector/tsquery input syntax (quoted, so that nothing in it is an
    operator)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _positions(text: str, analysis: str):
    """(offset, term) for each term of ``text``, offsets counted as Tantivy counts positions:
    one per token, kept or dropped."""
    offset = 0
    for token in WORD.findall(text):
        terms = analyse(analysis, token)
        for term in terms:
            yield offset, term
            offset += 1
        if not terms:
            offset += 1


# --- documents ----------------------------------------------------------------------------


def _vector(fields) -> tuple[str, dict[str, set[str]]]:
    """A tsvector (in input syntax) of (text, analysis, weight) fields, and the terms it
    holds per analysis."""
    entries: dict[str, list[str]] = {}
    terms: dict[str, set[str]] = defaultdict(set)
    size, start = 0, 1
    for value, analysis, weight in fields:
        end = start
        for offset, term in _positions(value, analysis):
            position = start + offset
            end = position
            lexeme = _lexeme(analysis, term)
            found = entries.get(lexeme)
            if found is None:
                size += len(lexeme.encode()) + 8
                if size > MAX_VECTOR_BYTES:
                    continue
                found = entries[lexeme] = []
                terms[analysis].add(term)
            if len(found) < MAX_POSITIONS_PER_TERM and position <= MAX_POSITION:
                found.append(f"{position}{weight}")
                size += 2
        # The next field starts two positions on: no phrase spans two fields.
        start = end + 2
    vector = " ".join(
        f"{_quote(lexeme)}:{','.join(positions)}" if positions else _quote(lexeme)
        for lexeme, positions in entries.items()
    )
    return vector, terms


def _vectors(values: dict) -> tuple[str, str, dict[str, set[str]]]:
    """A search document's tsvector for matching (everything), its tsvector for ranking
    (without the body: see ``rank_vector`` in the migration), and its terms per analysis."""
    analysis = analysed_as(values["language"])
    about = "\n".join((values["description"], values["keywords"]))

    def fields(text: str) -> list[tuple[str, str, str]]:
        return [
            (values["title"], analysis, "A"),
            # Labels stemmed as text in their language is.
            *(
                (labels, analysed_as(label_language), "B")
                for label_language, labels in values["vocabulary"].items()
            ),
            (text, analysis, "C"),
            (values["author"], OTHER, "D"),
            # Other forms of its words (lemmas, compound parts): matched and ranked, not shown.
            (values.get("variants", ""), analysis, "D"),
        ]

    rank_vector, _terms = _vector(fields(about))
    vector, terms = _vector(fields("\n".join((about, values["body"]))))
    return vector, rank_vector, terms


def _filter_values(values: dict) -> list[tuple[str, str]]:
    pairs = []
    for name in FILTER_FIELDS:
        value = values.get(name, "")
        for item in value if isinstance(value, list) else [value]:
            if item:
                pairs.append((name, str(item)))
    return pairs


# Facets counted through value sets (publishers, too many to share sets, are counted apart).
DETAIL_FACETS = ("format", "accessibility", "pick", "duration")
VALUE_SETS = {
    "regional_set": REGIONAL_FACETS,
    "common_set": tuple(
        f for f in FACETS if f not in (*REGIONAL_FACETS, *DETAIL_FACETS, "publisher")
    ),
    "detail_set": DETAIL_FACETS,
}


def _value_set_key(ids: dict[tuple[str, str], int], pairs, facets) -> str:
    """A value set as text: the value ids counted for each region's viewer, "1,5,9|2,6"."""
    return "|".join(
        ",".join(
            str(pk)
            for pk in sorted(
                {ids[pair] for pair in pairs if pair[0] in {counted_field(f, r) for f in facets}}
            )
        )
        for r in REGIONS
    )


# --- typo tolerance -------------------------------------------------------------------------


def _trigrams(term: str) -> set[str]:
    padded = f"  {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance where swapping two neighbouring letters counts one (the optimal
    string alignment distance, as Tantivy's Levenshtein automaton computes it); anything above
    ``limit`` is returned as ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # The row before the previous one (read only from the second row on).
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def _similar_terms(cursor, lexemes: str, analysis: str, term: str, distance: int) -> set[str]:
    """The indexed terms of ``analysis`` (in the table ``lexemes``) within ``distance`` edits
    of ``term``."""
    length = len(term)
    shared = len(_trigrams(term)) - 4 * distance
    if term.isascii() and term.isalnum() and shared >= 1:
        # Each edit touches at most four of the term's trigrams and a candidate has at most
        # length + distance + 1 of them, so every term within the distance has at least this
        # trigram similarity: the trigram index can narrow the candidates without losing one.
        threshold = shared / (length + 5 * distance + 1) - 1e-6
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)]
        )
        cursor.execute(
            f"""
            SELECT term FROM {lexemes}
            WHERE term %% %s AND analysis = %s
              AND char_length(term) BETWEEN %s AND %s
            """,  # noqa: S608
            [term, analysis, length - distance, length + distance],
        )
    else:
        # Short words share too few trigrams with their neighbours: compare by length.
        # A transposition costs two in plain Levenshtein, hence the wider first cut.
        cursor.execute(
            f"""
            SELECT term FROM {lexemes}
            WHERE analysis = %s AND char_length(term) BETWEEN %s AND %s
              AND levenshtein_less_equal(term, %s, %s) <= %s
            """,  # noqa: S608
            [analysis, length - distance, length + distance, term, 2 * distance, 2 * distance],
        )
    found = {row[0] for row in cursor.fetchall()}
    return {other for other in found if _edit_distance(term, other, distance) <= distance}


# --- queries ----------------------------------------------------------------------------------


class _TextQuery:
    """The parsed text as a tsquery, and the terms to mark in highlights."""

    def __init__(self, cursor, request: SearchRequest, lexemes: str):
        self.lexeme_table = lexemes
        text, self.fuzzy_words = request.text, set(request.fuzzy_words)
        fuzzy = request.fuzzy
        parsed = parse(text)
        self.highlight: dict[str, set[str]] = defaultdict(set)
        # Every lexeme of the words that should match, OR'ed: what relevance is scored on.
        self.lexemes: list[str] = []
        self.matches_nothing = False
        self.positive = False
        groups = []
        for group in parsed.groups:
            either = [q for q in (self._clause(cursor, c, fuzzy) for c in group) if q]
            if not either:
                # No clause of this group can match anything (every word too long).
                self.matches_nothing = True
                return
            groups.append(" | ".join(either))
        excluded = [q for q in (self._clause(cursor, c, 0) for c in parsed.excluded) if q]
        parts = [f"( {group} )" for group in groups]
        parts += [f"!( {clause} )" for clause in excluded]
        self.positive = bool(groups)
        self.tsquery = " & ".join(parts)
        self.ranked = " | ".join(dict.fromkeys(self.lexemes))

    def _clause(self, cursor, clause: Clause, fuzzy: int) -> str:
        """The tsquery of one clause: any analysis of it, OR'ed ("" when it can match
        nothing)."""
        alternatives = []
        if not fuzzy and not clause.excluded and clause.text.lower() in self.fuzzy_words:
            fuzzy = typo_distance(clause.text.lower())
        for analysis in ANALYSES:
            sequence = []
            offset = 0
            for word in clause.words:
                # Tantivy lower-cases the query before its analyzer (the 40-byte limit applies
                # to the lower-cased word).
                terms = analyse(analysis, word.lower())
                for term in terms:
                    sequence.append((offset, term))
                    offset += 1
                if not terms:
                    offset += 1
            if not sequence:
                continue
            if len(sequence) == 1:
                term = sequence[0][1]
                found = {term}
                if fuzzy and not clause.excluded and not clause.is_phrase:
                    found |= _similar_terms(cursor, self.lexeme_table, analysis, term, fuzzy)
                lexemes = [_quote(_lexeme(analysis, t)) for t in sorted(found)]
                if not clause.excluded:
                    self.highlight[analysis] |= found
                    self.lexemes.extend(lexemes)
                alternatives.extend(lexemes)
                continue
            # A phrase: each term at its distance from the one before.
            if not clause.excluded:
                self.highlight[analysis] |= {term for _offset, term in sequence}
                self.lexemes.extend(_quote(_lexeme(analysis, t)) for _offset, t in sequence)
            parts = [_quote(_lexeme(analysis, sequence[0][1]))]
            for (before, _), (offset, term) in pairwise(sequence):
                parts.append(f"<{offset - before}> {_quote(_lexeme(analysis, term))}")
            alternatives.append("( " + " ".join(parts) + " )")
        return " | ".join(dict.fromkeys(alternatives))


def _snippet(text: str, analysis: str, matched: set[str], whole: bool) -> list[tuple[str, bool]]:
    """``text`` (all of it when ``whole``, else its best fragment of about SNIPPET_CHARS
    characters) in pieces, the words that matched flagged; [] when none matched."""
    tokens = [
        (m.start(), m.end(), bool(set(analyse(analysis, m.group())) & matched))
        for m in WORD.finditer(text)
    ]
    if not any(hit for _start, _end, hit in tokens):
        return []
    if whole:
        start, end = 0, len(text)
    else:
        # Consecutive fragments from word to word, as Tantivy's snippet generator cuts them;
        # the one with most matched words wins (the first on a tie).
        fragments: list[list[tuple[int, int, bool]]] = []
        for token in tokens:
            if not fragments or token[1] - fragments[-1][0][0] > SNIPPET_CHARS:
                fragments.append([])
            fragments[-1].append(token)
        best = max(fragments, key=lambda fragment: sum(hit for *_span, hit in fragment))
        start, end = best[0][0], best[-1][1]
    pieces, position = [], start
    for token_start, token_end, hit in tokens:
        if not hit or token_start < start or token_end > end:
            continue
        if token_start > position:
            pieces.append((text[position:token_start], False))
        pieces.append((text[token_start:token_end], True))
        position = token_end
    if position < end:
        pieces.append((text[position:end], False))
    return pieces


@dataclass
class _Query:
    """A request as SQL: conditions on a collection's document table and the score to sort
    by."""

    text: _TextQuery | None
    where: list[str] = field(default_factory=lambda: ["TRUE"])
    params: list = field(default_factory=list)
    score: str = "quality"
    score_params: list = field(default_factory=list)

    @property
    def conditions(self) -> str:
        return " AND ".join(self.where)


class PostgresBackend(SearchBackend):
    def __init__(self, directory=None, collection: str = DEFAULT_COLLECTION):
        # ``directory`` is the Tantivy index folder: nothing to keep there.
        self.collection = collection
        self.tables = Tables.of(collection)
        if self.connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                "The PostgreSQL search backend needs PostgreSQL as the default database "
                f"(DATABASE_URL); it is {self.connection.vendor}. Use "
                "staffroom.search.backends.tantivy_backend.TantivyBackend instead."
            )

    @property
    def connection(self):
        # Looked up per call: Django's connections belong to a thread, the backend to the
        # process.
        return connections["default"]

    # --- writing ------------------------------------------------------------------------------

    def _value_ids(self, cursor, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        if not pairs:
            return {}
        fields, values = zip(*sorted(pairs), strict=True)
        # Insert the new ones only (ON CONFLICT alone would use up a sequence number each).
        cursor.execute(
            """
            INSERT INTO search_pg_value (field, value)
            SELECT field, value FROM unnest(%s::text[], %s::text[]) AS new (field, value)
            WHERE NOT EXISTS (
                SELECT FROM search_pg_value known
                WHERE known.field = new.field AND known.value = new.value
            )
            ON CONFLICT DO NOTHING
            """,
            [list(fields), list(values)],
        )
        return self._known_value_ids(cursor, pairs)

    def _known_value_ids(self, cursor, pairs) -> dict[tuple[str, str], int]:
        if not pairs:
            return {}
        fields, values = zip(*pairs, strict=True)
        cursor.execute(
            """
            SELECT known.field, known.value, known.id
            FROM search_pg_value known
            JOIN unnest(%s::text[], %s::text[]) AS wanted (field, value)
              ON known.field = wanted.field AND known.value = wanted.value
            """,
            [list(fields), list(values)],
        )
        return {(field, value): pk for field, value, pk in cursor.fetchall()}

    def _value_set_ids(self, cursor, keys: set[str]) -> dict[str, int]:
        if not keys:
            return {}
        cursor.execute(
            """
            INSERT INTO search_pg_value_set (key, counted_fl, counted_nl)
            SELECT new.key,
                string_to_array(split_part(new.key, '|', 1), ',')::int[],
                string_to_array(split_part(new.key, '|', 2), ',')::int[]
            FROM unnest(%s::text[]) AS new (key)
            WHERE NOT EXISTS (SELECT FROM search_pg_value_set known WHERE known.key = new.key)
            ON CONFLICT DO NOTHING
            """,
            [sorted(keys)],
        )
        cursor.execute(
            "SELECT key, id FROM search_pg_value_set WHERE key = ANY(%s::text[])", [list(keys)]
        )
        return dict(cursor.fetchall())

    def index_documents(self, documents: list[dict]) -> None:
        if not documents:
            return
        # The last version of a document given twice wins, as in Tantivy.
        documents = list({values["id"]: values for values in documents}.values())
        documents.sort(key=lambda values: values["id"])  # one lock order for every writer
        prepared = []
        lexemes: set[tuple[str, str]] = set()
        pairs: set[tuple[str, str]] = set()
        for values in documents:
            vector, rank_vector, terms = _vectors(values)
            for analysis, found in terms.items():
                lexemes.update((analysis, term) for term in found)
            filter_values = _filter_values(values)
            pairs.update(filter_values)
            prepared.append((values, vector, rank_vector, filter_values))
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            ids = self._value_ids(cursor, pairs)
            keys = [
                {
                    column: _value_set_key(ids, filter_values, facets)
                    for column, facets in VALUE_SETS.items()
                }
                for _values, _vector, _rank_vector, filter_values in prepared
            ]
            sets = self._value_set_ids(cursor, {key for found in keys for key in found.values()})
            rows, texts = [], []
            for (values, vector, rank_vector, filter_values), key in zip(
                prepared, keys, strict=True
            ):
                rows.append(
                    (
                        values["id"],
                        analysed_as(values["language"]),
                        vector,
                        rank_vector,
                        sorted({ids[pair] for pair in filter_values}),
                        sorted(
                            {ids[pair] for pair in filter_values if pair[0] in PREFERENCE_FIELDS}
                        ),
                        *(sets[key[column]] for column in VALUE_SETS),
                        ids.get(("publisher", str(values["publisher"]))),
                        values["published"],
                        values["downloads"],
                        float(values["rating"]),
                        float(values["rating_rank"]),
                        _quality(values["boost"]),
                    )
                )
                texts.append(
                    (
                        values["id"],
                        values["title"],
                        "\n".join((values["description"], values["keywords"], values["body"])),
                    )
                )
            tables = self.tables
            cursor.executemany(
                f"""
                INSERT INTO {tables.document} (id, analysed_as, vector, rank_vector, terms,
                    preferred, regional_set, common_set, detail_set, publisher, published,
                    downloads, rating, rating_rank, quality)
                VALUES (%s, %s, %s::tsvector, %s::tsvector, %s::int[], %s::int[], %s, %s, %s,
                    %s, %s, %s, %s, %s, %s)
                ON CONFLICT (id) DO UPDATE SET
                    analysed_as = EXCLUDED.analysed_as, vector = EXCLUDED.vector,
                    rank_vector = EXCLUDED.rank_vector, terms = EXCLUDED.terms,
                    preferred = EXCLUDED.preferred,
                    regional_set = EXCLUDED.regional_set, common_set = EXCLUDED.common_set,
                    detail_set = EXCLUDED.detail_set,
                    publisher = EXCLUDED.publisher, published = EXCLUDED.published,
                    downloads = EXCLUDED.downloads, rating = EXCLUDED.rating,
                    rating_rank = EXCLUDED.rating_rank, quality = EXCLUDED.quality
                """,  # noqa: S608
                rows,
            )
            cursor.executemany(
                f"""
                INSERT INTO {tables.text} (id, title, text) VALUES (%s, %s, %s)
                ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, text = EXCLUDED.text
                """,  # noqa: S608
                texts,
            )
            if lexemes:
                analyses, analysed_terms = zip(*sorted(lexemes), strict=True)
                cursor.execute(
                    f"""
                    INSERT INTO {tables.lexeme} (analysis, term)
                    SELECT * FROM unnest(%s::text[], %s::text[])
                    ON CONFLICT DO NOTHING
                    """,  # noqa: S608
                    [list(analyses), list(analysed_terms)],
                )
            self._changed(cursor)
            if len(documents) >= LARGE_BATCH:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [tables.vector_index])
                cursor.execute(f"ANALYZE {tables.document}")

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            # Terms stay in the typo list: harmless (they find nothing), and gone at `clear`.
            cursor.execute(
                f"DELETE FROM {self.tables.document} WHERE id = ANY(%s::bigint[])",  # noqa: S608
                [list(ids)],
            )
            self._changed(cursor)

    def clear(self) -> None:
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            tables = self.tables
            cursor.execute(f"TRUNCATE {tables.text}, {tables.document}, {tables.lexeme}")
            self._changed(cursor)

    def _changed(self, cursor) -> None:
        cursor.execute(f"UPDATE {self.tables.state} SET version = version + 1")  # noqa: S608

    # --- reading ------------------------------------------------------------------------------

    def version(self) -> str:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {self.tables.state}")  # noqa: S608
            return str(cursor.fetchone()[0])

    def indexed_ids(self) -> set[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {self.tables.document}")  # noqa: S608
            return {row[0] for row in cursor.fetchall()}

    @contextmanager
    def _reading(self):
        """A cursor in a transaction that is rolled back: searching writes nothing, and the
        settings it makes for itself (work_mem, enable_seqscan, the trigram threshold) end
        with it, also inside a caller's transaction."""
        alias = self.connection.alias
        with transaction.atomic(using=alias), self.connection.cursor() as cursor:
            yield cursor
            transaction.set_rollback(True, using=alias)

    def search(self, request: SearchRequest) -> SearchResult:
        with self._reading() as cursor:
            return self._search(cursor, request)

    def _empty(self, request: SearchRequest) -> SearchResult:
        result = SearchResult(ids=[], total=0)
        wanted = counted_facets(request)
        result.facets = {facet: {} for facet in FACETS if facet in wanted}
        if "rating" in wanted:
            result.facets["rating"] = {str(step): 0 for step in RATING_STEPS}
        return result

    def _query(self, cursor, request: SearchRequest) -> "_Query | None":
        """The request as SQL conditions and a score (None: it can match nothing)."""
        text = _TextQuery(cursor, request, self.tables.lexeme) if request.text.strip() else None
        if text is not None and text.matches_nothing:
            return None
        query = _Query(text)
        if text is not None and text.tsquery:
            query.where.append("vector @@ %s::tsquery")
            query.params.append(text.tsquery)
            # The planner does not know that testing @@ on a row reads its out-of-line
            # vector; the GIN index answers a plain query without reading any.
            cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
        wanted = {
            facet: {(filter_field(facet, item), item) for item in filter_values(value)}
            for facet, value in engine_filters(request.filters).items()
            if facet in FACETS and filter_values(value)
        }
        if wanted:
            found = self._known_value_ids(cursor, set().union(*wanted.values()))
            required, either = [], []
            for pairs in wanted.values():
                known = sorted(found[pair] for pair in pairs if pair in found)
                if not known:
                    return None  # no resource has any of the facet's values
                if len(pairs) == 1:
                    required.extend(known)
                else:
                    either.append(known)
            if required:
                query.where.append("terms @> %s::int[]")
                query.params.append(sorted(required))
            for known in either:
                # Any of a facet's values (the GIN index answers an overlap, too).
                query.where.append("terms && %s::int[]")
                query.params.append(known)
        if request.min_rating:
            query.where.append("rating >= %s")
            query.params.append(float(request.min_rating))
        if request.only_ids:
            query.where.append("id = ANY(%s::bigint[])")
            query.params.append(list(request.only_ids))
        # Read from the small ``preferred`` column (migration 0007), not from ``terms``.
        prefer = {pair for pair in request.prefer if pair[0] in PREFERENCE_FIELDS}
        preferred = sorted(self._known_value_ids(cursor, prefer).values()) if prefer else []
        column = SORT_COLUMNS.get(request.sort)
        if column:
            query.score = column
        elif text is not None and text.positive:
            rank = f"ts_rank(%s::float4[], rank_vector, %s::tsquery, %s) + {BODY_ONLY_SCORE}"
            query.score_params = [WEIGHTS, text.ranked, RANK_NORMALISATION]
            for value_id in preferred:
                # ts_rank runs about a tenth of BM25: a preference gains as much relative to
                # the text score as in Tantivy.
                rank += f" + {PREFERENCE_RANK} * (preferred @> ARRAY[%s])::int"
                query.score_params.append(value_id)
            query.score = f"({rank}) * quality"
        elif preferred:
            gains = " + ".join(
                [f"{PREFERENCE_SCORE} * (preferred @> ARRAY[%s])::int"] * len(preferred)
            )
            query.score = f"(1 + {gains}) * quality"
            query.score_params = list(preferred)
        return query

    def top_ids(self, request: SearchRequest) -> list[int]:
        """The page of hits alone: no total, no facet counts (the benchmark's floor)."""
        with self._reading() as cursor:
            query = self._query(cursor, request)
            if query is None:
                return []
            cursor.execute(
                f"""
                SELECT id FROM {self.tables.document} WHERE {query.conditions}
                ORDER BY {query.score} DESC, id DESC LIMIT %s OFFSET %s
                """,  # noqa: S608
                [
                    *query.params,
                    *query.score_params,
                    max(request.limit, 0),
                    max(request.offset, 0),
                ],
            )
            return [row[0] for row in cursor.fetchall()]

    def _search(self, cursor, request: SearchRequest) -> SearchResult:
        query = self._query(cursor, request)
        if query is None:
            return self._empty(request)
        region = request.region if request.region in REGIONS else REGIONS[0]
        cursor.execute("SELECT set_config('work_mem', %s, true)", [SEARCH_WORK_MEM])
        # One statement, one pass over the matching rows: they are kept (MATERIALIZED), then
        # counted and sorted for the page. Only constants of this module go into the SQL text.
        # No hits asked for (counts only): nothing to rank.
        score, score_params = (query.score, query.score_params) if request.limit > 0 else ("0", [])
        matched = f"""
            WITH matched AS MATERIALIZED (
                SELECT id, {score} AS score, regional_set, common_set, detail_set,
                    publisher, rating
                FROM {self.tables.document}
                WHERE {query.conditions}
            )"""  # noqa: S608
        page = """
            (SELECT array_agg(id ORDER BY score DESC, id DESC) FROM (
                SELECT id, score FROM matched ORDER BY score DESC, id DESC LIMIT %s OFFSET %s
            ) AS page) AS ids"""
        params = [*score_params, *query.params]
        page_params = [max(request.limit, 0), max(request.offset, 0)]
        wanted = counted_facets(request)
        if wanted:
            ids, total, ratings, facets = self._counted(
                cursor, matched, page, region, params, page_params, wanted
            )
        else:
            statement = f"{matched} SELECT {page}, (SELECT count(*) FROM matched)"  # noqa: S608
            cursor.execute(statement, params + page_params)
            ids, total = cursor.fetchone()
        result = SearchResult(ids=list(ids or []), total=total)
        if wanted:
            by_field = {counted_field(f, region): f for f in FACETS if f in wanted}
            result.facets = {facet: {} for facet in by_field.values()}
            for name, value, matches in facets or []:
                if name in by_field:
                    result.facets[by_field[name]][value] = matches
            if "rating" in wanted:
                result.facets["rating"] = {
                    str(step): count for step, count in zip(RATING_STEPS, ratings, strict=True)
                }
        if request.highlight and query.text is not None and result.ids:
            result.highlights = self._highlights(cursor, result.ids, query.text.highlight)
        return result

    def _counted(self, cursor, matched: str, page: str, region: str, params, page_params, wanted):
        """The page, the total, the rating counts and the counts of the facets ``wanted``, in
        one statement.

        Levels and subjects are counted per value set (the few hundred distinct sets the
        matches hold), then the sets are expanded to their values; publishers are counted one
        by one and only the largest named. What is not wanted is not grouped."""
        # The total and the rating counts ride along with one of the GROUP BYs.
        ratings = [f"rating_{n}" for n in range(len(RATING_STEPS))]
        rated = ", ".join(f"count(*) FILTER (WHERE rating >= %s) AS {name}" for name in ratings)
        totals = ", ".join(f"coalesce(sum({name}), 0)" for name in ["matches", *ratings])
        counted = "counted_fl" if region == "fl" else "counted_nl"
        sets = []
        if set(wanted) & set(VALUE_SETS["regional_set"]):
            sets.append(
                "SELECT regional_set AS set_id, count(*) AS matches FROM matched"
                " GROUP BY regional_set"
            )
        if set(wanted) & set(VALUE_SETS["common_set"]):
            sets.append("SELECT set_id, matches FROM common_counts")
        if set(wanted) & set(VALUE_SETS["detail_set"]):
            sets.append(
                "SELECT detail_set AS set_id, count(*) AS matches FROM matched GROUP BY detail_set"
            )
        found = ["SELECT * FROM counts"] if sets else []
        publishers = "publisher" in wanted
        if publishers:
            found.append("SELECT * FROM top_publishers")
        set_counts = " UNION ALL ".join(sets) or "SELECT NULL::int AS set_id, 0 AS matches"
        found_rows = " UNION ALL ".join(found) or "SELECT NULL::int, 0::bigint WHERE false"
        cursor.execute(
            f"""{matched}, common_counts AS (
                SELECT common_set AS set_id, count(*) AS matches, {rated}
                FROM matched GROUP BY common_set
            ), set_counts AS (
                {set_counts}
            ), counts AS (
                SELECT value_id, sum(set_counts.matches)::bigint AS matches
                FROM set_counts
                JOIN search_pg_value_set value_set ON value_set.id = set_counts.set_id,
                    unnest(value_set.{counted}) AS value_id
                GROUP BY value_id
            ), top_publishers AS (
                SELECT publisher AS value_id, count(*) AS matches
                FROM matched WHERE publisher IS NOT NULL
                GROUP BY publisher ORDER BY matches DESC, publisher LIMIT %s
            )
            SELECT
                {page},
                (SELECT ARRAY[{totals}]::bigint[] FROM common_counts) AS totals,
                (SELECT json_agg(json_build_array(known.field, known.value, found.matches))
                 FROM ({found_rows}) AS found (value_id, matches)
                 JOIN search_pg_value known ON known.id = found.value_id) AS facets
            """,  # noqa: S608
            [*params, *RATING_STEPS, TOP_PUBLISHERS, *page_params],
        )
        ids, (total, *ratings), facets = cursor.fetchone()
        return ids, total, ratings, facets

    def _highlights(self, cursor, ids: list[int], matched: dict[str, set[str]]) -> dict:
        cursor.execute(
            f"""
            SELECT document.id, document.analysed_as, shown.title, shown.text
            FROM {self.tables.document} document JOIN {self.tables.text} shown USING (id)
            WHERE document.id = ANY(%s::bigint[])
            """,  # noqa: S608
            [ids],
        )
        highlights = {}
        for pk, analysis, title, text in cursor.fetchall():
            terms = matched.get(analysis, set())
            highlights[pk] = {
                "title": _snippet(title, analysis, terms, whole=True),
                "text": _snippet(text, analysis, terms, whole=False),
            }
        return highlights


def _quality(boost: float) -> float:
    """The quality multiplier log2(2 + boost) (``ranking.boost`` stores it that way)."""
    return math.log2(2 + max(float(boost), -1.0))

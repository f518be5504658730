"""The default search backend: a Tantivy index in a folder (BM25, per-language stemming,
accent folding, fast-field facet counts).

Tantivy allows one writer per index: only the task worker writes (through the services);
web processes open the same folder read-only and reload before searching.

Each collection is an index of its own: resources in ``<SEARCH_INDEX_DIR>/v<version>`` (where
it has always been), any other collection in ``<SEARCH_INDEX_DIR>/<collection>/v<version>``.
"""

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import tantivy

from ..analysis import LANGUAGES, analysed_as, analyzer
from ..syntax import Clause, parse
from .base import (
    DEFAULT_COLLECTION,
    FACETS,
    FILTER_FIELDS,
    PREFERENCE_FIELDS,
    PREFERENCE_SCORE,
    RATING_STEPS,
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

# Raised whenever the schema changes: the index then lives in a new folder, which
# ``staffroom search reindex`` fills (``make run`` does so when it finds it empty); the old
# one can be deleted.
SCHEMA_VERSION = 6
WRITER_HEAP_BYTES = 64 * 1024 * 1024
FACET_SIZE = 500
SORT_FIELDS = {"newest": "published", "popular": "downloads", "rated": "rating_rank"}
SNIPPET_CHARS = 220
# Counting facets runs beside the top-hits search (both release the GIL): a request's latency
# is the slower of the two rather than their sum.
_facet_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="facets")


def _schema():
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    # Which language's fields hold the text (for highlighting).
    builder.add_text_field("analysed_as", stored=True, tokenizer_name="raw")
    for language in LANGUAGES:
        # A resource's text goes to the fields of its own language, analysed by its stemmer.
        # Stored, so that the page can show where the words matched.
        for kind in ("title", "text"):
            builder.add_text_field(
                f"{kind}_{language}", stored=True, tokenizer_name=f"staffroom_{language}"
            )
        # Other forms of its words (lemmas, compound parts): matched, never shown.
        builder.add_text_field(f"variants_{language}", tokenizer_name=f"staffroom_{language}")
        # Vocabulary labels in this language (of both regions): stemmed as its text is.
        builder.add_text_field(f"vocabulary_{language}", tokenizer_name=f"staffroom_{language}")
    # Authors: folded, not stemmed.
    builder.add_text_field("author", tokenizer_name="staffroom_other")
    for name in FILTER_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_integer_field("published", fast=True)
    builder.add_integer_field("downloads", fast=True)
    builder.add_float_field("rating", fast=True)
    builder.add_float_field("rating_rank", fast=True)
    builder.add_float_field("boost", fast=True)
    return builder.build()


def index_directory(directory, collection: str = DEFAULT_COLLECTION) -> Path:
    """The folder of ``collection``'s index under the search folder ``directory``."""
    root = Path(directory)
    if collection != DEFAULT_COLLECTION:
        root = root / checked_collection(collection)
    return root / f"v{SCHEMA_VERSION}"


class TantivyBackend(SearchBackend):
    def __init__(self, directory, collection: str = DEFAULT_COLLECTION):
        self.collection = collection
        self.directory = index_directory(directory, collection)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(self.directory), reuse=True)
        for language in LANGUAGES:
            self.index.register_tokenizer(f"staffroom_{language}", analyzer(language))
        self.text_fields = [
            f"{kind}_{language}"
            for language in LANGUAGES
            for kind in ("title", "text", "variants", "vocabulary")
        ] + ["author"]
        self.boosts = (
            {f"title_{language}": 3.0 for language in LANGUAGES}
            | {f"variants_{language}": 0.5 for language in LANGUAGES}
            | {f"vocabulary_{language}": 1.5 for language in LANGUAGES}
        )

    # --- writing (task worker only) ---------------------------------------------------------

    def _document(self, values: dict) -> tantivy.Document:
        language = analysed_as(values["language"])
        document = tantivy.Document()
        document.add_integer("id", values["id"])
        document.add_text("analysed_as", language)
        document.add_text(f"title_{language}", values["title"])
        document.add_text(
            f"text_{language}",
            "\n".join((values["description"], values["keywords"], values["body"])),
        )
        document.add_text(f"variants_{language}", values.get("variants", ""))
        for label_language, labels in values["vocabulary"].items():
            document.add_text(f"vocabulary_{analysed_as(label_language)}", labels)
        document.add_text("author", values["author"])
        for name in FILTER_FIELDS:
            value = values.get(name, "")
            for item in value if isinstance(value, list) else [value]:
                if item:
                    document.add_text(name, str(item))
        document.add_integer("published", values["published"])
        document.add_integer("downloads", values["downloads"])
        document.add_float("rating", float(values["rating"]))
        document.add_float("rating_rank", float(values["rating_rank"]))
        document.add_float("boost", float(values["boost"]))
        return document

    def _writer(self):
        # One writer at a time: a second worker process waits for the lock briefly.
        for _attempt in range(100):
            try:
                return self.index.writer(WRITER_HEAP_BYTES, 1)
            except ValueError:
                time.sleep(0.05)
        return self.index.writer(WRITER_HEAP_BYTES, 1)

    def index_documents(self, documents: list[dict]) -> None:
        writer = self._writer()
        for values in documents:
            writer.delete_documents_by_term("id", values["id"])
            writer.add_document(self._document(values))
        writer.commit()
        writer.wait_merging_threads()

    def delete(self, ids: list[int]) -> None:
        writer = self._writer()
        for pk in ids:
            writer.delete_documents_by_term("id", pk)
        writer.commit()
        writer.wait_merging_threads()

    def clear(self) -> None:
        writer = self._writer()
        writer.delete_all_documents()
        writer.commit()
        writer.wait_merging_threads()

    # --- reading ----------------------------------------------------------------------------

    def _searcher(self):
        self.index.reload()
        return self.index.searcher()

    def version(self) -> str:
        # meta.json records the commit's opstamp and the segments; every write changes one of
        # them (clearing the index keeps the opstamp but empties the segment list).
        try:
            meta = (self.directory / "meta.json").read_bytes()
        except FileNotFoundError:
            return "empty"
        return hashlib.blake2b(meta, digest_size=12).hexdigest()

    def indexed_ids(self) -> set[int]:
        searcher = self._searcher()
        total = searcher.num_docs
        if not total:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), limit=total).hits
        return {searcher.doc(address)["id"][0] for _score, address in hits}

    def _clause_query(self, clause: Clause, request: SearchRequest | None):
        # Clauses hold only letters and digits: lower-cased, nothing in them is an operator.
        text = clause.text.lower()
        fuzzy = 0
        if request is not None:
            fuzzy = request.fuzzy or (typo_distance(text) if text in request.fuzzy_words else 0)
        text = f'"{text}"' if clause.is_phrase else text
        fuzzy_fields = (
            {name: (False, fuzzy, True) for name in self.text_fields}
            if fuzzy and not clause.is_phrase and not clause.excluded
            else None
        )
        query, _errors = self.index.parse_query_lenient(
            text, self.text_fields, field_boosts=self.boosts, fuzzy_fields=fuzzy_fields
        )
        weight = dict(request.weights).get(clause.text.lower()) if request is not None else None
        return tantivy.Query.boost_query(query, weight) if weight is not None else query

    def _text_query(self, request: SearchRequest):
        parsed = parse(request.text)
        clauses = []
        for group in parsed.groups:
            if len(group) == 1:
                clauses.append((tantivy.Occur.Must, self._clause_query(group[0], request)))
            else:
                either = [
                    (tantivy.Occur.Should, self._clause_query(clause, request)) for clause in group
                ]
                clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(either)))
        for clause in parsed.excluded:
            clauses.append((tantivy.Occur.MustNot, self._clause_query(clause, None)))
        return clauses

    def _query(self, request: SearchRequest):
        clauses = self._text_query(request)
        for facet, value in engine_filters(request.filters).items():
            values = filter_values(value)
            if facet not in FACETS or not values:
                continue
            # Any of a facet's values may match; a value no document can hold (a level of no
            # known region) matches nothing.
            either = [
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, field, item))
                for item in values
                if (field := filter_field(facet, item)) in FILTER_FIELDS
            ]
            if not either:
                return tantivy.Query.boolean_query(
                    [(tantivy.Occur.MustNot, tantivy.Query.all_query())]
                )
            # Scored as a constant: a filter says which resources, not how well they match
            # (with no words, the quality signals alone then order them, as in PostgreSQL).
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.const_score_query(tantivy.Query.boolean_query(either), 1.0),
                )
            )
        if request.min_rating:
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        self.schema,
                        "rating",
                        tantivy.FieldType.Float,
                        float(request.min_rating),
                        None,
                    ),
                )
            )
        if request.only_ids:
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.term_set_query(self.schema, "id", list(request.only_ids)),
                )
            )
        if not any(occur == tantivy.Occur.Must for occur, _query in clauses):
            # Nothing required (no words, only exclusions): everything but the exclusions.
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        for field, value in request.prefer:
            if field in PREFERENCE_FIELDS:
                preferred = tantivy.Query.term_query(self.schema, field, value)
                clauses.append(
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.const_score_query(preferred, PREFERENCE_SCORE),
                    )
                )
        return tantivy.Query.boolean_query(clauses)

    def _count_facets(
        self, searcher, query, region: str, wanted: tuple[str, ...]
    ) -> dict[str, dict[str, int]]:
        """The counts of the facets ``wanted`` (``counted_facets``), "rating" among them."""
        counted = [facet for facet in FACETS if facet in wanted]
        fields = {facet: counted_field(facet, region) for facet in counted}
        requested: dict[str, dict] = {
            facet: {
                "terms": {
                    "field": field,
                    "size": TOP_PUBLISHERS if facet == "publisher" else FACET_SIZE,
                }
            }
            for facet, field in fields.items()
        }
        # Ratings in bands of one star (ranges may not overlap), summed to "N and up" below.
        steps = sorted(RATING_STEPS)
        if "rating" in wanted:
            requested["rating"] = {
                "range": {
                    "field": "rating",
                    "ranges": [
                        {"from": float(low), "to": float(high), "key": str(low)}
                        for low, high in pairwise(steps)
                    ]
                    + [{"from": float(steps[-1]), "key": str(steps[-1])}],
                }
            }
        aggregations = searcher.aggregate(query, requested) if requested else {}
        facets = {
            facet: {bucket["key"]: bucket["doc_count"] for bucket in aggregations[facet]["buckets"]}
            for facet in counted
        }
        if "rating" in wanted:
            bands = {b["key"]: b["doc_count"] for b in aggregations["rating"]["buckets"]}
            facets["rating"] = {
                str(step): sum(bands.get(str(s), 0) for s in steps if s >= step)
                for step in RATING_STEPS
            }
        return facets

    def _top_hits(self, searcher, query, request: SearchRequest):
        # No hits asked for (counts only): ordered by a field, nothing is scored.
        order = SORT_FIELDS.get(request.sort) or ("published" if request.limit <= 0 else None)
        options = {"limit": max(request.limit, 1), "offset": request.offset}
        if order:
            return searcher.search(query, order_by_field=order, order=tantivy.Order.Desc, **options)
        # Relevance: the text score times log2(2 + boost), the quality signals (ranking.py).
        return searcher.search(query, weight_by_field="boost", **options)

    def search(self, request: SearchRequest) -> SearchResult:
        searcher = self._searcher()
        query = self._query(request)
        wanted = counted_facets(request)
        counting = (
            _facet_pool.submit(self._count_facets, searcher, query, request.region, wanted)
            if wanted
            else None
        )
        found = self._top_hits(searcher, query, request)
        documents = [searcher.doc(address) for _score, address in found.hits[: request.limit]]
        ids = [document["id"][0] for document in documents]
        result = SearchResult(ids=ids, total=found.count)
        if request.highlight and request.text.strip():
            result.highlights = self._highlights(searcher, query, documents)
        if counting is not None:
            result.facets = counting.result()
        return result

    def _highlights(self, searcher, query, documents) -> dict:
        generators = {}

        def snippet(field: str, document, whole: bool = False):
            if field not in generators:
                generators[field] = tantivy.SnippetGenerator.create(
                    searcher, query, self.schema, field
                )
                generators[field].set_max_num_chars(SNIPPET_CHARS)
            found = generators[field].snippet_from_doc(document)
            pieces = _pieces(found.fragment(), found.highlighted())
            if whole:
                # The fragment runs from the first to the last word: put back what surrounds
                # it (a title's closing quote or question mark).
                text, fragment = document[field][0], found.fragment()
                start = text.find(fragment) if fragment else -1
                if start >= 0:
                    pieces = [
                        (text[:start], False),
                        *pieces,
                        (text[start + len(fragment) :], False),
                    ]
                    pieces = [piece for piece in pieces if piece[0]]
            return pieces

        highlights = {}
        for document in documents:
            language = document["analysed_as"][0]
            highlights[document["id"][0]] = {
                "title": snippet(f"title_{language}", document, whole=True),
                "text": snippet(f"text_{language}", document),
            }
        return highlights


def _pieces(fragment: str, ranges) -> list[tuple[str, bool]]:
    """Split a fragment into plain and matched pieces (Tantivy's ranges count UTF-8 bytes)."""
    data = fragment.encode()
    pieces, position = [], 0
    for span in ranges:
        if span.start > position:
            pieces.append((data[position : span.start].decode(errors="ignore"), False))
        pieces.append((data[span.start : span.end].decode(errors="ignore"), True))
        position = span.end
    if position < len(data):
        pieces.append((data[position:].decode(errors="ignore"), False))
    return pieces

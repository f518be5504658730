"""The default search backend: a Tantivy index in a folder (BM25, per-language stemming,
accent folding, fast-field facet counts).

Tantivy allows one writer per index: only the task worker writes (through the services);
web processes open the same folder read-only and reload before searching.
"""

import time
from pathlib import Path

import tantivy

from .base import FACETS, SearchRequest, SearchResult

STEMMERS = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}
LANGUAGES = (*STEMMERS, "other")
WRITER_HEAP_BYTES = 64 * 1024 * 1024
# Ranking by relevance: BM25 text score times log2(2 + downloads), so that among equally
# relevant resources the ones colleagues use more come first, without popular material
# drowning a better text match. (Ratings, recency and moderator picks join when they exist.)
RELEVANCE_WEIGHT_FIELD = "downloads"
FACET_SIZE = 500


def _analyzer(stemmer: str | None):
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if stemmer:
        builder = builder.filter(tantivy.Filter.stemmer(stemmer))
    return builder.build()


def _schema():
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for language in LANGUAGES:
        # A resource's text goes to the fields of its own language, analysed by its stemmer.
        builder.add_text_field(f"title_{language}", tokenizer_name=f"staffroom_{language}")
        builder.add_text_field(f"text_{language}", tokenizer_name=f"staffroom_{language}")
    # Vocabulary labels in every language and both regions, and authors: folded, not stemmed.
    builder.add_text_field("vocabulary", tokenizer_name="staffroom_other")
    builder.add_text_field("author", tokenizer_name="staffroom_other")
    for facet in FACETS:
        builder.add_text_field(facet, tokenizer_name="raw", fast=True)
    builder.add_integer_field("published", fast=True)
    builder.add_integer_field("downloads", fast=True)
    return builder.build()


class TantivyBackend:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(self.directory), reuse=True)
        for language in LANGUAGES:
            self.index.register_tokenizer(
                f"staffroom_{language}", _analyzer(STEMMERS.get(language))
            )
        self.text_fields = [
            f"{kind}_{language}" for language in LANGUAGES for kind in ("title", "text")
        ] + ["vocabulary", "author"]
        self.boosts = {f"title_{language}": 3.0 for language in LANGUAGES} | {"vocabulary": 1.5}

    # --- writing (task worker only) ---------------------------------------------------------

    def _document(self, values: dict) -> tantivy.Document:
        language = values["language"] if values["language"] in STEMMERS else "other"
        document = tantivy.Document()
        document.add_integer("id", values["id"])
        document.add_text(f"title_{language}", values["title"])
        document.add_text(
            f"text_{language}",
            " ".join((values["description"], values["keywords"], values["body"])),
        )
        document.add_text("vocabulary", values["vocabulary"])
        document.add_text("author", values["author"])
        for facet in FACETS:
            value = values[facet]
            for item in value if isinstance(value, list) else [value]:
                if item:
                    document.add_text(facet, str(item))
        document.add_integer("published", values["published"])
        document.add_integer("downloads", values["downloads"])
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

    def indexed_ids(self) -> set[int]:
        searcher = self._searcher()
        total = searcher.num_docs
        if not total:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), limit=total).hits
        return {searcher.doc(address)["id"][0] for _score, address in hits}

    def _query(self, request: SearchRequest):
        clauses = []
        text = request.text.strip()
        if text:
            # Lenient: unbalanced quotes or stray operators never raise; all words must match.
            fuzzy = (
                {name: (False, request.fuzzy, True) for name in self.text_fields}
                if request.fuzzy
                else None
            )
            parsed, _errors = self.index.parse_query_lenient(
                text,
                self.text_fields,
                field_boosts=self.boosts,
                fuzzy_fields=fuzzy,
                conjunction_by_default=True,
            )
            clauses.append((tantivy.Occur.Must, parsed))
        for facet, value in request.filters.items():
            if facet in FACETS and value:
                clauses.append(
                    (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, facet, value))
                )
        if request.only_ids:
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.term_set_query(self.schema, "id", list(request.only_ids)),
                )
            )
        if not clauses:
            return tantivy.Query.all_query()
        return tantivy.Query.boolean_query(clauses)

    def search(self, request: SearchRequest) -> SearchResult:
        searcher = self._searcher()
        query = self._query(request)
        order = {"newest": "published", "popular": "downloads"}.get(request.sort)
        if order:
            found = searcher.search(
                query,
                limit=max(request.limit, 1),
                offset=request.offset,
                order_by_field=order,
                order=tantivy.Order.Desc,
            )
        else:
            found = searcher.search(
                query,
                limit=max(request.limit, 1),
                offset=request.offset,
                weight_by_field=RELEVANCE_WEIGHT_FIELD,
            )
        ids = [searcher.doc(address)["id"][0] for _score, address in found.hits]
        aggregations = searcher.aggregate(
            query,
            {facet: {"terms": {"field": facet, "size": FACET_SIZE}} for facet in FACETS},
        )
        facets = {
            facet: {bucket["key"]: bucket["doc_count"] for bucket in aggregations[facet]["buckets"]}
            for facet in FACETS
        }
        return SearchResult(ids=ids[: request.limit], total=found.count, facets=facets)

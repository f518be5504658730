"""What the search index holds, by collection.

Each collection is an index of its own with the same document format (``backends/base.py``):
``resources`` (published resources, this app) and ``questions`` (the teachers' room, registered
by the forum app when it loads). A collection says which ids belong in its index now and how
to make their documents; updating one entry, reindexing and checking drift
(``services.py``) work the same for every collection.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from staffroom.resources.models import Resource

from .backends.base import DEFAULT_COLLECTION, checked_collection
from .documents import resource_document


@dataclass(frozen=True)
class Collection:
    name: str
    # The ids that belong in the index now (published resources, every question, ...).
    indexed_ids: Callable[[], Iterable[int]]
    # The documents of those of ``ids`` that belong in the index, made at ``now``.
    documents: Callable[[list[int], datetime | None], list[dict]]
    # What the command says it indexed ("published resources").
    noun: str


_registry: dict[str, Collection] = {}


def register(collection: Collection) -> None:
    _registry[checked_collection(collection.name)] = collection


def collection_named(name: str) -> Collection:
    try:
        return _registry[name]
    except KeyError:
        raise ValueError(f"Unknown search collection: {name!r}") from None


def collection_names() -> list[str]:
    """Every registered collection, resources first."""
    return sorted(_registry, key=lambda name: (name != DEFAULT_COLLECTION, name))


# --- resources ----------------------------------------------------------------------------------


def _published(ids: list[int] | None = None) -> QuerySet[Resource]:
    queryset = (
        Resource.objects.published()
        # The link check: search ranks a dead or moved link lower.
        .select_related("resource_type", "contributor", "organisation", "link_check")
        .prefetch_related("files")
    )
    return queryset if ids is None else queryset.filter(pk__in=ids)


def _resource_ids() -> list[int]:
    return list(_published().values_list("pk", flat=True).order_by("pk"))


def _resource_documents(ids: list[int], now: datetime | None) -> list[dict]:
    return [resource_document(resource, now) for resource in _published(ids)]


RESOURCES = Collection(
    name=DEFAULT_COLLECTION,
    indexed_ids=_resource_ids,
    documents=_resource_documents,
    noun="published resources",
)
register(RESOURCES)

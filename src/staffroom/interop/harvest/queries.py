"""Reads for the harvesting staff pages and the command."""

from collections.abc import Iterable
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from staffroom.interop.models.harvest import HarvestRun, HarvestSource


def sources_with_last_run() -> QuerySet[HarvestSource]:
    """Every source with ``last_run_id`` (its newest run), newest first within each name."""
    newest = HarvestRun.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-pk")
    return HarvestSource.objects.select_related("organisation").annotate(
        last_run_id=Subquery(newest.values("pk")[:1])
    )


def last_runs_by_source(sources: Iterable[Any]) -> dict[int, HarvestRun]:
    """The newest run of each of ``sources`` (sources from ``sources_with_last_run``: its
    ``last_run_id`` annotation is what is read, and no model declares it)."""
    ids = [source.last_run_id for source in sources if source.last_run_id]
    return {run.source_id: run for run in HarvestRun.objects.filter(pk__in=ids)}


def source_named(value: str) -> HarvestSource | None:
    """A source by id or by name (case-insensitive); None when none or several match."""
    value = (value or "").strip()
    query = Q(name__iexact=value)
    if value.isdigit():
        query |= Q(pk=int(value))
    found = list(HarvestSource.objects.filter(query)[:2])
    return found[0] if len(found) == 1 else None


def runs_of(source: HarvestSource) -> QuerySet[HarvestRun]:
    """The source's runs, newest first."""
    return source.runs.order_by("-started_at", "-pk")


def report_sections(run: HarvestRun) -> list[tuple[str, list[tuple[str, int]]]]:
    """The run's unmapped terms as (vocabulary, [(term, count)]), most frequent first."""
    unmapped = (run.report or {}).get("unmapped") or {}
    return [
        (kind, sorted(terms.items(), key=lambda item: (-item[1], item[0])))
        for kind, terms in sorted(unmapped.items())
        if terms
    ]


def active_source_ids() -> list[int]:
    return list(HarvestSource.objects.filter(active=True).values_list("pk", flat=True))

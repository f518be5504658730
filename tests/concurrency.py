"""Helpers for tests of simultaneous writes, which need a real database server."""

import threading

import pytest
from django.db import connection, connections

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import forget_vocabularies
from staffroom.curriculum.vocabularies import load_vocabularies


def require_postgres_with_vocabularies() -> None:
    """Skip on SQLite (it serialises all writers on one file, so two threads never race);
    reload the vocabularies that earlier transactional tests flushed."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises all writers on one file, so two threads never "
            "race; run with DATABASE_URL=postgres://..."
        )
    if not ResourceType.objects.exists():
        load_vocabularies(Level, Subject, ResourceType)
        forget_vocabularies()


def race(calls: list) -> list:
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # the outcome under test, reported to the main thread
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes

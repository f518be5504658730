"""Two moderators deciding the same item at the same moment, on a real database server."""

import threading

import pytest
from django.db import connection, connections
from tests.factories import ModerationItemFactory, ModeratorFactory

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import forget_vocabularies
from staffroom.curriculum.vocabularies import load_vocabularies
from staffroom.moderation import services
from staffroom.moderation.models import Decision, ModerationItem
from staffroom.moderation.services import AlreadyDecided
from staffroom.resources.models import Resource, Status

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises all writers on one file (IMMEDIATE "
            "transactions), so two threads never race; run with DATABASE_URL=postgres://..."
        )


@pytest.fixture(autouse=True)
def _vocabularies(_needs_postgres):
    """Transactional tests run after others that flush the database, migration data included."""
    if not ResourceType.objects.exists():
        load_vocabularies(Level, Subject, ResourceType)
        forget_vocabularies()


def _race(calls):
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


@pytest.mark.parametrize("rounds", range(3))
def test_exactly_one_of_two_simultaneous_decisions_lands(rounds):
    first = ModeratorFactory(name="Eerste Moderator")
    second = ModeratorFactory(name="Tweede Moderator")
    item = ModerationItemFactory()

    outcomes = _race(
        [
            lambda: services.moderation_item_publish(
                item=ModerationItem.objects.get(pk=item.pk),
                moderator=first,
                corrected={"title": "Gecorrigeerd door de eerste"},
            ),
            lambda: services.moderation_item_reject(
                item=ModerationItem.objects.get(pk=item.pk),
                moderator=second,
                message="Afgewezen door de tweede",
            ),
        ]
    )
    landed = [o for o in outcomes if isinstance(o, ModerationItem)]
    refused = [o for o in outcomes if isinstance(o, AlreadyDecided)]
    assert len(landed) == 1, outcomes
    assert len(refused) == 1, outcomes

    item.refresh_from_db()
    resource = Resource.objects.get(pk=item.resource_id)
    if item.decision == Decision.PUBLISH:
        assert item.decided_by == first
        assert resource.status == Status.PUBLISHED
        assert resource.title == "Gecorrigeerd door de eerste"
        assert item.message == ""
        assert "Eerste Moderator" in refused[0].messages[0]
    else:
        assert item.decision == Decision.REJECT
        assert item.decided_by == second
        assert resource.status == Status.REJECTED
        assert resource.title != "Gecorrigeerd door de eerste"
        assert item.corrections == []
        assert "Tweede Moderator" in refused[0].messages[0]
    assert ModerationItem.objects.filter(resource=resource).count() == 1


def test_many_moderators_at_once_still_one_decision():
    moderators = ModeratorFactory.create_batch(6)
    item = ModerationItemFactory()

    def publish(moderator):
        return lambda: services.moderation_item_publish(
            item=ModerationItem.objects.get(pk=item.pk), moderator=moderator
        )

    outcomes = _race([publish(m) for m in moderators])
    assert sum(isinstance(o, ModerationItem) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, AlreadyDecided) for o in outcomes) == 5, outcomes
    item.refresh_from_db()
    assert item.decided_by in moderators
    assert Resource.objects.get(pk=item.resource_id).status == Status.PUBLISHED

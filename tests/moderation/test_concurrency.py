"""Two moderators deciding the same item at the same moment, on a real database server."""

import pytest
from tests.concurrency import race, require_postgres_with_vocabularies
from tests.factories import ModerationItemFactory, ModeratorFactory

from staffroom.moderation import services
from staffroom.moderation.models import Decision, ModerationItem
from staffroom.moderation.services import AlreadyDecided
from staffroom.resources.models import Resource, Status

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_with_vocabularies():
    require_postgres_with_vocabularies()


@pytest.mark.parametrize("rounds", range(3))
def test_exactly_one_of_two_simultaneous_decisions_lands(rounds):
    first = ModeratorFactory(name="Eerste Moderator")
    second = ModeratorFactory(name="Tweede Moderator")
    item = ModerationItemFactory()

    outcomes = race(
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

    outcomes = race([publish(m) for m in moderators])
    assert sum(isinstance(o, ModerationItem) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, AlreadyDecided) for o in outcomes) == 5, outcomes
    item.refresh_from_db()
    assert item.decided_by in moderators
    assert Resource.objects.get(pk=item.resource_id).status == Status.PUBLISHED

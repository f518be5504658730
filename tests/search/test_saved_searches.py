"""Saved searches: a member keeps a search and is mailed when a new resource matches it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from tests.factories import MemberFactory, ModerationItemFactory, ModeratorFactory

from staffroom.moderation.services import moderation_item_publish
from staffroom.search.models import SavedSearch
from staffroom.search.queries import describe_search

pytestmark = pytest.mark.django_db


def test_a_member_saves_a_search_and_is_mailed_about_a_new_match(
    client, django_capture_on_commit_callbacks
):
    member = MemberFactory(language="nl")
    client.force_login(member)
    response = client.post(reverse("search:save"), {"q": "breuken", "level": "nl-po"})
    assert response.status_code == 302
    saved = SavedSearch.objects.get(member=member)
    assert saved.filters == {"level": "nl-po"}
    # Saving the same search again keeps one.
    client.post(reverse("search:save"), {"q": "breuken", "level": "nl-po"})
    assert member.saved_searches.count() == 1

    matching = ModerationItemFactory(
        resource__title="Breuken vergelijken", resource__levels=["fl-lo-3"]
    )
    other = ModerationItemFactory(
        resource__title="Fotosynthese",
        resource__description="Planten en licht.",
        resource__levels=["fl-lo-3"],
    )
    moderator = ModeratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        moderation_item_publish(item=matching, moderator=moderator)
        moderation_item_publish(item=other, moderator=moderator)
    to_member = [message for message in mail.outbox if message.to == [member.email]]
    assert len(to_member) == 1
    assert "Breuken vergelijken" in to_member[0].subject
    assert "/search/?q=breuken&level=nl-po" in to_member[0].body

    # And in the app: a notice in the header, worded in the reader's terms and language.
    client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
    inbox = client.get(reverse("notifications:inbox"))
    notices = list(inbox.context["page"])
    assert len(notices) == 1
    assert inbox.context["unread_notifications"] == 1
    assert (
        str(notices[0])
        == "Nieuw voor je bewaarde zoekopdracht “breuken · Basisonderwijs”: Breuken vergelijken"
    )
    followed = client.get(reverse("notifications:open", args=[notices[0].pk]))
    assert followed.url == matching.resource.get_absolute_url()
    assert client.get(reverse("notifications:inbox")).context["unread_notifications"] == 0


def test_saved_searches_are_listed_and_deleted_by_their_owner_only(client):
    owner, other = MemberFactory(), MemberFactory()
    saved = SavedSearch.objects.create(member=owner, query="breuken")
    client.force_login(other)
    client.post(reverse("search:saved"), {"id": saved.pk})
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    client.post(reverse("search:saved"), {"id": "abc"})
    client.force_login(owner)
    assert saved in [s for s, _labels in client.get(reverse("search:saved")).context["searches"]]
    client.post(reverse("search:saved"), {"id": saved.pk})
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_an_empty_search_is_not_saved_and_visitors_must_log_in(client):
    assert client.post(reverse("search:save"), {"q": ""}).status_code == 302
    assert not SavedSearch.objects.exists()
    client.force_login(MemberFactory())
    response = client.post(reverse("search:save"), {"q": "  "}, follow=True)
    assert "Type some words" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_a_search_is_described_with_every_kind_of_filter_in_the_active_language():
    # Choice labels are lazy: joined as they were, a language or kind filter raised TypeError
    # and the saved-search notice for such a search was never sent.
    filters = {"language": "fr", "licence": "arr", "kind": "link", "rating": "4"}
    with translation.override("en"):
        assert describe_search("breuken", filters, "fl") == (
            "breuken · French · All rights reserved, used with permission · Web link"
            " · 4 stars and up"
        )
    with translation.override("nl"):
        assert "Weblink" in describe_search("", {"kind": "link"}, "nl")

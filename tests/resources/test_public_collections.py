"""Public collections: a member publishes a folder with a description, cover, notes and an
order; others read it, follow it and copy it; moderators feature it. And saving to a folder
from any resource card."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, ResourceFactory, png_bytes

from staffroom.notifications.models import Notification
from staffroom.resources.collections import (
    MAX_NOTE,
    CollectionInput,
    collection_describe,
    collection_feature,
    collection_follow,
    collection_move,
    collection_note,
    collection_publish,
)
from staffroom.resources.folders import folder_add, folder_create, folder_delete, folder_remove
from staffroom.resources.models import Folder, FolderFollow, FolderItem

pytestmark = pytest.mark.django_db


def _collection(owner=None, titles=("Breuken A", "Breuken B", "Breuken C"), name="Breuken"):
    """A published collection of ``titles``, saved in that order (so the last comes first)."""
    owner = owner or MemberFactory(name="An Peeters")
    folder = folder_create(member=owner, name=name)
    for title in titles:
        folder_add(member=owner, resource=ResourceFactory(title=title), folder=folder)
    collection_publish(member=owner, folder=folder, published=True)
    return folder


def _titles(response) -> list[str]:
    return [resource.title for resource in response.context["page"]]


def _edit(client, folder, **data):
    return client.post(reverse("collections:edit", args=[folder.pk]), data)


def test_a_member_publishes_a_described_annotated_ordered_collection(client):
    owner = MemberFactory(name="An Peeters")
    folder = folder_create(member=owner, name="Breuken")
    for title in ("Breuken A", "Breuken B", "Breuken C"):
        folder_add(member=owner, resource=ResourceFactory(title=title), folder=folder)
    hidden = ResourceFactory(title="Nog niet online", status="pending")
    FolderItem.objects.create(folder=folder, resource=hidden)
    page = reverse("collections:detail", args=[folder.pk])
    client.force_login(MemberFactory())
    assert client.get(page).status_code == 404  # private: not for others
    client.force_login(owner)
    assert "Publish as a collection" in client.get(folder.get_absolute_url()).content.decode()
    assert client.get(page).status_code == 200  # the curator previews it
    a, _b, c = (FolderItem.objects.get(resource__title=f"Breuken {x}") for x in "ABC")
    _edit(
        client,
        folder,
        action="describe",
        description="Voor **het 3de leerjaar**.",
        notes_licence="cc-by-sa",
    )
    _edit(client, folder, action="note", resource=a.resource_id, note="Begin hiermee.")
    _edit(client, folder, action="down", resource=c.resource_id)  # C B A -> B C A
    _edit(client, folder, action="up", resource=a.resource_id)  # B C A -> B A C
    response = _edit(client, folder, action="publish")
    assert response.status_code == 302
    client.logout()
    response = client.get(page)
    html = response.content.decode()
    assert _titles(response) == ["Breuken B", "Breuken A", "Breuken C"]
    client.force_login(owner)  # the folder's own page follows the same order
    assert _titles(client.get(folder.get_absolute_url())) == ["Breuken B", "Breuken A", "Breuken C"]
    client.logout()
    assert "<strong>het 3de leerjaar</strong>" in html
    assert "Begin hiermee." in html
    assert "An Peeters" in html and "CC BY-SA" in html
    assert "Nog niet online" not in html
    assert "Breuken" in client.get(reverse("collections:list")).content.decode()
    # A new save comes first until it is moved.
    folder_add(member=owner, resource=ResourceFactory(title="Breuken D"), folder=folder)
    assert _titles(client.get(page))[0] == "Breuken D"
    collection_publish(member=owner, folder=folder, published=False)
    assert client.get(page).status_code == 404
    assert "Breuken" not in _names(client.get(reverse("collections:list")))


def _names(response) -> list[str]:
    return [folder.name for folder in response.context["page"]]


def test_an_empty_folder_cannot_be_published(client):
    owner = MemberFactory()
    folder = folder_create(member=owner, name="Leeg")
    client.force_login(owner)
    response = client.post(
        reverse("collections:edit", args=[folder.pk]), {"action": "publish"}, follow=True
    )
    assert "Save at least one published resource in it first." in response.content.decode()
    assert Folder.objects.get(pk=folder.pk).published_at is None


def test_a_member_cannot_edit_publish_reorder_or_annotate_anothers_collection(client):
    folder = _collection()
    before = list(folder.items.values_list("resource_id", "note", "position"))
    item = folder.items.first()
    intruder = MemberFactory()
    client.force_login(intruder)
    assert client.get(reverse("collections:edit", args=[folder.pk])).status_code == 404
    for data in (
        {"action": "describe", "description": "Van mij", "notes_licence": "cc0"},
        {"action": "unpublish"},
        {"action": "note", "resource": item.resource_id, "note": "Overgenomen"},
        {"action": "up", "resource": folder.items.last().resource_id},
    ):
        assert _edit(client, folder, **data).status_code == 404
    folder.refresh_from_db()
    assert folder.published_at is not None and folder.description == ""
    assert list(folder.items.values_list("resource_id", "note", "position")) == before
    # The services refuse too, whoever calls them.
    for attempt in (
        lambda: collection_publish(member=intruder, folder=folder, published=False),
        lambda: collection_note(
            member=intruder, folder=folder, resource_id=item.resource_id, note="x"
        ),
        lambda: collection_move(
            member=intruder, folder=folder, resource_id=item.resource_id, up=False
        ),
        lambda: collection_describe(member=intruder, folder=folder, details=CollectionInput()),
    ):
        with pytest.raises(ValidationError, match=r"This is not your folder\."):
            attempt()


def test_bad_input_gives_messages_and_keeps_what_was_typed(client):
    folder = _collection()
    client.force_login(folder.member)
    item = folder.items.first()
    too_long = "x" * (MAX_NOTE + 1)
    response = _edit(client, folder, action="note", resource=item.resource_id, note=too_long)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"A note may be at most {MAX_NOTE} characters" in html
    assert too_long in html  # kept in the field, to be shortened
    assert FolderItem.objects.get(pk=item.pk).note == ""
    response = _edit(client, folder, action="note", resource=999999, note="Hallo")
    assert "That resource is not in this folder." in response.content.decode()
    response = _edit(
        client, folder, action="describe", description="d" * 5001, notes_licence="cc-by"
    )
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    response = _edit(client, folder, action="describe", description="Ok", notes_licence="arr")
    assert response.status_code == 400
    assert Folder.objects.get(pk=folder.pk).description == ""


def test_the_cover_must_be_an_image_and_is_stored_reencoded(
    client, django_capture_on_commit_callbacks
):
    folder = _collection()
    client.force_login(folder.member)
    not_an_image = SimpleUploadedFile("cover.png", b"%PDF-1.4 not a picture", "image/png")
    response = _edit(
        client,
        folder,
        action="describe",
        description="Met omslag",
        notes_licence="cc-by",
        cover=not_an_image,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "“cover.png” is not an image we accept" in html
    assert "Met omslag" in html  # the description typed is still there
    assert not Folder.objects.get(pk=folder.pk).cover
    picture = SimpleUploadedFile("omslag.png", png_bytes(), "image/png")
    response = _edit(
        client,
        folder,
        action="describe",
        description="Met omslag",
        notes_licence="cc-by",
        cover=picture,
    )
    assert response.status_code == 302
    folder.refresh_from_db()
    assert folder.cover.name.endswith(".jpg")
    client.logout()
    cover = client.get(reverse("collections:cover", args=[folder.pk]))
    assert cover.status_code == 200 and cover["Content-Type"] == "image/jpeg"
    assert b"".join(cover.streaming_content).startswith(b"\xff\xd8")  # a JPEG
    assert (
        'class="collection-cover"'
        in client.get(reverse("collections:detail", args=[folder.pk])).content.decode()
    )
    collection_publish(member=folder.member, folder=folder, published=False)
    assert client.get(reverse("collections:cover", args=[folder.pk])).status_code == 404
    stored = folder.cover.name
    with django_capture_on_commit_callbacks(execute=True):
        folder_delete(member=folder.member, folder=folder)
    assert not folder.cover.storage.exists(stored)


def test_followers_are_told_when_the_collection_grows(client, django_capture_on_commit_callbacks):
    folder = _collection()
    page = reverse("collections:detail", args=[folder.pk])
    follow = reverse("collections:follow", args=[folder.pk])
    response = client.post(follow)  # a visitor logs in first
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert f"next={page}" in response.url.replace("%2F", "/")
    follower = MemberFactory()
    client.force_login(follower)
    response = client.post(follow, follow=True)
    assert "You follow this collection" in response.content.decode()
    assert FolderFollow.objects.filter(folder=folder, member=follower).exists()
    with django_capture_on_commit_callbacks(execute=True):
        folder_add(
            member=folder.member, resource=ResourceFactory(title="Kommagetallen"), folder=folder
        )
        folder_add(member=folder.member, resource=ResourceFactory(title="Procenten"), folder=folder)
    notices = Notification.objects.filter(member=follower, kind="collection_grew")
    # One notice while it is unread, not one per resource.
    assert [(n.url, n.params["title"]) for n in notices] == [(page, "Kommagetallen")]
    assert (
        "New in the collection “Breuken”: Kommagetallen"
        in client.get(reverse("notifications:inbox")).content.decode()
    )
    client.post(follow, {"action": "unfollow"})
    assert not FolderFollow.objects.filter(folder=folder, member=follower).exists()
    # Nobody follows a private folder or their own collection.
    with pytest.raises(ValidationError):
        collection_follow(member=folder.member, folder=folder, follow=True)
    collection_publish(member=folder.member, folder=folder, published=False)
    with pytest.raises(ValidationError):
        collection_follow(member=follower, folder=folder, follow=True)


def test_a_collection_is_copied_into_ones_own_folders(client):
    folder = _collection()
    a = folder.items.get(resource__title="Breuken A")
    collection_note(member=folder.member, folder=folder, resource_id=a.resource_id, note="Eerst")
    collection_move(member=folder.member, folder=folder, resource_id=a.resource_id, up=True)
    copy = reverse("collections:copy", args=[folder.pk])
    response = client.post(copy)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    member = MemberFactory()
    folder_create(member=member, name="Breuken")  # the name is taken: the copy gets (2)
    client.force_login(member)
    response = client.post(copy, follow=True)
    copied = Folder.objects.get(member=member, copied_from=folder)
    assert copied.name == "Breuken (2)" and copied.published_at is None
    assert "Copied into your folders as “Breuken (2)”." in response.content.decode()
    original = [(i.resource_id, i.note) for i in folder.items.order_by("position", "-added_at")]
    assert [(i.resource_id, i.note) for i in copied.items.order_by("position")] == original
    # Only public collections can be copied.
    private = folder_create(member=MemberFactory(), name="Geheim")
    assert client.post(reverse("collections:copy", args=[private.pk])).status_code == 404


def test_moderators_feature_collections_first(client):
    older = _collection(name="Oudere")
    newer = _collection(name="Nieuwere")
    listing = reverse("collections:list")
    assert _names(client.get(listing))[:2] == ["Nieuwere", "Oudere"]
    feature = reverse("collections:feature", args=[older.pk])
    client.force_login(MemberFactory())
    assert client.post(feature, {"featured": "1"}).status_code == 403
    with pytest.raises(ValidationError):
        collection_feature(moderator=newer.member, folder=older, featured=True)
    moderator = ModeratorFactory()
    client.force_login(moderator)
    assert (
        "Feature this collection"
        in client.get(reverse("collections:detail", args=[older.pk])).content.decode()
    )
    client.post(feature, {"featured": "1"})
    response = client.get(listing)
    assert _names(response)[:2] == ["Oudere", "Nieuwere"]
    assert "Featured" in response.content.decode()
    older.refresh_from_db()
    assert older.featured_by == moderator
    client.post(feature, {"featured": "0"})
    assert _names(client.get(listing))[:2] == ["Nieuwere", "Oudere"]


def test_collections_in_dutch(client):
    folder = _collection()
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("collections:detail", args=[folder.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200
    # The page is served in the reader's language (its Dutch wording is in the catalogue).
    assert '<html lang="nl-BE">' in page.content.decode()


# --- Saving from cards ------------------------------------------------------------------


def _save_forms(html: str) -> list[str]:
    return re.findall(
        r'<form method="post" action="/resources/\d+/save/" class="card-save">.*?</form>',
        html,
        re.S,
    )


def test_cards_carry_a_save_form_that_returns_to_the_page(client):
    resource = ResourceFactory(title="Klok lezen")
    member = MemberFactory()
    klok = folder_create(member=member, name="Klok")
    client.force_login(member)
    browse = reverse("resources:browse") + "?sort=title"
    forms = _save_forms(client.get(browse).content.decode())
    assert forms and "Klok" in forms[0] and "Favourites" in forms[0]
    response = client.post(
        reverse("resources:save", args=[resource.pk]), {"folder": klok.pk, "next": browse}
    )
    assert response.status_code == 302 and response.url == browse
    assert klok.items.filter(resource=resource).exists()
    response = client.post(
        reverse("resources:save", args=[resource.pk]), {"folder": "", "next": browse}, follow=True
    )
    assert "Saved in “Favourites”." in response.content.decode()
    assert Folder.objects.get(member=member, name="Favourites").items.count() == 1
    # Back to this site only.
    response = client.post(
        reverse("resources:save", args=[resource.pk]),
        {"folder": klok.pk, "next": "https://elders.example/"},
    )
    assert response.url == resource.get_absolute_url()


def test_an_unknown_folder_gives_a_message(client):
    resource = ResourceFactory()
    member = MemberFactory()
    client.force_login(member)
    someone_elses = folder_create(member=MemberFactory(), name="Van iemand anders")
    for chosen in ("abc", str(someone_elses.pk)):
        response = client.post(
            reverse("resources:save", args=[resource.pk]),
            {"folder": chosen, "next": "/resources/"},
            follow=True,
        )
        assert "That folder was not found" in response.content.decode()
    assert not FolderItem.objects.filter(resource=resource).exists()


def test_a_visitor_is_sent_to_log_in_and_back(client):
    resource = ResourceFactory()
    html = client.get(reverse("resources:browse")).content.decode()
    assert not _save_forms(html)
    assert f"{reverse('account_login')}?next=%2Fresources%2F" in html
    response = client.post(
        reverse("resources:save", args=[resource.pk]), {"next": "/resources/?page=2"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/resources/%3Fpage%3D2" in response.url.replace("%2F", "/")


def test_search_cards_get_each_readers_form_after_the_shared_cache(client, settings, tmp_path):
    from staffroom.search import documents
    from staffroom.search.backends import reset_backend
    from staffroom.search.services import search_reindex

    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    settings.SEARCH_CACHE_SECONDS = 60
    reset_backend()
    documents.clear_caches()
    try:
        ResourceFactory(title="Breuken vergelijken")
        search_reindex()
        search = reverse("search:search") + "?q=breuken"
        first, second = MemberFactory(), MemberFactory()
        folder_create(member=first, name="Map van de eerste")
        folder_create(member=second, name="Map van de tweede")
        pages = {}
        for member in (first, second):
            client.force_login(member)
            pages[member.pk] = client.get(search).content.decode()
        first_forms, second_forms = _save_forms(pages[first.pk]), _save_forms(pages[second.pk])
        assert first_forms and second_forms
        assert "Map van de eerste" in first_forms[0] and "Map van de eerste" not in second_forms[0]
        assert "Map van de tweede" in second_forms[0]
        token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
        assert token.search(first_forms[0]).group(1) != token.search(second_forms[0]).group(1)
        assert "<!--card-save" not in pages[second.pk]
        fragment = client.get(search + "&fragment=results").content.decode()
        assert 'name="next" value="/search/?q=breuken"' in fragment
    finally:
        reset_backend()


def test_removing_and_unpublishing_keep_the_folder(client):
    folder = _collection()
    item = folder.items.first()
    folder_remove(member=folder.member, folder=folder, resource_id=item.resource_id)
    collection_publish(member=folder.member, folder=folder, published=False)
    assert Folder.objects.filter(pk=folder.pk, published_at=None).exists()
    assert folder.items.count() == 2


def test_public_collections_are_in_the_sitemap(client):
    public = _collection()
    private = folder_create(member=MemberFactory(), name="Geheim")
    xml = client.get("/sitemap-collections.xml").content.decode()
    assert reverse("collections:detail", args=[public.pk]) in xml
    assert reverse("collections:detail", args=[private.pk]) not in xml
    assert reverse("collections:list") in client.get("/sitemap-pages.xml").content.decode()


def test_save_forms_cost_no_query_per_card(client):
    member = MemberFactory()
    folder_create(member=member, name="Klok")
    client.force_login(member)

    def browse_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _save_forms(client.get(reverse("resources:browse")).content.decode())
        return len(captured)

    ResourceFactory()
    browse_queries()  # vocabularies are loaded once per process
    few = browse_queries()
    for _ in range(6):
        ResourceFactory()
    assert browse_queries() == few

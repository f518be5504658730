"""Folders: members keep resources in named folders, private or shared by a link."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.factories import MemberFactory, ResourceFactory

from staffroom.resources.folders import folder_add, folder_create, folder_share
from staffroom.resources.models import Folder

pytestmark = pytest.mark.django_db


def test_saving_from_the_resource_page_makes_favourites_then_uses_chosen_folders(client):
    member = MemberFactory()
    first, second = ResourceFactory(title="Breuken A"), ResourceFactory(title="Breuken B")
    client.force_login(member)
    assert "Save in" in client.get(first.get_absolute_url()).content.decode()
    client.post(reverse("resources:save", args=[first.pk]), {"folder": "new"})
    favourites = Folder.objects.get(member=member)
    assert favourites.name == "Favourites"
    client.post(
        reverse("resources:save", args=[second.pk]), {"folder": "new", "new_name": "Breuken 4de"}
    )
    client.post(reverse("resources:save", args=[second.pk]), {"folder": favourites.pk})
    client.post(reverse("resources:save", args=[second.pk]), {"folder": favourites.pk})  # once
    page = client.get(favourites.get_absolute_url())
    assert [r.title for r in page.context["page"]] == ["Breuken B", "Breuken A"]
    names = [f.name for f in client.get(reverse("resources:folders")).context["folders"]]
    assert names == ["Breuken 4de", "Favourites"]


def test_folders_are_private_until_shared_and_the_link_can_be_withdrawn(client):
    owner = MemberFactory(name="An Peeters")
    folder = folder_create(member=owner, name="Klok")
    folder_add(member=owner, resource=ResourceFactory(title="De klok lezen"), folder=folder)
    hidden = ResourceFactory(title="Nog niet online", status="pending")
    folder.items.create(resource=hidden)  # taken offline after saving: not shown
    client.force_login(MemberFactory())
    assert client.get(folder.get_absolute_url()).status_code == 404
    folder_share(member=owner, folder=folder, shared=True)
    link = reverse("resources:shared_folder", args=[folder.share_token])
    client.logout()
    shared = client.get(link)
    assert [r.title for r in shared.context["page"]] == ["De klok lezen"]
    assert "Een map gedeeld door An Peeters" in shared.content.decode()  # a visitor: Dutch
    folder_share(member=owner, folder=folder, shared=False)
    assert client.get(link).status_code == 404
    assert client.get(reverse("resources:shared_folder", args=["x"])).status_code == 404


def test_bad_input_is_refused_with_a_message(client):
    member = MemberFactory()
    folder_create(member=member, name="Klok")
    with pytest.raises(ValidationError):
        folder_create(member=member, name="  Klok ")
    with pytest.raises(ValidationError):
        folder_create(member=member, name="   ")
    with pytest.raises(ValidationError):
        folder_add(member=member, resource=ResourceFactory(status="draft"))
    other = folder_create(member=MemberFactory(), name="Van iemand anders")
    client.force_login(member)
    response = client.post(
        reverse("resources:folders"), {"action": "create", "name": "Klok"}, follow=True
    )
    assert "You already have a folder with that name." in response.content.decode()
    response = client.post(
        reverse("resources:folders"), {"action": "delete", "folder": other.pk}, follow=True
    )
    assert "This is not your folder." in response.content.decode()
    assert Folder.objects.filter(pk=other.pk).exists()
    response = client.post(
        reverse("resources:save", args=[ResourceFactory().pk]), {"folder": "abc"}, follow=True
    )
    assert "That folder was not found: choose one of your folders." in response.content.decode()


def test_rename_and_delete(client):
    member = MemberFactory()
    folder = folder_create(member=member, name="Oud")
    client.force_login(member)
    client.post(
        reverse("resources:folders"), {"action": "rename", "folder": folder.pk, "name": "Nieuw"}
    )
    assert Folder.objects.get(pk=folder.pk).name == "Nieuw"
    client.post(reverse("resources:folders"), {"action": "delete", "folder": folder.pk})
    assert not Folder.objects.exists()

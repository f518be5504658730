"""A new contribution starts with the levels and subjects of the member's profile; a draft or a
published resource keeps its own, and what was submitted is never replaced."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from tests.factories import MemberFactory, ResourceFactory

from staffroom.curriculum.models import Level, Subject
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


def ticked(response, name: str) -> set[str]:
    """The codes of the ticked checkboxes of field ``name``."""
    page = lxml_html.fromstring(response.content)
    ids = {box.get("value") for box in page.xpath(f'//input[@name="{name}"][@checked]')}
    model = Level if name == "levels" else Subject
    return set(model.objects.filter(pk__in=ids).values_list("code", flat=True))


@pytest.fixture
def teacher(client):
    member = MemberFactory(language="en", region="fl")
    member.levels.set(Level.objects.filter(code__in=["fl-lo-3", "fl-lo-4"]))
    member.subjects.set(Subject.objects.filter(code="fl-wis"))
    client.force_login(member)
    return member


@pytest.mark.parametrize("advanced", ["", "?advanced=1"])
def test_a_new_contribution_starts_with_the_profile_levels_and_subjects(client, teacher, advanced):
    response = client.get(reverse("resources:contribute") + advanced)
    assert ticked(response, "levels") == {"fl-lo-3", "fl-lo-4"}
    assert ticked(response, "subjects") == {"fl-wis"}
    assert "Selected: 2" in response.content.decode()


def test_profile_terms_of_the_other_region_are_named_as_the_viewer_names_them(client):
    member = MemberFactory(language="en", region="fl")
    member.levels.set(Level.objects.filter(code="nl-po-5"))
    client.force_login(member)
    response = client.get(reverse("resources:contribute"))
    assert ticked(response, "levels") == {"fl-lo-3"}


def test_a_member_without_profile_terms_starts_with_none(client):
    client.force_login(MemberFactory(language="en"))
    response = client.get(reverse("resources:contribute"))
    assert ticked(response, "levels") == set()
    assert ticked(response, "subjects") == set()


def test_a_draft_keeps_its_own_terms_even_none(client, teacher):
    empty = ResourceFactory(contributor=teacher, status=Status.DRAFT)
    empty.levels.clear()
    empty.subjects.clear()
    response = client.get(reverse("resources:edit", args=[empty.pk]))
    assert ticked(response, "levels") == set()
    assert ticked(response, "subjects") == set()
    tagged = ResourceFactory(contributor=teacher, status=Status.DRAFT)
    tagged.levels.set(Level.objects.filter(code="fl-so-1g"))
    response = client.get(reverse("resources:edit", args=[tagged.pk]))
    assert ticked(response, "levels") == {"fl-so-1g"}


def test_editing_a_published_resource_shows_its_terms_not_the_profiles(client, teacher):
    resource = ResourceFactory(contributor=teacher)
    resource.levels.set(Level.objects.filter(code="fl-so-1g"))
    resource.subjects.clear()
    response = client.get(reverse("resources:edit_published", args=[resource.pk]))
    assert ticked(response, "levels") == {"fl-so-1g"}
    assert ticked(response, "subjects") == set()


def test_what_was_submitted_is_shown_again_not_the_profile(client, teacher):
    """Submitted without a title: the form comes back with the levels the member chose,
    although their profile says otherwise, and unticking every subject stays unticked."""
    chosen = Level.objects.get(code="fl-so-1g")
    response = client.post(
        reverse("resources:contribute"),
        {"action": "submit", "kind": "link", "url": "https://example.org", "levels": [chosen.pk]},
    )
    assert response.status_code == 200
    assert ticked(response, "levels") == {"fl-so-1g"}
    assert ticked(response, "subjects") == set()
    draft = Resource.objects.get(contributor=teacher)
    assert list(draft.levels.values_list("code", flat=True)) == ["fl-so-1g"]

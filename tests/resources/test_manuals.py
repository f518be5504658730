"""Manuals: a resource is a manual for a tool or another resource ("Handleiding voor ...");
the tool's page lists its manuals and a manual's page links its tool."""

import pytest
from django.urls import reverse
from tests.factories import DraftFactory, MemberFactory, ResourceFactory, contribution_data

from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


def _manual_form(**overrides) -> dict:
    return contribution_data(
        title="Handleiding Quizmakers",
        kind="link",
        url="https://example.org/handleiding",
        advanced="1",
        **overrides,
    )


def test_a_teacher_says_what_a_resource_is_a_manual_for_by_address_or_number(client):
    tool = ResourceFactory(title="Quizmakers")
    teacher = MemberFactory()
    client.force_login(teacher)
    form = client.get(reverse("resources:contribute") + "?advanced=1").content.decode()
    assert "This is a manual for" in form
    response = client.post(
        reverse("resources:contribute"),
        _manual_form(manual_for=f"http://testserver{tool.get_absolute_url()}"),
    )
    assert response.status_code == 302
    manual = Resource.objects.get(contributor=teacher)
    assert (manual.manual_for, manual.status) == (tool, Status.PENDING)


def test_an_unknown_tool_or_itself_is_refused_with_a_message(client):
    teacher = MemberFactory()
    client.force_login(teacher)
    response = client.post(reverse("resources:contribute"), _manual_form(manual_for="99999999"))
    assert "No published resource found at that address or number." in response.content.decode()
    draft = Resource.objects.get(contributor=teacher)
    assert draft.status == Status.DRAFT and draft.manual_for is None
    unpublished = DraftFactory()
    response = client.post(
        reverse("resources:edit", args=[draft.pk]), _manual_form(manual_for=str(unpublished.pk))
    )
    assert "No published resource found" in response.content.decode()
    # A published resource cannot be a manual for itself.
    published = ResourceFactory(contributor=teacher)
    response = client.post(
        reverse("resources:edit_published", args=[published.pk]),
        {
            **_manual_form(manual_for=str(published.pk)),
            "title": published.title,
            "language": "nl",
        },
    )
    assert "A resource cannot be a manual for itself." in response.content.decode()
    assert not published.moderation_items.exists()


def test_the_tool_lists_its_manuals_and_a_manual_links_its_tool(client):
    tool = ResourceFactory(title="Quizmakers")
    manual = ResourceFactory(title="Handleiding Quizmakers", manual_for=tool)
    ResourceFactory(title="Handleiding in de maak", manual_for=tool, status=Status.PENDING)
    client.force_login(MemberFactory())
    tool_page = client.get(tool.get_absolute_url())
    assert [found.title for found in tool_page.context["manuals"]] == ["Handleiding Quizmakers"]
    html = tool_page.content.decode()
    assert '<h2 id="manuals-title">Manuals</h2>' in html
    assert manual.get_absolute_url() in html and "Handleiding in de maak" not in html
    manual_page = client.get(manual.get_absolute_url()).content.decode()
    assert "<dt>Manual for</dt>" in manual_page and tool.get_absolute_url() in manual_page


def test_a_manual_of_a_tool_taken_offline_names_no_tool(client):
    tool = ResourceFactory(title="Quizmakers", status=Status.WITHDRAWN)
    manual = ResourceFactory(title="Handleiding Quizmakers", manual_for=tool)
    assert "<dt>Manual for</dt>" not in client.get(manual.get_absolute_url()).content.decode()


def test_the_api_gives_the_relation_both_ways(client):
    tool = ResourceFactory(title="Quizmakers")
    manual = ResourceFactory(title="Handleiding Quizmakers", manual_for=tool)
    body = client.get(f"/api/v1/resources/{tool.pk}").json()
    assert (body["manuals"], body["manual_for"]) == ([manual.pk], None)
    body = client.get(f"/api/v1/resources/{manual.pk}").json()
    assert (body["manuals"], body["manual_for"]) == ([], tool.pk)
    listed = {row["id"]: row for row in client.get("/api/v1/resources/").json()["results"]}
    assert listed[tool.pk]["manuals"] == [manual.pk]
    assert listed[manual.pk]["manual_for"] == tool.pk

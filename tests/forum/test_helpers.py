"""Helpers while writing in the teachers' room: similar questions while asking (a fragment
for the script, and without JavaScript shown once before posting), no double posting of the
same question, and the "Link a resource" search for the editor's resources field."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from staffroom.forum.models import Question
from staffroom.forum.queries import similar_questions
from staffroom.resources.models import Status
from staffroom.search.services import search_reindex_all
from tests.factories import MemberFactory, ResourceFactory
from tests.forum.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def established(**fields):
    return MemberFactory(date_joined=timezone.now() - timedelta(days=120), **fields)


@pytest.fixture
def asked():
    """Questions already in the teachers' room, in the index."""
    made = {
        "breuken": QuestionFactory(
            title="Hoe leg ik gelijknamige breuken uit aan mijn klas?",
            body="Mijn leerlingen haken af bij het vergelijken.",
        ),
        "klok": QuestionFactory(
            title="Klokkijken met halve uren in het tweede leerjaar",
            body="Welke oefeningen werken?",
        ),
    }
    search_reindex_all()
    return made


def test_similar_questions_come_from_the_forum_search(asked):
    found = similar_questions("Gelijknamige breuken uitleggen: hoe doen jullie dat?")
    assert [q.title for q in found.questions] == [asked["breuken"].title]
    assert found.strong == [asked["breuken"]]
    # One shared word makes a similar question, not a strong match.
    found = similar_questions("Breuken en procenten in het vijfde leerjaar")
    assert asked["breuken"] in found.questions and not found.strong
    assert similar_questions("?!").questions == []


def test_the_fragment_lists_similar_questions_as_the_member_types(client, asked):
    url = reverse("forum:similar")
    assert client.get(url, {"title": "breuken"}).status_code == 302  # members only
    client.force_login(established())
    response = client.get(url, {"title": "Gelijknamige breuken uitleggen"})
    assert response.status_code == 200
    fragment = html.unescape(response.content.decode())
    assert "<html" not in fragment and asked["breuken"].title in fragment
    assert asked["klok"].title not in fragment
    assert asked["breuken"].get_absolute_url() in fragment
    # Nothing alike, nothing typed, or garbage: an empty fragment, never an error.
    for title in ("Hoeveel kost een schoolreis naar Parijs?", "", "x" * 5000, "\"'<>OR AND -"):
        response = client.get(url, {"title": title})
        assert response.status_code == 200
        assert "<li>" not in response.content.decode()
    page = client.get(reverse("forum:ask")).content.decode()
    assert f'data-similar-url="{url}"' in page and 'aria-live="polite"' in page
    assert "staffroom/forum.js" in page


def test_without_javascript_strong_matches_are_shown_once_before_posting(client, asked):
    member = established()
    client.force_login(member)
    typed = {
        "title": "Gelijknamige breuken uitleggen: hoe doen jullie dat?",
        "body": "Ik zoek een aanpak voor het derde leerjaar.",
        "tags": "breuken",
    }
    response = client.post(reverse("forum:ask"), typed)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Did you mean one of these?" in page and asked["breuken"].title in page
    assert 'name="post_anyway"' in page
    assert typed["body"] in page and typed["title"] in page  # nothing lost
    assert not Question.objects.filter(author=member).exists()
    response = client.post(reverse("forum:ask"), {**typed, "post_anyway": "1"})
    question = Question.objects.get(author=member)
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    # A title like nothing asked before is posted at once.
    response = client.post(
        reverse("forum:ask"), {"title": "Hoeveel kost een schoolreis naar Parijs?"}
    )
    assert response.status_code == 302
    assert Question.objects.filter(author=member).count() == 2


def test_the_same_question_is_not_posted_twice(client):
    member = established()
    client.force_login(member)
    typed = {"title": "Wie kent een goed boek over mindfulness?", "body": "Voor de klas."}
    assert client.post(reverse("forum:ask"), typed).status_code == 302
    first = Question.objects.get()
    response = client.post(
        reverse("forum:ask"),
        {**typed, "title": " wie kent een goed boek over MINDFULNESS? ", "post_anyway": "1"},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "You posted this question a moment ago" in page
    assert first.get_absolute_url() in page and "Voor de klas." in page
    assert Question.objects.count() == 1
    # Later, or by a colleague, the same words are a new question.
    Question.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert client.post(reverse("forum:ask"), {**typed, "post_anyway": "1"}).status_code == 302
    client.force_login(established())
    assert client.post(reverse("forum:ask"), {**typed, "post_anyway": "1"}).status_code == 302
    assert Question.objects.count() == 3


def test_the_resource_picker_finds_published_resources(client):
    published = ResourceFactory(title="Breukenmuur om te knippen")
    ResourceFactory(title="Breukenmuur in het concept", status=Status.DRAFT)
    ResourceFactory(title="Klokkijken met de grote wijzer")
    search_reindex_all()
    url = reverse("forum:resource_picker")
    assert client.get(url, {"q": "breuken"}).status_code == 302  # members only
    client.force_login(established())
    answer = client.get(url, {"q": "breukenmuur"}).json()
    assert answer["items"] == [
        {
            "id": published.pk,
            "title": published.title,
            "address": reverse("resources:detail_short", args=[published.pk]),
            "url": published.get_absolute_url(),
        }
    ]
    assert answer["status"] == "1 resource found"
    for text in ("", "b", "x" * 5000, '"unclosed OR -'):
        response = client.get(url, {"q": text})
        assert response.status_code == 200 and "items" in response.json()


def test_the_resources_field_offers_the_picker_and_takes_its_addresses(client):
    resource = ResourceFactory(title="Breukenmuur")
    member = established()
    client.force_login(member)
    question = QuestionFactory()
    for page_url in (reverse("forum:ask"), question.get_absolute_url()):
        page = client.get(page_url).content.decode()
        field = re.search(r"<textarea[^>]*name=\"resources\"[^>]*>", page).group(0)
        assert f'data-resource-picker="{reverse("forum:resource_picker")}"' in field
        assert "staffroom/forum.js" in page
    # What the picker adds (the short address) is what the field reads.
    response = client.post(
        reverse("forum:answer", args=[question.pk]),
        {"body": "Deze helpt.", "resources": reverse("resources:detail_short", args=[resource.pk])},
    )
    assert response.status_code == 302
    assert list(question.answers.get().resources.all()) == [resource]

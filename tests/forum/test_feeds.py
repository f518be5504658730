"""Atom feeds of the question lists, with the list's filters."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from staffroom.curriculum.models import Level, Subject
from staffroom.forum.models import Question
from tests.forum.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, name: str, **params) -> tuple[ET.Element, list[ET.Element]]:
    response = client.get(reverse(f"forum:{name}_feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return feed, feed.findall(f"{ATOM}entry")


def test_each_list_has_an_atom_feed(client):
    open_question = QuestionFactory(title="Wie kent een goede leesmethode?")
    answered = QuestionFactory(title="Hoe start ik met coöperatief leren?")
    AnswerFactory(question=answered)
    Question.objects.filter(pk=answered.pk).update(answer_count=1, vote_count=4)
    feed, found = entries(client, "recent")
    assert "Recente vragen" in feed.find(f"{ATOM}title").text  # a visitor: Dutch
    assert [entry.find(f"{ATOM}title").text for entry in found] == [
        answered.title,
        open_question.title,
    ]
    entry = found[0]
    assert entry.find(f"{ATOM}link").get("href").endswith(answered.get_absolute_url())
    assert entry.find(f"{ATOM}author/{ATOM}name").text == answered.author.display_name
    # Terms in the reader's language and region (Dutch for a visitor), then the tags.
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        Level.objects.get(code="fl-lo-3").labels["nl"],
        Subject.objects.get(code="fl-wis").labels["nl"],
    ]
    _feed, found = entries(client, "unanswered")
    assert [entry.find(f"{ATOM}title").text for entry in found] == [open_question.title]
    _feed, found = entries(client, "popular")
    assert found[0].find(f"{ATOM}title").text == answered.title


def test_a_feed_keeps_the_lists_filters(client):
    QuestionFactory(title="Vraag derde leerjaar", levels=["fl-lo-3"])
    QuestionFactory(title="Vraag secundair", levels=["fl-so-1g"], subjects=["fl-fra"])
    feed, found = entries(client, "recent", level="nl-po-5")
    assert [entry.find(f"{ATOM}title").text for entry in found] == ["Vraag derde leerjaar"]
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href").endswith("/forum/feed/?level=nl-po-5")
    # Unknown filter values are ignored.
    _feed, found = entries(client, "recent", level="<nope>", subject="x" * 500)
    assert len(found) == 2


def test_a_feed_carries_the_sanitised_text(client):
    QuestionFactory(body="Zie **dit**. <script>alert('x')</script> [link](javascript:alert(1))")
    _feed, (entry,) = entries(client, "recent")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<strong>dit</strong>" in summary.text
    assert "<script" not in summary.text and 'href="javascript' not in summary.text

"""The head of resource, question and event pages (issue 18, point 7): a rel=canonical on
SITE_URL (whatever host, slug or query string the page was fetched with), a meta description
of the first ~155 characters of the description in plain text (no Markdown), and the resource's
JSON-LD names the canonical address as schema.org ``url``."""

import json
import re

import pytest
from lxml import html
from tests.events.factories import EventFactory
from tests.factories import DraftFactory, ResourceFactory
from tests.forum.factories import QuestionFactory

from staffroom.core.head import DESCRIPTION_LENGTH, meta_description, plain_text

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SITE = "https://staffroom.example"

LONG_MARKDOWN = (
    "# Breuken\n\n"
    "Een **werkblad** om [breuken](https://example.org/breuken) te leren vergelijken & "
    "ordenen, met `oplossingen` voor de leerkracht.\n\n"
    "- Eerst de noemers gelijk maken;\n"
    "- dan de tellers vergelijken.\n\n"
    "Geschikt voor het derde en vierde leerjaar, ook als differentiatie voor snelle "
    "leerlingen die al klaar zijn met de gewone oefeningen van de les."
)


def head(response):
    assert response.status_code == 200
    return html.fromstring(response.content).find("head")


def canonical_of(page) -> list[str]:
    return [link.get("href") for link in page.findall("link") if link.get("rel") == "canonical"]


def description_of(page) -> list[str]:
    return [
        meta.get("content") for meta in page.findall("meta") if meta.get("name") == "description"
    ]


def test_plain_text_leaves_the_markdown_out():
    text = plain_text(LONG_MARKDOWN)
    assert text.startswith("Breuken Een werkblad om breuken te leren vergelijken & ordenen,")
    assert not re.search(r"[*#`\[\]<>]|https?:", text)
    assert "\n" not in text and "  " not in text


def test_a_long_description_is_cut_after_a_whole_word():
    description = meta_description(LONG_MARKDOWN)
    assert len(description) <= DESCRIPTION_LENGTH
    assert description.endswith("…")
    assert plain_text(LONG_MARKDOWN).startswith(description[:-1])
    # The word before "…" is whole.
    words = plain_text(LONG_MARKDOWN).split(" ")
    assert description[:-1].rstrip(" ,;:").split(" ")[-1].rstrip(",;:") in {
        word.rstrip(",;:") for word in words
    }


def test_a_short_description_is_kept_whole():
    assert meta_description("Kort *en* goed.") == "Kort en goed."
    assert meta_description("") == ""


@pytest.mark.django_db
def test_a_resource_page_has_its_canonical_address_and_a_description(client, settings):
    settings.SITE_URL = SITE
    resource = ResourceFactory(description=LONG_MARKDOWN)
    canonical = SITE + resource.get_absolute_url()

    page = head(client.get(resource.get_absolute_url() + "?rank=3&utm_source=x", **ENGLISH))

    assert canonical_of(page) == [canonical]
    assert description_of(page) == [meta_description(LONG_MARKDOWN)]
    assert "**" not in description_of(page)[0]
    (script,) = page.xpath('script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert data["url"] == canonical
    assert data["mainEntityOfPage"][0]["id"] == canonical


@pytest.mark.django_db
def test_a_description_is_escaped_in_its_attribute(client, settings):
    settings.SITE_URL = SITE
    resource = ResourceFactory(description='Quotes " and <b>tags</b> & "more"')
    response = client.get(resource.get_absolute_url(), **ENGLISH)
    # Markdown shows HTML as typed: the reader sees "<b>", and so does the description.
    assert description_of(head(response)) == ['Quotes " and <b>tags</b> & "more"']
    assert (
        b'content="Quotes &quot; and &lt;b&gt;tags&lt;/b&gt; &amp; &quot;more&quot;"'
        in response.content
    )


@pytest.mark.django_db
def test_no_meta_description_without_a_description(client):
    resource = ResourceFactory(description="")
    page = head(client.get(resource.get_absolute_url(), **ENGLISH))
    assert description_of(page) == []
    assert len(canonical_of(page)) == 1


@pytest.mark.django_db
def test_a_draft_has_a_canonical_address_and_no_linked_data(client, settings):
    settings.SITE_URL = SITE
    draft = DraftFactory()
    client.force_login(draft.contributor)
    page = head(client.get(draft.get_absolute_url(), **ENGLISH))
    assert canonical_of(page) == [SITE + draft.get_absolute_url()]
    assert page.xpath('script[@type="application/ld+json"]') == []


@pytest.mark.django_db
def test_a_question_page_has_its_canonical_address_and_a_description(client, settings):
    settings.SITE_URL = SITE
    question = QuestionFactory(body="Hoe leer je **breuken** aan in het *derde* leerjaar?")
    page = head(client.get(question.get_absolute_url(), **ENGLISH))
    assert canonical_of(page) == [SITE + question.get_absolute_url()]
    assert description_of(page) == ["Hoe leer je breuken aan in het derde leerjaar?"]


@pytest.mark.django_db
def test_an_event_page_has_its_canonical_address_and_a_description(client, settings):
    settings.SITE_URL = SITE
    event = EventFactory()
    page = head(client.get(event.get_absolute_url(), **ENGLISH))
    assert canonical_of(page) == [SITE + event.get_absolute_url()]
    assert description_of(page) == ["Hoe organiseer je afstandsonderwijs?"]


@pytest.mark.django_db
def test_a_hidden_question_keeps_its_text_out_of_the_head(client, settings):
    from django.utils import timezone

    question = QuestionFactory(body="Reclame voor een webwinkel.")
    question.hidden_at = timezone.now()
    question.hidden_reason = "Reclame"
    question.save()
    page = head(client.get(question.get_absolute_url(), **ENGLISH))
    assert description_of(page) == []
    assert len(canonical_of(page)) == 1

"""Shared steps of the newsletter tests: content for this week, sending an issue, links in mail."""

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from staffroom.newsletter import sending
from tests.events.factories import EventFactory
from tests.factories import ResourceFactory
from tests.forum.factories import QuestionFactory


def week_content():
    """A resource of this week tagged 3de leerjaar (Flemish; Groep 5 for the Dutch), an open
    question in mathematics and a webinar in three days."""
    resource = ResourceFactory(
        title="Breuken vergelijken met pizzapunten",
        published_at=timezone.now() - timedelta(days=1),
        levels=["fl-lo-3"],
        subjects=["fl-wis"],
    )
    question = QuestionFactory(title="Hoe leg ik gelijknamige breuken uit?")
    webinar = EventFactory(title="Rekenen op afstand")
    return resource, question, webinar


def send(mailing, **options):
    """Start a mailing and send it in this process, as ``staffroom newsletter send`` does."""
    sending.mailing_start(mailing=mailing, enqueue=False)
    mailing.refresh_from_db()
    sending.recipients_prepare(mailing=mailing)
    return sending.deliveries_send(mailing=mailing, **options)


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    body = message.get_body(preferencelist=("html",)).get_content()
    return text, body


def tracked_links(text: str) -> list[str]:
    return re.findall(r"https://staffroom\.test/newsletter/l/\?\S+", text)


def html_links(body: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', body)]


def local(url: str) -> str:
    """The path and query of one of our absolute addresses, for the test client."""
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.hostname == "staffroom.test", url
    return parts.path + (f"?{parts.query}" if parts.query else "")

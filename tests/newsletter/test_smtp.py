"""Whole issues through a real SMTP server on loopback: what arrives, for whom, and its links."""

import html
from datetime import timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from staffroom.newsletter import compose, sending, services
from staffroom.newsletter.models import (
    Delivery,
    DeliveryStatus,
    LinkClick,
    MailingStatus,
    NewsletterPreference,
)
from tests.factories import StaffFactory

from .factories import DutchSubscriberFactory, IssueFactory, SubscriberFactory
from .helpers import html_links, local, parts, send, tracked_links, week_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_issue(smtp_server, django_capture_on_commit_callbacks):
    """This week's issue sent to a Flemish and a Dutch teacher, started as staff do it (the
    task runs at once in tests)."""
    flemish = SubscriberFactory(name="Els Peeters", email="els@school.be")
    dutch = DutchSubscriberFactory(name="Joost de Vries", email="joost@school.nl")
    content = week_content()
    issue = IssueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff = StaffFactory()
        token = services.send_confirmation_token(staff=staff, mailing=issue)
        assert services.send_now(staff=staff, mailing=issue, confirmation=token)
    issue.refresh_from_db()
    return issue, flemish, dutch, content, smtp_server


def test_each_member_gets_one_multipart_mail_with_the_right_headers(sent_issue, settings):
    issue, flemish, dutch, _content, server = sent_issue
    assert issue.status == MailingStatus.SENT
    assert sorted(r for item in server.received for r in item.rcpt_tos) == [
        "els@school.be",
        "joost@school.nl",
    ]
    ids = set()
    for member in (flemish, dutch):
        [message] = server.to(member.email)
        delivery = Delivery.objects.get(mailing=issue, member=member)
        assert delivery.status == DeliveryStatus.SENT
        assert message["Message-ID"] == delivery.message_id
        ids.add(message["Message-ID"])
        assert message["From"] == "Staffroom <nieuwsbrief@staffroom.test>"
        assert message["Reply-To"] == "redactie@staffroom.test"
        assert message["To"] == member.email
        unsubscribe = str(message["List-Unsubscribe"]).strip()
        assert unsubscribe.startswith("<https://staffroom.test/newsletter/unsubscribe/")
        assert unsubscribe.endswith(">")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.get_content_type() == "multipart/alternative"
        kinds = [part.get_content_type() for part in message.iter_parts()]
        assert kinds == ["text/plain", "text/html"]
        text, body = parts(message)
        assert member.name in text and member.name in body
        assert "Welkom terug" in text and "Welkom terug" in body
        assert "<strong>breuken</strong>" in body
    assert len(ids) == 2
    # The envelope sender is the bounce address, so reports come back to our mailbox.
    assert {item.mail_from for item in server.received} == {"bounces@staffroom.test"}


def test_flemish_and_dutch_members_read_their_own_terms_for_the_same_resource(sent_issue):
    _issue, flemish, dutch, (resource, question, webinar), server = sent_issue
    flemish_text, flemish_html = parts(server.to(flemish.email)[0])
    dutch_text, dutch_html = parts(server.to(dutch.email)[0])
    for text, body in ((flemish_text, flemish_html), (dutch_text, dutch_html)):
        assert resource.title in text and resource.title in body
        assert question.title in text and question.title in body
        assert webinar.title in text and webinar.title in body
    assert "3de leerjaar" in flemish_text and "3de leerjaar" in flemish_html
    assert "Groep 5" not in flemish_text
    assert "Groep 5" in dutch_text and "Groep 5" in dutch_html
    assert "3de leerjaar" not in dutch_text


def test_tracked_links_count_the_click_and_go_to_the_target(sent_issue, client):
    issue, flemish, _dutch, (resource, _q, _w), server = sent_issue
    text, body = parts(server.to(flemish.email)[0])
    links = tracked_links(text)
    assert links, text
    tracked_in_html = [link for link in html_links(body) if "/newsletter/l/" in link]
    assert set(tracked_in_html) == set(links)
    [resource_link] = [
        link
        for link in links
        if resource.get_absolute_url() in parse_qs(urlsplit(link).query)["u"][0]
    ]
    response = client.get(local(resource_link))
    assert response.status_code == 302
    assert response["Location"] == "https://staffroom.test" + resource.get_absolute_url()
    click = LinkClick.objects.get()
    delivery = Delivery.objects.get(mailing=issue, member=flemish)
    assert click.delivery == delivery and click.mailing == issue
    delivery.refresh_from_db()
    assert delivery.clicked_at is not None


def test_a_tampered_link_is_refused_and_redirects_nowhere(sent_issue, client):
    _issue, flemish, _dutch, _content, server = sent_issue
    text, _body = parts(server.to(flemish.email)[0])
    link = urlsplit(tracked_links(text)[0])
    query = {key: values[0] for key, values in parse_qs(link.query).items()}
    elsewhere = dict(query, u="https://evil.example.com/")
    broken = dict(query, s=query["s"][:-1] + ("0" if query["s"][-1] != "0" else "1"))
    unsigned = {key: value for key, value in query.items() if key != "s"}
    for tampered in (elsewhere, broken, unsigned, dict(query, u="javascript:alert(1)")):
        response = client.get(f"{link.path}?{urlencode(tampered)}")
        assert response.status_code == 400
        assert "Location" not in response
    assert not LinkClick.objects.exists()


def test_one_click_unsubscribe_works_without_login_and_stops_the_next_issue(
    sent_issue, smtp_server
):
    issue, flemish, dutch, _content, server = sent_issue
    url = str(server.to(flemish.email)[0]["List-Unsubscribe"]).strip().strip("<>")
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        local(url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    preference = NewsletterPreference.objects.get(member=flemish)
    assert preference.weekly is False
    assert not NewsletterPreference.objects.filter(member=dutch).exists()

    server.received.clear()
    next_issue = IssueFactory(week=issue.week + timedelta(days=7))
    send(next_issue)
    assert [r for item in server.received for r in item.rcpt_tos] == ["joost@school.nl"]


def test_prepared_mail_fills_in_odd_names_and_falls_back_for_long_lines(smtp_server):
    """Mail to SMTP servers is made once per edition and filled in per member: a name with
    accents and markup lands as typed in the text and escaped in the HTML; an editorial whose
    lines need quoted-printable is built message by message instead, with the same result."""
    week_content()
    zoe = SubscriberFactory(name="Zoë <b>Ünal</b> & co", email="zoe@school.be")
    els = SubscriberFactory(name="Els Peeters", email="els@school.be")
    issue = IssueFactory(editorial_title="Één voor allen")
    send(issue)
    for member in (zoe, els):
        [message] = smtp_server.to(member.email)
        text, body = parts(message)
        assert f"Hallo {member.name}," in text or f"Hello {member.name}," in text
        assert html.escape(member.name) in body and "<b>Ünal" not in body
        assert str(message["Subject"]).startswith("Staffroom")
        assert parsedate_to_datetime(str(message["Date"])).tzinfo is not None
        delivery = Delivery.objects.get(mailing=issue, member=member)
        assert message["Message-ID"] == delivery.message_id
        assert "Één voor allen" in text
    # One template served both members: the same edition.
    composed = compose.Composer(issue).composed(sending.queries.profiles_of([zoe.pk])[zoe.pk])
    assert sending.mail_template(issue, composed) is not None

    smtp_server.received.clear()
    long_issue = IssueFactory(week=issue.week + timedelta(days=7), editorial="é" + "x" * 1200)
    long_composed = compose.Composer(long_issue).composed(
        sending.queries.profiles_of([zoe.pk])[zoe.pk]
    )
    assert sending.mail_template(long_issue, long_composed) is None
    send(long_issue)
    text, body = parts(smtp_server.to(zoe.email)[0])
    assert zoe.name in text and html.escape(zoe.name) in body and "x" * 1200 in text

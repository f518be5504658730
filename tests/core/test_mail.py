"""Mail to one member goes through one function: language, subject, List-Unsubscribe."""

from dataclasses import dataclass

from django.core import mail

from staffroom.core.mail import MAX_SUBJECT_LENGTH, Attachment, mail_member


@dataclass
class Reader:
    email: str
    interface_language: str
    display_name: str = "An"


def test_subscribed_mail_says_where_to_stop_it_and_transactional_mail_does_not(settings):
    settings.SITE_URL = "https://staffroom.example"
    reader = Reader("an@example.org", "nl-be")
    mail_member(
        reader,
        "moderation/email/received",
        {"item": None, "resource": {"title": "Breuken"}, "corrections": []},
    )
    mail_member(
        reader,
        "search/email/new_match",
        {"saved": {"query": "breuken"}, "resource": {"title": "Breuken"}},
        unsubscribe_url="https://staffroom.example/search/saved/",
    )
    transactional, subscribed = mail.outbox
    assert "List-Unsubscribe" not in transactional.extra_headers
    assert (
        subscribed.extra_headers["List-Unsubscribe"] == "<https://staffroom.example/search/saved/>"
    )
    assert subscribed.to == ["an@example.org"]


def test_the_subject_is_one_line_of_bounded_length_and_attachments_come_along(tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "t").mkdir(parents=True)
    (template_dir / "t" / "long_subject.txt").write_text("Heel\n" + "lang " * 100)
    (template_dir / "t" / "long.txt").write_text(
        "Dag {{ member.display_name }}, zie {{ site_url }}"
    )
    settings.TEMPLATES = [
        {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [template_dir]}
    ]
    settings.SITE_URL = "https://staffroom.example"
    mail_member(
        Reader("an@example.org", "en"),
        "t/long",
        {},
        attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert len(message.subject) == MAX_SUBJECT_LENGTH
    assert message.body == "Dag An, zie https://staffroom.example"
    ((filename, content, mime_type),) = message.attachments
    assert (filename, mime_type) == ("event.ics", "text/calendar")
    assert content in ("BEGIN:VCALENDAR", b"BEGIN:VCALENDAR")

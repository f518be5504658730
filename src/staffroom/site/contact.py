"""Messages sent with the contact form: mailed to the staff's contact address (CONTACT_EMAIL)
through the one mail helper, in the site's language; nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from staffroom.core.mail import mail_member


class ContactSubject(models.TextChoices):
    QUESTION = "question", _("A question")
    REPORT = "report", _("Report content")
    ACCESSIBILITY = "accessibility", _("An accessibility problem")
    PRIVACY = "privacy", _("A request about my personal data")


@dataclass(frozen=True)
class ContactMessage:
    """What a visitor or member sends; ``member_id`` when they were logged in."""

    name: str
    email: str
    subject: str
    message: str
    member_id: int | None = None


@dataclass
class StaffInbox:
    """The contact address as a mail recipient, written to in the site's language."""

    email: str
    language: str

    @property
    def interface_language(self) -> str:
        return self.language


def contact_message_send(message: ContactMessage) -> None:
    """Mail ``message`` to CONTACT_EMAIL (privacy requests also to DATA_PROTECTION_CONTACT when
    it is another address). Raises OSError (smtplib's errors are OSErrors) when the mail
    server refuses or cannot be reached."""
    recipients = [settings.CONTACT_EMAIL]
    if (
        message.subject == ContactSubject.PRIVACY
        and settings.DATA_PROTECTION_CONTACT not in recipients
    ):
        recipients.append(settings.DATA_PROTECTION_CONTACT)
    context = {
        "message": message,
        "subject_label": ContactSubject(message.subject).label,
    }
    for address in recipients:
        # Staff answer with their mail program's "Reply": it goes to the sender.
        mail_member(
            StaffInbox(address, settings.LANGUAGE_CODE),
            "site/email/contact",
            context,
            reply_to=[message.email],
        )

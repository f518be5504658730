"""Mail to one member: worded in their language, from a pair of templates, with absolute links.

Every message a member gets outside the newsletter goes through ``mail_member``, so that the
subject is cut the same way, the language is the reader's, and mail the member subscribed to
(notices, saved searches) says where to stop it (``List-Unsubscribe``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

# Longer subjects are cut by mail programs anyway, and some servers refuse very long headers.
MAX_SUBJECT_LENGTH = 200


class Recipient(Protocol):
    email: str

    @property
    def interface_language(self) -> str:
        """The language to write in, worded for the reader's region ("nl-nl", "nl", "en")."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str


def mail_member(
    member: Recipient,
    template: str,
    context: dict[str, Any],
    *,
    unsubscribe_url: str = "",
    attachments: Iterable[Attachment] = (),
    reply_to: list[str] | None = None,
) -> None:
    """Send ``template``_subject.txt and ``template``.txt (e.g. "search/email/new_match"),
    rendered in ``member``'s language with ``member`` and ``site_url`` in the context.

    ``unsubscribe_url`` (absolute) is for mail the member can turn off: it becomes the
    ``List-Unsubscribe`` header. Transactional mail (a decision, a confirmation) has none.
    ``reply_to`` is for mail written by someone else than the site (the contact form): an
    answer goes to them rather than to the site's own address.
    """
    with translation.override(member.interface_language):
        context = {**context, "member": member, "site_url": settings.SITE_URL}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>"} if unsubscribe_url else {}
    message = EmailMessage(
        " ".join(subject.split())[:MAX_SUBJECT_LENGTH],
        body,
        None,
        [member.email],
        headers=headers,
        reply_to=reply_to,
    )
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mime_type)
    message.send()

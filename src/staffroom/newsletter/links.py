"""Signed addresses in mail: one-click unsubscribe, preferences without login, tracked links.

Tokens are signed with the site's secret (``django.core.signing``), so no table of tokens is
kept and nobody can forge one for another member or send our redirect anywhere else.

A member's token carries the moment it was made. The preferences page honours it for
``NEWSLETTER_TOKEN_DAYS`` (90 by default: a newsletter may be opened weeks later), so a mail
forwarded or left in an old mailbox does not open the member's choices for ever; unsubscribing
takes a token of any age (it cannot harm the member). Each message gets a fresh one when it is
sent. An expired token still names its member, so the page it opens can offer to mail that
member a fresh link.
"""

import hashlib
import hmac
from datetime import timedelta
from typing import NamedTuple
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse

_MEMBER_SALT = "staffroom.newsletter.member"
_DELIVERY_SALT = "staffroom.newsletter.delivery"
_LINK_SALT = b"staffroom.newsletter.link"
# Stands for the delivery's token in content composed once for many members.
DELIVERY_PLACEHOLDER = "__DELIVERY__"


class MemberToken(NamedTuple):
    """What a member's token says: whose it is (None: not ours), and whether it expired."""

    member_id: int | None
    expired: bool = False


def token_max_age() -> timedelta:
    return timedelta(days=settings.NEWSLETTER_TOKEN_DAYS)


def member_token(member_id: int) -> str:
    return signing.TimestampSigner(salt=_MEMBER_SALT).sign(str(member_id))


def member_token_check(token: str) -> MemberToken:
    """Read a member's token: valid, expired (still naming its member) or not ours."""
    signer = signing.TimestampSigner(salt=_MEMBER_SALT)
    try:
        return MemberToken(int(signer.unsign(token, max_age=token_max_age())))
    except signing.SignatureExpired:
        return MemberToken(int(signer.unsign(token)), expired=True)
    except (signing.BadSignature, ValueError):
        pass
    try:
        # Mail sent before tokens expired carries an undated token: expired now.
        return MemberToken(int(signing.Signer(salt=_MEMBER_SALT).unsign(token)), expired=True)
    except (signing.BadSignature, ValueError):
        return MemberToken(None)


def member_id_from(token: str) -> int | None:
    """The member of a valid, unexpired token; None otherwise."""
    check = member_token_check(token)
    return None if check.expired else check.member_id


def unsubscribe_url(member_id: int) -> str:
    return settings.SITE_URL + reverse("newsletter:unsubscribe", args=[member_token(member_id)])


def preferences_url(member_id: int) -> str:
    return settings.SITE_URL + reverse(
        "newsletter:preferences_token", args=[member_token(member_id)]
    )


def delivery_token(delivery_id: int) -> str:
    return signing.Signer(salt=_DELIVERY_SALT).sign(str(delivery_id))


def delivery_id_from(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=_DELIVERY_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def link_signature(url: str) -> str:
    """A short HMAC of the target: our redirect only goes where our own mail pointed."""
    key = hashlib.sha256(_LINK_SALT + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, url.encode(), hashlib.sha256).hexdigest()[:20]


def link_signature_valid(url: str, signature: str) -> bool:
    return hmac.compare_digest(link_signature(url), signature or "")


def tracked(url: str) -> str:
    """The tracked form of ``url``, with the delivery left as a placeholder to fill per member.

    Relative addresses are made absolute first: mail has no base address.
    """
    if url.startswith("/"):
        url = settings.SITE_URL + url
    query = urlencode({"u": url, "s": link_signature(url)}, quote_via=quote)
    return f"{settings.SITE_URL}{reverse('newsletter:click')}?d={DELIVERY_PLACEHOLDER}&{query}"

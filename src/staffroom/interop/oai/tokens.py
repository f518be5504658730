"""Resumption tokens: stateless, signed and expiring.

A token carries everything the next page needs: the verb, the original arguments (prefix,
from, until, set), the keyset cursor (datestamp and id of the last record sent), how many
records were sent before (``cursor``) and the list's size counted at the first page. Nothing
is kept on the server, so any web process can answer the next page, and a tampered token
fails its signature.
"""

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .errors import bad_resumption_token

SALT = "staffroom.interop.oai.token"
# Longer than any token this repository issues (the longest, with a set spec of the maximum
# length, a day's from and until and the largest cursor, stays under 700 characters): a
# longer value is refused before it is unsigned or decompressed.
MAX_LENGTH = 1000


def now() -> datetime:
    """The current time (tests freeze it here)."""
    return timezone.now()


@dataclass(frozen=True)
class Token:
    verb: str
    prefix: str = ""
    from_: str = ""
    until: str = ""
    set_spec: str = ""
    # Keyset cursor: the datestamp (epoch seconds) and id of the last record of the page sent.
    after_stamp: int = 0
    after_id: int = 0
    cursor: int = 0  # how many items the earlier pages held
    size: int = 0  # completeListSize, counted once at the first page
    expires: int = 0  # epoch seconds


def expiry() -> datetime:
    return (now() + timedelta(seconds=settings.OAI_TOKEN_SECONDS)).replace(microsecond=0)


def encode(token: Token) -> str:
    return signing.dumps(asdict(token), salt=SALT, compress=True)


def decode(value: str, *, verb: str) -> Token:
    """The token ``value`` stands for; badResumptionToken when it was altered, has expired or
    belongs to another verb."""
    if len(value) > MAX_LENGTH:
        raise bad_resumption_token(
            "The resumption token is longer than any this repository issues."
        )
    try:
        data = signing.loads(value, salt=SALT)
        token = Token(**data)
    except (signing.BadSignature, TypeError, ValueError):
        raise bad_resumption_token(
            "The resumption token is not one this repository issued."
        ) from None
    if token.verb != verb:
        raise bad_resumption_token(f"The resumption token belongs to {token.verb}, not {verb}.")
    if token.expires < now().timestamp():
        expired = datetime.fromtimestamp(token.expires, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        raise bad_resumption_token(f"The resumption token expired at {expired}.")
    return token

"""Write use-cases of the API app: partner organisations' tokens.

What partners write with a token (resources) is written by the app that owns it
(``resources.partner_api``)."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, Organisation

from .models import ApiToken
from .queries import key_hash

KEY_PREFIX = "sr_"
# How often last_used_at is written: a busy integration should not write on every request.
LAST_USED_RESOLUTION_SECONDS = 60


def api_token_create(
    *, member: Member, organisation: Organisation, name: str
) -> tuple[ApiToken, str]:
    """Make a token for ``organisation``; return it with its key, which is never stored and
    so can only be shown now."""
    if not member.organisations.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the system that uses it.")})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name[:100],
        key_hash=key_hash(key),
        prefix=key[:10],
        created_by=member,
    )
    return token, key


def api_token_revoke(*, member: Member, token: ApiToken) -> None:
    """Members of the token's organisation and staff can revoke it; revoking is final."""
    if not (member.is_staff or member.organisations.filter(pk=token.organisation_id).exists()):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = member
        token.save(update_fields=["revoked_at", "revoked_by"])


def api_token_mark_used(token: ApiToken) -> None:
    """Note when ``token`` was last used, at most once a minute."""
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

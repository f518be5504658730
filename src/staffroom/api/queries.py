"""Reads of API tokens: who sees which, and which token a key belongs to."""

import hashlib

from django.db.models import QuerySet

from staffroom.accounts.models import Member, Organisation

from .models import ApiToken

# Keys are made by ``api_token_create``; anything much longer is not one of ours.
MAX_KEY_LENGTH = 200


def key_hash(key: str) -> str:
    """What is stored of a key: its SHA-256, in hex."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def token_for_key(key: str) -> ApiToken | None:
    """The active token ``key`` belongs to, or None. A token works only while the member who
    made it still belongs to its organisation and can log in: someone who leaves a partner
    takes no write access along."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("organisation", "created_by")
        .filter(key_hash=key_hash(key), revoked_at=None)
        .first()
    )
    if token is None or token.created_by is None or not token.created_by.is_active:
        return None
    if not token.created_by.organisations.filter(pk=token.organisation_id).exists():
        return None
    return token


def tokens_visible_to(member: Member) -> QuerySet[ApiToken]:
    """Staff see every token; members of partner organisations those of their organisations."""
    tokens = ApiToken.objects.select_related("organisation", "created_by", "revoked_by")
    if member.is_staff:
        return tokens
    return tokens.filter(organisation__in=member.organisations.all())


def organisations_for_tokens(member: Member) -> QuerySet[Organisation]:
    """The organisations ``member`` may make tokens for: their own."""
    return member.organisations.order_by("name")

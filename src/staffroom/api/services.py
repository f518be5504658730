"""Write use-cases of the API app: tokens, and resources written by partner organisations.

Resource writes go through the same services as the contribution form
(``resources.services``): a new resource is saved as a draft and submitted to moderation, an
edit of a published one is proposed for review."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.moderation.queries import pending_edit_for
from staffroom.resources import services as resource_services
from staffroom.resources.metadata import snapshot, snapshot_from_data
from staffroom.resources.models import Kind, Resource, Status

from .models import ApiToken
from .queries import key_hash

KEY_PREFIX = "sr_"
# How often last_used_at is written: a busy integration should not write on every request.
LAST_USED_RESOLUTION_SECONDS = 60


def api_token_create(*, member, organisation, name: str) -> tuple[ApiToken, str]:
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


def api_token_revoke(*, member, token: ApiToken) -> None:
    """Members of the token's organisation and staff can revoke it; revoking is final."""
    if not (member.is_staff or member.organisations.filter(pk=token.organisation_id).exists()):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = member
        token.save(update_fields=["revoked_at", "revoked_by"])


def api_token_mark_used(token: ApiToken) -> None:
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def api_resource_create(*, token: ApiToken, data: dict) -> Resource:
    """A web link published under the token's organisation, sent straight to moderation.

    All or nothing: when the submission is incomplete, no draft is left behind (an API client
    sends everything at once; the web form keeps drafts so nothing typed is lost)."""
    member = token.created_by
    resource = resource_services.resource_save_draft(
        contributor=member,
        data={**data, "kind": Kind.LINK, "organisation": token.organisation},
        uploads=[],
    )
    resource_services.resource_submit(resource=resource, contributor=member)
    resource.refresh_from_db()
    return resource


def _changes(resource: Resource, data: dict) -> dict:
    current = snapshot(resource)
    return {
        field: value
        for field, value in snapshot_from_data(data).items()
        if value != current.get(field)
    }


@transaction.atomic
def api_resource_update(
    *, token: ApiToken, resource: Resource, data: dict
) -> tuple[Resource, bool]:
    """Change a resource of the token's organisation; return it and whether the change waits
    for review as a proposed edit.

    A published resource stays online unchanged and the edit goes to moderation; a draft, a
    pending resource or one with changes requested is changed and (again) submitted."""
    if resource.organisation_id != token.organisation_id:
        raise PermissionDenied
    if resource.status in (Status.PUBLISHED, Status.PENDING) and not _changes(resource, data):
        # Sending what is already there changes nothing and asks nobody for a review.
        return resource, pending_edit_for(resource) is not None
    # The resource is the organisation's; the services act as the member who contributed it.
    contributor = resource.contributor
    if resource.status == Status.PUBLISHED:
        resource_services.resource_propose_edit(
            resource=resource, contributor=contributor, data=data, uploads=[]
        )
        return resource, True
    if resource.status not in resource_services.EDITABLE_STATUSES:
        raise ValidationError(_("This resource was rejected and can no longer be changed."))
    resource = resource_services.resource_save_draft(
        contributor=contributor, resource=resource, data=data, uploads=[]
    )
    resource_services.resource_submit(resource=resource, contributor=contributor)
    resource.refresh_from_db()
    return resource, False

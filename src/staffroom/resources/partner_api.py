"""Resources written by partner organisations over the JSON API, with an API token.

Resource writes go through the same services as the contribution form
(``resources.services``): a new resource is saved as a draft and submitted to moderation, an
edit of a published one is proposed for review."""

from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from staffroom.api.models import ApiToken

from . import lifecycle
from . import services as resource_services
from .inputs import ResourceInput
from .metadata import snapshot, snapshot_from_data
from .models import Kind, Resource, Status
from .review import pending_edit_values


@transaction.atomic
def api_resource_create(*, token: ApiToken, data: ResourceInput) -> Resource:
    """A web link published under the token's organisation, sent straight to moderation.

    All or nothing: when the submission is incomplete, no draft is left behind (an API client
    sends everything at once; the web form keeps drafts so nothing typed is lost)."""
    member = token.created_by
    if member is None:  # token_for_key refuses such tokens; a token object may still have none
        raise PermissionDenied
    resource = resource_services.resource_save_draft(
        contributor=member,
        data=replace(data, kind=Kind.LINK, organisation=token.organisation),
        uploads=[],
    )
    resource_services.resource_submit(resource=resource, contributor=member)
    resource.refresh_from_db()
    return resource


def _changes(resource: Resource, data: ResourceInput) -> dict:
    current = snapshot(resource)
    return {
        field: value
        for field, value in snapshot_from_data(data).items()
        if value != current.get(field)
    }


@transaction.atomic
def api_resource_update(
    *, token: ApiToken, resource: Resource, data: ResourceInput
) -> tuple[Resource, bool]:
    """Change a resource of the token's organisation; return it and whether the change waits
    for review as a proposed edit.

    A published resource stays online unchanged and the edit goes to moderation; a draft, a
    pending resource or one with changes requested is changed and (again) submitted."""
    if resource.organisation_id != token.organisation_id:
        raise PermissionDenied
    if resource.status in (Status.PUBLISHED, Status.PENDING) and not _changes(resource, data):
        # Sending what is already there changes nothing and asks nobody for a review.
        return resource, pending_edit_values(resource) is not None
    # The resource is the organisation's; the services act as the member who contributed it.
    contributor = resource.contributor
    if resource.status == Status.PUBLISHED:
        resource_services.resource_propose_edit(
            resource=resource, contributor=contributor, data=data, uploads=[]
        )
        return resource, True
    if resource.status not in lifecycle.EDITABLE_STATUSES:
        raise ValidationError(_("This resource was rejected and can no longer be changed."))
    resource = resource_services.resource_save_draft(
        contributor=contributor, resource=resource, data=data, uploads=[]
    )
    resource_services.resource_submit(resource=resource, contributor=contributor)
    resource.refresh_from_db()
    return resource, False

"""Member and organisation use-cases."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from staffroom.core.signals import usage_history_off
from staffroom.curriculum.models import Level, Region, Subject

from .inputs import OrganisationInput, ProfileInput
from .models import (
    Follow,
    Language,
    Member,
    NotificationMail,
    Organisation,
    OrganisationMembership,
    RoleChange,
)
from .queries import FollowTarget, follow_field

# The profile's choices, each with the values it takes.
PROFILE_CHOICES = {
    "region": Region.values,
    "language": Language.values,
    "notification_mail": NotificationMail.values,
}


@transaction.atomic
def member_update_profile(*, member: Member, data: ProfileInput) -> Member:
    """Save the profile fields that ``data`` gives (levels and subjects included); the others
    keep what they hold."""
    given = data.given()
    for field, allowed in PROFILE_CHOICES.items():
        if field in given and given[field] not in allowed:
            raise ValidationError({field: _("Choose one of the options offered.")})
    levels = given.pop("levels", None)
    subjects = given.pop("subjects", None)
    # Read from the database: a model form has already set the new value on ``member``.
    history_off = given.get("usage_history") is False and (
        Member.objects.filter(pk=member.pk, usage_history=True).exists()
    )
    for field, value in given.items():
        setattr(member, field, value)
    member.save()
    if history_off:
        member_id = member.pk
        transaction.on_commit(lambda: usage_history_off.send(sender=Member, member_id=member_id))
    if levels is not None:
        member.levels.set(levels)
    if subjects is not None:
        member.subjects.set(subjects)
    return member


@transaction.atomic
def member_set_roles(
    *,
    member: Member,
    changed_by: Member,
    is_moderator: bool,
    moderated_levels: Iterable[Level],
    moderated_subjects: Iterable[Subject],
    is_staff: bool,
    organisations: Iterable[Organisation],
) -> RoleChange | None:
    """Assign roles; only staff may, and every change is recorded with who made it."""
    if not changed_by.is_staff:
        raise PermissionDenied
    before = _roles_summary(member)
    member.is_moderator = is_moderator
    # Staff cannot remove their own staff role: the site must always keep one staff member.
    member.is_staff = is_staff or member.pk == changed_by.pk
    member.save(update_fields=["is_moderator", "is_staff"])
    member.moderated_levels.set(moderated_levels if is_moderator else [])
    member.moderated_subjects.set(moderated_subjects if is_moderator else [])
    wanted = set(organisations)
    OrganisationMembership.objects.filter(member=member).exclude(organisation__in=wanted).delete()
    for organisation in wanted:
        OrganisationMembership.objects.get_or_create(member=member, organisation=organisation)
    after = _roles_summary(member)
    if after == before:
        return None
    return RoleChange.objects.create(
        member=member, changed_by=changed_by, summary=f"{before} → {after}"
    )


def _roles_summary(member: Member) -> str:
    parts = ["teacher"]
    if member.is_moderator:
        levels = ", ".join(sorted(level.code for level in member.moderated_levels.all()))
        subjects = ", ".join(sorted(s.code for s in member.moderated_subjects.all()))
        parts.append(f"moderator [{levels}] [{subjects}]")
    if member.is_staff:
        parts.append("staff")
    organisations = ", ".join(sorted(o.name for o in member.organisations.all()))
    if organisations:
        parts.append(f"partner ({organisations})")
    return "; ".join(parts)


@transaction.atomic
def organisation_create(*, data: OrganisationInput, created_by: Member) -> Organisation:
    """Staff add a partner organisation; its address (slug) is made from its name, unique."""
    if not created_by.is_staff:
        raise PermissionDenied
    if not data.name:
        raise ValidationError({"name": _("Give the organisation a name.")})
    base = slugify(data.name)[:150] or "organisation"
    slug, suffix = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return Organisation.objects.create(
        name=data.name,
        slug=slug,
        description=data.description,
        website=data.website,
    )


@transaction.atomic
def follow_create(*, follower: Member, target: FollowTarget) -> Follow:
    """``follower`` follows a member, an organisation or a subject (again: nothing changes)."""
    field = follow_field(target)
    if field == "member" and target.pk == follower.pk:
        raise ValidationError(_("You cannot follow yourself."))
    lookup: dict[str, Any] = {"follower": follower, field: target}
    follow, _created = Follow.objects.get_or_create(**lookup)
    return follow


@transaction.atomic
def follow_delete(*, follower: Member, target: FollowTarget) -> bool:
    """Stop following ``target``; False when ``follower`` did not follow it."""
    deleted, _by_model = Follow.objects.filter(
        follower=follower, **{follow_field(target): target}
    ).delete()
    return bool(deleted)

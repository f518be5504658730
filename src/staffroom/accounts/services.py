"""Member and organisation use-cases."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Follow, Member, Organisation, OrganisationMembership, RoleChange
from .queries import follow_field

PROFILE_FIELDS = ("name", "town", "region", "language", "bio", "notification_mail")


@transaction.atomic
def member_update_profile(*, member: Member, data: dict) -> Member:
    """Save the profile fields present in ``data`` (levels and subjects included)."""
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(member, field, data[field] or "")
    member.save()
    if "levels" in data:
        member.levels.set(data["levels"])
    if "subjects" in data:
        member.subjects.set(data["subjects"])
    return member


@transaction.atomic
def member_set_roles(
    *,
    member: Member,
    changed_by: Member,
    is_moderator: bool,
    moderated_levels,
    moderated_subjects,
    is_staff: bool,
    organisations,
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
def organisation_create(*, data: dict, created_by: Member) -> Organisation:
    if not created_by.is_staff:
        raise PermissionDenied
    base = slugify(data["name"])[:150] or "organisation"
    slug, suffix = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return Organisation.objects.create(
        name=data["name"],
        slug=slug,
        description=data.get("description", ""),
        website=data.get("website", ""),
    )


@transaction.atomic
def follow_create(*, follower: Member, target) -> Follow:
    """``follower`` follows a member, an organisation or a subject (again: nothing changes)."""
    field = follow_field(target)
    if field == "member" and target.pk == follower.pk:
        raise ValidationError(_("You cannot follow yourself."))
    follow, _created = Follow.objects.get_or_create(follower=follower, **{field: target})
    return follow


@transaction.atomic
def follow_delete(*, follower: Member, target) -> bool:
    """Stop following ``target``; False when ``follower`` did not follow it."""
    deleted, _by_model = Follow.objects.filter(
        follower=follower, **{follow_field(target): target}
    ).delete()
    return bool(deleted)

"""Writes of theme pages: one use-case per function, permission checked here as well as in
the view, bad input refused as ``ValidationError`` with a message for the editor."""

import re

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.events.models import Event, EventStatus
from staffroom.forum.models import Question
from staffroom.notifications.queries import members_notified
from staffroom.notifications.services import notify
from staffroom.resources.models import Resource
from staffroom.resources.queries import resource_number

# Imported as a module: the tasks call back into this one.
from . import tasks
from .images import theme_image_from_upload
from .inputs import ItemInput, SectionInput, ThemeInput
from .models import (
    HOME_SLOTS,
    NOTE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    URL_MAX_LENGTH,
    HomeSlot,
    ItemKind,
    Theme,
    ThemeFollow,
    ThemeItem,
    ThemeSection,
    ThemeStatus,
)
from .notices import THEME_ITEM_ADDED
from .queries import CURATE_PERMISSION, CURATORS_GROUP, follower_ids, may_curate, may_edit

QUESTION_REFERENCE = re.compile(r"/forum/questions/(\d{1,12})(?:[/?#]|$)|^(\d{1,12})$")
EVENT_REFERENCE = re.compile(r"/events/(\d{1,12})(?:[-/?#]|$)|^(\d{1,12})$")
_url = URLValidator(schemes=["http", "https"])
# Addresses under /themes/ that are pages of their own, not themes.
RESERVED_SLUGS = frozenset({"edit", "new", "staff", "sections", "items"})


def _require_curator(member) -> None:
    if not may_curate(member):
        raise PermissionDenied


def _require_editor(theme: Theme, member) -> None:
    if not may_edit(theme, member):
        raise PermissionDenied


def _require_staff(member) -> None:
    if not (member.is_authenticated and member.is_staff):
        raise PermissionDenied


# Themes


def _clean_theme(data: ThemeInput, theme: Theme | None) -> str:
    """Check what was written; returns the slug to use."""
    errors: dict[str, str] = {}
    if not data.title:
        errors["title"] = _("Give the theme a title.")
    elif len(data.title) > TITLE_MAX_LENGTH:
        errors["title"] = _("A title is at most %(count)d characters.") % {
            "count": TITLE_MAX_LENGTH
        }
    if data.status not in ThemeStatus.values:
        errors["status"] = _("Choose draft or published.")
    if data.publish_from and data.publish_until and data.publish_until <= data.publish_from:
        errors["publish_until"] = _("The theme must stop being public after it starts.")
    slug = data.slug
    others = Theme.objects.exclude(pk=theme.pk) if theme else Theme.objects.all()
    if slug:
        if slugify(slug) != slug or len(slug) > 120:
            errors["slug"] = _(
                "Use only lower-case letters, digits and hyphens in the address name."
            )
        elif slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
            errors["slug"] = _("Another theme has this address name already.")
    elif data.title:
        slug = _free_slug(slugify(data.title)[:100] or "theme", others)
    if errors:
        raise ValidationError(errors)
    return slug


def _free_slug(base: str, others) -> str:
    slug, number = base, 1
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply(theme: Theme, data: ThemeInput, slug: str) -> None:
    theme.title = data.title
    theme.slug = slug
    theme.introduction = data.introduction
    theme.image_description = data.image_description
    theme.status = data.status
    theme.publish_from = data.publish_from
    theme.publish_until = data.publish_until
    if theme.status == ThemeStatus.PUBLISHED and theme.published_at is None:
        theme.published_at = timezone.now()


@transaction.atomic
def theme_create(*, data: ThemeInput, by: Member) -> Theme:
    """A new theme (a draft unless ``data`` says published), its creator one of its editors."""
    _require_curator(by)
    theme = Theme(created_by=by)
    _apply(theme, data, _clean_theme(data, None))
    theme.save()
    theme.levels.set(data.levels)
    theme.subjects.set(data.subjects)
    theme.editors.set({by, *_curators_only(data.editors)})
    return theme


@transaction.atomic
def theme_edit(*, theme: Theme, data: ThemeInput, by: Member) -> Theme:
    """Change a theme's fields, status and window (its editors: staff only)."""
    _require_editor(theme, by)
    _apply(theme, data, _clean_theme(data, theme))
    theme.save()
    theme.levels.set(data.levels)
    theme.subjects.set(data.subjects)
    if by.is_staff:
        keep = {theme.created_by} if theme.created_by else set()
        theme.editors.set(keep | set(_curators_only(data.editors)))
    return theme


def _curators_only(members) -> list[Member]:
    return [member for member in members if may_curate(member)]


@transaction.atomic
def theme_image_set(*, theme: Theme, upload, by: Member) -> Theme:
    """Replace the theme's image with the uploaded one (checked and re-encoded)."""
    _require_editor(theme, by)
    content = theme_image_from_upload(upload, theme.slug)
    old = theme.image.name if theme.image else ""
    theme.image.save(content.name or f"{theme.slug}.jpg", content, save=True)
    if old and old != theme.image.name:
        transaction.on_commit(lambda: theme.image.storage.delete(old))
    return theme


@transaction.atomic
def theme_image_remove(*, theme: Theme, by: Member) -> Theme:
    _require_editor(theme, by)
    if theme.image:
        old, storage = theme.image.name or "", theme.image.storage
        theme.image = ""
        theme.save(update_fields=["image", "updated_at"])
        transaction.on_commit(lambda: storage.delete(old))
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme, by: Member) -> None:
    _require_editor(theme, by)
    theme.delete()


# Sections


def _clean_section(data: SectionInput) -> None:
    if not data.heading:
        raise ValidationError({"heading": _("Give the section a heading.")})
    if len(data.heading) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "heading": _("A heading is at most %(count)d characters.")
                % {"count": TITLE_MAX_LENGTH}
            }
        )


def _touch(theme: Theme) -> None:
    Theme.objects.filter(pk=theme.pk).update(updated_at=timezone.now())


@transaction.atomic
def section_add(*, theme: Theme, data: SectionInput, by: Member) -> ThemeSection:
    """A new section at the end of the theme."""
    _require_editor(theme, by)
    _clean_section(data)
    last = theme.sections.aggregate(last=Max("position"))["last"]
    _touch(theme)
    return ThemeSection.objects.create(
        theme=theme,
        position=0 if last is None else last + 1,
        heading=data.heading,
        intro=data.intro,
    )


@transaction.atomic
def section_edit(*, section: ThemeSection, data: SectionInput, by: Member) -> ThemeSection:
    _require_editor(section.theme, by)
    _clean_section(data)
    section.heading, section.intro = data.heading, data.intro
    section.save(update_fields=["heading", "intro"])
    _touch(section.theme)
    return section


@transaction.atomic
def section_remove(*, section: ThemeSection, by: Member) -> None:
    """Remove a section with its items."""
    _require_editor(section.theme, by)
    _touch(section.theme)
    section.delete()


def _move(rows: list, row, offset: int) -> bool:
    """Swap ``row`` with its neighbour ``offset`` (-1 up, 1 down) and number them all again
    from 0 (positions may have gaps after removals); False at either end."""
    index = next(i for i, other in enumerate(rows) if other.pk == row.pk)
    target = index + offset
    if offset not in (-1, 1) or not 0 <= target < len(rows):
        return False
    rows[index], rows[target] = rows[target], rows[index]
    for position, other in enumerate(rows):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    return True


@transaction.atomic
def section_move(*, section: ThemeSection, offset: int, by: Member) -> bool:
    """Move a section up (-1) or down (1) among its theme's sections."""
    _require_editor(section.theme, by)
    sections = list(ThemeSection.objects.select_for_update().filter(theme_id=section.theme_id))
    return _move(sections, section, offset)


# Items


def _reference_error(kind: str, reference: str) -> ValidationError:
    messages: dict[str, str] = {
        ItemKind.RESOURCE: _("No published resource has the number or address “%(reference)s”."),
        ItemKind.QUESTION: _("No question in the teachers' room has the address “%(reference)s”."),
        ItemKind.EVENT: _("No published event has the address “%(reference)s”."),
    }
    return ValidationError({"reference": messages[kind] % {"reference": reference[:200]}})


def _number(pattern: re.Pattern, reference: str) -> int | None:
    found = pattern.search(reference)
    return int(found.group(1) or found.group(2)) if found else None


def _resolved_item(data: ItemInput) -> ThemeItem:
    """An unsaved item for what was typed, its reference resolved; ``ValidationError`` naming
    the field when it names nothing an item can show."""
    if len(data.note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("A note is at most %(count)d characters.") % {"count": NOTE_MAX_LENGTH}}
        )
    item = ThemeItem(note=data.note)
    if data.kind == ItemKind.LINK:
        errors = {}
        try:
            if len(data.url) > URL_MAX_LENGTH:
                raise ValidationError("too long")
            _url(data.url)
        except ValidationError:
            errors["url"] = _("Give a web address that starts with http:// or https://.")
        if not data.link_title:
            errors["link_title"] = _("Give the link a title.")
        elif len(data.link_title) > TITLE_MAX_LENGTH:
            errors["link_title"] = _("A title is at most %(count)d characters.") % {
                "count": TITLE_MAX_LENGTH
            }
        if errors:
            raise ValidationError(errors)
        item.url, item.link_title = data.url, data.link_title
        return item
    if data.kind not in ItemKind.values:
        raise ValidationError({"kind": _("Choose what kind of item to add.")})
    if not data.reference:
        raise ValidationError({"reference": _("Give the number or address of what to add.")})
    if data.kind == ItemKind.RESOURCE:
        number = resource_number(data.reference)
        item.resource = Resource.objects.published().filter(pk=number).first() if number else None
    elif data.kind == ItemKind.QUESTION:
        number = _number(QUESTION_REFERENCE, data.reference)
        item.question = (
            Question.objects.filter(pk=number, hidden_at=None).first() if number else None
        )
    else:
        number = _number(EVENT_REFERENCE, data.reference)
        item.event = (
            Event.objects.filter(pk=number, status=EventStatus.PUBLISHED).first()
            if number
            else None
        )
    if item.target is None:
        raise _reference_error(data.kind, data.reference)
    return item


@transaction.atomic
def item_add(*, section: ThemeSection, data: ItemInput, by: Member) -> ThemeItem:
    """Add an item at the end of a section. Followers of a public theme are told (by a task,
    once the addition is committed), never the editor who added it."""
    theme = section.theme
    _require_editor(theme, by)
    item = _resolved_item(data)
    same = ThemeItem.objects.filter(section__theme=theme)
    duplicate = (
        (item.resource_id and same.filter(resource_id=item.resource_id))
        or (item.question_id and same.filter(question_id=item.question_id))
        or (item.event_id and same.filter(event_id=item.event_id))
        or (item.url and same.filter(url=item.url))
    )
    if duplicate and duplicate.exists():
        raise ValidationError({"reference": _("This is in the theme already.")})
    last = section.items.aggregate(last=Max("position"))["last"]
    item.section = section
    item.position = 0 if last is None else last + 1
    item.added_by = by
    item.added_at = timezone.now()
    item.save()
    _touch(theme)
    if theme.is_public():
        transaction.on_commit(lambda: tasks.notify_theme_followers.enqueue(item.pk))
    return item


@transaction.atomic
def item_edit_note(*, item: ThemeItem, note: str, by: Member) -> ThemeItem:
    _require_editor(item.section.theme, by)
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("A note is at most %(count)d characters.") % {"count": NOTE_MAX_LENGTH}}
        )
    item.note = note
    item.save(update_fields=["note"])
    return item


@transaction.atomic
def item_remove(*, item: ThemeItem, by: Member) -> None:
    _require_editor(item.section.theme, by)
    _touch(item.section.theme)
    item.delete()


@transaction.atomic
def item_move(*, item: ThemeItem, offset: int, by: Member) -> bool:
    """Move an item up (-1) or down (1) within its section."""
    _require_editor(item.section.theme, by)
    items = list(ThemeItem.objects.select_for_update().filter(section_id=item.section_id))
    return _move(items, item, offset)


def item_address(item: ThemeItem) -> str:
    """Where a notice about an item leads: the item on its theme's page (one per addition)."""
    return f"{item.section.theme.get_absolute_url()}#item-{item.pk}"


@transaction.atomic
def followers_notify_item_added(*, item: ThemeItem) -> int:
    """Tell the followers of the item's theme about it, each once, never the editor who
    added it; nothing while the theme is not public. Returns how many were told."""
    theme = item.section.theme
    if not theme.is_public():
        return 0
    url = item_address(item)
    followers = follower_ids(theme) - {item.added_by_id}
    followers -= members_notified(kind=THEME_ITEM_ADDED, url=url, member_ids=followers)
    params = {"theme": theme.title, "title": item.title}
    told = 0
    for member in Member.objects.filter(pk__in=followers).order_by("pk"):
        notify(member=member, kind=THEME_ITEM_ADDED, params=params, url=url)
        told += 1
    return told


# Following


def theme_follow(*, theme: Theme, member: Member) -> None:
    """Follow a public theme (again is no change)."""
    if not member.is_authenticated or not theme.is_public():
        raise PermissionDenied
    ThemeFollow.objects.get_or_create(theme=theme, member=member)


def theme_unfollow(*, theme: Theme, member: Member) -> None:
    ThemeFollow.objects.filter(theme=theme, member=member).delete()


# The home page's slots


@transaction.atomic
def home_slots_set(*, themes: dict[int, Theme | None], by: Member) -> None:
    """Fill (or, with None, empty) the home page's slots 1 to ``HOME_SLOTS``."""
    _require_staff(by)
    for position, theme in themes.items():
        if not 1 <= position <= HOME_SLOTS:
            raise ValidationError(_("There is no slot %(position)d.") % {"position": position})
        if theme is None:
            HomeSlot.objects.filter(position=position).delete()
        else:
            HomeSlot.objects.update_or_create(
                position=position, defaults={"theme": theme, "updated_by": by}
            )


# Curators


def curators_group() -> Group:
    """The group that holds the permission to curate themes (made on first use)."""
    group, _created = Group.objects.get_or_create(name=CURATORS_GROUP)
    app_label, codename = CURATE_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    group.permissions.add(permission)
    return group


@transaction.atomic
def curator_grant(*, member: Member, by: Member) -> None:
    """Let ``member`` make and edit themes (staff only)."""
    _require_staff(by)
    member.groups.add(curators_group())


@transaction.atomic
def curator_revoke(*, member: Member, by: Member) -> None:
    _require_staff(by)
    member.groups.remove(curators_group())

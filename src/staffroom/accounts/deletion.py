"""Deleting an account: the one way, used by the settings page, by staff and by the clock.

What the member shared with others stays (resources, forum posts, replies), moved to the one
"former member" account, unless they asked to withdraw their resources and the licence lets
them; ratings keep counting but point to nobody; everything else that is theirs is erased
(``member_data`` names what happens to every relation). Then the member's row itself is
deleted: name, addresses, bio, town, password, sessions go with it.

The clock (``lifecycle_daily``) warns members who have not used the site for
ACCOUNT_INACTIVE_WARN_DAYS, deletes them after ACCOUNT_INACTIVE_DELETE_DAYS (and at least
the difference after the warning), and deletes sign-ups never confirmed within
UNCONFIRMED_SIGNUP_DAYS. Staff, moderators and members of partner organisations are exempt.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.db.models import Exists, FileField, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from staffroom.core.mail import mail_member
from staffroom.security import events as security_events

from .member_data import DeletionContext, Policy, member_relations, unhandled_relations
from .models import DeletionRecord, Member, NotificationMail, OrganisationMembership

log = logging.getLogger(__name__)

FORMER_MEMBER_EMAIL = "former-member@staffroom.invalid"
KEEP_SALT = "staffroom.accounts.keep"
Cause = DeletionRecord.Cause


class DeletionRefused(Exception):
    """This account cannot be deleted this way (the former-member account itself)."""


def former_member_account() -> Member:
    """The one account that deleted members' shared work stays under: inactive, no password,
    never mailed, shown as "Former member" in the reader's language."""
    former = Member.objects.filter(is_former_member=True).first()
    if former is None:
        former, _created = Member.objects.get_or_create(
            email=FORMER_MEMBER_EMAIL,
            defaults={
                "name": "Former member",
                "is_active": False,
                "is_former_member": True,
                "notification_mail": NotificationMail.NEVER,
                "password": "!",  # unusable: no password hashes to it
            },
        )
    return former


def _erase_links(relation, member: Member) -> None:
    field = relation.model._meta.get_field(relation.field_name)
    if isinstance(field, models.ManyToManyField):
        # The link goes; the row on the other side (an organisation, an event) stays.
        through: Any = field.remote_field.through
        through._default_manager.filter(**{field.m2m_reverse_field_name(): member}).delete()
        return
    rows = relation.rows(member)
    file_fields = [f.name for f in relation.model._meta.concrete_fields if isinstance(f, FileField)]
    stored = [getattr(row, name) for row in rows.only("pk", *file_fields) for name in file_fields]
    rows.delete()
    for field_file in stored:
        if field_file:
            transaction.on_commit(partial(field_file.storage.delete, field_file.name))


def member_sessions_end(member: Member) -> int:
    """Sign the member out everywhere: end every session allauth's usersessions records for
    them (each request of a signed-in member records its session), without reading anyone
    else's."""
    sessions = list(UserSession.objects.filter(user=member))
    for session in sessions:
        session.end()
    return len(sessions)


@transaction.atomic
def member_delete(
    *,
    member: Member,
    cause: str,
    deleted_by: Member | None = None,
    reason: str = "",
    withdraw_resources: bool = False,
    end_sessions: bool = True,
) -> DeletionRecord:
    """Delete ``member``'s account (see the module's docstring); returns the record of it.

    ``cause`` is one of ``DeletionRecord.Cause``; staff give ``deleted_by`` and a ``reason``.
    Raises ``DeletionRefused`` for the former-member account and when a relation to Member
    has no policy (a new app that forgot to say what happens to its rows)."""
    if member.is_former_member:
        raise DeletionRefused("The former-member account holds what others shared.")
    missing = unhandled_relations()
    if missing:
        raise DeletionRefused(f"No deletion policy for {', '.join(missing)}")
    member = Member.objects.select_for_update().get(pk=member.pk)
    former = former_member_account()
    summary: dict[str, int] = {}
    context = DeletionContext(
        member=member, former=former, withdraw=withdraw_resources, summary=summary
    )
    for relation in member_relations():
        rows = relation.rows(member)
        if relation.policy == Policy.KEEP:
            if relation.handler is not None:
                relation.handler(rows, context)
            else:
                summary[relation.label] = rows.update(**{relation.field_name: former})
        elif relation.policy == Policy.DETACH:
            summary[relation.label] = rows.update(**{relation.field_name: None})
        else:
            _erase_links(relation, member)
    if end_sessions:
        member_sessions_end(member)
    number = member.pk
    member.delete()
    record = DeletionRecord.objects.create(
        member_number=number,
        cause=cause,
        deleted_by=deleted_by,
        reason=reason.strip()[:2000],
        summary={key: value for key, value in summary.items() if value},
    )
    log.info("account %s deleted (%s)", number, cause)
    # After the deletion: the member's own events went with the account.
    security_events.record(
        "account_deleted",
        member_number=number,
        cause=cause,
        deleted_by=deleted_by.pk if deleted_by else None,
    )
    return record


def former_member_tidy() -> int:
    """The former-member account collects notices and points when someone rates or answers
    what it holds: erase them, as for any deleted member. Returns the rows erased."""
    former = Member.objects.filter(is_former_member=True).first()
    if former is None:
        return 0
    erased = 0
    for relation in member_relations():
        if relation.policy == Policy.ERASE:
            erased += relation.rows(former).count()
            _erase_links(relation, former)
    return erased


# --- inactivity -------------------------------------------------------------------------


def _exempt() -> Q:
    """Accounts the inactivity rule never deletes: staff, moderators, members of a partner
    organisation (their account publishes for it), the former-member account."""
    return (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(is_moderator=True)
        | Q(is_former_member=True)
        | Q(Exists(OrganisationMembership.objects.filter(member=OuterRef("pk"))))
    )


def _last_active() -> Greatest:
    # The latest of the two; joining counts only for an account never used.
    return Greatest(
        Coalesce("last_active_at", "last_login", "date_joined"),
        Coalesce("last_login", "last_active_at", "date_joined"),
    )


def members_to_warn(now: datetime) -> QuerySet[Member]:
    """Members unused for ACCOUNT_INACTIVE_WARN_DAYS and not warned since they last came."""
    cutoff = now - timedelta(days=settings.ACCOUNT_INACTIVE_WARN_DAYS)
    return (
        Member.objects.filter(is_active=True)
        .exclude(_exempt())
        .annotate(active_at=_last_active())
        .filter(active_at__lte=cutoff)
        .filter(Q(inactivity_warned_at=None) | Q(inactivity_warned_at__lt=models.F("active_at")))
    )


def members_to_delete_for_inactivity(now: datetime) -> QuerySet[Member]:
    """Members unused for ACCOUNT_INACTIVE_DELETE_DAYS who were warned at least the days
    between warning and deletion ago (a warning sent late still gives them that time)."""
    cutoff = now - timedelta(days=settings.ACCOUNT_INACTIVE_DELETE_DAYS)
    notice = timedelta(
        days=settings.ACCOUNT_INACTIVE_DELETE_DAYS - settings.ACCOUNT_INACTIVE_WARN_DAYS
    )
    return (
        Member.objects.exclude(_exempt())
        .annotate(active_at=_last_active())
        .filter(
            active_at__lte=cutoff,
            inactivity_warned_at__isnull=False,
            inactivity_warned_at__gt=models.F("active_at"),
            inactivity_warned_at__lte=now - notice,
        )
    )


def unconfirmed_signups(now: datetime) -> QuerySet[Member]:
    """Sign-ups whose address was never confirmed within UNCONFIRMED_SIGNUP_DAYS (accounts
    made by staff or commands have no address record and are not sign-ups)."""
    cutoff = now - timedelta(days=settings.UNCONFIRMED_SIGNUP_DAYS)
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    return (
        Member.objects.exclude(_exempt())
        .filter(date_joined__lte=cutoff, last_login=None)
        .filter(Exists(addresses))
        .exclude(Exists(addresses.filter(verified=True)))
    )


def keep_account_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=KEEP_SALT)


def keep_account_url(member: Member) -> str:
    return reverse("accounts:keep_account", args=[keep_account_token(member)])


def member_from_keep_token(token: str) -> Member | None:
    """The member of a "keep my account" link (valid until the account would be deleted);
    None for a link that is broken or too old."""
    try:
        pk = signing.loads(
            token, salt=KEEP_SALT, max_age=timedelta(days=settings.ACCOUNT_INACTIVE_DELETE_DAYS)
        )
    except signing.BadSignature:
        return None
    return Member.objects.filter(pk=pk, is_active=True).first()


def member_keep_from_token(token: str) -> Member | None:
    """Keep the account of a "keep my account" link: it counts as used now. None for a link
    that is broken or too old."""
    member = member_from_keep_token(token)
    if member is not None:
        member_record_activity(member, force=True)
    return member


def member_record_activity(member: Member, *, now: datetime | None = None, force=False) -> bool:
    """Note that ``member`` uses the site (at most once a day unless ``force``), which also
    cancels a warning about inactivity. True when something was written."""
    now = now or timezone.now()
    if not force and member.last_active_at and member.last_active_at.date() == now.date():
        return False
    Member.objects.filter(pk=member.pk).update(last_active_at=now, inactivity_warned_at=None)
    member.last_active_at, member.inactivity_warned_at = now, None
    return True


def inactivity_warn(member: Member, now: datetime) -> bool:
    """Mail ``member`` that their unused account will be deleted, with a link to keep it; the
    warning counts (and the deletion's notice period starts) only once the mail went out.
    False when it could not be sent (tried again the next day)."""
    deletion_on = now + timedelta(
        days=settings.ACCOUNT_INACTIVE_DELETE_DAYS - settings.ACCOUNT_INACTIVE_WARN_DAYS
    )
    try:
        mail_member(
            member,
            "accounts/email/inactive_warning",
            {
                "keep_url": settings.SITE_URL + keep_account_url(member),
                "deletion_on": deletion_on,
                "login_url": settings.SITE_URL + reverse("account_login"),
            },
        )
    except Exception:
        log.exception("inactivity warning to member %s not sent", member.pk)
        return False
    Member.objects.filter(pk=member.pk).update(inactivity_warned_at=now)
    return True


def _delete_logged(member: Member, cause: str) -> bool:
    try:
        with transaction.atomic():
            member_delete(member=member, cause=cause, end_sessions=False)
    except Exception:
        log.exception("account %s not deleted (%s)", member.pk, cause)
        return False
    return True


def lifecycle_daily(now: datetime | None = None) -> dict[str, int]:
    """The clock's daily pass over accounts: warn, delete unused and unconfirmed accounts,
    tidy the former-member account. Returns how many of each."""
    now = now or timezone.now()
    done = {"warned": 0, "deleted_inactive": 0, "deleted_unconfirmed": 0}
    for member in list(members_to_warn(now)):
        done["warned"] += inactivity_warn(member, now)
    # No live session is possible after a year (sessions last 14 days). One account that
    # cannot be deleted (logged) does not stop the others.
    for member in list(members_to_delete_for_inactivity(now)):
        done["deleted_inactive"] += _delete_logged(member, Cause.INACTIVE)
    for member in list(unconfirmed_signups(now)):
        done["deleted_unconfirmed"] += _delete_logged(member, Cause.UNCONFIRMED)
    done["former_member_rows_erased"] = former_member_tidy()
    return done

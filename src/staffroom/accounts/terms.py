"""The terms of use and members' consent to them: which version is in effect, whether a member
must still accept it, and recording that they did.

Staff write versions in the admin (``TermsVersion``); a new member accepts the version in
effect on the sign-up form (``SignupProfileForm``), and a member who has not accepted the
version in effect is asked before any other page (``middleware.TermsConsentMiddleware``). Like
``deletion`` and ``export``, one module holds this lifecycle's reads and its one write.

Until staff publish a first version there are no terms: sign-up asks nothing and nobody is
asked (a fresh installation is not locked; docs/operations.md says how to publish).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.safestring import SafeString

from .models import TermsConsent, TermsVersion
from .privacy import statement_html


def terms_in_effect(now: Any = None) -> TermsVersion | None:
    """The version in effect: the latest whose ``effective_from`` has passed (None before
    staff publish one)."""
    now = now or timezone.now()
    return TermsVersion.objects.filter(effective_from__lte=now).order_by("-effective_from").first()


def terms_published(now: Any = None) -> list[TermsVersion]:
    """Every version in effect now or before, newest first (the terms page lists them), and
    none announced for later."""
    now = now or timezone.now()
    return list(TermsVersion.objects.filter(effective_from__lte=now).order_by("-effective_from"))


def terms_version_by_label(label: str) -> TermsVersion | None:
    """A version that is or was in effect, by its label; an announced one stays unlisted."""
    return TermsVersion.objects.filter(label=label, effective_from__lte=timezone.now()).first()


def terms_upcoming(now: Any = None) -> TermsVersion | None:
    """The next version announced for a later date, if staff entered one."""
    now = now or timezone.now()
    return TermsVersion.objects.filter(effective_from__gt=now).order_by("effective_from").first()


def member_accepted(member: Any, version: TermsVersion) -> bool:
    return TermsConsent.objects.filter(member=member, version=version).exists()


def member_consent(member: Any, version: TermsVersion) -> TermsConsent | None:
    """The record of ``member``'s acceptance of ``version`` (the terms page says when), if
    they accepted it."""
    return TermsConsent.objects.filter(member=member, version=version).first()


def member_terms_pending(member: Any) -> TermsVersion | None:
    """The version in effect when ``member`` has not accepted it yet, else None."""
    if not getattr(member, "is_authenticated", False):
        return None
    # Asked on every page a member opens: the version in effect and whether they accepted it,
    # in one query.
    version = (
        TermsVersion.objects.filter(effective_from__lte=timezone.now())
        .order_by("-effective_from")
        .annotate(
            accepted=Exists(TermsConsent.objects.filter(member=member, version=OuterRef("pk")))
        )
        .first()
    )
    if version is None or version.accepted:
        return None
    return version


def member_accepted_earlier(member: Any, version: TermsVersion) -> bool:
    """Whether ``member`` accepted a version before ``version`` (the consent page then shows
    what changed)."""
    return (
        TermsConsent.objects.filter(
            member=member, version__effective_from__lt=version.effective_from
        )
        .exclude(version=version)
        .exists()
    )


def terms_html(text: str) -> SafeString:
    """A version's Markdown (staff's text) as HTML."""
    return statement_html(text)


def terms_consent_record(*, member: Any, version: TermsVersion) -> TermsConsent:
    """Record that ``member`` accepted ``version`` now; accepting again changes nothing (the
    first moment stays the record)."""
    try:
        with transaction.atomic():
            return TermsConsent.objects.create(member=member, version=version)
    except IntegrityError:
        # Two tabs accepting at once: the first one's record stands.
        return TermsConsent.objects.get(member=member, version=version)


def terms_consents_record(*, members: Iterable[Any], version: TermsVersion) -> int:
    """Record at once that every one of ``members`` accepted ``version`` (the demo's members);
    who had accepted keeps their first moment. How many were recorded now."""
    members = list(members)
    have = set(
        TermsConsent.objects.filter(version=version, member__in=members).values_list(
            "member_id", flat=True
        )
    )
    made = TermsConsent.objects.bulk_create(
        [
            TermsConsent(member=member, version=version)
            for member in members
            if member.pk not in have
        ],
        # Another run recording at the same moment: its rows stand.
        ignore_conflicts=True,
    )
    return len(made)


def terms_model_text(language: str) -> str:
    """The project's model terms (accounts/data/terms_model_<nl|en>.md): the start staff are
    given when they add a first version in the admin, and the demo's version."""
    name = "terms_model_nl.md" if language == "nl" else "terms_model_en.md"
    return files(__package__).joinpath("data", name).read_text(encoding="utf-8")

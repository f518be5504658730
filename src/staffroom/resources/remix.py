"""Remixes: adapting a published resource in one click, and the notices that keep an original
and its adaptations in touch (remix alerts).

"Share your adaptation" on a resource page opens the contribution form with the original as
``based_on``, only the licences its licence allows (``licences.remix_licences``) and its
levels, subjects and language. The lifecycle (``lifecycle.py``) calls the ``*_alert``
functions below where a status or the metadata changes, inside the caller's transaction, so a
notice exists exactly when the change does: once per event, never twice for a retried one.

- An adaptation's first publication tells the original's contributor (not for one's own).
- An original corrected (a moderator's correction, a published edit of its metadata or files,
  a trusted source's new version) or taken offline (withdrawn, hidden) tells the contributors
  of its published adaptations, each once, neither the original's contributor nor whoever
  made the change: their adaptation may need the correction, or its credit a new source.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from staffroom.accounts.models import Member
from staffroom.curriculum.queries import terms_in_region
from staffroom.notifications.queries import members_notified
from staffroom.notifications.services import notify

from .licences import Licence, remix_licences
from .metadata import snapshot
from .models import Resource
from .queries import published_by_reference

# Notice kinds, registered with their sentences in ``ResourcesConfig.ready``.
REMIX_PUBLISHED = "remix_published"
REMIX_ALERT = "remix_alert"
# What happened to the original, as a remix alert's ``event``.
CORRECTED = "corrected"
OFFLINE = "offline"


def may_adapt(resource: Resource) -> bool:
    """Whether colleagues may share an adaptation of ``resource``: published, under a licence
    that allows adaptations."""
    return resource.is_published and bool(remix_licences(resource.licence))


def original_for_adaptation(reference: str | None) -> tuple[Resource | None, str]:
    """The resource ``reference`` (a number or an address on this site) names as the original
    of a new adaptation, or None and why it cannot be one (a sentence for the contributor)."""
    reference = (reference or "").strip()
    if not reference:
        return None, ""
    found, _unknown = published_by_reference([reference])
    original = found.get(reference)
    if original is None:
        # Unpublished resources are not named: whether one exists is not the visitor's business.
        return None, gettext(
            "No published resource has the number or address “%(reference)s”, so your "
            "resource is not linked to an original. You can still share it, or give the "
            "original in the advanced form."
        ) % {"reference": reference[:100]}
    if not may_adapt(original):
        return None, gettext(
            "“%(title)s” is licensed %(licence)s, which does not allow adaptations, so your "
            "resource cannot be shared as an adaptation of it. You can still share your own "
            "resource."
        ) % {"title": original.title, "licence": Licence(original.licence).label}
    return original, ""


def adaptation_initial(original: Resource, region: str) -> dict[str, Any]:
    """The contribution form's values for an adaptation of ``original``: the original itself,
    its levels and subjects as ``region`` names them, its language, and its licence (an
    adaptation may always keep it)."""
    return {
        "based_on": str(original.pk),
        "levels": terms_in_region(original.levels.all(), region),
        "subjects": terms_in_region(original.subjects.all(), region),
        "language": original.language,
        "licence": original.licence,
    }


def adaptation_licence_choices(original: Resource, choices: Iterable) -> list:
    """Of the form's licence ``choices`` ((value, label) pairs), those an adaptation of
    ``original`` may carry."""
    allowed = set(remix_licences(original.licence))
    return [(value, label) for value, label in choices if value in allowed]


# --- notices -------------------------------------------------------------------------------


def remix_published_message(params: dict[str, Any]) -> str:
    return gettext("%(publisher)s shared an adaptation of your “%(original)s”: “%(title)s”") % {
        "publisher": params["publisher"],
        "original": params["original"],
        "title": params["title"],
    }


def remix_alert_message(params: dict[str, Any]) -> str:
    """The event is stored as a code and worded in the reader's language when shown."""
    if params.get("event") == OFFLINE:
        sentence = gettext(
            "“%(original)s”, which your adaptation “%(title)s” is based on, is no longer online"
        )
    else:
        sentence = gettext(
            "“%(original)s”, which your adaptation “%(title)s” is based on, was corrected: "
            "see whether your adaptation needs the change too"
        )
    return sentence % {"original": params["original"], "title": params["title"]}


def adaptations_published(original: Resource) -> QuerySet[Resource]:
    return original.remixes.published().order_by("published_at", "pk")


def original_state(resource: Resource) -> dict | None:
    """What an original looks like before a change, to tell afterwards whether it was
    corrected; None when no published adaptation depends on it (nobody to tell, nothing to
    compare)."""
    if resource.pk is None or resource.published_at is None:
        return None
    if not adaptations_published(resource).exists():
        return None
    return snapshot(resource)


def adaptation_published_alert(adaptation: Resource) -> bool:
    """Tell the contributor of ``adaptation``'s original that it was published; True if told.

    Not for an adaptation of one's own resource, and once per adaptation and original (an
    adaptation published again after a withdrawal tells nobody again)."""
    original = adaptation.based_on
    if original is None or original.contributor_id == adaptation.contributor_id:
        return False
    url = adaptation.get_absolute_url()
    told = members_notified(kind=REMIX_PUBLISHED, url=url, member_ids=[original.contributor_id])
    if told:
        return False
    notify(
        member=original.contributor,
        kind=REMIX_PUBLISHED,
        params={
            "publisher": str(adaptation.publisher),
            "original": original.title,
            "title": adaptation.title,
        },
        url=url,
    )
    return True


def original_corrected_alert(
    original: Resource, *, before: dict | None, new_files: bool, by: Member | None = None
) -> int:
    """Remix alerts for a correction of ``original`` (its metadata differs from ``before``,
    taken by ``original_state``, or it has ``new_files``); returns how many were told."""
    if before is None or (not new_files and snapshot(original) == before):
        return 0
    return _alert(original, event=CORRECTED, url=original.get_absolute_url(), by=by)


def original_offline_alert(original: Resource, *, by: Member | None = None) -> int:
    """Remix alerts for ``original`` taken offline (withdrawn, hidden, no longer offered by
    its source); returns how many were told. Each notice leads to the reader's adaptation,
    whose credit names an original that is gone."""
    return _alert(original, event=OFFLINE, url=None, by=by)


def _alert(original: Resource, *, event: str, url: str | None, by: Member | None) -> int:
    """One notice per contributor of a published adaptation, naming their adaptations."""
    left_out = {original.contributor_id, by.pk if by is not None else None}
    adaptations: dict[int, list[Resource]] = {}
    for adaptation in adaptations_published(original).select_related("contributor"):
        if adaptation.contributor_id not in left_out:
            adaptations.setdefault(adaptation.contributor_id, []).append(adaptation)
    for own in adaptations.values():
        notify(
            member=own[0].contributor,
            kind=REMIX_ALERT,
            params={
                "event": event,
                "original": original.title,
                "title": "”, “".join(adaptation.title for adaptation in own),
            },
            url=url or own[0].get_absolute_url(),
        )
    return len(adaptations)

"""What happens to each kind of row that refers to a member, when they export or delete.

Every relation to ``Member`` in every installed app (found through Django's model meta, also
those of apps added later) must be named here with a policy, or the completeness test fails
(tests/security/test_data_lifecycle.py): a new app cannot forget the member's data.

- ``ERASE``: the rows are the member's own (follows, folders, notifications, registrations);
  deleted with the account.
- ``KEEP``: the rows are contributions other members rely on (resources, forum posts, replies);
  they stay and are moved to the one "former member" account. A ``handler`` may do more
  (resources: withdraw the ones the member asked to, drop drafts, tell search and OAI-PMH).
- ``DETACH``: the rows stay, with the link to the member emptied (ratings keep counting,
  "decided by" on a moderation item); the field must be nullable.

``export`` says whether the rows go into the member's download of their data. Fields whose
names say they hold a secret (tokens, keys, passwords) are never exported.

Accounts names the relations of its own models and those of the third-party apps it brings
(allauth, Django's admin log); apps above it register theirs with ``register_member_relation``
(the site app does it for all of them in ``staffroom.site.member_data``), as accounts may not
import them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db import models

from .models import Member


class Policy(StrEnum):
    ERASE = "erase"
    KEEP = "keep"
    DETACH = "detach"


@dataclass(frozen=True)
class DeletionContext:
    """What a ``KEEP`` handler is given besides the rows: the account they move to, whether
    the member asked to withdraw what they shared, and a summary to add counts to."""

    member: Any
    former: Any
    withdraw: bool
    summary: dict[str, int]


# A handler for KEEP rows: (rows of the member, context) -> None. It must leave no row that
# still refers to the member.
KeepHandler = Callable[[models.QuerySet, DeletionContext], None]
# Files of exported rows to add to the zip: rows -> (path in the zip, opened file field).
FilesOf = Callable[[models.QuerySet], Iterable[tuple[str, Any]]]


@dataclass(frozen=True)
class MemberRelation:
    label: str  # "app_label.Model.field"
    policy: Policy
    export: bool = True
    handler: KeepHandler | None = None
    files: FilesOf | None = None

    @property
    def model(self) -> type[models.Model]:
        app_label, model_name, _field = self.label.split(".")
        return apps.get_model(app_label, model_name)

    @property
    def field_name(self) -> str:
        return self.label.split(".")[2]

    def rows(self, member: Any) -> models.QuerySet:
        """The rows of this relation that refer to ``member``."""
        return self.model._default_manager.filter(**{self.field_name: member})


RELATIONS: dict[str, MemberRelation] = {}


def register_member_relation(
    label: str,
    policy: Policy,
    *,
    export: bool = True,
    handler: KeepHandler | None = None,
    files: FilesOf | None = None,
) -> None:
    """Name what happens to ``label`` ("app.Model.field", a relation to Member) on export and
    deletion; registering a label again replaces it."""
    RELATIONS[label] = MemberRelation(label, policy, export, handler, files)


# Data of a member that no relation to Member holds (rows keyed by a pseudonym): name ->
# a function giving the member's rows as JSON-ready dicts; added to their export as
# data/<name>.json. Filled by apps above accounts.
ExportPart = Callable[[Any], list[dict[str, Any]]]
EXPORT_PARTS: dict[str, ExportPart] = {}


def register_export_part(name: str, rows_of: ExportPart) -> None:
    """Add data/<name>.json, made by ``rows_of(member)``, to every member's export."""
    EXPORT_PARTS[name] = rows_of


def relations_to_member() -> list[str]:
    """Every field of every installed model that refers to Member ("app.Model.field"), found
    through the model meta: foreign keys, one-to-ones and many-to-manys."""
    found = []
    for model in apps.get_models(include_auto_created=False):
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and not field.auto_created
                and field.concrete
                and field.related_model is Member
            ) or (
                isinstance(field, models.ManyToManyField)
                and field.related_model is Member
                and model is not Member
            ):
                found.append(f"{model._meta.label}.{field.name}")
    return sorted(set(found))


def unhandled_relations() -> list[str]:
    """Relations to Member that no policy names: each is a gap in export and deletion."""
    return [label for label in relations_to_member() if label not in RELATIONS]


def member_relations() -> list[MemberRelation]:
    """The registered relations whose models are installed, in a stable order."""
    installed = set(relations_to_member())
    return [RELATIONS[label] for label in sorted(RELATIONS) if label in installed]


@dataclass(frozen=True)
class Consequence:
    """One line of what deleting an account does: how many rows of a kind, and their fate."""

    label: str
    name: str  # the model's plural name
    policy: Policy
    count: int


def deletion_consequences(member: Any) -> list[Consequence]:
    """What stays (KEEP) and what stays unlinked (DETACH, exported rows only: the member's
    own, such as ratings) when ``member`` deletes their account, for the page that asks."""
    lines = []
    for relation in member_relations():
        if relation.policy == Policy.ERASE or (
            relation.policy == Policy.DETACH and not relation.export
        ):
            continue
        count = relation.rows(member).count()
        if count:
            meta = relation.model._meta
            name = str(meta.verbose_name if count == 1 else meta.verbose_name_plural)
            lines.append(Consequence(relation.label, name, relation.policy, count))
    return lines


# Accounts' own models and those of the third-party apps it brings.
for _label, _policy, _export in [
    ("accounts.OrganisationMembership.member", Policy.ERASE, True),
    ("accounts.RoleChange.member", Policy.ERASE, True),
    ("accounts.RoleChange.changed_by", Policy.DETACH, False),
    ("accounts.Follow.follower", Policy.ERASE, True),
    # Being followed: the followers' rows, not the member's data.
    ("accounts.Follow.member", Policy.ERASE, False),
    ("accounts.Organisation.members", Policy.ERASE, True),
    ("accounts.DataExport.member", Policy.ERASE, False),
    ("accounts.DeletionRecord.deleted_by", Policy.DETACH, False),
    # What the member accepted and when: theirs, in their download, gone with the account.
    ("accounts.TermsConsent.member", Policy.ERASE, True),
    ("account.EmailAddress.user", Policy.ERASE, True),
    # The Django admin's audit trail outlives a staff member: kept under the former member.
    ("admin.LogEntry.user", Policy.KEEP, False),
    # allauth's other apps, named before they are installed (ignored until they are): MFA
    # authenticators hold secrets, so they are erased but never exported.
    ("mfa.Authenticator.user", Policy.ERASE, False),
    ("usersessions.UserSession.user", Policy.ERASE, True),
    ("socialaccount.SocialAccount.user", Policy.ERASE, True),
]:
    register_member_relation(_label, _policy, export=_export)

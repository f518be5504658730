"""How moderation's notices to contributors read, registered with notifications in
``ModerationConfig.ready``."""

from typing import Any

from django.utils.translation import gettext

from staffroom.resources.metadata import FIELD_LABELS

RESOURCE_PUBLISHED = "resource_published"


def resource_published(params: dict[str, Any]) -> str:
    """The corrected fields are stored by name and labelled in the reader's language when
    shown; the values before and after are on "My contributions" and in the decision mail."""
    fields = [str(FIELD_LABELS.get(field, field)) for field in params.get("fields", ())]
    if params.get("edit"):
        if fields:
            sentence = gettext(
                "Your changes to “%(title)s” are published, with corrections by the moderator: "
                "%(fields)s"
            )
        else:
            sentence = gettext("Your changes to “%(title)s” are published")
    elif fields:
        sentence = gettext(
            "Your resource “%(title)s” is published, with corrections by the moderator: %(fields)s"
        )
    else:
        sentence = gettext("Your resource “%(title)s” is published")
    return sentence % {"title": params["title"], "fields": ", ".join(fields)}

"""How recognition's notices read, registered with notifications in ``RecognitionConfig.ready``."""

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from .queries import badge_name


def badge_earned(params: dict[str, Any]) -> str:
    """The badge is stored by its code and named in the reader's language when shown."""
    return gettext("You earned a badge: %(badge)s") % {"badge": badge_name(params["badge"])}


REWARD_GRANTED = gettext_lazy("The Staffroom team thanks you with a reward: %(title)s")

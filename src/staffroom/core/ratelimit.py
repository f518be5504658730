"""Limits on how fast members post (replies, questions, answers), stricter for new accounts:
a flood from a fresh account is stopped with a clear message, colleagues who are simply busy
are not.

Apps register what counts as a post (``register_post_model``); the count is taken from the
database, so every web process sees the same figure.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

NEW_ACCOUNT_DAYS = 7
# (window, posts allowed in it) for new accounts and for everyone else.
LIMITS_NEW = [(timedelta(minutes=10), 3), (timedelta(days=1), 20)]
LIMITS_ESTABLISHED = [(timedelta(minutes=10), 20), (timedelta(days=1), 200)]

# (model, author field, creation time field)
POST_MODELS: list[tuple] = []


def register_post_model(model, author_field: str = "author", created_field: str = "created_at"):
    POST_MODELS.append((model, author_field, created_field))


def _posts_since(member, since) -> int:
    return sum(
        model.objects.filter(**{author: member, f"{created}__gte": since}).count()
        for model, author, created in POST_MODELS
    )


def check_posting_rate(member, now=None) -> None:
    """Raise ValidationError (with what to do) when ``member`` has posted too much too fast."""
    now = now or timezone.now()
    new = member.date_joined > now - timedelta(days=NEW_ACCOUNT_DAYS)
    for window, allowed in LIMITS_NEW if new else LIMITS_ESTABLISHED:
        if _posts_since(member, now - window) >= allowed:
            minutes = int(window.total_seconds() // 60)
            if new:
                raise ValidationError(
                    _(
                        "New members can post %(count)d times in %(minutes)d minutes. Your "
                        "text is kept below: please post it a little later."
                    )
                    % {"count": allowed, "minutes": minutes}
                )
            raise ValidationError(
                _(
                    "You have posted %(count)d times in %(minutes)d minutes. Your text is kept "
                    "below: please post it a little later."
                )
                % {"count": allowed, "minutes": minutes}
            )

"""What earns points, and the milestones that earn badges. Every number lives here."""

from django.utils.translation import gettext_lazy as _

RESOURCE_PUBLISHED = "resource_published"
RATING_RECEIVED = "rating_received"
ANSWER_ACCEPTED = "answer_accepted"

POINTS = {
    RESOURCE_PUBLISHED: 10,
    ANSWER_ACCEPTED: 15,
}


def rating_points(stars: int) -> int:
    """A rating received: 3 stars earn 1 point, 4 earn 2, 5 earn 3; lower ratings none."""
    return max(stars - 2, 0)


# (code, name, event kind counted, how many) — a badge is earned at the milestone.
BADGES = [
    ("first-resource", _("First resource shared"), RESOURCE_PUBLISHED, 1),
    ("ten-resources", _("Ten resources shared"), RESOURCE_PUBLISHED, 10),
    ("fifty-resources", _("Fifty resources shared"), RESOURCE_PUBLISHED, 50),
    ("first-answer", _("First accepted answer"), ANSWER_ACCEPTED, 1),
    ("ten-answers", _("Ten accepted answers"), ANSWER_ACCEPTED, 10),
    ("appreciated", _("Twenty-five ratings received"), RATING_RECEIVED, 25),
]

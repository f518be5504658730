"""Webinars and trainings: staff create and publish events, partner organisations submit
trainings for staff approval; members register, with a waitlist once the event is full.

Times are stored in UTC and shown in Europe/Brussels (``EVENT_TIME_ZONE``).
"""

import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import Level, Subject
from staffroom.resources.models import ContentLanguage

EVENT_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Brussels")
# Of a question's group label (presenters file questions under one).
GROUP_MAX_LENGTH = 80


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Topic(models.TextChoices):
    DISTANCE = "distance-teaching", _("Distance teaching")
    DIGITAL = "digital-tools", _("Digital tools")
    DIDACTICS = "didactics", _("Didactics")
    INCLUSION = "inclusion", _("Inclusion and differentiation")
    WELLBEING = "wellbeing", _("Well-being")
    ASSESSMENT = "assessment", _("Assessment")
    OTHER = "other", _("Other")


class RoomKind(models.TextChoices):
    NONE = "", _("No online room")
    BBB = "bbb", _("BigBlueButton room")
    EXTERNAL = "external", _("External URL")


class Event(models.Model):
    kind = models.CharField(
        _("kind"), max_length=10, choices=EventKind.choices, default=EventKind.WEBINAR
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices, blank=True)
    levels = models.ManyToManyField(
        Level, blank=True, related_name="events", verbose_name=_("education levels")
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="events", verbose_name=_("subjects")
    )
    presenters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="presented_events",
        verbose_name=_("presenters"),
    )
    presenter_names = models.CharField(
        _("other presenters"),
        max_length=300,
        blank=True,
        help_text=_("Presenters without an account, as free text."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    language = models.CharField(
        _("language"), max_length=5, choices=ContentLanguage.choices, default="nl"
    )
    online = models.BooleanField(_("online"), default=True)
    room_kind = models.CharField(
        _("online room"), max_length=10, choices=RoomKind.choices, blank=True
    )
    external_url = models.URLField(_("external room URL"), blank=True)
    # Trainings
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("organisation"),
    )
    price = models.CharField(_("price"), max_length=100, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    registration_url = models.URLField(_("external registration link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="created_events",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # BigBlueButton: the createTime of the meeting made for this event (join links carry it).
    bbb_create_time = models.CharField(max_length=20, blank=True, editable=False)
    # After the event: the recording and the slides, published as resources.
    recording = models.ForeignKey(
        "resources.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recording"),
    )
    slides = models.ForeignKey(
        "resources.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("slides"),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk, self.slug])

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "event"

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(EVENT_TIME_ZONE)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(EVENT_TIME_ZONE)

    @property
    def bbb_meeting_id(self) -> str:
        return f"{settings.BBB_MEETING_PREFIX}{self.pk}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceSource(models.TextChoices):
    BBB = "bbb", _("Seen in the BigBlueButton room")
    STAFF = "staff", _("Marked by staff")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    question = models.TextField(_("question for the presenters"), blank=True)
    # Registered (or registered again after cancelling): the waitlist order.
    registered_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_24h_at = models.DateTimeField(null=True, blank=True)
    reminded_1h_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    attendance_source = models.CharField(
        max_length=10, choices=AttendanceSource.choices, blank=True
    )

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="unique_registration")
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.member} @ {self.event} ({self.status})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a member's personal calendar feed URL; resetting it makes a new one."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar of {self.member}"


class QuestionSource(models.TextChoices):
    REGISTRATION = "registration", _("Asked when registering")
    LIVE = "live", _("Asked during the event")


class EventQuestion(models.Model):
    """A question for the presenters: sent with a registration, or asked during the event.

    Registrants upvote questions; presenters group them under a short label and mark them
    answered; afterwards unanswered ones can move to the forum (``forum_question``).
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_questions"
    )
    # The registration whose question this is (source "registration"); its text follows it.
    registration = models.OneToOneField(
        Registration,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_question",
    )
    source = models.CharField(max_length=12, choices=QuestionSource.choices)
    body = models.TextField(_("question"))
    group = models.CharField(_("group"), max_length=GROUP_MAX_LENGTH, blank=True)
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    forum_question = models.ForeignKey(
        "forum.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_questions",
    )

    class Meta:
        ordering = ["-vote_count", "created_at", "pk"]
        indexes = [models.Index(fields=["event", "source", "created_at"])]

    def __str__(self) -> str:
        return self.body[:60]


class EventQuestionVote(models.Model):
    question = models.ForeignKey(EventQuestion, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_question_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "member"], name="unique_event_question_vote"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} +1 {self.question}"


class EventFeedback(models.Model):
    """A participant's short feedback after the event, read by staff and the presenters."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feedback"
    )
    rating = models.PositiveSmallIntegerField(_("overall"))
    usefulness = models.PositiveSmallIntegerField(_("useful for my teaching"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="unique_event_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5)
                & models.Q(usefulness__gte=1, usefulness__lte=5),
                name="event_feedback_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.event}: {self.rating}/5"

"""The teachers' room: teachers ask questions, colleagues and experts answer.

A question is tagged like a resource (levels and subjects of either region, free tags) and may
link published resources; so may an answer. Members vote answers up (one vote each, not their
own); the asker accepts one answer and may change their mind. Counts that lists sort on
(answers, votes) are kept on the rows, in the transaction that changes them.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import Level, Subject
from staffroom.resources.models import ContentLanguage

TITLE_MAX_LENGTH = 200


class Question(models.Model):
    title = models.CharField(_("question"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("details"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=ContentLanguage.choices, default="nl"
    )
    levels = models.ManyToManyField(
        Level, blank=True, related_name="questions", verbose_name=_("education levels")
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="questions", verbose_name=_("subjects")
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    resources = models.ManyToManyField(
        "resources.Resource", blank=True, related_name="questions", verbose_name=_("resources")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    accepted_answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_count = models.PositiveIntegerField(default=0)
    # The votes of all its answers: with the answers, what "popular" sorts on.
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Hidden by a moderator after a report, with the reason shown in its place.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    # Asked, answered or edited: what "recent" sorts on.
    active_at = models.DateTimeField(auto_now_add=True)

    # Set on the questions of a feed by ``feeds`` (not stored): whose terms its entry shows.
    feed_region: str

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-active_at", "-pk"]
        indexes = [
            models.Index(fields=["-active_at", "-id"]),
            models.Index(fields=["answer_count", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:question", args=[self.pk, self.slug])

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "question"

    @property
    def popularity(self) -> int:
        return self.vote_count + self.answer_count


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_answers"
    )
    body = models.TextField(_("answer"))
    resources = models.ManyToManyField(
        "resources.Resource",
        blank=True,
        related_name="forum_answers",
        verbose_name=_("resources"),
    )
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Hidden by a moderator after a report, with the reason shown in its place.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    # Set on the answers of a question page by ``queries.answers_for`` (not stored).
    is_expert: bool
    expertise: str
    voted: bool

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"answer {self.pk} to {self.question_id}"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"


class Vote(models.Model):
    """A member's vote for an answer: one each; removing it takes it back."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "member"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"vote of {self.member_id} for {self.answer_id}"


class ForumExpert(models.Model):
    """A specialist invited by the Staffroom team: their answers carry the expert mark (as do
    the answers of staff, who need no row here)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_expert"
    )
    # What they are an expert in, shown with the mark ("Speech therapist", "Inclusive
    # education").
    expertise = models.CharField(_("expertise"), max_length=120, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum expert")

    def __str__(self) -> str:
        return f"{self.member} ({self.expertise})" if self.expertise else str(self.member)

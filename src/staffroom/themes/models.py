"""Theme pages: a title, an introduction and ordered sections of resources, questions,
events and external links, each with a short note, made by staff and trusted members.

A theme is public while it is published and inside its publication window; until then only
its editors see it (the preview). Members follow a theme and are told when it grows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import Level, Subject
from staffroom.resources.models import LinkState

TITLE_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 500
URL_MAX_LENGTH = 1000
HOME_SLOTS = 3  # editorial places on the home page


class ThemeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ThemeQuerySet(models.QuerySet):
    def public(self, now=None):
        """Published themes inside their publication window at ``now``."""
        now = now or timezone.now()
        return self.filter(status=ThemeStatus.PUBLISHED).filter(
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gt=now),
        )


class Theme(models.Model):
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("address name"), max_length=120, unique=True)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))
    # Checked and re-encoded by ``images.theme_image_from_upload``; served by a view.
    image = models.ImageField(_("image"), upload_to="themes/", blank=True, max_length=300)
    image_description = models.CharField(_("image description"), max_length=200, blank=True)
    levels = models.ManyToManyField(
        Level, blank=True, related_name="themes", verbose_name=_("education levels")
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="themes", verbose_name=_("subjects")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ThemeStatus.choices, default=ThemeStatus.DRAFT
    )
    publish_from = models.DateTimeField(_("public from"), null=True, blank=True)
    publish_until = models.DateTimeField(_("public until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="themes_created",
    )
    # Curators who may edit this theme besides staff (its creator is one).
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="themes_edited"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The first time it was published (the newsletter announces a theme once).
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        permissions = [("curate_theme", "May curate themes")]
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_from__isnull=True)
                | Q(publish_until__isnull=True)
                | Q(publish_until__gt=models.F("publish_from")),
                name="theme_window_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", args=[self.slug])

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == ThemeStatus.PUBLISHED
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )


class ThemeSection(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=TITLE_MAX_LENGTH)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.heading


class ItemKind(models.TextChoices):
    RESOURCE = "resource", _("Resource")
    QUESTION = "question", _("Question in the teachers' room")
    EVENT = "event", _("Event")
    LINK = "link", _("External link")


class ThemeItem(models.Model):
    """One entry of a section: exactly one of a resource, a question, an event or an
    external link (address and title), with a short note."""

    section = models.ForeignKey(ThemeSection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    resource = models.ForeignKey(
        "resources.Resource", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(
        "forum.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(_("address"), max_length=URL_MAX_LENGTH, blank=True)
    link_title = models.CharField(_("link title"), max_length=TITLE_MAX_LENGTH, blank=True)
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    # What the link checker last found for an external link (and when); blank until it looked.
    link_state = models.CharField(max_length=10, choices=LinkState.choices, default="", blank=True)
    link_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(resource__isnull=False, question__isnull=True, event__isnull=True, url="")
                    | Q(resource__isnull=True, question__isnull=False, event__isnull=True, url="")
                    | Q(resource__isnull=True, question__isnull=True, event__isnull=False, url="")
                    | (
                        Q(resource__isnull=True, question__isnull=True, event__isnull=True)
                        & ~Q(url="")
                        & ~Q(link_title="")
                    )
                ),
                name="theme_item_has_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind(self) -> str:
        if self.resource_id:
            return ItemKind.RESOURCE
        if self.question_id:
            return ItemKind.QUESTION
        if self.event_id:
            return ItemKind.EVENT
        return ItemKind.LINK

    @property
    def target(self):
        return self.resource or self.question or self.event

    @property
    def title(self) -> str:
        target = self.target
        return target.title if target is not None else self.link_title

    @property
    def address(self) -> str:
        target = self.target
        return target.get_absolute_url() if target is not None else self.url

    @property
    def link_may_not_work(self) -> bool:
        return self.kind == ItemKind.LINK and self.link_state == LinkState.DEAD


class ThemeFollow(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="theme_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "member"], name="unique_theme_follow")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.theme_id}"


class HomeSlot(models.Model):
    """An editorial place on the home page, filled by staff with a theme."""

    position = models.PositiveSmallIntegerField(unique=True)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="home_slots")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}: {self.theme_id}"

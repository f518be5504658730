"""Members, organisations and roles.

A member is a teacher by default. Moderators are members with ``is_moderator`` and the levels
and subjects they look after; partner organisations have member accounts that publish under the
organisation's name; staff are Django staff users.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import DEFAULT_REGION, Level, Region, Subject

if TYPE_CHECKING:
    # Generic in the stubs only: at run time UserManager takes no type argument.
    _UserManager = UserManager["Member"]
else:
    _UserManager = UserManager


class MemberManager(_UserManager):
    """Members log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str | None, password: str | None, **extra_fields: Any) -> Member:
        if not email:
            raise ValueError("An email address is required.")
        member = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    # Members have no username: the stub's signature starts with one (UserManager's).
    def create_user(  # type: ignore[override]
        self, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> Member:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(  # type: ignore[override]
        self, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> Member:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class NotificationMail(models.TextChoices):
    """Whether notices in the app also come by mail, and when."""

    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("Daily digest")
    NEVER = "never", _("Never")


class Member(AbstractUser):
    # Setting an inherited field to None removes it (Django's documented way); the stub types
    # these fields as str only.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    town = models.CharField(_("town"), max_length=120, blank=True)
    region = models.CharField(
        _("region"), max_length=2, choices=Region.choices, default=DEFAULT_REGION
    )
    language = models.CharField(
        _("interface language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    bio = models.TextField(_("about me"), blank=True, max_length=2000)
    levels = models.ManyToManyField(
        Level, blank=True, related_name="teachers", verbose_name=_("levels I teach")
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="teachers", verbose_name=_("subjects I teach")
    )
    notification_mail = models.CharField(
        _("notifications by mail"),
        max_length=10,
        choices=NotificationMail.choices,
        default=NotificationMail.DAILY,
    )
    is_moderator = models.BooleanField(_("moderator"), default=False)
    moderated_levels = models.ManyToManyField(
        Level, blank=True, related_name="moderators", verbose_name=_("levels I moderate")
    )
    moderated_subjects = models.ManyToManyField(
        Subject, blank=True, related_name="moderators", verbose_name=_("subjects I moderate")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]
    objects: ClassVar[MemberManager] = MemberManager()

    class Meta:
        verbose_name = _("member")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.pk])

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class Organisation(models.Model):
    """A partner organisation: publisher, start-up, NGO or ministry unit."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    members = models.ManyToManyField(
        Member, through="OrganisationMembership", related_name="organisations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation", args=[self.slug])


class OrganisationMembership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "member"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.organisation}"


class RoleChange(models.Model):
    """Audit trail of role assignments made by staff."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="role_changes")
    changed_by = models.ForeignKey(
        Member, null=True, on_delete=models.SET_NULL, related_name="role_changes_made"
    )
    summary = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.member}: {self.summary}"


class Follow(models.Model):
    """A member follows a teacher, a partner organisation or a subject: exactly one target.

    One table rather than three: "what I follow" is one query, and the feed and the fan-out on
    publication read all kinds at once. Following a subject covers its sub-subjects and the
    other region's crosswalked subjects (``curriculum.queries.matching_term_ids``), resolved
    when read, so a change of vocabulary needs no migration of follows.
    """

    follower = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    TARGETS = ("member", "organisation", "subject")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(member__isnull=False, organisation=None, subject=None)
                    | models.Q(member=None, organisation__isnull=False, subject=None)
                    | models.Q(member=None, organisation=None, subject__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("follower")), name="follow_not_oneself"
            ),
            models.UniqueConstraint(
                fields=["follower", "member"],
                condition=models.Q(member__isnull=False),
                name="unique_follow_member",
            ),
            models.UniqueConstraint(
                fields=["follower", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="unique_follow_organisation",
            ),
            models.UniqueConstraint(
                fields=["follower", "subject"],
                condition=models.Q(subject__isnull=False),
                name="unique_follow_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower} → {self.target}"

    @property
    def target(self) -> Member | Organisation | Subject | None:
        return self.member or self.organisation or self.subject

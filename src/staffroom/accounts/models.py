"""Members, organisations and roles.

A member is a teacher by default. Moderators are members with ``is_moderator`` and the levels
and subjects they look after; partner organisations have member accounts that publish under the
organisation's name; staff are Django staff users.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import DEFAULT_REGION, Level, Region, Subject
from staffroom.curriculum.wording import interface_language

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


def new_public_id() -> str:
    """The random part of a member's page address: not guessable, never a plain number (so an
    old ``/members/<id>/`` address never lands on someone)."""
    while True:
        public_id = secrets.token_urlsafe(9)
        if not public_id.isdigit():
            return public_id


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

    # The member's page: at a random address, and showing who they are only when they chose so.
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    profile_public = models.BooleanField(
        _("show my profile to everyone"),
        default=False,
        help_text=_(
            "Your town, what you teach and what you wrote about yourself. Off: only your name "
            "appears, next to what you shared."
        ),
    )
    # Usage history (docs/analytics.md): off, what they view and download is counted without
    # their pseudonym or profile, and recommendations fall back to their profile alone.
    usage_history = models.BooleanField(
        _("use what I view and download for my recommendations"),
        default=True,
        help_text=_(
            "Staffroom keeps which resources you opened and downloaded, under a pseudonym, for "
            "13 months, to recommend resources for the coming weeks and to leave out what you "
            "already have. Off: that history is deleted and no longer kept."
        ),
    )
    # The member's data lifecycle (accounts.deletion): when they last used the site (kept once
    # a day), and when the clock warned them that an unused account will be deleted.
    last_active_at = models.DateTimeField(null=True, blank=True)
    inactivity_warned_at = models.DateTimeField(null=True, blank=True)
    # The one account that what deleted members shared stays published under.
    is_former_member = models.BooleanField(default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]
    objects: ClassVar[MemberManager] = MemberManager()

    class Meta:
        verbose_name = _("member")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.public_id])

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def interface_language(self) -> str:
        """The language to write to this member in: theirs, in their region's wording."""
        return interface_language(self.language, self.region)

    @property
    def display_name(self) -> str:
        if self.is_former_member:
            return gettext("Former member")
        # Never a part of the address: that is not for everyone to read.
        return self.name or gettext("A member")


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


class DataExport(models.Model):
    """A member's request for a copy of their data: built in the background into a zip file,
    which is deleted DATA_EXPORT_DAYS after it was made (accounts.export)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Not served from the media address: only the download view hands it out.
    file = models.FileField(upload_to="exports/", blank=True, max_length=300)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"


class DeletionRecord(models.Model):
    """That an account was deleted, why and by whom: kept for accountability, without the
    deleted member's personal data (their old number only)."""

    class Cause(models.TextChoices):
        SELF = "self", pgettext_lazy("deleted by", "the member")
        STAFF = "staff", pgettext_lazy("deleted by", "staff")
        INACTIVE = "inactive", pgettext_lazy("deleted by", "inactivity")
        UNCONFIRMED = "unconfirmed", pgettext_lazy("deleted by", "sign-up never confirmed")

    member_number = models.PositiveBigIntegerField()
    cause = models.CharField(max_length=12, choices=Cause.choices)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    # What stayed published under "former member" and what was withdrawn, in numbers.
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"member {self.member_number} deleted ({self.cause})"


class TermsVersion(models.Model):
    """One version of the terms of use, written by staff in the admin (Markdown, Dutch and
    English). The version in effect is the latest whose ``effective_from`` has passed; members
    accept it at sign-up, and are asked again when a newer one comes into effect
    (accounts.middleware.TermsConsentMiddleware). A version members accepted is never edited
    or deleted: what they agreed to must stay readable (the admin makes it read-only)."""

    label = models.CharField(
        _("version"),
        max_length=20,
        unique=True,
        help_text=_("A short name members see, such as 2027-1."),
        # Part of the version's address (/terms/<label>/): with a digit it is never one of the
        # terms pages' own names (accept, decline).
        validators=[
            RegexValidator(
                r"^(?=.*[0-9])[0-9A-Za-z][0-9A-Za-z._-]*\Z",
                _("Use letters, digits, dots and dashes, with at least one digit: 2027-1."),
            )
        ],
    )
    effective_from = models.DateTimeField(
        _("in effect from"),
        help_text=_(
            "From this moment members who have not accepted this version are asked to. A date "
            "in the future announces the version without asking anyone yet."
        ),
    )
    text_nl = models.TextField(_("text in Dutch (Markdown)"))
    text_en = models.TextField(_("text in English (Markdown)"))
    changes_nl = models.TextField(
        _("what changed, in Dutch (Markdown)"),
        blank=True,
        help_text=_("Shown to members who accepted an earlier version."),
    )
    changes_en = models.TextField(_("what changed, in English (Markdown)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("terms of use version")
        verbose_name_plural = _("terms of use versions")
        ordering = ["-effective_from", "-pk"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("accounts:terms_version", args=[self.label])

    def text_in(self, language: str) -> str:
        """The text in ``language`` (nl or en); English for any other language."""
        return self.text_nl if language == Language.DUTCH else self.text_en

    def changes_in(self, language: str) -> str:
        return self.changes_nl if language == Language.DUTCH else self.changes_en


class TermsConsent(models.Model):
    """That a member accepted a version of the terms, and when: the record the consent rests
    on. Exported with the member's data and erased with the account (accounts.member_data)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="terms_consents")
    # PROTECT: a version someone accepted cannot be deleted from under their consent.
    version = models.ForeignKey(TermsVersion, on_delete=models.PROTECT, related_name="consents")
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent to the terms of use")
        verbose_name_plural = _("consents to the terms of use")
        ordering = ["-accepted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "version"], name="terms_consent_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} accepted {self.version_id}"

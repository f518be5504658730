"""Resources: what teachers share. A resource is one or more files, a web link or an embed."""

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from staffroom.core.web_address import url_key
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import terms_by_id

from .files import analysis_note, extension_for, text_excerpt, type_icon
from .licences import LICENCE_URLS, Licence


class ContentLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    OTHER = "other", _("Other language")
    # A harvested record that states no language, or one we do not read (never guessed).
    UNDETERMINED = "und", _("Language not known")


class Kind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Web link")
    EMBED = "embed", _("Video or interactive exercise")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Taken offline by a moderator after a report, until restored.
    HIDDEN = "hidden", _("Hidden by a moderator")
    # A "free until" offer whose period is over: taken offline by the clock; its page says it
    # ended and points to alternatives.
    ENDED = "ended", _("Offer ended")


class Cost(models.TextChoices):
    """What using the resource costs (LOM ``cost``, schema.org ``isAccessibleForFree``)."""

    FREE = "free", _("Free")
    # Free during a period (``free_from``..``free_until``): a tool offer.
    FREE_UNTIL = "free-until", _("Free for a period")
    PAID = "paid", _("Paid")


class LinkState(models.TextChoices):
    """What the last check of a link or embed's web address found."""

    OK = "ok", _("Works")
    MOVED = "moved", _("Moved")
    DEAD = "dead", _("Does not work")


class ResourceQuerySet(models.QuerySet["Resource"]):
    # Django's QuerySet offers no public hook to post-process fetched rows; _chain, _clone
    # and _fetch_all are the documented-by-use extension points (the stubs leave them out).
    _with_terms = False

    def published(self) -> "ResourceQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def with_terms(self) -> "ResourceQuerySet":
        """Give each resource ``listed_levels`` and ``listed_subjects``, taken from the
        vocabularies each process keeps in memory: one query on the link tables instead of
        building every term object again for every card."""
        clone = self._chain()  # type: ignore[attr-defined]
        clone._with_terms = True
        return clone

    def _clone(self) -> "ResourceQuerySet":
        clone = super()._clone()  # type: ignore[misc]
        clone._with_terms = self._with_terms
        return clone

    def _fetch_all(self) -> None:
        fetched_now = self._result_cache is None
        super()._fetch_all()
        rows = self._result_cache
        if fetched_now and self._with_terms and rows and isinstance(rows[0], Resource):
            attach_terms(rows)


def attach_terms(resources: "Sequence[Resource]") -> None:
    """Set ``listed_levels`` and ``listed_subjects`` on each resource (see ``with_terms``)."""
    ids = [resource.pk for resource in resources]
    for name, model in (("levels", Level), ("subjects", Subject)):
        link = getattr(Resource, name).through
        column = f"{model.__name__.lower()}_id"
        terms = terms_by_id(model)
        found: dict[int, list] = {}
        for resource_id, term_id in (
            link.objects.filter(resource_id__in=ids)
            .order_by("pk")
            .values_list("resource_id", column)
        ):
            found.setdefault(resource_id, []).append(terms[term_id])
        for resource in resources:
            setattr(resource, f"listed_{name}", found.get(resource.pk, []))


class Resource(models.Model):
    # Metadata a moderator may correct and a contributor may change after publication.
    METADATA_FIELDS = (
        "title",
        "description",
        "language",
        "url",
        "resource_type",
        "keywords",
        "licence",
        "author_name",
        "attribution",
        "source_url",
        "rights_statement",
        "based_on",
        "accessibility_notes",
        "duration",
        "levels",
        "subjects",
        "cost",
        "cost_note",
        "free_from",
        "free_until",
        "manual_for",
    )

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=ContentLanguage.choices, default="nl"
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.FILE)
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    # The address's comparison key (core.web_address.url_key): the same page harvested from two
    # records or two sources is found by it.
    url_key = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    # Where the original lives when it came from elsewhere (a DOI, the source's own page): the
    # attribution line points there.
    source_url = models.URLField(_("original at the source"), max_length=1000, blank=True)
    # The source's own rights statement, word for word, where it names no licence we know.
    rights_statement = models.TextField(_("rights statement of the source"), blank=True)
    levels = models.ManyToManyField(Level, blank=True, related_name="resources")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="resources")
    resource_type = models.ForeignKey(
        ResourceType, null=True, blank=True, on_delete=models.PROTECT, related_name="resources"
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    licence = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.BY
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    attribution = models.CharField(_("attribution"), max_length=300, blank=True)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="remixes",
        verbose_name=_("based on"),
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    # How long pupils work with it, in minutes, where the contributor or the source record
    # says (LOM typicalLearningTime, LRMI timeRequired); empty when unknown.
    duration = models.PositiveSmallIntegerField(
        _("duration in class (minutes)"), null=True, blank=True
    )

    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="resources"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("publish as"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When a moderator last approved it."
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    # The price of a paid resource, or the conditions of an offer ("for schools in Flanders").
    cost_note = models.CharField(_("price or conditions"), max_length=300, blank=True)
    free_from = models.DateField(_("free from"), null=True, blank=True)
    free_until = models.DateField(_("free until"), null=True, blank=True)
    # "Handleiding voor ...": this resource explains how to use a tool or another resource.
    manual_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="manuals",
        verbose_name=_("manual for"),
    )
    download_count = models.PositiveIntegerField(default=0)
    # Kept by the ratings of the teachers' room: the average of members' stars (1-5) and how
    # many gave them. Search filters and sorts on them.
    rating_average = models.FloatField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    # A moderator's pick: shown with a badge and ranked higher in search.
    picked_at = models.DateTimeField(null=True, blank=True)
    picked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The picture of a link or embed (its oEmbed thumbnail or its page's og:image), fetched
    # in the background and scaled down; derived data (``staffroom previews rebuild``).
    picture = models.ImageField(upload_to="pictures/", blank=True, max_length=300)
    # The address the picture was looked for at: a changed address is looked up again.
    picture_source = models.URLField(max_length=1000, blank=True)
    picture_checked_at = models.DateTimeField(null=True, blank=True)

    objects = ResourceQuerySet.as_manager()
    # Set on resources fetched with ``with_terms()``: their levels and subjects, from the
    # vocabularies in memory.
    listed_levels: list[Level]
    listed_subjects: list[Subject]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["status", "-download_count"]),
            models.Index(fields=["status", "checked_at"]),
            models.Index(fields=["cost", "free_until"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.url_key = url_key(self.url)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "url" in update_fields:
            kwargs["update_fields"] = {*update_fields, "url_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", args=[self.pk, self.slug])

    @property
    def duration_iso(self) -> str:
        """The duration as ISO 8601 ("PT1H30M"), as LOM and schema.org write it; "" if unknown."""
        if not self.duration:
            return ""
        hours, minutes = divmod(self.duration, 60)
        return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "resource"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def publisher(self):
        """Who the resource is published under: the organisation, else the contributor."""
        return self.organisation or self.contributor

    @property
    def credited_author(self) -> str:
        return self.author_name or str(self.publisher)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(Licence(self.licence), "")

    def type_icon(self, first_file: "ResourceFile | None" = None) -> str:
        """The icon (static/staffroom/icons/<name>.svg) that stands for it without a picture."""
        if self.kind == Kind.LINK:
            return "link"
        if self.kind == Kind.EMBED:
            code = self.resource_type.code if self.resource_type_id else ""  # type: ignore[union-attr]
            return "video" if code == "video" else "exercise"
        return type_icon(first_file.mime_type) if first_file is not None else "document"


def resource_file_path(instance: "ResourceFile", filename: str) -> str:
    """A generated name with the extension of the detected type: the uploader's name (kept in
    ``original_name``) never decides how a stored file is named or served."""
    return f"resources/{instance.resource_id}/{uuid.uuid4().hex}{extension_for(instance.mime_type)}"


class ResourceFile(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=resource_file_path, max_length=300)
    original_name = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    extracted_text = models.TextField(blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    # The first page (or the image itself), scaled down: the card's picture. The following
    # pages are PreviewPage rows.
    preview = models.ImageField(upload_to="previews/", blank=True, max_length=300)
    # When its pages were rendered (or tried); office files wait for LibreOffice with this
    # empty, in the background, after the text is extracted.
    previewed_at = models.DateTimeField(null=True, blank=True)
    # When a task claimed it for LibreOffice (services.office_files_claim): other workers leave
    # it alone until it is previewed or the claim is stale (its worker died).
    preview_started_at = models.DateTimeField(null=True, blank=True)
    # Why the analysis gave no text or preview (a code of ``analysis_sandbox``: over its limits,
    # damaged); "" when it went well or has not run.
    analysis_problem = models.CharField(max_length=30, blank=True)
    # Added by an edit of a published resource: public only once a moderator publishes the edit.
    pending = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def analysis_note(self) -> str:
        """Why it has no text or preview, for moderators ("" if nothing went wrong)."""
        return analysis_note(self.analysis_problem)

    @property
    def type_icon(self) -> str:
        return type_icon(self.mime_type)

    @property
    def text_excerpt(self) -> str:
        """The start of its text, shown to look inside when there are no page images."""
        return text_excerpt(self.extracted_text)


class PreviewPage(models.Model):
    """A page after the first of a file's preview (the first is ``ResourceFile.preview``),
    for the resource page's "look inside". Derived data: ``staffroom previews rebuild``."""

    resource_file = models.ForeignKey(
        ResourceFile, on_delete=models.CASCADE, related_name="preview_pages"
    )
    number = models.PositiveSmallIntegerField()
    image = models.ImageField(upload_to="previews/pages/", max_length=300)

    class Meta:
        ordering = ["resource_file", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource_file", "number"], name="one_preview_page_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"page {self.number} of {self.resource_file_id}"


class Rating(models.Model):
    """A member's 1-5 stars for a resource, optionally with the level they used it with. One
    per member and resource; rating again changes it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="ratings")
    # Empty once the member deleted their account: the stars still count, linked to nobody.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
    )
    stars = models.PositiveSmallIntegerField(_("stars"))
    used_with = models.ForeignKey(
        Level,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("I used this with"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["resource", "member"], name="one_rating_per_member"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="stars_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ {self.resource_id} by {self.member_id}"


class Reply(models.Model):
    """A reply on a resource, in Markdown. Replies are threaded one level: an answer to a reply
    hangs under that reply."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replies"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    body = models.TextField(_("reply"))
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Hidden by a moderator after a report, with the reason shown in its place.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["author", "created_at"])]

    def __str__(self) -> str:
        return f"reply {self.pk} on {self.resource_id}"


class Folder(models.Model):
    """A member's named collection of resources ("Favourites", "Breuken 4de leerjaar"):
    private, shared with anyone who has its link, or published as a public collection."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folders"
    )
    name = models.CharField(_("name"), max_length=100)
    # Set while the folder is shared: the secret part of its link.
    share_token = models.CharField(max_length=32, blank=True, db_index=True)
    resources = models.ManyToManyField(Resource, through="FolderItem", related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # A public collection: its description (Markdown), cover and the licence of its notes.
    description = models.TextField(_("description"), blank=True)
    cover = models.ImageField(
        _("cover image"), upload_to="collections/", blank=True, max_length=300
    )
    notes_licence = models.CharField(
        _("licence of the description and notes"),
        max_length=40,
        choices=Licence.choices,
        default=Licence.BY,
    )
    # Set while it is published as a public collection.
    published_at = models.DateTimeField(null=True, blank=True)
    featured_at = models.DateTimeField(null=True, blank=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The public collection this folder was copied from, if any.
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "name"], name="unique_folder_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resources:folder", args=[self.pk])


class FolderItem(models.Model):
    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="folder_items")
    added_at = models.DateTimeField(auto_now_add=True)
    # Why it is in the collection, shown under it on the public page.
    note = models.TextField(_("note"), blank=True)
    # Set when the member puts the items in an order; 0 (new items) comes first, newest first.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "-added_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["folder", "resource"], name="once_per_folder")
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} in {self.folder_id}"


class FolderFollow(models.Model):
    """A member follows a public collection: a notice when it grows."""

    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_collections"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["folder", "member"], name="follow_collection_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.folder_id}"


class LinkCheck(models.Model):
    """The last check of a link or embed resource's web address (``staffroom links check``)."""

    resource = models.OneToOneField(Resource, on_delete=models.CASCADE, related_name="link_check")
    state = models.CharField(max_length=8, choices=LinkState.choices)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # Where the redirects ended, and the addresses on the way.
    final_url = models.URLField(max_length=1000, blank=True)
    redirects = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField()
    # The first check of the current run of failures; the grace period counts from it.
    failing_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "failing_since"])]

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.state}"

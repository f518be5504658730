"""Curriculum vocabularies: education levels, subjects and resource types of both regions.

Flanders and the Netherlands name the same stages of schooling differently ("3de leerjaar" is
"groep 5"). Every term belongs to one region, carries labels per interface language, an ISCED
2011 code (levels) and its nearest term in the other region (the crosswalk). A resource may be
tagged with terms of either region; a viewer always sees the terms of their own region.
"""

from typing import Self, cast

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    FLANDERS = "fl", _("Flanders")
    NETHERLANDS = "nl", _("the Netherlands")


DEFAULT_REGION = Region.FLANDERS


class LabelledTerm(models.Model):
    """A vocabulary term with labels per language (``{"nl": ..., "en": ...}``)."""

    code = models.SlugField(max_length=60, unique=True)
    labels = models.JSONField(default=dict)
    position = models.PositiveIntegerField(default=0, help_text="Display order in its vocabulary.")

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The label in the active interface language, falling back to English, then Dutch."""
        language = (get_language() or "nl")[:2]
        return (
            self.labels.get(language) or self.labels.get("en") or self.labels.get("nl") or self.code
        )


class RegionalTerm(LabelledTerm):
    region = models.CharField(max_length=2, choices=Region.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    equivalent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The nearest term of the other region (the crosswalk).",
    )
    # The columns of the two keys, named for the type checker: its plugin gives them to
    # concrete models only.
    parent_id: int | None
    equivalent_id: int | None

    class Meta:
        abstract = True
        ordering = ["position"]

    def in_region(self, region: str) -> Self:
        """This term as a viewer of ``region`` names it: itself, or its crosswalk equivalent."""
        if self.region == region or self.equivalent_id is None:
            return self
        # A key to "self" declared on an abstract model points to the concrete model: the
        # equivalent of a level is a level.
        return cast(Self, self.equivalent)


class Level(RegionalTerm):
    isced = models.CharField(max_length=3, help_text="ISCED 2011 level code.")
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta(RegionalTerm.Meta):
        verbose_name = _("education level")


class Subject(RegionalTerm):
    class Meta(RegionalTerm.Meta):
        verbose_name = _("subject")


class ResourceType(LabelledTerm):
    hcrt_uri = models.URLField(blank=True)
    oeh_uri = models.URLField(blank=True)

    class Meta(LabelledTerm.Meta):
        verbose_name = _("resource type")

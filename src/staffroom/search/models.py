import unicodedata
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _


def folded(text: str) -> str:
    """A query as searches are grouped by: lower-case, accents folded, spaces collapsed
    ("Breuken  optéllen" and "breuken optellen" are one search)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())[:500]


class SearchLog(models.Model):
    """One search of the search page or of the API: what was asked and how much it found,
    for what teachers look for and do not find (the staff's zero-result page, the usage
    figures). Who searched is not recorded: no member, no address, no session.

    Only the first page of a search with words or filters is a search (``search_record``);
    rows older than ``SEARCH_LOG_DAYS`` are deleted by the clock."""

    class Source(models.TextChoices):
        PAGE = "page", _("Search page")
        API = "api", _("API")

    query = models.CharField(max_length=500, blank=True)
    # The query as searches are grouped by (``folded``), kept with the row.
    folded = models.CharField(max_length=500, blank=True)
    # The filter values, the minimum rating included (recorded in key order, so that SQLite
    # groups equal filters together; PostgreSQL's jsonb compares them as values anyway).
    filters = models.JSONField(default=dict, blank=True)
    region = models.CharField(max_length=2, blank=True)
    result_count = models.PositiveIntegerField()
    # Found only with typo tolerance (the page says "these results contain similar words").
    similar_words = models.BooleanField(default=False)
    source = models.CharField(max_length=4, choices=Source.choices, default=Source.PAGE)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The staff page reads the searches that found nothing, or only similar words.
            models.Index(
                fields=["created_at"],
                condition=models.Q(result_count=0) | models.Q(similar_words=True),
                name="search_log_unfound",
            )
        ]

    def __str__(self) -> str:
        return self.query or "*"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded = folded(self.query)
        super().save(*args, **kwargs)


class SavedSearch(models.Model):
    """A search a member keeps; they are mailed when a newly published resource matches."""

    member = models.ForeignKey(
        "accounts.Member", on_delete=models.CASCADE, related_name="saved_searches"
    )
    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "query", "filters"], name="unique_saved_search"
            )
        ]

    def __str__(self) -> str:
        return self.query or "*"

    @property
    def querystring(self) -> str:
        return urlencode({"q": self.query, **self.filters})

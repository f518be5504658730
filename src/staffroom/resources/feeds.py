"""Atom feeds of newly published resources: all of them, and per level or subject (with the
sub-terms and the other region's crosswalked terms, as the browse filter has them).

Addresses in the feeds are built on SITE_URL, like the JSON-LD of the pages: feed readers keep
entry ids, so they must not depend on the host a feed was fetched under.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from staffroom.core.markdown import render_markdown
from staffroom.curriculum.queries import level_by_code, subject_by_code, terms_in_region

from .queries import ResourceFilters, resources_filtered

FEED_ITEMS = 30


@dataclass(frozen=True)
class FeedQuery:
    filters: ResourceFilters
    region: str
    code: str = ""  # the level's or subject's code in the feed's address

    @property
    def term(self):
        return self.filters.level or self.filters.subject

    def browse_query(self) -> str:
        if self.filters.level:
            return "?" + urlencode({"level": self.filters.level.code})
        if self.filters.subject:
            return "?" + urlencode({"subject": self.filters.subject.code})
        return ""


def feed_title(term=None) -> str:
    """ "New resources · 3de leerjaar · Staffroom", in the active language."""
    return " · ".join([_("New resources"), *([term.label] if term else []), "Staffroom"])


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class NewResourcesFeed(Feed):
    """The newest published resources. One instance serves every request: what a request asks
    for travels in ``FeedQuery`` and on the items, never on ``self``."""

    feed_type = Atom1Feed

    def get_object(self, request, code: str = "") -> FeedQuery:
        return FeedQuery(self.filters_for(code), getattr(request, "region", "fl"), code)

    def filters_for(self, code: str) -> ResourceFilters:
        return ResourceFilters()

    def feed_path(self, query: FeedQuery) -> str:
        return reverse("resources:feed")

    def title(self, query: FeedQuery) -> str:
        return feed_title(query.term)

    def link(self, query: FeedQuery) -> str:
        return absolute(reverse("resources:browse") + query.browse_query())

    def feed_url(self, query: FeedQuery) -> str:
        return absolute(self.feed_path(query))

    def items(self, query: FeedQuery):
        resources = list(resources_filtered(query.filters, "newest")[:FEED_ITEMS])
        for resource in resources:
            resource.feed_region = query.region
        return resources

    def item_title(self, resource) -> str:
        return resource.title

    def item_description(self, resource) -> str:
        return render_markdown(resource.description)

    def item_link(self, resource) -> str:
        return absolute(resource.get_absolute_url())

    def item_author_name(self, resource) -> str:
        # Never str(member): that falls back to the e-mail address.
        if resource.author_name:
            return resource.author_name
        if resource.organisation_id:
            return resource.organisation.name
        return resource.contributor.display_name

    def item_author_link(self, resource) -> str:
        return absolute(resource.publisher.get_absolute_url())

    def item_pubdate(self, resource):
        return resource.published_at

    def item_updateddate(self, resource):
        return resource.updated_at

    def item_categories(self, resource) -> list[str]:
        region = resource.feed_region
        terms = [
            *terms_in_region(resource.listed_levels, region),
            *terms_in_region(resource.listed_subjects, region),
        ]
        labels = [term.label for term in terms]
        if resource.resource_type_id:
            labels.append(resource.resource_type.label)
        return labels


class LevelFeed(NewResourcesFeed):
    def filters_for(self, code: str) -> ResourceFilters:
        level = level_by_code(code)
        if level is None:
            raise Http404
        return ResourceFilters(level=level)

    def feed_path(self, query: FeedQuery) -> str:
        return reverse("resources:level_feed", args=[query.code])


class SubjectFeed(NewResourcesFeed):
    def filters_for(self, code: str) -> ResourceFilters:
        subject = subject_by_code(code)
        if subject is None:
            raise Http404
        return ResourceFilters(subject=subject)

    def feed_path(self, query: FeedQuery) -> str:
        return reverse("resources:subject_feed", args=[query.code])


def feed_for_filters(filters: ResourceFilters) -> tuple[str, str] | None:
    """The feed (address, title) a browse page offers: per level or subject when it filters on
    exactly one of them, the overall feed when unfiltered, none for other combinations."""
    others = (filters.resource_type, filters.language, filters.licence, filters.kind)
    if any(others) or (filters.level and filters.subject):
        return None
    if filters.level:
        return reverse("resources:level_feed", args=[filters.level.code]), feed_title(filters.level)
    if filters.subject:
        return reverse("resources:subject_feed", args=[filters.subject.code]), feed_title(
            filters.subject
        )
    return reverse("resources:feed"), feed_title()

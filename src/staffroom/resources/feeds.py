"""Atom feeds of newly published resources: all of them, and per level or subject (with the
sub-terms and the other region's crosswalked terms, as the browse filter has them).

Addresses in the feeds are built on SITE_URL, like the JSON-LD of the pages: feed readers keep
entry ids, so they must not depend on the host a feed was fetched under.

A feed names levels and subjects as its reader's region does ("groep 5" or "3de leerjaar"):
the region asked for (``?region=fl|nl``), else the logged-in member's, else, as a feed reader
has no account, the feed's own level's or subject's region, else the site's default. Its
addresses keep a region that differs from that default (``feed_region_path``).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from staffroom.core.markdown import render_markdown
from staffroom.curriculum.models import DEFAULT_REGION, Region
from staffroom.curriculum.queries import level_by_code, subject_by_code, terms_in_region
from staffroom.curriculum.wording import interface_language

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


def feed_title(term=None, region: str = DEFAULT_REGION) -> str:
    """ "New resources · 3de leerjaar · Staffroom", in the active language, the term as a
    reader in ``region`` names it ("groep 5" for a Dutch reader)."""
    label = [term.in_region(region).label] if term else []
    return " · ".join([_("New resources"), *label, "Staffroom"])


def default_feed_region(term=None) -> str:
    """The region a reader without an account and without ``?region`` gets: a level's or
    subject's own region, else the site's default."""
    return term.region if term is not None else DEFAULT_REGION


def feed_region(request, term=None) -> str:
    """The region whose terms the feed names: asked for, else the member's, else the default."""
    asked = request.GET.get("region", "")
    if asked in Region.values:
        return asked
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.region in Region.values:
        return user.region
    return default_feed_region(term)


def feed_region_query(region: str, term=None) -> dict[str, str]:
    """``{"region": region}`` when ``region`` is not the one the feed gives by default."""
    return {} if region == default_feed_region(term) else {"region": region}


def feed_region_path(path: str, region: str, term=None) -> str:
    """``path`` with ``?region=`` when ``region`` is not the one the feed gives by default."""
    query = feed_region_query(region, term)
    return path + "?" + urlencode(query) if query else path


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class RegionalFeed(Feed):
    """A feed in its reader's region: ``get_object`` gives an object with ``region``
    (``feed_region``), and the feed is written with that region's Dutch wording ("nl-nl" or
    "nl-be"), as pages are."""

    def __call__(self, request, *args, **kwargs):
        region = getattr(self.get_object(request, *args, **kwargs), "region", DEFAULT_REGION)
        with translation.override(interface_language(translation.get_language(), region)):
            return super().__call__(request, *args, **kwargs)


class NewResourcesFeed(RegionalFeed):
    """The newest published resources. One instance serves every request: what a request asks
    for travels in ``FeedQuery`` and on the items, never on ``self``."""

    feed_type = Atom1Feed

    def get_object(self, request, code: str = "") -> FeedQuery:
        filters = self.filters_for(code)
        return FeedQuery(filters, feed_region(request, filters.level or filters.subject), code)

    def filters_for(self, code: str) -> ResourceFilters:
        return ResourceFilters()

    def feed_path(self, query: FeedQuery) -> str:
        return reverse("resources:feed")

    def title(self, query: FeedQuery) -> str:
        return feed_title(query.term, query.region)

    def link(self, query: FeedQuery) -> str:
        return absolute(reverse("resources:browse") + query.browse_query())

    def feed_url(self, query: FeedQuery) -> str:
        return absolute(feed_region_path(self.feed_path(query), query.region, query.term))

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


def feed_for_filters(
    filters: ResourceFilters, region: str = DEFAULT_REGION
) -> tuple[str, str] | None:
    """The feed (address, title) a browse page offers: per level or subject when it filters on
    exactly one of them, the overall feed when unfiltered, none for other combinations. The
    address keeps the viewer's ``region`` (a feed reader has no account to tell it)."""
    others = (filters.resource_type, filters.language, filters.licence, filters.kind)
    if any(others) or (filters.level and filters.subject):
        return None
    if filters.level:
        path = reverse("resources:level_feed", args=[filters.level.code])
    elif filters.subject:
        path = reverse("resources:subject_feed", args=[filters.subject.code])
    else:
        path = reverse("resources:feed")
    term = filters.level or filters.subject
    return feed_region_path(path, region, term), feed_title(term, region)

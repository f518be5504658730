"""sitemap.xml and robots.txt: what search engines may crawl, and where every public page is.

/sitemap.xml is a sitemap index of one sitemap per section (/sitemap-<section>.xml); Django
splits a section into pages of ``limit`` addresses (?p=2, ...) and the index lists each page,
so the 50,000-address limit of the protocol holds at any size. Addresses are built on SITE_URL
rather than on django.contrib.sites' Site row, which no deployment step keeps up to date.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from staffroom.events.models import Event, EventStatus
from staffroom.forum.models import Question
from staffroom.resources.models import Folder, Resource
from staffroom.themes.models import Theme

SITEMAP_CACHE_SECONDS = 3600


class SiteSitemap(Sitemap):
    limit = 50_000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ResourceSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return (
            Resource.objects.published()
            .only("pk", "title", "updated_at", "published_at")
            .order_by("pk")
        )

    def lastmod(self, resource):
        return resource.updated_at


class QuestionSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Question.objects.filter(hidden_at=None).only("pk", "title", "active_at").order_by("pk")
        )

    def lastmod(self, question):
        return question.active_at


class EventSitemap(SiteSitemap):
    def items(self):
        return (
            Event.objects.filter(status=EventStatus.PUBLISHED)
            .only("pk", "title", "published_at")
            .order_by("pk")
        )

    def lastmod(self, event):
        return event.published_at


class CollectionSitemap(SiteSitemap):
    """Public collections (folders a member published)."""

    changefreq = "weekly"

    def items(self):
        return (
            Folder.objects.filter(published_at__isnull=False)
            .only("pk", "published_at")
            .order_by("pk")
        )

    def location(self, folder):
        return reverse("collections:detail", args=[folder.pk])

    def lastmod(self, folder):
        return folder.published_at


class ThemeSitemap(SiteSitemap):
    """Theme pages inside their publication window."""

    changefreq = "weekly"

    def items(self):
        return Theme.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, theme):
        return theme.updated_at


class PageSitemap(SiteSitemap):
    """The public pages that are not records: home, the lists, help, and the trust pages
    (privacy, accessibility, terms of use, contact)."""

    changefreq = "daily"

    def items(self):
        return [
            "home",
            "resources:browse",
            "collections:list",
            "themes:list",
            "offers:list",
            "forum:recent",
            "events:list",
            "help_search",
            "accounts:privacy",
            "accessibility",
            "accounts:terms",
            "contact",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "resources": ResourceSitemap,
    "questions": QuestionSitemap,
    "events": EventSitemap,
    "collections": CollectionSitemap,
    "themes": ThemeSitemap,
}


@require_safe
@cache_page(SITEMAP_CACHE_SECONDS)
@sitemap_views.x_robots_tag
def sitemap_index(request):
    """django.contrib.sitemaps.views.index, with the section addresses on SITE_URL."""
    items = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = settings.SITE_URL + reverse("sitemap_section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        pages = [location] + [
            f"{location}?p={page}" for page in range(2, sitemap.paginator.num_pages + 1)
        ]
        # SitemapIndexItem.last_mod is a datetime (Django's own index passes one), but Django
        # annotates it "bool" and the stubs copy that.
        items += [sitemap_views.SitemapIndexItem(page, lastmod) for page in pages]  # type: ignore[arg-type]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


@require_safe
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_section(request, section: str):
    # A copy typed as the view's parameter (a dict of classes or instances; dict is invariant).
    return sitemap_views.sitemap(request, sitemaps=dict(SITEMAPS), section=section)


ROBOTS_DISALLOW = ["/admin/", "/moderation/", "/accounts/", "/api/", "/resources/mine/"]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

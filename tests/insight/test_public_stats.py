"""The public figures page (/stats/): counts equal the rows, only what is public and current
counts, the figures are cached, and numbers read as the reader's language writes them."""

import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level
from staffroom.insight import public_stats
from staffroom.resources.models import Status
from tests.factories import DraftFactory, MemberFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _fact(page: str, name: str) -> str:
    found = re.search(r"<dt>" + re.escape(name) + r"</dt><dd>([^<]+)", page)
    assert found, name
    return found.group(1).strip()


def _row(page: str, label: str) -> str:
    found = re.search(r">" + re.escape(label) + r"</th><td[^>]*>([^<]+)", page)
    assert found, label
    return found.group(1).strip()


def _level(code: str) -> Level:
    return Level.objects.get(code=code)


def test_the_headline_counts_equal_the_rows(client):
    now = timezone.now()
    teacher, colleague, quiet = MemberFactory.create_batch(3)
    MemberFactory(is_active=False)
    # The account deleted members' work stays under is nobody.
    MemberFactory(is_former_member=True)
    ResourceFactory(contributor=teacher, language="nl", published_at=now)
    ResourceFactory(contributor=teacher, language="en", published_at=now)
    ResourceFactory(contributor=colleague, language="nl", published_at=now)
    # Not public: a draft, a resource hidden after a report, one that was withdrawn.
    DraftFactory(contributor=quiet)
    ResourceFactory(contributor=quiet, status=Status.HIDDEN)
    ResourceFactory(contributor=quiet, status=Status.WITHDRAWN)

    page = client.get(reverse("insight:stats"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    members = Member.objects.filter(is_active=True, is_former_member=False).count()
    assert members == Member.objects.count() - 2
    assert _fact(page, "Members") == str(members)
    assert _fact(page, "Published resources") == "3"
    assert _fact(page, "Contributors") == "2"
    assert _row(page, "Dutch") == "2"
    assert _row(page, "English") == "1"


def test_resources_are_counted_per_top_level_in_the_readers_wording(client):
    primary_fl = _level("fl-lo-3").parent
    while primary_fl.parent_id:
        primary_fl = primary_fl.parent
    ResourceFactory().levels.set([_level("fl-lo-3")])
    # Tagged twice under the same top level: counted once there.
    ResourceFactory().levels.set([_level("fl-lo-3"), _level("fl-lo-4")])
    # Tagged with the Netherlands' equivalent: a Flemish reader counts it under their level.
    ResourceFactory().levels.set([_level("nl-po-5")])

    flemish = client.get(reverse("insight:stats"), HTTP_ACCEPT_LANGUAGE="en-BE").content.decode()
    assert _row(flemish, primary_fl.labels["en"]) == "3"

    stats = public_stats.compute_public_stats("nl")
    primary_nl = _level("nl-po-5")
    while primary_nl.parent_id:
        primary_nl = primary_nl.parent
    assert dict(stats.levels)[primary_nl.pk] == 3


def test_this_years_growth_is_set_against_the_same_days_last_year(client):
    now = timezone.now()
    last_year = now - timedelta(days=366)
    long_ago = timezone.make_aware(datetime(now.year - 3, 6, 1))
    ResourceFactory.create_batch(2, published_at=now)
    ResourceFactory(published_at=last_year)
    ResourceFactory(published_at=long_ago)
    MemberFactory(date_joined=last_year)
    MemberFactory(date_joined=long_ago)
    joined_now = Member.objects.filter(date_joined__year=now.year, is_active=True).count()

    stats = public_stats.compute_public_stats("fl")
    growth = stats.growth
    assert (growth.resources, growth.resources_before) == (2, 1)
    assert growth.members == joined_now
    assert growth.members_before == 1


def test_the_figures_are_cached_and_the_second_request_counts_nothing(
    client, django_assert_max_num_queries
):
    ResourceFactory()
    url = reverse("insight:stats")
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _fact(first, "Published resources") == "1"
    ResourceFactory()
    # A visitor's page: at most the session is read; every figure comes from the cache.
    with django_assert_max_num_queries(1):
        second = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _fact(second, "Published resources") == "1"
    cache.clear()
    third = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _fact(third, "Published resources") == "2"


def test_numbers_are_written_in_the_readers_language(client):
    stats = public_stats.compute_public_stats("fl")
    cache.set(
        "insight:public-stats:fl",
        public_stats.PublicStats(
            members=12345,
            resources=stats.resources,
            contributors=1234,
            levels=stats.levels,
            languages=stats.languages,
            growth=stats.growth,
            counted_at=stats.counted_at,
        ),
        60,
        version=public_stats.CACHE_VERSION,
    )
    url = reverse("insight:stats")
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl-BE").content.decode()
    assert '<html lang="nl-BE">' in dutch
    assert ">12.345<" in dutch and ">1.234 <" in dutch
    # The level and language labels too follow the reader.
    assert ">Taal<" in dutch
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">12,345<" in english and ">1,234 <" in english
    assert ">Language<" in english


def test_the_footer_links_to_the_figures(client):
    page = client.get(reverse("resources:browse")).content.decode()
    assert f'href="{reverse("insight:stats")}"' in page

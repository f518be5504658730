"""The staff dashboard in a browser: no serious axe violation with its charts and tables
filled, and nothing wider than a phone's screen (390 px)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import PHONE, log_in, overflowing
from tests.factories import ResourceFactory, StaffFactory

from staffroom.curriculum.models import Level
from staffroom.insight.models import DailyCount, DailyDemand, DailySearch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_is_accessible_and_fits_a_phone(page):
    today = timezone.localdate()
    resource = ResourceFactory(title="Richtingscoëfficiënt" * 3)
    DailyCount.objects.create(day=today, kind="download", object_id=resource.pk, count=7)
    DailyCount.objects.create(day=today, kind="resource_view", object_id=resource.pk, count=9)
    DailySearch.objects.create(day=today, folded="breuken vergelijken", region="fl", count=6)
    DailySearch.objects.create(day=today, folded="zwaartekracht", region="fl", count=3, zero=3)
    level = Level.objects.get(code="fl-lo-4")
    DailyDemand.objects.create(day=today, region="fl", level_id=level.pk, count=3, zero=3)
    log_in(page, verified(StaffFactory()).email)
    url = reverse("insight:dashboard")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.locator("details summary").first.click()
    charts = page.locator("img.chart")
    assert charts.count() == 11
    # Every chart arrived and was drawn (an image that failed has no natural width).
    drawn = "(images) => images.every(image => image.complete && image.naturalWidth > 0)"
    assert charts.evaluate_all(drawn)
    assert serious_violations(page) == []

    page.set_viewport_size(PHONE)
    problems = overflowing(page, [url])
    page.locator("details summary").first.click()
    assert serious_violations(page) == []
    assert not problems, "\n".join(problems)

"""The staff area, the send confirmation and the partner's booking form on a phone (390 px):
nothing wider than the screen, the staff menu wraps, and no serious axe violation."""

import pytest
from django.urls import reverse
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import PHONE, log_in, overflowing
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory
from tests.newsletter.factories import IssueFactory, PriceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_pages_and_the_booking_form_fit_a_phone(page):
    page.set_viewport_size(PHONE)
    issue = IssueFactory()
    event = EventFactory()
    PriceFactory()
    log_in(page, verified(StaffFactory()).email)
    staff_pages = [
        reverse("staff_home"),
        reverse("newsletter:staff_mailing", args=[issue.pk]),
        reverse("newsletter:staff_send", args=[issue.pk]),
        reverse("newsletter:staff_price", args=["block"]),
        reverse("events:edit", args=[event.pk]),
        reverse("events:cancel_event", args=[event.pk]),
        event.get_absolute_url(),
    ]
    problems = overflowing(page, staff_pages)
    violations = []
    for path in staff_pages[:3]:
        page.goto(path)
        violations += [f"{path}: {found}" for found in serious_violations(page)]
    page.context.clear_cookies()
    partner = verified(MemberFactory())
    OrganisationFactory().members.add(partner)
    log_in(page, partner.email)
    problems += overflowing(page, [reverse("newsletter:promotion_new")])
    violations += serious_violations(page)
    assert not problems, "\n".join(problems)
    assert not violations, "\n".join(violations)

"""The trust pages in Chromium: no serious axe issue and no horizontal overflow on a phone, the
sign-up box for the terms, and a member accepting changed terms with the keyboard only."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory

from staffroom.accounts.models import TermsConsent, TermsVersion
from staffroom.accounts.terms import terms_consent_record, terms_model_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def publish(label: str, days_ago: float, **fields) -> TermsVersion:
    return TermsVersion.objects.create(
        label=label,
        effective_from=timezone.now() - timedelta(days=days_ago),
        text_nl=terms_model_text("nl"),
        text_en=terms_model_text("en"),
        **fields,
    )


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("path", ["/privacy/", "/accessibility/", "/terms/", "/contact/"])
def test_the_trust_pages_on_a_phone(page, path):
    publish("2026-1", days_ago=3)
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(path)
    assert overflow(page) <= 0
    assert serious_violations(page) == []
    footer = page.get_by_role("navigation", name="Footer")
    for name in ("Privacy", "Accessibility", "Terms of use", "Contact"):
        assert footer.get_by_role("link", name=name).is_visible()


def test_the_contact_form_keeps_the_text_after_an_error_and_thanks_after_sending(page):
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto("/contact/")
    page.get_by_label("Your name").fill("Ruth Peeters")
    page.get_by_label("Your email address").fill("geen adres")
    page.get_by_label("Your message").fill("Waar vind ik de webinars?")
    # The browser's own check would stop a wrong address before the server sees it.
    page.evaluate("document.querySelector('form.stacked').noValidate = true")
    page.get_by_role("button", name="Send").click()
    page.locator(".error-summary").wait_for()
    assert page.get_by_label("Your message").input_value() == "Waar vind ik de webinars?"
    assert serious_violations(page) == []
    page.get_by_label("Your email address").fill("ruth@school.be")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Thank you, your message was sent.").wait_for()


def test_signing_up_shows_the_terms_box_with_its_version(page):
    publish("2026-1", days_ago=3)
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto("/accounts/signup/")
    box = page.get_by_role("checkbox", name=re.compile(r"terms of use \(version 2026-1\)"))
    assert box.is_visible() and not box.is_checked()
    link = page.get_by_role("link", name="terms of use", exact=True)
    assert link.get_attribute("href") == "/terms/2026-1/"
    assert link.get_attribute("target") == "_blank"
    assert serious_violations(page) == []


def test_a_member_accepts_changed_terms_with_the_keyboard(page):
    member = verified(MemberFactory(email="an.peeters@example.org", language="en"))
    terms_consent_record(member=member, version=publish("2025-1", days_ago=300))
    publish("2026-1", days_ago=1, changes_en="A new section on **webinars**.")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In|Aanmelden", re.I)).click()
    page.wait_for_url(re.compile(r"/terms/accept/"))
    assert page.get_by_role("heading", name="What changed").is_visible()
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert overflow(page) <= 0
    accept = page.get_by_role("button", name="I accept the terms of use")
    for _ in range(60):
        page.keyboard.press("Tab")
        if accept.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("the accept button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    assert TermsConsent.objects.filter(member=member, version__label="2026-1").exists()

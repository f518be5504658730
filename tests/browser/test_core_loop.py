"""The core loop in a real browser: sign up, confirm, upload, moderate, find, download."""

import re

import pytest
from django.core import mail
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, ModeratorFactory, ResourceFactory, pdf_bytes

from staffroom.curriculum.models import Level
from staffroom.resources.models import Resource, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In|Aanmelden", re.I)).click()


def log_out(page) -> None:
    page.get_by_role("button", name=re.compile("Log out|Afmelden")).click()


def test_teacher_shares_moderator_publishes_dutch_teacher_downloads(page, tmp_path, settings):
    moderator = verified(
        ModeratorFactory(
            email="moderator@example.org",
            name="Mo Derator",
            language="en",
            levels=[Level.objects.get(code="fl-lo")],
        )
    )
    dutch = verified(
        MemberFactory(email="sanne@example.org", name="Sanne de Vries", region="nl", language="en")
    )

    # A Flemish teacher signs up and confirms her address.
    page.goto("/accounts/signup/")
    page.get_by_label("Your name").fill("An Peeters")
    page.get_by_label("Email").fill("an@example.org")
    page.get_by_label("Where do you teach?").select_option("fl")
    page.get_by_label("Interface language").select_option("en")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign Up", re.I)).click()
    page.wait_for_url(re.compile("confirm-email"))
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["an@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(link.replace("http://testserver", page.url.split("/accounts")[0]))
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_url(re.compile(r"/$|/profile/"))

    # She uploads a pdf with the required metadata, title with a typo.
    page.goto("/resources/contribute/")
    assert serious_violations(page) == []
    pdf = tmp_path / "breuken.pdf"
    pdf.write_bytes(pdf_bytes("Breuken vergelijken. Kleur de grootste breuk in elk paar."))
    page.get_by_label("Title").fill("Breuken vergelijkne met pizza")
    page.get_by_label("Description").fill(
        "Een werkblad waarin leerlingen breuken vergelijken met pizzapunten en tekeningen."
    )
    page.get_by_label("Files").set_input_files(str(pdf))
    page.get_by_label(re.compile(r"^\s*Primary year 3$")).check()
    page.get_by_label(re.compile(r"^\s*Mathematics$")).first.check()
    page.get_by_label("Type").select_option(label="Worksheet")
    page.get_by_label("CC BY 4.0", exact=True).check()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(re.compile("/resources/mine/"))
    assert "Waiting for review" in page.content()
    resource = Resource.objects.get(title="Breuken vergelijkne met pizza")
    assert resource.status == Status.PENDING
    log_out(page)

    # The matching moderator sees it first, with its pre-checks, fixes the typo and publishes.
    log_in(page, moderator.email)
    page.goto("/moderation/")
    assert serious_violations(page) == []
    mine = page.locator("section", has=page.get_by_role("heading", name=re.compile("your levels")))
    mine.get_by_role("link", name="Breuken vergelijkne met pizza").click()
    checks = page.locator(".checks")
    assert "vergelijkne" in checks.inner_text()
    page.get_by_label("Title").fill("Breuken vergelijken met pizza")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile("/moderation/$"))
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    assert resource.title == "Breuken vergelijken met pizza"
    log_out(page)

    # A Dutch teacher finds it under the Dutch level term and downloads it.
    log_in(page, dutch.email)
    page.goto("/resources/")
    level_filter = page.get_by_label("Education level")
    assert "Group 5" in level_filter.locator("option[value=nl-po-5]").inner_text()
    level_filter.select_option("nl-po-5")
    page.get_by_role("button", name="Show results").click()
    page.get_by_role("link", name="Breuken vergelijken met pizza").click()
    assert "Group 5" in page.locator(".facts").inner_text()
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download")).first.click()
    assert download.value.suggested_filename == "breuken.pdf"
    resource.refresh_from_db()
    assert resource.download_count == 1

    # The contributor received the confirmation, the receipt and the publication mail.
    to_her = [message.subject for message in mail.outbox if message.to == ["an@example.org"]]
    assert len(to_her) == 3, to_her
    assert "published" in to_her[-1]


@pytest.mark.parametrize(
    "path", ["/", "/resources/", "/search/?q=breuken", "/accounts/login/", "/accounts/signup/"]
)
def test_public_pages_have_no_serious_accessibility_violations(page, path):
    page.goto(path)
    assert serious_violations(page) == []


def test_visitor_switches_to_dutch_and_pages_stay_accessible(page):
    owner = MemberFactory()
    resource = ResourceFactory(contributor=owner)
    page.goto(resource.get_absolute_url())
    page.get_by_label("Language", exact=True).select_option("nl")
    with page.expect_navigation():
        # Choosing applies only with the form's button (WCAG 3.2.2: no change of context on
        # a change of setting).
        page.locator("form:has(#pref-language) button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "nl-BE"
    assert serious_violations(page) == []
    page.goto(owner.get_absolute_url())
    assert serious_violations(page) == []


def test_the_contribute_form_shows_the_field_for_the_chosen_kind(page):
    teacher = verified(MemberFactory(email="kind@example.org", language="en"))
    log_in(page, teacher.email)
    page.goto("/profile/")
    assert serious_violations(page) == []
    page.goto("/resources/contribute/")
    assert page.locator("#id_files").is_visible()
    assert not page.locator("#id_url").is_visible()
    page.get_by_label("Web link").check()
    assert page.locator("#id_url").is_visible()
    assert not page.locator("#id_files").is_visible()

"""A teacher from the Netherlands, on a phone, in Dutch: signs up where the site says
"Inloggen" (to her "Aanmelden" would mean signing up), shares a Word document, sees where it
stands in the queue, and reads the publication notice that names what the moderator corrected.
"""

import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from docx import Document
from tests.browser.conftest import serious_violations, verified
from tests.factories import ModeratorFactory

from staffroom.accounts.models import Member, TermsVersion
from staffroom.curriculum.models import Level
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import moderation_item_publish
from staffroom.resources.models import Resource, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_heading("Breuken op de getallenlijn", level=1)
    document.add_paragraph(text)
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def phone_in_dutch(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        locale="nl-NL",
        extra_http_headers={"Accept-Language": "nl-NL,nl;q=0.9"},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_dutch_teacher_signs_up_shares_a_docx_on_a_phone_and_reads_the_corrections(
    phone_in_dutch, tmp_path
):
    page = phone_in_dutch
    TermsVersion.objects.create(
        label="2027-1",
        effective_from=timezone.now() - timedelta(days=1),
        text_nl="## Gebruiksvoorwaarden\n\nWees vriendelijk voor collega's.",
        text_en="## Terms of use\n\nBe kind to colleagues.",
    )
    moderator = verified(
        ModeratorFactory(language="nl", levels=[Level.objects.get(code="nl-po")], region="nl")
    )

    # The site speaks the Netherlands' Dutch: "Inloggen" and "Registreren", never "Aanmelden".
    page.goto("/accounts/signup/")
    assert page.locator("html").get_attribute("lang") == "nl-NL"
    # (the header's links sit behind the menu button on a phone: read them from the page)
    assert page.locator("header a", has_text=re.compile(r"^\s*Inloggen\s*$")).count() == 1
    assert "Aanmelden" not in page.content()
    page.locator("#id_name").fill("Sanne de Vries")
    page.locator("#id_email").fill("sanne@example.org")
    page.locator("#id_region").select_option("nl")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    terms = page.get_by_label(re.compile("Ik accepteer de gebruiksvoorwaarden"))
    terms.check()
    assert no_overflow(page)
    page.get_by_role("button", name=re.compile("Registreren", re.I)).click()
    page.wait_for_url(re.compile("confirm-email"))
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", page.url.split("/accounts")[0]))
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()
    page.wait_for_url(re.compile(r"/$|/profile/"))
    sanne = Member.objects.get(email="sanne@example.org")
    assert sanne.region == "nl" and sanne.terms_consents.count() == 1

    # She shares a Word document from her phone, in her own terms ("Groep 5").
    page.goto("/resources/contribute/")
    document = tmp_path / "breuken-getallenlijn.docx"
    document.write_bytes(
        docx_bytes("Zet de breuken een half, een kwart en drie kwart op de getallenlijn.")
    )
    page.locator("#id_title").fill("Breuken op de getalenlijn")
    page.locator("#id_description").fill(
        "Een werkblad waarop leerlingen breuken op de getallenlijn zetten, met oplossingen."
    )
    page.locator("#id_files").set_input_files(str(document))
    page.get_by_label(re.compile(r"^\s*Groep 5\s*$")).check()
    page.get_by_label(re.compile(r"^\s*Wiskunde\s*$")).first.check()
    page.locator("#id_resource_type").select_option(label="Werkblad")
    page.get_by_label("CC BY 4.0", exact=True).check()
    assert no_overflow(page)
    page.get_by_role("button", name="Ter beoordeling indienen").click()
    page.wait_for_url(re.compile("/resources/mine/"))
    resource = Resource.objects.get(title="Breuken op de getalenlijn")
    assert resource.status == Status.PENDING
    assert resource.files.get().original_name == "breuken-getallenlijn.docx"

    # It is first in the queue of the moderators of her level; re-checks are not counted.
    mine = page.locator("main").inner_text()
    assert "Plaats in de wachtrij: 1" in mine
    assert no_overflow(page)
    assert serious_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "journey-dutch-teacher-queue-390.png", full_page=True)

    # The moderator fixes the typo in the title and publishes.
    item = ModerationItem.objects.get(resource=resource)
    moderation_item_publish(
        item=item, moderator=moderator, corrected={"title": "Breuken op de getallenlijn"}
    )

    # Her notifications say it is published and name the corrected field, in her Dutch.
    page.goto("/notifications/")
    notices = page.locator("main").inner_text()
    assert "Je lesmateriaal “Breuken op de getallenlijn” is gepubliceerd" in notices
    assert "met correcties van de moderator: Titel" in notices
    assert no_overflow(page)
    page.screenshot(path=SCREENSHOTS / "journey-dutch-teacher-notice-390.png", full_page=True)
    published = [m.subject for m in mail.outbox if m.to == ["sanne@example.org"]]
    assert any("gepubliceerd" in subject for subject in published), published

"""The contribution form on a phone (390 px): a too large or refused file is refused in the
browser before anything is sent, files can be dropped onto the field, levels and subjects come
prefilled from the profile and are picked in groups with a filter."""

import re
from pathlib import Path

import pytest
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, pdf_bytes

from staffroom.curriculum.models import Level, Subject
from staffroom.resources.models import Resource, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
MB = 1024 * 1024
# Kept by CI with the journeys' screenshots (tests/browser/test_journey_screenshots.py).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

# Drops a file made in the page (its bytes, or a size to fill with zeros) onto the drop zone,
# as a drag from the desktop does.
DROP = """([name, type, content]) => {
  const bytes = typeof content === "number" ? new Uint8Array(content) : new Uint8Array(content);
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  const zone = document.querySelector(".drop-zone");
  for (const kind of ["dragenter", "dragover", "drop"]) {
    const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
    zone.dispatchEvent(new DragEvent(kind, init));
  }
}"""


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


@pytest.fixture
def teacher(settings):
    settings.MAX_UPLOAD_MB = {"document": 1, "image": 1, "audio": 2, "video": 3}
    member = verified(MemberFactory(email="upload@example.org", language="en", region="fl"))
    member.levels.set(Level.objects.filter(code="fl-lo-3"))
    member.subjects.set(Subject.objects.filter(code="fl-wis"))
    return member


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In|Aanmelden", re.I)).click()
    page.wait_for_url(re.compile(r"/$|/profile/"))


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def chosen_names(page) -> list[str]:
    return page.locator("#id_files").evaluate("input => [...input.files].map((f) => f.name)")


def test_a_too_large_or_refused_file_is_refused_before_sending(phone, teacher, tmp_path):
    page = phone
    log_in(page, teacher.email)
    page.goto("/resources/contribute/")
    help_text = page.locator("#id_files_helptext").inner_text()
    assert "documents (PDF, DOC, DOCX, ODT, PPT, PPTX, ODP, XLS, XLSX, ODS) up to 1 MB" in help_text
    page.get_by_label("Title").fill("Breuken vergelijken")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method))

    big = tmp_path / "groot werkblad.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * MB))
    page.get_by_label("Files").set_input_files(str(big))
    problem = page.locator("#id_files_upload_problems")
    assert problem.is_visible()
    assert re.search(
        r"“groot werkblad\.pdf” is 2 MB; files of this kind may be at most 1 MB",
        problem.inner_text(),
    )
    assert chosen_names(page) == []

    program = tmp_path / "spel.exe"
    program.write_bytes(b"MZ" + b"\0" * 100)
    small = tmp_path / "klein.pdf"
    small.write_bytes(pdf_bytes())
    page.get_by_label("Files").set_input_files([str(program), str(small)])
    assert "“spel.exe” is not a type of file we accept" in problem.inner_text()
    # The acceptable file stays chosen; nothing was sent, nothing typed is lost.
    assert chosen_names(page) == ["klein.pdf"]
    assert "klein.pdf" in page.locator(".chosen-files").inner_text()
    assert "POST" not in requests
    assert page.get_by_label("Title").input_value() == "Breuken vergelijken"
    assert page.url.endswith("/resources/contribute/")
    screenshot(page, "contribute-file-refused-phone")


def test_files_dropped_on_the_field_are_added_and_sent(phone, teacher):
    page = phone
    log_in(page, teacher.email)
    page.goto("/resources/contribute/")
    zone = page.locator(".drop-zone")
    assert zone.is_visible()
    # The labelled file input stays inside the zone: click and keyboard still open the chooser.
    assert zone.locator("input[type=file]#id_files").count() == 1
    assert page.get_by_label("Files").evaluate("input => input.type") == "file"

    page.evaluate(DROP, ["breuken.pdf", "application/pdf", list(pdf_bytes())])
    page.evaluate(DROP, ["te groot.mp4", "video/mp4", 4 * MB])
    assert chosen_names(page) == ["breuken.pdf"]
    assert "breuken.pdf" in page.locator(".chosen-files").inner_text()
    assert "“te groot.mp4” is 4 MB" in page.locator("#id_files_upload_problems").inner_text()

    screenshot(page, "contribute-file-dropped-phone")
    page.get_by_label("Title").fill("Breuken met pizza")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/edit/draft/"))
    draft = Resource.objects.get(title="Breuken met pizza")
    assert draft.status == Status.DRAFT
    assert [file.original_name for file in draft.files.all()] == ["breuken.pdf"]
    # The profile's level and subject came along.
    assert [level.code for level in draft.levels.all()] == ["fl-lo-3"]
    assert [subject.code for subject in draft.subjects.all()] == ["fl-wis"]


def test_levels_are_prefilled_and_picked_with_a_filter_on_a_phone(phone, teacher):
    page = phone
    log_in(page, teacher.email)
    page.goto("/resources/contribute/")
    levels = page.locator("fieldset", has=page.locator("legend", has_text="Education levels")).first
    year_3 = levels.get_by_label("Primary year 3", exact=True)
    assert year_3.is_checked()
    summary = levels.locator("[data-term-summary]")
    assert summary.inner_text() == "Selected: 1"

    levels.get_by_label("Find a level").fill("year 5")
    year_5 = levels.get_by_label("Primary year 5", exact=True)
    assert year_5.is_visible()
    assert not levels.get_by_label("Primary year 4", exact=True).is_visible()
    assert not levels.get_by_label("Secondary education", exact=True).is_visible()
    assert year_3.is_visible()  # ticked terms stay in view
    year_5.check()
    assert summary.inner_text() == "Selected: 2"
    assert levels.locator("[data-term-chosen]").inner_text() == "Primary year 3, Primary year 5"
    screenshot(page, "contribute-level-filter-phone")
    levels.get_by_label("Find a level").fill("")
    assert levels.get_by_label("Primary year 4", exact=True).is_visible()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    assert serious_violations(page) == []


def test_the_profile_picker_on_a_phone(phone, teacher):
    page = phone
    log_in(page, teacher.email)
    page.goto("/profile/")
    levels = page.locator("fieldset", has=page.locator("legend", has_text="Levels I teach")).first
    assert levels.get_by_label("Primary year 3", exact=True).is_checked()
    levels.get_by_label("Find a level").fill("secondary")
    assert levels.get_by_label("Secondary education", exact=True).is_visible()
    assert not levels.get_by_label("Primary year 4", exact=True).is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    assert serious_violations(page) == []


def test_without_javascript_a_too_large_send_gets_the_413_page_with_a_way_back(
    chromium, live_server, teacher, tmp_path
):
    """No check in the page: the server answers from the Content-Length, and the browser
    shows the page that says so, with a link back to the form."""
    context = chromium.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, teacher.email)
        page.goto("/resources/contribute/")
        page.get_by_label("Title").fill("Te groot")
        # 1 MB for documents and images, 3 MB for video: the form takes 3 + 1 MB at once.
        big = tmp_path / "film.mp4"
        big.write_bytes(b"\0" * (5 * MB))
        page.get_by_label("Files").set_input_files(str(big))
        page.get_by_role("button", name="Save draft").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name="Too large").is_visible()
        assert "this form takes at most 4 MB at once" in page.content()
        assert not Resource.objects.filter(title="Te groot").exists()
        page.get_by_role("link", name="Back to the form").click()
        page.wait_for_url(re.compile("/resources/contribute/"))
        assert page.get_by_label("Title").is_visible()
    finally:
        context.close()

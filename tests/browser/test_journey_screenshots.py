"""The main journeys as a person sees them: every page of the visitor's, teacher's, moderator's,
staff member's and partner's journey, on the demo content, at 1280 px and at 390 px. Each page
is saved as a full-page screenshot under artifacts/screenshots/ at the repository's root (CI keeps
the folder), has no serious or critical axe-core violation at either width, and is no wider than
the phone's screen at 390 px."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from tests.browser.conftest import serious_violations

from staffroom.accounts.models import Member
from staffroom.resources.models import Resource
from staffroom.site.management.commands.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WIDTHS = {"wide": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
DOMAIN = "demo.staffroom.invalid"


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def demo():
    call_command("demo", "--resources", "40", stdout=StringIO())


def log_in(page, local_part: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name=login])")
    form.locator("input[name=login]").fill(f"{local_part}@{DOMAIN}")
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{local_part} could not log in"


def too_wide(page) -> str:
    """Why the page is wider than its viewport ("" when it is not): the widest element."""
    size = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          let widest = "", right = 0;
          for (const el of document.querySelectorAll("body *")) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > right) {
              right = box.right;
              const classes = String(el.className).trim().replace(/ +/g, ".");
              widest = el.tagName.toLowerCase() + "." + classes;
            }
          }
          return { scroll: document.documentElement.scrollWidth, width, widest, right };
        }"""
    )
    if size["scroll"] <= size["width"]:
        return ""
    return f"{size['scroll']} px wide in {size['width']} px, widest {size['widest']}"


def visit(page, journey: str, name: str, path: str, problems: list[str]) -> None:
    """Open ``path`` at each width: screenshot, axe, and (on the phone) overflow."""
    for width_name, viewport in WIDTHS.items():
        shot = SCREENSHOTS / f"{journey}-{name}-{viewport['width']}.png"
        shot.unlink(missing_ok=True)
        page.set_viewport_size(viewport)
        response = page.goto(path)
        assert response is not None, path
        assert response.status < 400, f"{path}: {response.status}"
        page.wait_for_load_state("load")
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 0
        where = f"{journey} {name} {width_name} ({path})"
        problems += [f"{where}: {violation}" for violation in serious_violations(page)]
        if width_name == "phone" and (why := too_wide(page)):
            problems.append(f"{journey} {name} phone ({path}): {why}")


def test_main_journeys_look_designed_at_both_widths(page, demo, screenshots):
    problems: list[str] = []
    resource = (
        Resource.objects.published().filter(files__preview__gt="").order_by("pk").first()
        or Resource.objects.published().order_by("pk").first()
    )
    assert resource is not None
    word = max(resource.title.split(), key=len)

    # Visitor
    for name, path in [
        ("home", "/"),
        ("search", f"{reverse('search:search')}?q={word}"),
        ("resource", resource.get_absolute_url()),
        ("forum", reverse("forum:recent")),
        ("events", reverse("events:list")),
        ("figures", reverse("insight:stats")),
    ]:
        visit(page, "visitor", name, path, problems)

    # Teacher
    log_in(page, "an.peeters")
    for name, path in [
        ("home", "/"),
        ("contributions", reverse("resources:mine")),
        ("contribute", reverse("resources:contribute")),
        ("notifications", reverse("notifications:inbox")),
        ("settings", reverse("accounts:profile_edit")),
    ]:
        visit(page, "teacher", name, path, problems)

    # Moderator: the queue and the first item in it
    log_in(page, "moderator.lager")
    page.set_viewport_size(WIDTHS["wide"])
    page.goto(reverse("moderation:queue"))
    item_link = page.locator("table.queue a[href*='/moderation/items/']").first
    item_path = item_link.get_attribute("href")
    visit(page, "moderator", "queue", reverse("moderation:queue"), problems)
    visit(page, "moderator", "queue-item", item_path, problems)

    # Staff
    log_in(page, "staff")
    for name, path in [
        ("roles", reverse("accounts:roles")),
        ("newsletter", reverse("newsletter:staff")),
        ("styleguide", reverse("styleguide")),
        ("insight", reverse("insight:dashboard")),
        ("forecasts", reverse("insight:forecasts")),
    ]:
        visit(page, "staff", name, path, problems)

    # Partner: their organisation's page
    log_in(page, "partner")
    organisation = Member.objects.get(email=f"partner@{DOMAIN}").organisations.first()
    visit(page, "partner", "organisation", organisation.get_absolute_url(), problems)
    visit(page, "partner", "insight", reverse("insight:partner_home"), problems)

    assert not problems, "\n".join(problems)

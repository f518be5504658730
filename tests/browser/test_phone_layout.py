"""The site on a phone (390 px): no page is wider than the screen (public pages from the
sitemap, the main pages of a teacher, a moderator and staff), the header's menu button opens and
closes the navigation with the keyboard, and the preference selects never navigate on their own
(WCAG 3.2.2)."""

import re
from urllib.parse import urlparse

import pytest
from tests.browser.conftest import verified
from tests.factories import (
    MemberFactory,
    ModerationItemFactory,
    ModeratorFactory,
    ResourceFactory,
    StaffFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery"
LONG_WORD = "Richtingscoëfficiënt" * 3

# The widest element that is not clipped by a scrolling ancestor: what makes the page too wide.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  let widest = null, right = 0;
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right) { right = box.right; widest = el; }
  }
  const classes = widest ? String(widest.className).trim().replace(/ +/g, ".") : "";
  const name = widest
    ? widest.tagName.toLowerCase() + (widest.id ? "#" + widest.id : "")
      + (classes ? "." + classes : "")
    : "";
  const scrollWidth = document.documentElement.scrollWidth;
  return { scrollWidth, width, widest: name, right: Math.round(right) };
}"""


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name=login])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").click()
    page.wait_for_load_state()


def overflowing(page, paths) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, f"{path}: {response.status}"
        size = page.evaluate(WIDEST)
        if size["scrollWidth"] > PHONE["width"]:
            found.append(
                f"{path}: {size['scrollWidth']} px wide, "
                f"widest {size['widest']} (to {size['right']} px)"
            )
    return found


def sitemap_sample(page, limit: int = 25) -> list[str]:
    """Paths from the sitemap (and its sub-sitemaps), one or two of each page type."""
    seen, paths, todo = {}, [], ["/sitemap.xml"]
    while todo:
        xml = page.request.get(todo.pop(0)).text()
        for location in re.findall(r"<loc>\s*(.*?)\s*</loc>", xml):
            path = urlparse(location).path
            if path.endswith(".xml"):
                todo.append(path)
                continue
            kind = re.sub(r"/[^/]*\d[^/]*/", "/*/", path)  # slugs and ids make one type
            if seen.get(kind, 0) < 2 and len(paths) < limit:
                seen[kind] = seen.get(kind, 0) + 1
                paths.append(path)
    return paths


@pytest.fixture
def content():
    teacher = verified(MemberFactory(name="An Peeters"))
    for number in range(3):
        ResourceFactory(
            contributor=teacher,
            title=f"{LONG_WORD} en Naam: ________________________ Klas: ________ {number}",
            description="Naam: " + "_" * 80,
        )
    ModerationItemFactory()
    return teacher


def test_no_page_is_wider_than_a_phone(page, content):
    page.set_viewport_size(PHONE)
    public = sitemap_sample(page)
    assert len(public) >= 3, public
    problems = overflowing(page, ["/", "/search/?q=breuken", *public])

    log_in(page, content.email)
    problems += overflowing(
        page,
        [
            "/feed/",
            "/resources/mine/",
            "/resources/folders/",
            "/profile/",
            "/settings/data/",
            "/notifications/",
            "/search/?q=" + LONG_WORD[:20],
        ],
    )
    page.context.clear_cookies()
    moderator = verified(ModeratorFactory())
    log_in(page, moderator.email)
    problems += overflowing(page, ["/moderation/"])
    page.context.clear_cookies()
    staff = verified(StaffFactory())
    log_in(page, staff.email)
    problems += overflowing(
        page,
        ["/moderation/", "/staff/roles/", "/newsletter/staff/", "/newsletter/staff/orders/"],
    )
    assert not problems, "\n".join(problems)


def test_the_menu_button_opens_and_closes_the_navigation_with_the_keyboard(page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 130
    button = page.locator("button.menu-toggle")
    nav_link = page.locator("#site-menu nav a").first
    assert page.locator("#site-q").is_visible()  # search stays reachable with the menu closed
    assert not nav_link.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    assert page.locator("#pref-region").is_visible()  # the preferences live in the menu
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#site-menu') !== null")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav_link.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
    page.keyboard.press("Space")
    assert nav_link.is_visible()
    page.keyboard.press("Space")
    assert not nav_link.is_visible()


def test_the_menu_opens_without_javascript(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    page.goto("/")
    nav_link = page.locator("#site-menu nav a").first
    assert not nav_link.is_visible()
    page.locator("a.menu-toggle").click()
    assert nav_link.is_visible()
    context.close()


def test_arrow_keys_on_the_region_select_do_not_navigate(page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.locator("button.menu-toggle").click()
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    select = page.locator("#pref-region")
    before = select.input_value()
    select.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)  # a submit would have started by now
    assert navigations == []
    assert select.input_value() != before
    assert page.evaluate("document.activeElement.id") == "pref-region"
    # The explicit button applies it.
    with page.expect_navigation():
        page.locator("#pref-region ~ button[type=submit]").click()
    assert page.locator("#pref-region").input_value() != before


def test_the_search_page_has_a_skip_link_to_the_results(page):
    page.goto("/search/?q=breuken")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#results"

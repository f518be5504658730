"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against the live
test server. Playwright's own browser download does not work here, so the executable is set."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (fixtures, assertions) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("STAFFROOM_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (apt-get install chromium)")
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    """axe-core violations of impact serious or critical on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"[{', '.join(str(node['target']) for node in violation['nodes'][:3])}]"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def verified(member):
    """Members made by factories have no allauth address record; log-in needs a verified one."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    return member


@pytest.fixture(autouse=True)
def vocabularies(transactional_db):
    """Transactional tests flush the database afterwards, migration-loaded data included.
    Loaded again, the terms have new ids: what the process keeps of the old ones (the
    vocabularies, the search documents' filter codes) is forgotten."""
    from staffroom.curriculum.models import Level, ResourceType, Subject
    from staffroom.curriculum.queries import forget_vocabularies
    from staffroom.curriculum.vocabularies import load_vocabularies
    from staffroom.search import documents

    if not ResourceType.objects.exists():
        load_vocabularies(Level, Subject, ResourceType)
        forget_vocabularies()
        documents.clear_caches()

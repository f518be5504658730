import pytest
from django.core.cache import cache

from staffroom.curriculum.queries import forget_vocabularies
from tests.link_server import link_web


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Vocabulary lookups are kept in the process; each test starts from the database."""
    cache.clear()
    forget_vocabularies()
    yield
    cache.clear()
    forget_vocabularies()


@pytest.fixture
def bbb_server(settings):
    """A local fake BigBlueButton server (tests/events/test_bbb.py), configured as the site's."""
    import threading

    from tests.events.test_bbb import SECRET, FakeBigBlueButton

    fake = FakeBigBlueButton()
    thread = threading.Thread(target=fake.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.BBB_URL = fake.api_url
    settings.BBB_SECRET = SECRET
    settings.BBB_CHECKSUM_ALGORITHM = "sha1"
    settings.BBB_TIMEOUT = 2
    yield fake
    fake.release.set()
    fake.shutdown()
    fake.server_close()
    thread.join(5)


@pytest.fixture
def web(settings):
    """A local web server whose pages answer as links on the web do (tests/link_server.py),
    with the link checker allowed to reach it and not made to wait between requests."""
    settings.FETCH_ALLOW_LOOPBACK = True
    settings.LINKCHECK_HOST_INTERVAL = 0
    settings.LINKCHECK_TIMEOUT = 2
    with link_web() as server:
        yield server

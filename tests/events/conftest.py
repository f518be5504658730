import threading

import pytest

from tests.events.test_bbb import SECRET, FakeBigBlueButton


@pytest.fixture
def bbb_server(settings):
    """The fake BigBlueButton server of test_bbb, configured as the site's server."""
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

"""The cache on Redis (REDIS_URL), as several web processes share it.

Runs against the Redis at REDIS_URL, or redis://127.0.0.1:6379/15, under a key prefix of its
own that it removes afterwards. Without a reachable Redis it skips, except in CI (CI set),
where it fails.
"""

import os
import subprocess
import sys
import threading
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory

from staffroom.api.security import TokenWriteThrottle

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _shown(url: str) -> str:
    """The address without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _reachable(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis, under a prefix of this test's own; its keys go afterwards."""
    if not _reachable(REDIS_URL):
        reason = f"needs Redis at {_shown(REDIS_URL)}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    prefix = f"staffroom-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    raw = redis.Redis.from_url(REDIS_URL)
    try:
        yield caches["default"], raw, prefix
    finally:
        keys = list(raw.scan_iter(match=f"{prefix}:*"))
        if keys:
            raw.delete(*keys)
        raw.close()


def test_set_get_incr_and_expiry_go_through_redis(redis_cache):
    cache, raw, prefix = redis_cache
    assert cache.__class__.__name__ == "RedisCache"
    cache.set("page", {"body": "<p>breuken</p>", "total": 3}, 60)
    assert cache.get("page") == {"body": "<p>breuken</p>", "total": 3}
    # Stored in Redis itself (under the prefix and version), not in this process.
    assert raw.exists(f"{prefix}:1:page")
    assert 0 < raw.ttl(f"{prefix}:1:page") <= 60

    cache.set("count", 1)
    assert cache.incr("count") == 2
    assert cache.incr("count", 5) == 7
    assert cache.decr("count") == 6
    assert cache.get("count") == 6
    with pytest.raises(ValueError):
        cache.incr("never-set")

    assert cache.add("lock", "first", 30) is True
    assert cache.add("lock", "second", 30) is False
    assert cache.get("lock") == "first"
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    cache.delete("page")
    assert cache.get("page", "gone") == "gone"


def test_another_process_sees_the_same_values(redis_cache):
    """Each thread has its own connection, as each web process would."""
    cache, _raw, _prefix = redis_cache
    cache.set("shared", "from the first process")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(caches["default"].get("shared")))
    thread.start()
    thread.join(10)
    assert seen == ["from the first process"]


def test_api_write_limit_is_counted_in_redis_for_all_processes(redis_cache, settings):
    """The API's write limit per token (API_WRITE_RATE) is the limit counted in the cache:
    with Redis, writes through any process count against the same budget."""
    _cache, raw, prefix = redis_cache
    settings.API_WRITE_RATE = "2/m"
    request = RequestFactory().post("/api/v1/resources/")
    request.auth = "partner token 1"
    other_token = RequestFactory().post("/api/v1/resources/")
    other_token.auth = "partner token 2"

    assert TokenWriteThrottle().allow_request(request)
    assert TokenWriteThrottle().allow_request(request)
    # django-ratelimit's counters (core/ratelimit.py), under its "rl:" prefix.
    assert raw.keys(f"{prefix}:1:rl:*")

    # The third write arrives at another process (its own connection): refused all the same.
    answers = []
    thread = threading.Thread(
        target=lambda: answers.append(
            (
                TokenWriteThrottle().allow_request(request),
                TokenWriteThrottle().allow_request(other_token),
            )
        )
    )
    thread.start()
    thread.join(10)
    assert answers == [(False, True)]


def _settings_in_a_new_process(environment: dict, code: str) -> subprocess.CompletedProcess:
    keep = ("PATH", "HOME", "PYTHONPATH", "LANG", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_redis_url_makes_redis_the_cache(tmp_path):
    result = _settings_in_a_new_process(
        {"SECRET_KEY": "x" * 50, "STAFFROOM_VAR": str(tmp_path), "REDIS_URL": REDIS_URL},
        "from staffroom import settings; print(settings.CACHES['default']['BACKEND'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_redis_url_without_the_redis_package_stops_at_start_up_saying_which_extra(tmp_path):
    result = _settings_in_a_new_process(
        {"SECRET_KEY": "x" * 50, "STAFFROOM_VAR": str(tmp_path), "REDIS_URL": REDIS_URL},
        # As if the package were not installed: importing it fails.
        "import sys; sys.modules['redis'] = None; import staffroom.settings",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL is set but the redis package is not installed" in result.stderr
    assert "staffroom[redis]" in result.stderr

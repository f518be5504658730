"""Settings for the test suite: the project's settings with fast, isolated, offline choices."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("STAFFROOM_HTTPS", "0")
os.environ.setdefault("STAFFROOM_VAR", tempfile.mkdtemp(prefix="staffroom-test-var-"))
# Tasks run in-process when their transaction commits, so tests see their effects.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from staffroom.settings import *  # noqa: F403
from staffroom.settings import VAR_DIR

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Argon2 is what production uses (settings.PASSWORD_HASHERS); MD5 only keeps tests fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test clears the cache: never a shared Redis named by REDIS_URL in the shell (the Redis
# cache has its own test, tests/core/test_redis_cache.py, on a database of its own).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Tests inspect each response's context; the search result cache has its own tests.
SEARCH_CACHE_SECONDS = 0
# Usage events are written at once, so a test reads them right after the request.
INSIGHT_FLUSH_SECONDS = 0
# Staff and moderators must have a second factor before any page (staffroom.security); the
# suite's many staff pages are tested without one, and tests/security/test_authentication.py
# turns the rule on as in production.
SECURITY_MFA_REQUIRED_ROLES = False
# Previews' slow or outward background work stays out of other tests: LibreOffice (seconds a
# file) and pictures of links (the network). tests/resources/test_previews*.py turn them on.
OFFICE_CONVERTER = ""
LINK_PICTURES = False

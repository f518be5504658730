"""Staffroom settings: one module, every deployment choice overridable by environment variables.

Defaults are safe for production (DEBUG off, secure cookies when HTTPS is declared); `make run`
sets STAFFROOM_DEBUG=1 and a throw-away secret for the local demo.
"""

import os
import shutil
from datetime import date
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from staffroom.core.site_address import local_site_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("STAFFROOM_VAR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def smtp_settings(url: str) -> dict:
    """Django's SMTP settings from an EMAIL_URL.

    ``smtp://user:password@host:587`` speaks STARTTLS (port 587 unless given; ``?tls=0`` for a
    relay without TLS, such as one on the same machine); ``smtps://...`` speaks TLS from the
    first byte (port 465 unless given). User and password are percent-decoded.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL must look like smtp://user:password@host:587 or "
            "smtps://user:password@host:465."
        )
    ssl = parts.scheme == "smtps"
    tls = parse_qs(parts.query).get("tls", ["1"])[-1].strip().lower() in {"1", "true", "yes", "on"}
    return {
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if ssl else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls and not ssl,
        "EMAIL_USE_SSL": ssl,
    }


DEBUG = env_bool("STAFFROOM_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY (or STAFFROOM_DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Unset (development), the address the web server listens on: `PORT=8080 make run` writes links
# to port 8080 (`staffroom serve --port` sets it for all its processes).
SITE_URL = (
    os.environ.get("SITE_URL")
    or local_site_url(os.environ.get("PORT") or 8000, os.environ.get("HOST", ""))
).rstrip("/")
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    # Second factors (TOTP, WebAuthn, recovery codes) and the member's list of sessions.
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    # django-ninja as an app: /api/v1/docs takes Swagger UI from its static files, not a CDN.
    "ninja",
    "staffroom.core",
    "staffroom.security",
    "staffroom.curriculum",
    "staffroom.accounts",
    "staffroom.resources",
    "staffroom.moderation",
    "staffroom.search",
    "staffroom.notifications",
    "staffroom.recognition",
    "staffroom.forum",
    "staffroom.events",
    "staffroom.newsletter",
    "staffroom.themes",
    "staffroom.insight",
    "staffroom.interop",
    "staffroom.api",
    "staffroom.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The reader's region, language and the region's wording ("inloggen" in the Netherlands,
    # "aanmelden" in Flanders) are settled before anything words a message.
    "staffroom.curriculum.middleware.RegionMiddleware",
    "staffroom.core.middleware.MemberLanguageMiddleware",
    "staffroom.curriculum.middleware.RegionalWordingMiddleware",
    "staffroom.core.middleware.PrivatePagesNotStoredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Signs out a session unused for SESSION_IDLE_TIMEOUT; staff and moderators without a
    # second factor are sent to set one up; admin access is logged (staffroom.security).
    "staffroom.security.middleware.SessionIdleTimeoutMiddleware",
    "staffroom.security.middleware.StaffSecurityMiddleware",
    # When a signed-in member last used the site (once a day), for the inactivity rule.
    "staffroom.accounts.middleware.MemberActivityMiddleware",
    # A member who has not accepted the terms of use in effect is asked before other pages.
    "staffroom.accounts.middleware.TermsConsentMiddleware",
    # Before anything reads the body (the CSRF check reads the form in process_view, after
    # every middleware's request phase): an oversized upload is refused by its Content-Length,
    # at the limit its form states, else at the site-wide one (core.upload_limits).
    "staffroom.core.upload_limits.UploadLimitMiddleware",
]

ROOT_URLCONF = "staffroom.urls"
WSGI_APPLICATION = "staffroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "staffroom.core.context_processors.site",
                "staffroom.curriculum.context_processors.region",
                "staffroom.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Database: SQLite in WAL mode under var/ by default, PostgreSQL through DATABASE_URL. ---
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'staffroom.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the web server read while the worker writes; IMMEDIATE avoids
            # "database is locked" upgrades from read to write inside a transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis (REDIS_URL), required once several processes serve (`check --deploy`,
# staffroom.E020); otherwise a table in the database (made by `staffroom migrate`). Never
# local memory: rate limits (core/ratelimit.py) count in this cache and must be shared. ---
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    try:
        import redis  # noqa: F401  (Django's RedisCache needs it; say so now, not on first use)
    except ImportError as missing:
        raise ImproperlyConfigured(
            "REDIS_URL is set but the redis package is not installed: install Staffroom with "
            "its redis extra (pip install 'staffroom[redis]'), or unset REDIS_URL."
        ) from missing
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "staffroom_cache",
        }
    }

# --- Search: a Tantivy index under var/ by default (written only by the task worker). ---
SEARCH_BACKEND = os.environ.get(
    "SEARCH_BACKEND", "staffroom.search.backends.tantivy_backend.TantivyBackend"
)
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search"))
# How long a rendered search result page is reused for the same search (0: never).
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "120"))
# How many days a recorded search (search.models.SearchLog, no identity) is kept.
SEARCH_LOG_DAYS = int(os.environ.get("SEARCH_LOG_DAYS", "400"))

# --- Usage analytics (docs/analytics.md): first-party events, pseudonymised, rolled up daily. ---
INSIGHT_RECORD = os.environ.get("INSIGHT_RECORD", "1") == "1"
# Raw events are deleted after this many days (13 months); the daily rollups stay.
INSIGHT_RAW_EVENT_DAYS = int(os.environ.get("INSIGHT_RAW_EVENT_DAYS", "396"))
# The key of the members' pseudonyms in usage data; derived from SECRET_KEY when unset.
INSIGHT_KEY = os.environ.get("INSIGHT_KEY", "")
# Events are written in batches from a buffer: every so many seconds or events (0: at once).
INSIGHT_FLUSH_SECONDS = float(os.environ.get("INSIGHT_FLUSH_SECONDS", "2"))
INSIGHT_FLUSH_EVENTS = int(os.environ.get("INSIGHT_FLUSH_EVENTS", "200"))

# --- Background work: django-tasks with the database backend; a worker runs them. ---
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}
# A worker (`staffroom worker`) records a heartbeat; a running task whose worker has not beaten
# for TASKS_LOST_AFTER_SECONDS is taken back and run again, at most TASKS_MAX_ATTEMPTS times in
# all, then marked failed (staffroom.core.tasks_recovery). On SIGTERM a running task gets
# TASKS_STOP_GRACE_SECONDS to finish, then it is interrupted and handed back to the queue.
TASKS_HEARTBEAT_SECONDS = float(os.environ.get("TASKS_HEARTBEAT_SECONDS", "10"))
TASKS_LOST_AFTER_SECONDS = float(os.environ.get("TASKS_LOST_AFTER_SECONDS", "60"))
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "3"))
TASKS_STOP_GRACE_SECONDS = float(os.environ.get("TASKS_STOP_GRACE_SECONDS", "5"))
# Finished task rows (ids and outcomes) are deleted by the clock after these many days.
TASKS_KEEP_DAYS = int(os.environ.get("TASKS_KEEP_DAYS", "14"))
TASKS_KEEP_FAILED_DAYS = int(os.environ.get("TASKS_KEEP_FAILED_DAYS", "90"))

# --- Authentication ---
AUTH_USER_MODEL = "accounts.Member"
# One backend: allauth's (a ModelBackend itself, so permissions work as usual). With Django's
# ModelBackend too, a failed sign-in ran two Argon2 hashes, one per backend.
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))},
    },
    # The 20,000 most common passwords of published breaches (a list that ships with Django).
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # A common word or one of the site's own (staffroom, klascement, leerkracht, zomer) with
    # capitals, digits and signs added (staffroom.security.passwords).
    {"NAME": "staffroom.security.passwords.SiteWordsPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "staffroom.accounts.forms.SignupProfileForm"
# accounts' MemberAccountAdapter with failed sign-ins counted per account and client address
# (staffroom.security.throttling), put together at the top layer (staffroom.site).
ACCOUNT_ADAPTER = "staffroom.site.account_adapter.SiteAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Staffroom] "
# No "unknown account" mail: a password reset for an address without an account sends nothing,
# so the site cannot be made to mail anyone.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# --- Authentication hardening (staffroom.security; docs/security.md V2, V3, V7) ---
# The client address behind the reverse proxy: with STAFFROOM_BEHIND_PROXY, allauth (its rate
# limits) and the security log take the address the proxy appended to X-Forwarded-For, not
# the proxy's own. One proxy by default; a CDN in front of it makes two.
ALLAUTH_TRUSTED_PROXY_COUNT = int(
    os.environ.get(
        "STAFFROOM_TRUSTED_PROXY_COUNT", "1" if env_bool("STAFFROOM_BEHIND_PROXY") else "0"
    )
)
# allauth counts these in the cache (shared, see CACHES). Sign-ups per client address; password
# resets per address and per recipient (key: the address typed); other actions keep allauth's
# defaults.
ACCOUNT_RATE_LIMITS = {
    "signup": "20/m/ip,60/h/ip",
    "reset_password": "20/m/ip,3/15m/key",
    # Sign-in attempts per client address: a school's teachers share one address, so it is
    # generous; the failures below are what stop guessing.
    "login": os.environ.get("STAFFROOM_RATE_LOGIN", "100/m/ip"),
    # Failed sign-ins: per client address, and per account *and* address (the key, see
    # staffroom.security.throttling), so nobody can lock a colleague out from elsewhere.
    "login_failed": os.environ.get("STAFFROOM_RATE_LOGIN_FAILED", "30/m/ip,5/5m/key"),
}
# The password again (or a second factor) before changing the email address, the password or
# a second factor, unless the member confirmed it in the last ACCOUNT_REAUTHENTICATION_TIMEOUT
# seconds.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# The password or a second factor; not a code by mail (whoever holds the session may hold the
# mailbox too, and the point is to ask for what a thief of the session does not have).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_REAUTHENTICATION_TIMEOUT = int(os.environ.get("ACCOUNT_REAUTHENTICATION_TIMEOUT", "300"))
# Mail after a password change, set or reset, to the old address when the primary address
# changes, and when a second factor is added or removed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# Second-factor secrets encrypted in the database (staffroom.security.mfa).
MFA_ADAPTER = "staffroom.security.mfa.MFAAdapter"
MFA_TOTP_ISSUER = "Staffroom"
# Security keys need HTTPS, except on the development server.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Staff and moderators must set up a second factor before any other page. Required whenever
# DEBUG is off; the development demo (make run) lets its moderator and staff accounts in with
# the shared demo password unless STAFFROOM_MFA_REQUIRED_FOR_STAFF=1.
SECURITY_MFA_REQUIRED_ROLES = env_bool("STAFFROOM_MFA_REQUIRED_FOR_STAFF", not DEBUG)
USERSESSIONS_ADAPTER = "staffroom.security.sessions.UserSessionsAdapter"
# A session unused this long (seconds) is signed out; SESSION_COOKIE_AGE is the absolute
# lifetime of any session (14 days).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(2 * 3600)))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
# Security events (staffroom.security) are deleted by the clock after this many days.
SECURITY_EVENT_DAYS = int(os.environ.get("SECURITY_EVENT_DAYS", "180"))

# --- Mail: SMTP when EMAIL_URL or EMAIL_HOST is set; otherwise files under var/mail in
# development (or wherever EMAIL_FILE_PATH says), else the console. With DEBUG off and no SMTP,
# `check --deploy` fails (staffroom.E001, core/checks.py): no member would get any mail. ---
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Staffroom <noreply@staffroom.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds before an SMTP connection or command gives up (Django's default waits for ever).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
if os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _smtp = smtp_settings(os.environ["EMAIL_URL"])
    EMAIL_HOST = _smtp["EMAIL_HOST"]
    EMAIL_PORT = _smtp["EMAIL_PORT"]
    EMAIL_HOST_USER = _smtp["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _smtp["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _smtp["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _smtp["EMAIL_USE_SSL"]
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif os.environ.get("EMAIL_FILE_PATH") or DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Mail files are deleted by the clock after this many days (they hold addresses and messages).
MAIL_FILE_DAYS = int(os.environ.get("MAIL_FILE_DAYS", "30"))

# --- Newsletter (staffroom.newsletter) ---
NEWSLETTER_FROM = os.environ.get("NEWSLETTER_FROM", DEFAULT_FROM_EMAIL)
NEWSLETTER_REPLY_TO = os.environ.get("NEWSLETTER_REPLY_TO", NEWSLETTER_FROM)
# The envelope sender: where delivery status notifications (bounces) arrive.
NEWSLETTER_RETURN_PATH = os.environ.get(
    "NEWSLETTER_RETURN_PATH", parseaddr(NEWSLETTER_FROM)[1] or "noreply@staffroom.invalid"
)
# Weekly issue: weekday (0 = Monday) and hour, Brussels time.
NEWSLETTER_WEEKDAY = int(os.environ.get("NEWSLETTER_WEEKDAY", "3"))
NEWSLETTER_HOUR = int(os.environ.get("NEWSLETTER_HOUR", "7"))
NEWSLETTER_RATE = float(
    os.environ.get("NEWSLETTER_RATE", "0")
)  # messages/s per sender; 0: no limit
NEWSLETTER_SENDERS = int(os.environ.get("NEWSLETTER_SENDERS", "2"))
NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "300"))
NEWSLETTER_HARD_BOUNCE_LIMIT = int(os.environ.get("NEWSLETTER_HARD_BOUNCE_LIMIT", "3"))
# A secret the bounce webhook must be called with; empty: the webhook is off.
NEWSLETTER_BOUNCE_WEBHOOK_TOKEN = os.environ.get("NEWSLETTER_BOUNCE_WEBHOOK_TOKEN", "")
# Unsubscribe and preference links in mail work this many days (an expired one offers a
# fresh link); generous, as a newsletter may be opened weeks later.
NEWSLETTER_TOKEN_DAYS = int(os.environ.get("NEWSLETTER_TOKEN_DAYS", "90"))

# --- OAI-PMH data provider (staffroom.interop) ---
OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", "Staffroom")
# Identify lists these; at least one address is required by the protocol.
OAI_ADMIN_EMAILS = env_list(
    "OAI_ADMIN_EMAILS", parseaddr(DEFAULT_FROM_EMAIL)[1] or "noreply@staffroom.invalid"
)
# Records per page of ListRecords, headers per page of ListIdentifiers.
OAI_PAGE_SIZE_RECORDS = int(os.environ.get("OAI_PAGE_SIZE_RECORDS", "100"))
OAI_PAGE_SIZE_IDENTIFIERS = int(os.environ.get("OAI_PAGE_SIZE_IDENTIFIERS", "500"))
# How long a resumption token stays valid (seconds).
OAI_TOKEN_SECONDS = int(os.environ.get("OAI_TOKEN_SECONDS", "3600"))

# --- Harvesting OAI-PMH sources (staffroom.interop) ---
# Seconds per request; retries (503/429/502/504 and network errors) before a run fails;
# the wait when a 503 names none, and the cap of the exponential backoff; the longest
# Retry-After honoured (a longer one is cut to this).
HARVEST_TIMEOUT = float(os.environ.get("HARVEST_TIMEOUT", "30"))
HARVEST_MAX_RETRIES = int(os.environ.get("HARVEST_MAX_RETRIES", "4"))
HARVEST_RETRY_AFTER = float(os.environ.get("HARVEST_RETRY_AFTER", "30"))
HARVEST_INITIAL_BACKOFF = float(os.environ.get("HARVEST_INITIAL_BACKOFF", "2"))
HARVEST_MAX_RETRY_AFTER = float(os.environ.get("HARVEST_MAX_RETRY_AFTER", "300"))
# Harvests that end (docs/harvesting.md): one run fetches at most HARVEST_MAX_PAGES pages and
# takes at most HARVEST_RUN_TIME_LIMIT seconds (0: no limit); a running run whose heartbeat is
# older than HARVEST_RUN_STALE_AFTER seconds lost its worker and is marked failed by the next.
HARVEST_MAX_PAGES = int(os.environ.get("HARVEST_MAX_PAGES", "20000"))
HARVEST_RUN_TIME_LIMIT = float(os.environ.get("HARVEST_RUN_TIME_LIMIT", str(6 * 3600)))
HARVEST_RUN_STALE_AFTER = float(os.environ.get("HARVEST_RUN_STALE_AFTER", "600"))
HARVEST_USER_AGENT = os.environ.get("HARVEST_USER_AGENT", f"Staffroom-harvester ({SITE_URL})")
# The system member that contributes an organisation's harvested resources ({slug}: the
# organisation's); moderation mails about them go there.
HARVEST_CONTRIBUTOR_EMAIL = os.environ.get(
    "HARVEST_CONTRIBUTOR_EMAIL", "harvest+{slug}@staffroom.invalid"
)

# --- JSON API tokens (staffroom.api) ---
# Writes per partner token ("60/m": 60 a minute), counted in the cache (shared with Redis).
API_WRITE_RATE = os.environ.get("API_WRITE_RATE", "60/m")

# --- Rate limits counted in the cache (staffroom.core.ratelimit): "count/period" with period
# s, m, h or d (optionally a number before it: 10/15m), several separated by commas. Each is
# overridable as STAFFROOM_RATE_<NAME> (e.g. STAFFROOM_RATE_API_READ_TOKEN=1200/m). ---
RATE_LIMITS = {
    # Resources sent to the moderation queue, per member.
    "submission": os.environ.get("STAFFROOM_RATE_SUBMISSION", "10/h,30/d"),
    # Reports of content, per member.
    "report": os.environ.get("STAFFROOM_RATE_REPORT", "10/h,30/d"),
    # Wrong passwords given to delete one's account, per member (a stolen session cannot
    # guess the password there).
    "password-check": os.environ.get("STAFFROOM_RATE_PASSWORD_CHECK", "5/15m,20/d"),
    # Downloads of one's data asked for, per member (each zips all their files).
    "data-export": os.environ.get("STAFFROOM_RATE_DATA_EXPORT", "3/d"),
    # API reads per partner token, and per client address without a token.
    "api-read-token": os.environ.get("STAFFROOM_RATE_API_READ_TOKEN", "600/m"),
    "api-read-address": os.environ.get("STAFFROOM_RATE_API_READ_ADDRESS", "120/m"),
    # Searches and suggestions, per member or (visitors) per client address.
    "search": os.environ.get("STAFFROOM_RATE_SEARCH", "120/m"),
    "suggest": os.environ.get("STAFFROOM_RATE_SUGGEST", "300/m"),
    # Account mails (confirmation, password reset, "you already have an account"), per
    # recipient address and kind of mail: the site cannot be used to flood a mailbox.
    "account-mail": os.environ.get("STAFFROOM_RATE_ACCOUNT_MAIL", "5/h"),
    # Messages sent with the contact form, per member or (visitors) per client address.
    "contact": os.environ.get("STAFFROOM_RATE_CONTACT", "5/h,20/d"),
}

# --- Online events ---
# Registrations of events that ended this many days ago keep attendance only (the others,
# and questions for the presenters, are deleted by the clock: docs/privacy.md).
EVENT_REGISTRATION_DAYS = int(os.environ.get("EVENT_REGISTRATION_DAYS", "365"))
# BigBlueButton API (staffroom.events.bbb); empty means not configured.
BBB_URL = os.environ.get("BBB_URL", "")  # e.g. https://bbb.example.org/bigbluebutton/api/
BBB_SECRET = os.environ.get("BBB_SECRET", "")
BBB_CHECKSUM_ALGORITHM = os.environ.get("BBB_CHECKSUM_ALGORITHM", "sha1")
BBB_TIMEOUT = float(os.environ.get("BBB_TIMEOUT", "5"))
# Certificates of attendance set names in DejaVu Sans from here (any script); without it,
# in a built-in font that knows Western European letters only.
CERTIFICATE_FONT_DIR = os.environ.get("CERTIFICATE_FONT_DIR", "/usr/share/fonts/truetype/dejavu")
# Meeting IDs are this prefix and the event's id, so sites sharing one server never collide.
BBB_MEETING_PREFIX = os.environ.get("BBB_MEETING_PREFIX", "staffroom-event-")

# --- Languages: interface in nl and en; content may be in nl, en, fr, de or another language. ---
# Dutch is activated with its region's wording, "nl-be" or "nl-nl" (curriculum.wording): the
# default is Flemish, as the default region is Flanders. Members and the language menu say "nl".
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "staffroom_language"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Upload limits per kind of file, in bytes; each overridable (e.g. STAFFROOM_MAX_VIDEO_MB=500).
MAX_UPLOAD_MB = {
    "document": int(os.environ.get("STAFFROOM_MAX_DOCUMENT_MB", "50")),
    "image": int(os.environ.get("STAFFROOM_MAX_IMAGE_MB", "20")),
    "audio": int(os.environ.get("STAFFROOM_MAX_AUDIO_MB", "100")),
    "video": int(os.environ.get("STAFFROOM_MAX_VIDEO_MB", "250")),
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads are written here while they arrive (removed at the end of the request; the
# clock removes what a killed process left behind: core.tasks.remove_stale_upload_files).
FILE_UPLOAD_TEMP_DIR = str(Path(os.environ.get("FILE_UPLOAD_TEMP_DIR", VAR_DIR / "upload-tmp")))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
# A request body larger than this is refused by its Content-Length before it is read (413):
# the largest file allowed plus room for the form's other fields. Set the reverse proxy's
# body limit (nginx: client_max_body_size) to the same figure (docs/deploy.md).
MAX_REQUEST_BODY_MB = int(
    os.environ.get("STAFFROOM_MAX_REQUEST_BODY_MB", str(max(MAX_UPLOAD_MB.values()) + 10))
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Text extraction and previews of uploads run in a child process with these limits
# (resources.analysis_sandbox); a file that needs more gets no text or preview and a note.
FILE_ANALYSIS_MEMORY_MB = int(os.environ.get("STAFFROOM_FILE_ANALYSIS_MEMORY_MB", "512"))
FILE_ANALYSIS_CPU_SECONDS = int(os.environ.get("STAFFROOM_FILE_ANALYSIS_CPU_SECONDS", "60"))
# Office files (doc(x), odt, ppt(x), odp, xls(x), ods) get page previews by converting them to
# PDF with LibreOffice headless, in the background, under these limits. Empty (or a path that
# does not exist) switches it off: those files then show the start of their text instead.
OFFICE_CONVERTER = os.environ.get("STAFFROOM_OFFICE_CONVERTER", shutil.which("soffice") or "")
OFFICE_CONVERTER_MEMORY_MB = int(os.environ.get("STAFFROOM_OFFICE_CONVERTER_MEMORY_MB", "1024"))
OFFICE_CONVERTER_SECONDS = int(os.environ.get("STAFFROOM_OFFICE_CONVERTER_SECONDS", "60"))
# Pictures for links and embeds are fetched from the web (core.fetch). Addresses inside private,
# loopback, link-local and reserved networks are always refused; tests that serve pages from a
# local server switch this on for themselves. Never in a deployment.
FETCH_ALLOW_LOOPBACK = False
# Links and embeds get a picture (oEmbed thumbnail or og:image) fetched after publication; off
# for sites that must not contact other sites (or tests, which serve their own pages).
LINK_PICTURES = env_bool("STAFFROOM_LINK_PICTURES", True)
# Published resources return to moderation for a re-check after this many days.
RECHECK_AFTER_DAYS = int(os.environ.get("STAFFROOM_RECHECK_AFTER_DAYS", str(2 * 365)))
# The link check (core.linkcheck, docs/links.md): each link and embed is checked again after
# LINKCHECK_EVERY_DAYS, at most LINKCHECK_PER_RUN links a run, one request per host per
# LINKCHECK_HOST_INTERVAL seconds, each given LINKCHECK_TIMEOUT seconds. A link still dead
# LINKCHECK_GRACE_DAYS after its contributor was told is taken offline.
LINKCHECK_EVERY_DAYS = int(os.environ.get("STAFFROOM_LINKCHECK_EVERY_DAYS", "7"))
LINKCHECK_PER_RUN = int(os.environ.get("STAFFROOM_LINKCHECK_PER_RUN", "500"))
LINKCHECK_HOST_INTERVAL = float(os.environ.get("STAFFROOM_LINKCHECK_HOST_INTERVAL", "2"))
LINKCHECK_TIMEOUT = float(os.environ.get("STAFFROOM_LINKCHECK_TIMEOUT", "10"))
LINKCHECK_GRACE_DAYS = int(os.environ.get("STAFFROOM_LINKCHECK_GRACE_DAYS", "30"))

# --- The member's data lifecycle (staffroom.accounts.deletion, .export; docs/privacy.md):
# retention periods, enforced by the clock's daily "accounts-lifecycle" job. ---
# An account unused this long gets a mail with a "keep my account" link ...
ACCOUNT_INACTIVE_WARN_DAYS = int(os.environ.get("ACCOUNT_INACTIVE_WARN_DAYS", "335"))
# ... and is deleted once unused this long (at least the difference after the warning).
ACCOUNT_INACTIVE_DELETE_DAYS = int(os.environ.get("ACCOUNT_INACTIVE_DELETE_DAYS", "365"))
# A sign-up whose address was never confirmed is deleted after this many days.
UNCONFIRMED_SIGNUP_DAYS = int(os.environ.get("UNCONFIRMED_SIGNUP_DAYS", "14"))
# A member's download of their data is kept (and its link works) this many days.
DATA_EXPORT_DAYS = int(os.environ.get("DATA_EXPORT_DAYS", "7"))
# The privacy statement shown at /privacy/ (Markdown): the project's docs/privacy.md, or the
# operator's own (an install without the source tree must set it).
PRIVACY_STATEMENT_FILE = os.environ.get(
    "PRIVACY_STATEMENT_FILE", str(BASE_DIR.parents[1] / "docs" / "privacy.md")
)
if not 0 < ACCOUNT_INACTIVE_WARN_DAYS < ACCOUNT_INACTIVE_DELETE_DAYS:
    raise ImproperlyConfigured(
        "ACCOUNT_INACTIVE_WARN_DAYS must be above 0 and below ACCOUNT_INACTIVE_DELETE_DAYS."
    )
# Who answers questions and requests about personal data (the data protection officer, or the
# operator's contact for it): named in the privacy statement and on the contact page.
DATA_PROTECTION_CONTACT = os.environ.get("DATA_PROTECTION_CONTACT", "privacy@staffroom.invalid")

# --- Who runs the site, and the trust pages (staffroom.site.trust_views, accounts.terms):
# the contact page, the accessibility statement, the terms of use. ---
# The organisation responsible for the site, and its postal address (one line; may be empty).
SITE_OPERATOR_NAME = os.environ.get("SITE_OPERATOR_NAME", "Staffroom (demo installation)")
SITE_OPERATOR_ADDRESS = os.environ.get("SITE_OPERATOR_ADDRESS", "")
# Where the contact form's messages go: an address staff read.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@staffroom.invalid")


def _statement_date(name: str, default: str) -> date:
    try:
        return date.fromisoformat(os.environ.get(name, default))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date such as 2027-06-30.") from None


# The accessibility statement: when it was prepared and last reviewed (update both after a
# review: docs/operations.md), and on how many pages the review ran axe-core.
ACCESSIBILITY_STATEMENT_PREPARED = _statement_date("ACCESSIBILITY_STATEMENT_PREPARED", "2026-12-07")
ACCESSIBILITY_STATEMENT_REVIEWED = _statement_date("ACCESSIBILITY_STATEMENT_REVIEWED", "2026-12-07")
ACCESSIBILITY_CHECKED_PAGES = int(os.environ.get("ACCESSIBILITY_CHECKED_PAGES", "37"))
# Those the operator left at the demo's values: check --deploy warns (staffroom.accounts.W003).
ACCESSIBILITY_STATEMENT_UNSET = [
    name
    for name, given in (
        ("ACCESSIBILITY_STATEMENT_PREPARED", os.environ.get("ACCESSIBILITY_STATEMENT_PREPARED")),
        ("ACCESSIBILITY_STATEMENT_REVIEWED", os.environ.get("ACCESSIBILITY_STATEMENT_REVIEWED")),
        ("ACCESSIBILITY_CHECKED_PAGES", os.environ.get("ACCESSIBILITY_CHECKED_PAGES")),
    )
    if not given
]

# --- Security: strict by default; HTTPS settings follow SECURE_SSL_REDIRECT. ---
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
_https = env_bool("STAFFROOM_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = _https and env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _https else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
if env_bool("STAFFROOM_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts only from this site's own static files (no
# inline script, no inline event handler). Styles allow inline: the newsletter's web view shows
# the mail's HTML (inline styles, as mail clients need) in a srcdoc frame, which inherits this
# policy. Frames: the embed players that resources.embeds produces.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://learningapps.org",
            "https://h5p.org",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # No form-action: browsers apply it to a form's redirect too, and joining a webinar
        # posts to this site, which redirects to the BigBlueButton server (BBB_URL).
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): no page needs the camera, microphone,
# location, payment or sensors; full screen only for this site and the embed players.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": [
        "self",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://learningapps.org",
        "https://h5p.org",
    ],
}

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when that
# is right. SECURITY_TXT_EXPIRES is a date (2027-06-30); without it, the file expires
# SECURITY_TXT_DAYS after it is fetched.
SECURITY_CONTACT = env_list(
    "SECURITY_CONTACT",
    "mailto:" + (parseaddr(DEFAULT_FROM_EMAIL)[1] or "noreply@staffroom.invalid"),
)
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "")
SECURITY_TXT_DAYS = int(os.environ.get("SECURITY_TXT_DAYS", "180"))
SECURITY_TXT_LANGUAGES = ["nl", "en"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per task state change drowns everything else at INFO.
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
    },
}

"""Production never mails nowhere: ``check --deploy`` fails (staffroom.E001) while mail would
go to the console, a folder or memory with DEBUG off, and passes once an SMTP relay is set."""

import os
import subprocess
import sys

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from staffroom.settings import smtp_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCAL_BACKENDS = [
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
]
# What the settings give with SECRET_KEY, ALLOWED_HOSTS, an https SITE_URL and a relay.
PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "kT9vQ2xLmP4rW8zN1bY6cH3jF7dS0aE5gU2iO9pK4lM8nB3vC6xZ1qW7eR5tY0uI",
    "ALLOWED_HOSTS": ["staffroom.example"],
    "SITE_URL": "https://staffroom.example",
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "EMAIL_BACKEND": SMTP,
    "EMAIL_HOST": "smtp.staffroom.example",
    # Addresses the trust pages give (staffroom.accounts.W001, W002 otherwise).
    "CONTACT_EMAIL": "contact@staffroom.example",
    "DATA_PROTECTION_CONTACT": "privacy@staffroom.example",
    # The accessibility statement dated by the operator (staffroom.accounts.W003 otherwise).
    "ACCESSIBILITY_STATEMENT_UNSET": [],
}


def deploy_check_ids() -> set[str]:
    return {issue.id for issue in checks.run_checks(include_deployment_checks=True)}


@pytest.mark.parametrize("backend", LOCAL_BACKENDS)
def test_mail_that_stays_on_the_machine_is_a_deploy_error(backend):
    with override_settings(**{**PRODUCTION, "EMAIL_BACKEND": backend}):
        assert "staffroom.E001" in deploy_check_ids()
        with pytest.raises(SystemCheckError, match=r"staffroom\.E001"):
            call_command("check", "--deploy")


def test_a_production_configuration_with_an_smtp_relay_passes(monkeypatch):
    # The browser tests allow synchronous ORM calls under their event loop for the whole run;
    # production never does, and check --deploy says so (async.E001).
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    with override_settings(**PRODUCTION):
        assert "staffroom.E001" not in deploy_check_ids()
        # No error, and not even a warning.
        call_command("check", "--deploy", "--fail-level", "WARNING")


def test_development_may_write_mail_to_files():
    with override_settings(**{**PRODUCTION, "DEBUG": True, "EMAIL_BACKEND": LOCAL_BACKENDS[1]}):
        assert "staffroom.E001" not in deploy_check_ids()


def test_the_check_is_a_deployment_check_only():
    """``migrate`` and the other commands run the ordinary checks: they keep working on a
    machine that has no relay yet (a build step, a test run)."""
    with override_settings(**{**PRODUCTION, "EMAIL_BACKEND": LOCAL_BACKENDS[0]}):
        assert "staffroom.E001" not in {issue.id for issue in checks.run_checks()}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:s%40cr%3At@smtp.staffroom.example",
            ("smtp.staffroom.example", 587, "mailer", "s@cr:t", True, False),
        ),
        (
            "smtps://mailer@smtp.staffroom.example:2465",
            ("smtp.staffroom.example", 2465, "mailer", "", False, True),
        ),
        ("smtps://smtp.staffroom.example", ("smtp.staffroom.example", 465, "", "", False, True)),
        ("smtp://localhost:25?tls=0", ("localhost", 25, "", "", False, False)),
    ],
)
def test_email_url_gives_the_smtp_settings(url, expected):
    found = smtp_settings(url)
    assert (
        found["EMAIL_HOST"],
        found["EMAIL_PORT"],
        found["EMAIL_HOST_USER"],
        found["EMAIL_HOST_PASSWORD"],
        found["EMAIL_USE_TLS"],
        found["EMAIL_USE_SSL"],
    ) == expected


@pytest.mark.parametrize(
    "url", ["smtp.staffroom.example", "http://smtp.staffroom.example", "smtp://"]
)
def test_an_email_url_that_is_not_one_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL must look like"):
        smtp_settings(url)


def _staffroom_check_deploy(tmp_path, **environment) -> subprocess.CompletedProcess:
    """``staffroom check --deploy`` in a new process with only these variables set."""
    keep = ("PATH", "HOME", "PYTHONPATH", "LANG", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        {
            "STAFFROOM_VAR": str(tmp_path),
            "SECRET_KEY": PRODUCTION["SECRET_KEY"],
            "ALLOWED_HOSTS": "staffroom.example",
            "SITE_URL": "https://staffroom.example",
            "CONTACT_EMAIL": PRODUCTION["CONTACT_EMAIL"],
            "DATA_PROTECTION_CONTACT": PRODUCTION["DATA_PROTECTION_CONTACT"],
            "ACCESSIBILITY_STATEMENT_PREPARED": "2027-01-15",
            "ACCESSIBILITY_STATEMENT_REVIEWED": "2027-01-15",
            "ACCESSIBILITY_CHECKED_PAGES": "40",
            **environment,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "staffroom", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_staffroom_check_deploy_fails_without_a_relay(tmp_path):
    result = _staffroom_check_deploy(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "(staffroom.E001) EMAIL_BACKEND is 'django.core.mail.backends.console" in result.stderr


@pytest.mark.parametrize(
    "relay",
    [
        {"EMAIL_URL": "smtp://mailer:s%40cret@smtp.staffroom.example:587"},
        {"EMAIL_HOST": "smtp.staffroom.example", "EMAIL_HOST_USER": "mailer"},
    ],
    ids=["EMAIL_URL", "EMAIL_HOST"],
)
def test_staffroom_check_deploy_passes_with_a_relay(tmp_path, relay):
    result = _staffroom_check_deploy(tmp_path, **relay)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout

"""A busy Monday morning (issue 14, point 3): 1,000 members sign in within one minute, each
from their own address, through the one reverse proxy.

Every sign-in is a real POST to allauth's login view (Django's test client, the full
middleware stack, allauth's rate limits in the cache), reaching Django from the proxy's
address with the client's address in X-Forwarded-For. allauth's rate-limit clock is held at
one instant, so all 1,000 sign-ins fall in the same minute of every "per minute" limit
whatever the speed of this machine.

Two configurations:
- before: no trusted proxy (as deploy.md had it): every sign-in counts against the proxy's
  address;
- after: STAFFROOM_BEHIND_PROXY (ALLAUTH_TRUSTED_PROXY_COUNT = 1): each counts against its
  client's address.

For the bench only, passwords are hashed with MD5 (the test suite's hasher) so that the
figure is about throttling and not about Argon2 (about 0.5 s and 100 MiB per hash in
production, which bounds sign-ins per worker, not what is refused). A fresh SQLite database
in a temporary folder; the cache is local memory (one process).

    .venv/bin/python bench/logins.py [--members 1000] [--markdown]
"""

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from unittest import mock

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from benchtools import ROOT, write_section  # noqa: E402

PROXY = "10.0.0.2"
PASSWORD = "correct horse battery"  # noqa: S105 - the bench members' password


def setup(folder: Path) -> None:
    os.environ["STAFFROOM_VAR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_members(count: int) -> list[str]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from staffroom.accounts.models import Member

    hashed = make_password(PASSWORD)
    members = Member.objects.bulk_create(
        Member(email=f"teacher{n}@school.example", name=f"Teacher {n}", password=hashed)
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=m, email=m.email, verified=True, primary=True) for m in members
    )
    return [m.email for m in members]


def sign_in_all(emails: list[str], proxy_count: int) -> dict:
    from allauth.core.internal import ratelimit
    from django.contrib.auth import SESSION_KEY
    from django.core.cache import cache
    from django.test import Client, override_settings
    from django.urls import reverse

    cache.clear()
    url = reverse("account_login")
    refused = 0
    now = time.time()
    began = time.perf_counter()
    with (
        override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=proxy_count),
        mock.patch.object(ratelimit.time, "time", return_value=now),
    ):
        for n, email in enumerate(emails):
            client = Client()
            client.post(
                url,
                {"login": email, "password": PASSWORD},
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"198.{18 + n // 65536}.{n // 256 % 256}.{n % 256}",
            )
            refused += SESSION_KEY not in client.session
    seconds = time.perf_counter() - began
    return {"refused": refused, "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--markdown", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="staffroom-bench-logins-") as folder:
        setup(Path(folder))
        emails = make_members(args.members)
        results = {
            "before (no trusted proxy)": sign_in_all(emails, 0),
            "after (STAFFROOM_BEHIND_PROXY: 1 trusted proxy)": sign_in_all(emails, 1),
        }
    from django.conf import settings

    rate = settings.ACCOUNT_RATE_LIMITS["login"]
    lines = [
        "## Sign-ins on a busy Monday (issue 14, point 3)",
        "",
        f"`.venv/bin/python bench/logins.py --members {args.members} --markdown`, "
        f"{date.today():%Y-%m-%d}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        "SQLite, local-memory cache. Each of "
        f"{args.members} members signs in once with the right password through allauth's login "
        "view (test client, full middleware), from the proxy's address with their own address "
        "in X-Forwarded-For; allauth's rate-limit clock is held at one instant, so all sign-ins "
        "fall within the same minute. Passwords hashed with MD5 for the bench only (production: "
        f"Argon2). Login limit per client address: `{rate}`.",
        "",
        "| configuration | sign-ins | refused | run time (s) | sign-ins/s |",
        "|---|---|---|---|---|",
    ]
    for name, result in results.items():
        lines.append(
            f"| {name} | {args.members} | {result['refused']} | {result['seconds']:.1f} | "
            f"{args.members / result['seconds']:.0f} |"
        )
    print("\n".join(lines))
    if args.markdown:
        write_section(lines)


if __name__ == "__main__":
    main()

"""Newsletter sending (issue 6): messages per second and memory of a weekly issue sent to
200,000 members through a local SMTP sink.

Prepares a database in a temporary folder (the demo content for this week's resources,
questions and webinars, plus N members with random levels and subjects of their region),
starts an SMTP sink (aiosmtpd, in its own process) and sends this week's issue with
NEWSLETTER_SENDERS sender processes, as the worker would. Reports messages per second, the
peak memory of each sender at several points of the run (flat means it does not grow with the
number of members), and checks that every member got exactly one message.

    .venv/bin/python bench/newsletter.py [--members 200000] [--senders 2] [--no-write]

With DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/staffroom_bench, created
empty first) the run uses PostgreSQL instead of SQLite.
"""

import argparse
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchtools import django_setup, free_port, rss_kib, run, write_section

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
COMMAND = ".venv/bin/python bench/newsletter.py"
CHECKPOINTS = (0.1, 0.5, 0.9)


# --- steps run in child processes (each sets Django up itself) ---


def step_members(count: int) -> None:
    """``count`` members with a verified address, a region, levels and subjects of it."""
    django_setup()
    from allauth.account.models import EmailAddress
    from django.db import transaction

    from staffroom.accounts.models import Member
    from staffroom.curriculum.models import Level, Subject

    rng = random.Random(6)
    levels = {region: list(Level.objects.filter(region=region)) for region in ("fl", "nl")}
    subjects = {region: list(Subject.objects.filter(region=region)) for region in ("fl", "nl")}
    first = (Member.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    chunk = 5000
    for start in range(0, count, chunk):
        with transaction.atomic():
            size = min(chunk, count - start)
            members = []
            for n in range(start, start + size):
                region = "fl" if n % 5 < 3 else "nl"
                members.append(
                    Member(
                        email=f"teacher{n}@bench.staffroom.invalid",
                        name=f"Leerkracht {n}",
                        region=region,
                        language="nl" if n % 10 else "en",
                        password="!",  # noqa: S106 - an unusable password, no secret
                    )
                )
            Member.objects.bulk_create(members, batch_size=1000)
            created = list(Member.objects.filter(pk__gte=first + start).order_by("pk")[:size])
            EmailAddress.objects.bulk_create(
                [EmailAddress(user=m, email=m.email, verified=True, primary=True) for m in created],
                batch_size=1000,
            )
            Member.levels.through.objects.bulk_create(
                [
                    Member.levels.through(member_id=m.pk, level_id=level.pk)
                    for m in created
                    for level in rng.sample(levels[m.region], rng.randint(1, 2))
                ],
                batch_size=2000,
            )
            Member.subjects.through.objects.bulk_create(
                [
                    Member.subjects.through(member_id=m.pk, subject_id=subject.pk)
                    for m in created
                    for subject in rng.sample(subjects[m.region], rng.randint(0, 2))
                ],
                batch_size=2000,
            )
    print(Member.objects.count())


def step_prepare() -> None:
    """This week's issue, started, with a delivery for every subscriber."""
    django_setup()
    from django.utils import timezone

    from staffroom.newsletter import sending, services

    issue = services.issue_for_week(timezone.localdate())
    issue.editorial_title = "Samen sterker in de klas"
    issue.editorial = "Deze week: **breuken**, welbevinden en een nieuwe webinarreeks."
    issue.save()
    sending.mailing_start(mailing=issue, enqueue=False)
    issue.refresh_from_db()
    started = time.perf_counter()
    total = sending.recipients_prepare(mailing=issue)
    print(
        json.dumps(
            {"mailing": issue.pk, "recipients": total, "seconds": time.perf_counter() - started}
        )
    )


def step_send(mailing_id: int) -> None:
    django_setup()
    import resource

    from staffroom.newsletter import sending
    from staffroom.newsletter.models import Mailing

    report = sending.deliveries_send(mailing=Mailing.objects.get(pk=mailing_id))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "sent": report.sent,
                "failed": report.failed,
                "skipped": report.skipped,
                "peak_kib": peak,
            }
        )
    )


def step_sink(port: int, result: str) -> None:
    """Accept every message, keep only counts; write them when told to stop."""
    from collections import Counter

    from aiosmtpd.controller import Controller

    received = Counter()

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            for recipient in envelope.rcpt_tos:
                received[recipient] += 1
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
    controller.stop()
    Path(result).write_text(
        json.dumps(
            {
                "messages": sum(received.values()),
                "recipients": len(received),
                "duplicates": sum(1 for count in received.values() if count > 1),
            }
        )
    )


# --- the run ---


def child(step: str, *extra: str) -> list[str]:
    return [PYTHON, str(Path(__file__).resolve()), "--step", step, *extra]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--senders", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--mailing", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "members":
        return step_members(args.members)
    if args.step == "prepare":
        return step_prepare()
    if args.step == "send":
        return step_send(args.mailing)
    if args.step == "sink":
        return step_sink(args.port, args.result)

    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-newsletter-"))
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("STAFFROOM_DEBUG", "SEARCH_INDEX_DIR", "MEDIA_ROOT", "EMAIL_FILE_PATH")
    } | {
        "STAFFROOM_VAR": str(folder),
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "0",
        "NEWSLETTER_RATE": "0",
    }
    # This process only watches the run: it reads how far the senders are.
    os.environ.update(env)
    django_setup()
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    staffroom = [PYTHON, "-m", "staffroom"]
    sink = None
    try:
        started = time.perf_counter()
        run([*staffroom, "migrate", "--verbosity", "0"], env)
        # The demo sends last week's issue itself: to the console, not to the sink (not up yet).
        without_smtp = {k: v for k, v in env.items() if not k.startswith("EMAIL_")}
        run([*staffroom, "demo", "--resources", "200"], without_smtp, stdout=subprocess.DEVNULL)
        run(child("members", "--members", str(args.members)), env, stdout=subprocess.DEVNULL)
        print(
            f"database with {args.members} members ready in {time.perf_counter() - started:.0f} s"
        )

        result = folder / "sink.json"
        sink = subprocess.Popen(
            child("sink", "--port", str(port), "--result", str(result)), env=env, cwd=ROOT
        )
        time.sleep(1.5)
        prepared = json.loads(run(child("prepare"), env, capture_output=True, text=True).stdout)
        print(f"{prepared['recipients']} deliveries made in {prepared['seconds']:.1f} s")

        started = time.perf_counter()
        senders = [
            subprocess.Popen(
                child("send", "--mailing", str(prepared["mailing"])),
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(args.senders)
        ]
        # Memory of the senders as the run goes: a flat line is what we want.
        samples = {point: [] for point in CHECKPOINTS}
        pending = list(CHECKPOINTS)
        while any(sender.poll() is None for sender in senders):
            time.sleep(1)
            done = count_settled(prepared["mailing"])
            while pending and done >= pending[0] * prepared["recipients"]:
                samples[pending.pop(0)] = [rss_kib(s.pid) for s in senders]
        seconds = time.perf_counter() - started
        reports = [json.loads(sender.stdout.read().strip().splitlines()[-1]) for sender in senders]
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=30)
        sink = None
        received = json.loads(result.read_text())
    finally:
        if sink is not None:
            sink.kill()
        shutil.rmtree(folder, ignore_errors=True)

    sent = sum(report["sent"] for report in reports)
    skipped = sum(report["skipped"] for report in reports)
    rate = sent / seconds
    peaks = [report["peak_kib"] / 1024 for report in reports]
    print(
        f"{sent} sent ({skipped} skipped: nothing new for them) in {seconds:.0f} s: "
        f"{rate:.0f} messages/s; sink got {received['messages']} for {received['recipients']} "
        f"addresses, {received['duplicates']} duplicates; sender peaks "
        + ", ".join(f"{peak:.0f} MiB" for peak in peaks)
    )
    if args.no_write:
        return
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    memory_rows = [
        f"| {int(point * 100)}% sent | "
        + " / ".join(f"{kib / 1024:.0f}" for kib in samples[point])
        + " |"
        for point in CHECKPOINTS
        if samples[point]
    ] + ["| peak of the whole run | " + " / ".join(f"{peak:.0f}" for peak in peaks) + " |"]
    lines = [
        "## Newsletter sending",
        "",
        f"`{COMMAND} --members {args.members} --senders {args.senders}` on "
        f"{date.today().isoformat()}, {machine}, {database}: this week's issue (the demo's "
        f"resources, questions and webinars) to {args.members} members with random levels and "
        f"subjects, {args.senders} sender processes, each over one SMTP connection to an "
        "aiosmtpd sink in its own process on the same machine (so the sink's work shares "
        "the two cores).",
        "",
        f"- sent: {sent} messages in {seconds:.0f} s: **{rate:.0f} messages/s** (goal: at least "
        "300); every one composed, personalised, signed links, multipart, and marked sent "
        "in the database one by one;",
        f"- skipped: {skipped} (members with nothing new for their levels and subjects this "
        "week and no editorial: none here, the issue has an editorial);",
        f"- the sink received {received['messages']} messages for {received['recipients']} "
        f"addresses, {received['duplicates']} of them more than once;",
        f"- preparing the {prepared['recipients']} deliveries took {prepared['seconds']:.1f} s.",
        "",
        "Resident memory of each sender (MiB) as the run goes:",
        "",
        "| point | senders |",
        "|---|---|",
        *memory_rows,
        "",
        "Memory stays flat: deliveries are claimed 100 at a time, the week's content is read "
        "once, and each distinct edition (what a profile gets, in its language and region) is "
        "rendered once and kept in a cache of at most 2,000 renderings.",
    ]
    write_section(lines)


def count_settled(mailing_id: int) -> int:
    from staffroom.newsletter.models import Delivery

    return (
        Delivery.objects.filter(mailing_id=mailing_id)
        .exclude(status__in=["pending", "sending"])
        .count()
    )


if __name__ == "__main__":
    main()

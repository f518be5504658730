"""Start the web server, the task workers (one for harvests) and the clock; Ctrl-C stops all."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from staffroom.core.site_address import local_site_url

from .demo import DEMO_PASSWORD

# How long the three processes get, together, to stop after Ctrl-C or SIGTERM before they are
# killed: within a container runtime's usual 10 s stop timeout. The web server finishes its
# requests within 5 s (--graceful-timeout); the worker's running task gets
# TASKS_STOP_GRACE_SECONDS and is then handed back to the queue (staffroom worker).
STOP_TIMEOUT = 9.0
# gunicorn's longest request line (its maximum; its default, 4094, answers a longer one with an
# HTML 414 of its own): an OAI-PMH harvester may send a resumption token of several thousand
# characters in a GET, which Django must see to answer in OAI-PMH (badResumptionToken).
LIMIT_REQUEST_LINE = "8190"

DEMO_ACCOUNTS = """
Demo accounts (password for all: {password})
  teacher, Flanders      an.peeters@demo.staffroom.invalid
  teacher, Netherlands   sanne.devries@demo.staffroom.invalid
  moderator (lager/po)   moderator.lager@demo.staffroom.invalid
  moderator (secundair)  moderator.secundair@demo.staffroom.invalid
  partner organisation   partner@demo.staffroom.invalid
  staff                  staff@demo.staffroom.invalid
Mail the site sends is written to {mail}
"""


class Command(BaseCommand):
    help = (
        "Prepare the site (first run: demo content, search index, pre-checks) and run web "
        "server, worker and clock."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-demo", action="store_true")

    def handle(self, *args, port: int, host: str, no_demo: bool, **options):
        if not os.environ.get("SITE_URL"):
            # Links the site writes point where it listens (`PORT=8080 make run`): the same
            # address in this process (prepare syncs the Site row) and in all its children.
            os.environ["SITE_URL"] = settings.SITE_URL = local_site_url(port, host)
        # Everything the first request needs is made here, before the worker starts: this
        # process is the search index's one writer until then (staffroom prepare).
        call_command("prepare", no_demo=no_demo)
        executable = [sys.executable, "-m", "staffroom"]
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "staffroom.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    os.environ.get("WEB_WORKERS", "2"),
                    "--access-logfile",
                    "-",
                    "--graceful-timeout",
                    "5",
                    "--limit-request-line",
                    LIMIT_REQUEST_LINE,
                ]
            ),
            subprocess.Popen([*executable, "worker", "--interval", "0.5"]),
            # Harvests wait on other servers: their own worker, so that a slow or hostile
            # repository never holds up mail, previews or indexing (docs/harvesting.md).
            subprocess.Popen([*executable, "worker", "--queue-name", "harvest", "--interval", "1"]),
            subprocess.Popen([*executable, "clock"]),
        ]
        self.stdout.write(self.style.SUCCESS(f"\nStaffroom runs on http://{host}:{port}/"))
        self.stdout.write(
            DEMO_ACCOUNTS.format(
                password=DEMO_PASSWORD, mail=getattr(settings, "EMAIL_FILE_PATH", "the console")
            )
        )
        self.stdout.write("Press Ctrl-C to stop.\n")

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT
            for process in processes:
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    process.kill()
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        stop()

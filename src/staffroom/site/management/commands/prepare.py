"""Get the site ready to serve: migrate, the demo on an empty database, the search index and
the OAI-PMH records up to date, the open items pre-checked (``staffroom.site.prepare``).

``staffroom serve`` (``make run``) runs this before it starts the web server, the worker and
the clock. Run it by hand only while no worker runs: it writes the search index itself.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from staffroom.core.progress import ProgressSteps
from staffroom.resources.models import Resource
from staffroom.site.prepare import site_prepare


class Command(BaseCommand):
    help = (
        "Migrate, add the demo content to an empty database, bring the search index and the "
        "OAI-PMH records up to date and pre-check open items (before the worker starts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Do not add demo content.")

    def handle(self, *args, no_demo: bool, **options):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        fresh = not Resource.objects.exists()
        if not no_demo:
            call_command("demo", "--if-empty", stdout=self.stdout)
        progress = ProgressSteps(self.stdout)
        # A database filled just now gets a whole new index (var/search may be left from
        # an earlier database whose ids the new one reuses).
        prepared = site_prepare(progress, rebuild=fresh and Resource.objects.exists())
        progress.close()
        search = ", ".join(
            f"{name} {prepared.indexed[name]} ({state})" for name, state in prepared.search.items()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Ready in {time.monotonic() - started:.0f} s: search index {search}; "
                f"{prepared.prechecked} open items pre-checked; "
                f"{prepared.tasks_removed} queued tasks no longer needed removed."
            )
        )

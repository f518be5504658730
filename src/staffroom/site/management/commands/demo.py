"""Fill the database with realistic demo content: members of both regions, moderators,
partner organisations, and a few hundred resources in four languages with real files, taken
through the same draft, submission and moderation services as the site itself."""

import random

from django.core.management.base import BaseCommand, CommandError

from staffroom.core.progress import ProgressSteps
from staffroom.curriculum.models import Level
from staffroom.resources.models import Resource
from staffroom.site.demo.build import DemoBuilder

# The password of every demo account, printed by serve.py: public on purpose, demo data only.
DEMO_PASSWORD = "staffroom-demo"  # noqa: S105
DEFAULT_SEED = 2020  # fixed, so that every demo database looks the same


class Command(BaseCommand):
    help = "Fill the database with demo members, organisations and resources."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds resources.",
        )
        parser.add_argument(
            "--resources",
            type=int,
            default=320,
            metavar="N",
            help="How many resources to create (default 320, at least 20).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed gives the same content (default {DEFAULT_SEED}).",
        )

    def handle(self, *args, if_empty: bool, resources: int, seed: int, **options):
        if if_empty and Resource.objects.exists():
            self.stdout.write("The database already holds resources; no demo content added.")
            return
        if resources < 20:
            raise CommandError("Ask for at least 20 resources, so every kind of demo item fits.")
        if not Level.objects.exists():
            raise CommandError(
                "The curriculum vocabularies are missing: run `staffroom migrate` first."
            )
        self.stdout.write(f"Creating {resources} demo resources (seed {seed}) ...")
        progress = ProgressSteps(self.stdout)

        def write(line: str) -> None:
            progress.close()  # a line of its own after a bar
            self.stdout.write(line)

        builder = DemoBuilder(
            rng=random.Random(seed),
            count=resources,
            password=DEMO_PASSWORD,
            write=write,
            progress=progress,
        )
        summary = builder.run()
        progress.close()
        self._report(summary)

    def _report(self, summary: dict) -> None:
        def line(label: str, counts: dict) -> str:
            parts = ", ".join(
                f"{key} {value}"
                for key, value in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            return f"  {label:<11}{parts}"

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {summary['resources']} resources by {summary['members']} "
                f"members in {summary['seconds']:.0f} s."
            )
        )
        self.stdout.write(line("status", summary["statuses"]))
        self.stdout.write(line("language", summary["languages"]))
        self.stdout.write(
            line(
                "region",
                {
                    "Flanders" if k == "fl" else "the Netherlands": v
                    for k, v in summary["regions"].items()
                },
            )
        )
        self.stdout.write(line("kind", summary["kinds"]))
        self.stdout.write(line("files", summary["formats"]))
        self.stdout.write(
            f"  {'other':<11}{summary['partner']} from partner organisations, "
            f"{summary['remixes']} remixes"
        )
        self.stdout.write(f"  Sign in as any demo account with the password {DEMO_PASSWORD}.")

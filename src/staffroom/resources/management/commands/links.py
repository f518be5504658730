from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from staffroom.resources.links import links_check_run


class Command(BaseCommand):
    help = (
        "Check the web addresses of links and embeds (and of every other registered source of "
        "links), the least recently checked first."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Check the links that are due.")
        check.add_argument(
            "--limit",
            type=int,
            default=None,
            help=f"At most this many links (default {settings.LINKCHECK_PER_RUN}).",
        )

    def handle(self, *args, action: str, limit: int | None, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        counts = links_check_run(limit)
        total = sum(counts.values())
        self.stdout.write(
            f"Checked {total} links: {counts.get('ok', 0)} work, {counts.get('moved', 0)} "
            f"moved, {counts.get('dead', 0)} do not work."
        )

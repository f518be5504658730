from django.core.management.base import BaseCommand

from staffroom.resources.offers import offers_end_expired


class Command(BaseCommand):
    help = "Tool offers: end the offers whose last free day has passed (the clock does it too)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("end-expired", help="End the offers whose period is over.")

    def handle(self, *args, action: str, **options):
        ended = offers_end_expired()
        self.stdout.write(f"Ended {ended} offer(s) whose last free day has passed.")

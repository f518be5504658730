from django.core.management.base import BaseCommand

from staffroom.recognition.services import scores_recompute


class Command(BaseCommand):
    help = "Recompute every member's scores (all time and per month) from the recorded events."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["recompute"])

    def handle(self, *args, **options):
        rows = scores_recompute()
        self.stdout.write(f"Recomputed {rows} scores from the recorded events.")

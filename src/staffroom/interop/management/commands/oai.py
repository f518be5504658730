import sys

from django.core.management.base import BaseCommand

from staffroom.interop.models import OaiRecord
from staffroom.interop.oai.records import oai_records_rebuild


class Command(BaseCommand):
    help = "The OAI-PMH data provider's records. 'rebuild': recompute them from the resources."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--quiet", action="store_true", help="No progress lines.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when there are no records yet."
        )

    def handle(self, *args, action: str, quiet: bool, if_empty: bool, **options):
        if if_empty and OaiRecord.objects.exists():
            return

        def progress(done: int, total: int) -> None:
            if not quiet and (done == total or done % 10_000 < 500):
                sys.stderr.write(f"\r{done}/{total} published resources")
                sys.stderr.flush()

        counts = oai_records_rebuild(progress=progress)
        if not quiet:
            sys.stderr.write("\n")
        self.stdout.write(
            f"OAI-PMH records: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['deleted']} marked deleted."
        )

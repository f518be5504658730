from django.core.management.base import BaseCommand, CommandError

from staffroom.interop.harvest import queries
from staffroom.interop.harvest.services import DATESTAMP, harvest_run
from staffroom.interop.models.harvest import HarvestSource, HarvestStatus


class Command(BaseCommand):
    help = (
        "Harvest an OAI-PMH source in this process: 'harvest SOURCE' (its id or name) or "
        "'harvest --all' (every active source). Incremental from where the last successful "
        "run ended, unless --from gives a date (or '' for everything)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="the source's id or name")
        parser.add_argument("--all", action="store_true", help="every active source")
        parser.add_argument(
            "--from",
            dest="from_",
            default=None,
            help="harvest from this datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ); "
            "'' harvests everything",
        )

    def handle(self, *args, source, all, from_, **options):
        if from_ and not DATESTAMP.match(from_):
            raise CommandError("--from takes YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")
        if all == bool(source):
            raise CommandError("Name one source (id or name), or give --all.")
        if all:
            sources = list(HarvestSource.objects.filter(active=True))
        else:
            found = queries.source_named(source)
            if found is None:
                raise CommandError(f"No single source has the id or name {source!r}.")
            sources = [found]
        failed = 0
        for harvest_source in sources:
            run = harvest_run(source=harvest_source, from_=from_)
            report = run.report or {}
            self.stdout.write(
                f"{harvest_source.name}: {run.status}, {report.get('records', 0)} "
                f"record(s) in {report.get('pages', 0)} page(s): created {run.created}, "
                f"updated {run.updated}, deleted {run.deleted}, skipped {run.skipped}."
            )
            for kind, terms in queries.report_sections(run):
                shown = ", ".join(f"{term} ({count})" for term, count in terms[:10])
                more = f" and {len(terms) - 10} more" if len(terms) > 10 else ""
                self.stdout.write(f"  not mapped, {kind}: {shown}{more}")
            for name, count in (report.get("missing") or {}).items():
                self.stdout.write(f"  missing {name}: {count}")
            for name, count in (report.get("quirks") or {}).items():
                self.stdout.write(f"  quirk, {name}: {count}")
            for outcome, count in (report.get("duplicate_outcomes") or {}).items():
                self.stdout.write(f"  duplicates, {outcome}: {count}")
            if run.status == HarvestStatus.FAILED:
                failed += 1
                self.stderr.write(f"  failed: {run.error}")
        if failed:
            raise CommandError(f"{failed} harvest(s) failed.")

from django.core.management.base import BaseCommand

from staffroom.search.services import search_check, search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index from the database, or report and repair drift."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="Rebuild the index from published resources.")
        reindex.add_argument(
            "--if-empty", action="store_true", help="Only when the index holds nothing."
        )
        check = sub.add_parser("check", help="Report resources missing from or stale in it.")
        check.add_argument("--repair", action="store_true", help="Fix what is found.")

    def handle(self, *args, action: str, **options):
        if action == "reindex":
            from staffroom.search.backends import get_backend

            if options["if_empty"] and get_backend().indexed_ids():
                self.stdout.write("The search index is already built.")
                return
            count = search_reindex(progress=self._progress)
            self.stdout.write(f"\nIndexed {count} published resources.")
        else:
            drift = search_check(repair=options["repair"])
            verb = "repaired" if options["repair"] else "found"
            self.stdout.write(
                f"{len(drift.missing)} missing and {len(drift.stale)} stale entries {verb}."
            )

    def _progress(self, done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()

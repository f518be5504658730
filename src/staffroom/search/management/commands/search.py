from django.core.management.base import BaseCommand, CommandError

from staffroom.search.backends import get_backend
from staffroom.search.collections import collection_named, collection_names
from staffroom.search.services import search_check, search_reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database, or report and repair drift "
        "(every collection: resources and the teachers' room questions)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="Rebuild the index from the database.")
        reindex.add_argument(
            "--if-empty", action="store_true", help="Only collections whose index holds nothing."
        )
        check = sub.add_parser("check", help="Report entries missing from or stale in it.")
        check.add_argument("--repair", action="store_true", help="Fix what is found.")
        for command in (reindex, check):
            command.add_argument(
                "--collection",
                action="append",
                metavar="NAME",
                help="Only this collection (resources, questions); may be repeated.",
            )

    def handle(self, *args, action: str, **options):
        names = options["collection"] or collection_names()
        for name in names:
            try:
                collection_named(name)
            except ValueError as unknown:
                raise CommandError(
                    f"{unknown}; known: {', '.join(collection_names())}."
                ) from unknown
        for name in names:
            if action == "reindex":
                self._reindex(name, options["if_empty"])
            else:
                drift = search_check(collection=name, repair=options["repair"])
                verb = "repaired" if options["repair"] else "found"
                self.stdout.write(
                    f"{name}: {len(drift.missing)} missing and {len(drift.stale)} stale "
                    f"entries {verb}."
                )

    def _reindex(self, name: str, if_empty: bool) -> None:
        if if_empty and get_backend(name).indexed_ids():
            self.stdout.write(f"The {name} index is already built.")
            return
        count = search_reindex(collection=name, progress=self._progress)
        self.stdout.write(f"\nIndexed {count} {collection_named(name).noun}.")

    def _progress(self, done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()

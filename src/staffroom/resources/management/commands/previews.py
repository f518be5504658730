from django.core.management.base import BaseCommand

from staffroom.resources.files import office_converter
from staffroom.resources.services import previews_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild previews, which are derived data: the first pages of every file (office files "
        "through LibreOffice when it is installed) and the pictures of links and embeds."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="Render and fetch the previews again.")
        rebuild.add_argument(
            "--missing",
            action="store_true",
            help="Only files never previewed and links never looked up.",
        )
        only = rebuild.add_mutually_exclusive_group()
        only.add_argument("--files-only", action="store_true", help="Not the links' pictures.")
        only.add_argument("--pictures-only", action="store_true", help="Not the files' pages.")

    def handle(self, *args, action: str, **options):
        if not office_converter():
            self.stdout.write(
                "LibreOffice is not configured (OFFICE_CONVERTER): office files keep their "
                "text preview."
            )
        counts: dict[str, int] = {}
        for what, done, total in previews_rebuild(
            missing_only=options["missing"],
            files=not options["pictures_only"],
            pictures=not options["files_only"],
        ):
            counts[what] = total
            if done == total or done % 50 == 0:
                self.stdout.write(f"{what}: {done}/{total}")
        self.stdout.write(
            f"Rebuilt the previews of {counts.get('files', 0)} files and looked up the pictures "
            f"of {counts.get('pictures', 0)} links and embeds."
        )

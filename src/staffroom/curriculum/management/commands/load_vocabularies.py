from django.core.management.base import BaseCommand

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import forget_vocabularies
from staffroom.curriculum.vocabularies import load_vocabularies


class Command(BaseCommand):
    help = "Create or update levels, subjects and resource types from curriculum/data/*.json."

    def handle(self, *args, **options):
        counts = load_vocabularies(Level, Subject, ResourceType)
        # This process reads them again at once; running web processes within a few minutes.
        forget_vocabularies()
        self.stdout.write(
            f"{counts['levels']} levels, {counts['subjects']} subjects, {counts['types']} types."
        )

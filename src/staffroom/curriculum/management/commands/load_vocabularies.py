from django.core.cache import cache
from django.core.management.base import BaseCommand

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.vocabularies import load_vocabularies


class Command(BaseCommand):
    help = "Create or update levels, subjects and resource types from curriculum/data/*.json."

    def handle(self, *args, **options):
        counts = load_vocabularies(Level, Subject, ResourceType)
        cache.clear()
        self.stdout.write(
            f"{counts['levels']} levels, {counts['subjects']} subjects, {counts['types']} types."
        )

"""Factories of theme pages."""

from datetime import timedelta

import factory
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.themes.models import Theme, ThemeItem, ThemeSection, ThemeStatus
from staffroom.themes.services import curators_group
from tests.factories import MemberFactory, StaffFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    """A published theme for 3de leerjaar and mathematics, public since yesterday."""

    class Meta:
        model = Theme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Afstandsonderwijs in de klas {n}")
    slug = factory.Sequence(lambda n: f"afstandsonderwijs-{n}")
    introduction = "Hoe geef je **les op afstand**? Materiaal en tips van collega's."
    status = ThemeStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    created_by = factory.SubFactory(StaffFactory)

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            obj.levels.set(Level.objects.filter(code__in=extracted or ["fl-lo-3"]))

    @factory.post_generation
    def subjects(obj, create, extracted, **kwargs):
        if create:
            obj.subjects.set(Subject.objects.filter(code__in=extracted or ["fl-wis"]))


class DraftThemeFactory(ThemeFactory):
    status = ThemeStatus.DRAFT
    published_at = None


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeSection

    theme = factory.SubFactory(ThemeFactory)
    heading = factory.Sequence(lambda n: f"Aan de slag {n}")


class LinkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeItem

    section = factory.SubFactory(SectionFactory)
    url = factory.Sequence(lambda n: f"https://example.org/tool/{n}")
    link_title = factory.Sequence(lambda n: f"Een handige tool {n}")


def curator(**fields):
    """A teacher staff trust with themes: in the curators' group."""
    member = MemberFactory(**fields)
    member.groups.add(curators_group())
    return member

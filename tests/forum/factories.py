"""Factories of the teachers' room."""

import factory

from staffroom.curriculum.models import Level, Subject
from staffroom.forum.models import Answer, ForumExpert, Question
from tests.factories import MemberFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    """A Dutch question tagged 3de leerjaar and mathematics (no answers)."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hoe leg ik breuken uit aan mijn klas? ({n})")
    body = "Mijn leerlingen haken af bij gelijknamige breuken. Wie heeft een goede aanpak?"
    language = "nl"
    author = factory.SubFactory(MemberFactory)

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            obj.levels.set(Level.objects.filter(code__in=extracted or ["fl-lo-3"]))

    @factory.post_generation
    def subjects(obj, create, extracted, **kwargs):
        if create:
            obj.subjects.set(Subject.objects.filter(code__in=extracted or ["fl-wis"]))


class AnswerFactory(factory.django.DjangoModelFactory):
    """An answer written straight into the database (counts not kept: use the services when
    they matter)."""

    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(MemberFactory)
    body = "Werk met pizzapunten: laat ze eerst vergelijken, dan pas rekenen."


class ForumExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumExpert

    member = factory.SubFactory(MemberFactory)
    expertise = "Rekendidactiek"

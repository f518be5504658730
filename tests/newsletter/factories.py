"""Factories of the newsletter: subscribers (members with a verified address), issues, orders."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.newsletter.models import (
    Mailing,
    MailingKind,
    MailingStatus,
    PriceListItem,
    PromotionKind,
    PromotionOrder,
)
from staffroom.newsletter.queries import week_start
from tests.factories import MemberFactory, OrganisationFactory


class SubscriberFactory(MemberFactory):
    """A Flemish teacher of 3de leerjaar and mathematics with a verified address (which is
    what makes a member a subscriber)."""

    language = "nl"
    region = "fl"

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            obj.levels.set(Level.objects.filter(code__in=extracted or ["fl-lo-3"]))

    @factory.post_generation
    def subjects(obj, create, extracted, **kwargs):
        if create:
            obj.subjects.set(Subject.objects.filter(code__in=extracted or ["fl-wis"]))

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class DutchSubscriberFactory(SubscriberFactory):
    region = "nl"

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            obj.levels.set(Level.objects.filter(code__in=extracted or ["nl-po-5"]))

    @factory.post_generation
    def subjects(obj, create, extracted, **kwargs):
        if create:
            obj.subjects.set(Subject.objects.filter(code__in=extracted or ["nl-rw"]))


def this_week():
    return week_start(timezone.localdate())


class IssueFactory(factory.django.DjangoModelFactory):
    """This week's issue, scheduled a minute ago, with an editorial."""

    class Meta:
        model = Mailing

    kind = MailingKind.ISSUE
    week = factory.LazyFunction(this_week)
    status = MailingStatus.SCHEDULED
    send_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    editorial_title = "Welkom terug"
    editorial = "Deze week: **breuken** en rekenen."


class PriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceListItem
        django_get_or_create = ["kind"]

    kind = PromotionKind.BLOCK
    price_cents = 25000


class OrderFactory(factory.django.DjangoModelFactory):
    """A requested newsletter block for this week's issue, for everyone."""

    class Meta:
        model = PromotionOrder

    organisation = factory.SubFactory(OrganisationFactory)
    kind = PromotionKind.BLOCK
    date = factory.LazyFunction(lambda: this_week() + timedelta(days=2))
    title = "Nascholing rekendidactiek"
    body = "Schrijf je in voor onze **nascholing**."
    link = "https://partner.example.org/nascholing"
    price_cents = 25000

from django.db.models import Count, Q, QuerySet

from staffroom.resources.models import Status

from .models import Member, Organisation


def members_for_roles_page(term: str = "") -> QuerySet:
    members = Member.objects.annotate(
        published_count=Count("resources", filter=Q(resources__status=Status.PUBLISHED))
    ).prefetch_related("organisations")
    if term:
        members = members.filter(Q(name__icontains=term) | Q(email__icontains=term))
    return members.order_by("name")


def organisations_listed() -> QuerySet:
    return Organisation.objects.annotate(
        published_count=Count("resources", filter=Q(resources__status=Status.PUBLISHED))
    ).order_by("name")

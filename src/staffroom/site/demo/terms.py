"""The demo's terms of use: the project's model terms as version 1, accepted by every demo
member, so that nobody in the demo is asked to accept them on their first log-in."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from staffroom.accounts.models import Member, TermsVersion
from staffroom.accounts.terms import terms_consents_record, terms_in_effect, terms_model_text

# In effect since before the demo's history (three years of resources): every demo member
# joined under it.
DEMO_TERMS_SINCE = timedelta(days=4 * 365)


def ensure_demo_terms(members: QuerySet[Member]) -> TermsVersion:
    """The version in effect (the model terms as "1" when there is none), accepted by
    ``members``; accepting again changes nothing."""
    version = terms_in_effect()
    if version is None:
        version, _created = TermsVersion.objects.get_or_create(
            label="1",
            defaults={
                "effective_from": timezone.now() - DEMO_TERMS_SINCE,
                "text_nl": terms_model_text("nl"),
                "text_en": terms_model_text("en"),
            },
        )
    terms_consents_record(members=members, version=version)
    return version

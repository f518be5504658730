"""Demo newsletter: a price list, partner orders (one block booked in this week's issue, one
dedicated mailing waiting for staff), last week's issue sent (in the archive) and this week's
issue scheduled with an editorial, all made through the newsletter services."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from staffroom.curriculum.models import Level
from staffroom.newsletter import sending, services
from staffroom.newsletter.inputs import IssueInput, PromotionRequestInput
from staffroom.newsletter.models import (
    Delivery,
    Mailing,
    OrderStatus,
    PriceListItem,
    PromotionKind,
)
from staffroom.newsletter.queries import week_start

WEEK = timedelta(days=7)


def _last_weeks_issue(staff) -> Mailing:
    """Sent now as if a week ago (its content is that of the week before then), then its
    moments moved back, as time would have moved them."""
    today = timezone.localdate()
    issue = services.issue_for_week(today - WEEK, created_by=staff)
    services.issue_edit(
        staff=staff,
        issue=issue,
        data=IssueInput(
            editorial_title="Terug naar school",
            editorial=(
                "Welkom terug! Deze week vind je nieuw lesmateriaal van collega's, vragen die "
                "op een antwoord wachten en de webinars van de komende weken."
            ),
        ),
    )
    sending.mailing_start(mailing=issue, enqueue=False)
    # Started a week ago: the content is taken as of then, as the archive will show it.
    Mailing.objects.filter(pk=issue.pk).update(started_at=F("started_at") - WEEK)
    issue.refresh_from_db()
    sending.recipients_prepare(mailing=issue)
    sending.deliveries_send(mailing=issue)
    Mailing.objects.filter(pk=issue.pk).update(finished_at=F("finished_at") - WEEK)
    Delivery.objects.filter(mailing=issue).update(sent_at=F("sent_at") - WEEK)
    return issue


def build_newsletter(rng, cast, write) -> dict:
    staff = cast.moderators.get("staff")
    if staff is None or not staff.is_staff or not cast.organisations:
        return {}
    PriceListItem.objects.update_or_create(
        kind=PromotionKind.BLOCK,
        defaults={
            "price_cents": 35000,
            "description": "Een blok met titel, tekst en link in de wekelijkse nieuwsbrief.",
        },
    )
    PriceListItem.objects.update_or_create(
        kind=PromotionKind.DEDICATED,
        defaults={
            "price_cents": 95000,
            "description": "Een eigen mailing naar de leerkrachten van je doelgroep.",
        },
    )
    sent = _last_weeks_issue(staff)

    organisation, _spec, members = cast.organisations[0]
    partner = members[0]
    monday = week_start(timezone.localdate())
    block = services.promotion_request(
        member=partner,
        data=PromotionRequestInput(
            organisation=organisation,
            kind=PromotionKind.BLOCK,
            date=max(monday + timedelta(days=4), timezone.localdate() + timedelta(days=1)),
            title="Nieuw: videolessen over de Eerste Wereldoorlog",
            body="Tien korte video's met opdrachten voor de derde graad, gratis voor scholen.",
            link="https://educatie.zendmast.example/wo1",
        ),
    )
    services.promotion_move(staff=staff, order=block, status=OrderStatus.APPROVED)
    services.promotion_move(
        staff=staff, order=block, status=OrderStatus.INVOICED, invoice_reference="F2026-0142"
    )
    services.promotion_request(
        member=partner,
        data=PromotionRequestInput(
            organisation=organisation,
            kind=PromotionKind.DEDICATED,
            date=timezone.localdate() + timedelta(days=12),
            title="Zendmast op school: gratis lespakket klimaat",
            body="Een lespakket met video, proeven en een debat over klimaatverandering.",
            link="https://educatie.zendmast.example/klimaat",
            region="fl",
            levels=list(Level.objects.filter(code__in=["fl-so-2g", "fl-so-3g"])),
        ),
    )

    current = services.issue_for_week(timezone.localdate(), created_by=staff)
    services.issue_edit(
        staff=staff,
        issue=current,
        data=IssueInput(
            editorial_title="Samen sterker in de klas",
            editorial=(
                "Deze week: **breuken** in beeld, welbevinden na de vakantie en een nieuwe "
                "reeks webinars over differentiatie. Weet jij het antwoord op een vraag "
                "hieronder? Help een collega!"
            ),
        ),
    )
    write(f"Newsletter: last week's issue sent to {sent.deliveries.count()} members, 2 orders.")
    return {"newsletter_sent": sent.deliveries.count()}

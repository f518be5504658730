"""Distance learning in the demo, as teachers asked for it when the schools closed in 2020:
resources about teaching at a distance, tools a partner offered free for a while (two of
them ended since), paid trainings, manuals colleagues wrote for the tools, questions in the
teachers' room, theme pages bringing it all together (two on the home page, one made by a
teacher the staff made a curator), public collections of demo teachers, and a dead and a
moved link as the link checker would have found them.

Everything is in data/distance.json and goes through the services (drafts, submission and
the moderator's decision; the offers' own submission and their expiry; the themes' and the
collections' services; the link checker's record of an outcome). Nothing here draws from the
demo's random stream, so the rest of the demo stays as it was. Dates are counted back from
the day of the build: offers that run now still run on the first start, the ended ones have
ended. Afterwards the rows are dated as the rest of the demo is (the services stamp "now").
"""

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from staffroom.accounts.models import Member, Organisation
from staffroom.core.linkcheck import LinkOutcome
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.events.models import Event, EventStatus
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import Answer, Question
from staffroom.forum.services import answer_post, question_ask
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import moderation_item_publish
from staffroom.recognition.models import PointEvent
from staffroom.recognition.services import scores_recompute
from staffroom.resources.collections import (
    CollectionInput,
    collection_describe,
    collection_feature,
    collection_note,
    collection_publish,
)
from staffroom.resources.folders import folder_add, folder_create
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.licences import Licence
from staffroom.resources.links import link_check_record
from staffroom.resources.models import Cost, Folder, Kind, LinkState, Resource
from staffroom.resources.offers import OfferInput, offer_submit, offers_end_expired
from staffroom.resources.services import resource_save_draft, resource_submit
from staffroom.themes.inputs import ItemInput, SectionInput, ThemeInput
from staffroom.themes.models import ItemKind, Theme, ThemeItem, ThemeStatus
from staffroom.themes.services import (
    curator_grant,
    home_slots_set,
    item_add,
    section_add,
    theme_create,
    theme_edit,
)

from .content import load
from .people import DOMAIN

DAY = timedelta(days=1)
DATA = load("distance")


@dataclass
class Built:
    """What was made, by the data file's keys."""

    resources: dict[str, Resource] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    themes: list[Theme] = field(default_factory=list)
    collections: list[Folder] = field(default_factory=list)
    ended: int = 0


def _members() -> dict[str, Member]:
    return {
        member.email.split("@")[0]: member
        for member in Member.objects.filter(email__endswith=f"@{DOMAIN}")
    }


def _levels(codes) -> list[Level]:
    return list(Level.objects.filter(code__in=codes).order_by("code"))


def _subjects(codes) -> list[Subject]:
    return list(Subject.objects.filter(code__in=codes).order_by("code"))


def build_distance_learning(cast, write) -> dict:
    """Make the distance-learning content (see the module's description); returns counts."""
    started = time.monotonic()
    members = _members()
    staff = cast.moderators["staff"]
    partner, organisation = _partner(cast)
    now, today = timezone.now(), timezone.localdate()
    built = Built()
    for spec in DATA["resources"]:
        built.resources[spec["key"]] = _contribute(
            spec, members[spec["contributor"]], staff, licence=spec["licence"]
        )
    for spec in DATA["offers"]:
        built.resources[spec["key"]] = _offer(spec, partner, organisation, staff, today)
    for spec in DATA["paid"]:
        built.resources[spec["key"]] = _contribute(
            spec | {"language": "nl"},
            partner,
            staff,
            licence=Licence.ALL_RIGHTS_RESERVED,
            organisation=organisation,
            cost={"cost": Cost.PAID, "cost_note": spec["cost_note"]},
        )
    for spec in DATA["manuals"]:
        built.resources[spec["key"]] = _contribute(
            spec | {"type": "article"},
            members[spec["contributor"]],
            staff,
            licence=Licence.BY,
            manual_for=built.resources[spec["manual_for"]],
        )
    # The clock's hourly job would have ended these long ago.
    built.ended = offers_end_expired(today)
    _record_link_checks(built, now)
    for spec in DATA["questions"]:
        built.questions[spec["key"]] = _ask(spec, members, now)
    # Staff let the teachers who make themes do so (a teacher is no curator by default).
    for maker in sorted({spec["by"] for spec in DATA["themes"]} - {"staff"}):
        curator_grant(member=members[maker], by=staff)
    slots: dict[int, Theme | None] = {}
    for spec in DATA["themes"]:
        editor = staff if spec["by"] == "staff" else members[spec["by"]]
        theme = _theme(spec, editor, built, now)
        built.themes.append(theme)
        if "home_slot" in spec:
            slots[spec["home_slot"]] = theme
    home_slots_set(themes=slots, by=staff)
    for spec in DATA["collections"]:
        built.collections.append(_collection(spec, members[spec["owner"]], staff, built))
    # Points for sharing, answering and curating count in the months they were dated to.
    scores_recompute()
    write(
        f"Distance learning: {len(built.resources)} resources ({len(DATA['offers'])} tool "
        f"offers, {built.ended} ended), {len(built.questions)} questions, "
        f"{len(built.themes)} theme pages, {len(built.collections)} public collections "
        f"({time.monotonic() - started:.1f} s)."
    )
    return {"themes": len(built.themes), "collections": len(built.collections)}


def _partner(cast) -> tuple[Member, Organisation]:
    """The broadcaster's education service offers the tools (the first demo organisation)."""
    organisation, _spec, organisation_members = cast.organisations[0]
    return organisation_members[0], organisation


# --- resources -----------------------------------------------------------------------------


def _contribute(
    spec: dict, contributor: Member, moderator: Member, *, licence: str, **extra
) -> Resource:
    """A link resource saved as a draft, submitted and published, dated ``days_ago``."""
    data = ResourceInput(
        title=spec["title"],
        description=spec["description"],
        language=spec["language"],
        url=spec["url"],
        kind=Kind.LINK,
        levels=_levels(spec["levels"]),
        subjects=_subjects(spec["subjects"]),
        resource_type=ResourceType.objects.get(code=spec["type"]),
        keywords=spec.get("keywords", []),
        licence=licence,
        organisation=extra.pop("organisation", None),
        manual_for=extra.pop("manual_for", None),
        **extra.pop("cost", {}),
    )
    resource = resource_save_draft(contributor=contributor, data=data, uploads=[])
    _publish(resource_submit(resource=resource, contributor=contributor), moderator)
    return _dated(resource, timezone.now() - spec["days_ago"] * DAY)


def _offer(spec: dict, partner: Member, organisation, moderator: Member, today: date) -> Resource:
    """A tool offered free from ``free_from`` until ``free_until`` days from today; an offer
    whose period is over was submitted while it still ran (on its first day)."""
    starts, ends = today + spec["free_from"] * DAY, today + spec["free_until"] * DAY
    resource = offer_submit(
        member=partner,
        data=OfferInput(
            title=spec["title"],
            description=spec["description"],
            url=spec["url"],
            cost_note=spec["cost_note"],
            levels=_levels(spec["levels"]),
            subjects=_subjects(spec["subjects"]),
            free_from=starts,
            free_until=ends,
            organisation=organisation,
        ),
        today=min(starts, today),
    )
    _publish(resource.moderation_items.get(decision=""), moderator)
    return _dated(resource, timezone.now() + (spec["free_from"] - 1) * DAY)


def _publish(item: ModerationItem, moderator: Member) -> None:
    moderation_item_publish(item=item, moderator=moderator)


def _dated(resource: Resource, published: datetime) -> Resource:
    """Date a resource, its review and its points for sharing as the rest of the demo is."""
    submitted = published - timedelta(hours=20)
    Resource.objects.filter(pk=resource.pk).update(
        created_at=submitted - DAY,
        submitted_at=submitted,
        published_at=published,
        checked_at=published,
        updated_at=published,
    )
    ModerationItem.objects.filter(resource=resource).update(
        created_at=submitted, decided_at=published, taken_at=published - timedelta(minutes=20)
    )
    PointEvent.objects.filter(subject_id=resource.pk, kind="resource_published").update(
        occurred_at=published
    )
    resource.refresh_from_db()
    return resource


def _record_link_checks(built: Built, now: datetime) -> None:
    """The link checker's last outcome for the links the data file marks, recorded as the
    checker records one (the demo asks no web server)."""
    for spec in DATA["resources"]:
        check = spec.get("link_check")
        if not check:
            continue
        resource = built.resources[spec["key"]]
        if check["state"] == LinkState.MOVED:
            outcome = LinkOutcome(
                state=LinkState.MOVED,
                final_url=check["moved_to"],
                status_code=check["status_code"],
                redirects=[{"url": resource.url, "status": 301, "location": check["moved_to"]}],
            )
        else:
            outcome = LinkOutcome(
                state=check["state"],
                final_url=resource.url,
                status_code=check["status_code"],
                error=check["error"],
            )
        link_check_record(resource.pk, outcome, now=now - check["days_ago"] * DAY)


# --- the teachers' room --------------------------------------------------------------------


def _ask(spec: dict, members: dict[str, Member], now: datetime) -> Question:
    asked_at = now - spec["days_ago"] * DAY
    # Asked in the past: the posting limits are about members posting now.
    question = question_ask(
        member=members[spec["asker"]],
        data=QuestionInput(
            title=spec["title"],
            body=spec["body"],
            levels=_levels(spec["levels"]),
            subjects=_subjects(spec["subjects"]),
            tags=spec["tags"],
        ),
        check_rate=False,
    )
    answer = answer_post(
        member=members[spec["answer"]["author"]], question=question, body=spec["answer"]["body"]
    )
    answered_at = asked_at + timedelta(hours=5)
    Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
    Question.objects.filter(pk=question.pk).update(created_at=asked_at, active_at=answered_at)
    return question


# --- theme pages ---------------------------------------------------------------------------


def _item_input(spec: dict, built: Built) -> ItemInput | None:
    """What an editor would type for the item; None when it names something the demo does
    not hold (a webinar left out of a smaller demo)."""
    note = spec["note"]
    if "resource" in spec:
        reference = str(built.resources[spec["resource"]].pk)
        return ItemInput(kind=ItemKind.RESOURCE, reference=reference, note=note)
    if "question" in spec:
        question = built.questions[spec["question"]]
        return ItemInput(kind=ItemKind.QUESTION, reference=str(question.pk), note=note)
    if "question_title" in spec:
        found = Question.objects.filter(title=spec["question_title"]).first()
        if found is None:
            return None
        return ItemInput(kind=ItemKind.QUESTION, reference=str(found.pk), note=note)
    if "event" in spec:
        event = Event.objects.filter(title=spec["event"], status=EventStatus.PUBLISHED).first()
        if event is None:
            return None
        return ItemInput(kind=ItemKind.EVENT, reference=str(event.pk), note=note)
    return ItemInput(kind=ItemKind.LINK, url=spec["url"], link_title=spec["link_title"], note=note)


def _theme(spec: dict, editor: Member, built: Built, now: datetime) -> Theme:
    """A theme made as a draft, filled, then published: additions to a draft tell nobody."""
    values = {
        "title": spec["title"],
        "introduction": spec["introduction"],
        "levels": _levels(spec["levels"]),
        "subjects": _subjects(spec["subjects"]),
    }
    theme = theme_create(data=ThemeInput(**values), by=editor)
    for section_spec in spec["sections"]:
        section = section_add(
            theme=theme,
            data=SectionInput(heading=section_spec["heading"], intro=section_spec["intro"]),
            by=editor,
        )
        for item_spec in section_spec["items"]:
            data = _item_input(item_spec, built)
            if data is not None:
                item_add(section=section, data=data, by=editor)
    theme = theme_edit(
        theme=theme, data=ThemeInput(**values, status=ThemeStatus.PUBLISHED), by=editor
    )
    published = now - spec["days_ago"] * DAY
    Theme.objects.filter(pk=theme.pk).update(
        created_at=published - 2 * DAY, published_at=published, updated_at=published
    )
    ThemeItem.objects.filter(section__theme=theme).update(added_at=published - DAY)
    return theme


# --- public collections --------------------------------------------------------------------


def _collection(spec: dict, owner: Member, moderator: Member, built: Built) -> Folder:
    folder = folder_create(member=owner, name=spec["name"])
    for item in spec["items"]:
        resource = built.resources[item["resource"]]
        folder_add(member=owner, resource=resource, folder=folder)
        collection_note(member=owner, folder=folder, resource_id=resource.pk, note=item["note"])
    collection_describe(
        member=owner, folder=folder, details=CollectionInput(description=spec["description"])
    )
    collection_publish(member=owner, folder=folder, published=True)
    if spec.get("featured"):
        collection_feature(moderator=moderator, folder=folder, featured=True)
    return folder

"""Demo life around the resources: colleagues rate them (saying where they used them), reply,
moderators pick a few, a demo teacher keeps folders, and the points this earned are dated to
when it happened. Ratings and picks go through the services, so averages, the index and the
recognition ledger are what the site would have made of them."""

import random
from datetime import timedelta

from django.utils import timezone

from staffroom.accounts.services import follow_create
from staffroom.recognition.models import PointEvent
from staffroom.recognition.rules import RESOURCE_PUBLISHED
from staffroom.recognition.services import scores_recompute
from staffroom.resources.feedback import rating_set
from staffroom.resources.folders import folder_add, folder_create, folder_share
from staffroom.resources.models import Reply, Resource

from .content import load

# data/community.json: replies colleagues write, per language, and the contributor's answer.
REPLIES: dict[str, list[str]] = load("community")["replies"]
ANSWERS: dict[str, str] = load("community")["answers"]
# Stars as colleagues give them: mostly good, sometimes not.
STARS = [5, 5, 5, 4, 4, 4, 4, 3, 3, 2]


def build_community(rng: random.Random, cast, write) -> dict:
    now = timezone.now()
    published = list(
        Resource.objects.published().select_related("contributor").prefetch_related("levels")
    )
    _date_publication_points()
    ratings = replies = 0
    for resource in published:
        if rng.random() < 0.45:
            ratings += _rate(rng, resource, cast)
        if rng.random() < 0.15:
            replies += _reply(rng, resource, cast, now)
    picks = _pick(rng, published, cast)
    folders = _folders(rng, published, cast)
    follows = _follows(rng, cast)
    scores_recompute()
    write(
        f"Community: {ratings} ratings, {replies} replies, {picks} moderators' picks, "
        f"{folders} folders, {follows} follows."
    )
    return {"ratings": ratings, "replies": replies, "picks": picks}


def _date_publication_points() -> None:
    """Points for sharing count in the month the resource was published (the demo spreads
    publication dates after publishing)."""
    for event in PointEvent.objects.filter(kind=RESOURCE_PUBLISHED):
        published_at = (
            Resource.objects.filter(pk=event.subject_id)
            .values_list("published_at", flat=True)
            .first()
        )
        if published_at and event.occurred_at != published_at:
            PointEvent.objects.filter(pk=event.pk).update(occurred_at=published_at)


def _colleagues(rng: random.Random, resource: Resource, cast, count: int) -> list:
    others = [t for t in cast.teachers if t.pk != resource.contributor_id]
    return rng.sample(others, min(count, len(others)))


def _rate(rng: random.Random, resource: Resource, cast) -> int:
    levels = list(resource.levels.all())
    raters = _colleagues(rng, resource, cast, rng.randint(1, 7))
    for rater in raters:
        used_with = (
            rng.choice(levels).in_region(rater.region) if levels and rng.random() < 0.6 else None
        )
        rating_set(member=rater, resource=resource, stars=rng.choice(STARS), used_with=used_with)
    return len(raters)


def _reply(rng: random.Random, resource: Resource, cast, now) -> int:
    texts = REPLIES.get(resource.language, REPLIES["en"])
    posted = 0
    for author in _colleagues(rng, resource, cast, rng.randint(1, 2)):
        when = max(resource.published_at, now - timedelta(days=300)) + timedelta(
            days=rng.uniform(1, 30)
        )
        reply = Reply.objects.create(resource=resource, author=author, body=rng.choice(texts))
        Reply.objects.filter(pk=reply.pk).update(created_at=min(when, now))
        posted += 1
        if rng.random() < 0.4:
            answer = Reply.objects.create(
                resource=resource,
                author=resource.contributor,
                parent=reply,
                body=ANSWERS.get(resource.language, ANSWERS["en"]),
            )
            Reply.objects.filter(pk=answer.pk).update(
                created_at=min(when + timedelta(hours=rng.uniform(2, 48)), now)
            )
            posted += 1
    return posted


def _pick(rng: random.Random, published: list, cast) -> int:
    moderator = cast.moderators.get("lager") or next(iter(cast.moderators.values()))
    candidates = [r for r in published if r.contributor_id != moderator.pk]
    picked = rng.sample(candidates, min(len(candidates), max(len(candidates) // 30, 1)))
    for resource in picked:
        Resource.objects.filter(pk=resource.pk).update(
            picked_at=timezone.now(), picked_by=moderator
        )
    return len(picked)


def _folders(rng: random.Random, published: list, cast) -> int:
    """The first demo teacher keeps Favourites and a shared folder for a topic."""
    teacher = cast.teachers[0]
    choices = [r for r in published if r.contributor_id != teacher.pk]
    for resource in rng.sample(choices, min(5, len(choices))):
        folder_add(member=teacher, resource=resource)
    maths = [r for r in choices if "breuk" in r.title.lower() or "fraction" in r.title.lower()]
    shared = folder_create(member=teacher, name="Breuken voor de 4de klas")
    for resource in maths[:4] or choices[:4]:
        folder_add(member=teacher, resource=resource, folder=shared)
    folder_share(member=teacher, folder=shared, shared=True)
    return teacher.folders.count()


def _follows(rng: random.Random, cast) -> int:
    """Every demo teacher follows a few colleagues, a subject they teach and sometimes a
    partner organisation, so that feeds have something in them."""
    made = 0
    for teacher in cast.teachers:
        colleagues = [t for t in cast.teachers if t.pk != teacher.pk]
        targets = rng.sample(colleagues, min(3, len(colleagues)))
        targets += list(teacher.subjects.all()[:1])
        if cast.organisations and rng.random() < 0.5:
            targets.append(rng.choice(cast.organisations)[0])
        for target in targets:
            follow_create(follower=teacher, target=target)
            made += 1
    return made

"""Create the demo content through the project's own services.

Every resource is saved as a draft with real uploaded files, submitted, and decided by a
moderator, exactly as the web forms do it. Afterwards the dates are spread over three years
(the services stamp "now"), files are analysed and open items pre-checked right away instead
of by the worker, the notices settled (notices.py) and the tasks the services queued are
removed again: what they would do is done, or is history (a receipt for a submission of last
month, followers told of a publication of two years ago). The derived stores get one rebuild
each instead of a task per change, and the clock's jobs are recorded as run today (the demo
is a site that has been running): the first start has no burst of queued work.

Nothing the demo does is mailed: it all happened in the past.
"""

import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django_tasks_db.models import DBTaskResult

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import (
    moderation_item_publish,
    moderation_item_reject,
    moderation_item_request_changes,
    moderation_prechecks_run,
)
from staffroom.resources.files import check_upload
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.licences import (
    NO_DERIVATIVES,
    TEACHER_LICENCES,
    Licence,
    remix_licences,
)
from staffroom.resources.models import Resource, ResourceFile
from staffroom.resources.services import resource_file_analyse, resource_save_draft, resource_submit
from staffroom.site.schedule import schedule_record_run

from . import documents, links
from .community import build_community
from .content import load
from .distance import build_distance_learning
from .events import build_events
from .forum import build_forum
from .newsletter import build_newsletter
from .notices import settle_notices
from .people import Cast, ensure_cast
from .plan import FILE_UNSUITED_TYPES, Spec, place, plan
from .terms import ensure_demo_terms
from .usage import build_usage_history
from .writing import (
    DocumentContext,
    compose_description,
    compose_remix_title,
    compose_title,
    document_blocks,
)

DAY = timedelta(days=1)
HISTORY_DAYS = 3 * 365
# What a moderator writes back, in the contributor's interface language (nl or en), and the
# keyword a moderator adds when publishing (to show corrections in the demo).
CHANGES_MESSAGES = load("phrases")["changes_messages"]
REJECT_MESSAGES = load("phrases")["reject_messages"]
MODERATOR_KEYWORDS = load("phrases")["moderator_keywords"]
ACCESSIBILITY_NOTES = load("phrases")["accessibility_notes"]
# The tasks the demo's services queue, all done or history once the demo is built. Previews of
# office documents and pictures of links are left to the worker (after the first start).
DEMO_TASKS = (
    "staffroom.resources.tasks.analyse_resource_file",
    "staffroom.moderation.tasks.run_prechecks",
    "staffroom.moderation.tasks.send_submission_receipt",
    "staffroom.moderation.tasks.send_decision_email",
    "staffroom.events.tasks.mail_confirmation",
    # Followers and saved searches are told of recent publications by notices.py.
    "staffroom.resources.tasks.notify_followers_of_publication",
    "staffroom.search.tasks.notify_saved_searches",
    "staffroom.notifications.tasks.mail_notification",
    # A task per changed entry of a derived store; one rebuild of each replaces them.
    "staffroom.search.tasks.update_search_index",
    "staffroom.search.tasks.update_search_document",
    "staffroom.interop.oai.tasks.update_oai_record",
)
# Queued once, for the worker: `staffroom prepare` (make run) rebuilds both before the worker
# starts and takes these back; after a bare `staffroom demo` the worker runs them.
REBUILD_TASKS = (
    "staffroom.search.tasks.refresh_search_index",
    "staffroom.interop.oai.tasks.rebuild_oai_records",
)


# Minutes in class that contributors give for each type of resource (about half give one).
DURATIONS = {
    "worksheet": (15, 20, 30, 50),
    "exercise": (10, 15, 20),
    "interactive-exercise": (10, 15, 20),
    "lesson-plan": (50, 50, 100, 150),
    "presentation": (30, 50),
    "game": (15, 20, 30),
    "assessment": (30, 50),
    "learning-path": (100, 150, 250),
    "video": (5, 10, 15),
}


def _rechecked(checked_at: datetime, now: datetime) -> datetime:
    """When the clock's periodic re-check last looked at a resource checked at ``checked_at``:
    each time RECHECK_AFTER_DAYS had passed (the day after, the clock runs daily). Without
    this every resource older than that would be due at once on the first start."""
    every = timedelta(days=settings.RECHECK_AFTER_DAYS) + DAY
    while checked_at < now - timedelta(days=settings.RECHECK_AFTER_DAYS):
        checked_at += every
    return min(checked_at, now)


def demo_duration(title: str, type_code: str) -> int | None:
    """A plausible time in class, drawn apart from the demo's random stream (seeded by the
    title) so that adding it changed nothing else in the demo."""
    rng = random.Random(f"duration:{title}")  # noqa: S311 (made-up demo content)
    if type_code not in DURATIONS or rng.random() < 0.5:
        return None
    return rng.choice(DURATIONS[type_code])


class DemoBuilder:
    def __init__(
        self,
        *,
        rng: random.Random,
        count: int,
        password: str,
        write,
        progress: Callable[[str, int, int], object] | None = None,
    ):
        self.rng = rng
        self.count = count
        self.password = password
        self.write = write
        # (label, done, total) for a progress bar; without one, a line every 50 or 100.
        self.progress = progress
        self.now = timezone.now()
        self.levels = {level.code: level for level in Level.objects.all()}
        self.subjects = {subject.code: subject for subject in Subject.objects.all()}
        self.types = {kind.code: kind for kind in ResourceType.objects.all()}
        self.created: list[tuple[Resource, Spec]] = []
        self._cast: Cast | None = None

    @property
    def cast(self) -> Cast:
        """The demo members and organisations; ``run`` makes sure they exist first."""
        if self._cast is None:
            raise RuntimeError("The cast exists once DemoBuilder.run() has created it.")
        return self._cast

    def run(self) -> dict:
        # Everything the demo makes happened in the past: no member is mailed about it.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            return self._run()

    def _run(self) -> dict:
        started = time.monotonic()
        task_cutoff = timezone.now()
        cast = ensure_cast(self.password)
        self._cast = cast
        ensure_demo_terms(Member.objects.filter(pk__in=cast.persons))
        self.write(
            f"Members: {cast.created} created, {len(cast.persons) - cast.created} already there."
        )
        specs = plan(self.rng, self.count, cast)
        # All or nothing: a failed run leaves no half demo that --if-empty would then skip.
        with transaction.atomic():
            for index, spec in enumerate(specs, start=1):
                with transaction.atomic():
                    resource = self._create(spec)
                self.created.append((resource, spec))
                if self.progress is not None:
                    self.progress("Demo resources", index, len(specs))
                elif index % 50 == 0 or index == len(specs):
                    self.write(
                        f"Resources: {index}/{len(specs)} ({time.monotonic() - started:.0f} s)"
                    )
            self._spread_dates()
            community = build_community(self.rng, cast, self.write)
            community["events"] = build_events(self.rng, cast, self.write)
            community |= build_forum(self.rng, self.write)
            community |= build_newsletter(self.rng, cast, self.write)
            # Last, and apart from the random stream: the rest of the demo stays as it was.
            community |= build_distance_learning(cast, self.write)
        analysed = self._analyse_files(started)
        checked = self._run_prechecks()
        community |= settle_notices(timezone.now(), self.write)
        community |= build_usage_history(
            self.rng,
            self.created,
            list(
                Member.objects.filter(pk__in=list(cast.persons)).prefetch_related(
                    "levels", "subjects"
                )
            ),
            self.write,
        )
        self._date_last_visits()
        removed = self._remove_queued_tasks(task_cutoff)
        self._queue_rebuilds()
        schedule_record_run(now=timezone.now())
        self.write(
            f"Analysed {analysed} files, pre-checked {checked} open items, "
            f"removed {removed} queued tasks ({time.monotonic() - started:.0f} s)."
        )
        return self._summary(time.monotonic() - started) | community

    # --- one resource --------------------------------------------------------------------

    def _create(self, spec: Spec) -> Resource:
        original = self._choose_original(spec) if spec.remix else None
        topic = spec.placed_topic
        text = topic.texts[spec.language]
        level = self.levels[spec.level_codes[0]]
        level_label = level.labels.get(spec.language) or level.labels.get("en", "")
        # A form's cleaned data, by field name (ResourceInput.from_values takes any mapping).
        data: dict[str, Any] = {
            "language": spec.language,
            "kind": spec.kind,
            "levels": [self.levels[code] for code in spec.level_codes],
            "subjects": [self.subjects[code] for code in spec.subject_codes],
            "licence": spec.licence,
            "organisation": spec.organisation,
            "keywords": self._keywords(spec, text) if spec.keywords else [],
        }
        url, type_code = "", self._file_type(spec)
        if spec.kind == "link":
            url, type_code = links.link_for(self.rng, topic.key, text, spec.language)
        elif spec.kind == "embed":
            url, type_code = links.embed_for(self.rng)
        resource_type = self.types[type_code]
        type_label = resource_type.labels.get(spec.language, resource_type.code)
        if original is not None:
            title = compose_remix_title(self.rng, original.title, spec.language, level_label)
            data["based_on"] = original
            remix_of = (original.title, original.credited_author)
        else:
            title = compose_title(self.rng, text, spec.language, type_label, level_label)
            remix_of = None
        data.update(
            title=title,
            url=url,
            resource_type=resource_type,
            description=compose_description(
                self.rng,
                text,
                spec.language,
                level_label,
                remix_of=remix_of,
                organisation=spec.organisation.name if spec.organisation else "",
            ),
            accessibility_notes=(
                self.rng.choice(ACCESSIBILITY_NOTES[spec.language]) if spec.accessibility else ""
            ),
            duration=demo_duration(title, type_code),
        )
        if spec.status == "draft" and self.rng.random() < 0.5:
            # Drafts are often unfinished: no levels or subjects chosen yet.
            data.pop("levels")
            data.pop("subjects")
        uploads = []
        if spec.kind == "file":
            subject = self.subjects[spec.subject_codes[0]]
            context = DocumentContext(
                title=title,
                language=spec.language,
                type_code=type_code,
                type_label=type_label,
                level_label=level_label,
                subject_label=subject.labels.get(spec.language) or subject.code,
                author=spec.organisation.name if spec.organisation else spec.contributor.name,
                licence_label=str(Licence(spec.licence).label),
                all_rights_reserved=spec.licence == Licence.ALL_RIGHTS_RESERVED,
            )
            uploads = [
                self._upload(text, context, file_format, teacher_notes=position > 0)
                for position, file_format in enumerate(spec.formats)
            ]
        resource = resource_save_draft(
            contributor=spec.contributor, data=ResourceInput.from_values(data), uploads=uploads
        )
        if spec.status != "draft":
            self._moderate(spec, resource)
        return resource

    def _moderate(self, spec: Spec, resource: Resource) -> None:
        item = resource_submit(resource=resource, contributor=spec.contributor)
        moderator = self.cast.moderators[spec.moderator_key]
        language = spec.contributor.language if spec.contributor.language in ("nl", "en") else "nl"
        if spec.status == "published":
            corrected = None
            if spec.corrected:
                corrected = {"keywords": [*resource.keywords, MODERATOR_KEYWORDS[spec.language]]}
            moderation_item_publish(item=item, moderator=moderator, corrected=corrected)
        elif spec.status == "changes":
            moderation_item_request_changes(
                item=item,
                moderator=moderator,
                message=self.rng.choice(CHANGES_MESSAGES[language]),
            )
        elif spec.status == "rejected":
            moderation_item_reject(
                item=item, moderator=moderator, message=self.rng.choice(REJECT_MESSAGES[language])
            )

    def _choose_original(self, spec: Spec) -> Resource:
        """A published CC BY or BY-SA resource by someone else, adopted with its topic."""
        candidates = [
            (resource, source)
            for resource, source in self.created
            if source.status == "published"
            and source.topic is not None
            and not source.remix
            and resource.licence in (Licence.BY, Licence.BY_SA)
            and resource.contributor_id != spec.contributor.pk
        ]
        original, source = self.rng.choice(candidates)
        spec.language, spec.topic, spec.band = source.language, source.topic, source.band
        place(self.rng, spec, source.placed_topic, source.band)
        allowed = [
            licence for licence in remix_licences(original.licence) if licence in TEACHER_LICENCES
        ]
        # Most adapters keep the original's licence; few close theirs with "no derivatives".
        open_ones = [licence for licence in allowed if licence not in NO_DERIVATIVES]
        spec.licence = (
            original.licence if self.rng.random() < 0.6 else self.rng.choice(open_ones or allowed)
        )
        return original

    def _file_type(self, spec: Spec) -> str:
        suited = [code for code in spec.placed_topic.types if code not in FILE_UNSUITED_TYPES]
        return self.rng.choice(suited or ["worksheet"])

    def _keywords(self, spec: Spec, text) -> list[str]:
        count = min(len(text.keywords), self.rng.randint(2, 5))
        return self.rng.sample(list(text.keywords), count)

    def _upload(self, text, context: DocumentContext, file_format: str, *, teacher_notes: bool):
        blocks = document_blocks(self.rng, text, context, teacher_notes=teacher_notes)
        content = documents.render(blocks, file_format, language=context.language)
        stem = slugify(blocks[0][1])[:70] or "document"
        return check_upload(SimpleUploadedFile(f"{stem}.{file_format}", content))

    # --- history -------------------------------------------------------------------------

    def _spread_dates(self) -> None:
        """Give the resources, their moderation and their downloads a three-year history."""
        rng, now = self.rng, self.now
        resources, items = [], []
        by_pk = {resource.pk: resource for resource, _ in self.created}
        for resource, spec in self.created:
            submitted: datetime | None
            decided: datetime | None
            if spec.status == "published":
                if spec.remix:
                    # The original is published and dated above: remixes come after it.
                    original = by_pk.get(resource.based_on_id) if resource.based_on_id else None
                    earliest = (
                        original.published_at + 14 * DAY
                        if original is not None and original.published_at is not None
                        else now - 300 * DAY
                    )
                    span = max((now - earliest).total_seconds(), 86400)
                    published = earliest + timedelta(seconds=rng.random() * span) - DAY
                else:
                    days = max(1.0, HISTORY_DAYS * rng.random() ** 1.35)
                    published = now - timedelta(days=days, hours=rng.random() * 12)
                submitted = published - timedelta(days=rng.uniform(0.2, 6))
                resource.published_at = published
                resource.checked_at = published
                if (now - published).days > 500 and rng.random() < 0.1:
                    resource.checked_at = published + timedelta(days=rng.uniform(365, 480))
                resource.checked_at = _rechecked(resource.checked_at, now)
                resource.download_count = self._downloads(spec, (now - published).days)
                decided = published
            elif spec.status == "pending":
                submitted = now - timedelta(days=rng.uniform(0.1, 20))
                decided = None
            elif spec.status in ("changes", "rejected"):
                submitted = now - timedelta(days=rng.uniform(3, 60))
                decided = submitted + timedelta(days=rng.uniform(0.5, 4))
            else:
                submitted, decided = None, None
            created = (submitted or now - timedelta(days=rng.uniform(0.2, 30))) - timedelta(
                days=rng.uniform(0, 3)
            )
            resource.created_at = created
            resource.submitted_at = submitted
            resource.updated_at = decided or submitted or created
            resources.append(resource)
            for item in resource.moderation_items.all():
                item.created_at = submitted or created
                if decided is not None:
                    item.decided_at = decided
                    item.taken_at = decided - timedelta(minutes=rng.randint(3, 90))
                    item.taken_by = item.decided_by
                elif submitted is not None and rng.random() < 0.25:
                    item.taken_by = self.cast.moderators[spec.moderator_key]
                    taken = submitted + timedelta(hours=rng.uniform(1, 30))
                    item.taken_at = min(taken, now)
                items.append(item)
        Resource.objects.bulk_update(
            resources,
            [
                "created_at",
                "updated_at",
                "submitted_at",
                "published_at",
                "checked_at",
                "download_count",
            ],
            batch_size=200,
        )
        ModerationItem.objects.bulk_update(
            items, ["created_at", "decided_at", "taken_at", "taken_by"], batch_size=200
        )
        for member in Member.objects.filter(pk__in=list(self.cast.persons), last_login=None):
            member.date_joined = now - timedelta(days=rng.uniform(HISTORY_DAYS + 10, 1800))
            member.save(update_fields=["date_joined"])

    def _downloads(self, spec: Spec, age_days: int) -> int:
        """Most resources are downloaded a little, a few a lot; older ones more."""
        count = self.rng.lognormvariate(2.4, 1.1) * (1 + age_days / 365)
        if spec.organisation is not None:
            count *= 2
        if spec.kind != "file":
            count *= 0.6
        return min(int(count), 9000)

    # --- derived data and clean-up -------------------------------------------------------

    def _analyse_files(self, started: float) -> int:
        pending = list(ResourceFile.objects.filter(analysed_at=None).order_by("pk"))
        for index, resource_file in enumerate(pending, start=1):
            resource_file_analyse(resource_file=resource_file)
            if self.progress is not None:
                self.progress("Demo files read", index, len(pending))
            elif index % 100 == 0:
                self.write(
                    f"Files analysed: {index}/{len(pending)} ({time.monotonic() - started:.0f} s)"
                )
        return len(pending)

    def _run_prechecks(self) -> int:
        items = list(
            ModerationItem.objects.filter(decision="", checks_ran_at=None).select_related(
                "resource"
            )
        )
        for item in items:
            moderation_prechecks_run(item=item)
        return len(items)

    def _date_last_visits(self) -> None:
        """Demo members used the site in the last weeks (they rated and replied): without a
        last visit, their accounts joined years ago would count as unused, and the clock's
        daily pass would warn them all by mail and later delete them (accounts/deletion.py)."""
        rng = random.Random("demo visits")  # noqa: S311 (made-up dates); apart from the content's
        now = timezone.now()
        members = list(Member.objects.filter(pk__in=list(self.cast.persons)).order_by("pk"))
        for member in members:
            member.last_active_at = now - timedelta(days=rng.uniform(0, 21))
        Member.objects.bulk_update(members, ["last_active_at"])

    def _queue_rebuilds(self) -> None:
        for path in REBUILD_TASKS:
            import_string(path).enqueue()

    def _remove_queued_tasks(self, since) -> int:
        """The work those tasks would do is done; without this the worker would redo it and
        mail every demo address a receipt and a decision."""
        deleted, _ = DBTaskResult.objects.filter(
            enqueued_at__gte=since, status="READY", task_path__in=DEMO_TASKS
        ).delete()
        return deleted

    def _summary(self, seconds: float) -> dict:
        statuses = Counter(
            Resource.objects.filter(
                pk__in=[resource.pk for resource, _ in self.created]
            ).values_list("status", flat=True)
        )
        languages = Counter(spec.language for _, spec in self.created)
        regions = Counter(spec.region for _, spec in self.created)
        kinds = Counter(spec.kind for _, spec in self.created)
        formats = Counter(
            f for _, spec in self.created for f in spec.formats if spec.kind == "file"
        )
        return {
            "resources": len(self.created),
            "statuses": dict(statuses),
            "languages": dict(languages),
            "regions": dict(regions),
            "kinds": dict(kinds),
            "formats": dict(formats),
            "partner": sum(1 for _, spec in self.created if spec.organisation is not None),
            "remixes": sum(1 for _, spec in self.created if spec.remix),
            "members": len(self.cast.persons),
            "seconds": seconds,
        }

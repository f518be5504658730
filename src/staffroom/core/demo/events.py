"""Demo webinars and trainings: a few coming up (with colleagues registered and one full with
a waitlist), one past, and a partner's paid training, all made through the events services."""

import random
from datetime import timedelta

from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.events.models import Topic
from staffroom.events.services import event_create, event_publish, register

# (days from now, hour in Brussels, title, topic, level codes, subject codes, language, capacity)
EVENTS = [
    (
        3,
        15,
        "Breuken visueel maken in het lager onderwijs",
        Topic.DIDACTICS,
        ["fl-lo", "nl-po"],
        ["fl-wis"],
        "nl",
        40,
    ),
    (8, 16, "Afstandsonderwijs: wat werkte, wat niet?", Topic.DISTANCE, ["fl-so"], [], "nl", 12),
    (
        15,
        20,
        "Differentiëren met digitale oefeningen",
        Topic.DIGITAL,
        ["fl-lo", "fl-so"],
        [],
        "nl",
        100,
    ),
    (
        22,
        16,
        "Assessing speaking skills fairly",
        Topic.ASSESSMENT,
        ["fl-so", "nl-vo"],
        [],
        "en",
        60,
    ),
    (-20, 15, "Welbevinden in de klas na de vakantie", Topic.WELLBEING, ["fl-bao"], [], "nl", 80),
]
QUESTIONS = [
    "Hoe pak je dit aan met een heel heterogene klas?",
    "Zijn er voorbeelden voor het eerste leerjaar?",
    "Welke tools zijn gratis voor scholen?",
    "",
]


def build_events(rng: random.Random, cast, write) -> int:
    staff = cast.moderators.get("staff")
    if staff is None or not staff.is_staff:
        return 0
    now = timezone.localtime()
    made = 0
    for days, hour, title, topic, levels, subjects, language, capacity in EVENTS:
        starts = (now + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
        event = event_create(
            staff=staff,
            data={
                "kind": "webinar",
                "title": title,
                "description": f"{title}. Een webinar met collega's uit de praktijk.",
                "topic": topic,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=1),
                "capacity": capacity,
                "language": language,
                "online": True,
                "room_kind": "external",
                "external_url": "https://meet.example.org/staffroom-demo",
                "levels": list(Level.objects.filter(code__in=levels)),
                "subjects": list(Subject.objects.filter(code__in=subjects)),
                "presenter_names": "Staffroomteam",
            },
        )
        event_publish(staff=staff, event=event)
        made += 1
        if days > 0:
            # Colleagues register; the small one fills up and gets a waitlist.
            for teacher in rng.sample(cast.teachers, min(len(cast.teachers), capacity + 3, 15)):
                register(member=teacher, event=event, question=rng.choice(QUESTIONS))
    write(f"Events: {made} webinars.")
    return made

"""Demo life in the teachers' room: questions Flemish and Dutch teachers ask each other, in
their own terminology (and a few in English), answered by colleagues, by two invited experts
and by the Staffroom team; some answers link demo resources, colleagues vote, askers accept.

Everything goes through the forum's services (counts, notices, points and the search index are
what the site would make of them); afterwards the dates are spread over the past months and the
points of accepted answers dated to their acceptance.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level, Subject
from staffroom.forum.models import Answer, ForumExpert, Question
from staffroom.forum.services import answer_accept, answer_post, answer_vote, question_ask
from staffroom.recognition.models import PointEvent
from staffroom.recognition.rules import ANSWER_ACCEPTED
from staffroom.recognition.services import scores_recompute
from staffroom.resources.models import Resource, Status

from .people import DOMAIN

# Demo teachers the Staffroom team invited as experts of the teachers' room.
EXPERTS = {
    "ine.vandenbroeck": "Zorgcoördinator, buitengewoon onderwijs",
    "femke.bos": "Remedial teacher",
}


@dataclass(frozen=True)
class DemoAnswer:
    author: str  # the local part of a demo address
    body: str
    # Words of a demo resource's title to link (the first published one that has them).
    links: tuple[str, ...] = ()
    votes: int = 0


@dataclass(frozen=True)
class DemoQuestion:
    asker: str
    title: str
    body: str
    levels: tuple[str, ...]
    subjects: tuple[str, ...]
    tags: tuple[str, ...] = ()
    answers: tuple[DemoAnswer, ...] = ()
    accepted: int | None = None  # which answer the asker accepted
    links: tuple[str, ...] = ()


QUESTIONS = [
    DemoQuestion(
        "lien.wouters",
        "Hoe leg ik gelijknamige breuken uit aan mijn derde leerjaar?",
        "Mijn leerlingen kunnen een breuk kleuren, maar zodra ik twee breuken met dezelfde "
        "noemer laat vergelijken, haken er een paar af. Wie heeft een aanpak die werkt? "
        "Liefst iets concreets, met materiaal.",
        ("fl-lo-3",),
        ("fl-wis",),
        ("breuken", "concreet materiaal"),
        (
            DemoAnswer(
                "an.peeters",
                "Ik laat ze eerst **pizzapunten** knippen uit karton. Pas als ze zien dat "
                "3/8 en 5/8 uit even grote stukken bestaan, gaan we noteren.\n\n"
                "- eerst leggen\n- dan tekenen\n- pas dan rekenen",
                links=("breuk", "fraction"),
                votes=4,
            ),
            DemoAnswer(
                "femke.bos",
                "Voor leerlingen die blijven haken: laat ze hardop verwoorden wat de noemer "
                "zegt (*in hoeveel gelijke stukken*) en wat de teller zegt (*hoeveel stukken "
                "neem ik*). Die taal is vaak het probleem, niet het rekenen.",
                votes=3,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "daan.jansen",
        "Welke rekenspellen gebruiken jullie in groep 6 voor de tafels?",
        "De tafels zitten er bij een deel van mijn groep nog niet in. Ik zoek spellen die ik "
        "in circuitvorm kan inzetten, zonder dat ik bij elk groepje moet staan.",
        ("nl-po-6",),
        ("nl-rw",),
        ("tafels", "spel", "circuit"),
        (
            DemoAnswer(
                "lien.wouters",
                "Tafelbingo werkt bij ons goed: de kaarten maken de leerlingen zelf. En "
                "'Ren je rot' met antwoorden op de muur voor als het buiten regent.",
                votes=2,
            ),
            DemoAnswer(
                "bart.goossens",
                "Dobbelstenen en een speelbord met de uitkomsten. Wie als eerste een rij heeft, "
                "wint. Kost niets en ze vragen er elke week om.",
                votes=1,
            ),
        ),
        accepted=1,
    ),
    DemoQuestion(
        "els.maes",
        "Hoe hou ik een klasraad met kleuters van de derde kleuterklas?",
        "Ik wil een klasraad invoeren, maar mijn kleuters van vijf praten allemaal door elkaar. "
        "Hoe structureren jullie dat?",
        ("fl-ko-3",),
        ("fl-wo",),
        ("klasraad", "inspraak"),
        (
            DemoAnswer(
                "nele.jacobs",
                "Wij werken met een **praatsteen**: wie hem vasthoudt, mag spreken. Eén vraag "
                "per keer, en ik noteer met pictogrammen op een groot blad.",
                votes=3,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "sanne.devries",
        "Practicum fotosynthese zonder dure materialen?",
        "Voor havo 3 zoek ik een proef over fotosynthese die ik met gewone keukenspullen kan "
        "doen. Ons practicumlokaal is dit jaar maar beperkt beschikbaar.",
        ("nl-havo-3",),
        ("nl-bio",),
        ("practicum", "fotosynthese"),
        (
            DemoAnswer(
                "wim.vermeulen",
                "Bladschijfjes van spinazie in een spuit met water en een beetje "
                "bakpoeder: onder een lamp gaan ze na een paar minuten drijven. Je kunt de "
                "afstand tot de lamp variëren en meten.",
                links=("fotosynthese", "photosynthesis"),
                votes=5,
            ),
            DemoAnswer(
                "sarah.elamrani",
                "Waterpest in een maatcilinder onder een lamp en de belletjes tellen per "
                "minuut. Simpel, en leerlingen kunnen zelf een variabele kiezen.",
                votes=2,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "katrien.desmet",
        "Differentiëren bij begrijpend lezen in de eerste graad",
        "In mijn klas van het eerste middelbaar zitten sterke lezers naast leerlingen met "
        "dyslexie. Hoe differentiëren jullie bij dezelfde tekst zonder drie lessen voor te "
        "bereiden?",
        ("fl-so-1g",),
        ("fl-ned",),
        ("begrijpend lezen", "differentiatie", "dyslexie"),
        (
            DemoAnswer(
                "ine.vandenbroeck",
                "Dezelfde tekst, drie soorten vragen: letterlijk, afleiden en beoordelen. "
                "Iedereen start bij de eerste reeks. Voor leerlingen met dyslexie: de tekst "
                "vooraf voorlezen (voorleessoftware) en een lettertype met ruimere spatiëring.",
                votes=4,
            ),
            DemoAnswer(
                "stijn.hermans",
                "Ik geef de sterke lezers een tweede, moeilijkere tekst over hetzelfde thema. "
                "Bij de nabespreking vullen ze elkaar dan aan.",
                votes=1,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "bram.visser",
        "Grafische rekenmachine of GeoGebra bij het examen wiskunde B?",
        "Onze sectie twijfelt of we in de bovenbouw vwo helemaal overstappen op GeoGebra. Hoe "
        "bereiden jullie leerlingen voor als het centraal examen nog met de grafische "
        "rekenmachine is?",
        ("nl-vwo-5", "nl-vwo-6"),
        ("nl-wi",),
        ("examen", "GeoGebra"),
        (
            DemoAnswer(
                "jan.janssens",
                "Bij ons (Vlaanderen, derde graad) gebruiken we GeoGebra in de les en de "
                "rekenmachine bij toetsen. Het begrip groeit met GeoGebra; de knoppen leren ze "
                "in het laatste jaar.",
                votes=2,
            ),
        ),
    ),
    DemoQuestion(
        "pieter.claes",
        "Bronnenonderzoek over de Eerste Wereldoorlog: welke bronnen gebruiken jullie?",
        "Voor het tweede jaar wil ik leerlingen zelf laten werken met brieven van soldaten aan "
        "de IJzer. Kennen jullie betrouwbare, vrij te gebruiken bronnen?",
        ("fl-so-1g",),
        ("fl-gesch",),
        ("WOI", "bronnen"),
        (
            DemoAnswer(
                "koen.dubois",
                "De archieven van de provincie hebben gedigitaliseerde frontbrieven. Laat "
                "leerlingen per brief noteren wie schrijft, voor wie en wat hij *niet* mocht "
                "schrijven (censuur): dat opent het gesprek.",
                links=("wereldoorlog", "world war"),
                votes=3,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "marieke.mulder",
        "Hoe begeleid ik een leerling met selectief mutisme in groep 4?",
        "Een leerling in mijn groep praat op school niet, thuis wel. Ouders en IB'er zijn "
        "betrokken, maar wat kan ik in de klas doen zonder druk te zetten?",
        ("nl-po-4",),
        ("nl-sev",),
        ("zorg", "passend onderwijs"),
        (
            DemoAnswer(
                "staff",
                "Goede vraag om hier te stellen. Leg geen nadruk op het spreken zelf: laat "
                "non-verbaal meedoen toe (wijzen, kaartjes, schrijven) en beloon deelname. "
                "Bespreek met de IB'er of een specialist kan meekijken.",
                votes=2,
            ),
            DemoAnswer(
                "femke.bos",
                "Werk met kleine stappen: eerst fluisteren tegen een vriendje in een rustige "
                "hoek, later in een klein groepje. Spreek met de leerling af welk kaartje "
                "betekent dat hij even met rust gelaten wil worden.",
                votes=4,
            ),
        ),
        accepted=1,
    ),
    DemoQuestion(
        "tom.mertens",
        "How do you teach Python to a mixed-ability class?",
        "My class in the second grade of secondary school ranges from pupils who already code "
        "at home to pupils who have never opened a terminal. How do you keep both engaged?",
        ("fl-so-2g",),
        ("fl-dig-inf",),
        ("python", "programming", "differentiation"),
        (
            DemoAnswer(
                "thijs.smit",
                "Pair programming with rotating roles (driver and navigator) helps a lot. I "
                "also keep a list of *stretch tasks* for every exercise so the fast ones never "
                "wait.",
                votes=3,
            ),
            DemoAnswer(
                "hanne.lambrechts",
                "Start with Turtle graphics: beginners see results at once, experienced pupils "
                "can draw fractals.",
                votes=1,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "joost.vandijk",
        "Speaking assessments in English: how do you grade fairly?",
        "For my havo 4 classes I want a speaking test that is fair and does not take a whole "
        "week of lessons. Do you use rubrics?",
        ("nl-havo-4",),
        ("nl-en",),
        ("speaking", "rubric", "assessment"),
        (
            DemoAnswer(
                "katrien.desmet",
                "I use a short rubric with four criteria (fluency, range, accuracy, "
                "interaction) and record pairs of pupils, so I can grade at home.",
                votes=2,
            ),
        ),
    ),
    DemoQuestion(
        "sofie.willems",
        "Franse woordenschat inoefenen in het vijfde leerjaar: tips?",
        "Mijn leerlingen van het vijfde leerjaar vergeten de woordjes na een week. Hoe "
        "herhalen jullie zonder dat het saai wordt?",
        ("fl-lo-5",),
        ("fl-fra",),
        ("Frans", "woordenschat"),
        (),
    ),
    DemoQuestion(
        "lotte.dejong",
        "Ouders betrekken bij het lezen in groep 1-2",
        "Ik wil ouders van mijn kleuters meer laten voorlezen thuis. Wat werkt bij jullie: een "
        "leestas, een ouderavond, iets digitaals?",
        ("nl-po-kl",),
        ("nl-ne",),
        ("voorlezen", "ouders"),
        (),
    ),
    DemoQuestion(
        "niels.vandenberg",
        "Economie voor volwassenen die terugkeren naar school",
        "In het volwassenenonderwijs heb ik cursisten van 20 tot 60. Hoe maken jullie "
        "economie concreet voor wie al jaren werkt?",
        ("nl-volw",),
        ("nl-ec",),
        ("volwassenenonderwijs",),
        (
            DemoAnswer(
                "dries.michiels",
                "Laat ze vertrekken van hun eigen loonbrief of energiefactuur. Ze weten meer "
                "dan ze denken, en de theorie komt daarna vanzelf.",
                votes=2,
            ),
        ),
        accepted=0,
    ),
    DemoQuestion(
        "wim.vermeulen",
        "Zuren en basen: veilige proeven voor de tweede graad?",
        "Ik zoek proeven rond zuren en basen die ik met een volle klas veilig kan laten doen. "
        "Rodekoolsap ken ik al: wat nog?",
        ("fl-so-2g",),
        ("fl-chem",),
        ("practicum", "veiligheid"),
        (
            DemoAnswer(
                "sanne.devries",
                "Bruistabletten in water met en zonder azijn, en de tijd meten. En indicator "
                "van kurkuma: geel in zuur, rood in base.",
                links=("zuren", "acids"),
                votes=1,
            ),
        ),
    ),
]


def _members() -> dict[str, Member]:
    return {
        member.email.split("@")[0]: member
        for member in Member.objects.filter(email__endswith=f"@{DOMAIN}")
    }


def _resource_for(words: tuple[str, ...]) -> list[Resource]:
    query = Q()
    for word in words:
        query |= Q(title__icontains=word)
    found = Resource.objects.filter(query, status=Status.PUBLISHED).order_by("pk").first()
    return [found] if found else []


def build_forum(rng: random.Random, write) -> dict:
    """Ask, answer, vote and accept the demo questions; returns how many of each."""
    members = _members()
    staff = members["staff"]
    for local_part, expertise in EXPERTS.items():
        ForumExpert.objects.get_or_create(
            member=members[local_part], defaults={"expertise": expertise, "marked_by": staff}
        )
    voters = [member for key, member in members.items() if "." in key and key != "staff"]
    now = timezone.now()
    answers = votes = accepted = 0
    for age, spec in zip(
        sorted((rng.uniform(3, 240) for _ in QUESTIONS), reverse=True), QUESTIONS, strict=True
    ):
        asked_at = now - timedelta(days=age)
        question = question_ask(
            member=members[spec.asker],
            data={
                "title": spec.title,
                "body": spec.body,
                "levels": list(Level.objects.filter(code__in=spec.levels)),
                "subjects": list(Subject.objects.filter(code__in=spec.subjects)),
                "tags": list(spec.tags),
                "resources": _resource_for(spec.links) if spec.links else [],
            },
        )
        # Dated at once: the posting limits count what was posted in the last minutes.
        Question.objects.filter(pk=question.pk).update(created_at=asked_at, active_at=asked_at)
        answered_at = asked_at
        posted = []
        for demo in spec.answers:
            answered_at = min(answered_at + timedelta(hours=rng.uniform(2, 72)), now)
            answer = answer_post(
                member=members[demo.author],
                question=question,
                body=demo.body,
                resources=_resource_for(demo.links) if demo.links else [],
            )
            Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
            Question.objects.filter(pk=question.pk).update(active_at=answered_at)
            others = [v for v in voters if v.pk != answer.author_id]
            for voter in rng.sample(others, min(demo.votes, len(others))):
                answer_vote(member=voter, answer=answer)
            posted.append(answer)
            answers += 1
            votes += demo.votes
        if spec.accepted is not None:
            chosen = posted[spec.accepted]
            answer_accept(member=members[spec.asker], answer=chosen)
            PointEvent.objects.filter(kind=ANSWER_ACCEPTED, subject_id=chosen.pk).update(
                occurred_at=min(answered_at + timedelta(days=1), now)
            )
            accepted += 1
    scores_recompute()
    write(
        f"Teachers' room: {len(QUESTIONS)} questions, {answers} answers, {votes} votes, "
        f"{accepted} accepted, {len(EXPERTS)} experts."
    )
    return {"questions": len(QUESTIONS), "answers": answers}

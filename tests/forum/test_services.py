"""Use-cases of the teachers' room: asking, answering, voting, accepting (with points and
notices), editing, experts, and what each refuses."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.forum import services
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import ForumExpert, Question, Vote
from staffroom.recognition import rules
from staffroom.recognition.models import PointEvent
from staffroom.recognition.queries import points_of
from staffroom.resources.models import Status
from staffroom.search.backends import get_backend
from staffroom.search.backends.base import SearchRequest
from tests.factories import MemberFactory, ResourceFactory, StaffFactory
from tests.forum.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def established(**fields):
    """A member of some months: the posting limits of new accounts do not apply."""
    return MemberFactory(date_joined=timezone.now() - timedelta(days=120), **fields)


def ask(member=None, **data):
    values = {
        "title": "Hoe leg ik gelijknamige breuken uit?",
        "body": "Mijn leerlingen van het derde leerjaar haken af. Wie heeft een goede aanpak?",
        "levels": [Level.objects.get(code="fl-lo-3")],
        "subjects": [Subject.objects.get(code="fl-wis")],
        "tags": ["breuken", "differentiatie"],
    }
    values.update(data)
    return services.question_ask(member=member or established(), data=QuestionInput(**values))


def notices(member) -> list[tuple[str, dict]]:
    return [(n.kind, n.params) for n in member.notifications.all()]


# --- asking -----------------------------------------------------------------------------------


def test_asking_stores_the_question_guesses_its_language_and_indexes_it(
    django_capture_on_commit_callbacks,
):
    resource = ResourceFactory(title="Breukenmuur")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(tags=[" breuken ", "Breuken", "#rekenen", ""], resources=[resource])
    question.refresh_from_db()
    assert question.language == "nl"
    assert question.tags == ["breuken", "rekenen"]
    assert list(question.resources.all()) == [resource]
    assert [level.code for level in question.levels.all()] == ["fl-lo-3"]
    assert question.answer_count == 0 and question.accepted_answer is None
    found = get_backend("questions").search(SearchRequest(text="gelijknamige breuk"))
    assert found.ids == [question.pk]
    # The resources' index is a different collection: the question is not a resource.
    assert get_backend().search(SearchRequest(text="gelijknamige")).ids == []


def test_an_english_question_is_english_and_a_short_one_takes_the_askers_language():
    english = ask(
        title="How do I teach equivalent fractions?",
        body="My pupils in year four struggle with equivalent fractions and pizza slices.",
    )
    assert english.language == "en"
    short = ask(member=established(language="en"), title="Breuken: tips?", body="")
    assert short.language == "en"
    chosen = ask(title="Fractions in het Frans?", body="", language="fr")
    assert chosen.language == "fr"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "Breuken?"}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 20_001}, "body"),
    ],
)
def test_a_question_needs_a_real_question(data, field):
    with pytest.raises(ValidationError) as refused:
        ask(**data)
    assert field in refused.value.message_dict
    assert not Question.objects.exists()


def test_only_published_resources_can_be_linked():
    draft = ResourceFactory(status=Status.DRAFT, published_at=None)
    with pytest.raises(ValidationError, match="published"):
        ask(resources=[draft])
    with pytest.raises(ValidationError, match="at most"):
        ask(resources=ResourceFactory.create_batch(11))


def test_new_accounts_may_not_flood_the_room():
    newcomer = MemberFactory()  # joined today
    for n in range(3):
        ask(member=newcomer, title=f"Vraag nummer {n} over breuken")
    with pytest.raises(ValidationError, match="later"):
        ask(member=newcomer, title="Vraag nummer 4 over breuken")
    assert Question.objects.filter(author=newcomer).count() == 3


# --- answering --------------------------------------------------------------------------------


def test_an_answer_counts_tells_the_asker_and_makes_the_question_findable_by_its_text(
    django_capture_on_commit_callbacks,
):
    asker = established()
    question = ask(member=asker)
    helper = established(name="Jan Peeters")
    resource = ResourceFactory(title="Pizzabreuken")
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_post(
            member=helper,
            question=question,
            body="Gebruik **pizzapunten** en laat ze eerst vergelijken.",
            resources=[resource],
        )
    question.refresh_from_db()
    assert question.answer_count == 1
    assert list(answer.resources.all()) == [resource]
    assert notices(asker) == [
        ("question_answered", {"member": "Jan Peeters", "title": question.title})
    ]
    assert asker.notifications.get().url == f"{question.get_absolute_url()}#answer-{answer.pk}"
    # Words of the answer find the question (Markdown reduced to its text).
    found = get_backend("questions").search(SearchRequest(text="pizzapunt", highlight=True))
    assert found.ids == [question.pk]
    assert ("pizzapunten", True) in found.highlights[question.pk]["text"]


def test_answering_ones_own_question_tells_nobody():
    asker = established()
    question = ask(member=asker)
    services.answer_post(member=asker, question=question, body="Zelf gevonden: pizzapunten.")
    assert notices(asker) == []
    question.refresh_from_db()
    assert question.answer_count == 1


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 20_001])
def test_an_empty_or_huge_answer_is_refused(body):
    question = ask()
    with pytest.raises(ValidationError) as refused:
        services.answer_post(member=established(), question=question, body=body)
    assert "body" in refused.value.message_dict
    assert not question.answers.exists()


# --- votes ------------------------------------------------------------------------------------


def test_votes_one_per_member_taken_back_never_for_ones_own():
    question = ask()
    author = established()
    answer = services.answer_post(member=author, question=question, body="Pizzapunten.")
    voters = [established() for _ in range(3)]
    for voter in voters:
        services.answer_vote(member=voter, answer=answer)
    services.answer_vote(member=voters[0], answer=answer)  # again: still one
    answer.refresh_from_db()
    assert answer.vote_count == 3 == Vote.objects.count()
    services.answer_vote(member=voters[1], answer=answer, up=False)
    services.answer_vote(member=voters[1], answer=answer, up=False)  # nothing left to remove
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.vote_count == 2
    assert question.vote_count == 2
    with pytest.raises(ValidationError, match="own answer"):
        services.answer_vote(member=author, answer=answer)
    assert answer.votes.count() == 2


def test_the_question_counts_the_votes_of_all_its_answers():
    question = ask()
    first = services.answer_post(member=established(), question=question, body="Eerste.")
    second = services.answer_post(member=established(), question=question, body="Tweede.")
    voter = established()
    services.answer_vote(member=voter, answer=first)
    services.answer_vote(member=voter, answer=second)
    services.answer_vote(member=established(), answer=second)
    question.refresh_from_db()
    assert (question.vote_count, question.answer_count, question.popularity) == (3, 2, 5)


# --- accepting --------------------------------------------------------------------------------


def test_accepting_earns_points_and_moving_acceptance_takes_them_back():
    asker = established(name="An Peeters")
    question = ask(member=asker)
    first_author, second_author = established(), established()
    first = services.answer_post(member=first_author, question=question, body="Pizzapunten.")
    second = services.answer_post(member=second_author, question=question, body="Breukenmuur.")
    services.answer_accept(member=asker, answer=first)
    question.refresh_from_db()
    assert question.accepted_answer == first
    assert points_of(first_author) == rules.POINTS[rules.ANSWER_ACCEPTED]
    assert ("answer_accepted", {"member": "An Peeters", "title": question.title}) in notices(
        first_author
    )
    # The first accepted answer also earns a badge.
    assert "badge_earned" in [kind for kind, _params in notices(first_author)]
    services.answer_accept(member=asker, answer=first)  # again: nothing changes
    assert PointEvent.objects.filter(kind=rules.ANSWER_ACCEPTED).count() == 1

    services.answer_accept(member=asker, answer=second)
    question.refresh_from_db()
    assert question.accepted_answer == second
    assert points_of(first_author) == 0
    assert points_of(second_author) == rules.POINTS[rules.ANSWER_ACCEPTED]
    assert list(PointEvent.objects.values_list("member_id", "subject_id")) == [
        (second_author.pk, second.pk)
    ]

    services.answer_unaccept(member=asker, question=question)
    question.refresh_from_db()
    assert question.accepted_answer is None
    assert points_of(second_author) == 0


def test_only_the_asker_accepts_and_accepting_ones_own_answer_earns_nothing():
    asker = established()
    question = ask(member=asker)
    answer = services.answer_post(member=established(), question=question, body="Pizzapunten.")
    with pytest.raises(ValidationError, match="asked"):
        services.answer_accept(member=answer.author, answer=answer)
    with pytest.raises(ValidationError, match="asked"):
        services.answer_unaccept(member=answer.author, question=question)
    own = services.answer_post(member=asker, question=question, body="Zelf gevonden.")
    services.answer_accept(member=asker, answer=own)
    question.refresh_from_db()
    assert question.accepted_answer == own
    assert not PointEvent.objects.exists()
    assert [kind for kind, _params in notices(asker)] == ["question_answered"]


def test_an_accepted_question_is_solved_in_the_index(django_capture_on_commit_callbacks):
    asker = established()
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(member=asker)
        other = ask(member=asker, title="Wie heeft een tip voor breuken in groep 5?")
    backend = get_backend("questions")

    def state(value):
        return set(backend.search(SearchRequest(filters={"kind": value})).ids)

    assert state("open") == {question.pk, other.pk}
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_post(member=established(), question=question, body="Zo.")
    assert (state("open"), state("answered")) == ({other.pk}, {question.pk})
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(member=asker, answer=answer)
    assert state("solved") == {question.pk}


# --- editing ----------------------------------------------------------------------------------


def test_the_asker_edits_the_question_and_the_index_follows(django_capture_on_commit_callbacks):
    asker = established()
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(member=asker)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_edit(
            member=asker,
            question=question,
            data=QuestionInput(
                title="Hoe leer ik kommagetallen afronden?",
                tags=["afronden"],
                levels=[Level.objects.get(code="nl-po-6")],
            ),
        )
    question.refresh_from_db()
    assert question.title == "Hoe leer ik kommagetallen afronden?"
    assert question.edited_at is not None
    assert [level.code for level in question.levels.all()] == ["nl-po-6"]
    assert not question.subjects.exists()
    backend = get_backend("questions")
    assert backend.search(SearchRequest(text="afronden")).ids == [question.pk]
    assert backend.search(SearchRequest(text="gelijknamige")).ids == []
    # Tagged "Groep 6": found by the Flemish "4de leerjaar" filter.
    assert backend.search(SearchRequest(filters={"level": "fl-lo-4"})).ids == [question.pk]
    with pytest.raises(ValidationError, match="asked"):
        services.question_edit(
            member=established(), question=question, data=QuestionInput(title="Andere")
        )


def test_only_its_author_edits_an_answer():
    question = ask()
    author = established()
    answer = services.answer_post(member=author, question=question, body="Eerste versie.")
    services.answer_edit(member=author, answer=answer, body="Tweede versie.")
    answer.refresh_from_db()
    assert answer.body == "Tweede versie." and answer.edited_at is not None
    with pytest.raises(ValidationError, match="author"):
        services.answer_edit(member=question.author, answer=answer, body="Gekaapt.")
    with pytest.raises(ValidationError):
        services.answer_edit(member=author, answer=answer, body=" ")
    answer.refresh_from_db()
    assert answer.body == "Tweede versie."


# --- experts ----------------------------------------------------------------------------------


def test_staff_mark_and_unmark_experts():
    staff, member = StaffFactory(), MemberFactory()
    services.forum_expert_mark(staff=staff, member=member, expertise="  Logopedie ")
    services.forum_expert_mark(staff=staff, member=member, expertise="Logopedist")
    expert = ForumExpert.objects.get()
    assert (expert.member, expert.expertise, expert.marked_by) == (member, "Logopedist", staff)
    with pytest.raises(PermissionDenied):
        services.forum_expert_mark(staff=MemberFactory(), member=member)
    with pytest.raises(PermissionDenied):
        services.forum_expert_unmark(staff=member, member=member)
    services.forum_expert_unmark(staff=staff, member=member)
    assert not ForumExpert.objects.exists()


def test_the_question_factory_is_what_the_other_tests_think_it_is():
    question = QuestionFactory()
    assert [level.code for level in question.levels.all()] == ["fl-lo-3"]

"""Pages of the teachers' room: lists with their filters, asking, answering, voting, accepting,
editing and the staff's expert page, with bad input getting a clear message and never a 500."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.forum import services
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import Answer, ForumExpert, Question
from tests.factories import MemberFactory, ResourceFactory, StaffFactory
from tests.forum.factories import ForumExpertFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def established(**fields):
    return MemberFactory(date_joined=timezone.now() - timedelta(days=120), **fields)


def titles(response) -> list[str]:
    return [question.title for question in response.context["page"]]


def answer(question, member=None, body="Gebruik pizzapunten.", **options):
    return services.answer_post(
        member=member or established(), question=question, body=body, **options
    )


# --- lists --------------------------------------------------------------------------------------


def test_the_main_navigation_leads_to_the_teachers_room(client):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("forum:recent")}"' in page


def test_a_question_is_unanswered_until_it_has_an_answer(client):
    question = QuestionFactory(title="Wie kent een goed boek over klasmanagement?")
    assert titles(client.get(reverse("forum:unanswered"))) == [question.title]
    answer(question)
    assert titles(client.get(reverse("forum:unanswered"))) == []
    assert titles(client.get(reverse("forum:recent"))) == [question.title]


def test_recent_follows_activity_and_popular_follows_votes_and_answers(client):
    old = QuestionFactory(title="Oude vraag over breuken")
    new = QuestionFactory(title="Nieuwe vraag over breuken")
    Question.objects.filter(pk=old.pk).update(active_at=timezone.now() - timedelta(days=3))
    assert titles(client.get(reverse("forum:recent"))) == [new.title, old.title]
    answered = answer(old)  # an answer makes it recent again
    assert titles(client.get(reverse("forum:recent"))) == [old.title, new.title]
    services.answer_vote(member=established(), answer=answered)
    answer(new)
    # old: 1 answer + 1 vote; new: 1 answer.
    assert titles(client.get(reverse("forum:popular"))) == [old.title, new.title]


def test_lists_filter_by_level_with_sub_levels_and_the_crosswalk(client):
    third = QuestionFactory(title="Vraag derde leerjaar", levels=["fl-lo-3"])
    dutch = QuestionFactory(title="Vraag groep 6", levels=["nl-po-6"], subjects=["nl-rw"])
    QuestionFactory(title="Vraag secundair", levels=["fl-so-1g"], subjects=["fl-fra"])
    url = reverse("forum:recent")
    assert set(titles(client.get(url, {"level": "fl-lo"}))) == {third.title, dutch.title}
    # A Dutch teacher filtering on "Groep 5" finds what is tagged "3de leerjaar".
    assert titles(client.get(url, {"level": "nl-po-5"})) == [third.title]
    # "Rekenen-wiskunde" (nl) is crosswalked to "Wiskunde" (fl).
    assert set(titles(client.get(url, {"level": "fl-lo", "subject": "fl-wis"}))) == {
        third.title,
        dutch.title,
    }
    assert titles(client.get(url, {"subject": "fl-fra"})) == ["Vraag secundair"]
    # Unknown values are ignored, not an error.
    assert len(titles(client.get(url, {"level": "nope", "subject": "<script>", "page": "x"}))) == 3


def test_the_list_pages_and_serves_the_results_alone_for_live_filtering(client):
    for n in range(23):
        QuestionFactory(title=f"Vraag nummer {n} over breuken")
    first = client.get(reverse("forum:recent"))
    assert len(first.context["page"]) == 20
    last = client.get(reverse("forum:recent"), {"page": "999"})
    assert last.context["page"].number == 2 and len(last.context["page"]) == 3
    fragment = client.get(reverse("forum:recent"), {"fragment": "results", "level": "fl-lo"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert fragment.context["page"].paginator.count == 23


def test_list_lines_show_terms_in_the_readers_region(client):
    QuestionFactory(title="Vraag derde leerjaar", levels=["fl-lo-3"])
    client.post(reverse("set_region"), {"region": "nl", "next": "/"})
    page = client.get(reverse("forum:recent")).content.decode()
    assert Level.objects.get(code="nl-po-5").labels["nl"] in page
    assert Level.objects.get(code="fl-lo-3").labels["nl"] not in page


# --- asking -------------------------------------------------------------------------------------


def test_asking_needs_an_account(client):
    response = client.get(reverse("forum:ask"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_teacher_asks_a_question_with_terms_tags_and_a_resource(client):
    member = established()
    resource = ResourceFactory(title="Breukenmuur")
    client.force_login(member)
    assert client.get(reverse("forum:ask")).status_code == 200
    response = client.post(
        reverse("forum:ask"),
        {
            "title": "Hoe leg ik gelijknamige breuken uit?",
            "body": "Mijn klas **haakt af**. <script>alert(1)</script>",
            "levels": [Level.objects.get(code="fl-lo-3").pk],
            "subjects": [Subject.objects.get(code="fl-wis").pk],
            "tags": "breuken, differentiatie",
            "resources": f"http://testserver{resource.get_absolute_url()}",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.author == member
    assert question.tags == ["breuken", "differentiatie"]
    assert list(question.resources.all()) == [resource]
    page = client.get(question.get_absolute_url()).content.decode()
    assert "<strong>haakt af</strong>" in page
    assert "<script>alert(1)" not in page
    assert resource.get_absolute_url() in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This field is required"),
        ({"title": "Breuken?"}, "at least 10 characters"),
        ({"title": "x" * 300}, "at most 200 characters"),
        ({"resources": "https://example.org/iets\n99999"}, "Not a published resource"),
        ({"resources": "1 2 3 4 5 6 7 8 9 10 11"}, "at most 10"),
        ({"resources": "x" * 3001}, "at most 3000 characters"),
        ({"tags": ",".join(f"tag{n}" for n in range(12))}, "at most 10 tags"),
        ({"tags": "x" * 41}, "at most 40 characters"),
        ({"levels": ["999999"]}, "Select a valid choice"),
        ({"levels": ["abc"]}, "is not a valid value"),
        ({"language": "klingon"}, "Select a valid choice"),
        ({"body": "x" * 20_001}, "at most 20000"),
    ],
)
def test_bad_input_is_said_clearly_and_nothing_typed_is_lost(client, data, message):
    client.force_login(established())
    values = {
        "title": "Hoe leg ik gelijknamige breuken uit?",
        "body": "Wat ik al typte blijft staan.",
        "tags": "breuken",
    } | data
    response = client.post(reverse("forum:ask"), values)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Please check the following" in page
    if "body" not in data:
        assert "Wat ik al typte blijft staan." in page
    assert not Question.objects.exists()


def test_a_draft_resource_cannot_be_linked_by_its_number(client):
    draft = ResourceFactory(status="draft", published_at=None)
    client.force_login(established())
    response = client.post(
        reverse("forum:ask"),
        {"title": "Hoe leg ik gelijknamige breuken uit?", "resources": str(draft.pk)},
    )
    assert response.status_code == 400
    assert f"Not a published resource on Staffroom: {draft.pk}" in response.content.decode()


def test_a_newcomer_flooding_gets_the_limit_explained_with_the_text_kept(client):
    newcomer = MemberFactory()
    client.force_login(newcomer)
    for n in range(3):
        QuestionFactory(author=newcomer, title=f"Eerdere vraag {n} over breuken")
    response = client.post(
        reverse("forum:ask"), {"title": "Nog een vraag over kommagetallen", "body": "Mijn tekst"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "later" in page and "Mijn tekst" in page and "Nog een vraag over kommagetallen" in page


# --- the question page --------------------------------------------------------------------------


def test_the_question_page_redirects_to_its_address_and_404s_for_nothing(client):
    question = QuestionFactory()
    short = client.get(reverse("forum:question_short", args=[question.pk]))
    assert short.status_code == 301 and short["Location"] == question.get_absolute_url()
    assert client.get(reverse("forum:question", args=[999999, "x"])).status_code == 404


def test_answers_show_the_accepted_first_then_by_votes_and_mark_experts(client):
    asker = established()
    question = QuestionFactory(author=asker)
    teacher = established(name="Gewone Collega")
    expert = ForumExpertFactory(member=established(name="Els Expert"), expertise="Rekendidactiek")
    staff = StaffFactory(name="Team Lid", date_joined=timezone.now() - timedelta(days=100))
    plain = answer(question, teacher, body="Gewoon antwoord.")
    expert_answer = answer(question, expert.member, body="Expert antwoord.")
    staff_answer = answer(question, staff, body="Team antwoord.")
    services.answer_vote(member=established(), answer=staff_answer)
    services.answer_accept(member=asker, answer=plain)
    response = client.get(question.get_absolute_url())
    shown = response.context["answers"]
    assert [a.pk for a in shown] == [plain.pk, staff_answer.pk, expert_answer.pk]
    assert [a.is_expert for a in shown] == [False, True, True]
    page = response.content.decode()
    assert "Expert: Rekendidactiek" in page
    assert page.count('class="badge expert"') == 2
    assert "Aanvaard antwoord" in page  # a visitor: Dutch


def test_posting_an_answer_with_a_resource_link(client):
    question = QuestionFactory()
    resource = ResourceFactory(title="Pizzabreuken")
    member = established()
    client.force_login(member)
    response = client.post(
        reverse("forum:answer", args=[question.pk]),
        {"body": "Probeer deze:", "resources": resource.get_absolute_url()},
    )
    posted = Answer.objects.get()
    assert response["Location"] == posted.get_absolute_url()
    assert list(posted.resources.all()) == [resource]
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Pizzabreuken" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "This field is required"),
        ({"body": "   "}, "This field is required"),
        ({"body": "Zie deze", "resources": "/resources/999999/"}, "Not a published resource"),
    ],
)
def test_a_bad_answer_is_shown_again_with_the_reason(client, data, message):
    question = QuestionFactory()
    client.force_login(established())
    response = client.post(reverse("forum:answer", args=[question.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if data["body"].strip():
        assert data["body"] in page
    assert not Answer.objects.exists()


def test_voting_and_accepting_through_the_page(client):
    asker, author, voter = established(), established(), established()
    question = QuestionFactory(author=asker)
    posted = answer(question, author)
    client.force_login(voter)
    client.post(reverse("forum:vote", args=[posted.pk]))
    posted.refresh_from_db()
    assert posted.vote_count == 1
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Remove my vote" in page and "Accept this answer" not in page
    client.post(reverse("forum:vote", args=[posted.pk]), {"vote": "remove"})
    posted.refresh_from_db()
    assert posted.vote_count == 0
    # Not the asker: refused with a message, not an error page.
    response = client.post(reverse("forum:accept", args=[posted.pk]), follow=True)
    assert response.status_code == 200
    assert "Only the member who asked can accept an answer." in response.content.decode()
    client.force_login(author)
    response = client.post(reverse("forum:vote", args=[posted.pk]), follow=True)
    assert "You cannot vote for your own answer." in response.content.decode()
    client.force_login(asker)
    client.post(reverse("forum:accept", args=[posted.pk]))
    question.refresh_from_db()
    assert question.accepted_answer == posted
    client.post(reverse("forum:accept", args=[posted.pk]), {"accept": "undo"})
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_actions_need_a_post_an_account_and_an_existing_answer(client):
    question = QuestionFactory()
    posted = answer(question)
    assert client.post(reverse("forum:vote", args=[posted.pk])).status_code == 302
    client.force_login(established())
    assert client.get(reverse("forum:vote", args=[posted.pk])).status_code == 405
    assert client.post(reverse("forum:vote", args=[999999])).status_code == 404
    assert client.post(reverse("forum:accept", args=[999999])).status_code == 404
    assert client.post(reverse("forum:answer", args=[999999]), {"body": "x"}).status_code == 404


# --- editing ------------------------------------------------------------------------------------


def test_the_asker_edits_the_question_others_may_not(client):
    asker = established()
    resource = ResourceFactory()
    question = services.question_ask(
        member=asker,
        data=QuestionInput(
            title="Hoe leg ik gelijknamige breuken uit?",
            levels=[Level.objects.get(code="nl-po-5")],  # the other region's term
            resources=[resource],
        ),
    )
    client.force_login(established())
    assert client.get(reverse("forum:question_edit", args=[question.pk])).status_code == 403
    client.force_login(asker)
    form = client.get(reverse("forum:question_edit", args=[question.pk]))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Hoe leg ik gelijknamige breuken uit?" in page
    assert reverse("resources:detail_short", args=[resource.pk]) in page
    keep = Level.objects.get(code="nl-po-5").pk
    # The Dutch term stays selectable (and selected) for a Flemish asker.
    assert re.search(rf'value="{keep}"[^>]*checked', page)
    response = client.post(
        reverse("forum:question_edit", args=[question.pk]),
        {
            "title": "Hoe leg ik ongelijknamige breuken uit?",
            "levels": [keep],
            "tags": "breuken",
            "resources": "",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title == "Hoe leg ik ongelijknamige breuken uit?"
    assert [level.code for level in question.levels.all()] == ["nl-po-5"]
    assert not question.resources.exists()
    bad = client.post(reverse("forum:question_edit", args=[question.pk]), {"title": "Kort"})
    assert bad.status_code == 400 and "Kort" in bad.content.decode()


def test_the_author_edits_an_answer_others_may_not(client):
    author = established()
    posted = answer(QuestionFactory(), author, body="Eerste versie.")
    client.force_login(established())
    assert client.get(reverse("forum:answer_edit", args=[posted.pk])).status_code == 403
    client.force_login(author)
    assert (
        "Eerste versie."
        in client.get(reverse("forum:answer_edit", args=[posted.pk])).content.decode()
    )
    response = client.post(reverse("forum:answer_edit", args=[posted.pk]), {"body": "Beter."})
    assert response["Location"] == posted.get_absolute_url()
    posted.refresh_from_db()
    assert posted.body == "Beter."
    bad = client.post(reverse("forum:answer_edit", args=[posted.pk]), {"body": ""})
    assert bad.status_code == 400


# --- experts ------------------------------------------------------------------------------------


def test_only_staff_reach_the_expert_page(client):
    assert client.get(reverse("forum:experts")).status_code == 302
    client.force_login(MemberFactory())
    assert client.get(reverse("forum:experts")).status_code == 403
    assert client.post(reverse("forum:experts"), {"member": "1"}).status_code == 403


def test_staff_find_a_member_and_mark_them_as_expert(client):
    staff = StaffFactory()
    member = MemberFactory(name="Lotte Logopedist", email="lotte@example.org")
    client.force_login(staff)
    found = client.get(reverse("forum:experts"), {"q": "logoped"})
    assert found.context["found"] == [member]
    response = client.post(
        reverse("forum:experts"), {"member": member.pk, "expertise": "Logopedie", "q": "lotte"}
    )
    assert response["Location"] == reverse("forum:experts") + "?q=lotte"
    assert ForumExpert.objects.get().expertise == "Logopedie"
    page = client.get(reverse("forum:experts")).content.decode()
    assert "Lotte Logopedist" in page and "Logopedie" in page
    client.post(reverse("forum:experts"), {"member": member.pk, "action": "unmark"})
    assert not ForumExpert.objects.exists()
    # A member that does not exist, or no member at all: a message, not an error.
    for data in ({"member": "999999"}, {"member": "abc"}, {}):
        response = client.post(reverse("forum:experts"), data, follow=True)
        assert response.status_code == 200
        assert "no longer exists" in response.content.decode()
    assert client.get(reverse("forum:experts"), {"q": "x" * 500}).status_code == 200


# --- the resource page --------------------------------------------------------------------------


def test_a_resource_page_lists_the_questions_linking_it(client):
    resource = ResourceFactory(title="Breukenmuur")
    asked = services.question_ask(
        member=established(),
        data=QuestionInput(title="Wie gebruikte de breukenmuur al?", resources=[resource]),
    )
    other = QuestionFactory(title="Welke rekenspellen raden jullie aan?")
    answer(other, resources=[resource])
    QuestionFactory(title="Iets heel anders in de klas")
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Vragen die naar dit lesmateriaal verwijzen" in page
    assert asked.title in page and other.title in page
    assert "Iets heel anders" not in page
    lonely = ResourceFactory()
    assert (
        "Vragen die naar dit lesmateriaal verwijzen"
        not in client.get(lonely.get_absolute_url()).content.decode()
    )


def test_a_search_that_found_nothing_prefills_the_question(client):
    client.force_login(MemberFactory())
    response = client.get(reverse("forum:ask"), {"title": "cricket regels " + "x" * 500})
    form = response.context["form"]
    assert form["title"].value().startswith("cricket regels")
    assert len(form["title"].value()) == Question._meta.get_field("title").max_length

"""A question as a search document: the "questions" collection of the search index.

It has the resources' document format (``search/backends/base.py``), so both backends, the
query syntax, typo tolerance, highlighting and facet counts serve the forum unchanged. What
the fields hold for a question:

- ``title``: the question; ``description``: its details; ``keywords``: its tags; ``body``:
  the text of its answers (so a question is found by what colleagues answered), all analysed
  in the question's language. Markdown is reduced to its text first;
- ``vocabulary``, ``level_*``, ``subject_*``, ``tagged``: as for resources (both regions,
  hierarchy and crosswalk); ``author``: the asker; ``publisher``: ``member:<asker id>``;
- ``kind``: where the question stands: ``open`` (no answer yet), ``answered``, ``solved``
  (an answer is accepted); ``type``, ``licence``, ``format``, ``accessibility`` and
  ``pick`` are empty;
- ``published``: when it was asked; ``downloads``: votes plus answers ("popular");
  ``rating`` 0; ``boost``: ``ranking.question_multiplier``.
"""

import html

from django.utils import timezone
from django.utils.html import strip_tags

from staffroom.core.markdown import render_markdown
from staffroom.search import ranking
from staffroom.search.collections import Collection, register
from staffroom.search.documents import term_filters, term_vocabulary

from .models import Question

COLLECTION = "questions"
OPEN, ANSWERED, SOLVED = "open", "answered", "solved"


def plain_text(markdown: str) -> str:
    """What a reader sees of member-written Markdown, as plain text."""
    return html.unescape(strip_tags(render_markdown(markdown))).strip()


def question_state(question: Question) -> str:
    if question.accepted_answer_id:
        return SOLVED
    return ANSWERED if question.answer_count else OPEN


def question_document(question: Question, now=None) -> dict:
    """The search document of a question (keys as in ``search/backends/base.py``)."""
    levels = list(question.levels.select_related("equivalent"))
    subjects = list(question.subjects.select_related("equivalent"))
    answers = "\n".join(plain_text(answer.body) for answer in question.answers.all())
    multiplier = ranking.question_multiplier(
        votes=question.vote_count,
        answers=question.answer_count,
        accepted=question.accepted_answer_id is not None,
        asked_at=question.created_at,
        now=now or timezone.now(),
    )
    return {
        "id": question.pk,
        "language": question.language,
        "title": question.title,
        "description": plain_text(question.body),
        "keywords": " ".join(question.tags),
        "author": question.author.display_name,
        "body": answers,
        # Its levels say which school system it was made for (its subjects if it has none).
        "tagged": sorted({term.region for term in levels or subjects}),
        "vocabulary": term_vocabulary(levels + subjects),
        **term_filters(levels, subjects),
        "type": "",
        "licence": "",
        "kind": question_state(question),
        "publisher": f"member:{question.author_id}",
        "format": "",
        "accessibility": "",
        "duration": "",
        "pick": "",
        "published": int(question.created_at.timestamp()),
        "downloads": question.popularity,
        "rating": 0.0,
        "rating_rank": ranking.rating_rank(0.0, 0),
        "boost": ranking.boost(multiplier),
    }


def _indexed_ids() -> list[int]:
    # Hidden questions are not searchable.
    return list(Question.objects.filter(hidden_at=None).order_by("pk").values_list("pk", flat=True))


def _documents(ids: list[int], now) -> list[dict]:
    questions = (
        Question.objects.filter(pk__in=ids, hidden_at=None)
        .select_related("author")
        .prefetch_related("answers")
    )
    return [question_document(question, now) for question in questions]


register(
    Collection(
        name=COLLECTION,
        indexed_ids=_indexed_ids,
        documents=_documents,
        noun="questions",
    )
)

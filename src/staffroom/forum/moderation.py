"""Questions and answers as reportable content (see moderation/reports.py): a moderator hides
one with a reason shown in its place, or restores it. A hidden question leaves the lists, the
feeds and the search index."""

from django.utils import timezone
from django.utils.text import Truncator

from staffroom.moderation.reports import Reportable, register


def _index(question) -> None:
    from .services import _index_on_commit

    _index_on_commit(question)


def _hide(post, reason: str) -> None:
    post.hidden_at = timezone.now()
    post.hidden_reason = reason[:300]
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _index(getattr(post, "question", post))


def _restore(post) -> None:
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _index(getattr(post, "question", post))


def register_reportables() -> None:
    from .models import Answer, Question

    register(
        "question",
        Reportable(
            find=lambda pk: Question.objects.filter(pk=pk).first(),
            describe=lambda question: (
                question.title,
                Truncator(question.body).chars(300),
                question.get_absolute_url(),
            ),
            hide=_hide,
            restore=_restore,
            is_hidden=lambda question: question.hidden_at is not None,
            author_id=lambda question: question.author_id,
        ),
    )
    register(
        "answer",
        Reportable(
            find=lambda pk: Answer.objects.select_related("question").filter(pk=pk).first(),
            describe=lambda answer: (
                answer.question.title,
                Truncator(answer.body).chars(300),
                answer.get_absolute_url(),
            ),
            hide=_hide,
            restore=_restore,
            is_hidden=lambda answer: answer.hidden_at is not None,
            author_id=lambda answer: answer.author_id,
        ),
    )

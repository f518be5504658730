"""Questions and answers as reportable content (see moderation/reports.py): a moderator hides
one with a reason shown in its place, or restores it. A hidden question leaves the lists, the
feeds and the search index."""

from django.utils import timezone
from django.utils.text import Truncator

from staffroom.moderation.reports import Reportable, register

from .models import Answer, Question
from .services import _index_on_commit


def _post(found: object) -> Question | Answer:
    # The registry hands back, as ``object``, what ``find`` returned.
    if not isinstance(found, Question | Answer):
        raise TypeError(f"not a question or an answer: {found!r}")
    return found


def _question_of(post: Question | Answer) -> Question:
    return post.question if isinstance(post, Answer) else post


def _find_question(pk: int) -> Question | None:
    return Question.objects.filter(pk=pk).first()


def _find_answer(pk: int) -> Answer | None:
    return Answer.objects.select_related("question").filter(pk=pk).first()


def _describe(found: object) -> tuple[str, str, str]:
    post = _post(found)
    return (_question_of(post).title, Truncator(post.body).chars(300), post.get_absolute_url())


def _hide(found: object, reason: str) -> None:
    post = _post(found)
    post.hidden_at = timezone.now()
    post.hidden_reason = reason[:300]
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _index_on_commit(_question_of(post))


def _restore(found: object) -> None:
    post = _post(found)
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _index_on_commit(_question_of(post))


def _is_hidden(found: object) -> bool:
    return _post(found).hidden_at is not None


def _author_id(found: object) -> int:
    return _post(found).author_id


def register_reportables() -> None:
    for kind, find in (("question", _find_question), ("answer", _find_answer)):
        register(
            kind,
            Reportable(
                find=find,
                describe=_describe,
                hide=_hide,
                restore=_restore,
                is_hidden=_is_hidden,
                author_id=_author_id,
            ),
        )

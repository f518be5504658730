"""Atom feeds of the question lists (recent, unanswered, popular), with the list's level and
subject filters, for feed readers and for colleagues who follow a subject. Levels and
subjects are named in the reader's region, as in the resource feeds (``?region=fl|nl``, else
the member's, else the filter's own term's region, else the site's default)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from staffroom.core.markdown import render_markdown
from staffroom.curriculum.queries import terms_in_region
from staffroom.resources.feeds import RegionalFeed, feed_region, feed_region_query

from .queries import QuestionFilters, questions_listed

FEED_ITEMS = 30


def list_title(list_name: str) -> str:
    return {
        "recent": _("Recent questions"),
        "unanswered": _("Unanswered questions"),
        "popular": _("Popular questions"),
    }[list_name]


@dataclass(frozen=True)
class FeedQuery:
    filters: QuestionFilters
    region: str


class QuestionsFeed(RegionalFeed):
    """One instance serves every request: what a request asks for travels in ``FeedQuery``
    and on the items, never on ``self``."""

    feed_type = Atom1Feed
    list_name = "recent"

    def get_object(self, request, *args, **kwargs) -> FeedQuery:
        filters = QuestionFilters.from_query(request.GET)
        return FeedQuery(filters, feed_region(request, filters.level or filters.subject))

    def title(self, query: FeedQuery) -> str:
        filters = query.filters
        terms = [
            term.in_region(query.region).label for term in (filters.level, filters.subject) if term
        ]
        return " · ".join([list_title(self.list_name), *terms, _("Teachers' room"), "Staffroom"])

    def link(self, query: FeedQuery) -> str:
        encoded = urlencode(query.filters.as_query())
        return reverse(f"forum:{self.list_name}") + (f"?{encoded}" if encoded else "")

    def feed_url(self, query: FeedQuery) -> str:
        # The region travels along when it is not what the address gives by itself.
        term = query.filters.level or query.filters.subject
        encoded = urlencode({**query.filters.as_query(), **feed_region_query(query.region, term)})
        return reverse(f"forum:{self.list_name}_feed") + (f"?{encoded}" if encoded else "")

    def subtitle(self, query: FeedQuery) -> str:
        return _("Questions teachers ask each other on Staffroom.")

    def items(self, query: FeedQuery):
        questions = list(questions_listed(self.list_name, query.filters)[:FEED_ITEMS])
        for question in questions:
            question.feed_region = query.region
        return questions

    def item_title(self, question) -> str:
        return question.title

    def item_description(self, question) -> str:
        return render_markdown(question.body)

    def item_link(self, question) -> str:
        return question.get_absolute_url()

    def item_author_name(self, question) -> str:
        return question.author.display_name

    def item_author_link(self, question) -> str:
        return question.author.get_absolute_url()

    def item_pubdate(self, question):
        return question.created_at

    def item_updateddate(self, question):
        return question.active_at

    def item_categories(self, question) -> list[str]:
        region = question.feed_region
        terms = [
            *terms_in_region(question.levels.all(), region),
            *terms_in_region(question.subjects.all(), region),
        ]
        return [term.label for term in terms] + list(question.tags)


class RecentFeed(QuestionsFeed):
    list_name = "recent"


class UnansweredFeed(QuestionsFeed):
    list_name = "unanswered"


class PopularFeed(QuestionsFeed):
    list_name = "popular"

"""How search ranks resources. Every weight lives here; docs/search.md explains them.

Sorted by relevance, a hit's score is its text relevance (BM25 in Tantivy, ts_rank in
PostgreSQL) times a quality multiplier:

    multiplier = BASE
               + DOWNLOADS_WEIGHT * log10(1 + downloads)
               + RATING_WEIGHT * (rating_rank - PRIOR_RATING)
               + PICK_BONUS                        (a moderator's pick)
               + RECENCY_BONUS * 0.5 ** (age in days / RECENCY_HALF_LIFE_DAYS)
               - LINK_PENALTIES[link state]        (its link moved, or does not work)

never below 1 (Tantivy's field weighting cannot lower a score). Only ratios between
multipliers matter, so BASE leaves room for poorly rated resources to sink. The multiplier
only reorders resources whose text matches about equally well: a resource with twice the text
score needs far more than popularity to be overtaken. It is computed when a resource is
indexed; the clock refreshes every document daily so that downloads and age stay current
(``search_refresh``).

"Best rated" sorts by ``rating_rank``: the average of a resource's stars pulled towards
PRIOR_RATING as if PRIOR_COUNT more members had given that, so that one five-star rating does
not outrank forty ratings averaging 4.8.
"""

import math
from datetime import datetime

DOWNLOADS_WEIGHT = 0.15  # 10 downloads: +0.15, 100: +0.30, 1,000: +0.45
RATING_WEIGHT = 0.25  # per star above or below the prior: 5 stars (many ratings): +0.5
PICK_BONUS = 0.5
RECENCY_BONUS = 0.3  # new today: +0.3; a year old: +0.15; five years: +0.01
RECENCY_HALF_LIFE_DAYS = 365
BASE = 1.5
# The last link check (``resources.links``): a link that moved still works, one that does not
# work is of little use to whoever finds it (most resources then sink to the floor).
LINK_PENALTIES = {"ok": 0.0, "moved": 0.25, "dead": 1.0}

PRIOR_RATING = 3.0
PRIOR_COUNT = 3


def rating_rank(average: float, count: int) -> float:
    """The Bayesian average of a resource's stars ("best rated" sorts by it)."""
    return (PRIOR_RATING * PRIOR_COUNT + average * count) / (PRIOR_COUNT + count)


def quality_multiplier(
    *,
    downloads: int,
    rating_average: float,
    rating_count: int,
    picked: bool,
    published_at: datetime | None,
    now: datetime,
    link_state: str = "ok",
) -> float:
    multiplier = BASE + DOWNLOADS_WEIGHT * math.log10(1 + max(downloads, 0))
    multiplier += RATING_WEIGHT * (rating_rank(rating_average, rating_count) - PRIOR_RATING)
    if picked:
        multiplier += PICK_BONUS
    if published_at is not None:
        age_days = max((now - published_at).total_seconds() / 86400, 0)
        multiplier += RECENCY_BONUS * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)
    multiplier -= LINK_PENALTIES.get(link_state, 0.0)
    return max(multiplier, 1.0)


def boost(multiplier: float) -> float:
    """The stored value that yields ``multiplier`` when a backend applies log2(2 + boost)
    to the text score (Tantivy's field weighting; the PostgreSQL backend does the same)."""
    return 2**multiplier - 2


# The teachers' room ranks questions on the same signals: votes and answers stand in for
# downloads, an accepted answer for a moderators' pick (a solved question helps whoever finds
# it), the age of the question for the age of a resource; there are no star ratings.


def question_multiplier(*, votes: int, answers: int, accepted: bool, asked_at, now) -> float:
    return quality_multiplier(
        downloads=votes + answers,
        rating_average=0.0,
        rating_count=0,
        picked=accepted,
        published_at=asked_at,
        now=now,
    )

"""Suggestions while a teacher types in a search box.

Four groups: education levels and subjects in the reader's region's terms (picking one applies
it as a filter: ``?level=<code>``), topics (kind "theme": the keywords colleagues gave to
published resources, most used first; picking one searches for it) and titles of published
resources (most downloaded first; picking one opens the resource). Higher apps add groups of
their pages with ``register_page_source`` (theme pages).

Matching: every typed word must start a word of the suggestion ("py" offers "Pythagoras", not
"Ernährungspyramide"), ignoring case and accents ("orient" offers "Oriëntatie op jezelf en de
wereld"). Levels and subjects match by the label shown (in the interface language) and by
their Dutch label. Typos are forgiven as the search forgives them: only when nothing matches
every typed word exactly, a word of four letters or more may be one edit from the start of a
word (a letter missing, extra or wrong, or two letters swapped: "pytagoras"); when nothing
matches that way either, a word of five letters or more whose first letter is right may be
two edits away ("pitag" offers "Pythagoras"). Fewer edits come first, and a wrong first letter
after a wrong later one.

A level or subject may match only some of the typed words ("breuken 3de leer"): the others
stay the search text of the filtered search it leads to, and only the terms that match the
most words are offered. Titles and themes must match every word.

Titles and keywords of published resources are kept in each process, folded and indexed by
word (a sorted word list: a prefix is a range found by bisection; two edits are found by
walking it as a trie), and read again, in a thread, when the search index has changed (its
version), at most once a minute (``REFRESH_SECONDS``). At 60,000 resources that is about 13
MiB and a second or two of reading; a suggestion takes a few milliseconds.
"""

import heapq
import logging
import threading
import time
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connections
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from staffroom.curriculum.models import RegionalTerm
from staffroom.curriculum.queries import levels_for_region, subjects_for_region
from staffroom.resources.models import Resource, Status

from .backends import get_backend
from .syntax import WORD

MAX_TEXT = 100  # characters of what was typed that are looked at
MAX_WORDS = 10
MAX_WORD = 40  # letters; longer words are left out (as the search analysis does)
ONE_EDIT = 4  # letters a typed word needs before it may be one edit off
TWO_EDITS = 5  # ... two edits off, when nothing closer matches
COST = 2  # of an edit in a match's cost (a wrong first letter costs one more)
# Titles and keywords are read again when the index has changed, but not more often than this.
REFRESH_SECONDS = 60
# At most this many suggestions of each group.
GROUP_LIMITS = {"level": 3, "subject": 3, "theme": 3, "title": 6}
GROUP_LABELS = {
    "level": gettext_lazy("Education levels"),
    "subject": gettext_lazy("Subjects"),
    # Keywords colleagues gave to resources (not theme pages, which are a group of their own).
    "theme": gettext_lazy("Topics"),
    "title": gettext_lazy("Resources"),
}
logger = logging.getLogger(__name__)
_LAST = "\U0010ffff"  # sorts after every character: prefix + _LAST ends a prefix's range


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str  # where picking it goes


@dataclass(frozen=True)
class SuggestionGroup:
    kind: str  # level, subject, theme, title or a registered page source's kind
    label: str
    items: list[Suggestion]


# Pages of higher apps that match the typed words (theme pages): a group of suggestions each,
# and a list above the search results. ``pages(text, region, limit)`` returns Suggestions; a
# higher app registers its source in its AppConfig.ready (search sits below it).
PageSource = Callable[[str, str, int], list[Suggestion]]
PAGE_SOURCE_LIMIT = 3
_page_sources: dict[str, tuple[Promise | str, PageSource]] = {}


def register_page_source(kind: str, label: Promise | str, pages: PageSource) -> None:
    """Offer the pages ``pages`` finds as a suggestion group ``label`` and above the results."""
    _page_sources[kind] = (label, pages)


def matching_pages(text: str, region: str) -> list[SuggestionGroup]:
    """The registered sources' pages that match ``text``, a group per source (none empty)."""
    groups = []
    for kind, (label, pages) in _page_sources.items():
        found = pages(text, region, PAGE_SOURCE_LIMIT)
        if found:
            groups.append(SuggestionGroup(kind, str(label), found))
    return groups


def fold(text: str) -> str:
    """Lower-case without accents: "Oriëntatie" -> "orientatie", "Straße" -> "strasse"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (runs of letters and digits), long ones left out."""
    return [word for word in WORD.findall(fold(text)) if len(word) <= MAX_WORD]


@dataclass(frozen=True)
class _Typed:
    word: str  # folded
    chunk: int  # which of the space-separated pieces of the text it came from


def _typed(text: str) -> tuple[list[str], list[_Typed]]:
    """The space-separated pieces of what was typed, and their folded words."""
    chunks = (text or "")[:MAX_TEXT].split()
    typed = [_Typed(word, number) for number, chunk in enumerate(chunks) for word in words(chunk)]
    return chunks, typed[:MAX_WORDS]


def _one_edit(word: str, alphabet: Sequence[str]) -> Iterator[str]:
    """Every string one edit away from ``word`` (over the letters that occur in the index)."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for char in alphabet:
            if char != word[i]:
                yield word[:i] + char + word[i + 1 :]
    for i in range(len(word) + 1):
        for char in alphabet:
            yield word[:i] + char + word[i:]


class WordIndex:
    """Which entries (numbered in order) have a word that starts with a typed word."""

    def __init__(self, entries: Iterable[Iterable[str]]):
        postings: dict[str, array] = {}
        for number, entry_words in enumerate(entries):
            for word in dict.fromkeys(entry_words):
                postings.setdefault(word, array("i")).append(number)
        self.postings = postings
        self.words = sorted(postings)
        self.alphabet = sorted({char for word in self.words for char in word})

    def starting(self, prefix: str) -> list[str]:
        start = bisect_left(self.words, prefix)
        return self.words[start : bisect_left(self.words, prefix + _LAST, start)]

    def matching_words(self, typed: str, edits: int) -> dict[str, int]:
        """The words of the index that ``typed`` starts with at most ``edits`` edits (only
        words of ``ONE_EDIT``/``TWO_EDITS`` letters or more get one or two), with a cost:
        0 exact, then ``COST`` per edit, one more when the first letter differs."""
        found = dict.fromkeys(self.starting(typed), 0)
        if edits >= 1 and len(typed) >= ONE_EDIT:
            for variant in _one_edit(typed, self.alphabet):
                cost = COST if variant[0] == typed[0] else COST + 1
                for word in self.starting(variant):
                    if found.get(word, cost) >= cost:
                        found[word] = cost
        if edits >= 2 and len(typed) >= TWO_EDITS:
            # Two edits anywhere would match too much: the first letter must be right.
            for word, distance in self.similar(typed, 2):
                if word not in found:
                    found[word] = distance * COST
        return found

    def similar(self, typed: str, limit: int) -> Iterator[tuple[str, int]]:
        """The words that start with ``typed``'s first letter and whose start is at most
        ``limit`` edits from ``typed``, with how many. The sorted words are walked as a trie:
        the table of edits for a prefix is kept for the words that share it, and the words
        under a prefix already too far are skipped at once."""
        n = len(typed)
        rows = [list(range(n + 1))]  # rows[j]: edits from typed[:i] to path[:j], for each i
        best = [n]  # best[j]: fewest edits from typed to path[:k] for any k <= j
        path = ""
        position = bisect_left(self.words, typed[0])
        end = bisect_left(self.words, typed[0] + _LAST, position)
        while position < end:
            word = self.words[position][: n + limit]
            common = 0
            while common < len(path) and common < len(word) and path[common] == word[common]:
                common += 1
            del rows[common + 1 :], best[common + 1 :]
            path = word[:common]
            too_far = False
            for char in word[common:]:
                j = len(rows)
                above, row = rows[-1], [j] + [0] * n
                for i in range(1, n + 1):
                    value = min(above[i] + 1, row[i - 1] + 1, above[i - 1] + (typed[i - 1] != char))
                    if i > 1 and j > 1 and typed[i - 1] == path[-1] and typed[i - 2] == char:
                        value = min(value, rows[-2][i - 2] + 1)
                    row[i] = value
                rows.append(row)
                best.append(min(best[-1], row[n]))
                path += char
                if min(row) > limit:
                    too_far = True
                    break
            if too_far:
                # No longer start comes closer: every word under this prefix is as far.
                after = bisect_left(self.words, path + _LAST, position, end)
                if best[-1] <= limit:
                    for under in self.words[position:after]:
                        yield under, best[-1]
                position = after
                continue
            if best[-1] <= limit:
                yield self.words[position], best[-1]
            position += 1

    def entry_costs(self, typed: str, edits: int) -> dict[int, int]:
        """Entry number -> lowest cost at which ``typed`` starts one of its words."""
        best: dict[int, int] = {}
        for word, distance in sorted(self.matching_words(typed, edits).items(), key=_second):
            for number in self.postings[word]:
                best.setdefault(number, distance)
        return best

    def every_word(self, typed: list[_Typed], edits: int) -> dict[int, int]:
        """Entries that every typed word starts a word of -> the cost of all."""
        total: dict[int, int] | None = None
        # Longer words match fewer entries: start with them.
        for word in sorted({item.word for item in typed}, key=len, reverse=True):
            best = self.entry_costs(word, edits)
            if total is None:
                total = best
            else:
                total = {number: d + best[number] for number, d in total.items() if number in best}
            if not total:
                return {}
        return total or {}


def _second(pair: tuple[str, int]) -> int:
    return pair[1]


def _best(scored: dict[int, int], limit: int) -> list[int]:
    """The ``limit`` entries of lowest cost, then lowest number (the most used first)."""
    return [number for number, _d in heapq.nsmallest(limit, scored.items(), key=_swapped)]


def _swapped(pair: tuple[int, int]) -> tuple[int, int]:
    return pair[1], pair[0]


# Titles and keywords of published resources


@dataclass
class _Published:
    version: str  # of the search index when they were read
    checked_at: float  # when the index's version was last compared
    ids: array  # of the resources, most downloaded first: the title index's entries
    title_index: WordIndex
    themes: list[str]  # keywords as most often spelt, most used first
    theme_index: WordIndex


_published: _Published | None = None
_generation = 0  # raised by forget_published(): a reading begun before is not kept
_reading = threading.Lock()  # held while a thread reads them


def _read_published(version: str) -> _Published:
    ids = array("i")
    title_words: list[list[str]] = []
    uses: Counter[str] = Counter()  # folded keyword -> resources that have it
    given: Counter[str] = Counter()  # keyword as given -> times given
    keys: dict[str, str] = {}  # keyword as given -> folded (many repeat)
    rows = (
        Resource.objects.published()
        .order_by("-download_count", "-published_at", "-pk")
        .values_list("pk", "title", "keywords")
    )
    for pk, title, keywords in rows.iterator(chunk_size=2000):
        ids.append(pk)
        title_words.append(words(title))
        seen = set()
        for keyword in keywords if isinstance(keywords, list) else ():
            if not isinstance(keyword, str):
                continue
            if (key := keys.get(keyword)) is None:
                key = keys[keyword] = " ".join(words(keyword))
            if key:
                given[keyword] += 1
                if key not in seen:
                    seen.add(key)
                    uses[key] += 1
    spelling: dict[str, str] = {}  # folded keyword -> how it is most often given
    for keyword, _times in given.most_common():
        spelling.setdefault(keys[keyword], " ".join(keyword.split()))
    themes = sorted(uses, key=lambda key: (-uses[key], key))
    return _Published(
        version=version,
        checked_at=time.monotonic(),
        ids=ids,
        title_index=WordIndex(title_words),
        themes=[spelling[key] for key in themes],
        theme_index=WordIndex(key.split() for key in themes),
    )


def _published_words() -> _Published:
    """The titles and keywords in memory. The first use reads them; afterwards, once a
    ``REFRESH_SECONDS``, the index's version is compared, and when it changed they are read
    again in a thread while requests go on with the ones they have."""
    global _published
    current = _published
    if current is None:
        with _reading:
            if _published is None:
                _published = _read_published(get_backend().version())
            return _published
    if time.monotonic() - current.checked_at < REFRESH_SECONDS:
        return current
    current.checked_at = time.monotonic()
    version = get_backend().version()
    lock = _reading
    if version != current.version and lock.acquire(blocking=False):
        thread = threading.Thread(
            target=_read_again,
            args=(version, _generation, lock),
            name="suggestions",
            daemon=True,
        )
        thread.start()
    return current


def _read_again(version: str, generation: int, lock: threading.Lock) -> None:
    global _published
    try:
        fresh = _read_published(version)
        if generation == _generation:
            _published = fresh
    except Exception:
        logger.exception("Reading titles and keywords for suggestions failed")
    finally:
        lock.release()
        connections.close_all()  # this thread's


def forget_published() -> None:
    """Read titles and keywords again on next use (tests); a reading under way is not kept."""
    global _published, _generation, _reading
    _published = None
    _generation += 1
    _reading = threading.Lock()


# Levels and subjects

_term_indexes: dict[tuple[str, str, str], tuple[Sequence[RegionalTerm], WordIndex, WordIndex]] = {}


def _term_indexes_for(
    kind: str, region: str, terms: Sequence[RegionalTerm]
) -> tuple[WordIndex, WordIndex]:
    """The words of the terms' labels in the reader's language, and in Dutch (the language
    of both regions' curricula), kept while the vocabulary in memory is the same
    (``curriculum.queries`` reads it again every few minutes)."""
    language = (get_language() or "nl")[:2]
    cached = _term_indexes.get((kind, region, language))
    if cached and len(cached[0]) == len(terms) and all(map(_same, cached[0], terms)):
        return cached[1], cached[2]
    shown = WordIndex(words(str(term.label)) for term in terms)
    dutch = WordIndex(words(str(term.labels.get("nl") or "")) for term in terms)
    _term_indexes[(kind, region, language)] = (terms, shown, dutch)
    return shown, dutch


def _same(a: object, b: object) -> bool:
    return a is b


def _term_suggestions(
    kind: str,
    terms: Sequence[RegionalTerm],
    region: str,
    chunks: list[str],
    typed: list[_Typed],
    edits: int,
) -> tuple[list[Suggestion], bool]:
    """Terms that some of the typed words start words of (in the label shown with typos
    forgiven, or exactly in the Dutch one), leading to the search for the other words with
    the term as a filter; and whether one matched every typed word."""
    shown, dutch = _term_indexes_for(kind, region, terms)
    per_word = []
    for item in typed:
        costs = dutch.entry_costs(item.word, 0)
        costs.update(shown.entry_costs(item.word, edits))
        per_word.append(costs)
    ranked: list[tuple[tuple[int, ...], Suggestion]] = []
    complete = False
    for number in set().union(*per_word):
        run = _best_run(typed, [costs.get(number) for costs in per_word])
        if run is None:
            continue
        start, end, cost = run
        complete = complete or end - start == len(typed)
        used = {item.chunk for item in typed[start:end]}
        rest = " ".join(chunk for n, chunk in enumerate(chunks) if n not in used)
        term = terms[number]
        query = {"q": rest, kind: term.code} if rest else {kind: term.code}
        url = f"{reverse('search:search')}?{urlencode(query)}"
        ranked.append(((start - end, cost, number), Suggestion(str(term.label), url)))
    # Only the terms that match the most words ("3de leer": "3de leerjaar", not also "3de
    # graad" with "leer" left to search for).
    ranked.sort(key=lambda pair: pair[0])
    ranked = [pair for pair in ranked if pair[0][0] == ranked[0][0][0]]
    return [suggestion for _key, suggestion in ranked[: GROUP_LIMITS[kind]]], complete


def _best_run(typed: list[_Typed], costs: list[int | None]) -> tuple[int, int, int] | None:
    """The longest run of neighbouring typed words that all start words of a term (of
    lowest cost among equally long ones): (start, end, cost). A run of only short words
    ("de", "en") counts only at the end, where the teacher is typing ("breuken gr")."""
    best: tuple[int, int, int] | None = None
    for start in range(len(typed)):
        total = 0
        for end in range(start + 1, len(typed) + 1):
            cost = costs[end - 1]
            if cost is None:
                break
            total += cost
            run = typed[start:end]
            meaningful = end == len(typed) or any(
                len(item.word) >= 3 or item.word.isdigit() for item in run
            )
            if meaningful and (best is None or (best[0] - best[1], best[2]) > (start - end, total)):
                best = (start, end, total)
    return best


# Themes and titles


def _theme_suggestions(typed: list[_Typed], published: _Published, edits: int) -> list[Suggestion]:
    found = _best(published.theme_index.every_word(typed, edits), GROUP_LIMITS["theme"])
    search = reverse("search:search")
    return [
        Suggestion(published.themes[n], f"{search}?{urlencode({'q': published.themes[n]})}")
        for n in found
    ]


def _title_suggestions(typed: list[_Typed], published: _Published, edits: int) -> list[Suggestion]:
    """Titles as they are now (read for the few shown, so that only their ids are kept in
    memory), of resources still published."""
    found = [
        published.ids[n]
        for n in _best(published.title_index.every_word(typed, edits), GROUP_LIMITS["title"])
    ]
    titles = {
        pk: title
        for pk, title, status in Resource.objects.filter(pk__in=found)
        .order_by()
        .values_list("pk", "title", "status")
        if status == Status.PUBLISHED
    }
    return [
        Suggestion(titles[pk], Resource(pk=pk, title=titles[pk]).get_absolute_url())
        for pk in found
        if pk in titles
    ]


def _shares(found: dict[str, int], limit: int) -> dict[str, int]:
    """How many of each group to show within ``limit``: one of each in turn."""
    shares = dict.fromkeys(found, 0)
    while sum(shares.values()) < limit and any(shares[k] < found[k] for k in found):
        for kind in found:
            if shares[kind] < found[kind] and sum(shares.values()) < limit:
                shares[kind] += 1
    return shares


def search_suggestions(text: str, region: str, limit: int = 10) -> list[SuggestionGroup]:
    """What to offer while a teacher types ``text``: levels, subjects, themes and titles that
    match (see the module's description), at most ``limit`` in all; empty groups left out."""
    chunks, typed = _typed(text)
    if not any(len(item.word) >= 2 for item in typed):
        return []
    published = _published_words()
    levels, subjects = levels_for_region(region), subjects_for_region(region)
    found: dict[str, list[Suggestion]] = {}
    # Exact words first; one edit only when no suggestion matches every word exactly, two
    # when none does with one (as the search itself does).
    longest = max(len(item.word) for item in typed)
    for edits in (0, 1, 2)[: 1 + (longest >= ONE_EDIT) + (longest >= TWO_EDITS)]:
        found["level"], whole_level = _term_suggestions(
            "level", levels, region, chunks, typed, edits
        )
        found["subject"], whole_subject = _term_suggestions(
            "subject", subjects, region, chunks, typed, edits
        )
        found["theme"] = _theme_suggestions(typed, published, edits)
        found["title"] = _title_suggestions(typed, published, edits)
        if whole_level or whole_subject or found["theme"] or found["title"]:
            break
    labels: dict[str, Promise | str] = dict(GROUP_LABELS)
    for group in matching_pages(text, region):
        found[group.kind], labels[group.kind] = group.items, group.label
    shares = _shares({kind: len(items) for kind, items in found.items()}, limit)
    return [
        SuggestionGroup(kind, str(labels[kind]), items[: shares[kind]])
        for kind, items in found.items()
        if shares[kind]
    ]


def suggestions_json(groups: list[SuggestionGroup]) -> dict:
    """The suggestions as the search boxes' script reads them, with what a screen reader
    says about them (``status``)."""
    count = sum(len(group.items) for group in groups)
    if count:
        status = ngettext("%(count)d suggestion", "%(count)d suggestions", count) % {"count": count}
    else:
        status = gettext("No suggestions")
    return {
        "groups": [
            {
                "kind": group.kind,
                "label": group.label,
                "items": [{"label": item.label, "url": item.url} for item in group.items],
            }
            for group in groups
        ],
        "status": status,
    }

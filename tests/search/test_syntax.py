"""The search box's syntax, parsed once for every backend."""

import pytest

from staffroom.search.syntax import Clause, parse


def words(*items):
    return Clause(words=tuple(items))


def test_words_must_all_match_and_phrases_stay_together():
    parsed = parse('breuken "gelijknamige breuken" optellen')
    assert parsed.groups == (
        (words("breuken"),),
        (words("gelijknamige", "breuken"),),
        (words("optellen"),),
    )
    assert parsed.groups[1][0].is_phrase


def test_exclusions_and_or():
    parsed = parse('klok OR uur -digitaal -"halve uren"')
    assert parsed.groups == ((words("klok"), words("uur")),)
    assert parsed.excluded == (
        Clause(words=("digitaal",), excluded=True),
        Clause(words=("halve", "uren"), excluded=True),
    )
    assert str(parsed) == 'klok OR uur -digitaal -"halve uren"'


def test_lower_case_or_is_a_word():
    # French "or" (gold) is a word, not an operator.
    assert parse("l'or des incas").words == ["l", "or", "des", "incas"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"unbalanced quote', ["unbalanced", "quote"]),
        ('"a b" "c', ["a b", "c"]),
        ("AND OR NOT", ["AND", "NOT"]),
        ("breuken AND procent", ["breuken", "procent"]),  # AND between words changes nothing
        ("(((", []),
        ('" - OR', []),
        ("title_nl:breuken", ["title nl breuken"]),  # no field syntax: one phrase
        ("Hoofdstuk 3: breuken", ["Hoofdstuk", "3", "breuken"]),
        ("OR klok", ["klok"]),
        ("klok OR", ["klok"]),
    ],
)
def test_stray_syntax_is_text_and_never_fails(text, expected):
    parsed = parse(text)
    assert [clause.text for group in parsed.groups for clause in group] == expected


def test_only_exclusions_and_nothing_at_all():
    assert parse("-digitaal").groups == ()
    assert not parse("-digitaal").is_empty
    assert parse("").is_empty
    assert parse("  ---  ").is_empty


def test_a_huge_query_is_capped():
    parsed = parse(" ".join(f"w{i}" for i in range(1000)))
    assert len(parsed.groups) == 32

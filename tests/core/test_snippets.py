"""Search snippets on cards: matches marked, the rest escaped, a worksheet's blanks short."""

from staffroom.core.templatetags.staffroom import marked


def test_a_worksheets_blanks_do_not_become_one_long_word():
    pieces = [("Naam: ________________ Klas: ........ ", False), ("breuken", True), (" …", False)]
    html = marked(pieces)
    assert html == "Naam: ___ Klas: ___ <mark>breuken</mark> …"


def test_text_is_escaped_and_only_matches_are_marked():
    assert marked([("<b>", False), ("a&b", True)]) == "&lt;b&gt;<mark>a&amp;b</mark>"

"""Dutch as it is read in each region: a teacher from the Netherlands logs in with "Inloggen"
(to them "Aanmelden" means signing up), a Flemish teacher with "Aanmelden"; both read "je",
numbers with decimal commas and plurals that agree with their count."""

import re
from pathlib import Path

import allauth
import polib
import pytest
from django.urls import reverse
from django.utils import translation
from tests.factories import MemberFactory

from staffroom.curriculum.models import Region
from staffroom.curriculum.wording import interface_language
from staffroom.search.queries import rating_label

LOCALE = Path(__file__).resolve().parents[2] / "src" / "staffroom" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)(?:\.\d+)?[sdf]")

pytestmark = pytest.mark.django_db


def _header(client, **headers) -> str:
    return client.get(reverse("resources:browse"), **headers).content.decode()


def test_a_visitor_from_the_netherlands_reads_inloggen(client):
    page = _header(client, HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert ">Inloggen<" in page
    assert ">Aanmelden<" not in page


def test_a_flemish_visitor_reads_aanmelden(client):
    page = _header(client, HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9")
    assert '<html lang="nl-BE">' in page
    assert ">Aanmelden<" in page
    assert ">Inloggen<" not in page


def test_a_visitor_who_chooses_the_netherlands_reads_its_wording(client):
    client.post(reverse("set_region"), {"region": Region.NETHERLANDS, "next": "/"})
    assert ">Inloggen<" in _header(client, HTTP_ACCEPT_LANGUAGE="nl")


def test_a_member_reads_the_wording_of_their_profile_region(client):
    member = MemberFactory(region=Region.NETHERLANDS, language="nl")
    client.force_login(member)
    page = _header(client, HTTP_ACCEPT_LANGUAGE="nl-BE")
    assert "Uitloggen" in page
    assert "Afmelden" not in page
    # The page says which Dutch it is in, and the language menu still shows Dutch as chosen.
    assert '<html lang="nl-NL">' in page
    assert re.search(r'<option value="nl" selected', page)


def test_english_is_the_same_in_both_regions(client):
    page = _header(client, HTTP_ACCEPT_LANGUAGE="en-NL,en;q=0.9")
    assert ">Log in<" in page


def test_mail_to_a_member_uses_their_regions_wording():
    dutch = MemberFactory.build(region=Region.NETHERLANDS, language="nl")
    flemish = MemberFactory.build(region=Region.FLANDERS, language="nl")
    english = MemberFactory.build(region=Region.NETHERLANDS, language="en")
    with translation.override(dutch.interface_language):
        assert translation.gettext("Log in") == "Inloggen"
        # Words the regions share come from the common Dutch catalogue.
        assert translation.gettext("Search") == "Zoeken"
    with translation.override(flemish.interface_language):
        assert translation.gettext("Log in") == "Aanmelden"
    assert english.interface_language == "en"
    assert interface_language("nl", Region.NETHERLANDS) == "nl-nl"
    assert interface_language("nl", Region.FLANDERS) == "nl-be"


def test_the_netherlands_wording_only_rewords_messages_of_the_common_catalogue():
    # Staffroom's own messages, and allauth's, whose sign-in pages say "aanmelden" too.
    sources = [LOCALE / "nl" / "LC_MESSAGES" / "django.po"]
    sources.append(Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    variant = polib.pofile(str(LOCALE / "nl_NL" / "LC_MESSAGES" / "django.po"))
    known = {
        (entry.msgctxt, entry.msgid)
        for source in sources
        for entry in polib.pofile(str(source))
        if not entry.obsolete
    }
    stale = [entry.msgid for entry in variant if (entry.msgctxt, entry.msgid) not in known]
    assert stale == [], f"reworded messages no longer in the source: {stale}"
    assert variant.untranslated_entries() == [] and variant.fuzzy_entries() == []
    lost = [
        entry.msgid
        for entry in variant
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
        and not entry.msgid_plural
    ]
    assert lost == []
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.mofile(str(LOCALE / "nl_NL" / "LC_MESSAGES" / "django.mo"))
    }
    assert all(
        compiled.get((e.msgctxt, e.msgid)) == e.msgstr for e in variant if not e.msgid_plural
    )


def test_no_formal_you_in_the_dutch_interface(client):
    """Django's own password messages say "Uw wachtwoord"; the site says "je" everywhere."""
    common = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    formal = re.compile(r"\b([Uu]|[Uu]w|[Uu]zelf)\b")
    assert [e.msgstr for e in common if formal.search(e.msgstr)] == []
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert not formal.search(re.sub(r"<[^>]+>", " ", page)), "formal 'u' on the sign-up page"
    with translation.override("nl-be"):
        assert translation.gettext("Your password can’t be entirely numeric.").startswith("Je ")


@pytest.mark.parametrize(
    ("language", "stars", "label"),
    [
        ("nl", "1", "1 ster en meer"),
        ("nl", "4", "4 sterren en meer"),
        ("en", "1", "1 star and up"),
        ("en", "3", "3 stars and up"),
    ],
)
def test_rating_filters_agree_with_their_count(language, stars, label):
    with translation.override(language):
        assert rating_label(stars) == label


def test_file_sizes_and_averages_use_the_locales_decimal_mark():
    from staffroom.core.templatetags.staffroom import filesize

    with translation.override("nl-be"):
        assert filesize(2765) == "2,7 KB"
    with translation.override("nl-nl"):
        assert filesize(3 * 1024 * 1024 + 300_000) == "3,3 MB"
    with translation.override("en"):
        assert filesize(2765) == "2.7 KB"

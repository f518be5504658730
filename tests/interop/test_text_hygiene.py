"""Harvested text: HTML entities decoded (however often escaped), markup turned into Markdown
(descriptions) or plain text (titles), never stored or exported as literal markup; a language
is never guessed from a default ("und" when a record states none and its text is too short);
OpenAIRE's info:eu-repo/semantics types are mapped; and members are never offered "und"."""

from pathlib import Path

import pytest
from lxml import etree

from staffroom.interop.dc import dc_serialize
from staffroom.interop.harvest import mapping
from staffroom.interop.harvest.parse import markdown_text, parse_metadata, plain_text
from staffroom.interop.harvest.records import import_record
from staffroom.interop.harvest.report import Report
from staffroom.interop.lom import nl_lom_serialize
from staffroom.interop.models.harvest import HarvestRun, HarvestSource
from staffroom.resources.models import ContentLanguage, Resource
from staffroom.search.backends import get_backend, reset_backend
from staffroom.search.backends.base import SearchRequest
from staffroom.search.services import search_reindex
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "zenodo"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _record(name: str):
    return etree.fromstring((DATA / name).read_bytes())


def _metadata(name: str):
    return parse_metadata(_record(name).find(f"{OAI}metadata"))


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("L&amp;rsquo;&amp;acirc;ge", "L’âge"),  # escaped twice
        ("L&rsquo;&acirc;ge", "L’âge"),
        ("<b>Breuken</b> &amp; <i>decimalen</i>", "Breuken & decimalen"),
        ("&lt;p&gt;Breuken&lt;/p&gt;", "Breuken"),
        ("a &lt; b", "a < b"),
        ("R&D; 5 > 3", "R&D; 5 > 3"),
        ("<script>alert(1)</script>Titel", "Titel"),
    ],
)
def test_titles_become_plain_text(raw, text):
    assert plain_text(raw) == text


@pytest.mark.parametrize(
    ("raw", "markdown"),
    [
        ("<p>Eén.</p><p>Twee.</p>", "Eén.\n\nTwee."),
        ("Regel<br>nog een<br/>en nog", "Regel\nnog een\nen nog"),
        (
            "<p>Lijst:</p><ul><li>een</li><li>twee</li></ul><p>Eind</p>",
            "Lijst:\n\n- een\n- twee\n\nEind",
        ),
        ("<ol><li><p>een</p></li>\n<li><p>twee</p></li></ol>", "- een\n- twee"),
        ("<div><h2>Kop</h2>Tekst <span style='x'>hier</span></div>", "Kop\n\nTekst hier"),
        ("&amp;lt;p&amp;gt;Dubbel&amp;lt;/p&amp;gt;", "Dubbel"),
        ("Caf&eacute; zonder opmaak", "Café zonder opmaak"),
        ("<p>x</p><script>alert('x')</script><style>p{}</style>", "x"),
        ("<p>a &lt; b &amp;&amp; c</p>", "a < b && c"),
    ],
)
def test_descriptions_become_markdown(raw, markdown):
    assert markdown_text(raw) == markdown


def test_a_zenodo_record_is_decoded_and_its_markup_converted():
    metadata = _metadata("zenodo-escaped-description.xml")
    assert metadata.title == "L’âge du numérique en classe"
    assert metadata.description == (
        "Ce dossier pédagogique présente des activités pour les élèves de 10 à 12 ans. "
        "L’âge du numérique change la classe.\n\n"
        "Contenu :\n\n"
        "- une fiche enseignant\n"
        "- trois fiches élève\n\n"
        "Voir aussi le guide.\n"
        "Version 2 : corrections."
    )
    assert "&" not in metadata.description and "<" not in metadata.description
    assert metadata.authors == ["Dupont, Amélie", "Lambert, Théo"]
    assert mapping.map_language(metadata.languages).terms == ["fr"]
    kind = mapping.map_type(metadata.types)
    assert [t.code for t in kind.terms] == ["presentation"] and kind.unmapped == []


def test_a_record_without_a_language_is_not_dutch():
    metadata = _metadata("dspace-no-language.xml")
    assert metadata.title == "数学课堂中的合作学习"
    assert metadata.description == "小学数学"
    assert metadata.languages == []
    text = f"{metadata.title}. {metadata.description}"
    # Too little text to tell: not known, whether or not the text is given.
    assert mapping.map_language(metadata.languages).terms == ["und"]
    assert mapping.map_language(metadata.languages, text).terms == ["und"]
    kind = mapping.map_type(metadata.types)
    # A thesis is a text; "publishedVersion" says which version, not what it is.
    assert [t.code for t in kind.terms] == ["article"] and kind.unmapped == []


def test_enough_text_tells_the_language_and_other_languages_are_other():
    metadata = _metadata("invenio-types.xml")
    text = f"{metadata.title}. {metadata.description}"
    assert mapping.map_language([], text).terms == ["en"]
    assert mapping.map_language([]).terms == ["und"]
    chinese = (
        "在这节课中，学生们在数轴上标出分数，比较它们的大小，"
        "并互相解释自己的思考过程，教师观察并记录。"
    )
    assert mapping.map_language([], chinese).terms == ["other"]
    assert mapping.map_language(["zh"]).terms == ["other"]
    assert mapping.map_language(["spa"]).terms == ["other"]
    assert mapping.map_language(["und"]).terms == ["und"]
    unknown = mapping.map_language(["xx-klingon"], "Kort.")
    assert unknown.terms == ["und"] and unknown.unmapped == ["xx-klingon"]
    kind = mapping.map_type(metadata.types)
    assert [t.code for t in kind.terms] == ["article"]
    assert kind.unmapped == ["info:eu-repo/semantics/dataset"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("info:eu-repo/semantics/article", "article"),
        ("info:eu-repo/semantics/bookPart", "article"),
        ("info:eu-repo/semantics/doctoralThesis", "article"),
        ("info:eu-repo/semantics/lecture", "presentation"),
        ("info:eu-repo/semantics/conferencePoster", "presentation"),
    ],
)
def test_eu_repo_types(value, code):
    assert [t.code for t in mapping.map_type([mapping.Term(value=value)]).terms] == [code]


def _import(name: str) -> Resource:
    source = HarvestSource.objects.create(
        name="Zenodo", base_url="https://example.org/oai", organisation=OrganisationFactory()
    )
    record = _record(name)
    report = Report()
    outcome = import_record(
        record,
        source=source,
        run=HarvestRun.objects.create(source=source),
        report=report,
        contributor=MemberFactory(),
    )
    assert outcome == "created", report.as_json()
    return source.records.get().resource


def test_harvested_text_is_stored_and_exported_without_literal_markup():
    resource = _import("zenodo-escaped-description.xml")
    assert resource.title == "L’âge du numérique en classe"
    assert resource.description.startswith("Ce dossier pédagogique présente")
    assert "- une fiche enseignant\n" in resource.description
    assert resource.language == "fr"
    resource.status = "published"
    resource.save()
    for element in (dc_serialize(resource), nl_lom_serialize(resource)):
        text = " ".join(element.itertext())
        for literal in ("<p>", "&lt;", "&eacute;", "&acirc;", "alert("):
            assert literal not in text


def test_a_harvested_record_without_a_language_is_stored_as_not_known():
    resource = _import("dspace-no-language.xml")
    assert resource.language == ContentLanguage.UNDETERMINED == "und"
    assert resource.title == "数学课堂中的合作学习"


def test_a_resource_in_no_known_language_is_indexed_found_and_exported(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    try:
        resource = ResourceFactory(title="数学课堂中的合作学习 fractions", language="und")
        assert search_reindex() == 1
        result = get_backend().search(SearchRequest(text="fractions", limit=10))
        assert list(result.ids) == [resource.pk]
        filtered = get_backend().search(SearchRequest(filters={"language": "und"}, limit=10))
        assert list(filtered.ids) == [resource.pk]
    finally:
        reset_backend()
    resource = Resource.objects.get(pk=resource.pk)
    dc = dc_serialize(resource)
    assert dc.findtext(f"{DC}language") == "und"  # ISO 639-2 "undetermined", valid BCP 47
    lom = nl_lom_serialize(resource)
    assert lom is not None


def test_members_are_never_offered_an_undetermined_language():
    from staffroom.events.forms import EventForm
    from staffroom.forum.forms import QuestionForm
    from staffroom.resources.forms import ModerationForm, ResourceForm

    member = MemberFactory()
    forms = [
        ResourceForm(member=member, region="fl", advanced=True),
        ModerationForm(resource=ResourceFactory(), member=member, region="nl"),
        QuestionForm(region="fl"),
        EventForm(region="fl"),
    ]
    for form in forms:
        codes = [code for code, _label in form.fields["language"].choices]
        assert "und" not in codes, type(form).__name__
        assert "nl" in codes and "other" in codes


def test_the_jsonld_of_a_resource_in_no_known_language_is_valid_amb():
    from staffroom.resources.jsonld import resource_jsonld
    from tests.resources.test_jsonld import _amb_validator, assert_valid

    resource = ResourceFactory(title="数学课堂中的合作学习", language="und")
    data = resource_jsonld(resource, "https://staffroom.example")
    assert_valid(_amb_validator(), data)  # AMB's inLanguage takes ISO 639-1 codes only
    assert "inLanguage" not in data

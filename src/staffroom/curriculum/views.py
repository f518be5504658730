"""Our vocabulary terms as web pages: the URIs that JSON-LD and LOM records use for levels and
subjects (``/vocabularies/levels/fl-lo-3``) resolve to a page for people and, for programs
asking for JSON-LD, to a SKOS description."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from staffroom.core.jsonld import jsonld_script

from .models import Level, Subject
from .queries import terms_by_id

SCHEMES = {"levels": Level, "subjects": Subject}
LINKED_DATA = ("application/ld+json", "application/json")


def _scheme(name: str):
    if name not in SCHEMES:
        raise Http404
    return SCHEMES[name]


def _uri(name: str, term=None) -> str:
    path = reverse("curriculum:scheme", args=[name])
    if term is not None:
        path = reverse("curriculum:concept", args=[name, term.code])
    return settings.SITE_URL.rstrip("/") + path


def _wants_linked_data(request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.GET.get("format") == "jsonld" or any(kind in accept for kind in LINKED_DATA)


def concept_jsonld(name: str, term, terms: dict) -> dict:
    """The term as a SKOS concept (broader, narrower, the crosswalk as a close match)."""
    data = {
        "@context": {"@vocab": "http://www.w3.org/2004/02/skos/core#"},
        "id": _uri(name, term),
        "type": "Concept",
        "prefLabel": term.labels,
        "notation": term.code,
        "inScheme": {"id": _uri(name)},
    }
    if term.parent_id in terms:
        data["broader"] = {"id": _uri(name, terms[term.parent_id])}
    narrower = [t for t in terms.values() if t.parent_id == term.pk]
    if narrower:
        data["narrower"] = [{"id": _uri(name, t)} for t in narrower]
    matches = {t.pk for t in terms.values() if t.equivalent_id == term.pk}
    if term.equivalent_id:
        matches.add(term.equivalent_id)
    if matches:
        data["closeMatch"] = [{"id": _uri(name, terms[pk])} for pk in sorted(matches)]
    return data


def scheme(request, name):
    model = _scheme(name)
    terms = list(terms_by_id(model).values())
    if _wants_linked_data(request):
        return JsonResponse(
            {
                "@context": {"@vocab": "http://www.w3.org/2004/02/skos/core#"},
                "id": _uri(name),
                "type": "ConceptScheme",
                "hasTopConcept": [{"id": _uri(name, t)} for t in terms if t.parent_id is None],
            },
            content_type="application/ld+json",
        )
    regions = {
        "fl": [t for t in terms if t.region == "fl"],
        "nl": [t for t in terms if t.region == "nl"],
    }
    return render(
        request,
        "curriculum/scheme.html",
        {"name": name, "model": model, "regions": regions},
    )


def concept(request, name, code):
    model = _scheme(name)
    terms = terms_by_id(model)
    term = next((t for t in terms.values() if t.code == code), None)
    if term is None:
        raise Http404
    data = concept_jsonld(name, term, terms)
    if _wants_linked_data(request):
        return JsonResponse(data, content_type="application/ld+json")
    equivalents = [t for t in terms.values() if t.equivalent_id == term.pk]
    if term.equivalent_id and terms[term.equivalent_id] not in equivalents:
        equivalents.insert(0, terms[term.equivalent_id])
    return render(
        request,
        "curriculum/concept.html",
        {
            "name": name,
            "term": term,
            "broader": terms.get(term.parent_id),
            "narrower": [t for t in terms.values() if t.parent_id == term.pk],
            "equivalents": equivalents,
            "browse_parameter": "level" if model is Level else "subject",
            "jsonld_script": jsonld_script(data),
        },
    )

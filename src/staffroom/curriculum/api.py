"""The curriculum vocabularies over the JSON API: levels, subjects and resource types of both
regions, with the crosswalk between them."""

from ninja import Router

from .models import Level, Subject
from .queries import resource_types, terms_by_id
from .schemas import Term

router = Router(tags=["vocabularies"])


class RegionalTerm(Term):
    region: str
    parent: str | None
    equivalent: str | None
    position: int


class LevelOut(RegionalTerm):
    isced: str
    depth: int


class SubjectOut(RegionalTerm):
    pass


class ResourceTypeOut(Term):
    hcrt_uri: str
    oeh_uri: str


def _regional(term, by_id: dict) -> dict:
    parent = by_id.get(term.parent_id)
    equivalent = by_id.get(term.equivalent_id)
    return {
        "code": term.code,
        "labels": dict(term.labels),
        "region": term.region,
        "parent": parent.code if parent else None,
        "equivalent": equivalent.code if equivalent else None,
        "position": term.position,
    }


@router.get("/levels", response=list[LevelOut], summary="Education levels")
def levels(request):
    """Every education level of Flanders and the Netherlands in display order: ``parent`` is
    the broader level, ``equivalent`` the nearest level of the other region (the crosswalk),
    ``isced`` the ISCED 2011 code."""
    by_id = terms_by_id(Level)
    return [
        {**_regional(level, by_id), "isced": level.isced, "depth": level.depth}
        for level in by_id.values()
    ]


@router.get("/subjects", response=list[SubjectOut], summary="Subjects")
def subjects(request):
    """Every subject of both regions, with its broader subject and its crosswalk equivalent."""
    by_id = terms_by_id(Subject)
    return [_regional(subject, by_id) for subject in by_id.values()]


@router.get("/resource-types", response=list[ResourceTypeOut], summary="Resource types")
def types(request):
    """Kinds of resource (worksheet, lesson plan, ...) with their HCRT and OpenEduHub terms."""
    return [
        {
            "code": kind.code,
            "labels": dict(kind.labels),
            "hcrt_uri": kind.hcrt_uri,
            "oeh_uri": kind.oeh_uri,
        }
        for kind in resource_types()
    ]

"""Resources over the JSON API: published resources for everyone; partner organisations with a
token add web links and change their own resources, which then go through moderation like
anything contributed on the site (``resources.services``)."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import BaseModel, BeforeValidator, model_validator

from staffroom.api.security import TokenWriteThrottle, partner_token
from staffroom.core.schemas import MAX_ID, Message, PageParams, ValidationErrors, page_of
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.schemas import Term, term_out
from staffroom.curriculum.vocabularies import read_vocabulary

from .inputs import ResourceInput
from .licences import LICENCE_URLS, TEACHER_LICENCES, Licence, licence_terms, remix_licences
from .models import ContentLanguage, Cost, Resource
from .models import Status as ResourceStatus
from .partner_api import api_resource_create, api_resource_update
from .queries import ResourceFilters, filter_by_publisher, resource_detail, resources_filtered

router = Router(tags=["resources"])
licences_router = Router(tags=["vocabularies"])


# The codes a resource may be tagged with, from the vocabulary files every deployment loads:
# the OpenAPI document lists them, so clients (and schema-driven tests) know the valid values.
# Built at run time, so the type checker sees them as the strings they are.
if TYPE_CHECKING:
    LevelCode: TypeAlias = str
    SubjectCode: TypeAlias = str
    TypeCode: TypeAlias = str
    LicenceCode: TypeAlias = str
    LanguageCode: TypeAlias = str
    CostCode: TypeAlias = str
else:
    LevelCode = Literal[tuple(entry["code"] for entry in read_vocabulary("levels"))]
    SubjectCode = Literal[tuple(entry["code"] for entry in read_vocabulary("subjects"))]
    TypeCode = Literal[tuple(entry["code"] for entry in read_vocabulary("resource_types"))]
    # "see-source" is only for harvested records (with the source's statement).
    LicenceCode = Literal[tuple(code for code in Licence.values if code != Licence.SEE_SOURCE)]
    LanguageCode = Literal[tuple(ContentLanguage.values)]
    CostCode = Literal[tuple(Cost.values)]

# What the web form's URL check (http and https only, a host with a top-level domain) accepts,
# so that the schema promises no address the service would refuse.
URL_PATTERN = (
    r"^https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}"
    r"(:[1-9][0-9]{0,3})?(/[!-~]*)?$"
)
# At least 20 characters once surrounding white space is taken off (as the service counts).
# Text the database can keep has no NUL character (PostgreSQL refuses it, as the web forms do);
# saying so in the patterns puts it in the OpenAPI document too.
DESCRIPTION_PATTERN = r"^\s*[^\s\x00][^\x00]{18,}[^\s\x00]\s*$"
HAS_TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, Field(pattern=NO_NUL)]


# --- Reading -------------------------------------------------------------------------------


class ResourceQuery(PageParams):
    level: str = Field(
        "",
        max_length=60,
        description="Level code; includes sub-levels and the other region's equivalents.",
    )
    subject: str = Field("", max_length=60, description="Subject code, as ``level``.")
    type: str = Field("", max_length=60, description="Resource type code.")
    language: str = Field("", max_length=10)
    licence: str = Field("", max_length=40)
    kind: str = Field("", max_length=10, description="file, link or embed.")
    cost: str = Field("", max_length=10, description="free, free-until or paid.")
    publisher: str = Field("", max_length=40, description="member:<id> or organisation:<id>.")
    sort: str = Field("newest", max_length=20, description="newest, popular or title.")


class Licensing(Schema):
    code: str
    label: str = Field(description="Its name with its version: “CC BY-SA 3.0”.")
    url: str | None = Field(description="The licence's canonical URI, with its version.")
    spdx: str | None = Field(None, description="Its SPDX id, where SPDX lists it.")
    statement: str | None = Field(
        None, description="The source's own rights statement, word for word (licence see-source)."
    )


class Publisher(Schema):
    type: Literal["member", "organisation"]
    id: int
    name: str
    url: str


class FileOut(Schema):
    id: int
    name: str
    size: int
    mime_type: str
    download_url: str


class ResourceOut(Schema):
    id: int
    title: str
    description: str
    url: str = Field(description="The resource's page on Staffroom.")
    kind: str
    link: str | None = Field(description="The web address of a link or embed.")
    language: str
    type: Term | None
    levels: list[Term]
    subjects: list[Term]
    keywords: list[str]
    licence: Licensing
    author: str
    attribution: str
    accessibility_notes: str
    duration: int | None = Field(description="Minutes in class, where known.")
    publisher: Publisher
    based_on: int | None
    manual_for: int | None = Field(
        description="The published tool or resource this one is a manual for."
    )
    manuals: list[int] = Field(description="Its published manuals.")
    cost: CostCode = Field(
        description="free; free-until: free from free_from until free_until (a tool "
        "offer); paid: cost_note gives the price."
    )
    cost_note: str = Field(description="The price, or the conditions of an offer.")
    free_from: date | None
    free_until: date | None
    files: list[FileOut]
    published_at: datetime | None
    updated_at: datetime
    downloads: int
    rating_average: float | None
    rating_count: int


class ResourcePage(Schema):
    count: int
    limit: int
    offset: int
    results: list[ResourceOut]


def _publisher(request, resource: Resource) -> dict:
    publisher = resource.publisher
    return {
        "type": "organisation" if resource.organisation_id else "member",
        "id": publisher.pk,
        "name": str(publisher),
        "url": request.build_absolute_uri(publisher.get_absolute_url()),
    }


def _manual_links(resources: list[Resource]) -> tuple[dict[int, list[int]], set[int]]:
    """For a page of resources, in two queries: the published manuals of each, and which of
    the tools they are manuals for are published (a manual of a tool taken offline names
    none)."""
    ids = [resource.pk for resource in resources]
    manuals: dict[int, list[int]] = {}
    for manual_id, tool_id in (
        Resource.objects.published()
        .filter(manual_for_id__in=ids)
        .order_by("pk")
        .values_list("pk", "manual_for_id")
    ):
        manuals.setdefault(tool_id, []).append(manual_id)
    tools = {resource.manual_for_id for resource in resources if resource.manual_for_id}
    published = set(Resource.objects.published().filter(pk__in=tools).values_list("pk", flat=True))
    return manuals, published


def _resource_out(request, resource: Resource, links=None) -> dict:
    manuals, published_tools = links or _manual_links([resource])
    files = getattr(resource, "listed_files", None)
    if files is None:
        files = list(resource.files.filter(pending=False))
    return {
        "id": resource.pk,
        "title": resource.title,
        "description": resource.description,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
        "kind": resource.kind,
        "link": resource.url or None,
        "language": resource.language,
        "type": term_out(resource.resource_type) if resource.resource_type else None,
        "levels": [term_out(level) for level in resource.listed_levels],
        "subjects": [term_out(subject) for subject in resource.listed_subjects],
        "keywords": [str(keyword) for keyword in resource.keywords or []],
        "licence": _licensing(resource),
        "author": resource.credited_author,
        "attribution": resource.attribution,
        "accessibility_notes": resource.accessibility_notes,
        "duration": resource.duration,
        "publisher": _publisher(request, resource),
        "based_on": resource.based_on_id,
        "manual_for": resource.manual_for_id if resource.manual_for_id in published_tools else None,
        "manuals": manuals.get(resource.pk, []),
        "cost": resource.cost,
        "cost_note": resource.cost_note,
        "free_from": resource.free_from,
        "free_until": resource.free_until,
        "files": [
            {
                "id": resource_file.pk,
                "name": resource_file.original_name,
                "size": resource_file.size,
                "mime_type": resource_file.mime_type,
                "download_url": request.build_absolute_uri(
                    reverse("resources:download", args=[resource.pk, resource_file.pk])
                ),
            }
            for resource_file in files
        ],
        "published_at": resource.published_at,
        "updated_at": resource.updated_at,
        "downloads": resource.download_count,
        "rating_average": resource.rating_average if resource.rating_count else None,
        "rating_count": resource.rating_count,
    }


@router.get(
    "/",
    response={200: ResourcePage, 422: ValidationErrors},
    summary="Published resources",
)
def resource_list(request, params: Query[ResourceQuery]):
    """Published resources, newest first (or ``popular``, ``title``), filtered as on the browse
    page. Unknown filter values are ignored; paged with ``limit`` and ``offset``."""
    filters = ResourceFilters.from_query(params.dict())
    queryset = filter_by_publisher(resources_filtered(filters, params.sort), params.publisher)
    page = page_of(queryset, params)
    items = list(page["items"])
    links = _manual_links(items)
    return {
        "count": page["count"],
        "limit": page["limit"],
        "offset": page["offset"],
        "results": [_resource_out(request, resource, links) for resource in items],
    }


@router.get(
    "/{resource_id}",
    response={200: ResourceOut, 404: Message, 422: ValidationErrors},
    summary="A published resource",
)
def resource_get(request, resource_id: int = Path(..., ge=1, le=MAX_ID)):
    """One published resource; anything else (a draft, a resource waiting for review, taken
    offline) is not found."""
    resource = resource_detail(resource_id)
    if resource is None or not resource.is_published:
        raise Http404
    return _resource_out(request, resource)


def _licensing(resource) -> dict:
    """A resource's licence as the API gives it: code, name with version, URI and SPDX id."""
    if resource.licence not in Licence.values:
        return {"code": resource.licence, "label": resource.licence, "url": None}
    licence = Licence(resource.licence)
    return {
        "code": licence.value,
        "label": str(licence.label),
        "url": LICENCE_URLS.get(licence),
        "spdx": licence_terms(licence).spdx or None,
        "statement": (resource.rights_statement or None) if licence == Licence.SEE_SOURCE else None,
    }


class LicenceOut(Schema):
    code: str
    label: str
    url: str | None
    spdx: str | None
    version: str | None = Field(description="“3.0”; none for all rights reserved.")
    jurisdiction: str | None = Field(description="The country of a port: “nl”, “de”, “be”.")
    for_partners_only: bool = Field(
        description="Not offered to teachers for new work: older versions, software licences "
        "and “all rights reserved” come with partner and harvested content."
    )
    adaptations_allowed_under: list[str] = Field(
        description="The licences an adaptation may carry (empty: no adaptations)."
    )


@licences_router.get("/licences", response=list[LicenceOut], summary="Licences")
def licences(request):
    """Every licence a resource may carry, with its version, URI and SPDX id, and the remix
    rules (which take versions into account)."""
    return [
        {
            "code": licence.value,
            "label": str(licence.label),
            "url": LICENCE_URLS.get(licence),
            "spdx": licence_terms(licence).spdx or None,
            "version": ".".join(map(str, licence_terms(licence).version)) or None,
            "jurisdiction": licence_terms(licence).jurisdiction or None,
            "for_partners_only": licence not in TEACHER_LICENCES,
            "adaptations_allowed_under": [str(allowed) for allowed in remix_licences(licence)],
        }
        for licence in Licence
    ]


# --- Writing (partner organisations) -------------------------------------------------------


def _storable(value) -> None:
    """Text the database can keep as UTF-8: no lone surrogate (the patterns keep NULs out)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValueError("Text must be valid Unicode.") from error
    elif isinstance(value, list):
        for item in value:
            _storable(item)


class _WriteModel(BaseModel):
    @model_validator(mode="after")
    def _only_storable_text(self):
        for name in type(self).model_fields:
            _storable(getattr(self, name))
        return self


def _date_text(value):
    """A date only as ISO text (or a date): pydantic would read a number as a timestamp."""
    if not isinstance(value, str | date):
        raise ValueError("Give a date as YYYY-MM-DD.")
    return value


IsoDate = Annotated[date, BeforeValidator(_date_text)]


# What it costs, one shape per kind, so that every combination the schema allows is one the
# rules accept (a paid resource without its price, or an offer without its last day, cannot
# be written). The first day of an offer is the day it is published; a later one is set in
# the contribution form (a rule between two dates is none a schema can say).
class FreeIn(_WriteModel):
    kind: Literal["free"]


class OfferIn(_WriteModel):
    kind: Literal["free-until"]
    until: IsoDate = Field(description="The last free day (the offer ends by itself after it).")
    conditions: str = Field(
        "", max_length=300, pattern=NO_NUL, description="Who may use it free, and how."
    )


class PaidIn(_WriteModel):
    kind: Literal["paid"]
    price: str = Field(
        max_length=300, pattern=HAS_TEXT, description="The price, or how to get one."
    )


CostIn = FreeIn | OfferIn | PaidIn


# Plain pydantic models: ninja's Schema reads attributes of any object (a JSON string "abc"
# would pass as an empty patch, with "title" read from str.title), a body must be an object.
class ResourceIn(_WriteModel):
    """A web link to publish under the token's organisation."""

    title: str = Field(max_length=200, pattern=HAS_TEXT)
    description: str = Field(
        max_length=10_000,
        pattern=DESCRIPTION_PATTERN,
        description="At least 20 characters; Markdown is allowed.",
    )
    url: str = Field(max_length=1000, pattern=URL_PATTERN, description="The web link (http(s)).")
    levels: list[LevelCode] = Field(min_length=1, max_length=20)
    subjects: list[SubjectCode] = Field(min_length=1, max_length=20)
    type: TypeCode
    licence: LicenceCode
    language: LanguageCode | None = Field(None, description="Detected from the text if left out.")
    keywords: list[Text] = Field(default_factory=list, max_length=30)
    author_name: str = Field("", max_length=200, pattern=NO_NUL)
    attribution: str = Field("", max_length=300, pattern=NO_NUL)
    accessibility_notes: str = Field("", max_length=2000, pattern=NO_NUL)
    duration: int | None = Field(None, ge=1, le=600, description="Minutes in class, if known.")
    cost: CostIn = Field(
        default_factory=lambda: FreeIn(kind="free"),
        description="What using it costs; free when left out.",
        discriminator="kind",
    )


class ResourcePatch(_WriteModel):
    """The fields to change; those left out (or null) stay as they are."""

    title: str | None = Field(None, max_length=200, pattern=HAS_TEXT)
    description: str | None = Field(None, max_length=10_000, pattern=DESCRIPTION_PATTERN)
    url: str | None = Field(None, max_length=1000, pattern=URL_PATTERN)
    levels: list[LevelCode] | None = Field(None, min_length=1, max_length=20)
    subjects: list[SubjectCode] | None = Field(None, min_length=1, max_length=20)
    type: TypeCode | None = None
    licence: LicenceCode | None = None
    language: LanguageCode | None = None
    keywords: list[Text] | None = Field(None, max_length=30)
    author_name: str | None = Field(None, max_length=200, pattern=NO_NUL)
    attribution: str | None = Field(None, max_length=300, pattern=NO_NUL)
    accessibility_notes: str | None = Field(None, max_length=2000, pattern=NO_NUL)
    duration: int | None = Field(None, ge=1, le=600, description="Minutes in class.")
    cost: CostIn | None = Field(None, discriminator="kind")


class ResourceWritten(Schema):
    id: int
    status: str = Field(description="pending: waiting for a moderator.")
    edit_pending: bool = Field(
        description="True when the resource is published and the change waits for review."
    )
    url: str


WRITE_ERRORS = {400: Message, 401: Message, 422: ValidationErrors, 429: Message}
# Field names of the services' messages, as the API calls them.
API_FIELD = {"resource_type": "type", "files": "url", "kind": "url"}


class _Invalid(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors


def _terms(model, codes: list[str], field: str) -> list:
    terms = list(model.objects.filter(code__in=codes))
    missing = set(codes) - {term.code for term in terms}
    if missing:
        raise _Invalid({field: [f"Unknown code: {', '.join(sorted(missing))}."]})
    return terms


def _service_data(payload: BaseModel, *, partial: bool) -> ResourceInput:
    """The payload as the resource services take it (model instances; the input cleans
    text and keywords as it does for the web form)."""
    given = payload.model_dump(exclude_unset=partial)
    given = {name: value for name, value in given.items() if value is not None}
    if "url" in given:
        try:
            URLValidator(schemes=["http", "https"])(given["url"])
        except ValidationError:
            raise _Invalid({"url": ["Enter a valid web address (http or https)."]}) from None
    if "levels" in given:
        given["levels"] = _terms(Level, given["levels"], "levels")
    if "subjects" in given:
        given["subjects"] = _terms(Subject, given["subjects"], "subjects")
    if "type" in given:
        given["resource_type"] = _terms(ResourceType, [given.pop("type")], "type")[0]
    if "cost" in given:
        given.update(_cost_fields(given.pop("cost")))
    return ResourceInput.from_values(given)


def _cost_fields(cost: dict) -> dict:
    """The ``cost`` object as the resource's fields."""
    kind = cost["kind"]
    return {
        "cost": kind,
        "cost_note": cost.get("price") or cost.get("conditions") or "",
        "free_from": None,
        "free_until": cost.get("until") if kind == Cost.FREE_UNTIL else None,
    }


def _unprocessable(errors: dict[str, list[str]]) -> dict:
    return {
        "detail": [
            {
                "loc": ["body", "payload", API_FIELD.get(field, field)]
                if field != "__all__"
                else ["body", "payload"],
                "msg": str(message),
                "type": "invalid",
            }
            for field, messages in errors.items()
            for message in messages
        ]
    }


def _refusal(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return _unprocessable(error.message_dict)
    return _unprocessable({"__all__": error.messages})


def _written(request, resource: Resource, edit_pending: bool) -> dict:
    return {
        "id": resource.pk,
        "status": resource.status,
        "edit_pending": edit_pending,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
    }


@router.post(
    "/",
    auth=partner_token,
    throttle=[TokenWriteThrottle()],
    response={201: ResourceWritten, **WRITE_ERRORS},
    summary="Add a web link (partner token)",
)
def resource_create(request, payload: ResourceIn):
    """A web link published under the token's organisation. It is checked like the
    contribution form and goes to the moderation queue: the answer is 201 with status
    ``pending``. Incomplete or invalid data is answered 422 with a message per field, and
    nothing is kept."""
    try:
        resource = api_resource_create(
            token=request.auth, data=_service_data(payload, partial=False)
        )
    except _Invalid as invalid:
        return Status(422, _unprocessable(invalid.errors))
    except ValidationError as error:
        return Status(422, _refusal(error))
    return Status(201, _written(request, resource, False))


def _update(request, resource_id: int, payload: BaseModel, *, partial: bool):
    token = request.auth
    resource = Resource.objects.filter(pk=resource_id, organisation=token.organisation).first()
    # Another organisation's resource is answered as if it did not exist.
    if resource is None:
        return Status(404, {"detail": "Not Found"})
    if resource.status == ResourceStatus.REJECTED:
        return Status(409, {"detail": "This resource was rejected and can no longer be changed."})
    try:
        resource, edit_pending = api_resource_update(
            token=token, resource=resource, data=_service_data(payload, partial=partial)
        )
    except _Invalid as invalid:
        return Status(422, _unprocessable(invalid.errors))
    except ValidationError as error:
        return Status(422, _refusal(error))
    return Status(200, _written(request, resource, edit_pending))


UPDATE_RESPONSES = {200: ResourceWritten, 404: Message, 409: Message, **WRITE_ERRORS}


@router.patch(
    "/{resource_id}",
    auth=partner_token,
    throttle=[TokenWriteThrottle()],
    response=UPDATE_RESPONSES,
    summary="Change some fields of an own resource (partner token)",
)
def resource_patch(request, payload: ResourcePatch, resource_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change the fields given of a resource of the token's organisation. A published
    resource stays online as it is and the change waits for a moderator (``edit_pending``);
    a draft or a resource waiting for review is changed and (again) submitted. Other
    organisations' resources are not found; a rejected resource is a 409."""
    return _update(request, resource_id, payload, partial=True)


@router.put(
    "/{resource_id}",
    auth=partner_token,
    throttle=[TokenWriteThrottle()],
    response=UPDATE_RESPONSES,
    summary="Replace an own resource's metadata (partner token)",
)
def resource_put(request, payload: ResourceIn, resource_id: int = Path(..., ge=1, le=MAX_ID)):
    """As PATCH, with every field given."""
    return _update(request, resource_id, payload, partial=False)

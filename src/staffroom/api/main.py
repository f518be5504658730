"""The versioned JSON API at /api/v1/ (OpenAPI document at /api/v1/openapi.json).

Each app contributes a router from its own api.py; handlers call the same queries and
services as the pages."""

from ninja import NinjaAPI

from staffroom.search.api import router as search_router

api = NinjaAPI(
    title="Staffroom API",
    version="1",
    description="Educational resources shared by teachers of Flanders and the Netherlands.",
    urls_namespace="api-v1",
)
api.add_router("/search", search_router)

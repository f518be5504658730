"""The versioned JSON API at /api/v1/ (OpenAPI document at /api/v1/openapi.json).

Each app contributes a router from its own api.py; handlers call the same queries and
services as the pages."""

from ninja import NinjaAPI

from staffroom.api.security import ApiReadThrottle
from staffroom.curriculum.api import router as curriculum_router
from staffroom.events.api import router as events_router
from staffroom.resources.api import licences_router
from staffroom.resources.api import router as resources_router
from staffroom.search.api import router as search_router

api = NinjaAPI(
    title="Staffroom API",
    version="1",
    description=(
        "Educational resources shared by teachers of Flanders and the Netherlands. Reading is "
        "open to everyone; partner organisations write with a token "
        "(`Authorization: Bearer <key>`), made on /api/tokens/."
    ),
    urls_namespace="api-v1",
    # Every operation without a throttle of its own (the writes have TokenWriteThrottle).
    throttle=[ApiReadThrottle()],
)
api.add_router("/search", search_router)
api.add_router("/resources", resources_router)
api.add_router("/vocabularies", curriculum_router)
api.add_router("/vocabularies", licences_router)
api.add_router("/events", events_router)

from django.contrib import admin
from django.urls import include, path

from staffroom.site.api import api

urlpatterns = [
    path("", include("staffroom.site.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("staffroom.accounts.urls")),
    path("", include("staffroom.security.urls")),
    path("resources/", include("staffroom.resources.urls")),
    path("collections/", include("staffroom.resources.collection_urls")),
    path("offers/", include("staffroom.resources.offer_urls")),
    path("search/", include("staffroom.search.urls")),
    path("notifications/", include("staffroom.notifications.urls")),
    path("forum/", include("staffroom.forum.urls")),
    path("events/", include("staffroom.events.urls")),
    path("newsletter/", include("staffroom.newsletter.urls")),
    path("themes/", include("staffroom.themes.urls")),
    path("", include("staffroom.insight.urls")),
    path("", include("staffroom.interop.urls")),
    path("", include("staffroom.curriculum.urls")),
    path("", include("staffroom.recognition.urls")),
    path("api/v1/", api.urls),
    path("api/", include("staffroom.api.urls")),
    path("moderation/", include("staffroom.moderation.urls")),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served from MEDIA_ROOT directly: downloads and previews go through
# views that check who may see them (drafts, files of an edit waiting for review).

handler404 = "staffroom.site.views.not_found"
handler500 = "staffroom.site.views.server_error"

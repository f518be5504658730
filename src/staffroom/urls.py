from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("staffroom.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("staffroom.accounts.urls")),
    path("resources/", include("staffroom.resources.urls")),
    path("moderation/", include("staffroom.moderation.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "staffroom.core.views.not_found"
handler500 = "staffroom.core.views.server_error"
